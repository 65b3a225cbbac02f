//! A hostile or broken workspace (issue 14): the workspace boundary, files that are not regular
//! files, size caps, encodings. Each failure found by a hostile pass is a case here, with the
//! exact outcome.

mod common;
#[allow(dead_code)] // This suite uses a part of the shared client.
mod lsp_client;

use common::*;
use lsp_client::{Client, Doc, lsp_position, uri};
use serde_json::{Value, json};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::Duration;

/// Written into every file outside the workspace: no output may contain it.
const CANARY: &str = "CANARY-OUTSIDE-7f3a91";

/// A repository (a folder with `.git`) holding the seed sheet, whose `atop.toml` and treaty
/// link point at files outside it, each holding [`CANARY`].
struct Hostile {
    _tmp: tempfile::TempDir,
    repo: PathBuf,
    outside: PathBuf,
}

fn hostile() -> Hostile {
    let tmp = tempfile::tempdir().expect("temp dir");
    let base = tmp.path().canonicalize().expect("a real path");
    let repo = base.join("repo");
    let outside = base.join("outside");
    fs::create_dir_all(repo.join(".git")).unwrap();
    fs::create_dir_all(repo.join("treaties")).unwrap();
    fs::create_dir_all(outside.join("treaties")).unwrap();
    let canary_treaty = format!("{CANARY}\n{TREATY}\n{CANARY}\n");
    fs::write(outside.join("treaties/5030.treaty.txt"), &canary_treaty).unwrap();
    fs::write(outside.join("secret.txt"), &canary_treaty).unwrap();
    let schema = fs::read_to_string(root().join("schemas/atop-codesheet-v4.json")).unwrap();
    fs::write(
        outside.join("schema.json"),
        schema.replacen("ATOP coding sheet", CANARY, 1),
    )
    .unwrap();
    let release = fs::read_to_string(root().join("data/atop/atop4_01_alliance-level.csv"))
        .expect("the 4.01 file");
    fs::write(outside.join("alliances.csv"), &release).unwrap();
    fs::write(repo.join("5030.codesheet.txt"), SEED).unwrap();
    fs::write(
        repo.join("atop.toml"),
        format!(
            "schema = \"{}\"\ndataset = \"../outside/alliances.csv\"\n\
             treaties = [\"{}\", \"/etc\", \"missing-folder\"]\n",
            outside.join("schema.json").display(),
            outside.join("treaties").display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.join("secret.txt"),
        repo.join("treaties/5030.treaty.zh.txt"),
    )
    .unwrap();
    Hostile {
        _tmp: tmp,
        repo,
        outside,
    }
}

/// The warnings a run over [`hostile`] must give, one per refused or missing path, in order;
/// `treaties` is the repository's treaty folder as the run writes it.
fn refusals(h: &Hostile, treaties: &str) -> Vec<String> {
    let config = h.repo.join("atop.toml");
    let config = config.display();
    let outside = h.outside.display();
    let repo = h.repo.display();
    let mut want = vec![
        format!("/etc: not read: the `treaties` of {config} leads outside the workspace."),
        format!(
            "{repo}/../outside/alliances.csv (really {outside}/alliances.csv): not read: the \
             `dataset` of {config} leads outside the workspace."
        ),
        format!(
            "{repo}/missing-folder: the treaty folder named in `treaties` of {config} does not exist"
        ),
        format!(
            "{treaties}/5030.treaty.zh.txt (really {outside}/secret.txt): not read: a treaty file found by pairing leads outside the workspace."
        ),
        format!(
            "{outside}/schema.json: not read: the `schema` of {config} leads outside the workspace."
        ),
        format!(
            "{outside}/treaties: not read: the `treaties` of {config} leads outside the workspace."
        ),
    ];
    want.sort();
    want
}

/// Each line of `got` starts with the matching line of `want`, and there are as many.
fn assert_lines_start(got: &[&str], want: &[String]) {
    assert_eq!(got.len(), want.len(), "{got:#?}");
    for (g, w) in got.iter().zip(want) {
        assert!(g.starts_with(w.as_str()), "{g}\n  does not start with\n{w}");
    }
}

/// Runs the binary with no user configuration file, giving up (and failing) if it hangs.
fn run_bounded(args: &[&str], dir: &Path, config_home: &Path) -> Output {
    let child = bin()
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", config_home)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("atop-lint runs");
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    // Read while it runs: a full pipe would stop it.
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(output) => output.expect("output"),
        Err(_) => {
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status();
            panic!("atop-lint {args:?} hung");
        }
    }
}

