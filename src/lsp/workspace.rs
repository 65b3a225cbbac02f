//! The server's state: open documents, and how an open sheet is linted — paired with its
//! treaties by the CLI's rules (`model::workspace`, `model::config`), reading a treaty from its
//! editor buffer when it is open and from disk otherwise.
//!
//! Everything here is synchronous and lives behind the server's `std::sync::Mutex`.

use super::documents::{Document, Kind, Positions};
use super::settings;
use crate::coding::draft::{Reading, Suggestion};
use crate::model::boundary::{self, Boundary};
use crate::model::config::Config;
use crate::model::evidence::Evidence;
use crate::model::release::Release;
use crate::model::schema::{Question, Schema};
use crate::model::workspace::{self as disk, find_treaties, sheet_atop_id, treaty_dirs};
use crate::rules::RuleSettings;
use crate::syntax::sheet::QuestionNode;
use crate::syntax::treaty::Treaty;
use crate::text::{Encoding, LineIndex};
use crate::{Analysis, Env, run_rules};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

/// A treaty a sheet was linted with.
pub struct TreatySource {
    /// The editor's URI when the treaty is open, else the file's.
    pub uri: Uri,
    pub index: Arc<LineIndex>,
}

/// One lint of one revision of an open sheet: what every feature answers from.
pub struct SheetSnapshot {
    pub uri: Uri,
    pub version: i32,
    revision: u64,
    epoch: u64,
    pub text: String,
    pub index: LineIndex,
    pub encoding: Encoding,
    pub env: Env,
    pub settings: RuleSettings,
    pub analysis: Analysis,
    /// What `analysis.treaties` show, gathered once for as long as they stay the same.
    evidence: Arc<Evidence>,
    pub atop_id: Option<String>,
    /// Aligned with `analysis.treaties`.
    pub treaties: Vec<TreatySource>,
    /// What went wrong finding the configuration, schema or treaties.
    pub problems: Vec<String>,
}

impl SheetSnapshot {
    pub fn positions(&self) -> Positions<'_> {
        Positions {
            text: &self.text,
            index: &self.index,
            encoding: self.encoding,
        }
    }

    /// The URI and positions of treaty `i`.
    pub fn treaty(&self, i: usize) -> Option<(&Uri, &Treaty, Positions<'_>)> {
        let source = self.treaties.get(i)?;
        let treaty = self.analysis.treaties.get(i)?;
        let positions = Positions {
            text: &treaty.text,
            index: &source.index,
            encoding: self.encoding,
        };
        Some((&source.uri, treaty, positions))
    }

    /// The question whose block holds byte `offset` (its end included, for a cursor there).
    pub fn question_at(&self, offset: usize) -> Option<&QuestionNode> {
        self.analysis
            .sheet
            .questions
            .iter()
            .rev()
            .find(|q| q.span.start <= offset && offset <= q.span.end)
    }

    /// The sheet's question numbered `n` (by schema number).
    pub fn question(&self, n: u32) -> Option<&QuestionNode> {
        self.analysis.sheet.question(n)
    }

    /// What the paired treaties suggest for schema question `sq`, if they settle it.
    pub fn suggestion(&self, sq: &Question) -> Option<Suggestion> {
        let treaties = &self.analysis.treaties;
        if treaties.is_empty() {
            return None;
        }
        Reading {
            treaties,
            evidence: &self.evidence,
            env: &self.env,
        }
        .suggest(sq)
    }
}

/// The treaty files of ATOP ID `id` for the sheet at `path`.
fn treaty_files(id: &str, path: &Path, config: &Config, boundary: &Boundary) -> TreatyFiles {
    let mut files = Vec::new();
    let mut refused = Vec::new();
    for (found, lang) in find_treaties(id, &treaty_dirs(path, &config.treaty_dirs, boundary)) {
        match boundary.admit(&found, "a treaty file found by pairing") {
            Ok(()) => files.push((found.canonicalize().unwrap_or(found), lang)),
            Err(w) => refused.push(w),
        }
    }
    TreatyFiles {
        id: id.to_string(),
        files,
        refused,
    }
}

