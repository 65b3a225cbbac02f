//! The dataset variables a sheet's answers determine, by the schema's `export` entries: a row
//! of the release, as far as the sheet makes it certain.

use super::answers;
use super::members::{self, Exit};
use crate::model::cow::CowStates;
use crate::model::evidence::{Evidence, Topics, place_name};
use crate::model::lang::Languages;
use crate::model::schema::{
    AnswerKind, Code, DatePart, Derivation, Export, Question, Reading, Role, Schema,
};
use crate::syntax::dates::Date;
use crate::syntax::sheet::{QuestionNode, Sheet};
use crate::text::Span;

/// One export entry applied to a sheet.
#[derive(Clone, Debug)]
pub struct Field<'s> {
    pub question: &'s Question,
    pub export: &'s Export,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The code, the piece of the answer that determines it, and what that piece says
    /// ("lists Consultation pact"), to follow "Q16 " in a message.
    Coded {
        code: Code,
        span: Span,
        reason: String,
    },
    /// Member COW codes in ascending order, each with its line.
    Members(Vec<(u32, Span)>),
    /// The sheet does not determine the variable; why.
    Unknown(String),
}

impl Field<'_> {
    /// The column name as the release's documentation writes it (`CONSUL`).
    pub fn label(&self) -> String {
        self.export.variable.to_uppercase()
    }
}

/// What export reads beside the sheet: the languages its answers' numbers are read in, and
/// what the sheet's treaties show (empty without treaties) with the topics' codebook cases.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    pub langs: &'a Languages,
    pub evidence: &'a Evidence,
    pub topics: &'a Topics,
}

impl<'a> Sources<'a> {
    /// The answers alone, without treaties.
    pub fn answers_only(langs: &'a Languages) -> Self {
        Sources {
            langs,
            evidence: &crate::model::evidence::NO_EVIDENCE,
            topics: Topics::builtin(),
        }
    }
}

/// Applies every export entry of the schema to a parsed sheet.
pub fn fields<'s>(sheet: &Sheet, text: &str, schema: &'s Schema, src: Sources) -> Vec<Field<'s>> {
    schema
        .exports()
        .map(|(question, export)| {
            let outcome = match sheet.question(question.number) {
                Some(q) if !q.answer.is_empty() => {
                    derive(sheet, text, schema, src, question, export, q)
                }
                Some(_) => Outcome::Unknown(format!("Q{} is not answered", question.number)),
                None => Outcome::Unknown(format!("the sheet has no Q{}", question.number)),
            };
            Field {
                question,
                export,
                outcome,
            }
        })
        .collect()
}

/// The code `code` for what Q`n` says, or why there is none: an entry without a code for an
/// answer leaves the variable undetermined.
fn coded(code: Option<Code>, span: Span, reason: String, n: u32, e: &Export) -> Outcome {
    match code {
        Some(code) => Outcome::Coded { code, span, reason },
        None => Outcome::Unknown(format!(
            "Q{n} {reason}, which does not determine {}",
            e.variable.to_uppercase()
        )),
    }
}

/// The first reading whose answer pattern the answer has, with the line of the answer it
/// matches in.
fn answer_reading<'e>(e: &'e Export, text: &str, q: &QuestionNode) -> Option<(&'e Reading, Span)> {
    let answer = &text[q.answer.clone()];
    e.readings.iter().find_map(|r| {
        let m = r.answer.find(answer)?;
        let start = answer[..m.start].rfind('\n').map_or(0, |i| i + 1);
        let end = answer[m.end..]
            .find('\n')
            .map_or(answer.len(), |i| m.end + i);
        Some((r, q.answer.start + start..q.answer.start + end))
    })
}

/// A Yes read finer: by the answer's words, else by the treaty's provisions, else `yes`.
fn yes_reading(
    e: &Export,
    text: &str,
    q: &QuestionNode,
    src: Sources,
    span: Span,
    reason: String,
    n: u32,
) -> Outcome {
    let quote = |span: Span| crate::text::quote(&text[span], 40);
    if let Some((r, at)) = answer_reading(e, text, q) {
        let reason = format!("{reason}, describing {} (\"{}\")", r.means, quote(at));
        return coded(Some(r.code), span, reason, n, e);
    }
    // A finding counts only as its topic's own case (NATREFAL's clause, not a charter's).
    let by_treaty = e.readings.iter().find_map(|r| {
        let topic = r.treaty.as_deref()?;
        let found = src.evidence.strong_places(topic);
        let own = found
            .into_iter()
            .find(|f| src.topics.is_own_case(topic, f, src.evidence))?;
        Some((r, own.place))
    });
    if let Some((r, place)) = by_treaty {
        let reason = format!(
            "{reason}, and the treaty has {} ({})",
            r.means,
            place_name(place)
        );
        return coded(Some(r.code), span, reason, n, e);
    }
    coded(e.yes, span, reason, n, e)
}

