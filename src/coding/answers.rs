//! Answers read as codings: the Yes or No, the option chosen, the alliance types listed, the
//! dates given, the term stated, whether the alliance is still in effect. Shared by export, the
//! dataset check and diff, so the three read a sheet the same way.

use crate::model::lang::Languages;
use crate::model::schema::{AllianceType, AnswerKind, Question, Schema, starts_with_words, words};
use crate::syntax::dates::Date;
use crate::syntax::sheet::{LeadKind, QuestionNode, Sheet};
use crate::text::Span;

/// Lower-case alphanumeric words of `text[span]` with their spans.
fn word_spans(text: &str, span: Span) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let mut start = None;
    let hay = &text[span.clone()];
    for (i, c) in hay.char_indices().chain(std::iter::once((hay.len(), ' '))) {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((hay[s..i].to_lowercase(), span.start + s..span.start + i));
        }
    }
    out
}

/// The answer's first line.
pub fn first_line(text: &str, q: &QuestionNode) -> Span {
    let a = &text[q.answer.clone()];
    let len = a.find(['\n', '\r']).unwrap_or(a.len());
    q.answer.start..q.answer.start + len
}

/// The alliance types an answer names, each once, in the order first named, with where. URLs
/// are skipped: a web address may contain a type's word.
pub fn listed_types<'s>(
    schema: &'s Schema,
    text: &str,
    q: &QuestionNode,
) -> Vec<(&'s AllianceType, Span)> {
    let toks: Vec<(String, Span)> = word_spans(text, q.answer.clone())
        .into_iter()
        .filter(|(_, s)| !q.urls.iter().any(|u| u.start <= s.start && s.end <= u.end))
        .collect();
    let mut found: Vec<(&AllianceType, Span)> = Vec::new();
    for i in 0..toks.len() {
        for t in &schema.alliance_types {
            let hit = t.names.iter().map(|n| words(n)).find(|name| {
                !name.is_empty()
                    && toks.len() - i >= name.len()
                    && toks[i..i + name.len()]
                        .iter()
                        .zip(name)
                        .all(|(a, b)| a.0 == *b)
            });
            if let Some(name) = hit
                && !found.iter().any(|(f, _)| f.id == t.id)
            {
                found.push((t, toks[i].1.start..toks[i + name.len() - 1].1.end));
            }
        }
    }
    found
}

/// What a Yes/No answer says, with the span that says it. A list answer ("No.", or the items)
/// says Yes by listing something. None when the answer says neither.
pub fn yes_no(sq: &Question, text: &str, q: &QuestionNode) -> Option<(bool, Span)> {
    match q.lead.as_ref().map(|l| (l.kind, l.span.clone())) {
        Some((LeadKind::Yes, span)) => Some((true, span)),
        Some((LeadKind::No, span)) => Some((false, span)),
        Some((LeadKind::NotApplicable, _)) => None,
        None => (sq.answer.kind == AnswerKind::List && !q.answer.is_empty())
            .then(|| (true, first_line(text, q))),
    }
}

/// The option an answer starts with: the longest that fits ("public but with secret
/// articles" rather than "public").
pub fn option<'s>(sq: &'s Question, text: &str, q: &QuestionNode) -> Option<&'s str> {
    let answer = &text[q.answer.clone()];
    sq.answer
        .options
        .iter()
        .filter(|o| starts_with_words(answer, o))
        .max_by_key(|o| words(o).len())
        .map(String::as_str)
}

/// Whether a termination answer says the alliance is still in effect (true) or starts with a
/// termination date (false), with the span that says it.
pub fn in_effect(sq: &Question, text: &str, q: &QuestionNode) -> Option<(bool, Span)> {
    let line = first_line(text, q);
    if sq
        .answer
        .alternatives
        .iter()
        .any(|a| starts_with_words(&text[line.clone()], a))
    {
        return Some((true, line));
    }
    q.dates
        .iter()
        .find(|d| d.span.start < line.end && d.value.is_ok())
        .map(|d| (false, d.span.clone()))
}

/// The valid dates an answer gives, outside revision notes ("Version 4.0: ... June 1, 2018").
pub fn dates(sheet: &Sheet, q: &QuestionNode) -> Vec<(Date, Span)> {
    q.dates
        .iter()
        .filter(|d| {
            !sheet
                .revisions
                .iter()
                .any(|r| r.span.start <= d.span.start && d.span.end <= r.span.end)
        })
        .filter_map(|d| d.value.clone().ok().map(|v| (v, d.span.clone())))
        .collect()
}

/// Words between "for" and a term's number ("for a further period of five years").
const TERM_FILLERS: &[&str] = &[
    "a",
    "an",
    "the",
    "another",
    "further",
    "additional",
    "successive",
    "consecutive",
    "new",
    "each",
    "term",
    "terms",
    "period",
    "periods",
    "of",
];

