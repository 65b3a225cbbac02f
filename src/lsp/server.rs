//! The protocol handlers: a thin layer that turns LSP messages into calls on the workspace and
//! the feature modules, and their answers into LSP messages.
//!
//! Ordering: every handler changes state or takes its snapshot while it holds the lock, before
//! its first `.await`; it sends what it has to say after releasing it.

use super::documents::{Kind, Positions};
use super::workspace::{NotOpen, SheetSnapshot, Workspace};
use super::{actions, coders, completion, diagnostics, hover, navigation, settings, symbols};
use crate::text::{Encoding, LineIndex};
use serde::Serialize;
use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// The custom request that returns the server's copy of a document (a test and debugging aid).
pub const DOCUMENT_TEXT: &str = "atop-lint/documentText";

/// The answer to [`DOCUMENT_TEXT`].
#[derive(Serialize)]
pub struct DocumentText {
    pub version: i32,
    pub text: String,
}

/// What the client can do, as far as the server cares.
#[derive(Default)]
struct ClientAbilities {
    /// The client pulls diagnostics (`textDocument/diagnostic`), so none are pushed.
    pull_diagnostics: bool,
    refresh_diagnostics: bool,
    /// The client re-asks for code lenses on `workspace/codeLens/refresh`.
    refresh_code_lenses: bool,
    progress: bool,
    watch_files: bool,
}

struct State {
    workspace: Workspace,
    client: ClientAbilities,
    /// Problems with configuration already shown, so each is shown once.
    shown: HashSet<String>,
    /// Settings problem from `initializationOptions`, shown once the client is initialized.
    pending_message: Option<String>,
    progress_tokens: u32,
}

/// What to tell the client after a change; built under the lock, sent after it.
#[derive(Default)]
struct Outbox {
    publish: Vec<PublishDiagnosticsParams>,
    messages: Vec<String>,
    refresh: bool,
    /// Another coder's sheet changed: the lenses that show its answers are stale.
    refresh_code_lenses: bool,
}

pub struct Backend {
    client: Client,
    state: Mutex<State>,
    shutdown: Arc<AtomicBool>,
}

/// A sheet's lint and the lints of the other open sheets for the same alliance.
type Partners = (Arc<SheetSnapshot>, Vec<Arc<SheetSnapshot>>);

fn not_open(uri: &Uri) -> Error {
    Error::invalid_params(format!("{} is not an open document", uri.as_str()))
}

