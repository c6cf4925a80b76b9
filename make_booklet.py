#!/usr/bin/env python3
"""Build printable PDF booklets and handouts from the content YAML; see --help."""

import sys

from booklet.cli import main

if __name__ == "__main__":
    sys.exit(main())
