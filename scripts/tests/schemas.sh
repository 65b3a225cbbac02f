#!/usr/bin/env bash
# The questionnaire validates against its JSON Schema (the one editors use while it is edited),
# with a real Draft 2020-12 validator; a broken copy does not.
set -euo pipefail
source "$(dirname "$0")/../lib/install.sh"
venv=$(schema_tools_venv)
cd "$REPO"
"$venv/bin/python" - <<'PY'
import copy, json, sys
from jsonschema import Draft202012Validator

schema = json.load(open("schemas/codesheet.schema.json"))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
doc = json.load(open("schemas/atop-codesheet-v4.json"))
errors = list(validator.iter_errors(doc))
for e in errors:
    print(f"schemas/atop-codesheet-v4.json: {'/'.join(map(str, e.path))}: {e.message}", file=sys.stderr)
if errors:
    sys.exit(1)
broken = copy.deepcopy(doc)
broken["questions"][10]["answer"]["kind"] = "maybe"
broken["questions"][0]["colour"] = "red"
found = sorted("/".join(map(str, e.path)) for e in validator.iter_errors(broken))
assert found == ["questions/0", "questions/10/answer/kind"], found
print("ok questionnaire schema: valid, and a broken copy is rejected at", found)
PY
