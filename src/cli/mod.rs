//! The command line: paths and flags in, rendered diagnostics out.

mod diff;
mod export;
mod fix;
mod output;

use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::model::boundary::{self, Boundary};
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

#[derive(clap::Args, Debug)]
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
    /// Apply the safe fixes, writing each file in place through a checked temporary copy.
    #[arg(long)]
    pub fix: bool,
    /// Exit with 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// List each path the folder walk skipped (hidden, ignored, unreadable, not UTF-8) rather
    /// than count them.
    #[arg(long)]
    pub list_skipped: bool,
    /// The largest file read, in bytes (sheets, treaties, schemas, dataset files).
    #[arg(long, value_name = "BYTES", env = "ATOP_LINT_MAX_FILE_SIZE",
          default_value_t = workspace::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
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

/// Writes a new output file (`-o`) through a temporary file renamed over it, so a reader never
/// sees half of it.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
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
    /// Under `--fix`: how many fixes of each rule were applied.
    pub fixed: BTreeMap<&'static str, usize>,
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
            fixed: BTreeMap::new(),
        }
    }

    /// "Fixed 3 problems in a.codesheet.txt (citation-style 2, numbering-typo 1)", if any.
    fn fixed_line(&self) -> Option<String> {
        let n: usize = self.fixed.values().sum();
        let rules: Vec<String> = self.fixed.iter().map(|(c, k)| format!("{c} {k}")).collect();
        (n > 0).then(|| {
            format!(
                "Fixed {n} {} in {} ({})",
                plural(n, "problem"),
                self.path.display(),
                rules.join(", ")
            )
        })
    }
}

/// What went wrong before linting could start, or with one file.
#[derive(Debug)]
pub struct Failure(pub String);

/// Sheets linted at once: the output is written chunk after chunk, so memory holds the
/// reports of two chunks (one written, one linted), not of the run.
const CHUNK: usize = 256;

/// The smallest chunk: below it, the workers would wait for each other at every chunk's end.
const LAST_CHUNK: usize = 16;

/// `sheets` in chunks of [`CHUNK`], halving towards the end: the last chunk's output is written
/// while no sheet is left to lint, so it is kept small.
fn chunks(sheets: &[PathBuf]) -> impl Iterator<Item = &[PathBuf]> {
    let mut rest = sheets;
    std::iter::from_fn(move || {
        let size = (rest.len() / 2).clamp(LAST_CHUNK, CHUNK).min(rest.len());
        let (chunk, after) = rest.split_at(size);
        rest = after;
        (!chunk.is_empty()).then_some(chunk)
    })
}

