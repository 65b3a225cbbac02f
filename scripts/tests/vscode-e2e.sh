#!/usr/bin/env bash
# The VS Code extension inside a real VS Code: code-server (from npm) in headless Chromium (Debian's)
# driven by playwright-core: the Linux x86_64 package with its bundled server, and no atop-lint on
# PATH; the Problems panel, hover, completion, go to definition, colours, "Answer from the treaty"
# and the hover on a question number.
# With ATOP_LINT_SCREENSHOTS=DIR it also saves the README's screenshots there:
#   ATOP_LINT_SCREENSHOTS=docs/screenshots ./scripts/tests/vscode-e2e.sh
set -euo pipefail
source "$(dirname "$0")/../lib/install.sh"
# code-server's postinstall compiles native modules against these libraries; the font shows the
# treaty's Chinese in the screenshots.
apt_install chromium fonts-wqy-zenhei ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev \
  pkg-config g++ make

# The extension package under test, fresh, with the server binary under test inside.
npm_ci "$REPO/editors/vscode"
timeout 300 "$REPO/scripts/package-vsix" linux-x64 "$ATOP_LINT" >/dev/null

# @vscode/ripgrep's postinstall downloads ripgrep from GitHub unless it finds its archive in this
# cache: hand it Debian's rg. code-server refuses to install as root without unsafe-perm, and calls
# `npx node-gyp`, which must not ask.
rg_cache="$REPO/.cache/code-server-tmp/vscode-ripgrep-cache-1.15.11"
if [ ! -f "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ]; then
  mkdir -p "$rg_cache"
  tar czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
fi
TMPDIR="$REPO/.cache/code-server-tmp" npm_config_unsafe_perm=true npm_config_yes=true \
  npm_ci "$REPO/editors/vscode/e2e"

if [ -n "${ATOP_LINT_SCREENSHOTS:-}" ]; then
  ATOP_LINT_SCREENSHOTS=$(realpath -m "$ATOP_LINT_SCREENSHOTS")
  export ATOP_LINT_SCREENSHOTS
fi
cd "$REPO/editors/vscode/e2e"
ATOP_LINT_VSIX="$REPO/editors/vscode/atop-lint-linux-x64.vsix" timeout 900 npm test --silent
