//! How fast the language server answers, over stdio with the real binary:
//! - start-up: spawning `atop-lint lsp` to the first `publishDiagnostics` for the seed sheet;
//! - `didChange` → `publishDiagnostics`, 1,000 edits one after another, on the seed sheet and
//!   on the largest sheet of the benchmark corpus (each paired with its treaty);
//! - `hover` on a citation and `completion` on a member code, 1,000 requests each;
//! - resident memory with the seed pair open, and with 100 corpus sheets open;
//! - resident memory every 1,000 edits over 10,000 edits of the seed sheet.
//!
//! Run: `cargo bench --bench lsp_latency` (a release build). The corpus is the one
//! `cargo bench --bench perf` generates (benches/perf/corpus.rs), written here if missing.

#[allow(dead_code)] // The bench uses part of the test client.
#[path = "../tests/lsp_client/mod.rs"]
mod lsp_client;

#[path = "perf/atop_data.rs"]
mod atop_data;
#[path = "perf/compose.rs"]
mod compose;
#[allow(dead_code)] // The bench uses the corpus, not the helpers of the other benchmarks.
#[path = "perf/corpus.rs"]
mod corpus;
#[path = "perf/sheet_writer.rs"]
mod sheet_writer;

use lsp_client::{Client, Doc, offset_of, uri};
use serde_json::{Value, json};
use std::path::Path;
use std::time::{Duration, Instant};

const EDITS: usize = 1000;
const REQUESTS: usize = 1000;
const STARTS: usize = 20;
const OPEN_SHEETS: usize = 100;
const LONG_EDITS: usize = 10_000;
const SAMPLE_EVERY: usize = 1000;

/// The server's resident memory in KiB, from /proc (Linux).
fn resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn mib(k: Option<u64>) -> String {
    k.map_or("unknown".to_string(), |k| {
        format!("{:.1} MiB", k as f64 / 1024.0)
    })
}

/// Prints the median, p99 and maximum of `times`.
fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "  {what:<46} median {:.2} ms, p99 {:.2} ms, max {:.2} ms (n={})",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(times[times.len() - 1]),
        times.len()
    );
}

/// A server with `path` open, once its first diagnostics have come (and they show the sheet
/// was paired with a treaty).
fn open(path: &Path) -> (Client, Doc) {
    let text = std::fs::read_to_string(path).expect("a sheet");
    let mut client = Client::binary();
    client.initialize(json!({}), Value::Null);
    let doc = Doc::open(&mut client, &uri(path), &text);
    let first = client.diagnostics(&doc.uri);
    let paired = first["diagnostics"]
        .as_array()
        .is_some_and(|d| d.iter().all(|d| d["code"] != "treaty-missing"));
    assert!(paired, "{} is paired with its treaty", path.display());
    (client, doc)
}

/// Edit `i` of a series: a character typed at `at` (even `i`) or taken out again (odd `i`),
/// sent; waits for its diagnostics and returns how long they took.
fn edit(client: &mut Client, doc: &mut Doc, at: usize, i: usize) -> Duration {
    let change = if i % 2 == 0 {
        doc.change(at, at, "x")
    } else {
        doc.change(at, at + 1, "")
    };
    let sent = Instant::now();
    doc.send(client, vec![change]);
    client.diagnostics_for_version(&doc.uri, doc.version);
    sent.elapsed()
}

/// Times `EDITS` edits at `at`, one after another.
fn edits(client: &mut Client, doc: &mut Doc, at: usize) -> Vec<Duration> {
    (0..EDITS).map(|i| edit(client, doc, at, i)).collect()
}

