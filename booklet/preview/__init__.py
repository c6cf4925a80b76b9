"""Live preview for content authors: a local web server that shows each booklet and
handout page by page as it will print, builds on demand (the page looked at first), builds
again when a content, template, style or asset file changes, and reloads the open page by
itself.

The pages are pictures of the very PDF the build writes (the screen variant), with each
page's text beside it for search and screen readers. A content error never stops the
server: every page shows the error lines until the file is fixed.

`booklet.preview.state` holds what the preview knows and builds; `booklet.preview.server`
answers the browser.
"""

from booklet.preview.server import (Handler, NotFound, PreviewServer, listen, serve,
                                    served_pdf)
from booklet.preview.state import Preview, PreviewError, source_filter, watched_folders

__all__ = ["Handler", "NotFound", "Preview", "PreviewError", "PreviewServer", "listen",
           "serve", "served_pdf", "source_filter", "watched_folders"]
