//! The `atop-lint` binary end to end: exit codes, output formats, errors, --fix, atop.toml.

mod common;

use common::*;
use std::fs;

#[test]
fn example_reports_the_known_problems_and_fails() {
    let o = run(&["check", "examples/5030"], &root());
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("#109 names no question"), "{out}");
    assert!(out.contains("SECTION II again"), "{out}");
    assert!(out.contains("write \"44.\" not \"44,\""), "{out}");
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn json_has_the_documented_shape() {
    let o = run(
        &[
            "check",
            "--format",
            "json",
            "examples/5030/5030.codesheet.txt",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let file = &v["files"][0];
    assert_eq!(file["path"], "examples/5030/5030.codesheet.txt");
    assert_eq!(file["treaties"][0], "examples/5030/5030.treaty.zh.txt");
    let d = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "unknown-question-ref")
        .expect("the #109 diagnostic");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["question"], 20);
    assert_eq!(
        d["range"],
        serde_json::json!({"start": {"line": 80, "column": 64}, "end": {"line": 80, "column": 68}})
    );
    let section = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "section-sequence")
        .unwrap();
    assert_eq!(section["question"], serde_json::Value::Null);
}

#[test]
fn columns_count_characters_not_bytes() {
    // "第" is three bytes; the column of "#99" counts it as one character.
    let text = CLEAN.replace("listed in #19.", "listed in 第 #99.");
    let dir = scratch(&[("5030.codesheet.txt", &text)]);
    let o = run(
        &["check", "--format", "json", "5030.codesheet.txt"],
        dir.path(),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let d = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "unknown-question-ref")
        .unwrap()
        .clone();
    let line = text
        .lines()
        .nth(d["range"]["start"]["line"].as_u64().unwrap() as usize - 1)
        .unwrap();
    let col = d["range"]["start"]["column"].as_u64().unwrap() as usize;
    let at: String = line.chars().skip(col - 1).take(3).collect();
    assert_eq!(at, "#99");
}

#[test]
fn github_annotations_escape_their_data() {
    let o = run(&["check", "--format", "github", "examples/5030"], &root());
    let out = stdout(&o);
    let line = out
        .lines()
        .find(|l| l.contains("unknown-question-ref"))
        .expect("annotation");
    assert_eq!(
        line,
        "::error file=examples/5030/5030.codesheet.txt,line=80,col=64,endLine=80,endColumn=68,title=atop-lint unknown-question-ref::#109 names no question: the ATOP coding sheet has questions 1–61"
    );
    assert!(out.lines().all(|l| l.starts_with("::")));
}

#[test]
fn sarif_names_rules_and_results() {
    let o = run(&["check", "--format", "sarif", "examples/5030"], &root());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run0 = &v["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "atop-lint");
    let results = run0["results"].as_array().unwrap();
    let r = results
        .iter()
        .find(|r| r["ruleId"] == "unknown-question-ref")
        .unwrap();
    let idx = r["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(
        run0["tool"]["driver"]["rules"][idx]["id"],
        "unknown-question-ref"
    );
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["startLine"],
        80
    );
}

#[test]
fn human_output_is_plain_and_deterministic_off_terminal() {
    let a = stdout(&run(&["check", "examples/5030"], &root()));
    let b = stdout(&run(&["check", "examples/5030"], &root()));
    assert_eq!(a, b);
    assert!(!a.contains('\u{1b}'), "no colour codes off a terminal");
    assert!(a.ends_with(" in 1 file\n"), "{a}");
}