/// A file's modification time and size, to notice it changed.
type Stamp = Option<(SystemTime, u64)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// Parsed treaties, schemas and dataset releases read from disk, re-read when a file changes.
#[derive(Default)]
struct DiskCache {
    treaties: HashMap<PathBuf, (Stamp, Loaded<Treaty>)>,
    schemas: HashMap<PathBuf, (Stamp, Loaded<Schema>)>,
    releases: HashMap<Vec<PathBuf>, (Vec<Stamp>, Loaded<Release>)>,
}

/// What was read from disk, or why it could not be.
type Loaded<T> = Result<Arc<T>, String>;

impl DiskCache {
    fn treaty(
        &mut self,
        path: &Path,
        lang: Option<&str>,
        env: &Env,
    ) -> Result<Arc<Treaty>, String> {
        let now = stamp(path);
        if let Some((s, t)) = self.treaties.get(path)
            && *s == now
        {
            return t.clone();
        }
        let parsed = disk::read_text(path)
            .map(|text| Arc::new(crate::syntax::treaty::parse(text, lang, env.langs)))
            .map_err(|e| format!("{}: {e}", path.display()));
        self.treaties
            .insert(path.to_path_buf(), (now, parsed.clone()));
        parsed
    }

    fn schema(&mut self, path: &Path) -> Result<Arc<Schema>, String> {
        let now = stamp(path);
        if let Some((s, t)) = self.schemas.get(path)
            && *s == now
        {
            return t.clone();
        }
        let parsed = disk::read_schema(path).map(Arc::new);
        self.schemas
            .insert(path.to_path_buf(), (now, parsed.clone()));
        parsed
    }

    fn release(&mut self, paths: &[PathBuf]) -> Result<Arc<Release>, String> {
        let now: Vec<Stamp> = paths.iter().map(|p| stamp(p)).collect();
        if let Some((s, r)) = self.releases.get(paths)
            && *s == now
        {
            return r.clone();
        }
        let read = disk::read_release(paths).map(Arc::new);
        self.releases.insert(paths.to_vec(), (now, read.clone()));
        read
    }
}

/// The treaties a sheet was last linted with, their evidence and line indexes. Editing the sheet alone
/// pairs it with the same parsed treaties (the same `Arc`s, from the disk cache or an open
/// treaty's revision), so these are made again only when one of them changes.
struct SheetTreaties {
    /// Held so that pointer equality with them means "the same parse".
    treaties: Vec<Arc<Treaty>>,
    evidence: Arc<Evidence>,
    /// Aligned with `treaties`.
    indexes: Vec<Arc<LineIndex>>,
}

impl SheetTreaties {
    fn is_for(&self, treaties: &[Arc<Treaty>]) -> bool {
        self.treaties.len() == treaties.len()
            && self
                .treaties
                .iter()
                .zip(treaties)
                .all(|(a, b)| Arc::ptr_eq(a, b))
    }
}

/// Every open document and what linting them needs.
pub struct Workspace {
    pub encoding: Encoding,
    docs: HashMap<String, Document>,
    snapshots: HashMap<String, Arc<SheetSnapshot>>,
    /// By sheet URI, like `snapshots`.
    sheet_treaties: HashMap<String, SheetTreaties>,
    /// Parsed buffers of open treaties, with the revision they were parsed from.
    open_treaties: HashMap<String, (u64, Arc<Treaty>)>,
    disk: DiskCache,
    client: settings::ClientSettings,
    /// The workspace folders and the folders the user allows, in their config file or settings.
    workspace_folders: Vec<PathBuf>,
    user_allowed: Vec<PathBuf>,
    /// Bumped whenever something every sheet may depend on changes (treaties, settings, disk).
    epoch: u64,
    next_revision: u64,
    /// The client tells of changes to treaty files and `atop.toml` (`didChangeWatchedFiles`),
    /// so what a sheet found on disk holds until the epoch changes.
    files_watched: bool,
    /// By sheet URI: what its last lint found on disk, for `files_watched` clients.
    found_on_disk: HashMap<String, FoundOnDisk>,
}

/// What linting a sheet found on disk besides the texts: its configuration and boundary, and
/// the treaty files of its ATOP ID. Finding them takes dozens of system calls (a real path is a
/// `readlink` per folder), which a client watching the files spares every edit.
struct FoundOnDisk {
    epoch: u64,
    dir: Option<PathBuf>,
    config: Config,
    boundary: Boundary,
    problems: Vec<String>,
    treaties: Option<TreatyFiles>,
}