#[test]
fn nothing_outside_the_workspace_is_read_in_any_output_format() {
    let h = hostile();
    let no_config = h.repo.join(".git");
    for format in ["human", "json", "github", "sarif"] {
        let o = run_bounded(&["check", "--format", format, "."], &h.repo, &no_config);
        let (out, err) = (stdout(&o), stderr(&o));
        assert_eq!(o.status.code(), Some(1), "{format}: {err}");
        assert!(!out.contains(CANARY) && !err.contains(CANARY), "{format}");
        assert!(!out.contains("outside"), "{format}: {out}");
        let mut warnings: Vec<&str> = err
            .lines()
            .map(|l| l.strip_prefix("atop-lint: warning: ").expect("a warning"))
            .collect();
        warnings.sort();
        assert_lines_start(&warnings, &refusals(&h, "./treaties"));
        // The rule and the ways around it are said.
        assert!(warnings[0].contains(
            "name the file on the command line (--treaty, --schema, --dataset) or allow its \
             folder in `allow` of "
        ));
    }
    // `export` reads the schema through atop.toml too.
    let o = run_bounded(&["export", "."], &h.repo, &no_config);
    let err = stderr(&o);
    assert!(!err.contains(CANARY) && !stdout(&o).contains(CANARY));
    let mut warnings: Vec<&str> = err
        .lines()
        .map(|l| l.strip_prefix("atop-lint: warning: ").expect("a warning"))
        .collect();
    warnings.sort();
    let schema = format!("{}/schema.json: not read", h.outside.display());
    assert_eq!(
        warnings.iter().filter(|w| w.starts_with(&schema)).count(),
        1,
        "{err}"
    );
    // Named by the user, an outside treaty is read.
    let treaty = h.outside.join("secret.txt");
    let o = run_bounded(
        &[
            "check",
            "--format",
            "json",
            "--treaty",
            &treaty.display().to_string(),
            ".",
        ],
        &h.repo,
        &no_config,
    );
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(
        v["files"][0]["treaties"],
        json!([treaty.display().to_string()])
    );
}

#[test]
fn a_folder_allowed_in_the_user_configuration_is_read() {
    let h = hostile();
    let config_home = h.repo.parent().unwrap().join("config");
    fs::create_dir_all(config_home.join("atop-lint")).unwrap();
    fs::write(
        config_home.join("atop-lint/config.toml"),
        format!("allow = [\"{}\"]\n", h.outside.display()),
    )
    .unwrap();
    let o = run_bounded(&["check", "--format", "json", "."], &h.repo, &config_home);
    let err = stderr(&o);
    let warnings: Vec<&str> = err.lines().collect();
    let want = format!(
        "atop-lint: warning: /etc: not read: the `treaties` of {} leads outside the workspace.",
        h.repo.join("atop.toml").display()
    );
    let missing = format!(
        "atop-lint: warning: {}/missing-folder: the treaty folder named in `treaties` of {} does not exist",
        h.repo.display(),
        h.repo.join("atop.toml").display()
    );
    assert_lines_start(&warnings, &[want, missing]);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let treaties = v["files"][0]["treaties"]
        .as_array()
        .expect("treaties")
        .len();
    assert_eq!(treaties, 2, "{}", v["files"][0]["treaties"]);
}

