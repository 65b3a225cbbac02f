//! Helpers shared by the end-to-end tests: running the binary, scratch folders, the fixtures.
// Each test crate uses its own subset of these.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SEED: &str = include_str!("../../examples/5030/5030.codesheet.txt");
pub const CLEAN: &str = include_str!("../fixtures/sheets/5030-clean.codesheet.txt");
/// The seed as a second coder might have coded it: three answers differ (Q4, Q5, Q16).
pub const CODER_B: &str = include_str!("../fixtures/sheets/5030-coder-b.codesheet.txt");
pub const TREATY: &str = include_str!("../../examples/5030/5030.treaty.zh.txt");

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_atop-lint"));
    c.env("NO_COLOR", "1");
    c
}

pub fn run(args: &[&str], dir: &Path) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("atop-lint runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 errors")
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch folder holding `files` (name, contents).
pub fn scratch(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let p = dir.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    dir
}