fn derive(
    sheet: &Sheet,
    text: &str,
    schema: &Schema,
    src: Sources,
    sq: &Question,
    e: &Export,
    q: &QuestionNode,
) -> Outcome {
    let n = sq.number;
    let langs = src.langs;
    let quote = |span: Span| crate::text::quote(&text[span], 40);
    match e.from {
        Derivation::Integer => match answers::leading_number(text, q, langs) {
            Some((v, span)) => Outcome::Coded {
                code: Code::Exact(v),
                reason: format!("gives {v}"),
                span,
            },
            None => Outcome::Unknown(format!("Q{n} gives no number")),
        },
        Derivation::Date => {
            let Some((date, span)) = answers::dates(sheet, q).into_iter().min_by_key(|d| d.0)
            else {
                return Outcome::Unknown(format!("Q{n} gives no valid date"));
            };
            Outcome::Coded {
                code: date_part(date, e.part),
                reason: format!("gives {}", date.english()),
                span,
            }
        }
        Derivation::Members => {
            let mut members: Vec<(u32, Span)> =
                q.members.iter().map(|m| (m.code, m.span.clone())).collect();
            members.sort_by_key(|m| m.0);
            members.dedup_by_key(|m| m.0);
            if members.is_empty() {
                Outcome::Unknown(format!("Q{n} lists no COW codes"))
            } else {
                Outcome::Members(members)
            }
        }
        Derivation::TwoMembers => {
            let mut codes: Vec<u32> = q.members.iter().map(|m| m.code).collect();
            codes.sort_unstable();
            codes.dedup();
            let reason = format!("lists {} members", codes.len());
            match codes.len() {
                0 | 1 => Outcome::Unknown(format!("Q{n} {reason}")),
                2 => coded(e.yes, q.answer.clone(), reason, n, e),
                _ => coded(e.no, q.answer.clone(), reason, n, e),
            }
        }
        Derivation::YesNo => match answers::yes_no(sq, text, q) {
            Some((true, span)) => {
                let reason = if q.lead.is_none() {
                    format!("lists \"{}\"", quote(span.clone()))
                } else {
                    "says Yes".into()
                };
                yes_reading(e, text, q, src, span, reason, n)
            }
            Some((false, span)) => coded(e.no, span, "says No".into(), n, e),
            // An answer that only describes the provision says Yes by describing it.
            None => match answer_reading(e, text, q) {
                Some((r, at)) => Outcome::Coded {
                    code: r.code,
                    reason: format!("describes {} (\"{}\")", r.means, quote(at.clone())),
                    span: at,
                },
                None => Outcome::Unknown(format!("Q{n} says neither Yes nor No")),
            },
        },
        Derivation::Category => {
            let Some(option) = answers::option(sq, text, q) else {
                return Outcome::Unknown(format!(
                    "Q{n} is none of: {}",
                    sq.answer.options.join(", ")
                ));
            };
            let span = answers::first_line(text, q);
            let reason = format!("says \"{}\"", quote(span.clone()));
            coded(e.options.get(option).copied(), span, reason, n, e)
        }
        Derivation::Duration => match answers::yes_no(sq, text, q) {
            Some((false, span)) => coded(e.no, span, "says No".into(), n, e),
            None if q.lead.is_some() => Outcome::Unknown(format!("Q{n} says neither Yes nor No")),
            // A case with no term of its own (no renewal term set): a period the answer
            // quotes is then another one (the term before a notice may be given).
            _ if let Some((r, at)) = answer_reading(e, text, q) => {
                let reason = format!("describes {} (\"{}\")", r.means, quote(at.clone()));
                coded(Some(r.code), at, reason, n, e)
            }
            _ => match answers::term_months(text, q, langs) {
                Some((months, span)) => Outcome::Coded {
                    code: Code::Exact(i64::from(months)),
                    reason: format!(
                        "gives a term of {months} months (\"{}\")",
                        quote(span.clone())
                    ),
                    span,
                },
                None => Outcome::Unknown(format!(
                    "Q{n} states no term in years or months (opening the answer, or after \"for\")"
                )),
            },
        },
        Derivation::AllianceTypes => {
            let listed = answers::listed_types(schema, text, q);
            if listed.is_empty() {
                // "No": none of the types applies (what a draft writes when no obligation
                // makes one).
                return match answers::yes_no(sq, text, q) {
                    Some((false, span)) => coded(e.no, span, "says No".into(), n, e),
                    _ => Outcome::Unknown(format!("Q{n} names no alliance type")),
                };
            }
            if let Some((t, span)) = listed.iter().find(|(t, _)| e.types.contains(&t.id)) {
                return coded(e.yes, span.clone(), format!("lists {}", t.label), n, e);
            }
            let reason = match type_labels(schema, e).as_slice() {
                [one] => format!("does not list {one}"),
                [a, b] => format!("lists neither {a} nor {b}"),
                more => format!("lists none of {}", more.join(", ")),
            };
            coded(e.no, q.answer.clone(), reason, n, e)
        }
        Derivation::YesNoAnswers => by_answers(sheet, text, schema, sq, e, q),
        Derivation::Member
        | Derivation::MemberEntry
        | Derivation::MemberExit
        | Derivation::MemberInEffect
        | Derivation::FounderYesNo => Outcome::Unknown(format!(
            "{} is a member-level variable",
            e.variable.to_uppercase()
        )),
        Derivation::InEffect => match answers::in_effect(sq, text, q) {
            Some((true, span)) => coded(e.yes, span, "says it is still in effect".into(), n, e),
            Some((false, span)) => {
                let reason = format!("gives a termination date ({})", quote(span.clone()));
                coded(e.no, span, reason, n, e)
            }
            None => Outcome::Unknown(format!(
                "Q{n} gives neither a termination date nor \"{}\"",
                sq.answer.alternatives.first().map_or("", String::as_str)
            )),
        },
    }
}

