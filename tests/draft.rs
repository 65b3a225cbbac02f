//! `atop-lint draft` end to end: the seed's treaty and the fixture treaties drafted, the drafts
//! linted beside their treaties and exported. Exact outputs are insta snapshots.

mod common;

use common::*;

/// Drafts a sheet from `treaties` (paths from the repository root) into a scratch folder and
/// returns the folder and the sheet's path in it.
fn draft(atop_id: &str, treaties: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = scratch(&[]);
    let sheet = dir.path().join(format!("{atop_id}.codesheet.txt"));
    let mut args = vec!["draft", "--atop-id", atop_id, "-o", sheet.to_str().unwrap()];
    args.extend(treaties);
    let o = run(&args, &root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    (dir, sheet)
}

/// The codes of what `check` finds in the draft beside its treaties, each with its count.
fn findings(sheet: &std::path::Path, treaties: &[&str]) -> Vec<(String, usize)> {
    let mut args = vec!["check", "--format", "json"];
    for t in treaties {
        args.extend(["--treaty", t]);
    }
    args.push(sheet.to_str().unwrap());
    let o = run(&args, &root());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let mut counts: Vec<(String, usize)> = Vec::new();
    for d in v["files"][0]["diagnostics"].as_array().unwrap() {
        let code = d["code"].as_str().unwrap().to_string();
        match counts.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => *n += 1,
            None => counts.push((code, 1)),
        }
    }
    counts.sort();
    counts
}

/// The variables `export` reads from the draft, as "name = value" lines.
fn exported(sheet: &std::path::Path) -> String {
    let o = run(
        &["export", "--format", "json", sheet.to_str().unwrap()],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    v[0].as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| *k != "sheet")
        .map(|(k, v)| format!("{k} = {v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// "10. Are there …": a number, a period and a space.
fn is_question_line(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(". ")
}

#[test]
fn seed_treaty_drafted() {
    let treaty = "examples/5030/5030.treaty.zh.txt";
    let (_dir, sheet) = draft("5030", &[treaty]);
    insta::assert_snapshot!("5030_draft", std::fs::read_to_string(&sheet).unwrap());
    insta::assert_snapshot!("5030_export", exported(&sheet));
    // The draft is a sheet the linter reads in full: only the marks and the questions left to
    // the coder are reported.
    assert_eq!(
        findings(&sheet, &[treaty]),
        [
            ("draft-answer".to_string(), 22),
            ("empty-answer".to_string(), 36)
        ]
    );
}

#[test]
fn fixture_treaties_drafted() {
    let cases: &[(&str, &[&str])] = &[
        (
            "3180",
            &[
                "tests/fixtures/treaties/nato-1949.en.txt",
                "tests/fixtures/treaties/nato-1949.nl.txt",
            ],
        ),
        ("3215", &["tests/fixtures/treaties/anzus-1951.en.txt"]),
        (
            "2470",
            &["tests/fixtures/treaties/molotov-ribbentrop-1939.en.txt"],
        ),
        ("1", &["tests/fixtures/treaties/india-bhutan-1949.en.txt"]),
        (
            "2",
            &["tests/fixtures/treaties/latam-parliament-1987.es.txt"],
        ),
        (
            "3",
            &["tests/fixtures/treaties/nl-persia-friendship-1930.fr.txt"],
        ),
        (
            "4",
            &["tests/fixtures/treaties/nl-afghanistan-friendship-1939.fr.txt"],
        ),
    ];
    for (id, treaties) in cases {
        let (_dir, sheet) = draft(id, treaties);
        let text = std::fs::read_to_string(&sheet).unwrap();
        // The answers only: the section headings and prompts are the schema's.
        let answers: Vec<&str> = text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with("SECTION ") && !is_question_line(l))
            .collect();
        let name = treaties[0]
            .rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".txt");
        insta::assert_snapshot!(
            format!("{name}_draft"),
            format!("{}\n\n{}", answers.join("\n"), exported(&sheet))
        );
        let codes: Vec<String> = findings(&sheet, treaties)
            .into_iter()
            .map(|(c, _)| c)
            .filter(|c| c != "draft-answer" && c != "empty-answer")
            .collect();
        assert_eq!(
            codes,
            Vec::<String>::new(),
            "{name}: the draft has other findings"
        );
    }
}

#[test]
fn draft_to_stdout_and_its_errors() {
    let o = run(&["draft", "examples/5030/5030.treaty.zh.txt"], &root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("SECTION I: FORMATION, MEMBERS, AND DURATION\n\n1. ATOP ID:\n\n2. "),
        "without --atop-id, Q1 is left for the coder:\n{out}"
    );
    let o = run(&["draft", "no-such.treaty.txt"], &root());
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    assert!(
        stderr(&o).starts_with("atop-lint: no-such.treaty.txt: cannot read: "),
        "{}",
        stderr(&o)
    );
    let o = run(&["draft"], &root());
    assert_eq!(o.status.code(), Some(2), "a treaty is required");
}
