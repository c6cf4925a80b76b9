"""The content schema: declared once (`booklet.schema.declarations`) with the kinds of
`booklet.schema.kinds` and `booklet.schema.text`; the same declarations check the content
and write the field reference of the documentation (`booklet.schema.reference`,
``python -m booklet.schema``).
"""

from booklet.schema.declarations import (DOCUMENTED, FILES, OPTIONAL_FILES, SESSION,
                                         SESSION_DOCUMENTED, TRANSLATION)
from booklet.schema.kinds import INVALID, Kind, ListOf, MapOf, Reader, Record, join_path
from booklet.schema.text import Text
from booklet.schema.reference import reference, write_reference

__all__ = ["DOCUMENTED", "FILES", "INVALID", "OPTIONAL_FILES", "SESSION", "SESSION_DOCUMENTED",
           "TRANSLATION", "Kind", "ListOf", "MapOf", "Reader", "Record", "Text", "join_path",
           "reference", "write_reference"]
