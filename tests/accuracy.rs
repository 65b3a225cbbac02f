//! The real-treaty benchmark (tests/fixtures/bench/): the treaty reader and the evidence reader
//! run on real alliance treaties, and what they find is compared, topic by topic, with ATOP 5.1's
//! coding of each alliance; the reader's article count is compared with a hand count; coding
//! sheets written from the treaty and its 5.1 row are linted as they are (they should be silent)
//! and with planted contradictions (each should be caught at its question). Figures go to
//! ACCURACY.md (`ATOP_LINT_WRITE_ACCURACY=1 cargo test --test accuracy`); the test fails when
//! they drop below the floors in tests/fixtures/bench/floors.toml, when ACCURACY.md is stale, and
//! when a reserved ATOP ID is in the corpus.

mod common;

use atop_lint::diagnostic::Severity;
use atop_lint::model::cow::CowStates;
use atop_lint::model::evidence::{Evidence, Topics};
use atop_lint::model::lang::Languages;
use atop_lint::model::release::{Release, Row};
use atop_lint::rules::RuleSettings;
use atop_lint::syntax::treaty::{self, Treaty};
use atop_lint::{Env, TreatyText, analyze};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;

/// Reserved for an independent evaluation: never in the corpus.
const RESERVED: [i64; 6] = [2550, 3075, 3130, 3320, 3900, 3965];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    treaty: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    atopid: i64,
    lang: String,
    /// Under tests/fixtures/.
    file: String,
    split: Split,
    /// Hand counts: the main text, then each protocol or annex.
    articles: Vec<usize>,
    /// The heading style of the main text, as written.
    heading: String,
    /// Organizations the alliance itself sets up or is: not references to other ones.
    #[serde(default)]
    own: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Split {
    Tune,
    Heldout,
}

