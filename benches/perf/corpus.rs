//! The benchmark corpus: one coding sheet per ATOP 4.01 alliance (745), each with its treaty
//! text(s) in `treaties/`, paired by ATOP ID; the same sheets repeated to 10,000 in batch
//! folders; and the evidence lexicons as a pattern file for `rg`. Written under
//! `target/corpus/`, and only rewritten when an input or this generator changes.

use crate::atop_data::{self, Alliance};
use crate::compose::{self, Composed, Plan, Pools};
use crate::sheet_writer::{self, SheetInput};
use atop_lint::TreatyText;
use atop_lint::model::cow::CowStates;
use atop_lint::model::lang::Languages;
use atop_lint::model::schema::Schema;
use atop_lint::model::workspace;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Sheets in the scaled-up corpus.
pub const SCALED_SHEETS: usize = 10_000;

/// A small deterministic generator (SplitMix64): the corpus is the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// True with probability `per_mille` / 1000.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// One corpus on disk.
pub struct Corpus {
    pub dir: PathBuf,
    /// Sheet files, then treaty files, relative to `dir`.
    pub sheets: Vec<PathBuf>,
    pub treaties: Vec<PathBuf>,
    pub bytes: u64,
}

impl Corpus {
    /// Every file, sheets first, relative to `dir`.
    pub fn files(&self) -> impl Iterator<Item = &PathBuf> {
        self.sheets.iter().chain(&self.treaties)
    }

    fn scan(dir: &Path) -> Corpus {
        let mut sheets = Vec::new();
        let mut treaties = Vec::new();
        let mut bytes = 0;
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(&d).expect("corpus folder").flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                bytes += e.metadata().map_or(0, |m| m.len());
                let rel = p.strip_prefix(dir).expect("inside").to_path_buf();
                if workspace::is_sheet(&p) {
                    sheets.push(rel);
                } else if p.extension().is_some_and(|x| x == "txt") {
                    treaties.push(rel);
                }
            }
        }
        sheets.sort();
        treaties.sort();
        Corpus {
            dir: dir.to_path_buf(),
            sheets,
            treaties,
            bytes,
        }
    }

    /// The largest sheet, as an absolute path.
    pub fn largest_sheet(&self) -> PathBuf {
        self.sheets
            .iter()
            .map(|s| self.dir.join(s))
            .max_by_key(|p| fs::metadata(p).map_or(0, |m| m.len()))
            .expect("a sheet")
    }
}

/// The corpora and the `rg` pattern file.
pub struct Corpora {
    pub base: Corpus,
    pub scaled: Corpus,
    pub lexicon: PathBuf,
}

/// The languages a treaty was signed in, by its members: several versions side by side for
/// some, as for the NATO texts.
fn treaty_languages(a: &Alliance) -> &'static [&'static str] {
    let american = |c: u32| c < 200;
    if a.is_member(710) {
        &["zh"]
    } else if a.members.iter().all(|m| american(m.code))
        && a.members.iter().any(|m| (40..200).contains(&m.code))
    {
        &["es"]
    } else if a.is_member(210) {
        &["nl", "en"]
    } else if a.is_member(220) || a.is_member(211) {
        &["fr"]
    } else {
        &["en"]
    }
}

fn place(a: &Alliance, lang: &str, rng: &mut Rng) -> &'static str {
    const CAPITALS: [(u32, &str); 14] = [
        (2, "Washington"),
        (200, "London"),
        (210, "The Hague"),
        (220, "Paris"),
        (255, "Berlin"),
        (300, "Vienna"),
        (325, "Rome"),
        (365, "Moscow"),
        (640, "Ankara"),
        (651, "Cairo"),
        (630, "Tehran"),
        (740, "Tokyo"),
        (750, "New Delhi"),
        (140, "Rio de Janeiro"),
    ];
    if lang == "zh" {
        return "北京";
    }
    a.members
        .iter()
        .find_map(|m| CAPITALS.iter().find(|(c, _)| *c == m.code))
        .map_or_else(
            || rng.pick(&["Geneva", "Warsaw", "Brussels", "Lima"]),
            |(_, p)| p,
        )
}

fn title(a: &Alliance, lang: &str, names: &[String]) -> String {
    let parties = names.join(", ");
    match lang {
        "zh" => "睦邻友好合作条约".to_string(),
        "fr" => format!("Traité d'amitié et d'alliance entre {parties}"),
        "es" => format!("Tratado de amistad y alianza entre {parties}"),
        "nl" => format!("Verdrag van vriendschap en bondgenootschap tussen {parties}"),
        _ if a.num("defense") > 0 => format!("Treaty of Mutual Assistance between {parties}"),
        _ => format!("Treaty of Friendship between {parties}"),
    }
}