#[test]
fn the_language_server_reads_nothing_outside_the_workspace() {
    let h = hostile();
    let mut client = Client::in_process();
    let repo_uri = uri(&h.repo);
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {},
               "workspaceFolders": [{"uri": repo_uri, "name": "repo"}]}),
    );
    client.notify("initialized", json!({}));
    let sheet = Doc::open(&mut client, &uri(&h.repo.join("5030.codesheet.txt")), SEED);
    let published = client.diagnostics(&sheet.uri);
    let mut seen = vec![published.to_string()];
    let mut messages = Vec::new();
    let want = refusals(&h, &h.repo.join("treaties").display().to_string());
    for _ in 0..want.len() {
        let m = client.notification("window/showMessage");
        messages.push(m["message"].as_str().expect("a message").to_string());
    }
    messages.sort();
    let messages: Vec<&str> = messages.iter().map(String::as_str).collect();
    assert_lines_start(&messages, &want);
    // Hovers and definitions on every citation and reference.
    for needle in ["Art", "#", "Article"] {
        for (offset, _) in SEED.match_indices(needle) {
            let at = json!({"textDocument": {"uri": sheet.uri},
                            "position": lsp_position(SEED, offset + 1, false)});
            seen.push(client.request("textDocument/hover", at.clone()).to_string());
            seen.push(client.request("textDocument/definition", at).to_string());
        }
    }
    for s in &seen {
        assert!(!s.contains(CANARY) && !s.contains("outside"), "{s}");
    }
    client.assert_all_consumed();
    assert!(client.shutdown());
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_at_once() {
    let dir = scratch(&[("5030.codesheet.txt", CLEAN)]);
    let d = dir.path();
    mkfifo(&d.join("pipe.csv"));
    mkfifo(&d.join("pipe.codesheet.txt"));
    let no_config = d.join("no-config");
    let fifo = "a FIFO (named pipe), not a regular file: only regular files are read";
    let device = "a device, not a regular file: only regular files are read";
    let cases: [(&[&str], String); 7] = [
        (
            &["check", "/dev/zero"],
            format!("atop-lint: /dev/zero: {device}\n"),
        ),
        (
            &["check", "--treaty", "/dev/zero", "5030.codesheet.txt"],
            format!("atop-lint: /dev/zero: {device}\n"),
        ),
        (
            &["check", "--schema", "/dev/zero", "5030.codesheet.txt"],
            format!("atop-lint: /dev/zero: {device}\n"),
        ),
        (
            &["check", "--dataset", "/dev/zero", "5030.codesheet.txt"],
            format!("atop-lint: /dev/zero: {device}\n"),
        ),
        (
            &["check", "--dataset", "pipe.csv", "5030.codesheet.txt"],
            format!("atop-lint: pipe.csv: {fifo}\n"),
        ),
        (
            &["check", "pipe.codesheet.txt"],
            format!("atop-lint: pipe.codesheet.txt: {fifo}\n"),
        ),
        (
            &["check", "--treaty", "pipe.csv", "5030.codesheet.txt"],
            format!("atop-lint: pipe.csv: {fifo}\n"),
        ),
    ];
    for (args, want) in cases {
        let o = run_bounded(args, d, &no_config);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&o), want, "{args:?}");
    }
    // Through atop.toml, inside the workspace.
    fs::write(d.join("atop.toml"), "dataset = \"pipe.csv\"\n").unwrap();
    let o = run_bounded(&["check", "5030.codesheet.txt"], d, &no_config);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "atop-lint: {}: {fifo}\n",
            d.canonicalize().unwrap().join("pipe.csv").display()
        )
    );
    // The language server says so and goes on answering.
    let mut client = Client::in_process();
    client.initialize(json!({}), Value::Null);
    let sheet = Doc::open(&mut client, &uri(&d.join("5030.codesheet.txt")), CLEAN);
    let message = client.notification("window/showMessage");
    assert!(
        message["message"]
            .as_str()
            .is_some_and(|m| m.ends_with(&format!("pipe.csv: {fifo}; linting without the dataset"))),
        "{message}"
    );
    client.diagnostics(&sheet.uri);
    assert!(client.shutdown());
}

#[test]
fn files_over_the_size_cap_are_refused() {
    let dir = scratch(&[("5030.codesheet.txt", CLEAN)]);
    let no_config = dir.path().join("no-config");
    let o = run_bounded(
        &["check", "--max-file-size", "1000", "5030.codesheet.txt"],
        dir.path(),
        &no_config,
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "atop-lint: 5030.codesheet.txt: larger than the cap of 1000 bytes on a file read \
         (raise it with --max-file-size or ATOP_LINT_MAX_FILE_SIZE)\n"
    );
}

#[test]
fn a_utf16_sheet_is_called_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(CLEAN.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    fs::write(dir.path().join("5030.codesheet.txt"), utf16).unwrap();
    let o = run_bounded(&["check", "5030.codesheet.txt"], dir.path(), dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "atop-lint: 5030.codesheet.txt: UTF-16 text; convert it to UTF-8\n"
    );
}