#[test]
fn clean_sheet_with_its_treaty_passes() {
    let dir = scratch(&[
        ("5030.codesheet.txt", CLEAN),
        ("treaties/5030.treaty.zh.txt", TREATY),
    ]);
    let o = run(&["check", "--deny-warnings"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // One note: the coders' Q11 "Yes" cites Art. 19, whose notice only stops the automatic
    // renewal (ATOP 5.1 codes RENOUNCE 0, PROREN 2).
    let out = stdout(&o);
    assert!(
        out.ends_with("0 errors, 0 warnings, 1 info, 0 hints in 1 file\n"),
        "{out}"
    );
    assert!(out.contains("Q11 says Yes, but the treaty's only words of notice terms are not the provision: Art. 19"), "{out}");
}

#[test]
fn sheet_without_treaty_gets_one_info() {
    let dir = scratch(&[("5030.codesheet.txt", CLEAN)]);
    let o = run(&["check"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).ends_with("0 errors, 0 warnings, 1 info, 0 hints in 1 file\n"),
        "{}",
        stdout(&o)
    );
    fs::write(
        dir.path().join("atop.toml"),
        "[rules]\ntreaty-missing = \"hint\"\n",
    )
    .unwrap();
    let o = run(&["check"], dir.path());
    assert!(
        stdout(&o).ends_with("0 errors, 0 warnings, 0 info, 1 hint in 1 file\n"),
        "{}",
        stdout(&o)
    );
    fs::remove_file(dir.path().join("atop.toml")).unwrap();
    let o = run(&["check", "--format", "json"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let codes: Vec<&str> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["treaty-missing"]);
}

#[test]
fn bad_inputs_get_one_line_errors_and_status_2() {
    let dir = scratch(&[("empty/readme.txt", "nothing"), ("bin.codesheet.txt", "")]);
    fs::write(dir.path().join("bin.codesheet.txt"), b"1. ATOP ID:\0\x01").unwrap();
    fs::write(
        dir.path().join("latin1.codesheet.txt"),
        b"1. ATOP ID: 5030\n2. caf\xe9\n",
    )
    .unwrap();
    let cases: [(&[&str], &str); 4] = [
        (
            &["check", "missing.codesheet.txt"],
            "atop-lint: missing.codesheet.txt: no such file or folder\n",
        ),
        (
            &["check", "empty"],
            "atop-lint: empty: no coding sheets here (looked for *.codesheet.txt and *.codesheet)\n",
        ),
        (
            &["check", "bin.codesheet.txt"],
            "atop-lint: bin.codesheet.txt: binary file (it contains NUL bytes), not a text file\n",
        ),
        (
            &["check", "latin1.codesheet.txt"],
            "atop-lint: latin1.codesheet.txt: not UTF-8 text (invalid bytes on line 2); convert it to UTF-8\n",
        ),
    ];
    for (args, want) in cases {
        let o = run(args, dir.path());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&o), want, "{args:?}");
    }
    let o = run(&["check", "--format", "yaml"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["rule", "no-such-rule"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "atop-lint: no rule `no-such-rule` (see `atop-lint rules`)\n"
    );
}

#[test]
fn fix_writes_atomically_and_is_idempotent() {
    let dir = scratch(&[("5030.codesheet.txt", SEED), ("5030.treaty.zh.txt", TREATY)]);
    let path = dir.path().join("5030.codesheet.txt");
    // Without --fix nothing is written.
    run(&["check", "5030.codesheet.txt"], dir.path());
    assert_eq!(fs::read_to_string(&path).unwrap(), SEED);
    let o = run(&["check", "--fix", "5030.codesheet.txt"], dir.path());
    assert_eq!(o.status.code(), Some(1), "the #109 error has no safe fix");
    let fixed = fs::read_to_string(&path).unwrap();
    let expected = SEED
        .replace(
            "SECTION II: INSTITUTIONALIZATION",
            "SECTION III: INSTITUTIONALIZATION",
        )
        .replace("44, Does", "44. Does")
        .replace("(Art .2)", "(Art. 2)")
        .replace("Art.1. ", "Art. 1. ");
    assert_eq!(fixed, expected);
    run(&["check", "--fix", "5030.codesheet.txt"], dir.path());
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        expected,
        "a second --fix changes nothing"
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "no temporary files left: {leftovers:?}");
}

#[test]
fn config_selects_rules_and_rejects_unknown_keys() {
    let dir = scratch(&[
        ("sheets/5030.codesheet.txt", SEED),
        ("treaties/5030.treaty.zh.txt", TREATY),
        (
            "atop.toml",
            "[rules]\nunknown-question-ref = \"off\"\nnumbering-typo = \"error\"\n",
        ),
    ]);
    let o = run(&["check", "--format", "json", "sheets"], dir.path());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    assert!(diags.iter().all(|d| d["code"] != "unknown-question-ref"));
    let typo = diags
        .iter()
        .find(|d| d["code"] == "numbering-typo")
        .unwrap();
    assert_eq!(typo["severity"], "error");
    assert_eq!(v["files"][0]["treaties"][0], "treaties/5030.treaty.zh.txt");

    fs::write(
        dir.path().join("atop.toml"),
        "treaties = []\ncolour = \"always\"\n",
    )
    .unwrap();
    let o = run(&["check", "sheets"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("atop.toml: line 2: unknown field `colour`"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn broken_schema_names_file_line_and_field() {
    let dir = scratch(&[("5030.codesheet.txt", CLEAN)]);
    // An answer cue's syntax is checked in a user's schema (the built-in one's by the tests).
    let builtin = include_str!("../schemas/atop-codesheet-v4.json");
    let broken_cue = builtin.replacen(r#""unanim","#, r#""unanim (","#, 1);
    for (schema, error) in [
        (
            "{\n  \"name\": \"x\",\n  \"version\": 4\n}\n",
            "schema.json:3:14: at `version`: invalid type: integer `4`, expected a string",
        ),
        (
            broken_cue.as_str(),
            "schema.json:391:13: at `questions[7].export[0].readings[0].answer`: \
             regex parse error:\n    unanim (\n           ^\nerror: unclosed group",
        ),
    ] {
        fs::write(dir.path().join("schema.json"), schema).unwrap();
        let o = run(
            &["check", "--schema", "schema.json", "5030.codesheet.txt"],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(2));
        assert_eq!(stderr(&o), format!("atop-lint: {error}\n"));
    }
}

#[test]
fn rules_are_listed_and_documented() {
    let o = run(&["rules"], &root());
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.lines()
            .any(|l| l.starts_with("citation-style") && l.contains("fix")),
        "{out}"
    );
    let o = run(&["rule", "unknown-question-ref"], &root());
    let doc = stdout(&o);
    assert!(doc.starts_with("# unknown-question-ref\n"), "{doc}");
    assert!(doc.contains("Default severity: error."), "{doc}");
}

#[test]
fn ten_megabytes_are_linted() {
    let big = SEED.repeat(10 * 1024 * 1024 / SEED.len() + 1);
    let dir = scratch(&[("big.codesheet.txt", &big)]);
    let o = run(
        &["check", "--format", "json", "big.codesheet.txt"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    // Every copy after the first repeats every question.
    let duplicates = diags
        .iter()
        .filter(|d| d["code"] == "duplicate-question")
        .count();
    assert_eq!(duplicates, 61 * (big.len() / SEED.len() - 1));
}

#[test]
fn lsp_accepts_the_stdio_flag_clients_add() {
    // End of input before `exit`: status 1, as for any client that vanishes.
    assert_eq!(run(&["lsp", "--stdio"], &root()).status.code(), Some(1));
    assert_eq!(run(&["lsp", "--tcp"], &root()).status.code(), Some(2));
}

#[test]
fn import_refuses_what_is_not_a_document() {
    let dir = scratch(&[
        ("sheet.txt", "1. ATOP ID: 5030\n"),
        ("broken.pdf", "%PDF-1.7\nnot really\n"),
        ("broken.docx", "PK\u{3}\u{4}not really"),
    ]);
    let o = run(&["import", "sheet.txt"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "atop-lint: sheet.txt: not a PDF or DOCX document\n"
    );
    for name in ["broken.pdf", "broken.docx"] {
        let o = run(&["import", name], dir.path());
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(
            stderr(&o).starts_with(&format!("atop-lint: {name}: the document cannot be read: ")),
            "{}",
            stderr(&o)
        );
        assert!(stdout(&o).is_empty());
    }
}

/// The README's `atop.toml` example works when copied into a folder of sheets: it is read without
/// error, and each of its rule settings takes effect.
#[test]
fn readme_config_example_works_when_copied() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let example = readme
        .split_once("<!-- atop.toml example -->\n```toml\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(toml, _)| toml)
        .expect("README.md has the marked atop.toml example");
    let codes = |dir: &std::path::Path| -> Vec<(String, String)> {
        let o = run(&["check", "--format", "json"], dir);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        v["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["code"].to_string(), d["severity"].to_string()))
            .collect()
    };
    let without = codes(scratch(&[("sheets/5030.codesheet.txt", SEED)]).path());
    let with =
        codes(scratch(&[("sheets/5030.codesheet.txt", SEED), ("atop.toml", example)]).path());
    let has = |ds: &[(String, String)], code: &str, severity: &str| {
        ds.iter()
            .any(|(c, s)| c == &format!("\"{code}\"") && s == &format!("\"{severity}\""))
    };
    assert!(has(&without, "citation-style", "warning"), "{without:?}");
    assert!(
        !with.iter().any(|(c, _)| c == "\"citation-style\""),
        "{with:?}"
    );
    assert!(has(&without, "yes-no-answer", "warning"), "{without:?}");
    assert!(has(&with, "yes-no-answer", "error"), "{with:?}");
}
