#!/usr/bin/env bash
# The VS Code extension: typecheck, grammar tests (vscode-tmgrammar-test on seed lines), Node tests
# (server lookup, and the real `atop-lint lsp` driven as the extension's client drives it), and
# the Linux x86_64 package, editors/vscode/atop-lint-linux-x64.vsix, as the release workflow builds
# it (scripts/package-vsix): with the server binary and the licences inside.
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

vsix=atop-lint-linux-x64.vsix
rm -f "$vsix"
timeout 300 "$REPO/scripts/package-vsix" linux-x64 "$ATOP_LINT" >/dev/null
# The package holds the bundle, the grammar, the manifest that contributes them, the licences
# and the server binary, executable.
listing=$(unzip -Z1 "$vsix")
for file in extension/package.json extension/dist/extension.js \
  extension/syntaxes/atop-codesheet.tmLanguage.json extension/language-configuration.json \
  extension/readme.md extension/LICENSE.txt extension/bin/atop-lint extension.vsixmanifest; do
  grep -qx "$file" <<<"$listing" || { echo "$vsix lacks $file" >&2; echo "$listing" >&2; exit 1; }
done
if grep -q -e '^extension/node_modules/' -e '^extension/src/' -e '^extension/test/' <<<"$listing"; then
  echo "$vsix carries sources or node_modules:" >&2
  echo "$listing" >&2
  exit 1
fi
unzip -p "$vsix" extension/bin/atop-lint | cmp -s - "$ATOP_LINT" ||
  { echo "$vsix: bin/atop-lint is not $ATOP_LINT" >&2; exit 1; }
unzip -Z "$vsix" extension/bin/atop-lint | grep -q '^-rwx' ||
  { echo "$vsix: bin/atop-lint is not executable" >&2; exit 1; }
unzip -p "$vsix" extension/LICENSE.txt | grep -q 'Apache License' ||
  { echo "$vsix: LICENSE.txt lacks the Apache licence" >&2; exit 1; }
unzip -p "$vsix" extension.vsixmanifest | grep -q 'TargetPlatform="linux-x64"' ||
  { echo "$vsix is not marked for linux-x64" >&2; exit 1; }
unzip -p "$vsix" extension/package.json | node -e '
  const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const ok = m.contributes.languages[0].id === "atop-codesheet" &&
    m.contributes.grammars[0].scopeName === "text.atop-codesheet" && m.main === "./dist/extension.js";
  if (!ok) { console.error("unexpected manifest in the package"); process.exit(1); }'
echo "$vsix: $(wc -c <"$vsix") bytes, with bin/atop-lint"
