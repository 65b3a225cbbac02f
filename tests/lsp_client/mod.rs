//! A test client for the language server: speaks LSP over the real transport, either to the
//! server in this process (a tokio duplex) or to the `atop-lint lsp` binary (stdio). Every
//! message the server sends must be consumed by the test: a client that is dropped with
//! unconsumed messages fails the test.

use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long to wait for the server before failing (debug builds on a busy 2-core machine).
const PATIENCE: Duration = Duration::from_secs(60);

/// A tokio duplex half driven from plain threads through a private runtime.
struct Blocking<T> {
    runtime: tokio::runtime::Runtime,
    io: T,
}

impl<T> Blocking<T> {
    fn new(io: T) -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime");
        Blocking { runtime, io }
    }
}

impl<T: tokio::io::AsyncRead + Unpin> Read for Blocking<T> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use tokio::io::AsyncReadExt;
        self.runtime.block_on(self.io.read(buf))
    }
}

impl<T: tokio::io::AsyncWrite + Unpin> Write for Blocking<T> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        use tokio::io::AsyncWriteExt;
        self.runtime.block_on(self.io.write(buf))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        use tokio::io::AsyncWriteExt;
        self.runtime.block_on(self.io.flush())
    }
}

/// How the server runs.
enum Server {
    InProcess(JoinHandle<bool>),
    Binary(Child),
}

pub struct Client {
    server: Option<Server>,
    writer: Box<dyn Write + Send>,
    incoming: Receiver<Value>,
    /// Messages received and not yet consumed by the test, in arrival order.
    queue: VecDeque<Value>,
    next_id: i64,
}

/// Reads frames from the server and passes each message on, until the stream ends.
fn pump(reader: impl Read + Send + 'static) -> Receiver<Value> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(reader);
        loop {
            let mut length = None;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length: ") {
                    length = Some(v.parse::<usize>().expect("a length"));
                }
            }
            let mut body = vec![0; length.expect("Content-Length from the server")];
            if reader.read_exact(&mut body).is_err() {
                return;
            }
            let message: Value = serde_json::from_slice(&body).expect("JSON from the server");
            if tx.send(message).is_err() {
                return;
            }
        }
    });
    rx
}

pub fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

