//! The language server end to end, over the real transport: in process on a tokio duplex, and
//! the `atop-lint lsp` binary over stdio.

mod lsp_client;

use lsp_client::{Client, Doc, frame, lsp_offset, lsp_position, offset_of, uri};
use serde_json::{Value, json};
use std::fs;
use std::path::{Path, PathBuf};

const SEED: &str = include_str!("../examples/5030/5030.codesheet.txt");
const TREATY: &str = include_str!("../examples/5030/5030.treaty.zh.txt");
/// The seed as a second coder might have coded it: three answers differ (Q4, Q5, Q16).
const CODER_B: &str = include_str!("fixtures/sheets/5030-coder-b.codesheet.txt");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed_uri() -> String {
    uri(&root().join("examples/5030/5030.codesheet.txt"))
}

fn treaty_uri() -> String {
    uri(&root().join("examples/5030/5030.treaty.zh.txt"))
}

/// A scratch folder holding `files` (name, contents).
fn scratch(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    fs::create_dir_all(p.parent().expect("a folder")).expect("folder");
    fs::write(p, text).expect("written");
}

/// The string `key` of every object in the array `list`.
fn field(list: &Value, key: &str) -> Vec<String> {
    list.as_array()
        .unwrap_or_else(|| panic!("an array: {list}"))
        .iter()
        .map(|x| {
            x[key]
                .as_str()
                .unwrap_or_else(|| panic!("{key} in {x}"))
                .to_string()
        })
        .collect()
}

fn codes(published: &Value) -> Vec<String> {
    field(&published["diagnostics"], "code")
}

fn labels(items: &Value) -> Vec<String> {
    field(items, "label")
}

fn find<'a>(published: &'a Value, code: &str) -> &'a Value {
    published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {published}"))
}

fn range(l1: u64, c1: u64, l2: u64, c2: u64) -> Value {
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

fn hover_text(result: &Value) -> &str {
    assert_eq!(result["contents"]["kind"], "markdown", "{result}");
    result["contents"]["value"].as_str().expect("hover text")
}

/// An in-process server, initialized with no capabilities, with the seed sheet open and its
/// first diagnostics consumed.
fn seed_client() -> (Client, Doc) {
    let mut client = Client::in_process();
    client.initialize(json!({}), Value::Null);
    let doc = Doc::open(&mut client, &seed_uri(), SEED);
    client.diagnostics(&doc.uri);
    (client, doc)
}

/// The codes the core reports for the seed pair, in its order.
fn core_codes(sheet: &str) -> Vec<String> {
    let treaty = atop_lint::TreatyText {
        text: TREATY.to_string(),
        lang: Some("zh".to_string()),
    };
    let analysis = atop_lint::analyze(
        sheet,
        vec![treaty],
        &atop_lint::Env::default(),
        &Default::default(),
    );
    analysis
        .diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .collect()
}

#[test]
fn seed_session_in_process() {
    let mut client = Client::in_process();
    let init = client.initialize(json!({}), Value::Null);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);

    // Open: diagnostics of the seed, paired with its Chinese treaty by the real rules.
    let mut doc = Doc::open(&mut client, &seed_uri(), SEED);
    let published = client.diagnostics(&doc.uri);
    assert_eq!(published["version"], 1);
    assert_eq!(codes(&published), core_codes(SEED));
    assert!(!codes(&published).contains(&"treaty-missing".to_string()));
    assert_eq!(
        find(&published, "unknown-question-ref"),
        &json!({
            "range": range(79, 63, 79, 67),
            "severity": 1,
            "code": "unknown-question-ref",
            "codeDescription": {"href": "https://github.com/atop-lint/atop-lint/blob/main/docs/rules.md#unknown-question-ref"},
            "source": "atop-lint",
            "message": "#109 names no question: the ATOP coding sheet has questions 1–61",
        })
    );
    // Treaty evidence points into the treaty file.
    let related = &find(&published, "treaty-contradicts-no")["relatedInformation"];
    assert_eq!(
        related[0]["location"],
        json!({"uri": treaty_uri(), "range": range(110, 33, 110, 47)})
    );
    assert!(
        related[0]["message"]
            .as_str()
            .expect("message")
            .starts_with("Art. 19: ")
    );
    let typo = find(&published, "numbering-typo").clone();
    assert_eq!(typo["range"], range(200, 2, 200, 3));
    assert_eq!(typo["severity"], 2);

    // Hover on "(Art. 19)": Article 19 of the Chinese text, with its heading.
    let art19 = offset_of(&doc.text, "(Art. 19)", 0) + 6;
    let hover = client.request("textDocument/hover", doc.at(art19));
    let text = hover_text(&hover);
    assert!(text.starts_with("**第十九条** (Article 19, zh)\n\n本条约需经批准，并自互换批准书之日起生效。\n\n本条约有效期为二十年。"), "{text}");
    assert_eq!(hover["range"], range(36, 79, 36, 81));

    // Go to definition from "(Art. 14)": the heading of Article 14 in the treaty file.
    let art14 = offset_of(&doc.text, "(Art. 14)", 0) + 6;
    let def = client.request("textDocument/definition", doc.at(art14));
    let heading = TREATY
        .lines()
        .position(|l| l == "### 第十四条")
        .expect("a heading");
    assert_eq!(
        def,
        json!([{"uri": treaty_uri(), "range": range(heading as u64, 0, heading as u64, 8)}])
    );

    // Complete "70" in Q4: the COW states whose codes start with 70, the name after the code.
    let end_of_members = offset_of(&doc.text, "705 Kazakhstan.", 0) + "705 Kazakhstan.".len();
    doc.edit(&mut client, end_of_members, end_of_members, "\n70");
    let typed = end_of_members + 3;
    let items = client.request("textDocument/completion", doc.at(typed));
    assert_eq!(
        labels(&items),
        [
            "70 Mexico",
            "700 Afghanistan",
            "701 Turkmenistan",
            "702 Tajikistan",
            "703 Kyrgyzstan",
            "704 Uzbekistan",
            "705 Kazakhstan"
        ]
    );
    assert_eq!(
        items[6]["textEdit"],
        json!({"range": range(11, 0, 11, 2), "newText": "705 Kazakhstan"})
    );
    // And by name.
    doc.edit(&mut client, typed - 2, typed, "Kaz");
    let items = client.request("textDocument/completion", doc.at(typed + 1));
    assert_eq!(items.as_array().expect("items").len(), 1, "{items}");
    assert_eq!(items[0]["label"], "705 Kazakhstan");
    assert_eq!(items[0]["textEdit"]["newText"], "705 Kazakhstan");
    let published = doc.edit(&mut client, typed - 3, typed + 1, "");

    // The quick fix for "44,", applied as a client would.
    let typo = find(&published, "numbering-typo").clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc.uri}, "range": typo["range"],
               "context": {"diagnostics": [typo]}}),
    );
    let fix = actions
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["diagnostics"][0]["code"] == "numbering-typo")
        .unwrap_or_else(|| panic!("a quick fix in {actions}"));
    assert_eq!(fix["title"], "Write \"44.\"");
    let edits = &fix["edit"]["changes"][&doc.uri];
    assert_eq!(edits, &json!([{"range": typo["range"], "newText": "."}]));
    let at = offset_of(&doc.text, "44, Does", 0) + 2;
    let published = doc.edit(&mut client, at, at + 1, ".");
    assert!(!codes(&published).contains(&"numbering-typo".to_string()));
    assert_eq!(codes(&published), core_codes(&doc.text));

    // CJK and an astral-plane character before a citation: the hover still finds it.
    let art19 = offset_of(&doc.text, "(Art. 19)", 0);
    doc.edit(&mut client, art19, art19, "中文😀 ");
    let art19 = offset_of(&doc.text, "(Art. 19)", 0) + 6;
    let hover = client.request("textDocument/hover", doc.at(art19));
    assert!(hover_text(&hover).starts_with("**第十九条** (Article 19, zh)"));
    // 79 + 2 (CJK) + 2 (surrogate pair) + 1 (space) UTF-16 units.
    assert_eq!(hover["range"], range(36, 84, 36, 86));

    let server_text = client.request("atop-lint/documentText", json!({"uri": doc.uri}));
    assert_eq!(
        server_text,
        json!({"version": doc.version, "text": doc.text})
    );
    assert!(client.shutdown());
}

