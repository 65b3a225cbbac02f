//! Hover: the cited article in every language version of the treaty; a question's prompt,
//! dataset variables, current answer and what the treaty says for it; a COW state's name and
//! membership.

use super::workspace::SheetSnapshot;
use crate::model::evidence::place_name;
use crate::model::schema::Question;
use crate::rules::quote;
use crate::syntax::sheet::{ArticleRef, PartName};
use crate::text::Span;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};

/// How much of a question's current answer a hover shows.
const ANSWER_CHARS: usize = 400;

fn contains(span: &Span, offset: usize) -> bool {
    span.start <= offset && offset < span.end
}

/// What is under the cursor, for hover and navigation.
pub enum Target {
    /// The articles a citation names, the part they are in ("Annex I"; None for the main
    /// text), and the span of the cited number (or whole citation).
    Articles(Vec<ArticleRef>, Option<PartName>, Span),
    /// A question number: a question's own number or a `#N` reference.
    Question(u32, Span),
    /// A COW code in a member list.
    Cow(u32, Span),
}

/// The thing at byte `offset` of the sheet.
pub fn target_at(snap: &SheetSnapshot, offset: usize) -> Option<Target> {
    let q = snap.question_at(offset)?;
    if let Some(c) = q.citations.iter().find(|c| contains(&c.span, offset)) {
        // The number under the cursor (with the articles a range puts there), or every
        // article the citation names.
        let under: Vec<&(ArticleRef, Span)> = c
            .targets
            .iter()
            .filter(|(_, s)| contains(s, offset))
            .collect();
        let (mut chosen, span): (Vec<ArticleRef>, Span) = match under.first() {
            Some((_, span)) => (under.iter().map(|t| t.0).collect(), span.clone()),
            None => (c.targets.iter().map(|t| t.0).collect(), c.span.clone()),
        };
        chosen.dedup();
        return Some(Target::Articles(chosen, c.part.clone(), span));
    }
    if let Some(r) = q.refs.iter().find(|r| contains(&r.span, offset)) {
        return Some(Target::Question(r.number, r.span.clone()));
    }
    if contains(&q.number_span, offset) {
        return Some(Target::Question(q.number(), q.number_span.clone()));
    }
    q.members
        .iter()
        .find(|m| contains(&m.code_span, offset))
        .map(|m| Target::Cow(m.code, m.code_span.clone()))
}

pub fn hover(snap: &SheetSnapshot, offset: usize) -> Option<Hover> {
    let (markdown, span) = match target_at(snap, offset)? {
        Target::Articles(articles, part, span) => {
            (articles_text(snap, &articles, part.as_ref()), span)
        }
        Target::Question(n, span) => (question_text(snap, n), span),
        Target::Cow(code, span) => (cow_text(snap, code), span),
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(snap.positions().range(&span)),
    })
}

fn articles_text(snap: &SheetSnapshot, articles: &[ArticleRef], part: Option<&PartName>) -> String {
    let treaties = &snap.analysis.treaties;
    if treaties.is_empty() {
        return "No treaty text is paired with this sheet.".to_string();
    }
    let mut parts = Vec::new();
    for article in articles {
        for t in treaties {
            let lang = t.lang.as_deref().unwrap_or("?");
            match article {
                ArticleRef::Preamble => parts.push(format!(
                    "**Preamble** ({lang})\n\n{}",
                    t.preamble_text().trim()
                )),
                ArticleRef::Text => {
                    if let Some(body) = t.undivided() {
                        parts.push(format!("**The text** ({lang})\n\n{}", &t.text[body]));
                    }
                }
                ArticleRef::Article(n) => match t.cited(part, *n) {
                    Some(a) => parts.push(format!(
                        "**{}** (Article {n}, {lang})\n\n{}",
                        t.heading_text(a),
                        t.body(a)
                    )),
                    None => parts.push(format!("The {lang} text has no Article {n}.")),
                },
            }
        }
    }
    parts.join("\n\n---\n\n")
}

fn question_text(snap: &SheetSnapshot, n: u32) -> String {
    let schema = &snap.env.schema;
    let Some(sq) = schema.question(n) else {
        return format!(
            "{} has no question {n} (it has questions {}–{}).",
            schema.name,
            schema.first_number(),
            schema.last_number()
        );
    };
    let answer = match snap.question(n) {
        Some(q) if q.answer.is_empty() => "(no answer yet)".to_string(),
        Some(q) => quote(q.answer_text(&snap.text), ANSWER_CHARS),
        None => format!("(the sheet has no question {n})"),
    };
    let variables = if sq.variables.is_empty() {
        "—".to_string()
    } else {
        format!("`{}`", sq.variables)
    };
    let codebook: String = schema
        .exports_reading(n)
        .filter_map(|e| {
            let cb = e.codebook.as_ref()?;
            Some(format!(
                "\n\n`{}` (ATOP codebook p. {}): {}",
                e.variable.to_uppercase(),
                cb.page,
                cb.definition
            ))
        })
        .collect();
    format!(
        "**Q{n}.** {}\n\nDataset variables: {variables}{codebook}\n\nCurrent answer: {answer}{}",
        sq.prompt,
        treaty_says(snap, sq)
    )
}

/// What the paired treaties say for a question: the passages found, each with its article and
/// language, and the answer they suggest. Empty when no treaty settles the question.
fn treaty_says(snap: &SheetSnapshot, sq: &Question) -> String {
    let Some(s) = snap.suggestion(sq) else {
        return String::new();
    };
    let mut out = String::new();
    if !s.quotes.is_empty() {
        out.push_str("\n\nThe treaty says:");
    }
    for q in &s.quotes {
        let lang = snap
            .analysis
            .treaties
            .get(q.treaty)
            .and_then(|t| t.lang.as_deref())
            .unwrap_or("?");
        out.push_str(&format!(
            "\n- {} ({lang}): “{}”",
            place_name(q.place),
            q.text
        ));
        if let Some(case) = q.case {
            out.push_str(&format!(" — {case}"));
        }
    }
    out.push_str(&format!(
        "\n\nSuggested answer (\"Answer from the treaty\"): {}",
        quote(&s.answer, ANSWER_CHARS)
    ));
    out
}

fn cow_text(snap: &SheetSnapshot, code: u32) -> String {
    match snap.env.cow.get(code) {
        Some(state) => format!(
            "**{code} {}** ({})\n\nState-system member: {}",
            state.name(),
            state.abbrev(),
            state.periods()
        ),
        None => format!("No COW state has code {code}."),
    }
}
