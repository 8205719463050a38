#!/usr/bin/env bash
# Copies the screenshots of the last VS Code end-to-end run into images/ for the README.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$HERE/../../tests/artifacts/vscode"
mkdir -p "$HERE/images"
for f in 1-problems 2-hover-condition-key 3-completion 5-quickfix; do
  cp "$SRC/$f.png" "$HERE/images/$f.png"
done
echo "updated $HERE/images (check they show the real server, not the harness stand-in)"