impl Client {
    /// A server on a tokio duplex, in this process.
    pub fn in_process() -> Client {
        let (client_end, server_end) = tokio::io::duplex(1 << 16);
        let server = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            let (read, write) = tokio::io::split(server_end);
            runtime.block_on(atop_lint::lsp::serve(read, write))
        });
        let (read, write) = tokio::io::split(client_end);
        Client {
            server: Some(Server::InProcess(server)),
            writer: Box::new(Blocking::new(write)),
            incoming: pump(Blocking::new(read)),
            queue: VecDeque::new(),
            next_id: 1,
        }
    }

    /// The `atop-lint lsp` binary, over its stdin and stdout.
    pub fn binary() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_atop-lint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("atop-lint lsp starts");
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        Client {
            server: Some(Server::Binary(child)),
            writer: Box::new(stdin),
            incoming: pump(stdout),
            queue: VecDeque::new(),
            next_id: 1,
        }
    }

    /// The process id of the `atop-lint lsp` binary.
    #[allow(dead_code)] // For benches/lsp_latency.rs, which shares this client.
    pub fn server_pid(&self) -> Option<u32> {
        match &self.server {
            Some(Server::Binary(child)) => Some(child.id()),
            _ => None,
        }
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("the server reads");
        self.writer.flush().expect("the server reads");
    }

    fn send(&mut self, message: &Value) {
        self.send_raw(&frame(&message.to_string()));
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its id, without waiting for the answer.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Waits for the next message from the server.
    fn receive(&mut self) -> Value {
        match self.incoming.recv_timeout(PATIENCE) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => panic!(
                "no message from the server in {PATIENCE:?}; unconsumed: {:#?}",
                self.queue
            ),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    /// Takes the first queued (or next arriving) message that `wanted` accepts.
    fn take(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.queue.iter().position(&wanted) {
            return self.queue.remove(i).expect("present");
        }
        loop {
            let m = self.receive();
            if wanted(&m) {
                return m;
            }
            self.queue.push_back(m);
        }
    }

    /// The response to request `id`, whole.
    pub fn response(&mut self, id: i64) -> Value {
        self.take(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// An error response with a null id (to a message the server could not read).
    pub fn error_without_id(&mut self) -> Value {
        self.take(|m| m.get("id") == Some(&Value::Null) && m.get("error").is_some())
    }

    /// A request's result, or its error.
    pub fn call(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params);
        let response = self.response(id);
        match response.get("error") {
            Some(error) => Err(error.clone()),
            None => Ok(response["result"].clone()),
        }
    }

    /// A request's result; fails the test on an error.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.call(method, params)
            .unwrap_or_else(|e| panic!("{method} failed: {e}"))
    }

    /// A request's error; fails the test on a result.
    pub fn request_error(&mut self, method: &str, params: Value) -> Value {
        match self.call(method, params) {
            Ok(result) => panic!("{method} succeeded: {result}"),
            Err(error) => error,
        }
    }

    /// The params of the next notification `method` from the server.
    pub fn notification(&mut self, method: &str) -> Value {
        self.take(|m| m.get("method") == Some(&json!(method)) && m.get("id").is_none())["params"]
            .clone()
    }

    /// The next `publishDiagnostics` for `uri`.
    pub fn diagnostics(&mut self, uri: &str) -> Value {
        self.take(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
            ["params"]
            .clone()
    }

    /// The `publishDiagnostics` for version `version` of `uri`, consuming older ones.
    pub fn diagnostics_for_version(&mut self, uri: &str, version: i64) -> Value {
        loop {
            let p = self.diagnostics(uri);
            if p["version"] == version {
                return p;
            }
            assert!(
                p["version"].as_i64() < Some(version),
                "diagnostics for a later version: {p}"
            );
        }
    }

    /// A request from the server (id and params); the test answers it with [`Client::respond`].
    pub fn server_request(&mut self, method: &str) -> (Value, Value) {
        let m = self.take(|m| m.get("method") == Some(&json!(method)) && m.get("id").is_some());
        (m["id"].clone(), m["params"].clone())
    }

    pub fn respond(&mut self, id: Value, result: Value) {
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
    }

    /// `initialize` with `capabilities` and `options`, then `initialized`; returns the result.
    pub fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let result = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities,
                   "initializationOptions": options}),
        );
        self.notify("initialized", json!({}));
        result
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "atop", "version": 1, "text": text}}),
        );
    }

    /// Fails the test if the server sent anything the test did not consume (waiting briefly
    /// for stragglers).
    pub fn assert_all_consumed(&mut self) {
        while let Ok(m) = self.incoming.recv_timeout(Duration::from_millis(200)) {
            self.queue.push_back(m);
        }
        assert!(
            self.queue.is_empty(),
            "unconsumed messages from the server: {:#?}",
            self.queue
        );
    }

    /// `shutdown`, then `exit`; returns whether the server ended cleanly (exit status 0 for
    /// the binary) and checks everything it sent was consumed.
    pub fn shutdown(mut self) -> bool {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.assert_all_consumed();
        self.finish()
    }

    /// Waits for the server to end and returns whether it ended cleanly.
    pub fn finish(&mut self) -> bool {
        match self.server.take().expect("a running server") {
            Server::InProcess(handle) => handle.join().expect("the server thread"),
            Server::Binary(mut child) => {
                let status = child.wait().expect("the server exits");
                status.success()
            }
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if std::thread::panicking() {
            if let Some(Server::Binary(mut child)) = self.server.take() {
                let _ = child.kill();
            }
            return;
        }
        if self.server.is_some() {
            self.assert_all_consumed();
        }
    }
}

/// A `file:` URI for a path.
pub fn uri(path: &Path) -> String {
    let path = path.canonicalize().expect("an existing path");
    tower_lsp_server::ls_types::Uri::from_file_path(path)
        .expect("an absolute path")
        .as_str()
        .to_string()
}