#[test]
fn seed_session_over_stdio_with_bad_messages() {
    let mut client = Client::binary();
    // Garbage before initialize does not stop the server.
    client.send_raw(&frame("{not json"));
    let error = client.error_without_id();
    assert_eq!(error["error"]["code"], -32700);
    client.initialize(json!({}), Value::Null);
    let doc = Doc::open(&mut client, &seed_uri(), SEED);
    let published = client.diagnostics(&doc.uri);
    assert_eq!(
        find(&published, "unknown-question-ref")["range"],
        range(79, 63, 79, 67)
    );

    client.send_raw(&frame(r#"{"jsonrpc":"2.0","id":99,"params":{}}"#));
    assert_eq!(client.response(99)["error"]["code"], -32600);
    client.send_raw(b"Content-Length: 7\r\n\r\n[1,2,3]");
    assert_eq!(client.error_without_id()["error"]["code"], -32600);
    let error = client.request_error("atop-lint/noSuchMethod", json!({}));
    assert_eq!(error["code"], -32601);
    let error = client.request_error(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere/x.codesheet.txt"},
               "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(error["code"], -32602);
    assert_eq!(
        error["message"],
        "file:///nowhere/x.codesheet.txt is not an open document"
    );
    let error = client.request_error("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(error["code"], -32602);
    // Positions far outside the text clamp.
    let far = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc.uri}, "position": {"line": 99999, "character": 99999}}),
    );
    assert_eq!(far, Value::Null);
    // Still serving.
    let art19 = offset_of(&doc.text, "(Art. 19)", 0) + 6;
    let hover = client.request("textDocument/hover", doc.at(art19));
    assert!(hover_text(&hover).contains("本条约有效期为二十年"));
    assert!(client.shutdown(), "exit status 0 after shutdown and exit");
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let mut client = Client::binary();
    client.initialize(json!({}), Value::Null);
    client.notify("exit", Value::Null);
    assert!(!client.finish());
}

