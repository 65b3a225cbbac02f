//! Two coders' sheets for one alliance: when another sheet with the same ATOP ID is open, a
//! code lens above each question where the coders differ shows the other coder's answer, and a
//! hover on the question's number says what each of them answered — read as `atop-lint diff`
//! reads answers.

use super::workspace::SheetSnapshot;
use crate::coding::diff::{self, QuestionDiff, Side, Status};
use crate::syntax::sheet::QuestionNode;
use std::sync::Arc;
use tower_lsp_server::ls_types::{CodeLens, Command};

/// How much of the other answer a lens shows.
const ANSWER_CHARS: usize = 80;

/// The file name of a sheet's URI, to name the other coder's sheet.
fn file_name(snap: &SheetSnapshot) -> &str {
    snap.uri.as_str().rsplit('/').next().unwrap_or_default()
}

fn shown(read: &Option<String>) -> String {
    crate::text::quote(read.as_deref().unwrap_or("(free text)"), ANSWER_CHARS)
}

/// Each question of `snap` whose answer differs from the same question in one of `others`
/// (sheets for the same ATOP ID, read against the same schema), with that sheet.
fn differences<'a>(
    snap: &'a SheetSnapshot,
    others: &'a [Arc<SheetSnapshot>],
) -> Vec<(&'a QuestionNode, &'a SheetSnapshot, QuestionDiff)> {
    let mine = Side {
        sheet: &snap.analysis.sheet,
        text: &snap.text,
    };
    let mut out = Vec::new();
    for other in others {
        let same_alliance = snap.atop_id.is_some() && other.atop_id == snap.atop_id;
        if other.uri == snap.uri
            || !same_alliance
            || !Arc::ptr_eq(&other.env.schema, &snap.env.schema)
        {
            continue;
        }
        let theirs = Side {
            sheet: &other.analysis.sheet,
            text: &other.text,
        };
        let d = diff::diff(mine, theirs, &snap.env.schema, snap.env.langs, snap.env.cow);
        for q in d.questions {
            if q.status != Status::Differ {
                continue;
            }
            if let Some(node) = snap.question(q.question) {
                out.push((node, &**other, q));
            }
        }
    }
    out
}

/// A lens, on the number of each question that differs, with the other coder's answer.
pub fn code_lenses(snap: &SheetSnapshot, others: &[Arc<SheetSnapshot>]) -> Vec<CodeLens> {
    differences(snap, others)
        .into_iter()
        .map(|(node, other, q)| CodeLens {
            range: snap.positions().range(&node.number_span),
            command: Some(Command {
                title: format!("{} says: {}", file_name(other), shown(&q.b)),
                // Nothing to run: the lens is a label.
                command: String::new(),
                arguments: None,
            }),
            data: None,
        })
        .collect()
}

/// For a hover on the number of a question that differs: what each coder answered.
pub fn hover_note(
    snap: &SheetSnapshot,
    others: &[Arc<SheetSnapshot>],
    offset: usize,
) -> Option<String> {
    let lines: Vec<String> = differences(snap, others)
        .into_iter()
        .filter(|(node, _, _)| node.number_span.start <= offset && offset < node.number_span.end)
        .map(|(_, other, q)| {
            format!(
                "Coders differ: this sheet reads {}, **{}** reads {}",
                shown(&q.a),
                file_name(other),
                shown(&q.b)
            )
        })
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n\n"))
}
