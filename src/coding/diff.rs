//! Two coders' sheets for one alliance compared question by question, after reading each answer
//! as a coding (Yes/No, member sets, dates, alliance types, the option chosen, cited articles),
//! and variable by variable.

use super::answers;
use super::export::{self, Cell};
use super::members::{self, Dates, Exit};
use crate::model::cow::CowStates;
use crate::model::lang::Languages;
use crate::model::schema::{AnswerKind, Code, Derivation, Question, Schema, words};
use crate::syntax::sheet::{ArticleRef, LeadKind, QuestionNode, Sheet};
use std::collections::BTreeSet;

/// A parsed sheet and its text.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub sheet: &'a Sheet,
    pub text: &'a str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Agree,
    Differ,
    /// Free text on both sides, or a question the schema leaves out of comparisons.
    NotCompared,
}

/// One question: each side's answer as read, and whether they agree.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct QuestionDiff {
    pub question: u32,
    pub status: Status,
    /// The answer as read; None for free text that cannot be compared.
    pub a: Option<String>,
    pub b: Option<String>,
}

/// A dataset variable whose values differ.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct VariableDiff {
    #[serde(rename = "variable")]
    pub column: String,
    pub a: Option<Code>,
    pub b: Option<Code>,
    /// Why a side does not determine the variable, when it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub a_unknown: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b_unknown: Option<String>,
}

/// How a state's membership differs between the sheets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberChange {
    /// Only B lists the state.
    Added,
    /// Only A lists it.
    Dropped,
    /// Both list it, with other dates of entry or exit.
    Dates,
}

/// A state the sheets list differently.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct MemberDiff {
    pub state: u32,
    /// Its name in the COW list ("" for a code the list lacks).
    pub name: String,
    pub change: MemberChange,
    /// Its dates on each side that lists it.
    pub a: Option<MemberDates>,
    pub b: Option<MemberDates>,
}

/// A member's dates in words: "December 23, 2002", "still in effect", or null.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct MemberDates {
    pub entry: Option<String>,
    pub exit: Option<String>,
}

