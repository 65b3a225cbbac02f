#!/usr/bin/env bash
# The pre-commit hooks, run by the real pre-commit from PyPI with `pre-commit try-repo` on scratch
# repositories of sheets: each fails on a bad sheet (reporting #109) and passes on a good one.
# - `atop-lint` of pre-commit/ (`language: python`), with no cargo or rustc on PATH: pre-commit
#   installs the hook package, which brings the atop-lint wheel (the one `pip wheel .` builds,
#   offered to pip as the only index with the build backend the hook package needs).
# - `atop-lint-rust` of .pre-commit-hooks.yaml (`language: rust`): built with `cargo install`
#   from this checkout (crates from crates.io).
set -euo pipefail
source "$(dirname "$0")/../lib/install.sh"
venv=$(python_venv precommit "pre-commit==4.7.0")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# commit_all DIR: a git repository of what DIR holds.
commit_all() {
  git init -q "$1"
  git -C "$1" add -A
  git -C "$1" -c user.name=test -c user.email=test@example.invalid commit -qm files
}

# try_repo HOOK_REPO HOOK NAME FILE:DEST...: a git repository NAME with those files committed;
# runs the hook on it, leaving the output in $scratch/NAME.log and printing the exit status.
try_repo() {
  local hook_repo=$1 hook=$2 repo="$scratch/$3" spec status=0
  shift 3
  mkdir -p "$repo"
  for spec in "$@"; do
    mkdir -p "$(dirname "$repo/${spec#*:}")"
    cp "${spec%%:*}" "$repo/${spec#*:}"
  done
  commit_all "$repo"
  (cd "$repo" && timeout 1200 "$venv/bin/pre-commit" try-repo "$hook_repo" "$hook" --all-files) \
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

# check_hook HOOK_REPO HOOK: the hook fails on the example sheet and passes on the clean one.
check_hook() {
  local status
  status=$(try_repo "$1" "$2" "bad-$2" examples/5030/5030.codesheet.txt:sheets/5030.codesheet \
    examples/5030/5030.treaty.zh.txt:sheets/5030.treaty.zh.txt)
  [ "$status" = 1 ] || fail "$2 should fail on the example sheet (status $status)" "bad-$2"
  grep -q "^atop-lint.*\.\.\.Failed$" "$scratch/bad-$2.log" || fail "no failed hook" "bad-$2"
  grep -q '#109 names no question' "$scratch/bad-$2.log" || fail "#109 is not reported" "bad-$2"
  echo "$2, bad sheet: the hook failed, reporting #109"

  status=$(try_repo "$1" "$2" "good-$2" \
    tests/fixtures/sheets/5030-clean.codesheet.txt:sheets/5030.codesheet.txt \
    examples/5030/5030.treaty.zh.txt:sheets/5030.treaty.zh.txt "$notes":notes.txt)
  [ "$status" = 0 ] || fail "$2 should pass on the clean sheet (status $status)" "good-$2"
  grep -q "^atop-lint.*\.\.\.Passed$" "$scratch/good-$2.log" || fail "no passed hook" "good-$2"
  echo "$2, good sheet: the hook passed"
}

# The hook package asks for the atop-lint of the same version.
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$REPO/Cargo.toml" | head -n 1)
grep -qx "version = \"$version\"" "$REPO/pre-commit/pyproject.toml" &&
  grep -qx "dependencies = \[\"atop-lint==$version\"\]" "$REPO/pre-commit/pyproject.toml" ||
  { echo "pre-commit/pyproject.toml is not at atop-lint $version" >&2; exit 1; }

wheel=$(python_wheel)
index="$REPO/.cache/pre-commit-index"
mkdir -p "$index"
timeout 300 "$venv/bin/pip" download --quiet --disable-pip-version-check --dest "$index" \
  "setuptools==80.9.0"
cp "$wheel" "$scratch/"
hook_repo="$scratch/atop-lint-pre-commit"
cp -r "$REPO/pre-commit" "$hook_repo"
commit_all "$hook_repo"
(
  PATH=$(no_rust_path "$venv/bin")
  export PATH PIP_NO_INDEX=1 PIP_FIND_LINKS="$scratch $index"
  export PRE_COMMIT_HOME="$scratch/pre-commit-home"
  check_hook "$hook_repo" atop-lint
)

# cargo install builds in a kept target dir, so a re-run compiles only atop-lint itself.
(
  export CARGO_TARGET_DIR="$REPO/target/pre-commit" PRE_COMMIT_HOME="$REPO/.cache/pre-commit"
  check_hook "$REPO" atop-lint-rust
)
