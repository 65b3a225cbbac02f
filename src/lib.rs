//! atop-lint: a linter and language server for ATOP coding sheets.
//!
//! The analysis core (`syntax`, `model`, `coding`, `rules`, `diagnostic`, `text`) is plain Rust on `&str`
//! and byte offsets; it knows nothing of terminals, LSP or tokio. `cli` and `lsp` are thin
//! layers over [`analyze`].

pub mod cli;
pub mod coding;
pub mod diagnostic;
mod embedded;
pub mod import;
pub mod lsp;
pub mod model;
pub mod rules;
pub mod syntax;
pub mod text;

use model::{
    cow::CowStates,
    evidence::{Evidence, Topics},
    lang::Languages,
    release::Release,
    schema::Schema,
};
use std::sync::Arc;
use syntax::{sheet::Sheet, treaty::Treaty};

/// The data an analysis runs against.
#[derive(Clone)]
pub struct Env {
    pub schema: Arc<Schema>,
    pub cow: &'static CowStates,
    pub langs: &'static Languages,
    pub topics: &'static Topics,
    /// A release of the ATOP dataset to compare the sheets with, if any.
    pub dataset: Option<Arc<Release>>,
}

impl Default for Env {
    fn default() -> Self {
        Env {
            schema: Schema::builtin(),
            cow: CowStates::builtin(),
            langs: Languages::builtin(),
            topics: Topics::builtin(),
            dataset: None,
        }
    }
}

/// A sheet's parse, its treaties and its diagnostics.
#[derive(Clone)]
pub struct Analysis {
    pub sheet: Sheet,
    pub treaties: Vec<Treaty>,
    pub diagnostics: Vec<diagnostic::Diagnostic>,
}

/// A treaty text and the language its file name gives, if any.
#[derive(Clone, Debug)]
pub struct TreatyText {
    pub text: String,
    pub lang: Option<String>,
}

/// Parses a sheet, reads its treaties and runs the rules.
pub fn analyze(
    text: &str,
    treaties: Vec<TreatyText>,
    env: &Env,
    settings: &rules::RuleSettings,
) -> Analysis {
    let sheet = syntax::sheet::parse(text, &env.schema);
    analyze_parsed(text, sheet, read_treaties(treaties, env), env, settings)
}

/// Reads treaty texts into trees.
pub fn read_treaties(treaties: Vec<TreatyText>, env: &Env) -> Vec<Treaty> {
    treaties
        .into_iter()
        .map(|t| syntax::treaty::parse(t.text, t.lang.as_deref(), env.langs))
        .collect()
}

/// Runs the rules over an already parsed sheet and treaties.
pub fn analyze_parsed(
    text: &str,
    sheet: Sheet,
    treaties: Vec<Treaty>,
    env: &Env,
    settings: &rules::RuleSettings,
) -> Analysis {
    let evidence = Evidence::gather(&treaties, env.langs, env.cow, env.topics);
    let diagnostics = run_rules(text, &sheet, &treaties, &evidence, env, settings);
    Analysis {
        sheet,
        treaties,
        diagnostics,
    }
}

/// Runs the rules over a parsed sheet, its treaties and their evidence.
pub fn run_rules(
    text: &str,
    sheet: &Sheet,
    treaties: &[Treaty],
    evidence: &Evidence,
    env: &Env,
    settings: &rules::RuleSettings,
) -> Vec<diagnostic::Diagnostic> {
    let cx = rules::Context {
        text,
        sheet,
        schema: &env.schema,
        cow: env.cow,
        langs: env.langs,
        treaties,
        evidence,
        topics: env.topics,
        dataset: env.dataset.as_deref(),
    };
    rules::run(&cx, settings)
}

/// How many fix-and-relint passes [`fix_all`] makes at most.
const FIX_PASSES: usize = 5;

/// A sheet with its fixes applied.
pub struct Fixed {
    pub text: String,
    pub analysis: Analysis,
    /// How many fixes of each rule were applied, by rule code.
    pub applied: std::collections::BTreeMap<&'static str, usize>,
}

/// Applies every fix `analysis` offers, re-linting after each pass until none is left (fixes
/// can overlap, so a few passes reach the fixed point).
pub fn fix_all(
    text: &str,
    mut analysis: Analysis,
    env: &Env,
    settings: &rules::RuleSettings,
) -> Fixed {
    let mut text = text.to_string();
    let mut counts = std::collections::BTreeMap::new();
    for _ in 0..FIX_PASSES {
        let fixes: Vec<_> = analysis
            .diagnostics
            .iter()
            .filter_map(|d| Some((d.code, d.fix.as_ref()?)))
            .collect();
        if fixes.is_empty() {
            break;
        }
        let (new_text, applied) = diagnostic::apply_fixes(&text, fixes.iter().map(|f| f.1));
        if applied.is_empty() || new_text == text {
            break;
        }
        for i in applied {
            *counts.entry(fixes[i].0).or_insert(0) += 1;
        }
        text = new_text;
        let sheet = syntax::sheet::parse(&text, &env.schema);
        analysis = analyze_parsed(&text, sheet, analysis.treaties, env, settings);
    }
    Fixed {
        text,
        analysis,
        applied: counts,
    }
}