#[test]
fn dollar_requests_get_method_not_found() {
    let mut client = Client::in_process();
    client.initialize(json!({}), Value::Null);
    let error = client.request_error("$/nonsense", json!({}));
    assert_eq!(
        error,
        json!({"code": -32601, "message": "no method $/nonsense"})
    );
    // Notifications may be ignored: nothing comes back.
    client.notify("$/nonsense", json!({}));
    client.assert_all_consumed();
    assert!(client.shutdown());
}

#[test]
fn a_change_whose_range_ends_before_it_starts_is_refused() {
    let mut client = Client::in_process();
    client.initialize(json!({}), Value::Null);
    let sheet = Doc::open(&mut client, "untitled:reversed", CLEAN);
    client.diagnostics(&sheet.uri);
    let reversed = json!({"range": {"start": {"line": 2, "character": 4},
                                    "end": {"line": 1, "character": 0}}, "text": "X"});
    let after = json!({"range": {"start": {"line": 0, "character": 0},
                                 "end": {"line": 0, "character": 0}}, "text": "Y"});
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": sheet.uri, "version": 2},
               "contentChanges": [reversed, after]}),
    );
    let log = client.notification("window/logMessage");
    assert_eq!(
        log,
        json!({"type": 1, "message": "didChange for untitled:reversed refused from change 1: \
               a change whose range ends (1:0) before it starts (2:4)"})
    );
    client.diagnostics(&sheet.uri);
    let text = client.request("atop-lint/documentText", json!({"uri": sheet.uri}));
    assert_eq!(text, json!({"version": 2, "text": CLEAN}));
    client.assert_all_consumed();
    assert!(client.shutdown());
}

#[test]
fn a_sheet_named_from_its_own_folder_finds_the_treaty_beside_it() {
    let dir = scratch(&[("5030.codesheet.txt", SEED), ("5030.treaty.zh.txt", TREATY)]);
    for name in ["5030.codesheet.txt", "./5030.codesheet.txt"] {
        let o = run(&["check", "--format", "json", name], dir.path());
        let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
        assert_eq!(
            v["files"][0]["treaties"],
            json!(["./5030.treaty.zh.txt"]),
            "{name}"
        );
    }
}

#[test]
fn a_file_that_is_no_sheet_is_said_once() {
    let dir = scratch(&[("README.md", "# Notes\n\n1. Install it.\n2. Run it.\n")]);
    let o = run(&["check", "--format", "github", "README.md"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "::error file=README.md,line=1,col=1,endLine=1,endColumn=1,title=atop-lint \
         not-a-sheet::no question of the questionnaire (\"ATOP coding sheet\") found: this \
         does not look like a coding sheet\n"
    );
}

#[test]
fn the_same_sheet_named_twice_is_linted_once() {
    let dir = scratch(&[("a/5030.codesheet.txt", CLEAN)]);
    let o = run(
        &[
            "check",
            "--format",
            "json",
            "a",
            "a/5030.codesheet.txt",
            "./a/../a/5030.codesheet.txt",
        ],
        dir.path(),
    );
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["files"].as_array().expect("files").len(), 1, "{v}");
}

