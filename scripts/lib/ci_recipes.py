"""Checks the CI recipes in the README: each validates against its CI system's schema, and its
`atop-lint check` commands, run with the fresh binary on the example sheet, do what the README
says.

Usage: ci_recipes.py README ATOP_LINT EXAMPLE_DIR
"""

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ruamel.yaml import YAML

from validate_sarif import sarif_errors

SHEET = "sheets/5030.codesheet.txt"
ANNOTATION = re.compile(
    r"::(error|warning|notice) file=" + re.escape(SHEET)
    + r",line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=atop-lint [a-z-]+::.+"
)


class RecipeError(Exception):
    pass


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise RecipeError(message)


def recipes(readme: Path) -> dict[str, str]:
    return dict(re.findall(r"<!-- ci-recipe: ([\w-]+) -->\n```yaml\n(.*?)```", readme.read_text("utf-8"), re.S))


def validate(name: str, text: str, schema: str, scratch: Path) -> None:
    path = scratch / f"{name}.yml"
    path.write_text(text, "utf-8")
    check = subprocess.run(
        [str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", schema, str(path)],
        capture_output=True, text=True, timeout=120,
    )
    expect(check.returncode == 0, f"{name} is not a valid {schema} file:\n{check.stdout}{check.stderr}")
    print(f"ok {name}: valid against {schema}")


def run(command: str, repo: Path) -> subprocess.CompletedProcess:
    """`command` as the CI runners run a step: bash, stopping at the first failure."""
    return subprocess.run(["bash", "-e", "-c", command], cwd=repo, capture_output=True, text=True, timeout=120)


def expect_sarif(repo: Path, name: str) -> None:
    path = repo / name
    expect(path.is_file(), f"no {name}")
    errors = sarif_errors(str(path))
    expect(not errors, "\n".join(errors))


def sheet_repository(scratch: Path, example: Path, name: str) -> Path:
    repo = scratch / name
    (repo / "sheets").mkdir(parents=True)
    shutil.copy(example / "5030.codesheet.txt", repo / SHEET)
    shutil.copy(example / "5030.treaty.zh.txt", repo / "sheets/5030.treaty.zh.txt")
    return repo


def check_github(text: str, repo: Path) -> None:
    steps = YAML(typ="safe").load(io.StringIO(text))["jobs"]["atop-lint"]["steps"]
    runs = [s["run"] for s in steps if "atop-lint check" in s.get("run", "")]
    expect(len(runs) == 2, f"two atop-lint steps expected, found {runs}")

    annotations = run(runs[0], repo)
    expect(annotations.returncode == 1, f"the annotation step should fail on errors: {annotations}")
    lines = annotations.stdout.splitlines()
    bad = [line for line in lines if not ANNOTATION.fullmatch(line)]
    expect(lines and not bad, f"not workflow annotations: {bad or 'no output'}")
    expect(any(line.startswith("::error ") and "#109" in line for line in lines), "no #109 error annotation")
    print(f"ok github-actions: the annotation step fails with {len(lines)} annotations")

    sarif = run(runs[1], repo)
    expect(sarif.returncode == 0, f"the SARIF step should pass: {sarif}")
    uploads = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    expect(len(uploads) == 1, "one upload-sarif step")
    expect_sarif(repo, uploads[0]["with"]["sarif_file"])
    print(f"ok github-actions: the SARIF step passes and {uploads[0]['with']['sarif_file']} is valid")


def check_gitlab(text: str, repo: Path) -> None:
    job = YAML(typ="safe").load(io.StringIO(text))["atop-lint"]
    lines = [line for line in job["script"] if "atop-lint check" in line]
    expect(len(lines) == 2, f"two atop-lint script lines expected, found {lines}")
    sarif = run(lines[0], repo)
    expect(sarif.returncode == 0, f"the SARIF line should pass: {sarif}")
    for artifact in job["artifacts"]["paths"]:
        expect_sarif(repo, artifact)
    report = run(lines[1], repo)
    expect(report.returncode == 1 and "#109" in report.stdout, f"the report line should fail on errors: {report}")
    print("ok gitlab-ci: the SARIF artifact is valid, the job fails on the sheet's errors")


def main(readme: str, atop_lint: str, example: str) -> int:
    found = recipes(Path(readme))
    expect(sorted(found) == ["github-actions", "gitlab-ci"], f"recipes in the README: {sorted(found)}")
    os.environ["PATH"] = str(Path(atop_lint).parent) + os.pathsep + os.environ["PATH"]
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        validate("github-actions", found["github-actions"], "vendor.github-workflows", scratch)
        validate("gitlab-ci", found["gitlab-ci"], "vendor.gitlab-ci", scratch)
        check_github(found["github-actions"], sheet_repository(scratch, Path(example), "github"))
        check_gitlab(found["gitlab-ci"], sheet_repository(scratch, Path(example), "gitlab"))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(*sys.argv[1:]))
    except RecipeError as error:
        print(f"not ok {error}", file=sys.stderr)
        sys.exit(1)
