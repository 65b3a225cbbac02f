#!/usr/bin/env bash
# `atop-lint check --format sarif` validates against the OASIS SARIF 2.1.0 JSON schema, for a sheet
# with problems and for a clean one.
set -euo pipefail
source "$(dirname "$0")/../lib/install.sh"
venv=$(schema_tools_venv)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$REPO"

lint() { # lint NAME FORMAT ARGS... -> $out/NAME.FORMAT, exit status checked by the caller
  local name=$1 format=$2
  shift 2
  local status=0
  "$ATOP_LINT" check --format "$format" "$@" >"$out/$name.$format" || status=$?
  echo "$status"
}

for format in sarif json; do
  [ "$(lint example "$format" examples/5030)" = 1 ] || { echo "examples/5030 should fail" >&2; exit 1; }
  [ "$(lint clean "$format" tests/fixtures/sheets/5030-clean.codesheet.txt \
    --treaty examples/5030/5030.treaty.zh.txt)" = 0 ] || { echo "the clean sheet should pass" >&2; exit 1; }
done
for name in example clean; do
  "$venv/bin/python" scripts/lib/validate_sarif.py "$out/$name.sarif" "$out/$name.json"
done
