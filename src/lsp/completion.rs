//! Completion: question numbers after `#`, article numbers after `Art. `, COW codes (by number
//! or name) in member lists, Yes/No at the start of a Yes/No answer, the alliance types in the
//! alliance-type question (found by its schema role).

use super::workspace::SheetSnapshot;
use crate::model::cow::normalize_name;
use crate::model::schema::{AnswerKind, Role};
use crate::rules::quote;
use crate::text::Span;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, TextEdit,
};

static QUESTION_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"#(\d{0,4})$").expect("valid regex"));
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:[Aa]rt(?:icle)?s?|ART(?:ICLE)?S?)(?:\.[ \t]*|[ \t]+)(?:\d{1,3}[ \t]*(?:,|and|&)[ \t]*)*(\d{0,3})$",
    )
    .expect("valid regex")
});
static CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*(\d{1,4})$").expect("valid regex"));
static WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*(\p{L}[\p{L} .'/-]*)?$").expect("valid regex"));

/// Characters of an article's text shown next to its number.
const ARTICLE_DETAIL_CHARS: usize = 40;

/// Completions at byte `offset` of the sheet.
pub fn complete(snap: &SheetSnapshot, offset: usize) -> Vec<CompletionItem> {
    let text = &snap.text;
    let line_start = snap.index.line_start(snap.index.line_of(offset));
    let prefix = &text[line_start..offset];
    // The span of the capture group `typed`, which the chosen item replaces.
    let typed = |m: regex::Match| line_start + m.start()..line_start + m.end();
    if let Some(c) = QUESTION_REF.captures(prefix) {
        return question_numbers(snap, typed(c.get(1).expect("group")));
    }
    if let Some(c) = ARTICLE.captures(prefix) {
        return article_numbers(snap, typed(c.get(1).expect("group")));
    }
    let Some(q) = snap.question_at(offset) else {
        return Vec::new();
    };
    let Some(sq) = q.schema_number.and_then(|n| snap.env.schema.question(n)) else {
        return Vec::new();
    };
    // What is being typed, when it lies in the answer (not in a prompt that ends mid-line).
    let in_answer = |span: Span| (span.start >= q.prompt.end).then_some(span);
    let code_span = CODE
        .captures(prefix)
        .and_then(|c| in_answer(typed(c.get(1).expect("group"))));
    let words_span = WORDS
        .captures(prefix)
        .and_then(|c| in_answer(c.get(1).map_or(offset..offset, typed)));
    if sq.cow_codes || sq.answer.kind == AnswerKind::Members {
        return match (code_span, words_span) {
            (Some(span), _) => states_by_code(snap, span),
            (None, Some(span)) => states_by_name(snap, span),
            (None, None) => Vec::new(),
        };
    }
    if sq.role == Some(Role::AllianceTypes) {
        return words_span.map_or_else(Vec::new, |span| alliance_types(snap, span));
    }
    if sq.answer.kind == AnswerKind::YesNo {
        // Only where the answer starts: nothing but the word being typed since the prompt.
        let typed_span = words_span.filter(|s| text[q.prompt.end..s.start].trim().is_empty());
        if let Some(span) = typed_span {
            let mut leads = vec!["Yes", "No"];
            if sq.answer.na_allowed {
                leads.push("N/A");
            }
            return leads
                .into_iter()
                .enumerate()
                .map(|(i, lead)| item(snap, lead, lead, None, &span, i, CompletionItemKind::VALUE))
                .collect();
        }
    }
    Vec::new()
}

fn item(
    snap: &SheetSnapshot,
    label: &str,
    insert: &str,
    detail: Option<String>,
    replace: &Span,
    order: usize,
    kind: CompletionItemKind,
) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        sort_text: Some(format!("{order:05}")),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range: snap.positions().range(replace),
            new_text: insert.to_string(),
        })),
        ..CompletionItem::default()
    }
}

fn question_numbers(snap: &SheetSnapshot, typed: Span) -> Vec<CompletionItem> {
    let digits = &snap.text[typed.clone()];
    snap.env
        .schema
        .questions
        .iter()
        .filter(|q| q.number.to_string().starts_with(digits))
        .enumerate()
        .map(|(i, q)| {
            let n = q.number.to_string();
            let detail = Some(quote(&q.prompt, 60));
            item(
                snap,
                &n,
                &n,
                detail,
                &typed,
                i,
                CompletionItemKind::REFERENCE,
            )
        })
        .collect()
}

fn article_numbers(snap: &SheetSnapshot, typed: Span) -> Vec<CompletionItem> {
    let digits = &snap.text[typed.clone()];
    // Number → the first words of the first language version that has it.
    let mut articles: BTreeMap<u32, String> = BTreeMap::new();
    for t in &snap.analysis.treaties {
        for a in &t.articles {
            articles
                .entry(a.number)
                .or_insert_with(|| quote(t.body(a), ARTICLE_DETAIL_CHARS));
        }
    }
    articles
        .into_iter()
        .filter(|(n, _)| n.to_string().starts_with(digits))
        .enumerate()
        .map(|(i, (n, words))| {
            let n = n.to_string();
            item(
                snap,
                &n,
                &n,
                Some(words),
                &typed,
                i,
                CompletionItemKind::REFERENCE,
            )
        })
        .collect()
}

fn state_item(
    snap: &SheetSnapshot,
    state: &crate::model::cow::State,
    typed: &Span,
    order: usize,
) -> CompletionItem {
    let entry = format!("{} {}", state.code, state.name());
    let detail = Some(format!("{}, {}", state.abbrev(), state.periods()));
    let mut it = item(
        snap,
        &entry,
        &entry,
        detail,
        typed,
        order,
        CompletionItemKind::VALUE,
    );
    // Match what was typed, a number or a name, against the same kind of text.
    it.filter_text = Some(
        if snap.text[typed.clone()].starts_with(|c: char| c.is_ascii_digit()) {
            state.code.to_string()
        } else {
            state.name().to_string()
        },
    );
    it
}

fn states_by_code(snap: &SheetSnapshot, typed: Span) -> Vec<CompletionItem> {
    let digits = &snap.text[typed.clone()];
    snap.env
        .cow
        .iter()
        .filter(|s| s.code.to_string().starts_with(digits))
        .enumerate()
        .map(|(i, s)| state_item(snap, s, &typed, i))
        .collect()
}

fn states_by_name(snap: &SheetSnapshot, typed: Span) -> Vec<CompletionItem> {
    let want = normalize_name(&snap.text[typed.clone()]);
    snap.env
        .cow
        .iter()
        .filter(|s| {
            s.names().any(|n| {
                let n = normalize_name(n);
                n.starts_with(&want) || n.contains(&format!(" {want}"))
            })
        })
        .enumerate()
        .map(|(i, s)| state_item(snap, s, &typed, i))
        .collect()
}

fn alliance_types(snap: &SheetSnapshot, typed: Span) -> Vec<CompletionItem> {
    snap.env
        .schema
        .alliance_types
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let detail = Some(format!("dataset variable {}", t.variable));
            item(
                snap,
                &t.label,
                &t.label,
                detail,
                &typed,
                i,
                CompletionItemKind::ENUM_MEMBER,
            )
        })
        .collect()
}
