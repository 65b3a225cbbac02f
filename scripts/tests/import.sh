#!/usr/bin/env bash
# `atop-lint import` on real documents made here from sheets: each sheet is written as a Word file
# (python-docx) and a paginated PDF (reportlab), both with a running header and page numbers;
# the imported text, linted beside its treaty, must give the same findings (codes, questions,
# messages) as the sheet itself.
set -euo pipefail
source "$(dirname "$0")/../lib/install.sh"
venv=$(python_venv documents "python-docx==1.2.0" "reportlab==4.4.4")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$REPO"

findings() { # findings SHEET TREATY -> one line per diagnostic: code, question, message
  "$ATOP_LINT" check --format json --treaty "$2" "$1" |
    "$venv/bin/python" -c 'import json, sys
for d in json.load(sys.stdin)["files"][0]["diagnostics"]:
    print(d["code"], d["question"], d["message"], sep="\t")' || true
}

check_sheet() { # check_sheet NAME SHEET TREATY
  local name=$1 sheet=$2 treaty=$3
  "$venv/bin/python" scripts/lib/sheet_documents.py "$sheet" "$out/$name"
  findings "$sheet" "$treaty" >"$out/$name.expected"
  [ -s "$out/$name.expected" ] || { echo "$name: the sheet should have findings" >&2; exit 1; }
  for kind in docx pdf; do
    "$ATOP_LINT" import "$out/$name.$kind" -o "$out/$name.$kind.codesheet.txt"
    if grep -qx "ATOP Coding Sheet" "$out/$name.$kind.codesheet.txt"; then
      echo "$name.$kind: the running header was kept" >&2
      exit 1
    fi
    findings "$out/$name.$kind.codesheet.txt" "$treaty" >"$out/$name.$kind.found"
    diff -u "$out/$name.expected" "$out/$name.$kind.found" ||
      { echo "$name.$kind: findings differ from the sheet's" >&2; exit 1; }
    echo "ok $name.$kind ($(wc -l <"$out/$name.expected") findings)"
  done
}

check_sheet seed examples/5030/5030.codesheet.txt examples/5030/5030.treaty.zh.txt
check_sheet coder-b tests/fixtures/sheets/5030-coder-b.codesheet.txt examples/5030/5030.treaty.zh.txt

# Not a document: a clear error and exit 2, no panic.
status=0
"$ATOP_LINT" import examples/5030/5030.codesheet.txt 2>"$out/err" || status=$?
[ "$status" = 2 ] && grep -q "not a PDF or DOCX document" "$out/err" ||
  { echo "a text file should be refused with exit 2" >&2; cat "$out/err" >&2; exit 1; }
echo "ok import.sh"
