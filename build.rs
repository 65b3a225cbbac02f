//! Embeds every `schemas/lang/*.toml`, so adding a language is adding a file, with the prefixes
//! of each language's evidence patterns that the prefilter searches for: reading them (parsing
//! every pattern) was the largest part of a process's start-up.

use std::{env, fmt::Write, fs, path::Path};

// The crate's own code for a language file's evidence patterns and their prefixes, so that
// these are the crate's patterns (the crate reads the rest of these files).
#[allow(dead_code)]
#[path = "src/model/lang/file.rs"]
mod language_file;
#[allow(dead_code)]
#[path = "src/model/patterns/prefixes.rs"]
mod prefixes;

const SHARED: [&str; 2] = ["src/model/lang/file.rs", "src/model/patterns/prefixes.rs"];

fn main() {
    let dir = Path::new("schemas/lang");
    println!("cargo:rerun-if-changed={}", dir.display());
    for path in SHARED {
        println!("cargo:rerun-if-changed={path}");
    }
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("schemas/lang exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    let mut out = String::from(
        "/// Every language file of `schemas/lang/`, as (file name, text).\npub static LANGUAGE_FILES: &[(&str, &str)] = &[\n",
    );
    for n in &names {
        println!("cargo:rerun-if-changed=schemas/lang/{n}");
        out.push_str(&format!(
            "    (\"schemas/lang/{n}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/schemas/lang/{n}\"))),\n"
        ));
    }
    out.push_str("];\n");
    out.push_str(
        "/// Per file of [`LANGUAGE_FILES`], its evidence patterns' prefixes; None for a file\n/// whose patterns did not all read (the crate reads them, and reports the error).\npub static EVIDENCE_PREFIXES: &[Option<crate::model::patterns::BuiltPrefixes>] = &[\n",
    );
    for n in &names {
        let text = fs::read_to_string(dir.join(n)).expect("a language file reads");
        match evidence_prefixes(&text) {
            Some(list) => writeln!(out, "    Some(&[{list}]),").expect("a String takes it"),
            None => out.push_str("    None,\n"),
        }
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR is set")).join("languages.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}

/// A language file's evidence prefixes as Rust: `Some(&[b"…", …]), None, …`; None if the file
/// or one of its patterns does not read.
fn evidence_prefixes(text: &str) -> Option<String> {
    let file: language_file::LanguageFile = toml::from_str(text).ok()?;
    let mut out = String::new();
    for source in file.evidence_sources() {
        let hir = regex_syntax::parse(&source.source).ok()?;
        match prefixes::prefixes(&hir) {
            Some(literals) => {
                out.push_str("Some(&[");
                for l in literals {
                    let escaped: String = l
                        .iter()
                        .flat_map(|b| std::ascii::escape_default(*b))
                        .map(char::from)
                        .collect();
                    write!(out, "b\"{escaped}\",").expect("a String takes it");
                }
                out.push_str("]),");
            }
            None => out.push_str("None,"),
        }
    }
    Some(out)
}