/// A sheet and its treaty texts (language, text).
struct Pair {
    id: u32,
    sheet: String,
    treaties: Vec<Composed>,
}

fn generate_pair(
    a: &Alliance,
    schema: &Schema,
    cow: &CowStates,
    langs: &Languages,
    pools: &Pools,
) -> Pair {
    let mut rng = Rng::new(u64::from(a.id));
    let languages: Vec<&str> = treaty_languages(a)
        .iter()
        .copied()
        .filter(|l| pools.has(l))
        .collect();
    let primary = languages[0];
    let names: Vec<String> = a
        .members
        .iter()
        .map(|m| {
            cow.get(m.code)
                .map_or(String::new(), |s| s.name().to_string())
        })
        .collect();
    // The treaty shows the provisions the sheet codes Yes and none it codes No.
    let draft = Composed {
        lang: primary.to_string(),
        text: String::new(),
        bodies: Vec::new(),
        topic_article: Default::default(),
        organizations: Default::default(),
        periods: Default::default(),
    };
    let probe = SheetInput {
        alliance: a,
        treaty: &draft,
        schema,
        cow,
    };
    let mut wanted = probe.type_topics();
    let mut avoid: BTreeSet<String> = schema
        .alliance_types
        .iter()
        .map(|t| t.id.clone())
        .filter(|id| !wanted.contains(id))
        .collect();
    for q in &schema.questions {
        if let Some(t) = &q.evidence {
            if probe.says_yes(q) {
                wanted.push(t.clone());
            } else {
                avoid.insert(t.clone());
            }
        }
    }
    wanted.retain(|t| pools.shows(primary, t));
    // Treaty lengths are skewed: most are a few pages, a few run to 40 KB.
    let u = rng.below(1000) as f64 / 1000.0;
    let target = 2_500 + (u * u * u * 40_000.0) as usize;
    let members = a.members.iter().map(|m| m.code).collect();
    let plan = Plan::new(pools, primary, &wanted, avoid, members, target, rng.next());
    let signed = a.signed();
    let treaties: Vec<Composed> = languages
        .iter()
        .map(|&lang| {
            let place = place(a, lang, &mut rng);
            let c = compose::compose(
                pools,
                langs,
                lang,
                &plan,
                &title(a, lang, &names),
                place,
                signed,
            );
            check_composed(a.id, &c, plan.slots.len(), signed, langs);
            c
        })
        .collect();
    let input = SheetInput {
        alliance: a,
        treaty: &treaties[0],
        schema,
        cow,
    };
    Pair {
        id: a.id,
        sheet: sheet_writer::write(&input, &mut rng),
        treaties,
    }
}

/// The linter's own treaty reader must find every composed article and the signing date, or
/// the corpus would not be what it claims.
fn check_composed(
    id: u32,
    c: &Composed,
    articles: usize,
    signed: atop_lint::syntax::dates::Date,
    langs: &Languages,
) {
    let t = atop_lint::syntax::treaty::parse(c.text.clone(), Some(&c.lang), langs);
    let found: Vec<u32> = t.articles.iter().map(|a| a.number).collect();
    let want: Vec<u32> = (1..=articles as u32).collect();
    assert_eq!(found, want, "{id}.treaty.{}.txt: articles", c.lang);
    assert_eq!(
        t.signed.map(|(_, d)| d),
        Some(signed),
        "{id}.treaty.{}.txt: signing date",
        c.lang
    );
}

/// A fingerprint of everything the corpus is made from.
fn fingerprint(root: &Path) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(include_str!("corpus.rs").as_bytes());
    eat(include_str!("compose.rs").as_bytes());
    eat(include_str!("sheet_writer.rs").as_bytes());
    eat(include_str!("atop_data.rs").as_bytes());
    for dir in [
        "data/atop",
        "data/cow",
        "schemas",
        "schemas/lang",
        "tests/fixtures/treaties",
        "examples/5030",
    ] {
        let mut files: Vec<PathBuf> = fs::read_dir(root.join(dir))
            .expect("input folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for f in files {
            eat(&fs::read(f).expect("input file"));
        }
    }
    format!("{h:016x}")
}

fn write_pairs(dir: &Path, pairs: &[Pair]) {
    let treaties = dir.join("treaties");
    fs::create_dir_all(&treaties).expect("corpus folder");
    for p in pairs {
        fs::write(dir.join(format!("{}.codesheet.txt", p.id)), &p.sheet).expect("write sheet");
        for t in &p.treaties {
            fs::write(
                treaties.join(format!("{}.treaty.{}.txt", p.id, t.lang)),
                &t.text,
            )
            .expect("write treaty");
        }
    }
}

