//! The language server: `atop-lint lsp` speaks LSP over stdin/stdout.
//!
//! Built on tower-lsp-server's `LspService` (protocol state, routing, cancellation) behind
//! this crate's own framing loop ([`transport`]), which answers malformed messages with
//! JSON-RPC errors and keeps running. Every feature is a thin layer over [`crate::analyze`].
//!
//! # Documents
//! Text sync is incremental, on ropes; `contentChanges` apply in order, version gaps are
//! accepted, positions past a line's or the file's end clamp. Positions are UTF-8 when the
//! client offers `utf-8` in `general.positionEncodings`, UTF-16 otherwise.
//!
//! A file named `<ATOPID>.treaty[.<lang>].txt` is a treaty; every other document is a sheet.
//! Sheets are paired with their treaties by the CLI's rules (the ATOP ID, `treaties/` folders,
//! `atop.toml`); a treaty open in the editor is read from its buffer (it is found through its
//! file, like any other: a treaty that exists only in the editor is not paired). When the
//! client can register file watchers, the server watches treaty files and `atop.toml` and
//! re-lints the sheets a change concerns; it then keeps what a sheet found on disk (its
//! configuration, the treaty files of its ATOP ID) from one edit to the next instead of looking
//! again, which clients without watchers get on every edit.
//!
//! # Diagnostics
//! Pushed (`textDocument/publishDiagnostics`) after every change — unless the client declares
//! `textDocument.diagnostic`, in which case it pulls them (`textDocument/diagnostic`) and is
//! asked to pull again (`workspace/diagnostic/refresh`) when a treaty, `atop.toml` or the
//! settings change. (Pushing as well would show every diagnostic twice in such clients.)
//!
//! # Settings
//! Rule severities, in `initializationOptions` and in `workspace/didChangeConfiguration`'s
//! `settings`, override `atop.toml`'s `[rules]`:
//!
//! ```json
//! {"rules": {"citation-style": "off", "yes-no-answer": "error"}}
//! ```
//!
//! Each value is `"off"`, `"error"`, `"warning"`, `"info"` or `"hint"`. Settings with an
//! unknown rule or value are ignored as a whole, with a message saying why; `null` settings
//! change nothing. `"allow": ["<folder>", …]` lets `atop.toml` and pairing read in folders
//! outside the workspace folders (docs/workspace.md: the workspace boundary).
//!
//! # Two coders
//! When two sheets with the same ATOP ID are open, a code lens above each question where they
//! differ shows the other coder's answer (`textDocument/codeLens`, read as `atop-lint diff`
//! reads answers), and the hover on that question's number says what each coder answered. A client that declares `workspace.codeLens.refreshSupport` is asked to
//! re-ask (`workspace/codeLens/refresh`) when another open sheet changes or closes.
//!
//! # Custom request
//! `atop-lint/documentText` (params: `{"uri": …}`) returns `{"version": …, "text": …}`, the
//! server's copy of an open document. It exists for tests and debugging: to check that the
//! server's text is the client's.

mod actions;
mod coders;
mod completion;
mod diagnostics;
mod documents;
mod hover;
mod navigation;
mod server;
mod settings;
mod symbols;
mod transport;
mod workspace;

pub use server::DOCUMENT_TEXT;

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::LspService;

/// Serves one client over `input`/`output` until `exit` or the end of the input. Returns
/// whether the client asked for `shutdown` first.
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let (service, socket) = LspService::build(move |client| server::Backend::new(client, flag))
        .custom_method(DOCUMENT_TEXT, server::Backend::document_text)
        .finish();
    transport::serve(input, output, service, socket).await;
    shutdown.load(Ordering::SeqCst)
}