/// The LSP position of byte `offset` of `text`: lines end at `\n`, `\r\n` or a lone `\r`;
/// columns count UTF-16 units (or bytes, with `utf8`). Written apart from the server's code.
pub fn lsp_position(text: &str, offset: usize, utf8: bool) -> Value {
    let (mut line, mut col) = (0, 0);
    let mut chars = text[..offset].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => {
                line += 1;
                col = 0;
            }
            c if utf8 => col += c.len_utf8(),
            c => col += c.len_utf16(),
        }
    }
    // A position between "\r" and "\n" would name no place on either line.
    assert!(
        !(text[..offset].ends_with('\r') && text[offset..].starts_with('\n')),
        "offset {offset} splits a CRLF"
    );
    json!({"line": line, "character": col})
}

/// The byte offset of an LSP position in `text` (the inverse of [`lsp_position`]).
pub fn lsp_offset(text: &str, position: &Value, utf8: bool) -> usize {
    let want_line = position["line"].as_u64().expect("a line");
    let want_col = position["character"].as_u64().expect("a character");
    let (mut line, mut col) = (0, 0);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if line == want_line && (col >= want_col || c == '\r' || c == '\n') {
            return i;
        }
        match c {
            '\r' if chars.peek().map(|p| p.1) == Some('\n') => {}
            '\r' | '\n' => {
                line += 1;
                col = 0;
            }
            c if utf8 => col += c.len_utf8() as u64,
            c => col += c.len_utf16() as u64,
        }
    }
    text.len()
}

/// The byte offset of the `nth` occurrence of `needle` in `text`.
pub fn offset_of(text: &str, needle: &str, nth: usize) -> usize {
    text.match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} is in the text"))
        .0
}

/// An open document as the client sees it: its text and version, kept by applying the
/// client's own edits.
pub struct Doc {
    pub uri: String,
    pub text: String,
    pub version: i64,
    pub utf8: bool,
}

impl Doc {
    pub fn open(client: &mut Client, uri: &str, text: &str) -> Doc {
        client.open(uri, text);
        Doc {
            uri: uri.to_string(),
            text: text.to_string(),
            version: 1,
            utf8: false,
        }
    }

    /// The change event that replaces bytes `start..end` with `new`, applied to the text.
    pub fn change(&mut self, start: usize, end: usize, new: &str) -> Value {
        let range = json!({
            "start": lsp_position(&self.text, start, self.utf8),
            "end": lsp_position(&self.text, end, self.utf8),
        });
        self.text.replace_range(start..end, new);
        json!({"range": range, "text": new})
    }

    /// Sends `changes` as one `didChange` with the next version.
    pub fn send(&mut self, client: &mut Client, changes: Vec<Value>) {
        self.version += 1;
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": self.uri, "version": self.version},
                   "contentChanges": changes}),
        );
    }

    /// Replaces bytes `start..end` with `new` and waits for the new diagnostics.
    pub fn edit(&mut self, client: &mut Client, start: usize, end: usize, new: &str) -> Value {
        let change = self.change(start, end, new);
        self.send(client, vec![change]);
        client.diagnostics_for_version(&self.uri, self.version)
    }

    /// Applies a server's edits to this document (as one `didChange`) and waits for the new
    /// diagnostics.
    pub fn apply_edits(&mut self, client: &mut Client, edits: &Value) -> Value {
        let mut edits: Vec<(usize, usize, String)> = edits
            .as_array()
            .expect("edits")
            .iter()
            .map(|e| {
                let start = lsp_offset(&self.text, &e["range"]["start"], self.utf8);
                let end = lsp_offset(&self.text, &e["range"]["end"], self.utf8);
                (
                    start,
                    end,
                    e["newText"].as_str().expect("newText").to_string(),
                )
            })
            .collect();
        // Last first, so earlier offsets stay valid.
        edits.sort_by_key(|e| std::cmp::Reverse(e.0));
        let changes = edits
            .iter()
            .map(|(start, end, new)| self.change(*start, *end, new))
            .collect();
        self.send(client, changes);
        client.diagnostics_for_version(&self.uri, self.version)
    }

    /// `{"textDocument": …, "position": …}` for byte `offset`.
    pub fn at(&self, offset: usize) -> Value {
        json!({"textDocument": {"uri": self.uri},
               "position": lsp_position(&self.text, offset, self.utf8)})
    }
}
