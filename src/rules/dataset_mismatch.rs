use super::prelude::*;
use crate::coding::answers;
use crate::coding::export::{self, Field, Outcome};
use crate::model::release::{self, Entry, Row};
use crate::model::schema::Code;
use crate::syntax::dates::{Date, ENGLISH_MONTHS};
use crate::text::Span;
use std::collections::BTreeMap;

pub static RULE: Rule = Rule {
    code: "dataset-mismatch",
    severity: Severity::Warning,
    summary: "An answer disagrees with the release of the ATOP dataset given with --dataset",
    doc: "\
Compares a sheet with a release of the ATOP dataset (`--dataset FILE.csv`, or `dataset` in
`atop.toml`). The variables the sheet's answers determine (`atop-lint export --columns` lists
them) are compared with its ATOP ID's row of the alliance-level file; the members and their entry
dates with the member-level file. A disagreement is reported on the answer that determines the
variable. Where the schema knows only whether a variable is 0 or not (MILCON, MILAID, ...), only
that is compared; a variable the sheet does not determine is not compared. Where the ATOP 5.1
codebook lists the variable's codes, the message says what the release's code means (and the
sheet's side says which case its answer describes), so a coder sees which reading the codebook
supports. Without a dataset the rule is silent.

Example: Q16 lists `Consultation pact` while the release has CONSUL=0 reports
`Q16 lists Consultation pact but the dataset has CONSUL=0`; Q3 gives `December 23, 2003` while
the member-level file has both members entering on December 23, 2002 reports
`Q3 does not give December 23, 2002, but the dataset has 705, 710 entering then`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let Some(release) = cx.dataset else {
        return;
    };
    let sources = export::Sources {
        langs: cx.langs,
        evidence: cx.evidence,
        topics: cx.topics,
    };
    let fields = export::fields(cx.sheet, cx.text, cx.schema, sources);
    let Some((id, id_span, id_q)) = fields.iter().find_map(|f| match &f.outcome {
        Outcome::Coded {
            code: Code::Exact(id),
            span,
            ..
        } if f.export.variable == release::KEY => Some((*id, span.clone(), f.question.number)),
        _ => None,
    }) else {
        return;
    };
    let row = release.alliance(id);
    let members = release.members(id);
    if row.is_none() && members.is_none() {
        let release = release
            .version()
            .map_or_else(String::new, |v| format!(" (ATOP {v})"));
        out.report(
            id_span,
            Some(id_q),
            format!("Q{id_q} gives {id}, but the dataset{release} has no alliance {id}"),
        );
        return;
    }
    if let Some(row) = row {
        alliance_level(cx, out, &fields, row);
    }
    if let Some(members) = members {
        member_level(cx, out, &fields, &members, row.is_none());
    }
}

fn alliance_level(cx: &Context, out: &mut Sink, fields: &[Field], row: Row) {
    for f in fields {
        let n = f.question.number;
        match &f.outcome {
            Outcome::Coded { code, span, reason } if f.export.variable != release::KEY => {
                if let Some(v) = row.get(&f.export.variable)
                    && !code.admits(v)
                {
                    let meaning = code_meaning(f, v).map_or_else(String::new, |(page, m)| {
                        format!(" (codebook p. {page}: {v} = {m})")
                    });
                    out.report(
                        span.clone(),
                        Some(n),
                        format!(
                            "Q{n} {reason} but the dataset has {}={v}{meaning}",
                            f.label()
                        ),
                    );
                }
            }
            Outcome::Members(listed) => {
                let label = f.label();
                let data: Vec<(String, i64)> = row
                    .numbered(&f.export.variable)
                    .into_iter()
                    .map(|(i, v)| (format!(" has {label}{i}={v}"), v))
                    .collect();
                if !data.is_empty() {
                    compare_members(cx, out, n, listed, &data);
                }
            }
            _ => {}
        }
    }
}