/// A small deterministic generator (xorshift), so the stress test is the same every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A random char boundary of `text` that does not split a CRLF.
fn boundary(text: &str, rng: &mut Rng) -> usize {
    let candidates: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .filter(|&i| !(text[..i].ends_with('\r') && text[i..].starts_with('\n')))
        .collect();
    candidates[rng.below(candidates.len())]
}

#[test]
fn a_thousand_rapid_edits_arrive_in_order() {
    let (mut client, mut doc) = seed_client();
    let pieces = [
        "中",
        "文字",
        "😀",
        "𝄞",
        "a",
        "(Art. 19)",
        "\n",
        "\r\n",
        "#19 ",
        " ",
        "ß",
        "",
    ];
    let mut rng = Rng(0x5030_2002_1223);
    // Keep the edits near each other so they land on text earlier edits made.
    for _ in 0..1000 {
        let mut changes = Vec::new();
        for _ in 0..1 + rng.below(2) {
            let start = boundary(&doc.text, &mut rng);
            let mut end = start;
            for _ in 0..rng.below(4) {
                if let Some(c) = doc.text[end..].chars().next() {
                    end += c.len_utf8();
                }
            }
            if doc.text[..end].ends_with('\r') && doc.text[end..].starts_with('\n') {
                end += 1;
            }
            let new = pieces[rng.below(pieces.len())];
            changes.push(doc.change(start, end, new));
        }
        doc.send(&mut client, changes);
    }
    let server = client.request("atop-lint/documentText", json!({"uri": doc.uri}));
    assert_eq!(server["version"], doc.version);
    assert_eq!(
        server["text"].as_str().expect("text").as_bytes(),
        doc.text.as_bytes()
    );
    client.diagnostics_for_version(&doc.uri, doc.version);
    assert!(client.shutdown());
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let mut client = Client::in_process();
    let init = client.initialize(
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        Value::Null,
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let mut doc = Doc::open(&mut client, &seed_uri(), SEED);
    doc.utf8 = true;
    client.diagnostics(&doc.uri);
    let art19 = offset_of(&doc.text, "(Art. 19)", 0);
    let published = doc.edit(&mut client, art19, art19, "中文😀 ");
    // Q12's answer has no error of its own; "#109" is untouched.
    assert_eq!(
        find(&published, "unknown-question-ref")["range"],
        range(79, 63, 79, 67)
    );
    let at = offset_of(&doc.text, "(Art. 19)", 0) + 6;
    let hover = client.request("textDocument/hover", doc.at(at));
    // 79 bytes, then 3 + 3 + 4 + 1.
    assert_eq!(hover["range"], range(36, 90, 36, 92));
    assert!(client.shutdown());
}

#[test]
fn hover_and_completion_contexts() {
    let (mut client, mut doc) = seed_client();

    // "#19": the prompt, the dataset variables and the current answer of Q19.
    let at = offset_of(&doc.text, "#19?", 0) + 1;
    let hover = client.request("textDocument/hover", doc.at(at));
    let text = hover_text(&hover);
    assert!(
        text.starts_with("**Q19.** Are any of the obligations contingent upon"),
        "{text}"
    );
    assert!(
        text.contains("\n\nDataset variables: `CONDITIO; "),
        "{text}"
    );
    assert!(
        text.contains("\n\n`CONDITIO` (ATOP codebook p. 41): 1 if any primary obligation"),
        "{text}"
    );
    assert!(text.ends_with("\n\nCurrent answer: No."), "{text}");
    // Q11's number: the treaty's notice terms, and which case of the codebook they are.
    let at = offset_of(&doc.text, "11. Are there conditions", 0);
    let hover = client.request("textDocument/hover", doc.at(at));
    let text = hover_text(&hover);
    assert!(
        text.contains("\n\n`RENOUNCE` (ATOP codebook p. 38): Renunciation during the term"),
        "{text}"
    );
    assert!(
        text.contains("\n\nCurrent answer: No.\n\nThe treaty says:\n- Art. 19 (zh): “如缔约任何一方均未在条约期满前一年以书面形式通知缔约另一方要求终止本条约，则本条约将自动延长五年，并依此法顺延” — a notice that stops the automatic renewal at the end of the term: PROREN (Q12), not RENOUNCE (Q11), which is renunciation during the term; Q11's No can stand\n"),
        "{text}"
    );
    // Q52's number: CONRES, which Q52 feeds together with Q51.
    let at = offset_of(&doc.text, "52. Does the treaty propose/enforce", 0);
    let hover = client.request("textDocument/hover", doc.at(at));
    let text = hover_text(&hover);
    assert!(
        text.contains("\n\nDataset variables: `CONRES (0-2), with Q51`\n\n`CONRES` (ATOP codebook p. 48): Whether the agreement proposes a solution"),
        "{text}"
    );
    // "#109": no such question.
    let at = offset_of(&doc.text, "#109", 0) + 2;
    let hover = client.request("textDocument/hover", doc.at(at));
    assert_eq!(
        hover_text(&hover),
        "ATOP coding sheet has no question 109 (it has questions 1–61)."
    );
    // A COW code in the member list.
    let at = offset_of(&doc.text, "705 Kazakhstan", 0) + 1;
    let hover = client.request("textDocument/hover", doc.at(at));
    assert_eq!(
        hover_text(&hover),
        "**705 Kazakhstan** (KZK)\n\nState-system member: 1991-12-26 – 2024-12-31"
    );

    // Yes/No at the start of a Yes/No answer (Q5; the schema allows no N/A there).
    let q5 = offset_of(&doc.text, "(check COW data)\nNo.", 0) + "(check COW data)\n".len();
    doc.edit(&mut client, q5, q5 + 3, "Y");
    let items = client.request("textDocument/completion", doc.at(q5 + 1));
    assert_eq!(labels(&items), ["Yes", "No"]);
    assert_eq!(items[0]["textEdit"]["newText"], "Yes");
    doc.edit(&mut client, q5, q5 + 1, "No.");

    // The alliance types in the alliance-type question.
    let q16 = offset_of(&doc.text, "Nonaggression pact.", 0);
    doc.edit(&mut client, q16, q16, "Def\n");
    let items = client.request("textDocument/completion", doc.at(q16 + 3));
    assert_eq!(
        labels(&items),
        [
            "Defense pact",
            "Offense pact",
            "Neutrality pact",
            "Nonaggression pact",
            "Consultation pact"
        ]
    );
    doc.edit(&mut client, q16, q16 + 4, "");

    // Question numbers after "#", article numbers after "Art. ".
    let q20 = offset_of(&doc.text, "#109", 0) + 1;
    doc.edit(&mut client, q20, q20 + 3, "6");
    let items = client.request("textDocument/completion", doc.at(q20 + 1));
    assert_eq!(labels(&items), ["6", "60", "61"]);
    assert_eq!(
        items[1]["detail"],
        "Date of last revision of this coding sheet:"
    );
    let art = offset_of(&doc.text, "(Art. 19)", 0) + 6;
    doc.edit(&mut client, art, art + 2, "1");
    let items = client.request("textDocument/completion", doc.at(art + 1));
    assert_eq!(
        labels(&items),
        [
            "1", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19"
        ]
    );
    assert_eq!(
        items[0]["detail"],
        "缔约双方根据公认的国际法原则和准则，本着相互尊重主权和领土完整、互不侵犯、互不干…"
    );
    assert!(client.shutdown());
}

#[test]
fn navigation_symbols_and_fix_all() {
    let (mut client, mut doc) = seed_client();

    // "#19" jumps to question 19; references of Q19 are every "#19".
    let hash19 = offset_of(&doc.text, "#19?", 0);
    let q19 = offset_of(&doc.text, "\n19. Are any", 0) + 1;
    let def = client.request("textDocument/definition", doc.at(hash19 + 1));
    assert_eq!(def, json!([{"uri": doc.uri, "range": range(73, 0, 73, 2)}]));
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": doc.uri}, "position": doc.at(q19)["position"],
               "context": {"includeDeclaration": true}}),
    );
    assert_eq!(
        refs,
        json!([{"uri": doc.uri, "range": range(73, 0, 73, 2)},
               {"uri": doc.uri, "range": range(92, 10, 92, 13)}])
    );

    // Sections with their questions inside; folds for sections and multi-line questions.
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": doc.uri}}),
    );
    let sections = field(&symbols, "name");
    assert_eq!(sections.len(), 5, "{sections:?}");
    assert_eq!(sections[0], "SECTION I: FORMATION, MEMBERS, AND DURATION");
    let first = field(&symbols[0]["children"], "name");
    assert_eq!(first.len(), 15);
    assert_eq!(first[0], "1. ATOP ID:");
    assert_eq!(symbols[0]["children"][3]["range"], range(8, 0, 10, 15));
    let folds = client.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": doc.uri}}),
    );
    assert_eq!(
        folds[0],
        json!({"startLine": 0, "endLine": 48, "kind": "region"})
    );
    assert!(
        folds
            .as_array()
            .expect("folds")
            .contains(&json!({"startLine": 8, "endLine": 10, "kind": "region"})),
        "{folds}"
    );

    // Fix all: the fixes `check --fix` makes, as one edit.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc.uri}, "range": range(0, 0, 0, 0),
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    assert_eq!(actions.as_array().expect("actions").len(), 1, "{actions}");
    assert_eq!(actions[0]["kind"], "source.fixAll");
    let edits = actions[0]["edit"]["changes"][&doc.uri].clone();
    let published = doc.apply_edits(&mut client, &edits);
    for code in ["numbering-typo", "citation-style", "section-sequence"] {
        assert!(!codes(&published).contains(&code.to_string()), "{code}");
    }
    let env = atop_lint::Env::default();
    let analysis = atop_lint::analyze(
        SEED,
        vec![atop_lint::TreatyText {
            text: TREATY.to_string(),
            lang: Some("zh".into()),
        }],
        &env,
        &Default::default(),
    );
    let fixed = atop_lint::fix_all(SEED, analysis, &env, &Default::default()).text;
    assert_eq!(doc.text, fixed);
    assert!(client.shutdown());
}

