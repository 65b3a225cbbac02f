#!/usr/bin/env bash
# The README's GitHub Actions and GitLab CI recipes: valid for their CI systems, and their
# atop-lint commands behave as described (annotations, SARIF, failing on errors).
set -euo pipefail
source "$(dirname "$0")/../lib/install.sh"
venv=$(schema_tools_venv)
timeout 300 "$venv/bin/python" "$REPO/scripts/lib/ci_recipes.py" \
  "$REPO/README.md" "$ATOP_LINT" "$REPO/examples/5030"