fn member_level(
    cx: &Context,
    out: &mut Sink,
    fields: &[Field],
    members: &BTreeMap<i64, Entry>,
    compare_set: bool,
) {
    if compare_set
        && let Some((n, listed)) = fields.iter().find_map(|f| match &f.outcome {
            Outcome::Members(m) => Some((f.question.number, m)),
            _ => None,
        })
    {
        let data: Vec<(String, i64)> = members
            .keys()
            .map(|&m| (format!("'s member-level file has {m}"), m))
            .collect();
        compare_members(cx, out, n, listed, &data);
    }
    let Some(q) = cx.by_role(Role::SignatureDate) else {
        return;
    };
    let given = answers::dates(cx.sheet, q);
    if given.is_empty() {
        return;
    }
    let mut missing: BTreeMap<Entry, Vec<i64>> = BTreeMap::new();
    for (&member, &entry) in members {
        let matches = |d: &Date| {
            i64::from(d.year) == entry.year
                && i64::from(d.month) == entry.month
                && entry.day.is_none_or(|day| day == i64::from(d.day))
        };
        // A member that joined later may give its date on its own line: "(joined March 3, 1960)".
        let joined = cx
            .by_role(Role::Members)
            .into_iter()
            .flat_map(|q| &q.members)
            .filter(|m| i64::from(m.code) == member)
            .filter_map(|m| m.joined)
            .any(|d| matches(&d));
        if !joined && !given.iter().any(|(d, _)| matches(d)) {
            missing.entry(entry).or_default().push(member);
        }
    }
    let n = q.number();
    for (entry, who) in missing {
        let who: Vec<String> = who.iter().map(i64::to_string).collect();
        out.report(
            q.answer.clone(),
            Some(n),
            format!(
                "Q{n} does not give {}, but the dataset has {} entering then",
                entry_text(entry),
                who.join(", ")
            ),
        );
    }
}

/// What code `v` of a field's variable means in the codebook's definition ("0 none; 1 only in
/// hostilities; 2 in peacetime as well; …"), with the page: so a coder sees which reading the
/// release took.
fn code_meaning(f: &Field, v: i64) -> Option<(u32, String)> {
    let cb = f.export.codebook.as_ref()?;
    let clauses: Vec<&str> = cb.definition.split([';', ':']).map(str::trim).collect();
    // Only definitions that list their codes ("0 none; 1 …"), not a dummy's "1 if …".
    if !clauses.iter().any(|c| c.starts_with("0 ")) {
        return None;
    }
    let prefix = format!("{v} ");
    let meaning = clauses.iter().find_map(|c| c.strip_prefix(&prefix))?;
    Some((cb.page, meaning.trim_end_matches('.').to_string()))
}

/// "December 23, 2002", or "December 2002" when the file has no day.
fn entry_text(e: Entry) -> String {
    let date = i32::try_from(e.year)
        .ok()
        .and_then(|y| Date::new(y, u32::try_from(e.month).ok()?, u32::try_from(e.day?).ok()?));
    match date {
        Some(d) => d.english(),
        None => {
            let month = e
                .month
                .checked_sub(1)
                .and_then(|m| usize::try_from(m).ok())
                .and_then(|m| ENGLISH_MONTHS.get(m))
                .map_or_else(|| format!("month {}", e.month), |m| m.to_string());
            format!("{month} {}", e.year)
        }
    }
}

