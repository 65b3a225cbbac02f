//! How fast the language server answers an edit: the time from sending a `didChange` for the
//! seed sheet to receiving its `publishDiagnostics`, over stdio with the real binary, for 1,000
//! edits one after another; and the server's resident memory with the seed pair open.
//!
//! Run: `cargo bench --bench lsp_latency` (a release build).

#[allow(dead_code)] // The bench uses part of the test client.
#[path = "../tests/lsp_client/mod.rs"]
mod lsp_client;

use lsp_client::{Client, Doc, offset_of, uri};
use serde_json::{Value, json};
use std::path::Path;
use std::time::{Duration, Instant};

const EDITS: usize = 1000;

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

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sheet = root.join("examples/5030/5030.codesheet.txt");
    let text = std::fs::read_to_string(&sheet).expect("the seed sheet");
    let mut client = Client::binary();
    let pid = client.server_pid().expect("a server process");
    client.initialize(json!({}), Value::Null);
    let mut doc = Doc::open(&mut client, &uri(&sheet), &text);
    let first = client.diagnostics(&doc.uri);
    let paired = first["diagnostics"]
        .as_array()
        .is_some_and(|d| d.iter().all(|d| d["code"] != "treaty-missing"));
    assert!(paired, "the seed sheet is paired with its treaty");
    let memory_open = resident_kib(pid);

    // Type a character into the coder's name and take it out again, one edit at a time.
    let at = offset_of(&doc.text, "Ashley Leeds", 0);
    let mut latencies = Vec::with_capacity(EDITS);
    for i in 0..EDITS {
        let change = if i % 2 == 0 {
            doc.change(at, at, "x")
        } else {
            doc.change(at, at + 1, "")
        };
        let sent = Instant::now();
        doc.send(&mut client, vec![change]);
        client.diagnostics_for_version(&doc.uri, doc.version);
        latencies.push(sent.elapsed());
    }
    let memory_after = resident_kib(pid);
    assert!(client.shutdown(), "the server exits cleanly");

    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("didChange → publishDiagnostics, seed sheet, {EDITS} edits over stdio:");
    println!(
        "  median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        ms(percentile(&latencies, 0.5)),
        ms(percentile(&latencies, 0.99)),
        ms(latencies[latencies.len() - 1])
    );
    let mib = |k: Option<u64>| {
        k.map_or("unknown".to_string(), |k| {
            format!("{:.1} MiB", k as f64 / 1024.0)
        })
    };
    println!(
        "resident memory: {} with the seed pair open, {} after the edits",
        mib(memory_open),
        mib(memory_after)
    );
}
