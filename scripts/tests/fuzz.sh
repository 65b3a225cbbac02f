#!/usr/bin/env bash
# cargo-fuzz targets (fuzz/): the sheet parser, the treaty reader and the language server's
# JSON-RPC framing, each for a bounded time (FUZZ_SECONDS, 20 by default), from seeds made of the
# example pair. Installs cargo-fuzz; the stable toolchain takes cargo-fuzz's nightly flags with
# RUSTC_BOOTSTRAP=1. A crash fails the script and leaves its input in fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-20}
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
export RUSTC_BOOTSTRAP=1
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds/sheet_parser" "$seeds/treaty_reader" "$seeds/jsonrpc_framing"
cp examples/5030/5030.codesheet.txt tests/fixtures/sheets/*.codesheet.txt "$seeds/sheet_parser/"
# The treaty reader's first byte picks the language: 2 is Chinese, 0 English.
{ printf '\002'; cat examples/5030/5030.treaty.zh.txt; } >"$seeds/treaty_reader/zh"
for t in tests/fixtures/treaties/*.txt; do
  { printf '\000'; cat "$t"; } >"$seeds/treaty_reader/$(basename "$t")"
done
frame() { printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }
{
  frame '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'
  frame '{"jsonrpc":"2.0","method":"initialized","params":{}}'
  frame '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"untitled:a","languageId":"atop","version":1,"text":"1. ATOP ID: 5030\n"}}}'
  frame '{"jsonrpc":"2.0","id":2,"method":"shutdown"}'
  frame '{"jsonrpc":"2.0","method":"exit"}'
} >"$seeds/jsonrpc_framing/session"
for target in sheet_parser treaty_reader jsonrpc_framing; do
  cargo fuzz run "$target" "$seeds/$target" -- -max_total_time="$seconds" -rss_limit_mb=2048
done