impl Backend {
    pub fn new(client: Client, shutdown: Arc<AtomicBool>) -> Self {
        let (allowed, pending_message) = match crate::model::boundary::user_allowed() {
            Ok(allowed) => (allowed, None),
            Err(e) => (Vec::new(), Some(e)),
        };
        Backend {
            client,
            state: Mutex::new(State {
                workspace: Workspace::new(Encoding::Utf16, allowed),
                client: ClientAbilities::default(),
                shown: HashSet::new(),
                pending_message,
                progress_tokens: 0,
            }),
            shutdown,
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A handler that panicked left consistent data behind (every change is applied whole).
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The current lint of a sheet and the byte offset of a position in it; `None` for a
    /// treaty; an error for a document that is not open.
    fn sheet_at(
        &self,
        uri: &Uri,
        position: Position,
    ) -> Result<Option<(Arc<SheetSnapshot>, usize)>> {
        let snap = self.sheet(uri)?;
        Ok(snap.map(|s| {
            let offset = s.positions().offset(position);
            (s, offset)
        }))
    }

    fn sheet(&self, uri: &Uri) -> Result<Option<Arc<SheetSnapshot>>> {
        self.state()
            .workspace
            .snapshot(uri)
            .map_err(|NotOpen| not_open(uri))
    }

    /// The current lint of a sheet and of the other open sheets for its ATOP ID (another
    /// coder's); `None` for a treaty.
    fn sheet_and_partners(&self, uri: &Uri) -> Result<Option<Partners>> {
        let mut state = self.state();
        let ws = &mut state.workspace;
        let Some(snap) = ws.snapshot(uri).map_err(|NotOpen| not_open(uri))? else {
            return Ok(None);
        };
        let others = match &snap.atop_id {
            Some(id) => ws
                .sheets_with_id(id)
                .iter()
                .filter(|u| *u != uri)
                .filter_map(|u| ws.snapshot(u).ok().flatten())
                .collect(),
            None => Vec::new(),
        };
        Ok(Some((snap, others)))
    }

    /// Answers [`DOCUMENT_TEXT`].
    pub async fn document_text(&self, params: TextDocumentIdentifier) -> Result<DocumentText> {
        let state = self.state();
        let doc = state
            .workspace
            .document(&params.uri)
            .map_err(|NotOpen| not_open(&params.uri))?;
        Ok(DocumentText {
            version: doc.version,
            text: doc.text(),
        })
    }

    /// Lints `uris` and collects what to tell the client.
    fn relint(state: &mut State, uris: &[Uri], outbox: &mut Outbox) {
        for uri in uris {
            let Ok(Some(snap)) = state.workspace.snapshot(uri) else {
                continue;
            };
            for p in &snap.problems {
                if state.shown.insert(p.clone()) {
                    outbox.messages.push(p.clone());
                }
            }
            if !state.client.pull_diagnostics {
                outbox.publish.push(PublishDiagnosticsParams {
                    uri: snap.uri.clone(),
                    diagnostics: diagnostics::all(&snap),
                    version: Some(snap.version),
                });
            }
        }
    }

    /// The sheets that depend on the treaty document `uri`, when it is one.
    fn dependents(state: &State, uri: &Uri) -> Vec<Uri> {
        match state.workspace.document(uri).map(|d| &d.kind) {
            Ok(Kind::Treaty { id, .. }) => state.workspace.sheets_with_id(id),
            _ => Vec::new(),
        }
    }

    async fn send(&self, outbox: Outbox) {
        for m in outbox.messages {
            self.client.show_message(MessageType::WARNING, m).await;
        }
        for p in outbox.publish {
            self.client
                .publish_diagnostics(p.uri, p.diagnostics, p.version)
                .await;
        }
        if outbox.refresh {
            // The client pulls again; an error only means it would not.
            let _ = self.client.workspace_diagnostic_refresh().await;
        }
        if outbox.refresh_code_lenses {
            let _ = self.client.code_lens_refresh().await;
        }
    }

    /// Re-lints sheets after a change outside them, with `$/progress` when the client shows it.
    async fn relint_sheets(&self, uris: Vec<Uri>, title: &str) {
        let (pull, token) = {
            let mut state = self.state();
            state.progress_tokens += 1;
            let token = (state.client.progress && !uris.is_empty())
                .then(|| ProgressToken::String(format!("atop-lint/{}", state.progress_tokens)));
            let pull = state.client.pull_diagnostics;
            (pull.then_some(state.client.refresh_diagnostics), token)
        };
        if let Some(refresh) = pull {
            let outbox = Outbox {
                refresh: refresh && !uris.is_empty(),
                ..Outbox::default()
            };
            return self.send(outbox).await;
        }
        let progress = match token {
            Some(token)
                if self
                    .client
                    .create_work_done_progress(token.clone())
                    .await
                    .is_ok() =>
            {
                Some(
                    self.client
                        .progress(token, title)
                        .with_percentage(0)
                        .begin()
                        .await,
                )
            }
            _ => None,
        };
        let total = uris.len();
        for (done, uri) in uris.iter().enumerate() {
            let mut outbox = Outbox::default();
            Self::relint(&mut self.state(), std::slice::from_ref(uri), &mut outbox);
            self.send(outbox).await;
            if let Some(p) = &progress {
                let name = uri
                    .as_str()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                p.report_with_message(name, ((done + 1) * 100 / total) as u32)
                    .await;
            }
        }
        if let Some(p) = progress {
            p.finish_with_message(format!("{total} sheets linted"))
                .await;
        }
    }

    /// Whether the document `uri` still has revision `revision` (no later change came in).
    fn is_current(&self, uri: &Uri, revision: u64) -> bool {
        self.state()
            .workspace
            .document(uri)
            .is_ok_and(|d| d.revision == revision)
    }

    /// Whether to ask the client for new code lenses after a sheet changed or closed: another
    /// open sheet's lenses may show its answers. `still_open`: the changed sheet is open.
    fn lenses_stale(state: &State, still_open: bool) -> bool {
        state.client.refresh_code_lenses && state.workspace.sheets().len() > usize::from(still_open)
    }

    /// After a document changed: wait a turn, so a burst of queued edits is linted once.
    async fn after_change(&self, uri: Uri, revision: u64) {
        tokio::task::yield_now().await;
        if !self.is_current(&uri, revision) {
            return;
        }
        let mut outbox = Outbox::default();
        {
            let mut state = self.state();
            let dependents = Self::dependents(&state, &uri);
            if dependents.is_empty() {
                Self::relint(&mut state, std::slice::from_ref(&uri), &mut outbox);
                let is_sheet = state
                    .workspace
                    .document(&uri)
                    .is_ok_and(|d| d.kind == Kind::Sheet);
                outbox.refresh_code_lenses = is_sheet && Self::lenses_stale(&state, true);
            } else {
                outbox.refresh = state.client.pull_diagnostics && state.client.refresh_diagnostics;
                Self::relint(&mut state, &dependents, &mut outbox);
            }
        }
        self.send(outbox).await;
    }
}

fn file_watchers() -> Vec<FileSystemWatcher> {
    ["**/*.treaty.txt", "**/*.treaty.*.txt", "**/atop.toml"]
        .into_iter()
        .map(|glob| FileSystemWatcher {
            glob_pattern: GlobPattern::String(glob.to_string()),
            kind: None,
        })
        .collect()
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let utf8 = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
        let (encoding, encoding_kind) = if utf8 {
            (Encoding::Utf8, PositionEncodingKind::UTF8)
        } else {
            (Encoding::Utf16, PositionEncodingKind::UTF16)
        };
        {
            let mut state = self.state();
            state.workspace.encoding = encoding;
            state.client = ClientAbilities {
                pull_diagnostics: caps
                    .text_document
                    .as_ref()
                    .is_some_and(|t| t.diagnostic.is_some()),
                refresh_diagnostics: caps
                    .workspace
                    .as_ref()
                    .and_then(|w| w.diagnostics.as_ref())
                    .and_then(|d| d.refresh_support)
                    .unwrap_or(false),
                refresh_code_lenses: caps
                    .workspace
                    .as_ref()
                    .and_then(|w| w.code_lens.as_ref())
                    .and_then(|c| c.refresh_support)
                    .unwrap_or(false),
                progress: caps
                    .window
                    .as_ref()
                    .and_then(|w| w.work_done_progress)
                    .unwrap_or(false),
                watch_files: caps
                    .workspace
                    .as_ref()
                    .and_then(|w| w.did_change_watched_files.as_ref())
                    .and_then(|d| d.dynamic_registration)
                    .unwrap_or(false),
            };
            #[allow(deprecated)] // root_uri: for clients that send no workspace folders
            let folders = params
                .workspace_folders
                .iter()
                .flatten()
                .map(|f| &f.uri)
                .chain(params.root_uri.as_ref())
                .filter_map(|u| u.to_file_path())
                .map(|p| p.into_owned())
                .collect();
            state.workspace.set_workspace_folders(folders);
            match settings::parse(params.initialization_options.as_ref()) {
                Ok(Some(settings)) => state.workspace.set_client_settings(settings),
                Ok(None) => {}
                Err(message) => state.pending_message = Some(message),
            }
        }
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "atop-lint".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding_kind),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec!["#".to_string()]),
                    ..CompletionOptions::default()
                }),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::SOURCE_FIX_ALL,
                        ]),
                        ..CodeActionOptions::default()
                    },
                )),
                document_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                diagnostic_provider: Some(DiagnosticServerCapabilities::Options(
                    DiagnosticOptions {
                        identifier: Some(diagnostics::SOURCE.to_string()),
                        inter_file_dependencies: true,
                        workspace_diagnostics: false,
                        ..DiagnosticOptions::default()
                    },
                )),
                ..ServerCapabilities::default()
            },
            ..InitializeResult::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let (watch, message) = {
            let mut state = self.state();
            (state.client.watch_files, state.pending_message.take())
        };
        if let Some(m) = message {
            self.client.show_message(MessageType::WARNING, m).await;
        }
        if watch {
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: file_watchers(),
            };
            let registration = Registration {
                id: "atop-lint-watched-files".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            };
            match self.client.register_capability(vec![registration]).await {
                Ok(()) => self.state().workspace.set_files_watched(true),
                Err(e) => {
                    self.client
                        .log_message(MessageType::WARNING, format!("cannot watch files: {e}"))
                        .await
                }
            }
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let revision = {
            let mut state = self.state();
            state
                .workspace
                .open(doc.uri.clone(), doc.version, &doc.text)
                .revision
        };
        self.after_change(doc.uri, revision).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let changed = self
            .state()
            .workspace
            .change(&uri, params.text_document.version, &params.content_changes)
            .map(|(d, refused)| (d.revision, refused));
        match changed {
            Ok((revision, refused)) => {
                if let Some(message) = refused {
                    self.client.log_message(MessageType::ERROR, message).await;
                }
                self.after_change(uri, revision).await
            }
            Err(NotOpen) => {
                let message = format!("didChange for {}, which is not open", uri.as_str());
                self.client.log_message(MessageType::WARNING, message).await;
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let (closed, push, lenses) = {
            let mut state = self.state();
            // Sheets that used the treaty's buffer go back to the file.
            let dependents = Self::dependents(&state, &uri);
            let closed = state.workspace.close(&uri).map(|d| (d.kind, dependents));
            (
                closed,
                !state.client.pull_diagnostics,
                Self::lenses_stale(&state, false),
            )
        };
        if lenses && matches!(closed, Ok((Kind::Sheet, _))) {
            let _ = self.client.code_lens_refresh().await;
        }
        match closed {
            Ok((Kind::Sheet, _)) if push => {
                self.client.publish_diagnostics(uri, Vec::new(), None).await;
            }
            Ok((Kind::Treaty { .. }, dependents)) => {
                self.relint_sheets(dependents, "Linting sheets").await;
            }
            Ok(_) => {}
            Err(NotOpen) => {
                let message = format!("didClose for {}, which is not open", uri.as_str());
                self.client.log_message(MessageType::WARNING, message).await;
            }
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let sheets = match settings::parse(Some(&params.settings)) {
            Ok(Some(settings)) => {
                let mut state = self.state();
                state.workspace.set_client_settings(settings);
                state.workspace.sheets()
            }
            Ok(None) => return,
            Err(message) => {
                return self
                    .client
                    .show_message(MessageType::WARNING, message)
                    .await;
            }
        };
        self.relint_sheets(sheets, "Linting sheets with new settings")
            .await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let sheets = {
            let mut state = self.state();
            state.workspace.invalidate();
            let mut affected: Vec<Uri> = Vec::new();
            for change in &params.changes {
                let Some(path) = change.uri.to_file_path() else {
                    continue;
                };
                let found = if path
                    .file_name()
                    .is_some_and(|n| n == crate::model::config::FILE_NAME)
                {
                    let dir = path.parent().unwrap_or(Path::new("/"));
                    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
                    state.workspace.sheets_under(&dir)
                } else if let Some((id, _)) = crate::model::workspace::treaty_file_id(&path) {
                    state.workspace.sheets_with_id(&id)
                } else {
                    Vec::new()
                };
                affected.extend(found);
            }
            affected.sort();
            affected.dedup();
            affected
        };
        self.relint_sheets(sheets, "Linting sheets after file changes")
            .await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some((snap, others)) = self.sheet_and_partners(&p.text_document.uri)? else {
            return Ok(None);
        };
        let offset = snap.positions().offset(p.position);
        let mut found = hover::hover(&snap, offset);
        if let Some(note) = coders::hover_note(&snap, &others, offset)
            && let Some(Hover {
                contents: HoverContents::Markup(m),
                ..
            }) = &mut found
        {
            m.value.push_str("\n\n---\n\n");
            m.value.push_str(&note);
        }
        Ok(found)
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        Ok(self
            .sheet_and_partners(&params.text_document.uri)?
            .map(|(snap, others)| coders::code_lenses(&snap, &others)))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        Ok(self
            .sheet_at(&p.text_document.uri, p.position)?
            .map(|(snap, offset)| CompletionResponse::Array(completion::complete(&snap, offset))))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        Ok(self
            .sheet_at(&p.text_document.uri, p.position)?
            .map(|(snap, offset)| navigation::definition(&snap, offset))
            .filter(|l| !l.is_empty())
            .map(GotoDefinitionResponse::Array))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let uri = &p.text_document.uri;
        let declaration = params.context.include_declaration;
        if let Some((snap, offset)) = self.sheet_at(uri, p.position)? {
            return Ok(Some(navigation::question_references(
                &snap,
                offset,
                declaration,
            )));
        }
        let mut state = self.state();
        let ws = &mut state.workspace;
        let treaty = ws.open_treaty(uri).map_err(|NotOpen| not_open(uri))?;
        let sheets = ws.all_snapshots();
        let index = LineIndex::new(&treaty.text);
        let positions = Positions {
            text: &treaty.text,
            index: &index,
            encoding: ws.encoding,
        };
        let offset = positions.offset(p.position);
        Ok(Some(navigation::article_references(
            uri,
            &treaty,
            positions,
            offset,
            &sheets,
            declaration,
        )))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(snap) = self.sheet(&params.text_document.uri)? else {
            return Ok(None);
        };
        let range = snap.positions().span(params.range);
        let only = params.context.only.as_deref();
        Ok(Some(actions::code_actions(&snap, range, only)))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        Ok(self
            .sheet(&params.text_document.uri)?
            .map(|snap| DocumentSymbolResponse::Nested(symbols::document_symbols(&snap))))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        Ok(self
            .sheet(&params.text_document.uri)?
            .map(|snap| symbols::folding_ranges(&snap)))
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let items = self
            .sheet(&params.text_document.uri)?
            .map(|snap| diagnostics::all(&snap))
            .unwrap_or_default();
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            }),
        ))
    }
}
