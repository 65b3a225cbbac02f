//! `export`, `check --dataset` and `diff` end to end, against the ATOP 4.01 files shipped in
//! data/atop/.

mod common;

use common::*;
use std::collections::BTreeMap;

const ALLIANCE_LEVEL: &str = "data/atop/atop4_01_alliance-level.csv";
const MEMBER_LEVEL: &str = "data/atop/atop4_01_member-level.csv";

/// The 4.01 alliance-level row of `id`, column → cell.
fn release_row(id: &str) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(root().join(ALLIANCE_LEVEL)).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row = lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|cells| cells[0] == id)
        .expect("the row");
    header
        .into_iter()
        .zip(row)
        .map(|(h, c)| (h.to_string(), c.to_string()))
        .collect()
}

#[test]
fn export_of_the_seed_agrees_with_its_401_row() {
    let o = run(&["export", "examples/5030"], &root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(
        out,
        "sheet,atopid,begyr,begmo,begday,mem1,mem2,bilat,wartime,estmode,pubsecr,proadd,futmem,speclgth,length,proren,renewlgt,ineffect,defense,offense,neutral,nonagg,consul,active,conditio,asymm,thirdcom,noothall,milcon,milaid,organ1,base,armred,reflnun,natrefal,nomicoop,ecaid,interv\n\
         examples/5030/5030.codesheet.txt,5030,2002,12,23,705,710,1,0,1,0,0,0,>0,240,>0,60,1,0,0,0,1,1,0,0,0,0,1,>0,0,0,0,>0,,>0,,0,>0\n"
    );
    let mut lines = out.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let values: Vec<&str> = lines.next().unwrap().split(',').collect();
    let release = release_row("5030");
    let mut compared = 0;
    for (column, value) in header.iter().zip(&values).skip(1) {
        if value.is_empty() {
            continue;
        }
        let in_release: i64 = release[*column].parse().unwrap();
        if *value == ">0" {
            assert_ne!(in_release, 0, "{column}");
        } else {
            assert_eq!(value.parse::<i64>().unwrap(), in_release, "{column}");
        }
        compared += 1;
    }
    assert_eq!(compared, 35);
}

#[test]
fn json_export_keeps_the_column_order() {
    let o = run(&["export", "--format", "json", "examples/5030"], &root());
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with("[\n  {\n    \"sheet\": \"examples/5030/5030.codesheet.txt\",\n    \"atopid\": 5030,\n    \"begyr\": 2002,\n"),
        "{out}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["milcon"], ">0");
    assert_eq!(v[0]["reflnun"], serde_json::Value::Null);
    assert_eq!(v[0]["mem2"], 710);
}

#[test]
fn export_columns_are_documented() {
    let o = run(&["export", "--columns"], &root());
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("\nmilcon (Q31): Yes → >0; No → 0\n    Only 0 (No) vs >0 (Yes) is certain: 4.01 codes 1-3;"),
        "{out}"
    );
}

#[test]
fn dataset_flags_a_planted_disagreement_and_nothing_on_the_seed() {
    let planted = SEED.replacen("\nConsultation pact\n", "\n", 1);
    let dir = scratch(&[
        ("seed.codesheet.txt", SEED),
        ("planted.codesheet.txt", &planted),
    ]);
    let alliance = root().join(ALLIANCE_LEVEL);
    let member = root().join(MEMBER_LEVEL);
    let o = run(
        &[
            "check",
            "--format",
            "json",
            "--dataset",
            alliance.to_str().unwrap(),
            "--dataset",
            member.to_str().unwrap(),
            ".",
        ],
        dir.path(),
    );
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let mismatches = |file: usize| -> Vec<String> {
        v["files"][file]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "dataset-mismatch")
            .map(|d| {
                format!(
                    "{}:{} Q{} {}",
                    d["range"]["start"]["line"],
                    d["range"]["start"]["column"],
                    d["question"],
                    d["message"]
                )
            })
            .collect()
    };
    assert_eq!(v["files"][0]["path"], "./planted.codesheet.txt");
    assert_eq!(
        mismatches(0),
        ["56:1 Q16 \"Q16 does not list Consultation pact but the dataset has CONSUL=1\""]
    );
    assert_eq!(v["files"][1]["path"], "./seed.codesheet.txt");
    assert_eq!(mismatches(1), Vec::<String>::new());
}