impl From<Dates> for MemberDates {
    fn from(d: Dates) -> Self {
        MemberDates {
            entry: d.entry.map(|e| e.english()),
            exit: d.exit.map(|e| match e {
                Exit::StillInEffect => "still in effect".to_string(),
                Exit::On(date) => date.english(),
            }),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetDiff {
    pub questions: Vec<QuestionDiff>,
    /// The states the sheets list differently, by COW code.
    pub members: Vec<MemberDiff>,
    /// The exported variables that differ, the members' numbered columns aside (`members`
    /// compares them as sets).
    pub variables: Vec<VariableDiff>,
}

impl SheetDiff {
    pub fn count(&self, status: Status) -> usize {
        self.questions.iter().filter(|q| q.status == status).count()
    }
    /// Share of the compared questions on which the coders agree (1 when none are compared).
    pub fn agreement(&self) -> f64 {
        let agree = self.count(Status::Agree);
        let compared = agree + self.count(Status::Differ);
        if compared == 0 {
            1.0
        } else {
            agree as f64 / compared as f64
        }
    }
}

/// The states listed on either side whose listing or dates differ.
fn member_diffs(a: Side, b: Side, schema: &Schema, cow: &CowStates) -> Vec<MemberDiff> {
    let (ma, mb) = (
        members::members(a.sheet, a.text, schema, cow),
        members::members(b.sheet, b.text, schema, cow),
    );
    let states: BTreeSet<u32> = ma.keys().chain(mb.keys()).copied().collect();
    states
        .into_iter()
        .filter_map(|state| {
            let (da, db) = (ma.get(&state).copied(), mb.get(&state).copied());
            let change = match (da, db) {
                (None, Some(_)) => MemberChange::Added,
                (Some(_), None) => MemberChange::Dropped,
                (Some(x), Some(y)) if x != y => MemberChange::Dates,
                _ => return None,
            };
            Some(MemberDiff {
                state,
                name: cow.get(state).map_or("", |s| s.name()).to_string(),
                change,
                a: da.map(MemberDates::from),
                b: db.map(MemberDates::from),
            })
        })
        .collect()
}

/// Compares two sheets coded against the same schema.
pub fn diff(a: Side, b: Side, schema: &Schema, langs: &Languages, cow: &CowStates) -> SheetDiff {
    let questions = schema
        .questions
        .iter()
        .map(|sq| {
            let (na, nb) = (read(a, sq, schema, langs), read(b, sq, schema, langs));
            let status = if !sq.compare || (na.is_none() && nb.is_none()) {
                Status::NotCompared
            } else if na == nb {
                Status::Agree
            } else {
                Status::Differ
            };
            QuestionDiff {
                question: sq.number,
                status,
                a: na,
                b: nb,
            }
        })
        .collect();
    let answers = export::Sources::answers_only(langs);
    let fa = export::fields(a.sheet, a.text, schema, answers);
    let fb = export::fields(b.sheet, b.text, schema, answers);
    let width = export::member_columns([fa.as_slice(), fb.as_slice()]);
    let why = |c: Cell| match c {
        Cell::Unknown(why) => Some(why.to_string()),
        Cell::Code(_) | Cell::Empty => None,
    };
    let member_prefixes: Vec<&str> = schema
        .exports()
        .filter(|(_, e)| e.from == Derivation::Members)
        .map(|(_, e)| e.variable.as_str())
        .collect();
    let is_member_column = |column: &str| {
        member_prefixes.iter().any(|p| {
            column
                .strip_prefix(p)
                .is_some_and(|n| n.parse::<u32>().is_ok())
        })
    };
    let variables = export::columns(schema, width)
        .into_iter()
        .zip(
            export::row(&fa, width)
                .into_iter()
                .zip(export::row(&fb, width)),
        )
        .filter(|(column, (a, b))| a.code() != b.code() && !is_member_column(column))
        .map(|(column, (a, b))| VariableDiff {
            column,
            a: a.code(),
            b: b.code(),
            a_unknown: why(a),
            b_unknown: why(b),
        })
        .collect();
    SheetDiff {
        questions,
        members: member_diffs(a, b, schema, cow),
        variables,
    }
}

/// An answer read as its question's kind asks, in a canonical form; None for free text.
pub fn read(side: Side, sq: &Question, schema: &Schema, langs: &Languages) -> Option<String> {
    let Side { sheet, text } = side;
    let Some(q) = sheet.question(sq.number) else {
        return Some("(missing)".into());
    };
    if q.answer.is_empty() {
        return Some("(no answer)".into());
    }
    if q.lead
        .as_ref()
        .is_some_and(|l| l.kind == LeadKind::NotApplicable)
    {
        return Some("N/A".into());
    }
    let first_words = || words(&text[answers::first_line(text, q)]).join(" ");
    let with_citations = |s: String| {
        let cited = citations(q);
        if cited.is_empty() {
            s
        } else {
            format!("{s} ({cited})")
        }
    };
    let read = match sq.answer.kind {
        AnswerKind::YesNo => {
            let lead = lead_word(q).unwrap_or("(no Yes/No)");
            with_citations(lead.to_string())
        }
        AnswerKind::Integer | AnswerKind::Count => {
            answers::leading_number(text, q, langs).map_or_else(first_words, |(n, _)| n.to_string())
        }
        AnswerKind::Date => {
            let dates: BTreeSet<_> = answers::dates(sheet, q).into_iter().map(|d| d.0).collect();
            if dates.is_empty() {
                first_words()
            } else {
                dates
                    .iter()
                    .map(|d| d.english())
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        }
        AnswerKind::Members => {
            let codes: BTreeSet<u32> = q.members.iter().map(|m| m.code).collect();
            let codes: Vec<String> = codes.iter().map(u32::to_string).collect();
            codes.join(", ")
        }
        AnswerKind::Category => {
            answers::option(sq, text, q).map_or_else(first_words, str::to_string)
        }
        AnswerKind::Termination => match answers::in_effect(sq, text, q) {
            Some((true, _)) => "still in effect".into(),
            Some((false, _)) => {
                let dates: Vec<String> = answers::dates(sheet, q)
                    .iter()
                    .map(|d| d.0.english())
                    .collect();
                dates.join("; ")
            }
            None => first_words(),
        },
        AnswerKind::AllianceTypes => {
            let listed: Vec<String> = answers::listed_types(schema, text, q)
                .into_iter()
                .map(|(t, _)| t.id.clone())
                .collect();
            let labels: Vec<&str> = schema
                .alliance_types
                .iter()
                .filter(|t| listed.contains(&t.id))
                .map(|t| t.label.as_str())
                .collect();
            labels.join(", ")
        }
        AnswerKind::List => match answers::yes_no(sq, text, q) {
            Some((false, _)) => "No".into(),
            _ => with_citations(list_items(&text[q.answer.clone()])),
        },
        AnswerKind::Text => {
            // "No." is an answer; a leading "Yes" only opens the text.
            let mut parts: Vec<String> = lead_word(q)
                .filter(|&w| w == "No")
                .map(str::to_string)
                .into_iter()
                .collect();
            let cited = citations(q);
            if !cited.is_empty() {
                parts.push(cited);
            }
            let tags: BTreeSet<&str> = q.tags.iter().map(|t| t.type_id.as_str()).collect();
            if !tags.is_empty() {
                parts.push(format!(
                    "[{}]",
                    tags.into_iter().collect::<Vec<_>>().join(", ")
                ));
            }
            if parts.is_empty() {
                return None;
            }
            parts.join(" ")
        }
    };
    Some(read)
}

fn lead_word(q: &QuestionNode) -> Option<&'static str> {
    q.lead.as_ref().map(|l| match l.kind {
        LeadKind::Yes => "Yes",
        LeadKind::No => "No",
        LeadKind::NotApplicable => "N/A",
    })
}

/// "Preamble, Art. 1, 4": the articles an answer cites, each once, in order.
fn citations(q: &QuestionNode) -> String {
    let refs: BTreeSet<ArticleRef> = q
        .citations
        .iter()
        .flat_map(|c| c.targets.iter().map(|t| t.0))
        .collect();
    let mut parts = Vec::new();
    if refs.contains(&ArticleRef::Preamble) {
        parts.push("Preamble".to_string());
    }
    let articles: Vec<String> = refs
        .iter()
        .filter_map(|r| match r {
            ArticleRef::Article(n) => Some(n.to_string()),
            ArticleRef::Preamble | ArticleRef::Text => None,
        })
        .collect();
    if !articles.is_empty() {
        parts.push(format!("Art. {}", articles.join(", ")));
    }
    parts.join(", ")
}

/// The items of a list answer, each as its words, sorted: "attack, specific adversary" and
/// "Specific adversary; attack." read the same.
fn list_items(answer: &str) -> String {
    let items: BTreeSet<String> = answer
        .split([',', ';', '\n'])
        .flat_map(|s| s.split(" and "))
        .map(|s| words(s).join(" "))
        .filter(|s| !s.is_empty())
        .collect();
    items.into_iter().collect::<Vec<_>>().join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::sheet::parse;

    const SEED: &str = include_str!("../../examples/5030/5030.codesheet.txt");

    fn diff_texts(a: &str, b: &str) -> SheetDiff {
        let schema = Schema::builtin();
        let (sa, sb) = (parse(a, &schema), parse(b, &schema));
        diff(
            Side {
                sheet: &sa,
                text: a,
            },
            Side {
                sheet: &sb,
                text: b,
            },
            &schema,
            Languages::builtin(),
            CowStates::builtin(),
        )
    }

    #[test]
    fn a_sheet_agrees_with_itself() {
        let d = diff_texts(SEED, SEED);
        assert_eq!(d.count(Status::Differ), 0);
        assert_eq!(d.variables, []);
        assert_eq!(
            (d.count(Status::Agree), d.count(Status::NotCompared)),
            (55, 6)
        );
        let read = |n: u32| d.questions[n as usize - 1].a.clone();
        assert_eq!(read(4).as_deref(), Some("705, 710"));
        assert_eq!(read(3).as_deref(), Some("December 23, 2002"));
        assert_eq!(
            read(16).as_deref(),
            Some("Nonaggression pact, Consultation pact")
        );
        assert_eq!(read(47).as_deref(), Some("Yes (Preamble, Art. 11, 12, 13)"));
        assert_eq!(read(7).as_deref(), Some("public"));
        assert_eq!(read(14).as_deref(), Some("still in effect"));
        assert_eq!(read(15).as_deref(), Some("N/A"));
        assert_eq!(read(2).as_deref(), Some("N/A"));
        assert_eq!(read(13).as_deref(), Some("0"));
        assert_eq!(read(20).as_deref(), Some("No"));
        assert_eq!(
            read(18).as_deref(),
            Some("Art. 1, 14 [consultation, nonaggression]")
        );
        assert_eq!(
            read(50).as_deref(),
            Some("(no Yes/No) (Art. 7, 8, 9, 10, 11, 15, 16)")
        );
        assert_eq!(read(57), None);
    }

    #[test]
    fn three_changed_answers_are_exactly_three_differences() {
        let b = include_str!("../../tests/fixtures/sheets/5030-coder-b.codesheet.txt");
        let d = diff_texts(SEED, b);
        let differ: Vec<(u32, Option<&str>, Option<&str>)> = d
            .questions
            .iter()
            .filter(|q| q.status == Status::Differ)
            .map(|q| (q.question, q.a.as_deref(), q.b.as_deref()))
            .collect();
        assert_eq!(
            differ,
            [
                (4, Some("705, 710"), Some("365, 705, 710")),
                (5, Some("No"), Some("Yes")),
                (
                    16,
                    Some("Nonaggression pact, Consultation pact"),
                    Some("Nonaggression pact")
                ),
            ]
        );
        let vars: Vec<String> = d
            .variables
            .iter()
            .map(|v| {
                let show = |c: Option<Code>| c.map_or("-".to_string(), |c| c.to_string());
                format!("{} {} {}", v.column, show(v.a), show(v.b))
            })
            .collect();
        assert_eq!(vars, ["bilat 1 0", "wartime 0 1", "consul 1 0"]);
        // One state added at the top of Q4 is one difference, not three shifted columns.
        let entered = MemberDates {
            entry: Some("December 23, 2002".into()),
            exit: Some("still in effect".into()),
        };
        assert_eq!(
            d.members,
            [MemberDiff {
                state: 365,
                name: "Russia".into(),
                change: MemberChange::Added,
                a: None,
                b: Some(entered),
            }]
        );
        assert!((d.agreement() - 52.0 / 55.0).abs() < 1e-9);
    }

    #[test]
    fn members_are_compared_as_states_with_their_dates() {
        let b = SEED
            .replacen("710 China\n705 Kazakhstan.", "710 China\n", 1)
            .replacen("705 Kazakhstan.", "", 1);
        let d = diff_texts(SEED, &b);
        let changes: Vec<(u32, MemberChange)> =
            d.members.iter().map(|m| (m.state, m.change)).collect();
        assert_eq!(changes, [(705, MemberChange::Dropped)]);
        let b = SEED.replacen(
            "December 23, 2002\n",
            "December 23, 2002; January 5, 2003 (Kazakhstan)\n",
            1,
        );
        let d = diff_texts(SEED, &b);
        assert_eq!(d.members.len(), 1, "{:?}", d.members);
        let m = &d.members[0];
        assert_eq!((m.state, m.change), (705, MemberChange::Dates));
        assert_eq!(
            (
                m.a.as_ref().unwrap().entry.as_deref(),
                m.b.as_ref().unwrap().entry.as_deref()
            ),
            (Some("December 23, 2002"), Some("January 5, 2003"))
        );
        // Listing the same states in another order is no difference.
        let b = SEED.replacen("710 China\n705 Kazakhstan.", "705 Kazakhstan\n710 China", 1);
        assert_eq!(diff_texts(SEED, &b).members, []);
    }

    #[test]
    fn a_variable_one_sheet_does_not_determine_says_why() {
        // The seed and the clean sheet answer Q11 differently, but both code RENOUNCE 0: the
        // clean sheet's Yes describes a notice that stops the renewal (PROREN).
        let clean = include_str!("../../tests/fixtures/sheets/5030-clean.codesheet.txt");
        let d = diff_texts(SEED, clean);
        let differ: Vec<u32> = d
            .questions
            .iter()
            .filter(|q| q.status == Status::Differ)
            .map(|q| q.question)
            .collect();
        assert_eq!(differ, [11, 50]);
        assert_eq!(d.variables, []);
        let no_un = SEED
            .replacen("the United Nations (Preamble, Art. 13) and ", "", 1)
            .replacen("the UN Charter", "international law", 1);
        let d = diff_texts(SEED, &no_un);
        assert_eq!(
            d.variables,
            [VariableDiff {
                column: "reflnun".into(),
                a: Some(Code::Exact(2)),
                b: None,
                a_unknown: None,
                b_unknown: Some("Q47 says Yes, which does not determine REFLNUN".into()),
            }]
        );
    }

    #[test]
    fn lists_read_the_same_in_any_order() {
        let a = SEED.replacen(
            "(List all that apply)\n\nNo.",
            "(List all that apply)\n\nSpecific adversary, attack.",
            1,
        );
        let b = SEED.replacen(
            "(List all that apply)\n\nNo.",
            "(List all that apply)\n\nAttack; specific adversary",
            1,
        );
        let d = diff_texts(&a, &b);
        assert_eq!(d.count(Status::Differ), 0);
        assert_eq!(
            d.questions[18].a.as_deref(),
            Some("attack; specific adversary")
        );
    }
}
