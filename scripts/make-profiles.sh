#!/usr/bin/env bash
# Remake the CMYK output profiles of profiles/ from the characterization data that
# Debian's icc-profiles-free ships, with ArgyllCMS's colprof (Debian: argyll); see
# profiles/README.md. The profiles are committed, so that every machine prints the same
# colours to the byte; run this only to change how they are made (`make profiles`).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
data=/usr/share/color/icc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
make_profile() {  # NAME DATA DESCRIPTION
  cp "$data/$2.ti3" "$work/"
  # -qm: medium quality tables; -kr: black generation ramping from none at white to
  # full at black; -l300: 300% total ink, the limit the preflight holds every page to.
  (cd "$work" && colprof -qm -nc -kr -l300 -D "$3" \
     -C "Made from $2 characterization data (Zlib licence) with ArgyllCMS colprof" "$2")
  cp "$work/$2.icc" "$here/profiles/$1.icc"
  echo "wrote profiles/$1.icc"
}
make_profile FOGRA39 FOGRA39L "FOGRA39 (ISO 12647-2 coated, 300% ink), built with ArgyllCMS"
make_profile FOGRA29 FOGRA29L "FOGRA29 (ISO 12647-2 uncoated, 300% ink), built with ArgyllCMS"
