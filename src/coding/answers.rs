//! Answers read as codings: the Yes or No, the option chosen, the alliance types listed, the
//! dates given, the term stated, whether the alliance is still in effect. Shared by export, the
//! dataset check and diff, so the three read a sheet the same way.

use crate::model::evidence::read_number;
use crate::model::lang::Languages;
use crate::model::schema::{
    AllianceType, AnswerKind, Question, Schema, same_word, starts_with_words, words,
};
use crate::syntax::dates::Date;
use crate::syntax::sheet::{LeadKind, QuestionNode, Sheet};
use crate::text::{Span, written_word_spans};
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::LazyLock;

/// Lower-case alphanumeric words of `text[span]` with their spans.
fn word_spans(text: &str, span: Span) -> Vec<(String, Span)> {
    written_word_spans(text, span)
        .map(|(w, s)| (w.to_lowercase(), s))
        .collect()
}

/// The answer's first line.
pub fn first_line(text: &str, q: &QuestionNode) -> Span {
    q.answer.start..q.answer.start + crate::text::first_line(&text[q.answer.clone()]).len()
}

/// The alliance types an answer names, each once, in the order first named, with where. URLs
/// are skipped: a web address may contain a type's word.
pub fn listed_types<'s>(
    schema: &'s Schema,
    text: &str,
    q: &QuestionNode,
) -> Vec<(&'s AllianceType, Span)> {
    // Compared as written: lower-casing every word of the answer cost more than the search.
    let toks: Vec<(&str, Span)> = written_word_spans(text, q.answer.clone())
        .filter(|(_, s)| !q.urls.iter().any(|u| u.start <= s.start && s.end <= u.end))
        .collect();
    let mut found: Vec<(&AllianceType, Span)> = Vec::new();
    for i in 0..toks.len() {
        for t in &schema.alliance_types {
            let hit = t.name_words.iter().find(|name| {
                !name.is_empty()
                    && toks.len() - i >= name.len()
                    && toks[i..i + name.len()]
                        .iter()
                        .zip(name.iter())
                        .all(|(a, b)| same_word(a.0, b))
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

/// Whether the first line of `q`'s answer opens with one of `sq`'s alternatives to a date
/// ("Still in effect", "The alliance has not terminated"); `q` may be another question (the
/// cause of termination says it in the same words).
pub fn opens_with_alternative(sq: &Question, text: &str, q: &QuestionNode) -> bool {
    let line = first_line(text, q);
    sq.answer
        .alternatives
        .iter()
        .any(|a| starts_with_words(&text[line.clone()], a))
}

/// Whether a termination answer says the alliance is still in effect (true) or starts with a
/// termination date (false), with the span that says it.
pub fn in_effect(sq: &Question, text: &str, q: &QuestionNode) -> Option<(bool, Span)> {
    let line = first_line(text, q);
    if opens_with_alternative(sq, text, q) {
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

static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?P<n>\d{1,3}|[a-z]+(?:[- ][a-z]+)?)(?:[ \t]*\(\d{1,3}\))?[- ](?P<unit>years?|months?)\b",
    )
    .expect("valid regex")
});

/// Builds [`PERIOD`], which the rules read most sheets with, before the first sheet (see
/// [`crate::syntax::sheet::compile_patterns`]).
pub fn compile_patterns() {
    LazyLock::force(&PERIOD);
}

/// The units [`PERIOD`] reads, found before it runs: most lines name no period, and its
/// Unicode `\b` would have the regex engine leave its fast path on any non-ASCII text.
static PERIOD_UNITS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["year", "month"])
        .expect("two literals")
});

/// The matches of [`PERIOD`] in `hay`, each with the offset of its line. No match holds a
/// line break, and `\b` reads one as it reads either end of a text: searched line by line, and
/// only in lines that name a unit, it finds what it finds in the whole.
fn period_matches(hay: &str) -> impl Iterator<Item = (usize, regex::Captures<'_>)> {
    hay.split('\n')
        .scan(0, |start, line| {
            let at = *start;
            *start += line.len() + 1;
            Some((at, line))
        })
        .filter(|(_, line)| PERIOD_UNITS.is_match(line))
        .flat_map(|(at, line)| PERIOD.captures_iter(line).map(move |c| (at, c)))
}