/// Lints everything `args` names and writes the output to `out` as it goes. Errors go to
/// stderr.
pub fn check(args: &CheckArgs, out: &mut dyn std::io::Write) -> ExitCode {
    workspace::set_max_file_size(args.max_file_size);
    if args.fix {
        fix::clean_up_on_signals();
    }
    let failed = std::cell::Cell::new(false);
    let fail = |f: Failure| {
        eprintln!("atop-lint: {}", f.0);
        failed.set(true);
    };
    let run = match CheckRun::prepare(args) {
        Ok((run, failures)) => {
            failures.into_iter().for_each(fail);
            run
        }
        Err(failures) => {
            failures.into_iter().for_each(fail);
            CheckRun::default()
        }
    };
    let worst = std::cell::Cell::new(None::<Severity>);
    let format = output::Format::from_args(args.format);
    let mut out = std::io::BufWriter::new(out);
    // The next chunk is linted while this one is written: the output is written by one thread,
    // and the workers would wait for it.
    let written = std::thread::scope(|scope| {
        let (sender, linted) = std::sync::mpsc::sync_channel(0);
        let run = &run;
        scope.spawn(move || {
            for chunk in chunks(&run.sheets) {
                let reports = run.lint(chunk, args.fix);
                // The sheets come in path order: the next chunk's folders are mostly new ones.
                run.loader.forget_folders();
                // An error stops the writing and drops the receiver: no more to lint.
                if sender.send(reports).is_err() {
                    break;
                }
            }
        });
        let mut reports = linted.into_iter().flatten().filter_map(|r| match r {
            Ok(report) => {
                if let Some(line) = report.fixed_line() {
                    eprintln!("{line}");
                }
                let here = report.diagnostics.iter().map(|d| d.severity).min();
                worst.set(worst.get().into_iter().chain(here).min());
                Some(report)
            }
            Err(f) => {
                fail(f);
                None
            }
        });
        output::write(format, &mut reports, &|| !failed.get(), &mut out)
            .and_then(|()| std::io::Write::flush(&mut out))
    });
    run.loader.print_warnings();
    if let Err(e) = written {
        eprintln!("atop-lint: cannot write output: {e}");
        return ExitCode::from(2);
    }
    if failed.get() {
        return ExitCode::from(2);
    }
    match worst.get() {
        Some(Severity::Error) => ExitCode::from(1),
        Some(Severity::Warning) if args.deny_warnings => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}

/// The sheets a run lints, what could not be, and what the walk left out.
#[derive(Default)]
pub struct Collected {
    pub sheets: Vec<PathBuf>,
    pub failures: Vec<Failure>,
    /// Paths the walk did not go into or lint, each with why.
    pub skipped: Vec<(PathBuf, &'static str)>,
}

impl Collected {
    /// Says on stderr what was skipped: a count, or each path with `list`.
    pub fn report_skipped(&self, list: bool) {
        if list {
            for (p, why) in &self.skipped {
                eprintln!("atop-lint: skipped {}: {why}", p.display());
            }
        } else if !self.skipped.is_empty() {
            let n = self.skipped.len();
            eprintln!(
                "atop-lint: skipped {n} {} (hidden, ignored, unreadable or not UTF-8); \
                 --list-skipped lists them",
                plural(n, "path")
            );
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// Collects the sheets to lint: explicit files as given, folders walked (honouring .gitignore
/// and .ignore, leaving out hidden files); each sheet once.
pub fn collect_sheets(paths: &[PathBuf]) -> Collected {
    let mut c = Collected::default();
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    for p in paths {
        if p.is_file() {
            c.sheets.push(p.clone());
        } else if let Some(what) = std::fs::metadata(p)
            .ok()
            .filter(|m| !m.is_dir())
            .map(|m| workspace::file_kind(&m))
        {
            c.failures.push(Failure(format!(
                "{}: {}",
                p.display(),
                ReadError::NotRegular(what)
            )));
        } else if p.is_dir() {
            let (mut found, skipped) = walk(p);
            found.sort();
            if found.is_empty() {
                c.failures.push(Failure(format!(
                    "{}: no coding sheets here (looked for *{} and *{})",
                    p.display(),
                    workspace::SHEET_SUFFIXES[0],
                    workspace::SHEET_SUFFIXES[1]
                )));
            }
            c.sheets.extend(found);
            c.skipped.extend(skipped);
        } else {
            c.failures
                .push(Failure(format!("{}: no such file or folder", p.display())));
        }
    }
    // Paths named more than once, or a folder and a sheet in it: each sheet is linted once.
    if paths.len() > 1 {
        let mut seen = std::collections::HashSet::new();
        c.sheets
            .retain(|p| seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())));
    }
    c
}

/// The sheets under `dir`, and what the walk left out: folders it could not read or did not
/// go into (hidden, ignored), files with a sheet's name it left out, names not in UTF-8.
fn walk(dir: &Path) -> (Vec<PathBuf>, Vec<(PathBuf, &'static str)>) {
    let mut sheets = Vec::new();
    let mut skipped = Vec::new();
    let mut visited = std::collections::HashSet::new();
    for entry in ignore::WalkBuilder::new(dir).require_git(false).build() {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_dir()) => {
                visited.insert(e.into_path());
            }
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                let p = e.into_path();
                if workspace::is_sheet(&p) {
                    sheets.push(p);
                }
            }
            Ok(_) => {}
            Err(e) => skipped.extend(walk_error_path(&e).map(|p| (p, "cannot be read"))),
        }
    }
    // Again without the filters, not going into what the first walk did not: what it left.
    let found: std::collections::HashSet<&PathBuf> = sheets.iter().collect();
    let mut it = walkdir::WalkDir::new(dir).into_iter();
    while let Some(Ok(e)) = it.next() {
        let name = e.file_name();
        if name == ".git" {
            if e.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        let is_dir = e.file_type().is_dir();
        if name.to_str().is_none() {
            skipped.push((e.path().to_path_buf(), "its name is not UTF-8"));
        } else if is_dir && !visited.contains(e.path()) {
            skipped.push((e.path().to_path_buf(), "a hidden or ignored folder"));
        } else if !is_dir
            && workspace::is_sheet(e.path())
            && !found.contains(&e.path().to_path_buf())
        {
            skipped.push((e.path().to_path_buf(), "a hidden or ignored file"));
        } else {
            continue;
        }
        if is_dir {
            it.skip_current_dir();
        }
    }
    skipped.sort();
    skipped.dedup();
    (sheets, skipped)
}

/// The path a walk error is about.
fn walk_error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        _ => None,
    }
}

/// What was loaded from a file (or files), or why it could not be.
type Cache<K, V> = Mutex<BTreeMap<K, Result<Arc<V>, String>>>;

/// The entry for `key`, loaded by `load` the first time.
fn cached<K: Ord, V>(
    cache: &Cache<K, V>,
    key: K,
    load: impl FnOnce() -> Result<V, String>,
) -> Result<Arc<V>, String> {
    workspace::load_once(cache, key, || load().map(Arc::new))
}

