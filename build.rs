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
        "/// Per file of [`LANGUAGE_FILES`], its evidence patterns' prefixes as\n/// `model::patterns::prefixes::decode` reads them; None for a file whose patterns did not all\n/// read (the crate reads them, and reports the error).\npub static EVIDENCE_PREFIXES: &[Option<&[u8]>] = &[\n",
    );
    for n in &names {
        let text = fs::read_to_string(dir.join(n)).expect("a language file reads");
        match evidence_prefixes(&text) {
            Some(data) => {
                let escaped: String = (data.iter())
                    .flat_map(|b| std::ascii::escape_default(*b))
                    .map(char::from)
                    .collect();
                writeln!(out, "    Some(b\"{escaped}\"),").expect("a String takes it");
            }
            None => out.push_str("    None,\n"),
        }
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR is set")).join("languages.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}

/// A language file's evidence prefixes as `prefixes::decode` reads them: one byte string for
/// the whole file, compressed (a static slice per literal took a pointer and a relocation
/// each, 0.9 MB of binary; the bytes alone, 0.3 MB). None if the file or one of its patterns
/// does not read, or a literal or a count does not fit.
fn evidence_prefixes(text: &str) -> Option<Vec<u8>> {
    let file: language_file::LanguageFile = toml::from_str(text).ok()?;
    let mut out = Vec::new();
    for source in file.evidence_sources() {
        let hir = regex_syntax::parse(&source.source).ok()?;
        match prefixes::prefixes(&hir) {
            Some(literals) => {
                let count = u16::try_from(literals.len())
                    .ok()
                    .filter(|c| *c < u16::MAX)?;
                out.extend(count.to_le_bytes());
                for l in literals {
                    out.push(u8::try_from(l.len()).ok()?);
                    out.extend(l);
                }
            }
            None => out.extend(u16::MAX.to_le_bytes()),
        }
    }
    Some(miniz_oxide::deflate::compress_to_vec_zlib(&out, 10))
}