#[test]
fn a_failed_run_prints_no_summary() {
    let dir = scratch(&[("5030.codesheet.txt", CLEAN)]);
    let o = run(&["check", "missing.codesheet.txt"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        "atop-lint: missing.codesheet.txt: no such file or folder\n"
    );
}

#[test]
fn an_empty_schema_and_a_malformed_dataset_are_refused() {
    let schema = fs::read_to_string(root().join("schemas/atop-codesheet-v4.json")).unwrap();
    let mut empty: Value = serde_json::from_str(&schema).expect("the built-in schema");
    empty["questions"] = json!([]);
    let dir = scratch(&[
        ("5030.codesheet.txt", CLEAN),
        ("empty.json", &empty.to_string()),
        ("quote.csv", "atopid,begyr\n5030,2002\n5031,\"2003\n"),
        ("twice.csv", "atopid,begyr\n5030,2002\n5030,2003\n"),
    ]);
    let cases = [
        (
            ["--schema", "empty.json"],
            "atop-lint: empty.json:1:1: at `questions`: no questions: a schema asks at least one\n",
        ),
        (
            ["--dataset", "quote.csv"],
            "atop-lint: quote.csv:3: a quote opened here is never closed\n",
        ),
        (
            ["--dataset", "twice.csv"],
            "atop-lint: twice.csv:3: a second row for ATOP ID 5030 (the first is on line 2)\n",
        ),
    ];
    for (flags, want) in cases {
        let o = run(
            &["check", flags[0], flags[1], "5030.codesheet.txt"],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(2), "{flags:?}");
        assert_eq!(stderr(&o), want, "{flags:?}");
    }
}

#[cfg(unix)]
#[test]
fn what_the_walk_skips_is_counted_and_listed() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch(&[
        ("sub/5030.codesheet.txt", CLEAN),
        (".hidden/5030.codesheet.txt", CLEAN),
        (".h.codesheet.txt", CLEAN),
        ("ignored/5030.codesheet.txt", CLEAN),
        (".gitignore", "ignored/\n"),
        (".git/HEAD", "not a sheet\n"),
        ("sub/notes.txt", "not a sheet\n"),
    ]);
    let bad = std::ffi::OsStr::from_bytes(b"bad\xff.codesheet.txt");
    fs::write(dir.path().join(bad), CLEAN).unwrap();
    let o = run(&["check", "."], dir.path());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stderr(&o),
        "atop-lint: skipped 4 paths (hidden, ignored, unreadable or not UTF-8); --list-skipped \
         lists them\n"
    );
    assert!(stdout(&o).ends_with("in 1 file\n"), "{}", stdout(&o));
    let o = run(&["check", "--list-skipped", "."], dir.path());
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "atop-lint: skipped ./.h.codesheet.txt: a hidden or ignored file\n\
         atop-lint: skipped ./.hidden: a hidden or ignored folder\n\
         atop-lint: skipped ./bad\u{fffd}.codesheet.txt: its name is not UTF-8\n\
         atop-lint: skipped ./ignored: a hidden or ignored folder\n"
    );
}

/// A folder the user cannot read is counted with the other skips and listed, not passed over in
/// silence. Root reads every folder, so as root the binary runs as `nobody` (through util-linux's
/// `setpriv`), from a copy in a folder that user can reach.
#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_counted_and_listed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch(&[
        ("sheets/ok/5030.codesheet.txt", CLEAN),
        ("sheets/locked/5030.codesheet.txt", CLEAN),
    ]);
    let bin = dir.path().join("atop-lint");
    fs::copy(env!("CARGO_BIN_EXE_atop-lint"), &bin).unwrap();
    for (path, mode) in [
        (dir.path(), 0o755),
        (&dir.path().join("sheets"), 0o755),
        (&dir.path().join("sheets/ok"), 0o755),
        (&dir.path().join("sheets/ok/5030.codesheet.txt"), 0o644),
        (&bin, 0o755),
        (&dir.path().join("sheets/locked"), 0o000),
    ] {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    }
    // SAFETY: geteuid has no preconditions.
    let as_root = unsafe { libc::geteuid() } == 0;
    let check = |args: &[&str]| {
        let mut c = if as_root {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(&bin);
            c
        } else {
            std::process::Command::new(&bin)
        };
        c.arg("check")
            .args(args)
            .arg("sheets")
            .current_dir(dir.path());
        // A child forked by another test's thread while the copy was open for writing holds
        // it open until it execs: running the copy then fails with "Text file busy" (ETXTBSY).
        for _ in 0..20 {
            match c.output() {
                Ok(o) if !stderr(&o).contains("Text file busy") => return o,
                Err(e) if e.raw_os_error() != Some(libc::ETXTBSY) => panic!("atop-lint runs: {e}"),
                _ => std::thread::sleep(std::time::Duration::from_millis(50)),
            }
        }
        c.output().expect("atop-lint runs")
    };
    let o = check(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "atop-lint: skipped 1 path (hidden, ignored, unreadable or not UTF-8); --list-skipped \
         lists them\n"
    );
    assert!(stdout(&o).ends_with("in 1 file\n"), "{}", stdout(&o));
    let o = check(&["--list-skipped"]);
    assert_eq!(
        stderr(&o),
        "atop-lint: skipped sheets/locked: cannot be read\n"
    );
    fs::set_permissions(
        dir.path().join("sheets/locked"),
        fs::Permissions::from_mode(0o755),
    )
    .unwrap();
}