/// Loads configs once per folder, schemas and dataset releases once per distinct file, and
/// lists treaty folders once.
#[derive(Default)]
struct Loader {
    folders: Cache<PathBuf, Folder>,
    schemas: Cache<PathBuf, Schema>,
    releases: Cache<Vec<PathBuf>, Release>,
    treaties: workspace::TreatyIndex,
    /// What the user named or allowed: the folders of the paths on the command line and the
    /// folders of their configuration file.
    boundary: Boundary,
    /// Paths refused or missing, each said once.
    warnings: Mutex<std::collections::BTreeSet<String>>,
}

/// What the sheets of one folder share: their configuration (the paths outside the boundary
/// taken out), the boundary and the folders their treaties are looked for in.
struct Folder {
    config: Config,
    boundary: Boundary,
    /// The folders of `workspace::treaty_dirs`, for a sheet in this folder.
    treaty_dirs: Vec<PathBuf>,
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
    /// A loader for a run over `paths`, inside the boundary they and the user's configuration
    /// file draw; the failure to read that file, if any.
    fn for_paths(paths: &[PathBuf]) -> (Loader, Option<Failure>) {
        let (boundary, failure) = user_boundary(paths);
        let loader = Loader {
            boundary,
            ..Loader::default()
        };
        (loader, failure)
    }

    /// Prints the warnings given so far on stderr, each once, in order.
    fn print_warnings(&self) {
        let warnings = self.warnings.lock().unwrap_or_else(|e| e.into_inner());
        for w in warnings.iter() {
            eprintln!("atop-lint: warning: {w}");
        }
    }

    fn warn(&self, warning: String) {
        self.warnings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(warning);
    }

    fn folder_for(&self, sheet: &Path) -> Result<Arc<Folder>, String> {
        let dir = workspace::sheet_folder(sheet);
        // Found once per folder, as written: its sheets share it (and a run over many sheets
        // does not look for `atop.toml` up the tree again for each).
        cached(&self.folders, dir.to_path_buf(), || {
            let real = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
            let mut config = Config::discover(&real).map_err(|e| e.to_string())?;
            let boundary = boundary::for_sheet(&self.boundary, dir, &config);
            for w in boundary::confine(&mut config, &boundary) {
                self.warn(w);
            }
            let treaty_dirs = workspace::treaty_dirs(sheet, &config.treaty_dirs, &boundary);
            Ok(Folder {
                config,
                boundary,
                treaty_dirs,
            })
        })
    }

    /// Forgets the folders read so far (their configuration and treaty listings), so that
    /// memory does not grow with the number of folders a run lints. Each warning is kept, and
    /// said once.
    fn forget_folders(&self) {
        self.folders
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.treaties.forget();
    }

