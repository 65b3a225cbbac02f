#!/usr/bin/env bash
# crates.io readiness: `cargo package --locked` passes (it builds the packaged crate), and the
# .crate alone, unpacked elsewhere, passes its tests (`cargo test --locked`).
# --allow-dirty lets it run on a work in progress; on a clean checkout it changes nothing.
set -euo pipefail
source "$(dirname "$0")/../lib/install.sh"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$REPO"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)

timeout 3600 cargo package --locked --allow-dirty
crate="$REPO/target/package/atop-lint-$version.crate"
tar -xzf "$crate" -C "$scratch"
# The crate's own folder, outside the repository (no workspace, no git above it), built in a
# target dir of its own: sharing the repository's would mix its fingerprints with the checkout's.
cd "$scratch/atop-lint-$version"
status=0
CARGO_TARGET_DIR="$REPO/target/crate-package" timeout 3600 cargo test --locked >"$scratch/test.log" 2>&1 ||
  status=$?
[ "$status" = 0 ] || { cat "$scratch/test.log" >&2; echo "cargo test: status $status" >&2; exit 1; }
passed=$(grep -oE '^test result: ok\. [0-9]+ passed' "$scratch/test.log" | awk '{ n += $4 } END { print n }')
echo "atop-lint-$version.crate: its tests pass from the package alone ($passed tests)"