/// The seed as `--fix` leaves it.
fn seed_fixed() -> String {
    let dir = scratch(&[("5030.codesheet.txt", SEED)]);
    let o = run(&["check", "--fix", "5030.codesheet.txt"], dir.path());
    assert_eq!(
        stderr(&o),
        "Fixed 4 problems in 5030.codesheet.txt (citation-style 2, numbering-typo 1, \
         section-sequence 1)\n"
    );
    let fixed = fs::read_to_string(dir.path().join("5030.codesheet.txt")).unwrap();
    assert_ne!(fixed, SEED);
    fixed
}

#[cfg(unix)]
#[test]
fn fix_keeps_links_owner_and_mode_and_fixes_a_links_target() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let want = seed_fixed();
    let dir = scratch(&[("real/5030.codesheet.txt", SEED)]);
    let real = dir.path().join("real/5030.codesheet.txt");
    fs::hard_link(&real, dir.path().join("real/hard-link.txt")).unwrap();
    fs::create_dir(dir.path().join("link")).unwrap();
    std::os::unix::fs::symlink(
        "../real/5030.codesheet.txt",
        dir.path().join("link/5030.codesheet.txt"),
    )
    .unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
    // Another owner, where this test may give one (as root).
    let owned = std::process::Command::new("chown")
        .args(["1234:1234", &real.display().to_string()])
        .status()
        .is_ok_and(|s| s.success());
    let before = fs::metadata(&real).unwrap();
    let o = run(&["check", "--fix", "link/5030.codesheet.txt"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "Fixed 4 problems in link/5030.codesheet.txt (citation-style 2, numbering-typo 1, \
         section-sequence 1)\n"
    );
    let link = fs::symlink_metadata(dir.path().join("link/5030.codesheet.txt")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is still a link");
    assert_eq!(fs::read_to_string(&real).unwrap(), want);
    assert_eq!(
        fs::read_to_string(dir.path().join("real/hard-link.txt")).unwrap(),
        want
    );
    let after = fs::metadata(&real).unwrap();
    assert_eq!(after.ino(), before.ino());
    assert_eq!(after.nlink(), 2);
    assert_eq!(after.mode() & 0o7777, 0o640);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    if owned {
        assert_eq!(after.uid(), 1234);
    }
    let names: Vec<_> = fs::read_dir(dir.path().join("real"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "no temporary copy left: {names:?}");
}

#[cfg(unix)]
#[test]
fn fix_refuses_a_read_only_sheet() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch(&[("5030.codesheet.txt", SEED)]);
    let path = dir.path().join("5030.codesheet.txt");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let o = run(&["check", "--fix", "5030.codesheet.txt"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "atop-lint: 5030.codesheet.txt: read-only: not fixed (make it writable to fix it)\n"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), SEED);
}

/// Stops a `--fix` run over many sheets with `signal` at some point of its work: whenever it
/// comes, no temporary copy is left and every sheet is whole, fixed or not.
#[cfg(unix)]
fn fix_stopped_by(signal: &str) {
    let want = seed_fixed();
    let dir = tempfile::tempdir().unwrap();
    for i in 0..400 {
        fs::write(dir.path().join(format!("{i}.codesheet.txt")), SEED).unwrap();
    }
    for delay in [0, 50, 200] {
        let child = bin()
            .args(["check", "--fix", "--format", "json", "."])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        std::process::Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        child.wait_with_output().unwrap();
        for e in fs::read_dir(dir.path()).unwrap() {
            let name = e.unwrap().file_name().into_string().unwrap();
            assert!(name.ends_with(".codesheet.txt"), "{signal}: {name} left");
            let text = fs::read_to_string(dir.path().join(&name)).unwrap();
            assert!(text == SEED || text == want, "{signal}: {name} is cut");
        }
    }
}

#[cfg(unix)]
#[test]
fn fix_cleans_up_on_sigint_and_sigterm() {
    fix_stopped_by("-INT");
    fix_stopped_by("-TERM");
}

/// Peak resident memory of a finished `atop-lint` run, in KB.
#[cfg(target_os = "linux")]
fn peak_rss_kb(args: &[&str], dir: &Path) -> i64 {
    let child = bin()
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("atop-lint runs");
    let pid = child.id() as libc::pid_t;
    // Waited for below through wait4, which std's wait does not offer.
    std::mem::forget(child);
    let mut status = 0;
    // SAFETY: a zeroed rusage is valid; wait4 fills it in for this child only.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        assert_eq!(libc::wait4(pid, &mut status, 0, &mut usage), pid);
        usage
    };
    assert!(libc::WIFEXITED(status), "{args:?} ended by a signal");
    usage.ru_maxrss
}