    /// The folder and the analysis environment of a sheet.
    fn env_for(&self, sheet: &Path, cli: &Overrides) -> Result<(Arc<Folder>, Env), Failure> {
        let folder = self.folder_for(sheet).map_err(Failure)?;
        let config = &folder.config;
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
        Ok((folder, env))
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

/// What the user named: the folders on the command line (a file's folder), the current
/// folder when none is named, and the folders their configuration file allows.
fn user_boundary(paths: &[PathBuf]) -> (Boundary, Option<Failure>) {
    let named = paths.iter().map(|p| {
        if p.is_dir() {
            p.as_path()
        } else {
            workspace::sheet_folder(p)
        }
    });
    let mut b = if paths.is_empty() {
        Boundary::new([Path::new(".")])
    } else {
        Boundary::new(named)
    };
    match boundary::user_allowed() {
        Ok(allowed) => {
            b.extend(allowed);
            (b, None)
        }
        Err(e) => (b, Some(Failure(e))),
    }
}

/// A check ready to lint: the sheets, what the command line gives in place of configuration,
/// and the loader that reads the rest once.
#[derive(Default)]
struct CheckRun {
    sheets: Vec<PathBuf>,
    loader: Loader,
    cli: Overrides,
    /// The `--treaty` files, when given.
    treaties: Option<Vec<(PathBuf, TreatyText)>>,
}

impl CheckRun {
    /// Finds the sheets and loads what the command line names; `Err` when nothing can be
    /// linted, else the failures found on the way (a path that does not exist).
    fn prepare(args: &CheckArgs) -> Result<(CheckRun, Vec<Failure>), Vec<Failure>> {
        // The built-in data (schema, COW list, language files) is read, and the sheet's and
        // the periods' patterns are compiled, while the folders are walked, rather than by the
        // first sheet while the other workers wait for them.
        let walk_and_compile = || {
            let collected = collect_sheets(&args.paths);
            rayon::join(
                crate::syntax::sheet::compile_patterns,
                crate::coding::answers::compile_patterns,
            );
            collected
        };
        let (collected, _) = rayon::join(walk_and_compile, Env::default);
        collected.report_skipped(args.list_skipped);
        let Collected {
            sheets,
            mut failures,
            ..
        } = collected;
        let (loader, user_config_failure) = Loader::for_paths(&args.paths);
        failures.extend(user_config_failure);
        let cli = match Overrides::load(&loader, args.schema.as_deref(), &args.datasets) {
            Ok(o) => o,
            Err(f) => {
                failures.push(f);
                return Err(failures);
            }
        };
        let mut treaties = Vec::new();
        for p in &args.treaties {
            match workspace::read_text(p) {
                Ok(text) => treaties.push((
                    p.clone(),
                    TreatyText {
                        text,
                        lang: workspace::lang_from_name(p),
                    },
                )),
                Err(e) => failures.push(Failure(format!("{}: {e}", p.display()))),
            }
        }
        if treaties.len() < args.treaties.len() {
            return Err(failures);
        }
        let run = CheckRun {
            sheets,
            loader,
            cli,
            treaties: (!args.treaties.is_empty()).then_some(treaties),
        };
        Ok((run, failures))
    }

    /// Lints `sheets` in parallel; the reports in their order.
    fn lint(&self, sheets: &[PathBuf], fix: bool) -> Vec<Result<FileReport, Failure>> {
        sheets
            .par_iter()
            .map(|path| {
                let (folder, env) = self.loader.env_for(path, &self.cli)?;
                let treaties = match self.treaties.as_deref() {
                    Some(given) => Treaties::Given(given),
                    None => Treaties::Found(&self.loader, &folder),
                };
                lint_file(path, &env, &folder.config, treaties, fix)
            })
            .collect()
    }
}

/// Where a sheet's treaties come from: `--treaty` files, or found by the sheet's ATOP ID.
enum Treaties<'a> {
    Given(&'a [(PathBuf, TreatyText)]),
    Found(&'a Loader, &'a Folder),
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
        Treaties::Found(loader, folder) => found_treaties(&sheet, &text, env, loader, folder)?,
    };
    let settings: &RuleSettings = &config.rules;
    let mut analysis = analyze_parsed(&text, sheet, read_treaties(treaties, env), env, settings);
    let mut text = text;
    let mut applied = BTreeMap::new();
    if fix {
        let fixed = fix_all(&text, analysis, env, settings);
        analysis = fixed.analysis;
        if fixed.text != text {
            fix::write_in_place(path, &fixed.text)
                .map_err(|e| Failure(format!("{}: {e}", path.display())))?;
            text = fixed.text;
            applied = fixed.applied;
        }
    }
    let mut report = FileReport::new(path, text, analysis, treaty_paths);
    report.fixed = applied;
    Ok(report)
}

/// The treaties of a sheet found by its ATOP ID beside it and in the configured folders, with
/// their paths; a file outside the workspace boundary is left out with a warning.
fn found_treaties(
    sheet: &crate::syntax::sheet::Sheet,
    text: &str,
    env: &Env,
    loader: &Loader,
    folder: &Folder,
) -> Result<(Vec<PathBuf>, Vec<TreatyText>), Failure> {
    let mut paths = Vec::new();
    let mut texts = Vec::new();
    if let Some(id) = workspace::sheet_atop_id(sheet, text, &env.schema) {
        for (p, lang) in loader.treaties.find(&id, &folder.treaty_dirs) {
            if let Err(w) = folder.boundary.admit(&p, "a treaty file found by pairing") {
                loader.warn(w);
                continue;
            }
            let t =
                workspace::read_text(&p).map_err(|e| Failure(format!("{}: {e}", p.display())))?;
            paths.push(p);
            texts.push(TreatyText { text: t, lang });
        }
    }
    Ok((paths, texts))
}

/// Reads a sheet or a treaty, with an error that names it.
fn read_sheet(path: &Path) -> Result<String, Failure> {
    workspace::read_text(path).map_err(|e| match e {
        ReadError::Io(io) => Failure(format!("{}: cannot read: {io}", path.display())),
        other => Failure(format!("{}: {other}", path.display())),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn chunks_halve_towards_the_end() {
        let sizes = |n: usize| {
            let sheets = vec![std::path::PathBuf::new(); n];
            super::chunks(&sheets).map(<[_]>::len).collect::<Vec<_>>()
        };
        assert_eq!(sizes(1000), [256, 256, 244, 122, 61, 30, 16, 15]);
        assert_eq!(sizes(40), [20, 16, 4]);
        assert_eq!(sizes(10), [10]);
        assert_eq!(sizes(0), Vec::<usize>::new());
    }

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