/// The server's resident memory before and every `SAMPLE_EVERY` edits of `LONG_EDITS` on `path`.
fn memory_over_edits(path: &Path) {
    let (mut client, mut doc) = open(path);
    let pid = client.server_pid().expect("a server process");
    let at = coder_names(&doc.text);
    println!("  resident memory over {LONG_EDITS} edits of the seed sheet (edits: VmRSS):");
    let mut row = vec![format!("0: {}", mib(resident_kib(pid)))];
    for i in 0..LONG_EDITS {
        edit(&mut client, &mut doc, at, i);
        if (i + 1) % SAMPLE_EVERY == 0 {
            row.push(format!("{}: {}", i + 1, mib(resident_kib(pid))));
        }
    }
    println!("    {}", row.join(", "));
    assert!(client.shutdown(), "the server exits cleanly");
}

/// Times `REQUESTS` requests `method` at `at`, checking each has a non-null result.
fn requests(client: &mut Client, doc: &Doc, method: &str, at: usize) -> Vec<Duration> {
    (0..REQUESTS)
        .map(|_| {
            let sent = Instant::now();
            let result = client.request(method, doc.at(at));
            let took = sent.elapsed();
            assert!(!result.is_null(), "{method} answers");
            took
        })
        .collect()
}

/// Where the first member code of the members question ends: a place to complete.
fn first_member_code_end(text: &str) -> usize {
    let answer = offset_of(text, "(use COW country codes):", 0) + "(use COW country codes):".len();
    let line = answer
        + text[answer..]
            .find(|c: char| c.is_ascii_digit())
            .expect("a member");
    line + text[line..]
        .find(|c: char| !c.is_ascii_digit())
        .expect("a name")
}

/// Where the coder's names start (Q61's answer): a place to type.
fn coder_names(text: &str) -> usize {
    let prompt = offset_of(text, "61. Coder:", 0) + "61. Coder:".len();
    prompt
        + text[prompt..]
            .find(|c: char| !c.is_whitespace())
            .expect("an answer")
}

/// Edits (in the coder's names), hover and completion on one sheet.
fn latencies(label: &str, path: &Path) {
    let (mut client, mut doc) = open(path);
    let at = coder_names(&doc.text);
    report(
        &format!("didChange → publishDiagnostics, {label}"),
        edits(&mut client, &mut doc, at),
    );
    let citation = offset_of(&doc.text, "(Art. ", 0) + "(Art. ".len();
    report(
        &format!("hover on a citation, {label}"),
        requests(&mut client, &doc, "textDocument/hover", citation),
    );
    report(
        &format!("completion on a member code, {label}"),
        requests(
            &mut client,
            &doc,
            "textDocument/completion",
            first_member_code_end(&doc.text),
        ),
    );
    assert!(client.shutdown(), "the server exits cleanly");
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = root.join("examples/5030/5030.codesheet.txt");
    println!("atop-lint lsp over stdio (release binary)");

    let starts = (0..STARTS)
        .map(|_| {
            let started = Instant::now();
            let (client, _) = open(&seed);
            let took = started.elapsed();
            assert!(client.shutdown(), "the server exits cleanly");
            took
        })
        .collect();
    report("start-up to first diagnostics, seed sheet", starts);

    let corpora = corpus::ensure(root);
    let largest = corpora.base.largest_sheet();
    latencies("seed sheet", &seed);
    println!(
        "  (largest corpus sheet: {}, {} KB)",
        largest.display(),
        std::fs::metadata(&largest).map_or(0, |m| m.len() / 1024)
    );
    latencies("largest corpus sheet", &largest);

    let (mut client, _seed_doc) = open(&seed);
    let pid = client.server_pid().expect("a server process");
    let with_seed = resident_kib(pid);
    for sheet in corpora.base.sheets.iter().take(OPEN_SHEETS) {
        let path = corpora.base.dir.join(sheet);
        let text = std::fs::read_to_string(&path).expect("a corpus sheet");
        let doc = Doc::open(&mut client, &uri(&path), &text);
        client.diagnostics(&doc.uri);
    }
    let with_many = resident_kib(pid);
    println!(
        "  resident memory: {} with the seed pair open, {} with {OPEN_SHEETS} corpus sheets more",
        mib(with_seed),
        mib(with_many)
    );
    assert!(client.shutdown(), "the server exits cleanly");

    memory_over_edits(&seed);
}
