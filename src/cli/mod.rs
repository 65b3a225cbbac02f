//! The command line: paths and flags in, rendered diagnostics out.

mod output;

use crate::diagnostic::Severity;
use crate::model::config::Config;
use crate::model::schema::Schema;
use crate::model::workspace::{self, ReadError};
use crate::rules::{self, RuleSettings};
use crate::{Analysis, Env, TreatyText, analyze, fix_all};
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

pub use output::Format;

#[derive(Parser, Debug)]
#[command(
    name = "atop-lint",
    version,
    about = "Linter and language server for ATOP coding sheets"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint coding sheets (files, or folders walked for *.codesheet.txt and *.codesheet).
    Check(CheckArgs),
    /// Run the language server on stdin/stdout.
    Lsp,
    /// List the rules.
    Rules,
    /// Print one rule's documentation.
    Rule {
        /// The rule's code, e.g. citation-style.
        code: String,
    },
}

#[derive(clap::Args, Debug, Default)]
pub struct CheckArgs {
    /// Sheets or folders; the current folder when none is given.
    pub paths: Vec<PathBuf>,
    /// Treaty text to check the sheets against, instead of finding them by ATOP ID (repeatable).
    #[arg(long = "treaty", value_name = "PATH")]
    pub treaties: Vec<PathBuf>,
    /// Questionnaire schema (JSON) to use instead of the built-in ATOP 4.0 sheet.
    #[arg(long, value_name = "PATH")]
    pub schema: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Apply the safe fixes, writing each file atomically.
    #[arg(long)]
    pub fix: bool,
    /// Exit with 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    #[default]
    Human,
    Json,
    Github,
    Sarif,
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Check(args) => check(&args, &mut std::io::stdout().lock()),
        Command::Lsp => crate::lsp::run_stdio(),
        Command::Rules => {
            println!("{}", rules_table());
            ExitCode::SUCCESS
        }
        Command::Rule { code } => match rules::find(&code) {
            Some(r) => {
                println!("{}", rule_doc(r));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("atop-lint: no rule `{code}` (see `atop-lint rules`)");
                ExitCode::from(2)
            }
        },
    }
}

