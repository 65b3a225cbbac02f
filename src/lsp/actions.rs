//! Code actions: each fix the rules offer as a quick fix on its diagnostic, "Answer from the
//! treaty" on an empty answer or one a treaty rule flags, and `source.fixAll` for the whole file
//! (the fixes `atop-lint check --fix` would apply).

use super::diagnostics;
use super::workspace::SheetSnapshot;
use crate::diagnostic::Location;
use crate::fix_all;
use crate::text::{Span, floor_char_boundary};
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, WorkspaceEdit,
};

fn wanted(kind: &CodeActionKind, only: Option<&[CodeActionKind]>) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|o| {
            kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str()))
        })
    })
}

fn edit(snap: &SheetSnapshot, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(snap.uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// The code actions for the byte range `range` of the sheet.
pub fn code_actions(
    snap: &SheetSnapshot,
    range: Span,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    let positions = snap.positions();
    if wanted(&CodeActionKind::QUICKFIX, only) {
        for d in &snap.analysis.diagnostics {
            let Some(fix) = &d.fix else { continue };
            if d.span.start > range.end || range.start > d.span.end {
                continue;
            }
            let edits = fix
                .edits
                .iter()
                .map(|e| TextEdit::new(positions.range(&e.span), e.replacement.clone()))
                .collect();
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostics::to_lsp(snap, d)]),
                edit: Some(edit(snap, edits)),
                is_preferred: Some(true),
                ..CodeAction::default()
            }));
        }
    }
    if wanted(&CodeActionKind::QUICKFIX, only)
        && let Some(action) = answer_from_treaty(snap, range.start)
    {
        out.push(action);
    }
    let fixable = snap.analysis.diagnostics.iter().any(|d| d.fix.is_some());
    if fixable && wanted(&CodeActionKind::SOURCE_FIX_ALL, only) {
        let fixed = fix_all(&snap.text, snap.analysis.clone(), &snap.env, &snap.settings).text;
        if fixed != snap.text {
            let (span, replacement) = minimal_edit(&snap.text, &fixed);
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Fix all atop-lint problems that have a safe fix".to_string(),
                kind: Some(CodeActionKind::SOURCE_FIX_ALL),
                edit: Some(edit(
                    snap,
                    vec![TextEdit::new(
                        positions.range(&span),
                        replacement.to_string(),
                    )],
                )),
                ..CodeAction::default()
            }));
        }
    }
    out
}

/// "Answer from the treaty" for the question at `offset`: offered when its answer is empty or a
/// diagnostic backed by the treaty (one pointing into a treaty) flags it, and the treaty settles
/// the question. It writes the drafted answer, marked and cited, in place of the answer.
fn answer_from_treaty(snap: &SheetSnapshot, offset: usize) -> Option<CodeActionOrCommand> {
    let q = snap.question_at(offset)?;
    let sq = snap.env.schema.question(q.number())?;
    let flagged: Vec<_> = snap
        .analysis
        .diagnostics
        .iter()
        .filter(|d| {
            d.question == Some(sq.number)
                && d.related
                    .iter()
                    .any(|r| matches!(r.location, Location::Treaty(..)))
        })
        .collect();
    if !q.answer.is_empty() && flagged.is_empty() {
        return None;
    }
    let suggestion = snap.suggestion(sq)?;
    let replacement = if q.answer.is_empty() {
        format!("\n{}", suggestion.answer)
    } else {
        suggestion.answer
    };
    let positions = snap.positions();
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: "Answer from the treaty".to_string(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: (!flagged.is_empty()).then(|| {
            flagged
                .iter()
                .map(|d| diagnostics::to_lsp(snap, d))
                .collect()
        }),
        edit: Some(edit(
            snap,
            vec![TextEdit::new(positions.range(&q.answer), replacement)],
        )),
        ..CodeAction::default()
    }))
}

/// The one replacement that turns `old` into `new`: what lies between their common prefix and
/// common suffix, on character boundaries.
fn minimal_edit<'a>(old: &str, new: &'a str) -> (Span, &'a str) {
    let prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let prefix = floor_char_boundary(old, prefix);
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let mut old_end = old.len() - suffix;
    while !old.is_char_boundary(old_end) {
        old_end += 1;
    }
    let new_end = new.len() - (old.len() - old_end);
    (prefix..old_end, &new[prefix..new_end])
}

#[cfg(test)]
mod tests {
    use super::minimal_edit;

    #[test]
    fn minimal_edits() {
        assert_eq!(minimal_edit("abc", "abc"), (3..3, ""));
        assert_eq!(minimal_edit("44, Does", "44. Does"), (2..3, "."));
        assert_eq!(minimal_edit("aXb", "ab"), (1..2, ""));
        // Two characters sharing their first bytes are replaced whole.
        assert_eq!(minimal_edit("x条y", "x来y"), (1..4, "来"));
        assert_eq!(minimal_edit("ab", "abab"), (2..2, "ab"));
    }
}
