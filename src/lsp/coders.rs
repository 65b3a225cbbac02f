//! Two coders' sheets for one alliance: when another sheet with the same ATOP ID is open, a
//! code lens above each question where the coders differ shows the other coder's answer, read
//! as `atop-lint diff` reads it.

use super::workspace::SheetSnapshot;
use crate::coding::diff::{self, Side, Status};
use std::sync::Arc;
use tower_lsp_server::ls_types::{CodeLens, Command};

/// How much of the other answer a lens shows.
const ANSWER_CHARS: usize = 80;

/// The file name of a sheet's URI, to name the other coder's sheet.
fn file_name(snap: &SheetSnapshot) -> &str {
    snap.uri.as_str().rsplit('/').next().unwrap_or_default()
}

/// A lens on every question of `snap` whose answer differs from the same question in one of
/// `others` (sheets for the same ATOP ID, read against the same schema).
pub fn code_lenses(snap: &SheetSnapshot, others: &[Arc<SheetSnapshot>]) -> Vec<CodeLens> {
    let mine = Side {
        sheet: &snap.analysis.sheet,
        text: &snap.text,
    };
    let mut lenses = Vec::new();
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
        let d = diff::diff(mine, theirs, &snap.env.schema, snap.env.langs);
        for q in d.questions.iter().filter(|q| q.status == Status::Differ) {
            let Some(node) = snap.question(q.question) else {
                continue;
            };
            let answer = q.b.as_deref().unwrap_or("(free text)");
            lenses.push(CodeLens {
                range: snap.positions().range(&node.number_span),
                command: Some(Command {
                    title: format!(
                        "{} says: {}",
                        file_name(other),
                        crate::text::quote(answer, ANSWER_CHARS)
                    ),
                    // Nothing to run: the lens is a label.
                    command: String::new(),
                    arguments: None,
                }),
                data: None,
            });
        }
    }
    lenses
}
