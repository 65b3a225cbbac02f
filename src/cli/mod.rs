//! The command line: paths and flags in, rendered diagnostics out.

mod diff;
mod export;
mod output;

use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::model::config::Config;
use crate::model::evidence::Evidence;
use crate::model::release::Release;
use crate::model::schema::Schema;
use crate::model::workspace::{self, ReadError};
use crate::rules::{self, RuleSettings};
use crate::{Analysis, Env, TreatyText, analyze_parsed, fix_all, read_treaties};
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

pub use diff::DiffArgs;
pub use export::ExportArgs;
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
    /// Write the dataset variables each sheet's answers determine, one row per sheet.
    Export(ExportArgs),
    /// Compare two coders' sheets for the same alliance, question by question.
    Diff(DiffArgs),
    /// Write a new coding sheet for a treaty: every question, the answers the treaty settles
    /// drafted (marked [draft], quoting their articles), the rest left for the coder.
    Draft {
        /// The treaty's texts (one or more languages of the same treaty).
        #[arg(required = true)]
        treaties: Vec<PathBuf>,
        /// The ATOP ID to write as the answer to Q1.
        #[arg(long, value_name = "N")]
        atop_id: Option<u64>,
        /// Write the sheet to this file instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write the text of a coding sheet published as PDF or written in Word (DOCX), without its
    /// page headers, footers and numbers; nothing else is changed.
    Import {
        /// The PDF or DOCX document.
        file: PathBuf,
        /// Write the text to this file instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Run the language server on stdin/stdout.
    Lsp {
        /// Accepted for clients that add it (vscode-languageclient's TransportKind.stdio);
        /// stdin/stdout is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// List the rules.
    Rules {
        /// Print every rule's documentation as Markdown (what docs/rules.md holds).
        #[arg(long)]
        markdown: bool,
    },
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
    /// A file of an ATOP release (alliance- or member-level CSV) to compare each sheet with;
    /// give both files by repeating the option.
    #[arg(long = "dataset", value_name = "FILE.csv")]
    pub datasets: Vec<PathBuf>,
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
        Command::Export(args) => export::run(&args, &mut std::io::stdout().lock()),
        Command::Diff(args) => diff::run(&args, &mut std::io::stdout().lock()),
        Command::Draft {
            treaties,
            atop_id,
            output,
        } => draft(&treaties, atop_id, output.as_deref()),
        Command::Import { file, output } => import(&file, output.as_deref()),
        Command::Lsp { .. } => crate::lsp::run_stdio(),
        Command::Rules { markdown } => {
            if markdown {
                print!("{}", rules_markdown());
            } else {
                println!("{}", rules_table());
            }
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

/// `atop-lint draft`: a sheet drafted from the treaties, to stdout or to `output`.
fn draft(paths: &[PathBuf], atop_id: Option<u64>, output: Option<&Path>) -> ExitCode {
    let mut texts = Vec::new();
    for path in paths {
        match read_sheet(path) {
            Ok(text) => texts.push(TreatyText {
                text,
                lang: workspace::lang_from_name(path),
            }),
            Err(Failure(e)) => {
                eprintln!("atop-lint: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let env = Env::default();
    let treaties = read_treaties(texts, &env);
    let evidence = Evidence::gather(&treaties, env.langs, env.cow, env.topics);
    let reading = crate::coding::draft::Reading {
        treaties: &treaties,
        evidence: &evidence,
        env: &env,
    };
    write_output(&reading.sheet(atop_id), output)
}

/// `atop-lint import`: the document's text to stdout or, atomically, to `output`.
fn import(file: &Path, output: Option<&Path>) -> ExitCode {
    // A reader that panics on a broken document is reported as an error; its panic message and
    // backtrace would only be noise.
    std::panic::set_hook(Box::new(|_| {}));
    let text = std::fs::read(file)
        .map_err(|e| e.to_string())
        .and_then(|bytes| crate::import::import(&bytes).map_err(|e| e.to_string()));
    drop(std::panic::take_hook());
    match text {
        Ok(text) => write_output(&text, output),
        Err(e) => {
            eprintln!("atop-lint: {}: {e}", file.display());
            ExitCode::from(2)
        }
    }
}

/// Writes a command's text to stdout, or atomically to a file.
fn write_output(text: &str, output: Option<&Path>) -> ExitCode {
    let written = match output {
        None => std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes()),
        Some(path) => write_atomically(path, text),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("atop-lint: cannot write output: {e}");
            ExitCode::from(2)
        }
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
    format!("# {}\n\n{}", r.code, rule_body(r))
}

/// A rule's documentation under its heading: summary, defaults, the doc text.
fn rule_body(r: &rules::Rule) -> String {
    format!(
        "{}\n\nDefault severity: {}. Fixable: {}.\n\n{}",
        r.summary,
        r.severity,
        if r.fixable { "yes" } else { "no" },
        r.doc
    )
}

/// docs/rules.md: one section per rule, anchored by its code (what the language server's
/// diagnostics link to).
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\nEvery rule of atop-lint, from the rule registry. Generated by \
         `atop-lint rules --markdown > docs/rules.md`; do not edit by hand.\n",
    );
    for r in rules::ALL {
        out.push_str(&format!("\n## {}\n\n{}\n", r.code, rule_body(r)));
    }
    out
}

/// What the output needs of one linted sheet. The parse trees are dropped by the worker that
/// built them, and texts no diagnostic points into are not kept: a run over ten thousand sheets
/// holds their diagnostics, not their trees.
pub struct FileReport {
    pub path: PathBuf,
    /// The sheet's text if it has diagnostics (their positions are read from it), else empty.
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The treaties the analysis used, in its order.
    pub treaties: Vec<TreatyFile>,
}

/// A treaty a report's analysis used.
pub struct TreatyFile {
    pub path: PathBuf,
    /// Its text, if a diagnostic points into it.
    pub text: Option<String>,
}

impl FileReport {
    fn new(path: &Path, text: String, analysis: Analysis, treaty_paths: Vec<PathBuf>) -> Self {
        let Analysis {
            diagnostics,
            treaties,
            ..
        } = analysis;
        let pointed_into = |i: usize| {
            diagnostics.iter().any(|d| {
                d.related
                    .iter()
                    .any(|r| matches!(r.location, Location::Treaty(t, _) if t == i))
            })
        };
        let mut texts = treaties.into_iter().map(|t| t.text);
        let treaties = treaty_paths
            .into_iter()
            .enumerate()
            .map(|(i, path)| TreatyFile {
                path,
                text: texts.next().filter(|_| pointed_into(i)),
            })
            .collect();
        FileReport {
            path: path.to_path_buf(),
            text: if diagnostics.is_empty() {
                String::new()
            } else {
                text
            },
            diagnostics,
            treaties,
        }
    }
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
    let mut out = std::io::BufWriter::new(out);
    if let Err(e) =
        output::write(format, &reports, &mut out).and_then(|()| std::io::Write::flush(&mut out))
    {
        eprintln!("atop-lint: cannot write output: {e}");
        return ExitCode::from(2);
    }
    if !failures.is_empty() {
        return ExitCode::from(2);
    }
    let worst = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(|d| d.severity))
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

/// What was loaded from a file (or files), or why it could not be.
type Cache<K, V> = Mutex<BTreeMap<K, Result<Arc<V>, String>>>;

/// The entry for `key`, loaded by `load` the first time.
fn cached<K: Ord, V>(
    cache: &Cache<K, V>,
    key: K,
    load: impl FnOnce() -> Result<V, String>,
) -> Result<Arc<V>, String> {
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(key)
        .or_insert_with(|| load().map(Arc::new))
        .clone()
}

/// Loads configs once per folder, schemas and dataset releases once per distinct file, and
/// lists treaty folders once.
#[derive(Default)]
struct Loader {
    configs: Cache<PathBuf, Config>,
    schemas: Cache<PathBuf, Schema>,
    releases: Cache<Vec<PathBuf>, Release>,
    treaties: workspace::TreatyIndex,
}

/// What the command line says in place of the configuration.
#[derive(Default)]
struct Overrides {
    schema: Option<Arc<Schema>>,
    dataset: Option<Arc<Release>>,
}

impl Overrides {
    /// Loads the schema and dataset files named on the command line.
    fn load(
        loader: &Loader,
        schema: Option<&Path>,
        datasets: &[PathBuf],
    ) -> Result<Overrides, Failure> {
        Ok(Overrides {
            schema: schema
                .map(|p| loader.schema(p))
                .transpose()
                .map_err(Failure)?,
            dataset: (!datasets.is_empty())
                .then(|| loader.release(datasets))
                .transpose()
                .map_err(Failure)?,
        })
    }
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
        // Found once per folder, as written: its sheets share it (and a run over many sheets
        // does not look for `atop.toml` up the tree again for each).
        cached(&self.configs, dir.to_path_buf(), || {
            let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
            Config::discover(&dir).map_err(|e| e.to_string())
        })
    }

    /// The configuration and the analysis environment of a sheet.
    fn env_for(&self, sheet: &Path, cli: &Overrides) -> Result<(Arc<Config>, Env), Failure> {
        let config = self.config_for(sheet).map_err(Failure)?;
        let schema = match (&cli.schema, &config.schema) {
            (Some(s), _) => s.clone(),
            (None, Some(p)) => self.schema(p).map_err(Failure)?,
            (None, None) => Schema::builtin(),
        };
        let dataset = match &cli.dataset {
            Some(d) => Some(d.clone()),
            None if config.datasets.is_empty() => None,
            None => Some(self.release(&config.datasets).map_err(Failure)?),
        };
        let env = Env {
            schema,
            dataset,
            ..Env::default()
        };
        Ok((config, env))
    }

    fn release(&self, paths: &[PathBuf]) -> Result<Arc<Release>, String> {
        cached(&self.releases, paths.to_vec(), || {
            workspace::read_release(paths)
        })
    }

    fn schema(&self, path: &Path) -> Result<Arc<Schema>, String> {
        cached(&self.schemas, path.to_path_buf(), || {
            workspace::read_schema(path)
        })
    }
}

/// Lints every sheet `args` names, in parallel, and returns reports in input order.
pub fn run_check(args: &CheckArgs) -> (Vec<FileReport>, Vec<Failure>) {
    // The built-in data (schema, COW list, language files) is read while the folders are
    // walked, rather than by the first sheet while the other workers wait for it.
    let ((sheets, mut failures), _) = rayon::join(|| collect_sheets(&args.paths), Env::default);
    let loader = Loader::default();
    let cli = match Overrides::load(&loader, args.schema.as_deref(), &args.datasets) {
        Ok(o) => o,
        Err(f) => {
            failures.push(f);
            return (Vec::new(), failures);
        }
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
            let (config, env) = loader.env_for(path, &cli)?;
            let treaties = match explicit_treaties.as_deref() {
                Some(given) => Treaties::Given(given),
                None => Treaties::Found(&loader.treaties),
            };
            lint_file(path, &env, &config, treaties, args.fix)
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

/// Where a sheet's treaties come from: `--treaty` files, or found by the sheet's ATOP ID.
enum Treaties<'a> {
    Given(&'a [(PathBuf, TreatyText)]),
    Found(&'a workspace::TreatyIndex),
}

fn lint_file(
    path: &Path,
    env: &Env,
    config: &Config,
    treaties: Treaties,
    fix: bool,
) -> Result<FileReport, Failure> {
    let text = read_sheet(path)?;
    // Parsed once: the ATOP ID that finds the treaties comes from the tree the rules read.
    let sheet = crate::syntax::sheet::parse(&text, &env.schema);
    let (treaty_paths, treaties): (Vec<PathBuf>, Vec<TreatyText>) = match treaties {
        Treaties::Given(given) => given.iter().cloned().unzip(),
        Treaties::Found(index) => {
            let mut paths = Vec::new();
            let mut texts = Vec::new();
            if let Some(id) = workspace::sheet_atop_id(&sheet, &text, &env.schema) {
                let dirs = workspace::treaty_dirs(path, &config.treaty_dirs);
                for (p, lang) in index.find(&id, &dirs) {
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
    let mut analysis = analyze_parsed(&text, sheet, read_treaties(treaties, env), env, settings);
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
    Ok(FileReport::new(path, text, analysis, treaty_paths))
}

/// Reads a sheet or a treaty, with an error that names it.
fn read_sheet(path: &Path) -> Result<String, Failure> {
    workspace::read_text(path).map_err(|e| match e {
        ReadError::Io(io) => Failure(format!("{}: cannot read: {io}", path.display())),
        other => Failure(format!("{}: {other}", path.display())),
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

#[cfg(test)]
mod tests {
    #[test]
    fn docs_rules_md_is_up_to_date() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
        let on_disk = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            on_disk == super::rules_markdown(),
            "docs/rules.md is out of date with the rule registry: run \
             `cargo run -- rules --markdown > docs/rules.md`"
        );
    }
}