/// The first term an answer states after "for" ("for a term of 20 years", "for another five
/// (5) years"), in months, with its span.
pub fn term_months(text: &str, q: &QuestionNode, langs: &Languages) -> Option<(u32, Span)> {
    let toks = word_spans(text, q.answer.clone());
    for (at, (w, for_span)) in toks.iter().enumerate() {
        if w != "for" {
            continue;
        }
        let mut i = at + 1;
        while toks
            .get(i)
            .is_some_and(|(w, _)| TERM_FILLERS.contains(&w.as_str()))
        {
            i += 1;
        }
        let rest: Vec<&str> = toks[i.min(toks.len())..]
            .iter()
            .map(|(w, _)| w.as_str())
            .collect();
        let Some((n, used)) = langs.numbers.parse(&rest) else {
            continue;
        };
        let mut j = i + used;
        // "five (5) years": the figure repeats the word.
        if toks.get(j).is_some_and(|(w, _)| w.parse::<u64>() == Ok(n)) {
            j += 1;
        }
        let Some((unit, unit_span)) = toks.get(j) else {
            continue;
        };
        let per = match unit.as_str() {
            "year" | "years" => 12,
            "month" | "months" => 1,
            _ => continue,
        };
        let months = u32::try_from(n).ok()?.checked_mul(per)?;
        return Some((months, for_span.start..unit_span.end));
    }
    None
}

/// The number an answer starts with ("5030", "Zero."), with its span.
pub fn leading_number(text: &str, q: &QuestionNode, langs: &Languages) -> Option<(i64, Span)> {
    let (w, span) = word_spans(text, first_line(text, q)).into_iter().next()?;
    let n = w.parse::<u64>().ok().or_else(|| langs.numbers.word(&w))?;
    Some((i64::try_from(n).ok()?, span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::sheet::parse;

    const SEED: &str = include_str!("../../examples/5030/5030.codesheet.txt");

    fn seed() -> (Sheet, std::sync::Arc<Schema>) {
        let schema = Schema::builtin();
        (parse(SEED, &schema), schema)
    }

    #[test]
    fn reads_the_seed() {
        let (sheet, schema) = seed();
        let langs = Languages::builtin();
        let q = |n| sheet.question(n).unwrap();
        let sq = |n| schema.question(n).unwrap();
        let types: Vec<(&str, &str)> = listed_types(&schema, SEED, q(16))
            .into_iter()
            .map(|(t, s)| (t.id.as_str(), &SEED[s]))
            .collect();
        assert_eq!(
            types,
            [
                ("nonaggression", "Nonaggression"),
                ("consultation", "Consultation")
            ]
        );
        let (yes, span) = yes_no(sq(27), SEED, q(27)).unwrap();
        assert_eq!((yes, &SEED[span]), (true, "Yes"));
        assert_eq!(yes_no(sq(19), SEED, q(19)).map(|y| y.0), Some(false));
        // Q50 lists cooperation without saying Yes.
        assert_eq!(yes_no(sq(50), SEED, q(50)), None);
        assert_eq!(option(sq(6), SEED, q(6)), Some("treaty"));
        assert_eq!(option(sq(7), SEED, q(7)), Some("public"));
        assert_eq!(in_effect(sq(14), SEED, q(14)).map(|e| e.0), Some(true));
        let d: Vec<Date> = dates(&sheet, q(3)).into_iter().map(|d| d.0).collect();
        assert_eq!(d, [Date::new(2002, 12, 23).unwrap()]);
        // The date in Q14's revision note is not an answer.
        assert!(dates(&sheet, q(14)).is_empty());
        let (m, span) = term_months(SEED, q(10), langs).unwrap();
        assert_eq!((m, &SEED[span]), (240, "for a term of 20 years"));
        let (m, span) = term_months(SEED, q(12), langs).unwrap();
        assert_eq!((m, &SEED[span]), (60, "for another 5 years"));
        assert_eq!(leading_number(SEED, q(1), langs).map(|n| n.0), Some(5030));
        assert_eq!(leading_number(SEED, q(13), langs).map(|n| n.0), Some(0));
    }

    #[test]
    fn reads_variants() {
        let schema = Schema::builtin();
        let langs = Languages::builtin();
        let read = |from: &str, to: &str, n: u32| {
            let text = SEED.replacen(from, to, 1);
            assert_ne!(text, SEED, "fixture has no {from:?}");
            let sheet = parse(&text, &schema);
            let q = sheet.question(n).unwrap().clone();
            (text, sheet, q)
        };
        let (text, _, q) = read("Public.", "Public but with secret articles: none known.", 7);
        assert_eq!(
            option(schema.question(7).unwrap(), &text, &q),
            Some("public but with secret articles")
        );
        let (text, _, q) = read(
            "concluded for a term of 20 years",
            "concluded for an indefinite period, at least for five (5) years",
            10,
        );
        assert_eq!(term_months(&text, &q, langs).map(|t| t.0), Some(60));
        let (text, _, q) = read(
            "concluded for a term of 20 years",
            "concluded until the war ends",
            10,
        );
        assert_eq!(term_months(&text, &q, langs), None);
        let (text, _, q) = read("Still in effect.", "March 1, 2020.", 14);
        let (in_force, span) = in_effect(schema.question(14).unwrap(), &text, &q).unwrap();
        assert_eq!((in_force, &text[span]), (false, "March 1, 2020"));
        let (text, _, q) = read(
            "Nonaggression pact.",
            "Non-aggression pact; defence pact.",
            16,
        );
        let ids: Vec<&str> = listed_types(&schema, &text, &q)
            .into_iter()
            .map(|t| t.0.id.as_str())
            .collect();
        assert_eq!(ids, ["nonaggression", "defense", "consultation"]);
        let (_, sheet, q) = read(
            "December 23, 2002",
            "January 5, 2003 (Kazakhstan); December 23, 2002 (China)",
            3,
        );
        let d: Vec<Date> = dates(&sheet, &q).into_iter().map(|d| d.0).collect();
        assert_eq!(
            d,
            [
                Date::new(2003, 1, 5).unwrap(),
                Date::new(2002, 12, 23).unwrap()
            ]
        );
    }
}
