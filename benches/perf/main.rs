//! atop-lint's benchmarks: `cargo bench` runs every group, `cargo bench -- GROUP...` some.
//!
//! - `seed`: parsing + linting the seed pair (examples/5030 sheet + Chinese treaty, all rules).
//! - `scaling`: time against sheet size, treaty size and corpus size, in process.
//! - `cli`: `atop-lint check` over the 745- and 10,000-sheet corpora, side by side with `cat`
//!   and `rg` over the same files; startup on the seed.
//!
//! The corpus is generated under `target/corpus/` (see `corpus.rs`). Figures are medians with
//! the interquartile range and extremes; see BENCHMARKS.md.

mod atop_data;
mod compose;
mod corpus;
mod processes;
mod sheet_writer;
mod timing;

use atop_lint::model::{
    cow::CowStates,
    evidence::{Evidence, Topics},
    lang::Languages,
    schema::Schema,
};
use atop_lint::rules::{self, RuleSettings};
use atop_lint::syntax::{sheet, treaty};
use atop_lint::{Env, TreatyText, analyze, run_rules};
use std::path::Path;
use std::time::{Duration, Instant};
use timing::{Human, Stats, measure};

const SEED_SHEET: &str = include_str!("../../examples/5030/5030.codesheet.txt");
const SEED_TREATY: &str = include_str!("../../examples/5030/5030.treaty.zh.txt");
const CLEAN_SHEET: &str = include_str!("../../tests/fixtures/sheets/5030-clean.codesheet.txt");
const NATO: &str = include_str!("../../tests/fixtures/treaties/nato-1949.en.txt");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn seed_treaty() -> Vec<TreatyText> {
    vec![TreatyText {
        text: SEED_TREATY.to_string(),
        lang: Some("zh".into()),
    }]
}

fn row(label: &str, s: &Stats) {
    println!("  {label:<44} {s}");
}

fn seed() {
    println!("\n## seed: examples/5030 sheet + Chinese treaty, all rules (in process)");
    let settings = RuleSettings::default();
    // What a process pays once: the data built on first use, then the regexes of the parsers
    // and rules compiled on the first analysis.
    let once = |label: &str, f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        println!("  {label:<44} {:>10}", Human(t.elapsed()).to_string());
    };
    once("first use: schema", &mut || {
        Schema::builtin();
    });
    once("first use: COW state list", &mut || {
        CowStates::builtin();
    });
    once("first use: languages (cue regexes)", &mut || {
        Languages::builtin();
    });
    once("first use: topic names", &mut || {
        Topics::builtin();
    });
    let env = Env::default();
    once("first analysis (parser and rule regexes)", &mut || {
        analyze(SEED_SHEET, seed_treaty(), &env, &settings);
    });
    let budget = Duration::from_secs(3);
    row(
        "parse + lint (analyze)",
        &measure(300, budget, || {
            analyze(SEED_SHEET, seed_treaty(), &env, &settings)
        }),
    );
    row(
        "  sheet parser",
        &measure(300, budget, || sheet::parse(SEED_SHEET, &env.schema)),
    );
    row(
        "  treaty reader",
        &measure(300, budget, || {
            treaty::parse(SEED_TREATY.to_string(), Some("zh"), env.langs)
        }),
    );
    let parsed_sheet = sheet::parse(SEED_SHEET, &env.schema);
    let parsed_treaties = vec![treaty::parse(
        SEED_TREATY.to_string(),
        Some("zh"),
        env.langs,
    )];
    row(
        "  treaty evidence (cues, quantities, names)",
        &measure(300, budget, || {
            Evidence::gather(&parsed_treaties, env.langs, env.cow, env.topics)
        }),
    );
    let evidence = Evidence::gather(&parsed_treaties, env.langs, env.cow, env.topics);
    row(
        &format!("  rules ({})", rules::ALL.len()),
        &measure(300, budget, || {
            run_rules(
                SEED_SHEET,
                &parsed_sheet,
                &parsed_treaties,
                &evidence,
                &env,
                &settings,
            )
        }),
    );
}