/// Memory stays flat from 1,000 to 10,000 sheets in every format: reports are written as they
/// come, not held (before streaming, 10,000 sheets took 28 to 130 MB against 18 to 39 MB).
#[cfg(target_os = "linux")]
#[test]
fn memory_stays_flat_over_ten_thousand_sheets() {
    let schema = fs::read_to_string(root().join("schemas/atop-codesheet-v4.json")).unwrap();
    let mut small: Value = serde_json::from_str(&schema).unwrap();
    let questions = small["questions"].as_array().unwrap();
    small["questions"] = Value::Array(questions[..2].to_vec());
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("small.json"), small.to_string()).unwrap();
    for (folder, n) in [("thousand", 1_000), ("ten-thousand", 10_000)] {
        fs::create_dir(dir.path().join(folder)).unwrap();
        for i in 0..n {
            // A diagnostic or two each, every one pointing into the sheet.
            let sheet = format!(
                "1. ATOP ID: {}\n\n2. COW Alliance # (if applicable): 1\n",
                1000 + i
            );
            fs::write(
                dir.path().join(folder).join(format!("{i}.codesheet.txt")),
                sheet,
            )
            .unwrap();
        }
    }
    for format in ["human", "json", "github", "sarif"] {
        let run = |folder| {
            peak_rss_kb(
                &[
                    "check",
                    "--schema",
                    "small.json",
                    "--format",
                    format,
                    folder,
                ],
                dir.path(),
            )
        };
        let (small_run, large_run) = (run("thousand"), run("ten-thousand"));
        assert!(
            large_run <= small_run + 6 * 1024,
            "{format}: {small_run} KB for 1,000 sheets, {large_run} KB for 10,000"
        );
    }
}

#[test]
fn the_human_format_shows_a_window_of_a_long_line() {
    let long = format!("listed in #99. {}", "see Art. 3 and Art. 4; ".repeat(9000));
    let dir = scratch(&[(
        "5030.codesheet.txt",
        &CLEAN.replace("listed in #19.", &long),
    )]);
    let o = run(&["check", "5030.codesheet.txt"], dir.path());
    let out = stdout(&o);
    assert!(out.len() < 4000, "{} bytes", out.len());
    // The span with 120 bytes on each side at most, cut at a character boundary.
    let line = out
        .lines()
        .find(|l| l.contains("#99. see"))
        .expect("the line of #99");
    let shown = line.split_once("│ ").expect("a source line").1;
    assert!(shown.starts_with(
        "20. Describe the nature of the limits to obligations listed in #99. see Art. 3"
    ));
    assert_eq!(shown.len(), 63 + 3 + 120, "{shown}");
    assert!(
        out.ends_with("1 error, 1 warning, 1 info, 0 hints in 1 file\n"),
        "{out}"
    );
}

/// Resident memory of a process, in KB.
#[cfg(target_os = "linux")]
fn rss_kb(pid: u32) -> u64 {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).expect("the server runs");
    let line = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .expect("VmRSS");
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// A soak of 10,000 edits: the server's memory after them is what it was after the first
/// thousand, within a generous margin.
#[cfg(target_os = "linux")]
#[test]
fn ten_thousand_edits_keep_the_servers_memory_flat() {
    let mut client = Client::binary();
    client.initialize(json!({}), Value::Null);
    let pid = client.server_pid().expect("the binary");
    let mut doc = Doc::open(&mut client, "untitled:soak.codesheet.txt", CLEAN);
    client.diagnostics(&doc.uri);
    let at = CLEAN.find("listed in #19").expect("an answer");
    let mut after_first_thousand = 0;
    for i in 0..10_000 {
        let change = if i % 2 == 0 {
            doc.change(at, at, "x")
        } else {
            doc.change(at, at + 1, "")
        };
        doc.send(&mut client, vec![change]);
        if i % 50 == 49 {
            client.diagnostics_for_version(&doc.uri, doc.version);
        }
        if i == 999 {
            after_first_thousand = rss_kb(pid);
        }
    }
    let after_all = rss_kb(pid);
    assert!(
        after_all <= after_first_thousand + 8 * 1024,
        "{after_first_thousand} KB after 1,000 edits, {after_all} KB after 10,000"
    );
    assert_eq!(doc.text, CLEAN);
    assert!(client.shutdown());
}