/// The treaty files found for an ATOP ID.
struct TreatyFiles {
    id: String,
    /// Real paths, with the language their names give.
    files: Vec<(PathBuf, Option<String>)>,
    /// Why other files found were not read.
    refused: Vec<String>,
}

/// Why a document could not be found.
#[derive(Debug, PartialEq, Eq)]
pub struct NotOpen;

impl Workspace {
    pub fn new(encoding: Encoding, user_allowed: Vec<PathBuf>) -> Self {
        Workspace {
            encoding,
            docs: HashMap::new(),
            snapshots: HashMap::new(),
            sheet_treaties: HashMap::new(),
            open_treaties: HashMap::new(),
            disk: DiskCache::default(),
            client: settings::ClientSettings::default(),
            workspace_folders: Vec::new(),
            user_allowed,
            epoch: 0,
            next_revision: 0,
            files_watched: false,
            found_on_disk: HashMap::new(),
        }
    }

    fn revision(&mut self) -> u64 {
        self.next_revision += 1;
        self.next_revision
    }

    /// Something sheets depend on changed: every snapshot is stale.
    pub fn invalidate(&mut self) {
        self.epoch += 1;
    }

    pub fn open(&mut self, uri: Uri, version: i32, text: &str) -> &Document {
        let revision = self.revision();
        let doc = Document::new(uri, version, text, revision);
        if matches!(doc.kind, Kind::Treaty { .. }) {
            self.invalidate();
        }
        let key = doc.uri.as_str().to_string();
        self.snapshots.remove(&key);
        self.docs.insert(key.clone(), doc);
        &self.docs[&key]
    }

