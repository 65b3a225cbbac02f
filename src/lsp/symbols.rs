//! Document symbols (the sections, with their questions inside) and folding ranges (every
//! section and every question that spans several lines).

use super::workspace::SheetSnapshot;
use crate::rules::quote;
use crate::syntax::sheet::QuestionNode;
use crate::text::{Span, trim_span};
use tower_lsp_server::ls_types::{DocumentSymbol, FoldingRange, FoldingRangeKind, SymbolKind};

/// Characters of a prompt shown in a question's symbol.
const PROMPT_CHARS: usize = 60;

/// The sections' extents: each heading's index and its span up to the next heading.
fn section_spans(snap: &SheetSnapshot) -> Vec<Span> {
    let sections = &snap.analysis.sheet.sections;
    sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let end = sections
                .get(i + 1)
                .map_or(snap.text.len(), |next| next.span.start);
            trim_span(&snap.text, s.span.start..end)
        })
        .collect()
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be named to build the struct.
fn symbol(
    snap: &SheetSnapshot,
    name: String,
    kind: SymbolKind,
    range: &Span,
    selection: &Span,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    let positions = snap.positions();
    DocumentSymbol {
        name,
        detail: None,
        kind,
        tags: None,
        deprecated: None,
        range: positions.range(range),
        selection_range: positions.range(selection),
        children,
    }
}

fn question_symbol(snap: &SheetSnapshot, q: &QuestionNode) -> DocumentSymbol {
    let name = format!(
        "{}. {}",
        q.number,
        quote(&snap.text[q.prompt.clone()], PROMPT_CHARS)
    );
    let range = trim_span(&snap.text, q.span.clone());
    symbol(snap, name, SymbolKind::FIELD, &range, &q.number_span, None)
}

pub fn document_symbols(snap: &SheetSnapshot) -> Vec<DocumentSymbol> {
    let sheet = &snap.analysis.sheet;
    let spans = section_spans(snap);
    let inside =
        |span: &Span, q: &QuestionNode| span.start <= q.span.start && q.span.start < span.end;
    // Questions before the first heading stand alone.
    let mut out: Vec<DocumentSymbol> = sheet
        .questions
        .iter()
        .filter(|q| !spans.iter().any(|s| inside(s, q)))
        .map(|q| question_symbol(snap, q))
        .collect();
    for (heading, span) in sheet.sections.iter().zip(&spans) {
        let children = sheet
            .questions
            .iter()
            .filter(|q| inside(span, q))
            .map(|q| question_symbol(snap, q))
            .collect();
        let name = quote(&snap.text[heading.span.clone()], PROMPT_CHARS);
        let selection = trim_span(&snap.text, heading.span.clone());
        out.push(symbol(
            snap,
            name,
            SymbolKind::NAMESPACE,
            span,
            &selection,
            Some(children),
        ));
    }
    out.sort_by_key(|s| (s.range.start.line, s.range.start.character));
    out
}

pub fn folding_ranges(snap: &SheetSnapshot) -> Vec<FoldingRange> {
    let positions = snap.positions();
    let question_spans = snap
        .analysis
        .sheet
        .questions
        .iter()
        .map(|q| trim_span(&snap.text, q.span.clone()));
    let mut out: Vec<FoldingRange> = section_spans(snap)
        .into_iter()
        .chain(question_spans)
        .filter_map(|span| {
            let (start, end) = (positions.line(span.start), positions.line(span.end));
            (end > start).then_some(FoldingRange {
                start_line: start,
                start_character: None,
                end_line: end,
                end_character: None,
                kind: Some(FoldingRangeKind::Region),
                collapsed_text: None,
            })
        })
        .collect();
    out.sort_by_key(|r| (r.start_line, std::cmp::Reverse(r.end_line)));
    out
}
