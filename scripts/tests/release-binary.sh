#!/usr/bin/env bash
# The binary that ships (the release profile): no debug info and no symbol table, at most 10 MB,
# and the size the README gives within 0.5 MB of the real one.
set -euo pipefail
source "$(dirname "$0")/../lib/install.sh"
apt_install binutils

sections=$(readelf -S --wide "$ATOP_LINT")
if grep -E '\.(debug_[a-z]+|symtab)\b' <<<"$sections"; then
  echo "$ATOP_LINT carries debug info or a symbol table" >&2
  exit 1
fi
bytes=$(stat -c %s "$ATOP_LINT")
[ "$bytes" -le $((10 * 1000 * 1000)) ] || { echo "$ATOP_LINT is $bytes bytes, over 10 MB" >&2; exit 1; }
# The README says "a single N.N MB binary".
said=$(grep -oE 'a single [0-9]+\.[0-9] MB binary' "$REPO/README.md" | grep -oE '[0-9]+\.[0-9]')
[ -n "$said" ] || { echo "README.md does not give the binary's size" >&2; exit 1; }
awk -v b="$bytes" -v s="$said" 'BEGIN { d = b / 1e6 - s; exit !(d <= 0.5 && d >= -0.5) }' ||
  { echo "README.md says $said MB; the binary is $bytes bytes" >&2; exit 1; }
echo "release binary: $bytes bytes, stripped (README: $said MB)"
