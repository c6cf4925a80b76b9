"""python -m booklet.schema [FILE]: print the field reference, or write it into FILE."""

import sys
from pathlib import Path

from booklet.schema.reference import reference, write_reference

if len(sys.argv) > 1:
    write_reference(Path(sys.argv[1]))
else:
    print(reference(), end="")
