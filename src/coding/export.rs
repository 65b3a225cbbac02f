//! The dataset variables a sheet's answers determine, by the schema's `export` entries: a row
//! of the release, as far as the sheet makes it certain.

use super::answers;
use crate::model::lang::Languages;
use crate::model::schema::{AnswerKind, Code, DatePart, Derivation, Export, Question, Schema};
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

/// Applies every export entry of the schema to a parsed sheet.
pub fn fields<'s>(
    sheet: &Sheet,
    text: &str,
    schema: &'s Schema,
    langs: &Languages,
) -> Vec<Field<'s>> {
    schema
        .exports()
        .map(|(question, export)| {
            let outcome = match sheet.question(question.number) {
                Some(q) if !q.answer.is_empty() => {
                    derive(sheet, text, schema, langs, question, export, q)
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

fn derive(
    sheet: &Sheet,
    text: &str,
    schema: &Schema,
    langs: &Languages,
    sq: &Question,
    e: &Export,
    q: &QuestionNode,
) -> Outcome {
    let n = sq.number;
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
            let part = match e.part {
                Some(DatePart::Year) => i64::from(date.year),
                Some(DatePart::Month) => i64::from(date.month),
                Some(DatePart::Day) | None => i64::from(date.day),
            };
            Outcome::Coded {
                code: Code::Exact(part),
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
            Some((true, span)) if q.lead.is_none() => {
                let reason = format!("lists \"{}\"", quote(span.clone()));
                coded(e.yes, span, reason, n, e)
            }
            Some((yes, span)) => {
                let reason = format!("says {}", if yes { "Yes" } else { "No" });
                coded(if yes { e.yes } else { e.no }, span, reason, n, e)
            }
            None => Outcome::Unknown(format!("Q{n} says neither Yes nor No")),
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
                return Outcome::Unknown(format!("Q{n} names no alliance type"));
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
        Derivation::Date => {
            let part = match e.part {
                Some(DatePart::Year) => "year",
                Some(DatePart::Month) => "month",
                Some(DatePart::Day) | None => "day",
            };
            format!("the {part} of the earliest date")
        }
        Derivation::Members => format!(
            "the COW codes in ascending order, in {0}1, {0}2, …",
            e.variable
        ),
        Derivation::TwoMembers => yes_no("exactly two members", "more"),
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
        Derivation::Duration => format!(
            "the term stated (opening the answer, or after \"for\") in months; No → {}",
            code(e.no)
        ),
        Derivation::AllianceTypes => yes_no(
            &format!("{} listed", type_labels(schema, e).join(" or ")),
            "not listed",
        ),
        Derivation::InEffect => yes_no("still in effect", "a termination date"),
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
        let f = fields(&sheet, text, &schema, Languages::builtin());
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
             estmode=1 pubsecr=0 proadd=0 futmem=0 speclgth=>0 length=240 proren=>0 renewlgt=60 \
             ineffect=1 defense=0 offense=0 neutral=0 nonagg=1 consul=1 active=0 conditio=0 \
             asymm=0 thirdcom=0 noothall=1 milcon=>0 milaid=0 organ1=0 base=0 armred=>0 \
             reflnun= natrefal=>0 nomicoop= ecaid=0 interv=>0"
        );
    }

    #[test]
    fn reasons_say_what_the_sheet_says() {
        let schema = Schema::builtin();
        let sheet = parse(SEED, &schema);
        let f = fields(&sheet, SEED, &schema, Languages::builtin());
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
                "nomicoop: unknown: Q50 says neither Yes nor No".into(),
                "reflnun: unknown: Q47 says Yes, which does not determine REFLNUN".into(),
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
            "pubsecr=>0",
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
