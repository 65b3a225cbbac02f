#!/usr/bin/env bash
# The Python package (pyproject.toml, maturin with `bindings = "bin"`): plain `pip wheel .` builds
# a wheel; installed into a fresh virtual environment it gives the `atop-lint` command, which, with
# no cargo or rustc on PATH, checks the example (its findings, status 1) and serves LSP to a real
# client (initialize, didOpen, publishDiagnostics, shutdown). pipx and `uv tool` install the same
# wheel as a command.
set -euo pipefail
source "$(dirname "$0")/../lib/install.sh"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

wheel=$(python_wheel)
tools=$(python_venv installers "pipx==1.18.4" "uv==0.13.8")
echo "wheel: $(basename "$wheel")"
listing=$(python3 -m zipfile -l "$wheel")
for file in '\.data/scripts/atop-lint' 'dist-info/licenses/LICENSE-MIT' \
  'dist-info/licenses/LICENSE-APACHE' 'dist-info/METADATA'; do
  grep -qE "$file" <<<"$listing" || { echo "the wheel lacks $file:" >&2; echo "$listing" >&2; exit 1; }
done

python3 -m venv "$scratch/venv"
"$scratch/venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$wheel"
installed="$scratch/venv/bin/atop-lint"
bytes=$(stat -c %s "$installed")
[ "$bytes" -le $((10 * 1000 * 1000)) ] || { echo "the installed binary is $bytes bytes" >&2; exit 1; }
echo "installed binary: $bytes bytes"

PATH=$(no_rust_path "$scratch/venv/bin")
export PATH
status=0
(cd "$REPO" && atop-lint check examples/5030) >"$scratch/check.log" 2>&1 || status=$?
if [ "$status" != 1 ] ||
  ! grep -q '#109 names no question' "$scratch/check.log" ||
  ! grep -q 'Q11 says No, but Art. 19 has notice terms' "$scratch/check.log"; then
  echo "atop-lint check examples/5030: status $status, expected 1 with #109 and Q11/Art. 19:" >&2
  cat "$scratch/check.log" >&2
  exit 1
fi
echo "atop-lint check examples/5030: status 1, $(tail -n 1 "$scratch/check.log")"
timeout 300 python "$REPO/scripts/lib/lsp_roundtrip.py" atop-lint \
  "$REPO/examples/5030/5030.codesheet.txt"

# pipx and uv install the wheel as a command of its own, in their own folders.
export PIPX_HOME="$scratch/pipx" PIPX_BIN_DIR="$scratch/pipx-bin"
export UV_TOOL_DIR="$scratch/uv" UV_TOOL_BIN_DIR="$scratch/uv-bin" UV_NO_CACHE=1 UV_OFFLINE=1
timeout 300 "$tools/bin/pipx" install --quiet --pip-args=--no-index "$wheel" >/dev/null
timeout 300 "$tools/bin/uv" tool install --quiet "$wheel"
for bin in "$PIPX_BIN_DIR" "$UV_TOOL_BIN_DIR"; do
  version=$("$bin/atop-lint" --version)
  [ "$version" = "atop-lint $(sed -n 's/^version = "\(.*\)"$/\1/p' "$REPO/Cargo.toml" | head -n 1)" ] ||
    { echo "$bin/atop-lint --version: $version" >&2; exit 1; }
done
echo "pipx install and uv tool install: atop-lint runs ($version)"