/// The list printed by `atop-lint rules`.
pub fn rules_table() -> String {
    let width = rules::ALL.iter().map(|r| r.code.len()).max().unwrap_or(0);
    rules::ALL
        .iter()
        .map(|r| {
            format!(
                "{:width$}  {:7}  {}  {}",
                r.code,
                r.severity.to_string(),
                if r.fixable { "fix" } else { "   " },
                r.summary
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The page printed by `atop-lint rule CODE`.
pub fn rule_doc(r: &rules::Rule) -> String {
    format!(
        "# {}\n\n{}\n\nDefault severity: {}. Fixable: {}.\n\n{}",
        r.code,
        r.summary,
        r.severity,
        if r.fixable { "yes" } else { "no" },
        r.doc
    )
}

/// One file's outcome.
pub struct FileReport {
    pub path: PathBuf,
    pub text: String,
    pub analysis: Analysis,
    /// Paths of the treaty texts the analysis used, in its order.
    pub treaty_paths: Vec<PathBuf>,
}

/// What went wrong before linting could start, or with one file.
#[derive(Debug)]
pub struct Failure(pub String);

/// Lints everything `args` names and writes the output to `out`. Errors go to stderr.
pub fn check(args: &CheckArgs, out: &mut dyn std::io::Write) -> ExitCode {
    let (reports, failures) = run_check(args);
    for f in &failures {
        eprintln!("atop-lint: {}", f.0);
    }
    let format = output::Format::from_args(args.format);
    if let Err(e) = output::write(format, &reports, out) {
        eprintln!("atop-lint: cannot write output: {e}");
        return ExitCode::from(2);
    }
    if !failures.is_empty() {
        return ExitCode::from(2);
    }
    let worst = reports
        .iter()
        .flat_map(|r| r.analysis.diagnostics.iter().map(|d| d.severity))
        .min();
    match worst {
        Some(Severity::Error) => ExitCode::from(1),
        Some(Severity::Warning) if args.deny_warnings => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}

/// Collects the sheets to lint: explicit files as given, folders walked (honouring .gitignore).
pub fn collect_sheets(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Failure>) {
    let mut sheets = Vec::new();
    let mut failures = Vec::new();
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    for p in paths {
        if p.is_file() {
            sheets.push(p.clone());
        } else if p.is_dir() {
            let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(p)
                .require_git(false)
                .build()
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
                .map(|e| e.into_path())
                .filter(|p| workspace::is_sheet(p))
                .collect();
            found.sort();
            if found.is_empty() {
                failures.push(Failure(format!(
                    "{}: no coding sheets here (looked for *{} and *{})",
                    p.display(),
                    workspace::SHEET_SUFFIXES[0],
                    workspace::SHEET_SUFFIXES[1]
                )));
            }
            sheets.extend(found);
        } else {
            failures.push(Failure(format!("{}: no such file or folder", p.display())));
        }
    }
    (sheets, failures)
}

/// Loads configs and schemas once per distinct file.
#[derive(Default)]
struct Loader {
    configs: Mutex<BTreeMap<PathBuf, Result<Arc<Config>, String>>>,
    schemas: Mutex<BTreeMap<PathBuf, Result<Arc<Schema>, String>>>,
}

impl Loader {
    fn config_for(&self, sheet: &Path) -> Result<Arc<Config>, String> {
        let dir = sheet
            .parent()
            .map(|d| {
                if d.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    d
                }
            })
            .unwrap_or(Path::new("."));
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        let key = crate::model::config::find(&dir).unwrap_or_default();
        let mut cache = self.configs.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(key)
            .or_insert_with(|| {
                Config::discover(&dir)
                    .map(Arc::new)
                    .map_err(|e| e.to_string())
            })
            .clone()
    }

    fn schema(&self, path: &Path) -> Result<Arc<Schema>, String> {
        let mut cache = self.schemas.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(path.to_path_buf())
            .or_insert_with(|| workspace::read_schema(path).map(Arc::new))
            .clone()
    }
}

/// Lints every sheet `args` names, in parallel, and returns reports in input order.
pub fn run_check(args: &CheckArgs) -> (Vec<FileReport>, Vec<Failure>) {
    let (sheets, mut failures) = collect_sheets(&args.paths);
    let loader = Loader::default();
    let cli_schema = match &args.schema {
        Some(p) => match loader.schema(p) {
            Ok(s) => Some(s),
            Err(e) => {
                failures.push(Failure(e));
                return (Vec::new(), failures);
            }
        },
        None => None,
    };
    let explicit_treaties: Option<Vec<(PathBuf, TreatyText)>> = if args.treaties.is_empty() {
        None
    } else {
        let mut v = Vec::new();
        for p in &args.treaties {
            match workspace::read_text(p) {
                Ok(text) => v.push((
                    p.clone(),
                    TreatyText {
                        text,
                        lang: workspace::lang_from_name(p),
                    },
                )),
                Err(e) => failures.push(Failure(format!("{}: {e}", p.display()))),
            }
        }
        if !failures.is_empty() {
            return (Vec::new(), failures);
        }
        Some(v)
    };
    let results: Vec<Result<FileReport, Failure>> = sheets
        .par_iter()
        .map(|path| {
            let config = loader.config_for(path).map_err(Failure)?;
            let schema = match (&cli_schema, &config.schema) {
                (Some(s), _) => s.clone(),
                (None, Some(p)) => loader.schema(p).map_err(Failure)?,
                (None, None) => Schema::builtin(),
            };
            let env = Env {
                schema,
                ..Env::default()
            };
            lint_file(path, &env, &config, explicit_treaties.as_deref(), args.fix)
        })
        .collect();
    let mut reports = Vec::new();
    for r in results {
        match r {
            Ok(rep) => reports.push(rep),
            Err(f) => failures.push(f),
        }
    }
    (reports, failures)
}

fn lint_file(
    path: &Path,
    env: &Env,
    config: &Config,
    explicit: Option<&[(PathBuf, TreatyText)]>,
    fix: bool,
) -> Result<FileReport, Failure> {
    let text = workspace::read_text(path).map_err(|e| match e {
        ReadError::Io(io) => Failure(format!("{}: cannot read: {io}", path.display())),
        other => Failure(format!("{}: {other}", path.display())),
    })?;
    let (treaty_paths, treaties): (Vec<PathBuf>, Vec<TreatyText>) = match explicit {
        Some(list) => list.iter().cloned().unzip(),
        None => {
            let mut paths = Vec::new();
            let mut texts = Vec::new();
            if let Some(id) = workspace::atop_id(&text, &env.schema) {
                let dirs = workspace::treaty_dirs(path, &config.treaty_dirs);
                for (p, lang) in workspace::find_treaties(&id, &dirs) {
                    let t = workspace::read_text(&p)
                        .map_err(|e| Failure(format!("{}: {e}", p.display())))?;
                    paths.push(p);
                    texts.push(TreatyText { text: t, lang });
                }
            }
            (paths, texts)
        }
    };
    let settings: &RuleSettings = &config.rules;
    let mut analysis = analyze(&text, treaties, env, settings);
    let mut text = text;
    if fix {
        let (fixed, fixed_analysis) = fix_all(&text, analysis, env, settings);
        analysis = fixed_analysis;
        if fixed != text {
            write_atomically(path, &fixed).map_err(|e| {
                Failure(format!(
                    "{}: cannot write the fixed file: {e}",
                    path.display()
                ))
            })?;
            text = fixed;
        }
    }
    Ok(FileReport {
        path: path.to_path_buf(),
        text,
        analysis,
        treaty_paths,
    })
}

/// Writes `text` to `path` through a temporary file in the same folder, keeping permissions.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
