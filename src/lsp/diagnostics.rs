//! The linter's diagnostics as LSP diagnostics: ranges in the negotiated encoding, the rule's
//! code with a link to its documentation, related locations in the sheet and its treaties.

use super::workspace::SheetSnapshot;
use crate::diagnostic::{Diagnostic, Location, Severity};
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString,
};

/// Where each rule's documentation lives; a rule's section is anchored by its code.
pub const RULES_DOC_URL: &str = "https://github.com/atop-lint/atop-lint/blob/main/docs/rules.md";

pub const SOURCE: &str = "atop-lint";

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// Where a related location of a diagnostic on `snap` is.
pub fn location(snap: &SheetSnapshot, loc: &Location) -> Option<lsp::Location> {
    match loc {
        Location::Sheet(span) => Some(lsp::Location::new(
            snap.uri.clone(),
            snap.positions().range(span),
        )),
        Location::Treaty(i, span) => {
            let (uri, _, positions) = snap.treaty(*i)?;
            Some(lsp::Location::new(uri.clone(), positions.range(span)))
        }
    }
}

pub fn to_lsp(snap: &SheetSnapshot, d: &Diagnostic) -> lsp::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            Some(DiagnosticRelatedInformation {
                location: location(snap, &r.location)?,
                message: r.message.clone(),
            })
        })
        .collect();
    let code_description = crate::rules::find(d.code)
        .and_then(|r| format!("{RULES_DOC_URL}#{}", r.code).parse().ok())
        .map(|href| CodeDescription { href });
    lsp::Diagnostic {
        range: snap.positions().range(&d.span),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description,
        source: Some(SOURCE.to_string()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// Every diagnostic of a lint, in the linter's order.
pub fn all(snap: &SheetSnapshot) -> Vec<lsp::Diagnostic> {
    snap.analysis
        .diagnostics
        .iter()
        .map(|d| to_lsp(snap, d))
        .collect()
}