/// Reports members the sheet lists that the dataset lacks, on their lines, and members the
/// dataset has that the sheet does not list, on the answer. `data` holds (how the dataset has
/// the member, to follow "the dataset" in a message; its code).
fn compare_members(
    cx: &Context,
    out: &mut Sink,
    n: u32,
    listed: &[(u32, Span)],
    data: &[(String, i64)],
) {
    let codes: Vec<String> = data.iter().map(|(_, v)| v.to_string()).collect();
    for (code, span) in listed {
        if !data.iter().any(|(_, v)| *v == i64::from(*code)) {
            out.report(
                span.clone(),
                Some(n),
                format!(
                    "Q{n} lists {code}, which is not among the dataset's members ({})",
                    codes.join(", ")
                ),
            );
        }
    }
    let Some(q) = cx.question(n) else {
        return;
    };
    for (has, v) in data {
        if !listed.iter().any(|(c, _)| i64::from(*c) == *v) {
            out.report(
                q.answer.clone(),
                Some(n),
                format!("Q{n} does not list {v}, but the dataset{has}"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::model::release::Release;
    use std::sync::{Arc, LazyLock};

    fn release(alliances: &str, members: &str) -> Arc<Release> {
        let mut r = Release::default();
        r.add("alliance-level.csv", alliances).unwrap();
        r.add("member-level.csv", members).unwrap();
        Arc::new(r)
    }

    static ATOP_401: LazyLock<Arc<Release>> = LazyLock::new(|| {
        release(
            include_str!("../../data/atop/atop4_01_alliance-level.csv"),
            include_str!("../../data/atop/atop4_01_member-level.csv"),
        )
    });
    static ATOP_51: LazyLock<Arc<Release>> = LazyLock::new(|| {
        release(
            include_str!("../../data/atop/atop5_1a.csv"),
            include_str!("../../data/atop/atop5_1m.csv"),
        )
    });

    fn check(text: &str) -> Vec<String> {
        check_with_dataset("dataset-mismatch", text, &ATOP_401)
    }

    #[test]
    fn silent_on_the_seed_and_without_a_dataset() {
        assert_eq!(check(SEED), Vec::<String>::new());
        assert_eq!(
            check_with_dataset("dataset-mismatch", SEED, &ATOP_51),
            Vec::<String>::new()
        );
        assert_eq!(
            super::super::testing::check(
                "dataset-mismatch",
                &edit(SEED, "Consultation pact\n", "\n")
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_planted_disagreement_is_reported_at_its_question() {
        let text = edit(SEED, "\nConsultation pact\n", "\n");
        assert_eq!(
            check(&text),
            [
                "56:1 warning dataset-mismatch Q16: Q16 does not list Consultation pact but the dataset has CONSUL=1"
            ]
        );
        let text = edit(SEED, "Nonaggression pact.", "Defense pact.");
        assert_eq!(
            check(&text),
            [
                "56:1 warning dataset-mismatch Q16: Q16 lists Defense pact but the dataset has DEFENSE=0",
                "56:1 warning dataset-mismatch Q16: Q16 lists Defense pact but the dataset has ACTIVE=0",
                "56:1 warning dataset-mismatch Q16: Q16 does not list Nonaggression pact but the dataset has NONAGG=1",
            ]
        );
        let text = edit(SEED, "during peacetime.)\nYes.", "during peacetime.)\nNo.");
        assert_eq!(
            check(&text),
            [
                "144:1 warning dataset-mismatch Q31: Q31 says No but the dataset has MILCON=2 (codebook p. 44: 2 = in peacetime as well)"
            ]
        );
    }

    #[test]
    fn members_and_dates() {
        let text = edit(SEED, "705 Kazakhstan.", "365 Russia.");
        assert_eq!(
            check(&text),
            [
                "10:1 warning dataset-mismatch Q4: Q4 does not list 705, but the dataset has MEM1=705",
                "11:1 warning dataset-mismatch Q4: Q4 lists 365, which is not among the dataset's members (705, 710)",
            ]
        );
        let text = edit(SEED, "December 23, 2002", "December 23, 2003");
        assert_eq!(
            check(&text),
            [
                "7:72 warning dataset-mismatch Q3: Q3 gives December 23, 2003 but the dataset has BEGYR=2002",
                "7:72 warning dataset-mismatch Q3: Q3 does not give December 23, 2002, but the dataset has 705, 710 entering then",
            ]
        );
        let text = edit(SEED, "1. ATOP ID: 5030", "1. ATOP ID: 5031");
        assert_eq!(
            check(&text),
            [
                "3:13 warning dataset-mismatch Q1: Q1 gives 5031, but the dataset (ATOP 4.01) has no alliance 5031"
            ]
        );
        // 4.01's 6065 (Guyana–Russia) is 7005 in 5.1.
        let text = edit(SEED, "1. ATOP ID: 5030", "1. ATOP ID: 7005")
            .replace("710 China\n705 Kazakhstan.", "110 Guyana\n365 Russia")
            .replace("December 23, 2002", "June 15, 2016");
        assert_eq!(
            check(&text),
            [
                "3:13 warning dataset-mismatch Q1: Q1 gives 7005, but the dataset (ATOP 4.01) has no alliance 7005"
            ]
        );
        let mismatches = check_with_dataset("dataset-mismatch", &text, &ATOP_51);
        assert!(
            mismatches
                .iter()
                .all(|m| [" Q1:", " Q3:", " Q4:"].iter().all(|q| !m.contains(q))),
            "{mismatches:?}"
        );
    }

    /// Where a sheet and the release honestly disagree, the message says what the release's
    /// code means in the codebook, beside the case the answer describes.
    #[test]
    fn honest_disagreements_say_what_the_codebook_code_means() {
        let nato = include_str!("../../tests/fixtures/evidence/3180-nato.codesheet.txt");
        let got: Vec<String> = check_with_dataset("dataset-mismatch", nato, &ATOP_51)
            .into_iter()
            .filter(|m| m.contains(" Q11:") || m.contains(" Q35:") || m.contains(" Q9:"))
            .map(|m| m.split_once(": ").unwrap().1.to_string())
            .collect();
        assert_eq!(
            got,
            [
                "Q9 says No but the dataset has FUTMEM=2 (codebook p. 38: 2 = states with specific characteristics (e.g. Arab states, European states))",
                "Q35 says Yes, describing a named organization with regularly scheduled meetings (\"Yes. The Parties establish a council to…\") but the dataset has ORGAN1=3 (codebook p. 45: 3 = a stand-alone organization with a permanent bureaucracy)",
            ]
        );
    }

    /// A member that joined after the signing gives its date on its member line.
    #[test]
    fn a_later_member_gives_its_own_entry_date() {
        let csv = include_str!("../../data/atop/atop4_01_member-level.csv");
        let mut lines = csv.lines();
        let header = lines.next().unwrap();
        let rows: Vec<String> = lines
            .filter(|l| l.starts_with("5030,"))
            .map(|l| l.replacen("5030,,,705,1,2002,12,23,", "5030,,,705,1,2004,3,1,", 1))
            .collect();
        let mut r = Release::default();
        r.add(
            "member-level.csv",
            &format!("{header}\n{}\n", rows.join("\n")),
        )
        .unwrap();
        let release = Arc::new(r);
        assert_eq!(
            check_with_dataset("dataset-mismatch", SEED, &release),
            [
                "7:72 warning dataset-mismatch Q3: Q3 does not give March 1, 2004, but the dataset has 705 entering then"
            ]
        );
        let text = edit(
            SEED,
            "705 Kazakhstan.",
            "705 Kazakhstan (joined March 1, 2004).",
        );
        assert_eq!(
            check_with_dataset("dataset-mismatch", &text, &release),
            Vec::<String>::new()
        );
    }

    #[test]
    fn entry_dates_in_words() {
        use crate::model::release::Entry;
        let e = |year, month, day| super::entry_text(Entry { year, month, day });
        assert_eq!(e(2002, 12, Some(23)), "December 23, 2002");
        assert_eq!(e(1815, 6, None), "June 1815");
        assert_eq!(e(1815, 13, None), "month 13 1815");
        assert_eq!(
            e(1815, i64::MIN, Some(40)),
            format!("month {} 1815", i64::MIN)
        );
    }

    #[test]
    fn member_level_file_alone() {
        let mut r = Release::default();
        r.add(
            "member-level.csv",
            include_str!("../../data/atop/atop4_01_member-level.csv"),
        )
        .unwrap();
        let text = edit(SEED, "705 Kazakhstan.", "365 Russia.");
        assert_eq!(
            check_with_dataset("dataset-mismatch", &text, &Arc::new(r)),
            [
                "10:1 warning dataset-mismatch Q4: Q4 does not list 705, but the dataset's member-level file has 705",
                "11:1 warning dataset-mismatch Q4: Q4 lists 365, which is not among the dataset's members (705, 710)",
            ]
        );
    }
}