/// A `yes_no_answers` entry: the code of the cases that fit the Yes and No of every question
/// read; where one of the other questions says neither, the code all fitting cases share, or `>0`
/// if none of them is 0.
fn by_answers(
    sheet: &Sheet,
    text: &str,
    schema: &Schema,
    sq: &Question,
    e: &Export,
    q: &QuestionNode,
) -> Outcome {
    let n = sq.number;
    let Some((own, span)) = answers::yes_no(sq, text, q) else {
        return Outcome::Unknown(format!("Q{n} says neither Yes nor No"));
    };
    let says = |yes: bool| if yes { "says Yes" } else { "says No" };
    let mut reason = says(own).to_string();
    let mut known = vec![(n, own)];
    for m in e.with.iter().copied() {
        let answer = schema
            .question(m)
            .zip(sheet.question(m))
            .filter(|(_, wq)| !wq.answer.is_empty())
            .map(|(wsq, wq)| answers::yes_no(wsq, text, wq).map(|(yes, _)| yes));
        match answer {
            Some(Some(yes)) => {
                reason.push_str(&format!(" and Q{m} {}", says(yes)));
                known.push((m, yes));
            }
            Some(None) => reason.push_str(&format!(" and Q{m} says neither Yes nor No")),
            None => reason.push_str(&format!(" and Q{m} is not answered")),
        }
    }
    let fitting: Vec<Code> = e
        .cases
        .iter()
        .filter(|c| known.iter().all(|(m, yes)| c.yes.contains(m) == *yes))
        .map(|c| c.code)
        .collect();
    let code = match fitting.as_slice() {
        [first, rest @ ..] if rest.iter().all(|c| c == first) => Some(*first),
        codes if !codes.is_empty() && codes.iter().all(|c| !c.admits(0)) => Some(Code::NonZero),
        _ => None,
    };
    coded(code, span, reason, n, e)
}

/// The year, month or day of a date (the day when no part is named).
fn date_part(date: Date, part: Option<DatePart>) -> Code {
    Code::Exact(match part {
        Some(DatePart::Year) => i64::from(date.year),
        Some(DatePart::Month) => i64::from(date.month),
        Some(DatePart::Day) | None => i64::from(date.day),
    })
}

/// A date part's name ("year").
fn part_name(part: Option<DatePart>) -> &'static str {
    match part {
        Some(DatePart::Year) => "year",
        Some(DatePart::Month) => "month",
        Some(DatePart::Day) | None => "day",
    }
}

/// The member-level columns: the member-level entries, the member's code first.
pub fn member_level_columns(schema: &Schema) -> Vec<(&Question, &Export)> {
    let mut entries: Vec<_> = schema.member_exports().collect();
    entries.sort_by_key(|(_, e)| e.from != Derivation::Member);
    entries
}

/// The member level: one row per member the sheet lists, in COW code order, with the code of
/// each of `member_level_columns` (None where the sheet does not determine it).
pub fn member_rows(
    sheet: &Sheet,
    text: &str,
    schema: &Schema,
    cow: &CowStates,
) -> Vec<Vec<Option<Code>>> {
    let listed = members::members(sheet, text, schema, cow);
    // The alliance's formation: the earliest signature date (BEGYR's).
    let signed = schema
        .by_role(Role::SignatureDate)
        .and_then(|sq| sheet.question(sq.number))
        .and_then(|q| answers::dates(sheet, q).into_iter().map(|d| d.0).min());
    let columns = member_level_columns(schema);
    listed
        .iter()
        .map(|(&code, dates)| {
            columns
                .iter()
                .map(|(sq, e)| match e.from {
                    Derivation::Member => Some(Code::Exact(i64::from(code))),
                    Derivation::MemberEntry => dates.entry.map(|d| date_part(d, e.part)),
                    Derivation::MemberExit => match dates.exit? {
                        Exit::StillInEffect => Some(Code::Exact(0)),
                        Exit::On(d) => Some(date_part(d, e.part)),
                    },
                    Derivation::MemberInEffect => match dates.exit? {
                        Exit::StillInEffect => e.yes,
                        Exit::On(_) => e.no,
                    },
                    Derivation::FounderYesNo => {
                        let founder = signed.is_some() && dates.entry == signed;
                        let q = sheet.question(sq.number).filter(|_| founder)?;
                        match answers::yes_no(sq, text, q)? {
                            (true, _) => e.yes,
                            (false, _) => e.no,
                        }
                    }
                    _ => None,
                })
                .collect()
        })
        .collect()
}

/// The labels of an entry's alliance types ("Defense pact").
fn type_labels<'s>(schema: &'s Schema, e: &Export) -> Vec<&'s str> {
    e.types
        .iter()
        .filter_map(|id| schema.alliance_types.iter().find(|t| &t.id == id))
        .map(|t| t.label.as_str())
        .collect()
}

