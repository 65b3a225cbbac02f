//! Fixture helpers for rule tests: run one rule over a sheet and print its diagnostics as
//! `line:column severity code [Qn] message` lines, so tests assert exact output.

use super::RuleSettings;
use crate::diagnostic::apply_fixes;
use crate::model::{lang::Languages, release::Release, schema::Schema};
use crate::syntax::{sheet, treaty};
use crate::text::{Encoding, LineIndex};
use std::sync::Arc;

pub const SEED: &str = include_str!("../../examples/5030/5030.codesheet.txt");
pub const CLEAN: &str = include_str!("../../tests/fixtures/sheets/5030-clean.codesheet.txt");
pub const SEED_TREATY: &str = include_str!("../../examples/5030/5030.treaty.zh.txt");

/// `sheet` with `from` replaced by `to` once; panics when `from` is absent so fixtures stay
/// honest.
pub fn edit(sheet: &str, from: &str, to: &str) -> String {
    assert!(sheet.contains(from), "fixture has no {from:?}");
    sheet.replacen(from, to, 1)
}

fn settings_for(code: &str) -> RuleSettings {
    let mut s = RuleSettings::default();
    for r in super::ALL {
        if r.code != code {
            s.overrides.insert(r.code.to_string(), None);
        }
    }
    s
}

/// Runs rule `code` on a sheet with the given treaty texts (text, language).
pub fn check_with(code: &str, text: &str, treaties: &[(&str, &str)]) -> Vec<String> {
    diagnostics(code, text, treaties, None)
        .into_iter()
        .map(|(line, _)| line)
        .collect()
}

/// Runs rule `code` on a sheet against a release of the ATOP dataset.
pub fn check_with_dataset(code: &str, text: &str, dataset: &Arc<Release>) -> Vec<String> {
    diagnostics(code, text, &[(SEED_TREATY, "zh")], Some(dataset.clone()))
        .into_iter()
        .map(|(line, _)| line)
        .collect()
}

/// Runs rule `code` on a sheet with the seed's Chinese treaty.
pub fn check(code: &str, text: &str) -> Vec<String> {
    check_with(code, text, &[(SEED_TREATY, "zh")])
}

fn diagnostics(
    code: &str,
    text: &str,
    treaties: &[(&str, &str)],
    dataset: Option<Arc<Release>>,
) -> Vec<(String, Option<crate::diagnostic::Fix>)> {
    let schema = Schema::builtin();
    let langs = Languages::builtin();
    let parsed = sheet::parse(text, &schema);
    let treaties: Vec<_> = treaties
        .iter()
        .map(|(t, l)| treaty::parse(t.to_string(), Some(l), langs))
        .collect();
    let env = crate::Env {
        schema,
        dataset,
        ..crate::Env::default()
    };
    let idx = LineIndex::new(text);
    crate::analyze_parsed(text, parsed, treaties, &env, &settings_for(code))
        .diagnostics
        .into_iter()
        .map(|d| {
            let p = idx.line_col(text, d.span.start, Encoding::Chars);
            let q = d.question.map_or(String::new(), |q| format!(" Q{q}"));
            (
                format!(
                    "{}:{} {} {}{}: {}",
                    p.line + 1,
                    p.col + 1,
                    d.severity,
                    d.code,
                    q,
                    d.message
                ),
                d.fix,
            )
        })
        .collect()
}

/// Applies every fix rule `code` offers and returns the new text.
pub fn fixed(code: &str, text: &str) -> String {
    let fixes: Vec<_> = diagnostics(code, text, &[(SEED_TREATY, "zh")], None)
        .into_iter()
        .filter_map(|(_, f)| f)
        .collect();
    apply_fixes(text, fixes.iter()).0
}
