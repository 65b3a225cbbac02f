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

check_sheet() { # check_sheet NAME SHEET TREATY KIND...: each KIND of document made from SHEET
  local name=$1 sheet=$2 treaty=$3
  shift 3
  "$venv/bin/python" scripts/lib/sheet_documents.py "$sheet" "$out/$name"
  findings "$sheet" "$treaty" >"$out/$name.expected"
  for kind in "$@"; do
    "$ATOP_LINT" import "$out/$name.$kind" -o "$out/$name.$kind.codesheet.txt"
    "$ATOP_LINT" import "$out/$name.$kind" | cmp -s - "$out/$name.$kind.codesheet.txt" ||
      { echo "$name.$kind: stdout differs from -o" >&2; exit 1; }
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

treaty=examples/5030/5030.treaty.zh.txt
check_sheet seed examples/5030/5030.codesheet.txt "$treaty" docx pdf
[ -s "$out/seed.expected" ] || { echo "the seed sheet should have findings" >&2; exit 1; }
check_sheet coder-b tests/fixtures/sheets/5030-coder-b.codesheet.txt "$treaty" docx pdf
# Questions numbered by Word's automatic list (the clean sheet numbers 1 to 61 without gaps):
# the numbers come back, so the sheet stays as clean as its text.
check_sheet clean tests/fixtures/sheets/5030-clean.codesheet.txt "$treaty" numbered.docx

refused() { # refused FILE MESSAGE: exit 2 with MESSAGE on stderr, nothing on stdout
  local status=0
  "$ATOP_LINT" import "$1" >"$out/stdout" 2>"$out/err" || status=$?
  [ "$status" = 2 ] && grep -qF "$2" "$out/err" && [ ! -s "$out/stdout" ] ||
    { echo "$1 should be refused with exit 2 and \"$2\"" >&2; cat "$out/err" >&2; exit 1; }
}
refused "$out/seed.locked.pdf" "the PDF is encrypted with a password"
refused examples/5030/5030.codesheet.txt "not a PDF or DOCX document"
echo "ok import.sh"