/// How an export entry's values derive from the answer, in words: "Yes → >0, No → 0".
pub fn mapping(schema: &Schema, q: &Question, e: &Export) -> String {
    let code = |c: Option<Code>| c.map_or_else(|| "not exported".to_string(), |c| c.to_string());
    let yes_no = |yes: &str, no: &str| format!("{yes} → {}; {no} → {}", code(e.yes), code(e.no));
    match e.from {
        Derivation::Integer => "the number".into(),
        Derivation::Date => format!("the {} of the earliest date", part_name(e.part)),
        Derivation::Members => format!(
            "the COW codes in ascending order, in {0}1, {0}2, …",
            e.variable
        ),
        Derivation::TwoMembers => yes_no("exactly two members", "more"),
        Derivation::YesNo if !e.readings.is_empty() => {
            let cases: Vec<String> = e
                .readings
                .iter()
                .map(|r| match r.treaty {
                    Some(_) => format!("{} if the treaty has {}", r.code, r.means),
                    None => format!("{} if the answer describes {}", r.code, r.means),
                })
                .collect();
            format!(
                "Yes → {}, else {}; No → {}",
                cases.join(", "),
                code(e.yes),
                code(e.no)
            )
        }
        Derivation::YesNo if q.answer.kind == AnswerKind::List => yes_no("something listed", "No"),
        Derivation::YesNo => yes_no("Yes", "No"),
        Derivation::Category => {
            let options: Vec<String> = e
                .options
                .iter()
                .map(|(o, c)| format!("{o} → {c}"))
                .collect();
            format!("{}; any other answer → not exported", options.join("; "))
        }
        Derivation::Duration => {
            let cases: String = e
                .readings
                .iter()
                .map(|r| format!("{} if the answer describes {}; ", r.code, r.means))
                .collect();
            format!(
                "{cases}the term stated (opening the answer, or after \"for\") in months; No → {}",
                code(e.no)
            )
        }
        Derivation::AllianceTypes => yes_no(
            &format!("{} listed", type_labels(schema, e).join(" or ")),
            "not listed",
        ),
        Derivation::InEffect => yes_no("still in effect", "a termination date"),
        Derivation::Member => "the member's COW code, one row per member listed".into(),
        Derivation::MemberEntry | Derivation::MemberExit => {
            let (which, still) = if e.from == Derivation::MemberEntry {
                ("entry", "")
            } else {
                ("exit", "; still in effect → 0")
            };
            format!(
                "the {} of the member's {which} date (the date of a clause naming the member, else the answer's earliest date){still}",
                part_name(e.part)
            )
        }
        Derivation::MemberInEffect => yes_no("still in effect", "a termination date"),
        Derivation::FounderYesNo => format!(
            "for a member that entered at the signing (the earliest signature date): {}; a member that entered later → not exported",
            yes_no("Yes", "No")
        ),
        Derivation::YesNoAnswers => {
            let read: Vec<u32> = e.questions(q.number).collect();
            let names: Vec<String> = read.iter().map(|n| format!("Q{n}")).collect();
            let cases: Vec<String> = e
                .cases
                .iter()
                .map(|c| {
                    let answers: Vec<&str> = read
                        .iter()
                        .map(|n| if c.yes.contains(n) { "Yes" } else { "No" })
                        .collect();
                    format!("{} → {}", answers.join(" and "), c.code)
                })
                .collect();
            format!(
                "{} read together: {}",
                names.join(" and "),
                cases.join("; ")
            )
        }
    }
}