    /// Applies a `didChange`'s changes in order; gaps in version numbers are fine. A change
    /// with a reversed range is refused with the ones after it (they were written against the
    /// text it would have made); the message says which.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
    ) -> Result<(&Document, Option<String>), NotOpen> {
        let revision = self.revision();
        let encoding = self.encoding;
        let doc = self.docs.get_mut(uri.as_str()).ok_or(NotOpen)?;
        let mut refused = None;
        for (i, change) in changes.iter().enumerate() {
            if let Err(e) = doc.apply(change, encoding) {
                refused = Some(format!(
                    "didChange for {} refused from change {}: {e}",
                    uri.as_str(),
                    i + 1
                ));
                break;
            }
        }
        doc.version = version;
        doc.revision = revision;
        if matches!(doc.kind, Kind::Treaty { .. }) {
            self.epoch += 1;
        }
        Ok((&self.docs[uri.as_str()], refused))
    }

    pub fn close(&mut self, uri: &Uri) -> Result<Document, NotOpen> {
        let doc = self.docs.remove(uri.as_str()).ok_or(NotOpen)?;
        self.snapshots.remove(uri.as_str());
        self.sheet_treaties.remove(uri.as_str());
        self.found_on_disk.remove(uri.as_str());
        if self.open_treaties.remove(uri.as_str()).is_some()
            || matches!(doc.kind, Kind::Treaty { .. })
        {
            self.invalidate();
        }
        Ok(doc)
    }

    pub fn document(&self, uri: &Uri) -> Result<&Document, NotOpen> {
        self.docs.get(uri.as_str()).ok_or(NotOpen)
    }

    pub fn set_client_settings(&mut self, settings: settings::ClientSettings) {
        self.client = settings;
        self.invalidate();
    }

    /// Whether the client tells of changes to treaty files and `atop.toml`.
    pub fn set_files_watched(&mut self, watched: bool) {
        self.files_watched = watched;
        self.invalidate();
    }

    /// The client's workspace folders: configuration and pairing may read inside them.
    pub fn set_workspace_folders(&mut self, folders: Vec<PathBuf>) {
        self.workspace_folders = folders;
        self.invalidate();
    }

    /// What the user named or allowed: the workspace folders and the allowed folders.
    fn user_boundary(&self) -> Boundary {
        Boundary::new(
            self.workspace_folders
                .iter()
                .chain(&self.user_allowed)
                .chain(&self.client.allow),
        )
    }

    /// URIs of the open sheets, in a stable order.
    pub fn sheets(&self) -> Vec<Uri> {
        let mut out: Vec<Uri> = self
            .docs
            .values()
            .filter(|d| d.kind == Kind::Sheet)
            .map(|d| d.uri.clone())
            .collect();
        out.sort();
        out
    }

    /// Open sheets whose last lint named ATOP ID `id`, or that were never linted.
    pub fn sheets_with_id(&self, id: &str) -> Vec<Uri> {
        self.sheets()
            .into_iter()
            .filter(|u| {
                self.snapshots
                    .get(u.as_str())
                    .is_none_or(|s| s.atop_id.as_deref() == Some(id))
            })
            .collect()
    }

    /// Open sheets in `dir` or below it.
    pub fn sheets_under(&self, dir: &Path) -> Vec<Uri> {
        self.sheets()
            .into_iter()
            .filter(|u| {
                self.docs[u.as_str()]
                    .path
                    .as_deref()
                    .is_some_and(|p| p.starts_with(dir))
            })
            .collect()
    }

    /// The text of a treaty document, parsed (cached per revision).
    pub fn open_treaty(&mut self, uri: &Uri) -> Result<Arc<Treaty>, NotOpen> {
        let doc = self.docs.get(uri.as_str()).ok_or(NotOpen)?;
        let Kind::Treaty { lang, .. } = &doc.kind else {
            return Err(NotOpen);
        };
        if let Some((rev, t)) = self.open_treaties.get(uri.as_str())
            && *rev == doc.revision
        {
            return Ok(t.clone());
        }
        let parsed = Arc::new(crate::syntax::treaty::parse(
            doc.text(),
            lang.as_deref(),
            Env::default().langs,
        ));
        self.open_treaties
            .insert(uri.as_str().to_string(), (doc.revision, parsed.clone()));
        Ok(parsed)
    }

    /// The open treaty document whose file is `path`.
    fn open_treaty_at(&self, path: &Path) -> Option<Uri> {
        self.docs
            .values()
            .find(|d| matches!(d.kind, Kind::Treaty { .. }) && d.path.as_deref() == Some(path))
            .map(|d| d.uri.clone())
    }

    /// The current lint of an open sheet, linting it if it changed since the last one; `None`
    /// for a treaty.
    pub fn snapshot(&mut self, uri: &Uri) -> Result<Option<Arc<SheetSnapshot>>, NotOpen> {
        let doc = self.docs.get(uri.as_str()).ok_or(NotOpen)?;
        if doc.kind != Kind::Sheet {
            return Ok(None);
        }
        if let Some(s) = self.snapshots.get(uri.as_str())
            && s.revision == doc.revision
            && s.epoch == self.epoch
        {
            return Ok(Some(s.clone()));
        }
        let snapshot = Arc::new(self.lint(uri));
        self.snapshots
            .insert(uri.as_str().to_string(), snapshot.clone());
        Ok(Some(snapshot))
    }

    /// What sheet `uri`, in folder `dir`, found on disk at the last lint, if it still holds (the
    /// client watches the files and nothing changed since); else a new finding of its
    /// configuration and boundary.
    fn found_on_disk(&mut self, uri: &Uri, dir: Option<&Path>) -> FoundOnDisk {
        if let Some(found) = self.found_on_disk.remove(uri.as_str())
            && self.files_watched
            && found.epoch == self.epoch
            && found.dir.as_deref() == dir
        {
            return found;
        }
        let mut problems = Vec::new();
        let mut config = match dir {
            Some(dir) => Config::discover(dir).unwrap_or_else(|e| {
                problems.push(format!("{e}; linting with the defaults"));
                Config::default()
            }),
            None => Config::default(),
        };
        let boundary = match dir {
            Some(dir) => boundary::for_sheet(&self.user_boundary(), dir, &config),
            None => self.user_boundary(),
        };
        problems.extend(boundary::confine(&mut config, &boundary));
        FoundOnDisk {
            epoch: self.epoch,
            dir: dir.map(Path::to_path_buf),
            config,
            boundary,
            problems,
            treaties: None,
        }
    }

    fn lint(&mut self, uri: &Uri) -> SheetSnapshot {
        let doc = &self.docs[uri.as_str()];
        let (version, revision, path) = (doc.version, doc.revision, doc.path.clone());
        let text = doc.text();
        let mut found = self.found_on_disk(uri, path.as_deref().and_then(Path::parent));
        let mut problems = found.problems.clone();
        let config = &found.config;
        let schema = match &config.schema {
            Some(p) => self.disk.schema(p).unwrap_or_else(|e| {
                problems.push(format!("{e}; linting with the built-in schema"));
                Schema::builtin()
            }),
            None => Schema::builtin(),
        };
        let dataset = (!config.datasets.is_empty())
            .then(|| self.disk.release(&config.datasets))
            .and_then(|read| {
                read.map_err(|e| problems.push(format!("{e}; linting without the dataset")))
                    .ok()
            });
        let env = Env {
            schema,
            dataset,
            ..Env::default()
        };
        let sheet = crate::syntax::sheet::parse(&text, &env.schema);
        let atop_id = sheet_atop_id(&sheet, &text, &env.schema);
        let files = match (&atop_id, &path) {
            (Some(id), Some(path)) => {
                if found.treaties.as_ref().is_none_or(|t| t.id != *id) {
                    found.treaties = Some(treaty_files(id, path, &found.config, &found.boundary));
                }
                found.treaties.as_ref().map(|t| {
                    problems.extend(t.refused.iter().cloned());
                    t.files.clone()
                })
            }
            _ => None,
        };
        let settings = settings::merged(&found.config.rules, &self.client.rules);
        self.found_on_disk.insert(uri.as_str().to_string(), found);
        let mut uris = Vec::new();
        let mut paired = Vec::new();
        for (file, lang) in files.unwrap_or_default() {
            let (uri, treaty) = match self.open_treaty_at(&file) {
                Some(uri) => match self.open_treaty(&uri) {
                    Ok(t) => (uri, t),
                    Err(NotOpen) => continue,
                },
                None => match self.disk.treaty(&file, lang.as_deref(), &env) {
                    Ok(t) => match Uri::from_file_path(&file) {
                        Some(uri) => (uri, t),
                        None => continue,
                    },
                    Err(e) => {
                        problems.push(e);
                        continue;
                    }
                },
            };
            uris.push(uri);
            paired.push(treaty);
        }
        let treaties: Vec<Treaty> = paired.iter().map(|t| Treaty::clone(t)).collect();
        let read = self.sheet_treaties(uri, paired, &treaties, &env);
        let evidence = read.evidence.clone();
        let sources = uris
            .into_iter()
            .zip(&read.indexes)
            .map(|(uri, index)| TreatySource {
                uri,
                index: index.clone(),
            })
            .collect();
        let diagnostics = run_rules(&text, &sheet, &treaties, &evidence, &env, &settings);
        let analysis = Analysis {
            sheet,
            treaties,
            diagnostics,
        };
        SheetSnapshot {
            uri: uri.clone(),
            version,
            revision,
            epoch: self.epoch,
            index: LineIndex::new(&text),
            text,
            encoding: self.encoding,
            env,
            settings,
            analysis,
            evidence,
            atop_id,
            treaties: sources,
            problems,
        }
    }

    /// What the treaties sheet `uri` is paired with show (`paired`, parsed; `treaties`, their
    /// copies in the analysis): the last lint's when they are the same parses.
    fn sheet_treaties(
        &mut self,
        uri: &Uri,
        paired: Vec<Arc<Treaty>>,
        treaties: &[Treaty],
        env: &Env,
    ) -> &SheetTreaties {
        let key = uri.as_str();
        if !self
            .sheet_treaties
            .get(key)
            .is_some_and(|last| last.is_for(&paired))
        {
            let read = SheetTreaties {
                evidence: Arc::new(Evidence::gather(treaties, env.langs, env.cow, env.topics)),
                indexes: paired
                    .iter()
                    .map(|t| Arc::new(LineIndex::new(&t.text)))
                    .collect(),
                treaties: paired,
            };
            self.sheet_treaties.insert(key.to_string(), read);
        }
        &self.sheet_treaties[key]
    }

    /// The current lints of every open sheet, for features that look across sheets.
    pub fn all_snapshots(&mut self) -> Vec<Arc<SheetSnapshot>> {
        self.sheets()
            .iter()
            .filter_map(|u| self.snapshot(u).ok().flatten())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn seed_uri(name: &str) -> Uri {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/5030")
            .join(name);
        Uri::from_file_path(path).expect("an absolute path")
    }

    /// A character typed into Q61's answer (`type_it`) or taken out again.
    fn edit_q61(text: &str, type_it: bool) -> TextDocumentContentChangeEvent {
        let line = text
            .lines()
            .position(|l| l.starts_with("61. Coder: "))
            .expect("Q61") as u32;
        let at = Position::new(line, "61. Coder: ".len() as u32);
        let (end, text) = match type_it {
            true => (at, "x"),
            false => (Position::new(line, at.character + 1), ""),
        };
        TextDocumentContentChangeEvent {
            range: Some(Range::new(at, end)),
            range_length: None,
            text: text.to_string(),
        }
    }

    /// 1,000 edits of the seed sheet leave one document, one lint and one evidence behind,
    /// the evidence gathered once; a change of the treaty gathers it again; closing the sheet
    /// drops its state.
    #[test]
    fn edits_keep_the_state_of_a_sheet_the_same_size() {
        let text = include_str!("../../examples/5030/5030.codesheet.txt");
        let uri = seed_uri("5030.codesheet.txt");
        let mut ws = Workspace::new(Encoding::Utf16, Vec::new());
        ws.open(uri.clone(), 0, text);
        let first = ws.snapshot(&uri).expect("open").expect("a sheet");
        assert_eq!(first.treaties.len(), 1, "paired with its treaty");
        for version in 1..=1000 {
            ws.change(&uri, version, &[edit_q61(text, version % 2 == 1)])
                .expect("open");
            let snap = ws.snapshot(&uri).expect("open").expect("a sheet");
            assert_eq!(snap.version, version);
            assert!(Arc::ptr_eq(&snap.evidence, &first.evidence));
            assert!(Arc::ptr_eq(
                &snap.treaties[0].index,
                &first.treaties[0].index
            ));
        }
        assert_eq!(ws.document(&uri).expect("open").text(), text);
        let sizes = |ws: &Workspace| {
            (
                ws.docs.len(),
                ws.snapshots.len(),
                ws.sheet_treaties.len(),
                ws.sheet_treaties
                    .values()
                    .map(|t| t.treaties.len())
                    .sum::<usize>(),
                ws.open_treaties.len(),
                ws.disk.treaties.len(),
            )
        };
        assert_eq!(sizes(&ws), (1, 1, 1, 1, 0, 1));

        let treaty_uri = seed_uri("5030.treaty.zh.txt");
        let treaty = include_str!("../../examples/5030/5030.treaty.zh.txt");
        ws.open(treaty_uri.clone(), 0, treaty);
        let with_buffer = ws.snapshot(&uri).expect("open").expect("a sheet");
        assert!(!Arc::ptr_eq(&with_buffer.evidence, &first.evidence));
        assert_eq!(sizes(&ws), (2, 1, 1, 1, 1, 1));

        ws.close(&uri).expect("open");
        ws.close(&treaty_uri).expect("open");
        assert_eq!(sizes(&ws), (0, 0, 0, 0, 0, 1));
    }

    /// For a client that watches the files, what a sheet found on disk holds from edit to edit
    /// (a treaty file written meanwhile is not looked for) until a change is told of; for one
    /// that does not, the treaties are looked for on every lint.
    #[test]
    fn pairing_is_looked_for_again_when_files_change() {
        let dir = tempfile::tempdir().expect("temp dir");
        let sheet_path = dir.path().join("5030.codesheet.txt");
        let treaty_path = dir.path().join("5030.treaty.zh.txt");
        let text = include_str!("../../examples/5030/5030.codesheet.txt");
        std::fs::write(&sheet_path, text).expect("written");
        let uri = Uri::from_file_path(&sheet_path).expect("an absolute path");
        for watched in [true, false] {
            let mut ws = Workspace::new(Encoding::Utf16, vec![dir.path().to_path_buf()]);
            ws.set_files_watched(watched);
            ws.open(uri.clone(), 0, text);
            let paired = |ws: &mut Workspace| {
                ws.snapshot(&uri)
                    .expect("open")
                    .expect("a sheet")
                    .treaties
                    .len()
            };
            assert_eq!(paired(&mut ws), 0);
            std::fs::write(
                &treaty_path,
                include_str!("../../examples/5030/5030.treaty.zh.txt"),
            )
            .expect("written");
            ws.change(&uri, 1, &[edit_q61(text, true)]).expect("open");
            assert_eq!(paired(&mut ws), usize::from(!watched), "watched: {watched}");
            ws.invalidate();
            ws.change(&uri, 2, &[edit_q61(text, false)]).expect("open");
            assert_eq!(paired(&mut ws), 1, "watched: {watched}");
            std::fs::remove_file(&treaty_path).expect("removed");
        }
    }
}
