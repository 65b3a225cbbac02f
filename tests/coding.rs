//! `export`, `check --dataset` and `diff` end to end, against the ATOP 5.1 and 4.01 files
//! shipped in data/atop/.

mod common;

use common::*;
use std::collections::BTreeMap;

const ALLIANCE_LEVEL: &str = "data/atop/atop4_01_alliance-level.csv";
const MEMBER_LEVEL: &str = "data/atop/atop4_01_member-level.csv";
/// The built-in release's alliance- and member-level files.
const RELEASE_51: [&str; 2] = ["data/atop/atop5_1a.csv", "data/atop/atop5_1m.csv"];
/// Both releases shipped, each as (alliance-level, member-level).
const RELEASES: [[&str; 2]; 2] = [RELEASE_51, [ALLIANCE_LEVEL, MEMBER_LEVEL]];

/// The 5.1 alliance-level row of `id`, column → cell.
fn release_row(id: &str) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(root().join(RELEASE_51[0])).unwrap();
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

/// The columns the seed sheet determines, as the issue lists them.
const SEED_DETERMINES: [&str; 31] = [
    "begyr", "begmo", "begday", "bilat", "estmode", "pubsecr", "proadd", "futmem", "speclgth",
    "length", "renounce", "proren", "renewlgt", "ineffect", "defense", "offense", "neutral",
    "nonagg", "consul", "active", "conditio", "thirdcom", "noothall", "milaid", "organ1", "base",
    "reflnun", "natrefal", "nomicoop", "armred", "interv",
];

/// The JSON export of one sheet, column → value.
fn exported(sheet: &str, dir: &std::path::Path) -> serde_json::Map<String, serde_json::Value> {
    let o = run(&["export", "--format", "json", sheet], dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    v[0].as_object().unwrap().clone()
}

/// The columns where an export and a release row disagree, as `column=exported/release`; a
/// `>0` agrees with any code but 0.
fn disagreements(
    row: &serde_json::Map<String, serde_json::Value>,
    release: &BTreeMap<String, String>,
) -> Vec<String> {
    row.iter()
        .filter(|(c, _)| *c != "sheet")
        .filter_map(|(c, v)| {
            let in_release: i64 = release[c].trim().parse().unwrap();
            let agrees = match v {
                serde_json::Value::Null => true,
                serde_json::Value::String(s) => s == ">0" && in_release != 0,
                v => v.as_i64() == Some(in_release),
            };
            (!agrees).then(|| format!("{c}={v}/{in_release}"))
        })
        .collect()
}

#[test]
fn export_of_the_seed_agrees_with_its_51_row() {
    let o = run(&["export", "examples/5030"], &root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "sheet,atopid,begyr,begmo,begday,mem1,mem2,bilat,wartime,estmode,pubsecr,secrart,proadd,futmem,speclgth,length,renounce,proren,renewlgt,ineffect,defense,offense,neutral,nonagg,consul,active,conditio,notaiden,dipaid,terrres,specthrt,asymm,seppeace,thirdcom,noothall,conwtin,medarb,milcon,milaid,intcom,subord,organ1,orgpurp1,orgpurp2,base,contrib,armred,acqterr,divgains,demwith,reflnun,refothio,natrefal,compag,nomicoop,conres,agprois,conmen,ecaid,interv\n\
         examples/5030/5030.codesheet.txt,5030,2002,12,23,705,710,1,0,1,0,0,0,0,1,240,0,2,60,1,0,0,0,1,1,0,0,>0,,,0,0,0,0,1,0,0,2,0,0,0,0,0,0,0,0,1,0,0,0,2,,1,0,1,0,0,0,0,1\n"
    );
    let row = exported("examples/5030", &root());
    let release = release_row("5030");
    // Exact integer codes, equal to the release, on every column the sheet determines.
    for column in SEED_DETERMINES {
        assert_eq!(
            row[column].as_i64(),
            Some(release[column].parse::<i64>().unwrap()),
            "{column}"
        );
    }
    assert_eq!(disagreements(&row, &release), Vec::<String>::new());
    // CONRES, read from the No to Q51 and the No to Q52 together.
    assert_eq!(
        (&row["conres"], release["conres"].as_str()),
        (&0.into(), "0")
    );
}

/// The other sheets of real treaties: where the release and the sheet agree the export is the
/// release's code; the disagreements left are the sheets' own answers.
#[test]
fn export_of_other_sheets_against_their_51_rows() {
    let molotov = exported(
        "tests/fixtures/evidence/2470-molotov.codesheet.txt",
        &root(),
    );
    assert_eq!(molotov["pubsecr"], 1);
    assert_eq!(molotov["proren"], 2);
    assert_eq!(molotov["natrefal"], ">0");
    assert_eq!(
        disagreements(&molotov, &release_row("2470")),
        // Q39 and Q40 say No; the release codes the Secret Additional Protocol's spheres of
        // influence as acquisition of territory and a division of gains.
        ["acqterr=0/1", "divgains=0/1"]
    );
    let nato = exported("tests/fixtures/evidence/3180-nato.codesheet.txt", &root());
    assert_eq!((&nato["proadd"], &nato["reflnun"]), (&2.into(), &2.into()));
    let nato_disagrees: Vec<String> = disagreements(&nato, &release_row("3180"))
        .into_iter()
        // The sheet lists the twelve founding states, the release all thirty members.
        .filter(|d| !d.starts_with("mem"))
        .collect();
    assert_eq!(
        nato_disagrees,
        [
            // Q36 and Q9 say No; Q35 names a council, not NATO's permanent bureaucracy.
            "base=0/3",
            "futmem=0/2",
            "organ1=2/3",
        ]
    );
}

/// The 5.1 member-level rows of `id`, in file order (by phase, then member), column → cell.
fn release_member_rows(id: &str) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(root().join(RELEASE_51[1])).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|cells| cells[0] == id)
        .map(|cells| {
            header
                .iter()
                .zip(cells)
                .map(|(h, c)| (h.to_string(), c.to_string()))
                .collect()
        })
        .collect()
}