/// How many numbered columns a members entry needs for these sheets (at least one).
pub fn member_columns<'a>(rows: impl IntoIterator<Item = &'a [Field<'a>]>) -> usize {
    rows.into_iter()
        .flat_map(|fields| fields.iter())
        .filter_map(|f| match &f.outcome {
            Outcome::Members(m) => Some(m.len()),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        .max(1)
}

/// The column names of the schema's exports, members in `members` numbered columns.
pub fn columns(schema: &Schema, members: usize) -> Vec<String> {
    schema
        .exports()
        .flat_map(|(_, e)| {
            if e.from == Derivation::Members {
                (1..=members)
                    .map(|i| format!("{}{i}", e.variable))
                    .collect::<Vec<_>>()
            } else {
                vec![e.variable.clone()]
            }
        })
        .collect()
}

/// One cell of a sheet's row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell<'f> {
    Code(Code),
    /// The sheet does not determine the variable; why.
    Unknown(&'f str),
    /// A members column past the last member.
    Empty,
}

impl Cell<'_> {
    pub fn code(self) -> Option<Code> {
        match self {
            Cell::Code(c) => Some(c),
            Cell::Unknown(_) | Cell::Empty => None,
        }
    }
}

/// A sheet's row, column by column as `columns` names them.
pub fn row<'f>(fields: &'f [Field], members: usize) -> Vec<Cell<'f>> {
    fields
        .iter()
        .flat_map(|f| match &f.outcome {
            Outcome::Members(m) => (0..members)
                .map(|i| {
                    m.get(i)
                        .map_or(Cell::Empty, |(c, _)| Cell::Code(Code::Exact(i64::from(*c))))
                })
                .collect::<Vec<_>>(),
            Outcome::Unknown(why) if f.export.from == Derivation::Members => {
                vec![Cell::Unknown(why); members]
            }
            Outcome::Coded { code, .. } => vec![Cell::Code(*code)],
            Outcome::Unknown(why) => vec![Cell::Unknown(why)],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::sheet::parse;

    const SEED: &str = include_str!("../../examples/5030/5030.codesheet.txt");

    /// `column=value` for every column of the sheet's row ("" when not determined).
    fn exported(text: &str) -> Vec<String> {
        let schema = Schema::builtin();
        let sheet = parse(text, &schema);
        let f = fields(
            &sheet,
            text,
            &schema,
            Sources::answers_only(Languages::builtin()),
        );
        let width = member_columns([f.as_slice()]);
        columns(&schema, width)
            .into_iter()
            .zip(row(&f, width))
            .map(|(c, v)| format!("{c}={}", v.code().map_or(String::new(), |v| v.to_string())))
            .collect()
    }

    #[test]
    fn seed_row() {
        assert_eq!(
            exported(SEED).join(" "),
            "atopid=5030 begyr=2002 begmo=12 begday=23 mem1=705 mem2=710 bilat=1 wartime=0 \
             estmode=1 pubsecr=0 secrart=0 proadd=0 futmem=0 speclgth=1 length=240 renounce=0 \
             proren=2 renewlgt=60 ineffect=1 defense=0 offense=0 neutral=0 nonagg=1 consul=1 active=0 \
             conditio=0 notaiden=>0 dipaid= terrres= specthrt=0 asymm=0 seppeace=0 thirdcom=0 \
             noothall=1 conwtin=0 medarb=0 milcon=2 milaid=0 intcom=0 subord=0 organ1=0 orgpurp1=0 orgpurp2=0 base=0 \
             contrib=0 armred=1 acqterr=0 divgains=0 demwith=0 reflnun=2 refothio= natrefal=>0 \
             compag=0 nomicoop=1 conres=0 agprois=0 conmen=0 ecaid=0 interv=1"
        );
    }

    #[test]
    fn reasons_say_what_the_sheet_says() {
        let schema = Schema::builtin();
        let sheet = parse(SEED, &schema);
        let f = fields(
            &sheet,
            SEED,
            &schema,
            Sources::answers_only(Languages::builtin()),
        );
        let reason = |v: &str| match &f.iter().find(|f| f.export.variable == v).unwrap().outcome {
            Outcome::Coded { reason, span, .. } => format!("{reason} @ {}", &SEED[span.clone()]),
            Outcome::Unknown(why) => format!("unknown: {why}"),
            Outcome::Members(m) => format!("{m:?}"),
        };
        let types = "Nonaggression pact.\n\n\nhttp://www.fmprc.gov.cn/web/gjhdq_676201/gj_676203/yz_676205/1206_676500/sbgx_676504/\n\nConsultation pact";
        let variables = [
            "consul", "defense", "active", "asymm", "estmode", "length", "begmo", "bilat",
            "ineffect", "conditio", "nomicoop", "reflnun",
        ];
        let got: Vec<String> = variables
            .iter()
            .map(|v| format!("{v}: {}", reason(v)))
            .collect();
        assert_eq!(
            got,
            [
                "consul: lists Consultation pact @ Consultation".to_string(),
                format!("defense: does not list Defense pact @ {types}"),
                format!("active: lists neither Defense pact nor Offense pact @ {types}"),
                "asymm: says Yes @ Yes".into(),
                "estmode: says \"Treaty.\" @ Treaty.".into(),
                "length: gives a term of 240 months (\"for a term of 20 years\") @ for a term of 20 years".into(),
                "begmo: gives December 23, 2002 @ December 23, 2002".into(),
                "bilat: lists 2 members @ 710 China\n705 Kazakhstan.".into(),
                "ineffect: says it is still in effect @ Still in effect.".into(),
                "conditio: says No @ No".into(),
                "nomicoop: describes cooperation on non-military issues (\"Economic-trade cooperation (Art. 7)\") @ Economic-trade cooperation (Art. 7)".into(),
                "reflnun: says Yes, describing references to the United Nations (\"Yes. It makes reference to the United Na…\") @ Yes".into(),
            ]
        );
    }

    /// A Q16 "No." codes every type 0; an answer naming no type and not saying No codes none.
    #[test]
    fn no_alliance_type() {
        let types = "Nonaggression pact.\n\n\nhttp://www.fmprc.gov.cn/web/gjhdq_676201/gj_676203/yz_676205/1206_676500/sbgx_676504/\n\nConsultation pact";
        let type_columns = |answer: &str| {
            let text = SEED.replacen(types, answer, 1);
            assert_ne!(text, SEED);
            exported(&text)
                .into_iter()
                .filter(|c| {
                    [
                        "defense=", "offense=", "neutral=", "nonagg=", "consul=", "active=",
                    ]
                    .iter()
                    .any(|v| c.starts_with(v))
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            type_columns("No."),
            "defense=0 offense=0 neutral=0 nonagg=0 consul=0 active=0"
        );
        assert_eq!(
            type_columns("See the treaty."),
            "defense= offense= neutral= nonagg= consul= active="
        );
    }

    /// Each codebook case a Yes can describe gives its code; a Yes describing none keeps the
    /// entry's `yes`.
    #[test]
    fn a_yes_is_read_with_the_codebook() {
        let yes_of = |q: &str, answer: &str| {
            let lines: Vec<&str> = SEED.lines().collect();
            let at = lines
                .iter()
                .position(|l| l.starts_with(&format!("{q}. ")))
                .unwrap();
            let next = format!("{}", q.parse::<u32>().unwrap() + 1);
            let end = (at + 1..lines.len())
                .find(|&i| {
                    lines[i].starts_with(&format!("{next}."))
                        || lines[i].starts_with(&format!("{next},"))
                })
                .unwrap();
            let mut prompt_end = at;
            while !lines[prompt_end].trim_end().ends_with(['.', '?', ')', ':']) {
                prompt_end += 1;
            }
            let mut out: Vec<String> = lines[..=prompt_end].iter().map(|l| l.to_string()).collect();
            out.push(answer.to_string());
            out.push(String::new());
            out.extend(lines[end..].iter().map(|l| l.to_string()));
            out.join("\n")
        };
        let cases = [
            (
                "10",
                "Yes. In force until the end of the present war.",
                "speclgth=2",
            ),
            ("10", "Yes. Of indefinite duration.", "speclgth=3"),
            ("10", "Yes. Described in Art. 9.", "speclgth=>0"),
            (
                "11",
                "Yes. Either party may denounce it at any time by giving six months' notice.",
                "renounce=1",
            ),
            (
                "11",
                "Yes. A party may renounce it if another party commits aggression against a third state.",
                "renounce=2",
            ),
            (
                "11",
                "Yes. Renunciation is prohibited during the term.",
                "renounce=4",
            ),
            (
                "11",
                "Yes. After ten years any party may withdraw.",
                "renounce=>0",
            ),
            (
                "12",
                "Yes. It may be renewed by mutual agreement of the parties.",
                "proren=1",
            ),
            // A treaty a party may leave only once in force for its term (NATO, Art. 13): it
            // stays in force until notice, PROREN 2, and the period quoted is no renewal term.
            (
                "12",
                "Yes. No renewal term is set: once in force for twenty years, the treaty stays in force unless a party gives notice.",
                "proren=2",
            ),
            (
                "12",
                "Yes. After twenty years it remains in force until a party gives notice of denunciation.",
                "proren=2",
            ),
            (
                "8",
                "Yes. New members may join by unanimous agreement of the members.",
                "proadd=2",
            ),
            (
                "8",
                "Yes. Accession by deposit of an instrument of accession.",
                "proadd=3",
            ),
            ("9", "Yes. Accession is open to any state.", "futmem=3"),
            ("9", "Yes. Any Arab states may join.", "futmem=2"),
            ("9", "Yes. Arab states may join.", "futmem=2"),
            (
                "31",
                "Yes. The general staffs meet only in the event of war.",
                "milcon=1",
            ),
            (
                "31",
                "Yes. The parties conduct a common defense policy with joint planning.",
                "milcon=3",
            ),
            ("32", "Yes. Loans for arms purchases.", "milaid=2"),
            ("32", "Yes. Training of officers.", "milaid=3"),
            ("32", "Yes. Grants and training of officers.", "milaid=4"),
            ("35", "Yes. A permanent secretariat.", "organ1=3"),
            ("35", "Yes. A joint commission is set up.", "organ1=2"),
            ("35", "Yes. Foreign ministers meet annually.", "organ1=1"),
            ("36", "Yes. Joint forces on neutral territory.", "base=1"),
            (
                "36",
                "Yes. Each party may use the other's bases, reciprocally.",
                "base=2",
            ),
            (
                "36",
                "Yes. Country A may station troops in country B.",
                "base=3",
            ),
            (
                "38",
                "Yes. A coordinated increase of their armed forces.",
                "armred=2",
            ),
            (
                "47",
                "Yes. The Covenant of the League of Nations (Art. 2).",
                "reflnun=1",
            ),
            ("47", "Yes. The OSCE (Art. 3).", "reflnun="),
            (
                "48",
                "Yes. The alliance is directed against the Entente.",
                "natrefal=2",
            ),
            (
                "48",
                "Yes. The parties will notify the other alliance.",
                "natrefal=3",
            ),
            (
                "23",
                "Yes. The Triple Entente is named as the threat.",
                "specthrt=6",
            ),
            ("23", "Yes. Terrorist groups.", "specthrt=5"),
            ("23", "Yes. France (220).", "specthrt=>0"),
            (
                "25",
                "Yes. Peace only with the consent of the other party.",
                "seppeace=2",
            ),
            (
                "25",
                "Yes. The parties consult on the terms of peace.",
                "seppeace=3",
            ),
            (
                "25",
                "Yes. Neither party will conclude a separate armistice.",
                "seppeace=1",
            ),
            (
                "29",
                "Yes. Disputes on the interpretation of the treaty (Art. 9).",
                "conwtin=3",
            ),
            ("29", "Yes. The border question (Art. 2).", "conwtin=2"),
            (
                "29",
                "Yes. All disputes are settled by peaceful means.",
                "conwtin=1",
            ),
            ("30", "Yes. Arbitration (Art. 5).", "medarb=1"),
            (
                "34",
                "Yes. Command goes to the party on whose territory the war is fought.",
                "subord=2",
            ),
            (
                "39",
                "Yes. Acquisition of territory is prohibited.",
                "acqterr=2",
            ),
            (
                "39",
                "Yes. Spheres of influence (secret protocol).",
                "acqterr=1",
            ),
            (
                "49",
                "Yes. A treaty of peace signed the same day.",
                "compag=4",
            ),
            ("49", "Yes. A trade agreement.", "compag=2"),
            ("53", "Yes. A frontier agreement is to follow.", "agprois=1"),
            ("55", "Yes. Most-favoured-nation treatment.", "ecaid=3"),
            ("55", "Yes. Aid for postwar reconstruction.", "ecaid=2"),
            ("55", "Yes. Economic aid.", "ecaid=>0"),
            (
                "56",
                "Yes. The parties may intervene to protect the regime.",
                "interv=>0",
            ),
        ];
        let got: Vec<String> = cases
            .iter()
            .map(|(q, answer, _)| {
                let variable = cases
                    .iter()
                    .find(|c| c.0 == *q)
                    .unwrap()
                    .2
                    .split('=')
                    .next()
                    .unwrap();
                let row = exported(&yes_of(q, answer));
                row.into_iter()
                    .find(|c| c.split('=').next() == Some(variable))
                    .unwrap()
            })
            .collect();
        let want: Vec<&str> = cases.iter().map(|c| c.2).collect();
        assert_eq!(got, want);
    }

    /// RENEWLGT of a Yes saying that no renewal term is set is 0 (unspecified, codebook p. 20),
    /// whatever period the answer quotes: there it is the term before a party may leave
    /// (NATO's Art. 13, RENEWLGT 0 in ATOP 5.1), not a renewal.
    #[test]
    fn no_renewal_term_set_is_renewlgt_0() {
        let renewlgt = |answer: &str| {
            let seed_q12 = "Yes. The treaty will be automatically extended for another 5 years";
            let text = SEED.replacen(seed_q12, answer, 1);
            let row = exported(&text);
            row.into_iter()
                .find(|c| c.starts_with("renewlgt="))
                .unwrap()
        };
        assert_eq!(
            renewlgt(
                "Yes. No renewal term is set: once in force for twenty years, the treaty stays in force"
            ),
            "renewlgt=0"
        );
        assert_eq!(
            renewlgt(
                "Yes. After the Treaty has been in force for twenty years, it remains in force after its term until"
            ),
            "renewlgt=0"
        );
        assert_eq!(
            renewlgt("Yes. It is extended for another 5 years"),
            "renewlgt=60"
        );
        assert_eq!(
            renewlgt("Yes. After the Treaty has been in force for twenty years"),
            "renewlgt=240"
        );
    }

    /// NATREFAL for a Yes whose words settle nothing: the treaty's clause that it does not
    /// affect obligations under other treaties gives 1 (the seed's Art. 17); a clause on
    /// obligations under the UN Charter (NATO's Art. 7) is a reference to the UN, not to an
    /// alliance, and leaves >0.
    #[test]
    fn the_treaty_settles_what_the_answer_does_not() {
        let natrefal = |treaty: &str, lang: &str| {
            let langs = Languages::builtin();
            let t = crate::syntax::treaty::parse(treaty.to_string(), Some(lang), langs);
            let evidence = Evidence::gather(
                &[t],
                langs,
                crate::model::cow::CowStates::builtin(),
                Topics::builtin(),
            );
            let schema = Schema::builtin();
            let sheet = parse(SEED, &schema);
            let src = Sources {
                langs,
                evidence: &evidence,
                topics: Topics::builtin(),
            };
            let f = fields(&sheet, SEED, &schema, src);
            match &f
                .iter()
                .find(|f| f.export.variable == "natrefal")
                .unwrap()
                .outcome
            {
                Outcome::Coded { code, reason, .. } => format!("{code}: {reason}"),
                other => format!("{other:?}"),
            }
        };
        assert_eq!(
            natrefal(include_str!("../../examples/5030/5030.treaty.zh.txt"), "zh"),
            "1: says Yes, and the treaty has a clause that it does not affect the parties' obligations under other treaties (Art. 17)"
        );
        assert_eq!(
            natrefal(
                include_str!("../../tests/fixtures/treaties/nato-1949.en.txt"),
                "en"
            ),
            ">0: says Yes"
        );
    }

    /// SECRART follows Q7's category: 0 public, 8 secret, and only >0 with secret articles,
    /// whose content (codes 1-7) the category does not say.
    #[test]
    fn secret_articles_are_coded_by_the_publicity() {
        let got: Vec<String> = ["Public.", "Public with secret articles.", "Secret."]
            .iter()
            .map(|answer| {
                let row = exported(&SEED.replacen("Public.", answer, 1));
                row.into_iter()
                    .filter(|c| c.starts_with("pubsecr=") || c.starts_with("secrart="))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(
            got,
            [
                "pubsecr=0 secrart=0",
                "pubsecr=1 secrart=>0",
                "pubsecr=2 secrart=8"
            ]
        );
    }

    /// Q21's answer read for each of its variables: No gives 0 to all three; a Yes gives each
    /// the code of the provision it describes and leaves the others undetermined.
    #[test]
    fn additional_assistance_is_read_by_its_description() {
        let start = SEED.find("Yes. The treaty stipulates").unwrap();
        let end = start + SEED[start..].find("(Art. 4)").unwrap() + "(Art. 4)".len();
        let cases = [
            ("No.", "notaiden=0 dipaid=0 terrres=0"),
            (
                "Yes. Neither party will aid or assist the enemies of the other.",
                "notaiden=>0 dipaid= terrres=",
            ),
            (
                "Yes. The parties will not participate in economic sanctions against each other.",
                "notaiden=>0 dipaid= terrres=",
            ),
            (
                "Yes. Each party will break off diplomatic relations with the aggressor.",
                "notaiden= dipaid=1 terrres=",
            ),
            (
                "Yes. Each party places its ports and airfields at the disposal of the other in the event of war.",
                "notaiden= dipaid= terrres=1",
            ),
            (
                "Yes. Each party grants the other the right of passage for its troops.",
                "notaiden= dipaid= terrres=1",
            ),
            ("Yes. Described in Art. 5.", "notaiden= dipaid= terrres="),
        ];
        let got: Vec<String> = cases
            .iter()
            .map(|(answer, _)| {
                let text = format!("{}{answer}{}", &SEED[..start], &SEED[end..]);
                exported(&text)
                    .into_iter()
                    .filter(|c| {
                        ["notaiden=", "dipaid=", "terrres="]
                            .iter()
                            .any(|v| c.starts_with(v))
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let want: Vec<&str> = cases.iter().map(|c| c.1).collect();
        assert_eq!(got, want);
    }

    /// REFOTHIO: a No to Q47 is 0; a Yes is left to the coder, since an organization the answer
    /// names may be one the codebook counts as an alliance (the seed's SCO).
    #[test]
    fn other_organizations_only_from_a_no() {
        let refothio = |text: &str| {
            exported(text)
                .into_iter()
                .find(|c| c.starts_with("refothio="))
                .unwrap()
        };
        assert_eq!(refothio(SEED), "refothio=");
        let start = SEED
            .find("Yes. It makes reference to the United Nations")
            .unwrap();
        let end = start + SEED[start..].find("\n\n").unwrap();
        let no = format!("{}No.{}", &SEED[..start], &SEED[end..]);
        assert_eq!(refothio(&no), "refothio=0");
    }

    /// The seed's No to Q35 replaced by a Yes: the organization's purpose is only >0 and a
    /// second organization undetermined.
    #[test]
    fn organizations_from_a_yes() {
        let at = SEED.find("35. Does the treaty establish").unwrap();
        let no = at + SEED[at..].find("\nNo.").unwrap() + 1;
        let answer = "Yes. A joint commission meets annually.";
        let text = format!("{}{answer}{}", &SEED[..no], &SEED[no + "No.".len()..]);
        let got: Vec<String> = exported(&text)
            .into_iter()
            .filter(|c| {
                ["organ1=", "orgpurp1=", "orgpurp2="]
                    .iter()
                    .any(|v| c.starts_with(v))
            })
            .collect();
        assert_eq!(got, ["organ1=2", "orgpurp1=>0", "orgpurp2="]);
    }

    /// CONRES from the seed's Q51 and Q52 read together, each No replaced by a Yes or by
    /// nothing: the code of each combination, `>0` for a Yes to Q51 whatever Q52 says, and
    /// nothing for a No to Q51 beside an unanswered Q52; the reason names both answers.
    #[test]
    fn conflicts_resolved_from_two_answers() {
        let answered = |q51: &str, q52: &str| {
            let at = |prompt: &str, text: &str| {
                let q = text.find(prompt).unwrap();
                q + text[q..].find("\nNo.").unwrap() + 1
            };
            let mut text = SEED.to_string();
            let i = at("51. Does the treaty resolve", &text);
            text.replace_range(i..i + "No.".len(), q51);
            let i = at("52. Does the treaty propose/enforce", &text);
            text.replace_range(i..i + "No.".len(), q52);
            let schema = Schema::builtin();
            let sheet = parse(&text, &schema);
            let langs = Languages::builtin();
            let f = fields(&sheet, &text, &schema, Sources::answers_only(langs));
            let conres = f.iter().find(|f| f.export.variable == "conres").unwrap();
            match &conres.outcome {
                Outcome::Coded { code, reason, span } => {
                    format!("{code}: Q51 {reason} @ {}", &text[span.clone()])
                }
                Outcome::Unknown(why) => format!("unknown: {why}"),
                Outcome::Members(_) => unreachable!(),
            }
        };
        let among = "Yes. The parties settle their border dispute (Art. 2).";
        let third = "Yes. The parties propose a settlement of the war between two other states.";
        let got = [
            answered("No.", "No."),
            answered(among, "No."),
            answered("No.", third),
            answered(among, third),
            answered(among, ""),
            answered("No.", ""),
            answered("No.", "Not applicable."),
        ];
        assert_eq!(
            got,
            [
                "0: Q51 says No and Q52 says No @ No",
                "1: Q51 says Yes and Q52 says No @ Yes",
                "2: Q51 says No and Q52 says Yes @ No",
                ">0: Q51 says Yes and Q52 says Yes @ Yes",
                ">0: Q51 says Yes and Q52 is not answered @ Yes",
                "unknown: Q51 says No and Q52 is not answered, which does not determine CONRES",
                "unknown: Q51 says No and Q52 says neither Yes nor No, which does not determine CONRES",
            ]
        );
    }

    #[test]
    fn answers_change_the_row() {
        let text = SEED
            .replacen("Public.", "Secret.", 1)
            .replacen("Nonaggression pact.", "Defense pact.", 1)
            .replacen("Treaty.\n", "Protocol.\n", 1)
            .replacen("Still in effect.", "March 1, 2020.", 1)
            .replacen("710 China\n", "710 China\n365 Russia\n", 1)
            .replacen(
                "December 23, 2002",
                "January 5, 2003 (Kazakhstan); December 23, 2002 (China)",
                1,
            );
        let row = exported(&text).join(" ");
        for expected in [
            "pubsecr=2 secrart=8",
            "defense=1",
            "active=1",
            "nonagg=0",
            "estmode= ",
            "ineffect=0",
            "mem1=365 mem2=705 mem3=710 bilat=0",
            "begyr=2002 begmo=12 begday=23",
        ] {
            assert!(row.contains(expected), "{expected} in {row}");
        }
    }
}