#[test]
fn a_treaty_open_in_the_editor_is_read_from_its_buffer() {
    let (mut client, doc) = seed_client();
    let edited = TREATY.replace("本条约有效期为二十年", "编辑器里的文本");
    let mut treaty = Doc::open(&mut client, &treaty_uri(), &edited);
    // The sheet is linted again against the buffer.
    client.diagnostics(&doc.uri);
    let art19 = offset_of(&doc.text, "(Art. 19)", 0) + 6;
    let hover = client.request("textDocument/hover", doc.at(art19));
    assert!(hover_text(&hover).contains("编辑器里的文本"));

    // Every citation of Article 14 in the open sheets.
    let heading = offset_of(&treaty.text, "### 第十四条", 0);
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": treaty.uri}, "position": treaty.at(heading + 4)["position"],
               "context": {"includeDeclaration": false}}),
    );
    assert_eq!(
        refs,
        json!([{"uri": doc.uri, "range": range(71, 68, 71, 70)}])
    );

    // Editing the treaty re-lints the sheet: removing Article 19 makes "(Art. 19)" unknown.
    let at = offset_of(&treaty.text, "## 第十九条", 0);
    let change = treaty.change(at, at + "## 第十九条".len(), "## 备注");
    treaty.send(&mut client, vec![change]);
    let published = client.diagnostics(&doc.uri);
    assert_eq!(
        find(&published, "unknown-article")["range"],
        range(36, 79, 36, 81)
    );

    // Closed, the treaty is read from disk again.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": treaty.uri}}),
    );
    let published = client.diagnostics(&doc.uri);
    assert!(!codes(&published).contains(&"unknown-article".to_string()));
    let hover = client.request("textDocument/hover", doc.at(art19));
    assert!(hover_text(&hover).contains("本条约有效期为二十年"));

    // Closing the sheet clears its diagnostics.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": doc.uri}}),
    );
    let published = client.diagnostics(&doc.uri);
    assert_eq!(published["diagnostics"], json!([]));
    assert!(client.shutdown());
}