#[test]
fn dataset_from_atop_toml_and_clean_sheet_passes() {
    let alliance = std::fs::read_to_string(root().join(ALLIANCE_LEVEL)).unwrap();
    let planted = CLEAN.replacen("during peacetime.)\nYes.", "during peacetime.)\nNo.", 1);
    let dir = scratch(&[
        ("atop.toml", "dataset = \"release/alliances.csv\"\n"),
        ("release/alliances.csv", &alliance),
        ("clean/5030.codesheet.txt", CLEAN),
        ("clean/treaties/5030.treaty.zh.txt", TREATY),
        ("planted/5030.codesheet.txt", &planted),
    ]);
    let o = run(&["check", "--deny-warnings", "clean"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = run(&["check", "--format", "github", "planted"], dir.path());
    let out = stdout(&o);
    assert!(
        out.contains("title=atop-lint dataset-mismatch::Q31 says No but the dataset has MILCON=2"),
        "{out}"
    );
}

#[test]
fn a_file_that_is_no_release_is_an_error() {
    let dir = scratch(&[("x.csv", "id,name\n1,a\n"), ("5030.codesheet.txt", CLEAN)]);
    let o = run(
        &["check", "--dataset", "x.csv", "5030.codesheet.txt"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "atop-lint: x.csv:1: no `atopid` column: not an ATOP release file\n"
    );
    assert_eq!(
        stdout(&o),
        "0 errors, 0 warnings, 0 info, 0 hints in 0 files\n"
    );
}

#[test]
fn diff_reports_exactly_the_three_changed_answers() {
    let dir = scratch(&[("a.codesheet.txt", SEED), ("b.codesheet.txt", CODER_B)]);
    let o = run(
        &[
            "diff",
            "--format",
            "json",
            "a.codesheet.txt",
            "b.codesheet.txt",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let differ: Vec<String> = v["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["status"] == "differ")
        .map(|q| format!("Q{}: {} | {}", q["question"], q["a"], q["b"]))
        .collect();
    assert_eq!(
        differ,
        [
            "Q4: \"705, 710\" | \"365, 705, 710\"",
            "Q5: \"No\" | \"Yes\"",
            "Q16: \"Nonaggression pact, Consultation pact\" | \"Nonaggression pact\"",
        ]
    );
    assert_eq!(
        (
            v["agree"].clone(),
            v["differ"].clone(),
            v["not_compared"].clone()
        ),
        (52.into(), 3.into(), 6.into())
    );
    let vars: Vec<&str> = v["variables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["variable"].as_str().unwrap())
        .collect();
    assert_eq!(vars, ["mem1", "mem2", "mem3", "bilat", "wartime", "consul"]);

    let o = run(&["diff", "a.codesheet.txt", "b.codesheet.txt"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    for line in [
        "≠   4  705, 710                                  365, 705, 710",
        "≠   5  No                                        Yes",
        "=   6  treaty                                    treaty",
        "Agreement: 52 of 55 questions (94.5%); 6 not compared.",
        "  consul   A 1         B 0",
    ] {
        assert!(out.lines().any(|l| l == line), "{line:?} in\n{out}");
    }
}

#[test]
fn diff_of_a_sheet_with_itself_agrees() {
    let o = run(
        &[
            "diff",
            "examples/5030/5030.codesheet.txt",
            "examples/5030/5030.codesheet.txt",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).ends_with("Agreement: 55 of 55 questions (100.0%); 6 not compared.\nExported variables: the sheets agree on all.\n"),
        "{}",
        stdout(&o)
    );
    let o = run(
        &["diff", "examples/5030/5030.codesheet.txt", "nope.txt"],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("atop-lint: nope.txt: cannot read:"),
        "{}",
        stderr(&o)
    );
}

/// Checks that every excerpt (pieces between "…" lines) of the example in docs/dataset.md that
/// starts with `shown` (the command as the page writes it) is in what the binary prints for
/// `args` run in `dir`.
fn doc_example_is_current(doc: &str, shown: &str, args: &[&str], dir: &std::path::Path) {
    let command = format!("{shown}\n");
    let block = doc
        .split(command.as_str())
        .nth(1)
        .and_then(|b| b.split("```").next())
        .unwrap_or_else(|| panic!("no example of {command:?} in docs/dataset.md"));
    let out = stdout(&run(args, dir));
    let excerpts: Vec<&str> = block
        .split("…\n")
        .map(|p| p.trim_matches('\n'))
        .filter(|p| !p.is_empty())
        .collect();
    assert!(!excerpts.is_empty(), "an empty example of {command:?}");
    for excerpt in excerpts {
        assert!(
            out.contains(excerpt),
            "docs/dataset.md's example of {command:?} is out of date:\n{excerpt}\n---\n{out}"
        );
    }
}

#[test]
fn dataset_doc_examples_are_what_the_binary_prints() {
    let doc = std::fs::read_to_string(root().join("docs/dataset.md")).unwrap();
    for args in [
        &["export", "examples/5030"][..],
        &["export", "--columns"],
        &[
            "diff",
            "examples/5030/5030.codesheet.txt",
            "tests/fixtures/sheets/5030-coder-b.codesheet.txt",
        ],
    ] {
        let shown = format!("$ atop-lint {}", args.join(" "));
        doc_example_is_current(&doc, &shown, args, &root());
    }
    // The --dataset example edits the seed with sed in the repository; here, in a copy.
    let release =
        |name: &str| std::fs::read_to_string(root().join("data/atop").join(name)).unwrap();
    let edited = SEED.replacen(
        "\nYes. The treaty requires peacetime",
        "\nNo. The treaty requires peacetime",
        1,
    );
    let dir = scratch(&[
        ("5030-b.codesheet.txt", &edited),
        (ALLIANCE_LEVEL, &release("atop4_01_alliance-level.csv")),
        (MEMBER_LEVEL, &release("atop4_01_member-level.csv")),
    ]);
    doc_example_is_current(
        &doc,
        &format!(
            "$ atop-lint check --dataset {ALLIANCE_LEVEL} \\\n    --dataset {MEMBER_LEVEL} 5030-b.codesheet.txt"
        ),
        &[
            "check",
            "--dataset",
            ALLIANCE_LEVEL,
            "--dataset",
            MEMBER_LEVEL,
            "5030-b.codesheet.txt",
        ],
        dir.path(),
    );
}

#[test]
fn diff_says_why_a_sheet_leaves_a_variable_open() {
    let o = run(
        &[
            "diff",
            "examples/5030/5030.codesheet.txt",
            "tests/fixtures/sheets/5030-clean.codesheet.txt",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).ends_with(
            "Agreement: 53 of 55 questions (96.4%); 6 not compared.\nExported variables that differ (1):\n  nomicoop  A (none)    B 1         A: Q50 says neither Yes nor No\n"
        ),
        "{}",
        stdout(&o)
    );
}
