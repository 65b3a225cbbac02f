#!/usr/bin/env bash
# The VS Code extension: typecheck, grammar tests (vscode-tmgrammar-test on seed lines), Node tests
# (server lookup, and the real `atop-lint lsp` driven as the extension's client drives it), and
# packaging to editors/vscode/atop-lint.vsix with vsce.
set -euo pipefail
source "$(dirname "$0")/../lib/install.sh"
cd "$REPO/editors/vscode"

apt_install unzip
npm_ci .
timeout 300 npx tsc --noEmit
timeout 300 npm run --silent build
timeout 300 npm run --silent test:grammar
timeout 300 npm run --silent test:unit
timeout 300 npm run --silent test:lsp

rm -f atop-lint.vsix
timeout 300 npm run --silent package
# The package holds the bundle, the grammar and the manifest that contributes them.
listing=$(unzip -Z1 atop-lint.vsix)
for file in extension/package.json extension/dist/extension.js \
  extension/syntaxes/atop-codesheet.tmLanguage.json extension/language-configuration.json \
  extension/readme.md extension.vsixmanifest; do
  grep -qx "$file" <<<"$listing" || { echo "atop-lint.vsix lacks $file" >&2; exit 1; }
done
if grep -q -e '^extension/node_modules/' -e '^extension/src/' -e '^extension/test/' <<<"$listing"; then
  echo "atop-lint.vsix carries sources or node_modules:" >&2
  echo "$listing" >&2
  exit 1
fi
unzip -p atop-lint.vsix extension/package.json | node -e '
  const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const ok = m.contributes.languages[0].id === "atop-codesheet" &&
    m.contributes.grammars[0].scopeName === "text.atop-codesheet" && m.main === "./dist/extension.js";
  if (!ok) { console.error("unexpected manifest in atop-lint.vsix"); process.exit(1); }'
echo "atop-lint.vsix: $(wc -c <atop-lint.vsix) bytes"