/// The seed sheet with every answer written `k` times: a sheet `k` times as wordy.
fn with_answers_repeated(text: &str, k: usize, env: &Env) -> String {
    let parsed = sheet::parse(text, &env.schema);
    let mut out = String::new();
    let mut at = 0;
    for q in parsed.questions.iter().filter(|q| !q.answer.is_empty()) {
        out.push_str(&text[at..q.answer.end]);
        for _ in 1..k {
            out.push('\n');
            out.push_str(&text[q.answer.clone()]);
        }
        at = q.answer.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The NATO treaty with its articles written `k` times, numbered on.
fn with_articles_repeated(k: usize, env: &Env) -> String {
    let t = treaty::parse(NATO.to_string(), Some("en"), env.langs);
    let mut out = format!("{}\n\n", t.preamble_text());
    let mut n = 0;
    for _ in 0..k {
        for a in &t.articles {
            n += 1;
            out.push_str(&format!("Article {n}\n\n{}\n\n", t.body(a)));
        }
    }
    out.push_str(&t.text[t.closing.clone()]);
    out
}

/// A treaty of `n` short articles, each a consultation clause (evidence on every article:
/// finding each one's article was quadratic in their number).
fn short_articles(n: usize) -> String {
    let mut out = String::from("Treaty of Alliance\n\n");
    for i in 1..=n {
        out.push_str(&format!(
            "Article {i}\n\nThe Parties shall consult together whenever the security of any \
             of them is threatened.\n\n"
        ));
    }
    out.push_str("Done at Paris on 1 March 1950.\n");
    out
}

/// An English treaty text, as `analyze` takes it.
fn english(text: &str) -> Vec<TreatyText> {
    vec![TreatyText {
        text: text.to_string(),
        lang: Some("en".into()),
    }]
}

fn per_kb(s: &Stats, bytes: usize) -> String {
    let us = s.median.as_secs_f64() * 1e6 / (bytes as f64 / 1024.0);
    format!("{us:.1} µs/KB")
}

const FACTORS: [usize; 6] = [1, 2, 5, 10, 20, 100];

fn scaling(corpora: &corpus::Corpora) {
    let env = Env::default();
    let settings = RuleSettings::default();
    let budget = Duration::from_secs(1);
    println!("\n## scaling: sheet size (seed sheet, each answer repeated k times; Chinese treaty)");
    for k in FACTORS {
        let text = with_answers_repeated(SEED_SHEET, k, &env);
        let s = measure(5, budget, || analyze(&text, seed_treaty(), &env, &settings));
        let label = format!("{k:>3}x  {:>8} KB", text.len() / 1024);
        println!("  {label:<20} {s}  {}", per_kb(&s, text.len()));
    }
    println!("\n## scaling: sheet size (the whole seed sheet written k times)");
    for k in FACTORS {
        let text = SEED_SHEET.repeat(k);
        let s = measure(5, budget, || analyze(&text, seed_treaty(), &env, &settings));
        let label = format!("{k:>3}x  {:>8} KB", text.len() / 1024);
        println!("  {label:<20} {s}  {}", per_kb(&s, text.len()));
    }
    println!("\n## scaling: treaty size (NATO 1949 articles repeated k times, clean 5030 sheet)");
    treaty_rows(&env, &settings, |k| with_articles_repeated(k, &env));
    println!("\n## scaling: treaty on one line (the above, its line breaks made spaces)");
    treaty_rows(&env, &settings, |k| {
        with_articles_repeated(k, &env).replace('\n', " ")
    });
    println!("\n## scaling: number of articles (short articles, clean 5030 sheet)");
    for n in [1_000, 4_000, 16_000, 64_000] {
        let text = short_articles(n);
        let s = measure(3, budget, || {
            analyze(CLEAN_SHEET, english(&text), &env, &settings)
        });
        let per_article = s.median.as_secs_f64() * 1e6 / n as f64;
        println!(
            "  {:<20} {s}  {per_article:.2} µs/article",
            format!("{n:>6} articles")
        );
    }
    println!("\n## scaling: line length (one answer a single line of k citations)");
    for k in [1_000, 4_000, 16_000] {
        let line = "see Art. 3 and Art. 4; the parties consult ".repeat(k);
        let text = CLEAN_SHEET.replacen("listed in #19.", &format!("listed in #19. {line}"), 1);
        let s = measure(3, budget, || analyze(&text, seed_treaty(), &env, &settings));
        println!(
            "  {:<20} {s}  {}",
            format!("{:>6} KB line", line.len() / 1024),
            per_kb(&s, text.len())
        );
    }
    let pairs = corpus::load_pairs(&corpora.base);
    println!(
        "\n## stages: the {} corpus sheets, one after another (3 passes)",
        pairs.len()
    );
    stages(&pairs, &env, &settings);
    println!("\n## scaling: corpus size (sheets analysed one after another, in process)");
    let bytes_per_pass: usize = pairs.iter().map(|p| p.bytes()).sum();
    for n in [93, 186, 372, 745, 1490, 2980] {
        let s = measure(3, budget, || {
            for p in pairs.iter().cycle().take(n) {
                std::hint::black_box(analyze(&p.sheet, p.treaties.clone(), &env, &settings));
            }
        });
        let per_sheet = s.median.as_secs_f64() * 1e6 / n as f64;
        let bytes = bytes_per_pass as f64 * n as f64 / pairs.len() as f64;
        println!(
            "  {:<20} {s}  {per_sheet:.0} µs/sheet  {:.1} MB/s",
            format!("{n:>5} sheets"),
            bytes / 1e6 / s.median.as_secs_f64()
        );
    }
}

/// One row per factor: the clean 5030 sheet with the English treaty `treaty(k)` (per KB of
/// sheet + treaty).
fn treaty_rows(env: &Env, settings: &RuleSettings, treaty: impl Fn(usize) -> String) {
    for k in FACTORS {
        let text = treaty(k);
        let s = measure(5, Duration::from_secs(1), || {
            analyze(CLEAN_SHEET, english(&text), env, settings)
        });
        let label = format!("{k:>3}x  {:>8} KB", text.len() / 1024);
        println!(
            "  {label:<20} {s}  {}",
            per_kb(&s, text.len() + CLEAN_SHEET.len())
        );
    }
}

/// Time per stage over a corpus, one sheet after another: where the time goes.
fn stages(pairs: &[corpus::LoadedPair], env: &Env, settings: &RuleSettings) {
    const STAGES: [&str; 4] = ["sheet parser", "treaty reader", "treaty evidence", "rules"];
    let mut passes: Vec<[Duration; 4]> = Vec::new();
    for _ in 0..3 {
        let mut spent = [Duration::ZERO; 4];
        for p in pairs {
            let t = Instant::now();
            let parsed = sheet::parse(&p.sheet, &env.schema);
            spent[0] += t.elapsed();
            let t = Instant::now();
            let treaties = atop_lint::read_treaties(p.treaties.clone(), env);
            spent[1] += t.elapsed();
            let t = Instant::now();
            let evidence = Evidence::gather(&treaties, env.langs, env.cow, env.topics);
            spent[2] += t.elapsed();
            let t = Instant::now();
            std::hint::black_box(run_rules(
                &p.sheet, &parsed, &treaties, &evidence, env, settings,
            ));
            spent[3] += t.elapsed();
        }
        passes.push(spent);
    }
    for (i, name) in STAGES.iter().enumerate() {
        let s = Stats::of(passes.iter().map(|p| p[i]).collect());
        println!(
            "  {name:<20} {s}  {:.0} µs/sheet",
            s.median.as_secs_f64() * 1e6 / pairs.len() as f64
        );
    }
}

fn main() {
    let groups: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wants = |g: &str| groups.is_empty() || groups.iter().any(|x| x == g);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "atop-lint benchmarks — {} cores available, load average {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    if wants("seed") {
        seed();
    }
    let needs_corpus = ["scaling", "cli", "corpus"].iter().any(|g| wants(g));
    if !needs_corpus {
        return;
    }
    let corpora = corpus::ensure(root());
    for c in [&corpora.base, &corpora.scaled] {
        let largest = c.largest_sheet();
        println!(
            "\ncorpus {}: {} sheets, {} treaty files, {:.1} MB; largest sheet {} ({} KB)",
            c.dir.display(),
            c.sheets.len(),
            c.treaties.len(),
            c.bytes as f64 / 1e6,
            largest.display(),
            std::fs::metadata(&largest).map_or(0, |m| m.len() / 1024)
        );
    }
    if wants("scaling") {
        scaling(&corpora);
    }
    if wants("cli") {
        processes::cli(&corpora, root());
    }
}