impl Split {
    const ALL: [Split; 2] = [Split::Tune, Split::Heldout];
    fn name(self) -> &'static str {
        match self {
            Split::Tune => "tune",
            Split::Heldout => "held-out",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Floors {
    tune: Floor,
    heldout: Floor,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Floor {
    agreement: f64,
    precision: f64,
    recall: f64,
    /// Texts whose every part the reader counts as the hand count does.
    segmented: usize,
    /// Planted contradictions caught at their question.
    caught: usize,
    /// Errors and warnings on the consistent sheets, at most.
    false_alarms: usize,
}

/// Contradictions planted in a benchmark sheet (`<atopid>.planted.toml`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlantedFile {
    planted: Vec<Plant>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Plant {
    question: u32,
    /// The rule that should catch it, where one exists today.
    rule: Option<String>,
    replace: String,
    with: String,
}

/// International organizations that ATOP codes as alliances: a reference to one is NATREFAL,
/// not REFOTHIO.
const ALLIANCE_ORGS: [&str; 8] = [
    "nato",
    "weu",
    "oas",
    "csto",
    "cis",
    "arab_league",
    "sco",
    "eu",
];

/// What the reader claims about a treaty: one of its topics or organizations.
enum Claim {
    /// A strong cue of the evidence topic in an article.
    Topic(&'static str),
    /// A mention of the organization.
    Org(&'static str),
    /// Any organization outside the UN, the League and the alliances.
    OtherOrg,
    /// Any organization that ATOP codes as an alliance, other than the treaty's own.
    OtherAlliance,
}

/// How ATOP codes a provision.
enum Truth {
    /// The column's value is in the set.
    In(&'static str, &'static [i64]),
    /// The column is positive.
    Positive(&'static str),
}

enum Test {
    /// Whether the reader finds the provision, against whether ATOP codes it.
    Presence(Claim, Truth),
    /// Whether the reader finds ATOP's period: `months` when `when` is in `values`.
    Period {
        kind: &'static str,
        months: &'static str,
        when: &'static str,
        values: &'static [i64],
    },
}

struct Measure {
    name: &'static str,
    test: Test,
}

const fn presence(name: &'static str, claim: Claim, truth: Truth) -> Measure {
    Measure {
        name,
        test: Test::Presence(claim, truth),
    }
}

/// An evidence topic against a column that is positive when ATOP codes the provision.
const fn topic(name: &'static str, column: &'static str) -> Measure {
    presence(name, Claim::Topic(name), Truth::Positive(column))
}

/// The periods found for `kind` against column `months`, which counts when `when` is in `values`.
const fn period(
    name: &'static str,
    kind: &'static str,
    months: &'static str,
    (when, values): (&'static str, &'static [i64]),
) -> Measure {
    Measure {
        name,
        test: Test::Period {
            kind,
            months,
            when,
            values,
        },
    }
}

/// The evidence topics and the ATOP 5.1 variables they stand for (ACCURACY.md says where the
/// match is approximate).
const MEASURES: &[Measure] = &[
    topic("defense", "defense"),
    topic("offense", "offense"),
    topic("neutrality", "neutral"),
    topic("nonaggression", "nonagg"),
    topic("consultation", "consul"),
    presence(
        "renunciation",
        Claim::Topic("renunciation"),
        Truth::In("renounce", &[1, 2, 3]),
    ),
    topic("renewal", "proren"),
    topic("duration", "speclgth"),
    topic("accession", "proadd"),
    topic("organization", "organ1"),
    topic("military_aid", "milaid"),
    topic("military_contact", "milcon"),
    topic("bases", "base"),
    topic("integrated_command", "intcom"),
    topic("arms", "armred"),
    topic("no_other_alliance", "noothall"),
    topic("separate_peace", "seppeace"),
    topic("dispute_settlement", "medarb"),
    presence(
        "nonintervention",
        Claim::Topic("nonintervention"),
        Truth::In("interv", &[1]),
    ),
    topic("nonmilitary_cooperation", "nomicoop"),
    presence("un", Claim::Org("un"), Truth::In("reflnun", &[2])),
    presence("league", Claim::Org("league"), Truth::In("reflnun", &[1])),
    presence("other_io", Claim::OtherOrg, Truth::Positive("refothio")),
    presence(
        "other_alliance",
        Claim::OtherAlliance,
        Truth::Positive("natrefal"),
    ),
    period("term_months", "duration", "length", ("speclgth", &[1])),
    period("renewal_months", "renewal", "renewlgt", ("proren", &[1, 2])),
];

/// The outcome of one measure on one treaty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Tp,
    Fp,
    Fn,
    Tn,
}

#[derive(Clone, Copy, Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Counts {
    fn add(&mut self, o: Outcome) {
        match o {
            Outcome::Tp => self.tp += 1,
            Outcome::Fp => self.fp += 1,
            Outcome::Fn => self.fn_ += 1,
            Outcome::Tn => self.tn += 1,
        }
    }
    fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn agreement(&self) -> Option<f64> {
        ratio(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

fn pct(r: Option<f64>) -> String {
    r.map_or("–".into(), |v| format!("{:.0} %", v * 100.0))
}

fn outcome(claimed: bool, coded: bool) -> Outcome {
    match (claimed, coded) {
        (true, true) => Outcome::Tp,
        (true, false) => Outcome::Fp,
        (false, true) => Outcome::Fn,
        (false, false) => Outcome::Tn,
    }
}

fn value(row: &Row, col: &str) -> i64 {
    row.get(col)
        .unwrap_or_else(|| panic!("ATOP 5.1 row has no value in `{col}`"))
}

/// One measure on one treaty.
fn measure(ms: &Measure, ev: &Evidence, row: &Row, own: &[String]) -> Outcome {
    match &ms.test {
        Test::Presence(claim, truth) => {
            let mut orgs = ev
                .organizations
                .keys()
                .map(String::as_str)
                .filter(|o| !own.iter().any(|w| w == o));
            let claimed = match claim {
                Claim::Topic(topic) => !ev.strong_places(topic).is_empty(),
                Claim::Org(id) => ev.organizations.contains_key(*id),
                Claim::OtherOrg => {
                    orgs.any(|o| !["un", "league"].contains(&o) && !ALLIANCE_ORGS.contains(&o))
                }
                Claim::OtherAlliance => orgs.any(|o| ALLIANCE_ORGS.contains(&o)),
            };
            let coded = match truth {
                Truth::In(col, set) => set.contains(&value(row, col)),
                Truth::Positive(col) => value(row, col) > 0,
            };
            outcome(claimed, coded)
        }
        Test::Period {
            kind,
            months,
            when,
            values,
        } => {
            let found: Vec<i64> = ev
                .quantities
                .get(*kind)
                .into_iter()
                .flatten()
                .map(|q| i64::from(q.months))
                .collect();
            let coded = (values.contains(&value(row, when)) && value(row, months) > 0)
                .then(|| value(row, months));
            match coded {
                Some(e) if found.contains(&e) => Outcome::Tp,
                Some(_) => Outcome::Fn,
                None if found.is_empty() => Outcome::Tn,
                None => Outcome::Fp,
            }
        }
    }
}

/// One text of the corpus, read.
struct Read {
    entry: Entry,
    /// Outcome per measure, in MEASURES order.
    outcomes: Vec<Outcome>,
    /// The article numbers the reader finds, per part.
    numbers: Vec<Vec<u32>>,
}

fn fixtures() -> std::path::PathBuf {
    common::root().join("tests/fixtures")
}

fn manifest() -> Manifest {
    let text = fs::read_to_string(fixtures().join("bench/manifest.toml")).expect("manifest");
    toml::from_str(&text).expect("manifest.toml parses")
}

fn release() -> Release {
    let text =
        fs::read_to_string(fixtures().join("bench/atop5_1a.bench.csv")).expect("ATOP 5.1 rows");
    let mut r = Release::default();
    r.add("atop5_1a.bench.csv", &text)
        .expect("ATOP 5.1 rows parse");
    r
}

fn read_corpus() -> Vec<Read> {
    let langs = Languages::builtin();
    let release = release();
    manifest()
        .treaty
        .into_iter()
        .map(|entry| {
            let text = fs::read_to_string(fixtures().join(&entry.file))
                .unwrap_or_else(|e| panic!("{}: {e}", entry.file));
            let t: Treaty = treaty::parse(text, Some(&entry.lang), langs);
            let ev = Evidence::gather(
                std::slice::from_ref(&t),
                langs,
                CowStates::builtin(),
                Topics::builtin(),
            );
            let row = release
                .alliance(entry.atopid)
                .unwrap_or_else(|| panic!("no ATOP 5.1 row for {}", entry.atopid));
            let outcomes = MEASURES
                .iter()
                .map(|ms| measure(ms, &ev, &row, &entry.own))
                .collect();
            let numbers = std::iter::once(&t.articles)
                .chain(t.parts.iter().map(|p| &p.articles))
                .map(|articles| articles.iter().map(|a| a.number).collect())
                .collect();
            Read {
                entry,
                outcomes,
                numbers,
            }
        })
        .collect()
}

impl Read {
    fn counted(&self) -> Vec<usize> {
        self.numbers.iter().map(Vec::len).collect()
    }
    /// Every part has its articles numbered 1 to the hand count, in order: every text of the
    /// corpus numbers its articles so.
    fn segmented(&self) -> bool {
        self.numbers.len() == self.entry.articles.len()
            && self
                .numbers
                .iter()
                .zip(&self.entry.articles)
                .all(|(found, &n)| found.iter().copied().eq((1..).take(n)))
    }
}

/// Counts over the texts of a split, for the measures that `pick` selects.
fn totals(reads: &[&Read], pick: impl Fn(usize) -> bool) -> Counts {
    let mut c = Counts::default();
    for r in reads {
        for (i, &o) in r.outcomes.iter().enumerate() {
            if pick(i) {
                c.add(o);
            }
        }
    }
    c
}

fn in_split(reads: &[Read], split: Split) -> Vec<&Read> {
    reads.iter().filter(|r| r.entry.split == split).collect()
}

fn row(out: &mut String, label: &str, c: &Counts) {
    writeln!(
        out,
        "| {label} | {} | {} | {} | {} | {} | {} |",
        c.tp,
        c.fp,
        c.fn_,
        c.tn,
        pct(c.precision()),
        pct(c.recall())
    )
    .unwrap();
}

const HEADER: &str =
    "| | TP | FP | FN | TN | precision | recall |\n|---|---|---|---|---|---|---|\n";

/// The tables of ACCURACY.md (everything after its hand-written introduction).
fn tables(reads: &[Read]) -> String {
    let mut out = String::new();
    out.push_str("## Headline\n\n| split | texts | languages | agreement | precision | recall | segmented as by hand |\n|---|---|---|---|---|---|---|\n");
    for split in Split::ALL {
        let rs = in_split(reads, split);
        let c = totals(&rs, |_| true);
        let mut langs: Vec<&str> = rs.iter().map(|r| r.entry.lang.as_str()).collect();
        langs.sort_unstable();
        langs.dedup();
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} of {} |",
            split.name(),
            rs.len(),
            langs.join(", "),
            pct(c.agreement()),
            pct(c.precision()),
            pct(c.recall()),
            rs.iter().filter(|r| r.segmented()).count(),
            rs.len()
        )
        .unwrap();
    }
    for split in Split::ALL {
        let rs = in_split(reads, split);
        writeln!(out, "\n## Per topic, {} split\n", split.name()).unwrap();
        out.push_str(HEADER);
        for (i, ms) in MEASURES.iter().enumerate() {
            row(&mut out, ms.name, &totals(&rs, |j| j == i));
        }
        writeln!(
            out,
            "\n## Per language, {} split (all topics)\n",
            split.name()
        )
        .unwrap();
        out.push_str(HEADER);
        let mut by_lang: BTreeMap<&str, Vec<&Read>> = BTreeMap::new();
        for r in &rs {
            by_lang.entry(r.entry.lang.as_str()).or_default().push(r);
        }
        for (lang, group) in by_lang {
            row(&mut out, lang, &totals(&group, |_| true));
        }
    }
    out.push_str("\n## Article segmentation\n\nArticles the reader counts per part (main text, then each protocol or annex) against the hand count in the manifest; a text counts as segmented when every part has its articles numbered 1 to the hand count, in order.\n\n| split | text | ATOP | heading style | reader | by hand | |\n|---|---|---|---|---|---|---|\n");
    for r in in_split(reads, Split::Tune) {
        writeln!(
            out,
            "| tune | `{}` | {} | `{}` | {:?} | {:?} | {} |",
            r.entry.file,
            r.entry.atopid,
            r.entry.heading,
            r.counted(),
            r.entry.articles,
            if r.segmented() { "same" } else { "**differs**" }
        )
        .unwrap();
    }
    let held = in_split(reads, Split::Heldout);
    let sum = |f: &dyn Fn(&Read) -> usize| held.iter().map(|r| f(r)).sum::<usize>();
    writeln!(
        out,
        "| held-out | {} texts (not listed one by one: nobody reads them while tuning) | | | {} articles | {} articles | {} of {} texts the same |",
        held.len(),
        sum(&|r| r.counted().iter().sum()),
        sum(&|r| r.entry.articles.iter().sum()),
        held.iter().filter(|r| r.segmented()).count(),
        held.len()
    )
    .unwrap();
    out
}

/// A benchmark sheet linted against its treaty texts, as written and with each planted
/// contradiction.
struct SheetRun {
    split: Split,
    /// Errors and warnings on the consistent sheet.
    errors: usize,
    warnings: usize,
    planted: usize,
    /// Caught at the planted question by an error or warning the consistent sheet does not have.
    caught: usize,
    /// Of those, by the rule the plant names.
    by_rule: usize,
}

/// Errors and warnings as (code, question, severity, message): a plant is caught by a finding
/// the consistent sheet does not have, though the rule may warn there about something else.
fn lint(
    sheet: &str,
    treaties: &[TreatyText],
) -> Vec<(&'static str, Option<u32>, Severity, String)> {
    analyze(
        sheet,
        treaties.to_vec(),
        &Env::default(),
        &RuleSettings::default(),
    )
    .diagnostics
    .into_iter()
    .filter(|d| matches!(d.severity, Severity::Error | Severity::Warning))
    .map(|d| (d.code, d.question, d.severity, d.message))
    .collect()
}

/// The benchmark's sheets (every one must be of an alliance in the manifest), then the evidence
/// fixtures' sheets of alliances in the manifest (tune texts: NATO, Molotov-Ribbentrop), as
/// (folder, file name, ATOP ID).
fn sheet_files(entries: &[Entry]) -> Vec<(std::path::PathBuf, String, i64)> {
    let mut out = Vec::new();
    for (folder, all_in_manifest) in [("bench/sheets", true), ("evidence", false)] {
        let dir = fixtures().join(folder);
        let mut names: Vec<String> = fs::read_dir(&dir)
            .expect("sheet folder")
            .map(|f| f.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".codesheet.txt"))
            .collect();
        names.sort();
        for name in names {
            let id: i64 = name
                .split(['.', '-'])
                .next()
                .and_then(|s| s.parse().ok())
                .unwrap_or_else(|| panic!("{name}: name it <atopid>.codesheet.txt"));
            if all_in_manifest || entries.iter().any(|e| e.atopid == id) {
                out.push((dir.clone(), name, id));
            }
        }
    }
    out
}

fn run_sheets(entries: &[Entry]) -> Vec<SheetRun> {
    sheet_files(entries)
        .iter()
        .map(|(dir, name, id)| {
            let id = *id;
            let texts: Vec<&Entry> = entries.iter().filter(|e| e.atopid == id).collect();
            assert!(
                !texts.is_empty(),
                "{name}: no treaty of ATOP {id} in the manifest"
            );
            let split = texts[0].split;
            assert!(
                texts.iter().all(|e| e.split == split),
                "{name}: texts in both splits"
            );
            let treaties: Vec<TreatyText> = texts
                .iter()
                .map(|e| TreatyText {
                    text: fs::read_to_string(fixtures().join(&e.file)).expect("treaty"),
                    lang: Some(e.lang.clone()),
                })
                .collect();
            let sheet = fs::read_to_string(dir.join(name)).expect("sheet");
            let stem = name.trim_end_matches(".codesheet.txt");
            let plants: PlantedFile = toml::from_str(
                &fs::read_to_string(dir.join(format!("{stem}.planted.toml")))
                    .unwrap_or_else(|e| panic!("{stem}.planted.toml: {e}")),
            )
            .expect("planted file parses");
            let clean = lint(&sheet, &treaties);
            let count = |s: Severity| clean.iter().filter(|d| d.2 == s).count();
            let mut run = SheetRun {
                split,
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                planted: plants.planted.len(),
                caught: 0,
                by_rule: 0,
            };
            for p in &plants.planted {
                assert_eq!(
                    sheet.matches(&p.replace).count(),
                    1,
                    "{name}: plant at Q{} must match once",
                    p.question
                );
                let new: Vec<_> = lint(&sheet.replacen(&p.replace, &p.with, 1), &treaties)
                    .into_iter()
                    .filter(|d| d.1 == Some(p.question) && !clean.contains(d))
                    .collect();
                run.caught += usize::from(!new.is_empty());
                run.by_rule += usize::from(new.iter().any(|d| p.rule.as_deref() == Some(d.0)));
            }
            run
        })
        .collect()
}

fn sheet_table(runs: &[SheetRun]) -> String {
    let mut out = String::from(
        "\n## Coding sheets\n\nSheets written from the treaty text and the ATOP 5.1 row (`tests/fixtures/bench/sheets/`, and the sheets of `tests/fixtures/evidence/` whose alliance is in the manifest: NATO and Molotov–Ribbentrop, tune), linted with all rules: as written they should be silent but for notes; each planted contradiction (`<sheet>.planted.toml`) should be caught at its question by an error or a warning.\n\n| split | sheets | errors on consistent sheets | warnings on consistent sheets | planted | caught at the question | by the rule named |\n|---|---|---|---|---|---|---|\n",
    );
    for split in Split::ALL {
        let rs: Vec<&SheetRun> = runs.iter().filter(|r| r.split == split).collect();
        let sum = |f: fn(&SheetRun) -> usize| rs.iter().map(|r| f(r)).sum::<usize>();
        let planted = sum(|r| r.planted);
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} ({}) | {} |",
            split.name(),
            rs.len(),
            sum(|r| r.errors),
            sum(|r| r.warnings),
            planted,
            sum(|r| r.caught),
            pct(ratio(sum(|r| r.caught), planted)),
            sum(|r| r.by_rule)
        )
        .unwrap();
    }
    out
}

const MARKER: &str = "<!-- Generated by tests/accuracy.rs from here on. -->\n";

fn accuracy_md() -> std::path::PathBuf {
    common::root().join("ACCURACY.md")
}

#[test]
fn accuracy_stays_above_the_floors_and_is_published() {
    let reads = read_corpus();
    let runs = run_sheets(&manifest().treaty);
    let floors: Floors =
        toml::from_str(&fs::read_to_string(fixtures().join("bench/floors.toml")).expect("floors"))
            .expect("floors.toml parses");
    let generated = tables(&reads) + &sheet_table(&runs);
    let current = fs::read_to_string(accuracy_md()).expect("ACCURACY.md");
    let (intro, published) = current
        .split_once(MARKER)
        .expect("ACCURACY.md keeps its generated-tables marker");
    if std::env::var_os("ATOP_LINT_WRITE_ACCURACY").is_some() {
        fs::write(accuracy_md(), format!("{intro}{MARKER}{generated}")).expect("write");
    } else {
        assert_eq!(
            published, generated,
            "ACCURACY.md is stale: run `ATOP_LINT_WRITE_ACCURACY=1 cargo test --test accuracy`"
        );
    }
    for (split, floor) in [
        (Split::Tune, &floors.tune),
        (Split::Heldout, &floors.heldout),
    ] {
        let rs = in_split(&reads, split);
        let c = totals(&rs, |_| true);
        let name = split.name();
        for (what, got, min) in [
            ("agreement", c.agreement(), floor.agreement),
            ("precision", c.precision(), floor.precision),
            ("recall", c.recall(), floor.recall),
        ] {
            let got = got.unwrap_or(0.0);
            assert!(
                got >= min,
                "{name} {what} {got:.3} fell below the floor {min}"
            );
        }
        let segmented = rs.iter().filter(|r| r.segmented()).count();
        assert!(
            segmented >= floor.segmented,
            "{name}: {segmented} texts segmented as by hand, floor {}",
            floor.segmented
        );
        let sheets = runs.iter().filter(|r| r.split == split);
        let caught: usize = sheets.clone().map(|r| r.caught).sum();
        let alarms: usize = sheets.map(|r| r.errors + r.warnings).sum();
        assert!(
            caught >= floor.caught,
            "{name}: {caught} planted contradictions caught, floor {}",
            floor.caught
        );
        assert!(
            alarms <= floor.false_alarms,
            "{name}: {alarms} errors and warnings on consistent sheets, at most {}",
            floor.false_alarms
        );
    }
}

#[test]
fn corpus_has_no_reserved_alliance_and_a_held_out_third() {
    let m = manifest();
    for e in &m.treaty {
        assert!(
            !RESERVED.contains(&e.atopid),
            "reserved ATOP ID {}",
            e.atopid
        );
        let reserved_name = RESERVED.iter().any(|id| e.file.contains(&id.to_string()));
        assert!(!reserved_name, "{} carries a reserved number", e.file);
    }
    let release = release();
    for id in RESERVED {
        assert!(release.alliance(id).is_none(), "ATOP row {id} is reserved");
    }
    for dir in ["bench/treaties", "bench/sheets"] {
        for f in fs::read_dir(fixtures().join(dir)).expect("bench folder") {
            let name = f.expect("entry").file_name().to_string_lossy().into_owned();
            assert!(
                !RESERVED.iter().any(|id| name.contains(&id.to_string())),
                "{dir}/{name} carries a reserved number"
            );
            let listed = m.treaty.iter().any(|e| e.file.ends_with(&name));
            assert!(
                dir != "bench/treaties" || listed,
                "{name} is not in the manifest"
            );
        }
    }
    let held = m
        .treaty
        .iter()
        .filter(|e| e.split == Split::Heldout)
        .count();
    assert!(
        3 * held >= m.treaty.len(),
        "held out {held} of {}",
        m.treaty.len()
    );
}