/// The member-level JSON export of one sheet: a row per member.
fn exported_members(
    sheet: &str,
    dir: &std::path::Path,
) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let o = run(
        &["export", "--level", "member", "--format", "json", sheet],
        dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rows = v.as_array().unwrap().iter();
    rows.map(|r| r.as_object().unwrap().clone()).collect()
}

/// Where a member-level export and the release's member rows disagree, as
/// `member column=exported/release` (columns in name order); an empty cell is not compared. Entry and COWWAR are
/// compared with the member's first row (its accession), exit and INEFFECT with its last: the
/// release ends a member's row with each phase, the sheet gives the member's end.
fn member_disagreements(
    rows: &[serde_json::Map<String, serde_json::Value>],
    id: &str,
) -> Vec<String> {
    let release = release_member_rows(id);
    rows.iter()
        .flat_map(|row| {
            let member = row["member"].to_string();
            let of_member: Vec<_> = release.iter().filter(|r| r["member"] == member).collect();
            assert!(!of_member.is_empty(), "{id}: no member {member} in 5.1");
            row.iter()
                .filter(|(c, v)| {
                    !v.is_null() && !["sheet", "atopid", "member"].contains(&c.as_str())
                })
                .filter_map(|(c, v)| {
                    let at_entry = ["yrent", "moent", "dayent", "cowwar"].contains(&c.as_str());
                    let r = if at_entry {
                        of_member[0]
                    } else {
                        of_member[of_member.len() - 1]
                    };
                    let in_release: i64 = r[c].parse().unwrap();
                    (v.as_i64() != Some(in_release))
                        .then(|| format!("{member} {c}={v}/{in_release}"))
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The member level of the seed: one row per member, every column determined and equal to
/// the member's 5.1 row.
#[test]
fn member_export_of_the_seed_is_its_51_member_rows() {
    let o = run(&["export", "--level", "member", "examples/5030"], &root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "sheet,atopid,member,yrent,moent,dayent,cowwar,yrexit,moexit,dayexit,ineffect\n\
         examples/5030/5030.codesheet.txt,5030,705,2002,12,23,0,0,0,0,1\n\
         examples/5030/5030.codesheet.txt,5030,710,2002,12,23,0,0,0,0,1\n"
    );
    let rows = exported_members("examples/5030", &root());
    let release = release_member_rows("5030");
    assert_eq!(rows.len(), release.len());
    for (row, r) in rows.iter().zip(&release) {
        for (column, value) in row.iter().filter(|(c, _)| *c != "sheet") {
            assert_eq!(value.as_i64(), r[column].parse().ok(), "{column}");
        }
    }
    assert_eq!(member_disagreements(&rows, "5030"), Vec::<String>::new());
}

/// The member level of the other real sheets (NATO's and Molotov-Ribbentrop's, and the
/// benchmark's consistent sheets beside their treaties) against their 5.1 member rows: what
/// each determines, and the one place where a sheet and the release honestly differ.
#[test]
fn member_export_of_real_sheets_against_their_51_member_rows() {
    let bench = root().join("tests/fixtures/bench/sheets");
    let sheets = [
        (
            "2470",
            root().join("tests/fixtures/evidence/2470-molotov.codesheet.txt"),
        ),
        (
            "3180",
            root().join("tests/fixtures/evidence/3180-nato.codesheet.txt"),
        ),
        ("2565", bench.join("2565.codesheet.txt")),
        ("3215", bench.join("3215.codesheet.txt")),
        ("3995", bench.join("3995.codesheet.txt")),
        ("4175", bench.join("4175.codesheet.txt")),
        ("4859", bench.join("4859.codesheet.txt")),
        ("1005", bench.join("1005.codesheet.txt")),
        ("1200", bench.join("1200.codesheet.txt")),
        ("1330", bench.join("1330.codesheet.txt")),
        ("2015", bench.join("2015.codesheet.txt")),
        ("1415", bench.join("1415.codesheet.txt")),
        ("1110", bench.join("1110.codesheet.txt")),
        ("2395", bench.join("2395.codesheet.txt")),
        ("2515", bench.join("2515.codesheet.txt")),
    ];
    let mut found = Vec::new();
    for (id, sheet) in sheets {
        let rows = exported_members(sheet.to_str().unwrap(), &root());
        // Per sheet: the members, how many have an entry date, and each one's COWWAR.
        let dated = rows.iter().filter(|r| !r["yrent"].is_null()).count();
        let cowwar: Vec<String> = rows.iter().map(|r| r["cowwar"].to_string()).collect();
        found.push(format!(
            "{id}: {} members, {dated} dated, cowwar {}",
            rows.len(),
            cowwar.join(" ")
        ));
        found.extend(
            member_disagreements(&rows, id)
                .into_iter()
                .map(|d| format!("{id} {d}")),
        );
    }
    let null = |n: usize| vec!["null"; n].join(" ");
    let zero = |n: usize| vec!["0"; n].join(" ");
    assert_eq!(
        found,
        [
            // Q5 says Yes: the war's COW number is not in the answer.
            "2470: 2 members, 2 dated, cowwar null null".to_string(),
            format!("3180: 12 members, 12 dated, cowwar {}", zero(12)),
            "2565: 2 members, 2 dated, cowwar null null".into(),
            "3215: 3 members, 3 dated, cowwar null null null".into(),
            // Q14 says the alliance is still in effect; the release ends New Zealand's
            // membership in 1986, when the United States suspended its obligations to it.
            "3215 920 dayexit=0/17".into(),
            "3215 920 ineffect=1/0".into(),
            "3215 920 moexit=0/9".into(),
            "3215 920 yrexit=0/1986".into(),
            format!("3995: 5 members, 5 dated, cowwar {}", zero(5)),
            // Q3 gives 1992 and, in a clause naming no member, 2007 ("the states that joined
            // from 2004 on"): only the members a clause names, or whose Q4 line says when they
            // joined, have an entry date; none of them entered at the signing, so no COWWAR.
            format!("4175: 28 members, 16 dated, cowwar {}", null(28)),
            format!("4859: 3 members, 3 dated, cowwar {}", zero(3)),
            // Q4 lists the three later members as "(joined January 13, 1815)" &c.: they enter
            // on those dates, the member-level file's; Q5's No says nothing of their joining.
            "1005: 6 members, 6 dated, cowwar 0 null 0 null null 0".into(),
            format!("1200: 2 members, 2 dated, cowwar {}", zero(2)),
            format!("1330: 2 members, 2 dated, cowwar {}", zero(2)),
            // Q5 says Yes (World War I) without the war's COW number; Japan and Italy are
            // listed "(joined …)" as in 1005.
            format!("2015: 5 members, 5 dated, cowwar {}", null(5)),
            // Q3 gives 1902 and 1905 (the agreement of the text, the alliance's second phase),
            // each in a clause naming no member: no member has an entry date, so no COWWAR; the
            // exit date is the second phase's.
            format!("1415: 2 members, 0 dated, cowwar {}", null(2)),
            format!("1110: 5 members, 5 dated, cowwar {}", zero(5)),
            // Q4 lists Italy, Hungary and Spain "(joined …)" and Q3 gives their dates in
            // clauses naming them; Q5's No gives COWWAR 0 to the two members that signed.
            "2395: 5 members, 5 dated, cowwar null 0 null null 0".into(),
            // Q5 says Yes (World War II and the Sino-Japanese war) without the wars' COW
            // numbers; Hungary, Romania and Bulgaria are listed "(joined …)".
            format!("2515: 6 members, 6 dated, cowwar {}", null(6)),
        ]
    );
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
    assert_eq!(v[0]["milcon"], 2);
    assert_eq!(v[0]["reflnun"], 2);
    assert_eq!(v[0]["mem2"], 710);
}

#[test]
fn export_columns_are_documented() {
    let o = run(&["export", "--columns"], &root());
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("\nmilcon (Q31): Yes → 3 if the answer describes a common defense policy, 2 if the answer describes official contact in peacetime as well, 1 if the answer describes official contact only in hostilities, else >0; No → 0\n    Codebook (p. 44): Required contact among the armed services"),
        "{out}"
    );
    assert!(
        out.contains("\nnatrefal (Q48): Yes → 1 if the answer describes conformity with the obligations of another alliance, 2 if the answer describes another alliance named as a threat, 3 if the answer describes another alliance in a notification provision, 1 if the treaty has a clause that it does not affect the parties' obligations under other treaties, else >0; No → 0\n"),
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
    for [alliance, member] in RELEASES {
        dataset_flags_the_planted_sheet(dir.path(), alliance, member);
    }
}

fn dataset_flags_the_planted_sheet(dir: &std::path::Path, alliance: &str, member: &str) {
    let alliance = root().join(alliance);
    let member = root().join(member);
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
        dir,
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
    let [alliance, member] = RELEASE_51.map(|f| std::fs::read_to_string(root().join(f)).unwrap());
    let planted = CLEAN.replacen("during peacetime.)\nYes.", "during peacetime.)\nNo.", 1);
    let dir = scratch(&[
        (
            "atop.toml",
            "dataset = [\"release/a.csv\", \"release/m.csv\"]\n",
        ),
        ("release/a.csv", &alliance),
        ("release/m.csv", &member),
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
    // A run that fails prints no counts (issue 14).
    assert_eq!(stdout(&o), "");
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
    assert_eq!(vars, ["bilat", "wartime", "consul"]);
    // The member lists compared as sets of states: B adds one.
    assert_eq!(
        v["members"],
        serde_json::json!([{
            "state": 365,
            "name": "Russia",
            "change": "added",
            "a": null,
            "b": {"entry": "December 23, 2002", "exit": "still in effect"}
        }])
    );

    let o = run(&["diff", "a.codesheet.txt", "b.codesheet.txt"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    for line in [
        "≠   4  705, 710                                  365, 705, 710",
        "≠   5  No                                        Yes",
        "=   6  treaty                                    treaty",
        "Agreement: 52 of 55 questions (94.5%); 6 not compared.",
        "Members that differ (1):",
        "  B adds 365 Russia",
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
        stdout(&o).ends_with("Agreement: 55 of 55 questions (100.0%); 6 not compared.\nMembers: the same states, with the same dates.\nExported variables: the sheets agree on all.\n"),
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
        &["export", "--level", "member", "examples/5030"],
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
        (RELEASE_51[0], &release("atop5_1a.csv")),
        (RELEASE_51[1], &release("atop5_1m.csv")),
    ]);
    doc_example_is_current(
        &doc,
        &format!(
            "$ atop-lint check --dataset {} \\\n    --dataset {} 5030-b.codesheet.txt",
            RELEASE_51[0], RELEASE_51[1]
        ),
        &[
            "check",
            "--dataset",
            RELEASE_51[0],
            "--dataset",
            RELEASE_51[1],
            "5030-b.codesheet.txt",
        ],
        dir.path(),
    );
}

#[test]
fn diff_says_why_a_sheet_leaves_a_variable_open() {
    let b = SEED
        .replacen(
            "Yes. It makes reference to the United Nations (Preamble, Art. 13) and the Shanghai",
            "Yes. It makes reference to the Shanghai",
            1,
        )
        .replacen(
            "principles of the UN Charter",
            "principles of international law",
            1,
        );
    let dir = scratch(&[("a.codesheet.txt", SEED), ("b.codesheet.txt", &b)]);
    let o = run(&["diff", "a.codesheet.txt", "b.codesheet.txt"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).ends_with(
            "Agreement: 54 of 55 questions (98.2%); 6 not compared.\nMembers: the same states, with the same dates.\nExported variables that differ (1):\n  reflnun  A 2         B (none)    B: Q47 says Yes, which does not determine REFLNUN\n"
        ),
        "{}",
        stdout(&o)
    );
}

/// Issue 13's consistency with the release: each consistent sheet of the real-treaty benchmark
/// (`tests/fixtures/bench/`), exported beside its treaty texts, against its 5.1 row. What is
/// listed is where the sheet and the release honestly differ; anything else is a failure.
#[test]
fn export_of_the_benchmark_sheets_against_their_51_rows() {
    let bench = root().join("tests/fixtures/bench");
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(bench.join("manifest.toml")).unwrap()).unwrap();
    let mut found = BTreeMap::new();
    let mut conres = Vec::new();
    for t in manifest["treaty"].as_array().unwrap() {
        let id = t["atopid"].as_integer().unwrap().to_string();
        let sheet = bench.join(format!("sheets/{id}.codesheet.txt"));
        let Ok(sheet_text) = std::fs::read_to_string(&sheet) else {
            continue;
        };
        let treaty = std::fs::read_to_string(
            root()
                .join("tests/fixtures")
                .join(t["file"].as_str().unwrap()),
        )
        .unwrap();
        let lang = t["lang"].as_str().unwrap();
        let dir = scratch(&[
            (&format!("{id}.codesheet.txt"), &sheet_text),
            (&format!("{id}.treaty.{lang}.txt"), &treaty),
        ]);
        let row = exported(&format!("{id}.codesheet.txt"), dir.path());
        conres.push(format!(
            "{id}: {} / {}",
            row["conres"],
            release_row(&id)["conres"]
        ));
        let differ: Vec<String> = disagreements(&row, &release_row(&id))
            .into_iter()
            .filter(|d| !d.starts_with("mem"))
            .collect();
        found.insert(id, differ);
    }
    let differ = |d: &[&str]| d.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let expected: BTreeMap<String, Vec<String>> = [
        // Q31 describes "a common doctrine, joint planning and interchange of staff", which the
        // codebook (p. 44) codes MILCON 3; the release has 2 (contact in peacetime).
        ("2565", differ(&["milcon=3/2"])),
        ("3215", vec![]),
        ("3995", vec![]),
        // Held out: recorded, not looked into. Q35's answer reads as ORGAN1 2, the release has 3.
        ("4175", differ(&["organ1=2/3"])),
        ("4859", vec![]),
        ("1005", vec![]),
        ("1200", vec![]),
        ("1330", vec![]),
        ("2015", vec![]),
        ("1415", vec![]),
        ("1390", vec![]),
        ("1110", vec![]),
        ("2395", vec![]),
        ("2515", vec![]),
    ]
    .into_iter()
    .map(|(id, d)| (id.to_string(), d))
    .collect();
    assert_eq!(found, expected);
    // Each sheet answers No to Q51 and to Q52: CONRES 0, exported and in the release alike.
    conres.sort();
    assert_eq!(
        conres,
        [
            "1005: 0 / 0",
            // Exported beside each of its two texts (English and French).
            "1110: 0 / 0",
            "1110: 0 / 0",
            "1200: 0 / 0",
            "1330: 0 / 0",
            "1390: 0 / 0",
            "1415: 0 / 0",
            "2015: 0 / 0",
            "2395: 0 / 0",
            "2515: 0 / 0",
            "2565: 0 / 0",
            "3215: 0 / 0",
            "3995: 0 / 0",
            "4175: 0 / 0",
            "4859: 0 / 0"
        ]
    );
}