/// The text of the next `window/showMessage`, which must be a warning.
fn warning(client: &mut Client) -> String {
    let message = client.notification("window/showMessage");
    assert_eq!(message["type"], 2, "{message}");
    message["message"].as_str().expect("a message").to_string()
}

/// A re-lint with progress: answers the token's creation, then expects `begin`, a publish and a
/// `report` for each of `publishes`, and `end`. Returns the publishes.
fn progress(client: &mut Client, publishes: &[&str]) -> Vec<Value> {
    let (id, params) = client.server_request("window/workDoneProgress/create");
    client.respond(id, Value::Null);
    let token = params["token"].clone();
    let mut out = Vec::new();
    let begin = client.notification("$/progress");
    assert_eq!(begin["token"], token);
    assert_eq!(begin["value"]["kind"], "begin");
    for uri in publishes {
        out.push(client.diagnostics(uri));
        let report = client.notification("$/progress");
        assert_eq!(report["value"]["kind"], "report");
    }
    let end = client.notification("$/progress");
    assert_eq!(end["value"]["kind"], "end");
    out
}

#[test]
fn changes_on_disk_relint_with_progress() {
    let dir = scratch(&[("sheets/5030.codesheet.txt", SEED)]);
    let mut client = Client::in_process();
    // The workspace folder holds the treaties/ folder above the sheet's (the boundary).
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(dir.path()),
               "capabilities": {"window": {"workDoneProgress": true},
               "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}}),
    );
    client.notify("initialized", json!({}));
    let (id, params) = client.server_request("client/registerCapability");
    assert_eq!(
        params["registrations"][0]["registerOptions"]["watchers"],
        json!([{"globPattern": "**/*.treaty.txt"}, {"globPattern": "**/*.treaty.*.txt"},
               {"globPattern": "**/atop.toml"}])
    );
    client.respond(id, Value::Null);
    let sheet = uri(&dir.path().join("sheets/5030.codesheet.txt"));
    Doc::open(&mut client, &sheet, SEED);
    assert!(codes(&client.diagnostics(&sheet)).contains(&"treaty-missing".to_string()));

    // A treaty appears in a treaties/ folder above the sheet.
    write(dir.path(), "treaties/5030.treaty.zh.txt", TREATY);
    let treaty = uri(&dir.path().join("treaties/5030.treaty.zh.txt"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": treaty, "type": 1}]}),
    );
    let published = progress(&mut client, &[&sheet]);
    assert_eq!(codes(&published[0]), core_codes(SEED));

    // Deleted, it is missing again; back, it is found again.
    fs::remove_file(dir.path().join("treaties/5030.treaty.zh.txt")).expect("removed");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": treaty, "type": 3}]}),
    );
    let published = progress(&mut client, &[&sheet]);
    assert!(codes(&published[0]).contains(&"treaty-missing".to_string()));
    write(dir.path(), "treaties/5030.treaty.zh.txt", TREATY);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": treaty, "type": 1}]}),
    );
    progress(&mut client, &[&sheet]);

    // atop.toml turns a rule off.
    write(
        dir.path(),
        "atop.toml",
        "[rules]\nnumbering-typo = \"off\"\n",
    );
    let config = uri(&dir.path().join("atop.toml"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config, "type": 1}]}),
    );
    let published = progress(&mut client, &[&sheet]);
    assert!(!codes(&published[0]).contains(&"numbering-typo".to_string()));

    // A broken atop.toml is reported once, and the sheet is linted with the defaults.
    write(dir.path(), "atop.toml", "colour = true\n");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config, "type": 2}]}),
    );
    let (id, _) = client.server_request("window/workDoneProgress/create");
    client.respond(id, Value::Null);
    assert_eq!(client.notification("$/progress")["value"]["kind"], "begin");
    let message = warning(&mut client);
    assert!(
        message.ends_with("atop.toml: line 1: unknown field `colour`, expected one of `schema`, `treaties`, `dataset`, `rules`; linting with the defaults"),
        "{message}"
    );
    assert!(codes(&client.diagnostics(&sheet)).contains(&"numbering-typo".to_string()));
    assert_eq!(client.notification("$/progress")["value"]["kind"], "report");
    assert_eq!(client.notification("$/progress")["value"]["kind"], "end");
    assert!(client.shutdown());
}