/// "20 years", "twenty years", "five (5) years", "6 months" in `text[span]`, as (span, months).
pub fn periods(text: &str, span: Span, langs: &Languages) -> Vec<(Span, u32)> {
    period_matches(&text[span.clone()])
        .filter_map(|(at, c)| {
            let n = c.name("n")?;
            let value = read_number(n.as_str(), langs)
                // "another five" / "a further twenty": the last word carries the number.
                .or_else(|| {
                    n.as_str()
                        .rsplit([' ', '-'])
                        .next()
                        .and_then(|w| langs.numbers.word(w))
                })?;
            let months = if c["unit"].to_ascii_lowercase().starts_with("year") {
                value.checked_mul(12)?
            } else {
                value
            };
            let whole = c.get(0)?;
            let start = span.start + at;
            Some((
                start + whole.start()..start + whole.end(),
                u32::try_from(months).ok()?,
            ))
        })
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

/// The term an answer states, in months, with its span: the period that opens the answer after
/// its Yes ("Yes. Twenty years."), or else the first one right after "for" ("for a term of 20
/// years", "extended for another five (5) years"; the span then starts at "for"). A period
/// elsewhere ("no later than 1 year before") is not a term.
pub fn term_months(text: &str, q: &QuestionNode, langs: &Languages) -> Option<(u32, Span)> {
    let toks = word_spans(text, q.answer.clone());
    let found = periods(text, q.answer.clone(), langs);
    // The period containing the word at `at`, if it starts no earlier than `from`.
    let period_at = |at: usize, from: usize| {
        let word = toks.get(at)?.1.start;
        found
            .iter()
            .find(|(p, _)| p.start >= from && p.start <= word && word < p.end)
    };
    let opening = usize::from(q.lead.is_some());
    if let Some((span, months)) = period_at(opening, q.answer.start) {
        return Some((*months, span.clone()));
    }
    toks.iter().enumerate().find_map(|(at, (w, for_span))| {
        if w != "for" {
            return None;
        }
        let number = at
            + 1
            + toks[at + 1..]
                .iter()
                .position(|(w, _)| !TERM_FILLERS.contains(&w.as_str()))?;
        let (span, months) = period_at(number, for_span.start)?;
        Some((*months, for_span.start..span.end))
    })
}

/// The number an answer starts with ("5030", "Zero."), with its span.
pub fn leading_number(text: &str, q: &QuestionNode, langs: &Languages) -> Option<(i64, Span)> {
    let (w, span) = written_word_spans(text, first_line(text, q)).next()?;
    let w = w.to_lowercase();
    let n = w.parse::<u64>().ok().or_else(|| langs.numbers.word(&w))?;
    Some((i64::try_from(n).ok()?, span))
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #[test]
        fn periods_line_by_line_are_the_whole_texts(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "five", "20", "(5)", " ", "-", "\n", "\r\n", "\t", "years", "Year", "MONTHS",
                "month", "yearly", "twenty", "é", "“", "_", "a", "٣", "\u{212a}", "ſ",
            ]), 0..14)
        ) {
            let hay = pieces.concat();
            let by_line: Vec<Span> = period_matches(&hay)
                .map(|(at, c)| {
                    let m = c.get(0).expect("whole match");
                    at + m.start()..at + m.end()
                })
                .collect();
            let whole: Vec<Span> = PERIOD.find_iter(&hay).map(|m| m.range()).collect();
            proptest::prop_assert_eq!(by_line, whole, "{:?}", hay);
        }
    }

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
        for no_term in [
            "concluded until the war ends",
            "renewed for the first time in 20 years",
        ] {
            let (text, _, q) = read("concluded for a term of 20 years", no_term, 10);
            assert_eq!(term_months(&text, &q, langs), None, "{no_term}");
        }
        let (text, _, q) = read(
            "The treaty is concluded for a term of 20 years.",
            "Ten years (Art. 18).",
            10,
        );
        let (months, span) = term_months(&text, &q, langs).unwrap();
        assert_eq!((months, &text[span]), (120, "Ten years"));
        let (text, _, q) = read(
            "for a term of 20 years",
            "for another twenty-five years",
            10,
        );
        assert_eq!(term_months(&text, &q, langs).map(|t| t.0), Some(300));
        let periods: Vec<(&str, u32)> = periods(&text, q.answer.clone(), langs)
            .into_iter()
            .map(|(s, m)| (&text[s], m))
            .collect();
        assert_eq!(periods, [("twenty-five years", 300)]);
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