/// The `strong`/`weak` cues of every language file, one regex a line, as a grep script would
/// hand them to `rg -i -f`.
fn lexicon(langs: &Languages) -> String {
    let mut out = String::new();
    for l in &langs.langs {
        for t in l.file.topics.values() {
            for cue in t.strong.iter().chain(&t.weak) {
                out.push_str(cue);
                out.push('\n');
            }
        }
    }
    out
}

/// Writes the corpora under `target/corpus/` unless they are there and current; returns them.
pub fn ensure(root: &Path) -> Corpora {
    let out = &std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root.join("target"), PathBuf::from)
        .join("corpus");
    let base_dir = out.join("745");
    let scaled_dir = out.join("10000");
    let lexicon_path = out.join("lexicon.rg");
    let stamp_path = out.join("STAMP");
    let stamp = fingerprint(root);
    if fs::read_to_string(&stamp_path).ok().as_deref() != Some(stamp.as_str()) {
        eprintln!("corpus: writing {}", out.display());
        let _ = fs::remove_dir_all(out);
        let schema = Schema::builtin();
        let cow = CowStates::builtin();
        let langs = Languages::builtin();
        let pools = Pools::load(root, langs);
        let pairs: Vec<Pair> = atop_data::load(root)
            .iter()
            .map(|a| generate_pair(a, &schema, cow, langs, &pools))
            .collect();
        write_pairs(&base_dir, &pairs);
        for (batch, chunk) in (0..SCALED_SHEETS)
            .collect::<Vec<_>>()
            .chunks(pairs.len())
            .enumerate()
        {
            write_pairs(
                &scaled_dir.join(format!("batch-{:02}", batch + 1)),
                &pairs[..chunk.len()],
            );
        }
        fs::write(&lexicon_path, lexicon(langs)).expect("write lexicon");
        fs::write(&stamp_path, &stamp).expect("write stamp");
    }
    Corpora {
        base: Corpus::scan(&base_dir),
        scaled: Corpus::scan(&scaled_dir),
        lexicon: lexicon_path,
    }
}

/// A sheet and its treaty texts, read into memory.
pub struct LoadedPair {
    pub sheet: String,
    pub treaties: Vec<TreatyText>,
}

impl LoadedPair {
    pub fn bytes(&self) -> usize {
        self.sheet.len() + self.treaties.iter().map(|t| t.text.len()).sum::<usize>()
    }
}

fn sheet_id(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.split('.').next().unwrap_or("").to_string()
}

/// Every sheet of a corpus with its treaties, in file order.
pub fn load_pairs(c: &Corpus) -> Vec<LoadedPair> {
    let mut treaties: BTreeMap<(PathBuf, String), Vec<TreatyText>> = BTreeMap::new();
    for t in &c.treaties {
        let Some((id, lang)) = workspace::treaty_file_id(t) else {
            continue;
        };
        let folder = t
            .parent()
            .and_then(Path::parent)
            .unwrap_or(Path::new(""))
            .to_path_buf();
        treaties.entry((folder, id)).or_default().push(TreatyText {
            text: fs::read_to_string(c.dir.join(t)).expect("treaty text"),
            lang,
        });
    }
    c.sheets
        .iter()
        .map(|s| LoadedPair {
            sheet: fs::read_to_string(c.dir.join(s)).expect("sheet text"),
            treaties: treaties
                .get(&(
                    s.parent().unwrap_or(Path::new("")).to_path_buf(),
                    sheet_id(s),
                ))
                .cloned()
                .unwrap_or_default(),
        })
        .collect()
}

/// The first `n` sheets of a flat corpus and their treaties, hard-linked into `dir`.
pub fn subset(c: &Corpus, n: usize, dir: &Path) -> Corpus {
    if !dir.join("STAMP").exists() {
        let _ = fs::remove_dir_all(dir);
        fs::create_dir_all(dir.join("treaties")).expect("subset folder");
        let ids: BTreeSet<String> = c.sheets.iter().take(n).map(|s| sheet_id(s)).collect();
        let chosen = c
            .sheets
            .iter()
            .take(n)
            .chain(c.treaties.iter().filter(|t| ids.contains(&sheet_id(t))));
        for f in chosen {
            let to = dir.join(f);
            if fs::hard_link(c.dir.join(f), &to).is_err() {
                fs::copy(c.dir.join(f), &to).expect("copy into subset");
            }
        }
        fs::write(dir.join("STAMP"), "").expect("subset stamp");
    }
    Corpus::scan(dir)
}