#[test]
fn rule_settings_from_the_client() {
    let mut client = Client::in_process();
    client.initialize(json!({}), json!({"rules": {"numbering-typo": "off"}}));
    let doc = Doc::open(&mut client, &seed_uri(), SEED);
    let published = client.diagnostics(&doc.uri);
    assert!(!codes(&published).contains(&"numbering-typo".to_string()));
    assert_eq!(find(&published, "citation-style")["severity"], 2);

    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"rules": {"citation-style": "error"}}}),
    );
    let published = client.diagnostics(&doc.uri);
    assert_eq!(find(&published, "citation-style")["severity"], 1);
    assert!(codes(&published).contains(&"numbering-typo".to_string()));

    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"rules": {"no-such-rule": "off"}}}),
    );
    assert_eq!(
        warning(&mut client),
        "atop-lint settings ignored: rules: unknown rule `no-such-rule` (see `atop-lint rules`)"
    );
    assert!(client.shutdown());

    // Bad initialization options are reported once the client is initialized.
    let mut client = Client::in_process();
    client.initialize(json!({}), json!({"rules": {"citation-style": "loud"}}));
    let message = warning(&mut client);
    assert!(
        message.starts_with("atop-lint settings ignored: unknown variant `loud`"),
        "{message}"
    );
    assert!(client.shutdown());
}

#[test]
fn pull_diagnostics_for_clients_that_ask() {
    let mut client = Client::in_process();
    client.initialize(json!({"textDocument": {"diagnostic": {}}}), Value::Null);
    let doc = Doc::open(&mut client, &seed_uri(), SEED);
    let report = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": doc.uri}}),
    );
    assert_eq!(report["kind"], "full");
    assert_eq!(field(&report["items"], "code"), core_codes(SEED));
    // Nothing was pushed, and closing pushes nothing either.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": doc.uri}}),
    );
    assert!(client.shutdown());
}

// Two coders' sheets for one alliance open at once: code lenses show, on each question where
// they differ, the other coder's answer.

/// The lens expected on the question whose number starts `line` of the seed.
fn lens(line: &str, title: &str) -> Value {
    let start = offset_of(SEED, line, 0);
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    json!({
        "range": {"start": lsp_position(SEED, start, false), "end": lsp_position(SEED, start + digits, false)},
        "command": {"title": title, "command": ""},
    })
}

fn code_lenses(client: &mut Client, doc: &Doc) -> Value {
    client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": doc.uri}}),
    )
}

/// Answers the server's `workspace/codeLens/refresh`.
fn lenses_refreshed(client: &mut Client) {
    let (id, _) = client.server_request("workspace/codeLens/refresh");
    client.respond(id, Value::Null);
}