/// Runs the server on stdin/stdout. Exits with 0 after `shutdown` and `exit`, 1 when the
/// client left without `shutdown`.
pub fn run_stdio() -> ExitCode {
    if let Some(cap) = std::env::var("ATOP_LINT_MAX_FILE_SIZE")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        crate::model::workspace::set_max_file_size(cap);
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("atop-lint: cannot start the language server: {e}");
            return ExitCode::from(2);
        }
    };
    let clean = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Tokio reads stdin on a blocking thread that cannot be interrupted: do not wait for it.
    runtime.shutdown_background();
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

#[cfg(test)]
mod tests {
    use super::documents::Positions;
    use super::workspace::Workspace;
    use super::*;
    use crate::text::{Encoding, LineIndex};
    use tower_lsp_server::ls_types::{CodeActionKind, Uri};

    fn uri(name: &str) -> Uri {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
        Uri::from_file_path(path).expect("an absolute path")
    }

    /// Every feature at every character boundary of the seed pair and of odd texts.
    #[test]
    fn features_answer_anywhere_without_panicking() {
        let seed = include_str!("../../examples/5030/5030.codesheet.txt");
        let treaty = include_str!("../../examples/5030/5030.treaty.zh.txt");
        let sheet_uri = uri("examples/5030/5030.codesheet.txt");
        let treaty_uri = uri("examples/5030/5030.treaty.zh.txt");
        let odd = [
            "",
            "\r",
            "#",
            "Art. ",
            "1. ATOP ID: 5030\n4. Members of alliance (use COW country codes): 70\nKaz",
            "5. Was the alliance signed during war?Y\r\n16. Type of alliance: D",
            // A wrapped prompt that ends mid-line, the answer after it.
            "11. Are there conditions under which members may renounce the treaty? If Yes, \
             describe\nthese conditions. Ye",
            "\u{feff}18. Describe the obligations (Art.\n1, 2-9)#",
        ];
        let only_fixes = [CodeActionKind::QUICKFIX];
        for text in std::iter::once(seed).chain(odd) {
            let mut ws = Workspace::new(Encoding::Utf16, Default::default());
            ws.open(sheet_uri.clone(), 1, text);
            ws.open(treaty_uri.clone(), 1, treaty);
            let snap = ws.snapshot(&sheet_uri).expect("open").expect("a sheet");
            let boundaries = (0..=text.len()).filter(|&i| text.is_char_boundary(i));
            for offset in boundaries {
                let _ = hover::hover(&snap, offset);
                let _ = completion::complete(&snap, offset);
                let _ = navigation::definition(&snap, offset);
                let _ = navigation::question_references(&snap, offset, true);
                let _ = actions::code_actions(&snap, offset..text.len(), Some(&only_fixes));
            }
            let _ = actions::code_actions(&snap, 0..0, None);
            let _ = symbols::document_symbols(&snap);
            let _ = symbols::folding_ranges(&snap);
            // Another coder's sheet for the same alliance: the seed against every odd text.
            let other_uri = uri("examples/5030/other.codesheet.txt");
            ws.open(other_uri.clone(), 1, seed);
            let other = ws.snapshot(&other_uri).expect("open").expect("a sheet");
            let _ = coders::code_lenses(&snap, std::slice::from_ref(&other));
            let _ = coders::code_lenses(&other, std::slice::from_ref(&snap));
            for offset in [0, text.len() / 2, text.len()] {
                let offset = crate::text::floor_char_boundary(text, offset);
                let _ = coders::hover_note(&snap, std::slice::from_ref(&other), offset);
            }
            ws.close(&other_uri).expect("open");
            let sheets = ws.all_snapshots();
            let parsed = ws.open_treaty(&treaty_uri).expect("open");
            let index = LineIndex::new(&parsed.text);
            let positions = Positions {
                text: &parsed.text,
                index: &index,
                encoding: Encoding::Utf16,
            };
            for offset in (0..=treaty.len()).filter(|&i| treaty.is_char_boundary(i)) {
                let _ = navigation::article_references(
                    &treaty_uri,
                    &parsed,
                    positions,
                    offset,
                    &sheets,
                    true,
                );
            }
        }
    }
}
