#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml), run by the real pre-commit from PyPI:
# `pre-commit try-repo` on scratch repositories, which builds the hook with `cargo install` from this
# checkout (no GitHub), then fails on a bad sheet and passes on a good one.
set -euo pipefail
source "$(dirname "$0")/../lib/install.sh"
venv=$(python_venv precommit "pre-commit==4.7.0")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# cargo install builds in a kept target dir, so a re-run compiles only atop-lint itself.
export CARGO_TARGET_DIR="$REPO/target/pre-commit"
export PRE_COMMIT_HOME="$REPO/.cache/pre-commit"

# try_repo NAME FILE:DEST...: a git repository with those files committed; runs the hook on it,
# leaving the output in $scratch/NAME.log and printing the exit status.
try_repo() {
  local repo="$scratch/$1" spec status=0
  shift
  git init -q "$repo"
  for spec in "$@"; do
    mkdir -p "$(dirname "$repo/${spec#*:}")"
    cp "${spec%%:*}" "$repo/${spec#*:}"
  done
  git -C "$repo" add -A
  git -C "$repo" -c user.name=test -c user.email=test@example.invalid commit -qm sheets
  (cd "$repo" && timeout 1200 "$venv/bin/pre-commit" try-repo "$REPO" atop-lint --all-files) \
    >"$scratch/$(basename "$repo").log" 2>&1 || status=$?
  echo "$status"
}

fail() {
  echo "$1" >&2
  cat "$scratch/$2.log" >&2
  exit 1
}

notes=$(mktemp -p "$scratch")
echo "Not a coding sheet: the hook must leave this file alone." >"$notes"

status=$(try_repo bad examples/5030/5030.codesheet.txt:sheets/5030.codesheet \
  examples/5030/5030.treaty.zh.txt:sheets/5030.treaty.zh.txt)
[ "$status" = 1 ] || fail "the hook should fail on the example sheet (status $status)" bad
grep -q '^atop-lint\.*Failed$' "$scratch/bad.log" || fail "no failed atop-lint hook" bad
grep -q '#109 names no question' "$scratch/bad.log" || fail "the #109 error is not reported" bad
echo "bad sheet: the hook failed, reporting #109"

status=$(try_repo good tests/fixtures/sheets/5030-clean.codesheet.txt:sheets/5030.codesheet.txt \
  examples/5030/5030.treaty.zh.txt:sheets/5030.treaty.zh.txt "$notes":notes.txt)
[ "$status" = 0 ] || fail "the hook should pass on the clean sheet (status $status)" good
grep -q '^atop-lint\.*Passed$' "$scratch/good.log" || fail "no passed atop-lint hook" good
echo "good sheet: the hook passed"