#[test]
fn the_other_coders_answers_show_where_they_differ() {
    let dir = scratch(&[("a.codesheet.txt", SEED), ("b.codesheet.txt", CODER_B)]);
    let mut client = Client::in_process();
    let init = client.initialize(
        json!({"workspace": {"codeLens": {"refreshSupport": true}}}),
        Value::Null,
    );
    assert_eq!(
        init["capabilities"]["codeLensProvider"],
        json!({"resolveProvider": false})
    );
    let a = Doc::open(&mut client, &uri(&dir.path().join("a.codesheet.txt")), SEED);
    client.diagnostics(&a.uri);
    assert_eq!(
        code_lenses(&mut client, &a),
        json!([]),
        "a sheet alone has none"
    );

    let mut b = Doc::open(
        &mut client,
        &uri(&dir.path().join("b.codesheet.txt")),
        CODER_B,
    );
    client.diagnostics(&b.uri);
    lenses_refreshed(&mut client);
    assert_eq!(
        code_lenses(&mut client, &a),
        json!([
            lens("4. Members", "b.codesheet.txt says: 365, 705, 710"),
            lens("5. Was the alliance", "b.codesheet.txt says: Yes"),
            lens(
                "16. Type of alliance",
                "b.codesheet.txt says: Nonaggression pact"
            ),
        ])
    );
    assert_eq!(
        code_lenses(&mut client, &b)[1]["command"]["title"],
        "a.codesheet.txt says: No"
    );
    let on_q4 = a.at(offset_of(SEED, "4. Members", 0));
    let hover = client.request("textDocument/hover", on_q4);
    assert!(
        hover_text(&hover).ends_with(
            "\n\n---\n\nCoders differ: this sheet reads 705, 710, **b.codesheet.txt** reads 365, 705, 710"
        ),
        "{hover}"
    );
    let on_q6 = a.at(offset_of(SEED, "6. Means", 0));
    let hover = client.request("textDocument/hover", on_q6);
    assert!(!hover_text(&hover).contains("Coders differ"), "{hover}");

    // B comes round on Q5: that lens goes.
    let at = offset_of(&b.text, "Yes. The war on terror.", 0);
    b.edit(&mut client, at, at + "Yes. The war on terror.".len(), "No.");
    lenses_refreshed(&mut client);
    let titles: Vec<Value> = code_lenses(&mut client, &a)
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["command"]["title"].clone())
        .collect();
    assert_eq!(
        titles,
        [
            "b.codesheet.txt says: 365, 705, 710",
            "b.codesheet.txt says: Nonaggression pact"
        ]
    );

    // Closed, B shows no more.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": b.uri}}),
    );
    lenses_refreshed(&mut client);
    client.diagnostics(&b.uri);
    assert_eq!(code_lenses(&mut client, &a), json!([]));
    assert!(client.shutdown());
}

#[test]
fn no_refresh_for_clients_that_cannot_and_none_for_other_alliances() {
    let other = SEED.replacen("1. ATOP ID: 5030", "1. ATOP ID: 5035", 1);
    let dir = scratch(&[("a.codesheet.txt", SEED), ("c.codesheet.txt", &other)]);
    let mut client = Client::in_process();
    client.initialize(json!({}), Value::Null);
    let a = Doc::open(&mut client, &uri(&dir.path().join("a.codesheet.txt")), SEED);
    client.diagnostics(&a.uri);
    let c = Doc::open(
        &mut client,
        &uri(&dir.path().join("c.codesheet.txt")),
        &other,
    );
    client.diagnostics(&c.uri);
    assert_eq!(code_lenses(&mut client, &a), json!([]));
    let error = client.request_error(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": "file:///not/open.codesheet.txt"}}),
    );
    assert_eq!(error["code"], -32602, "{error}");
    assert!(client.shutdown());
}

#[test]
fn the_dataset_named_in_atop_toml_is_checked_in_the_editor() {
    let release = fs::read_to_string(root().join("data/atop/atop4_01_alliance-level.csv"))
        .expect("the 4.01 file");
    let planted = SEED.replacen("\nConsultation pact\n", "\n", 1);
    let dir = scratch(&[
        ("atop.toml", "dataset = \"atop.csv\"\n"),
        ("atop.csv", &release),
        ("5030.codesheet.txt", &planted),
        ("broken/atop.toml", "dataset = \"nothing.csv\"\n"),
        ("broken/5030.codesheet.txt", &planted),
    ]);
    let mut client = Client::in_process();
    client.initialize(json!({}), Value::Null);
    let sheet = Doc::open(
        &mut client,
        &uri(&dir.path().join("5030.codesheet.txt")),
        &planted,
    );
    let d = find(&client.diagnostics(&sheet.uri), "dataset-mismatch").clone();
    assert_eq!(
        d["message"],
        "Q16 does not list Consultation pact but the dataset has CONSUL=1"
    );
    let broken = Doc::open(
        &mut client,
        &uri(&dir.path().join("broken/5030.codesheet.txt")),
        &planted,
    );
    let message = warning(&mut client);
    assert!(
        message.contains("nothing.csv: ") && message.ends_with("; linting without the dataset"),
        "{message}"
    );
    assert!(!codes(&client.diagnostics(&broken.uri)).contains(&"dataset-mismatch".to_string()));
    assert!(client.shutdown());
}

/// Hover and go-to-definition on a citation into a protocol open that protocol's article, not
/// the main text's article of the same number (the Molotov-Ribbentrop treaty, 7 articles, and
/// its Secret Additional Protocol, 4).
#[test]
fn citations_into_a_protocol_open_the_protocol() {
    let molotov = include_str!("fixtures/treaties/molotov-ribbentrop-1939.en.txt");
    let sheet_text = SEED.replacen("(Art. 14)", "(Secret Additional Protocol, Art. 3)", 1);
    let dir = scratch(&[
        ("5030.codesheet.txt", &sheet_text),
        ("5030.treaty.en.txt", molotov),
    ]);
    let mut client = Client::in_process();
    client.initialize(json!({}), Value::Null);
    let sheet = uri(&dir.path().join("5030.codesheet.txt"));
    let doc = Doc::open(&mut client, &sheet, &sheet_text);
    client.diagnostics(&sheet);
    let at = offset_of(&doc.text, "Protocol, Art. 3)", 0) + "Protocol, Art. ".len();
    let hover = client.request("textDocument/hover", doc.at(at));
    let text = hover_text(&hover);
    assert!(
        text.starts_with("**Article III.** (Article 3, en)"),
        "{text}"
    );
    assert!(text.contains("Bessarabia"), "{text}");
    let def = client.request("textDocument/definition", doc.at(at));
    let line = molotov
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("#### Article III."))
        .map(|(i, _)| i)
        .nth(1)
        .expect("the protocol's Article III");
    assert_eq!(def[0]["range"]["start"]["line"], json!(line));
}

