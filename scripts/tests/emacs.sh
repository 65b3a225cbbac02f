#!/usr/bin/env bash
# The Emacs entry (editors/emacs/atop-lint.el) with Debian's Emacs and elpa-eglot, in batch, against
# the real `atop-lint lsp`: diagnostics through flymake, hover, completion, rule settings.
set -euo pipefail
source "$(dirname "$0")/../lib/install.sh"
apt_install emacs-nox elpa-eglot
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
cd "$REPO/editors/emacs"
# A scratch HOME: no user init, and nothing written to the real one.
HOME="$home" ATOP_LINT_REPO="$REPO" timeout 300 \
  emacs --batch -l ert -l test/atop-lint-test.el -f ert-run-tests-batch-and-exit </dev/null
