#!/usr/bin/env python3
"""Build printable PDF booklets and handouts from the content YAML; see --help."""

import sys

if __name__ == "__main__":
    try:
        from booklet.cli import main
    except KeyboardInterrupt:
        # Ctrl-C while the libraries load: nothing was written yet.
        sys.exit(130)
    sys.exit(main())