#[test]
fn answer_from_the_treaty_over_stdio() {
    let mut client = Client::binary();
    client.initialize(json!({}), Value::Null);
    let mut doc = Doc::open(&mut client, &seed_uri(), SEED);
    let published = client.diagnostics(&doc.uri);

    let answer = |actions: &Value| -> Value {
        actions
            .as_array()
            .expect("actions")
            .iter()
            .find(|a| a["title"] == "Answer from the treaty")
            .unwrap_or_else(|| panic!("no answer from the treaty in {actions}"))
            .clone()
    };
    let action_for = |client: &mut Client, doc: &Doc, code: &str, published: &Value| {
        let flagged = find(published, code).clone();
        let actions = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc.uri}, "range": flagged["range"],
                   "context": {"diagnostics": [flagged]}}),
        );
        let action = answer(&actions);
        assert_eq!(action["kind"], "quickfix");
        assert_eq!(action["diagnostics"][0]["code"], code);
        action["edit"]["changes"][&doc.uri][0].clone()
    };

    // Q47 leaves out the CICA that Art. 12 names: the action writes the treaty's answer, and
    // the finding goes.
    let edit = action_for(&mut client, &doc, "missing-organization", &published);
    let written = edit["newText"].as_str().expect("an answer").to_string();
    assert!(
        written.starts_with("Yes. [draft] It makes reference to the Conference on Interaction and Confidence-Building Measures in Asia (Art. 12)"),
        "{written}"
    );
    let start = lsp_offset(&doc.text, &edit["range"]["start"], false);
    let end = lsp_offset(&doc.text, &edit["range"]["end"], false);
    let published = doc.edit(&mut client, start, end, &written);
    let now = codes(&published);
    assert!(
        !now.contains(&"missing-organization".to_string()),
        "{now:?}"
    );
    assert_eq!(
        find(&published, "draft-answer")["message"],
        "Q47 is a draft from the treaty: review it, then remove [draft]"
    );

    // Q11 says No, but Art. 19 has notice terms: the treaty's answer is the codebook's, a No
    // that says which kind of notice Art. 19 has.
    let edit = action_for(&mut client, &doc, "treaty-contradicts-no", &published);
    let case = "a notice that stops the automatic renewal at the end of the term: PROREN (Q12), not RENOUNCE (Q11), which is renunciation during the term; Q11's No can stand";
    let article_19 = "“如缔约任何一方均未在条约期满前一年以书面形式通知缔约另一方要求终止本条约，则本条约将自动延长五年，并依此法顺延”";
    assert_eq!(
        edit["newText"],
        format!("No. [draft] {article_19} (Art. 19) — {case}")
    );
    let start = lsp_offset(&doc.text, &edit["range"]["start"], false);
    let end = lsp_offset(&doc.text, &edit["range"]["end"], false);
    assert_eq!(&doc.text[start..end], "No.");

    // The hover on the question number: the prompt, the variables, and what the treaty says.
    let at = offset_of(&doc.text, "\n11. Are there", 0) + 1;
    let hover = client.request("textDocument/hover", doc.at(at));
    let text = hover_text(&hover);
    assert!(
        text.starts_with("**Q11.** Are there conditions under which members may renounce"),
        "{text}"
    );
    assert!(
        text.contains("\n\nDataset variables: `RENOUNCE (0-4)`"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "\n\nThe treaty says:\n- Art. 19 (zh): {article_19} — {case}\n\nSuggested answer (\"Answer from the treaty\"): No. [draft] {article_19}"
        )),
        "{text}"
    );

    // An empty answer (Q8's "No." deleted): the action inserts the answer under the prompt.
    let q8 = offset_of(&doc.text, "describe these provisions.\nNo.", 0)
        + "describe these provisions.".len();
    doc.edit(&mut client, q8, q8 + "\nNo.".len(), "");
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc.uri},
               "range": {"start": lsp_position(&doc.text, q8, false), "end": lsp_position(&doc.text, q8, false)},
               "context": {"diagnostics": []}}),
    );
    let edit = &answer(&actions)["edit"]["changes"][&doc.uri][0];
    assert_eq!(
        edit["newText"],
        "\nNo. [draft] No article of the treaty shows an accession clause."
    );
    assert_eq!(lsp_offset(&doc.text, &edit["range"]["start"], false), q8);
    assert!(client.shutdown());
}
