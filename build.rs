//! Embeds every `schemas/lang/*.toml`, so adding a language is adding a file.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("schemas/lang");
    println!("cargo:rerun-if-changed={}", dir.display());
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
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR is set")).join("languages.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
