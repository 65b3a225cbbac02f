//! Treaty texts for the corpus, built from the real treaties of `tests/fixtures/treaties/` and
//! the seed's Chinese treaty: a real preamble, then articles taken from the real treaties of the
//! same language (the ones whose provisions the sheet codes, by the lexicons' cues), numbered
//! in one of the heading styles real texts use, then a closing formula dated with the
//! alliance's signature date.

use atop_lint::model::evidence::Evidence;
use atop_lint::model::lang::Languages;
use atop_lint::syntax::dates::Date;
use atop_lint::syntax::numerals::to_roman;
use atop_lint::syntax::sheet::ArticleRef;
use atop_lint::syntax::treaty;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The real treaty texts, with their languages.
const SOURCES: &[(&str, &str)] = &[
    ("examples/5030/5030.treaty.zh.txt", "zh"),
    ("tests/fixtures/treaties/anzus-1951.en.txt", "en"),
    ("tests/fixtures/treaties/india-bhutan-1949.en.txt", "en"),
    (
        "tests/fixtures/treaties/molotov-ribbentrop-1939.en.txt",
        "en",
    ),
    ("tests/fixtures/treaties/nato-1949.en.txt", "en"),
    (
        "tests/fixtures/treaties/nato-protocol-greece-turkey-1951.en.txt",
        "en",
    ),
    ("tests/fixtures/treaties/nato-1949.nl.txt", "nl"),
    (
        "tests/fixtures/treaties/nato-protocol-greece-turkey-1951.nl.txt",
        "nl",
    ),
    (
        "tests/fixtures/treaties/nl-afghanistan-friendship-1939.fr.txt",
        "fr",
    ),
    (
        "tests/fixtures/treaties/nl-persia-friendship-1930.fr.txt",
        "fr",
    ),
    ("tests/fixtures/treaties/latam-parliament-1987.es.txt", "es"),
];

/// A real article and what the linter's evidence reading finds in it.
struct PoolArticle {
    body: String,
    /// Topics with a strong cue here ("international_organization" for organization names).
    topics: BTreeSet<String>,
    /// Organizations it names.
    organizations: BTreeSet<String>,
    /// Periods it states, by kind ("duration", "renewal"), in months.
    periods: BTreeMap<String, u32>,
}

/// A real preamble and what it shows.
struct PoolPreamble {
    text: String,
    topics: BTreeSet<String>,
    organizations: BTreeSet<String>,
    /// COW codes of the states it names as parties.
    parties: BTreeSet<u32>,
}

/// Everything the real treaties of one language offer.
#[derive(Default)]
struct Pool {
    preambles: Vec<PoolPreamble>,
    articles: Vec<PoolArticle>,
}

/// The real treaties, by language.
pub struct Pools {
    by_lang: BTreeMap<&'static str, Pool>,
}

impl Pools {
    pub fn load(root: &Path, langs: &Languages) -> Pools {
        let env = atop_lint::Env::default();
        let mut by_lang: BTreeMap<&'static str, Pool> = BTreeMap::new();
        for &(path, lang) in SOURCES {
            let text =
                std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
            let t = treaty::parse(text, Some(lang), langs);
            let ev = Evidence::gather(std::slice::from_ref(&t), langs, env.cow, env.topics);
            let topic_ids = langs
                .get(lang)
                .expect("a language of schemas/lang")
                .topics
                .keys();
            let topics_at = |place: ArticleRef| -> BTreeSet<String> {
                topic_ids
                    .clone()
                    .map(String::as_str)
                    .chain(["international_organization"])
                    .filter(|id| ev.strong_places(id).iter().any(|f| f.place == Some(place)))
                    .map(str::to_string)
                    .collect()
            };
            let organizations_at = |place: ArticleRef| -> BTreeSet<String> {
                ev.organizations
                    .iter()
                    .filter(|(_, found)| found.iter().any(|f| f.place == Some(place)))
                    .map(|(id, _)| id.clone())
                    .collect()
            };
            let pool = by_lang.entry(lang).or_default();
            pool.preambles.push(PoolPreamble {
                text: t.preamble_text().to_string(),
                topics: topics_at(ArticleRef::Preamble),
                organizations: organizations_at(ArticleRef::Preamble),
                parties: ev.parties.iter().map(|p| p.code).collect(),
            });
            for a in &t.articles {
                let body = t.body(a).to_string();
                if body.is_empty() {
                    continue;
                }
                let place = ArticleRef::Article(a.number);
                let periods = ev
                    .quantities
                    .iter()
                    .filter_map(|(kind, found)| {
                        let q = found.iter().find(|q| q.place == Some(place))?;
                        Some((kind.clone(), q.months))
                    })
                    .collect();
                pool.articles.push(PoolArticle {
                    body,
                    topics: topics_at(place),
                    organizations: organizations_at(place),
                    periods,
                });
            }
        }
        Pools { by_lang }
    }

    pub fn has(&self, lang: &str) -> bool {
        self.by_lang.contains_key(lang)
    }

    /// Whether `lang`'s real treaties have an article showing `topic`.
    pub fn shows(&self, lang: &str, topic: &str) -> bool {
        self.by_lang[lang]
            .articles
            .iter()
            .any(|a| a.topics.contains(topic))
    }

    fn mean_article_len(&self, lang: &str) -> usize {
        let p = &self.by_lang[lang];
        p.articles.iter().map(|a| a.body.len()).sum::<usize>() / p.articles.len().max(1)
    }
}

/// What a treaty must contain: article slots, some reserved for a topic the sheet codes Yes.
pub struct Plan {
    /// One entry per article: the topic it must show, or None for any other provision.
    pub slots: Vec<Option<String>>,
    /// Topics the sheet codes No: other articles must not show them.
    pub avoid: BTreeSet<String>,
    /// The members' COW codes: the preamble names no other state as a party.
    pub members: BTreeSet<u32>,
    /// Which heading style the text uses.
    pub style: u64,
    /// Seed for the choice of articles.
    pub seed: u64,
}

impl Plan {
    /// Places the `wanted` topics (substantive ones first, final clauses last) among filler
    /// articles up to about `target_bytes` of `lang` text.
    pub fn new(
        pools: &Pools,
        lang: &str,
        wanted: &[String],
        avoid: BTreeSet<String>,
        members: BTreeSet<u32>,
        target_bytes: usize,
        seed: u64,
    ) -> Plan {
        const FINAL_CLAUSES: [&str; 5] = [
            "accession",
            "duration",
            "renewal",
            "renunciation",
            "ratification",
        ];
        let (last, first): (Vec<&String>, Vec<&String>) = wanted
            .iter()
            .partition(|t| FINAL_CLAUSES.contains(&t.as_str()));
        let count =
            (target_bytes / pools.mean_article_len(lang).max(1)).clamp(wanted.len() + 2, 80);
        let fillers = count - wanted.len();
        let slots = first
            .into_iter()
            .map(|t| Some(t.clone()))
            .chain(std::iter::repeat_n(None, fillers))
            .chain(last.into_iter().map(|t| Some(t.clone())))
            .collect();
        Plan {
            slots,
            avoid,
            members,
            style: seed % 4,
            seed,
        }
    }
}

/// A treaty text ready to write, and where its provisions are.
pub struct Composed {
    pub lang: String,
    pub text: String,
    /// Article bodies, article 1 first.
    pub bodies: Vec<String>,
    /// The article that shows each planned topic.
    pub topic_article: BTreeMap<String, u32>,
    /// Organizations the text names, with where (article numbers; 0 for the preamble).
    pub organizations: BTreeMap<String, BTreeSet<u32>>,
    /// The first period of each kind the articles state, in months.
    pub periods: BTreeMap<String, u32>,
}

fn chinese_number(n: u32) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let (tens, ones) = (n / 10, n % 10);
    let mut s = String::new();
    if tens > 1 {
        s.push(DIGITS[tens as usize]);
    }
    if tens > 0 {
        s.push('十');
    }
    if ones > 0 || n == 0 {
        s.push(DIGITS[ones as usize]);
    }
    s
}

fn chinese_year(y: i32) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    y.to_string()
        .bytes()
        .map(|b| DIGITS[(b - b'0') as usize])
        .collect()
}

fn heading(lang: &str, style: u64, n: u32) -> String {
    match (lang, style) {
        ("zh", 0 | 1) => format!("## 第{}条", chinese_number(n)),
        ("zh", _) => format!("第 {} 条", chinese_number(n)),
        ("en", 0) => format!("Article {n}"),
        ("en", 1) => format!("ARTICLE {}", to_roman(n)),
        ("en", 2) => format!("#### Article {}.", to_roman(n)),
        ("en", _) => format!("Art. {n}."),
        ("fr", _) if n == 1 && style % 2 == 0 => "Article premier".to_string(),
        ("fr", 0 | 1) => format!("Article {n}"),
        ("fr", _) => format!("ARTICLE {}", to_roman(n)),
        ("es", 0 | 1) => format!("Artículo {n}"),
        ("es", _) => format!("ARTÍCULO {}", to_roman(n)),
        ("nl", 0 | 1) => format!("Artikel {n}"),
        (_, _) => format!("### Artikel {}", to_roman(n)),
    }
}

/// The closing formula with the signing place and date, as the language writes it.
fn closing(lang: &str, langs: &Languages, place: &str, date: Date) -> String {
    let month = |code: &str| {
        langs.get(code).expect("known language").file.dates.months[date.month as usize - 1][0]
            .clone()
    };
    let (d, y) = (date.day, date.year);
    match lang {
        "zh" => format!(
            "本条约于{}年{}月{}日在{place}签订，一式两份，每份均用中文和另一缔约方文字写成，两种文本同等作准。",
            chinese_year(y),
            chinese_number(date.month),
            chinese_number(d)
        ),
        "fr" => format!(
            "EN FOI DE QUOI, les Plénipotentiaires respectifs ont signé le présent Traité et y ont apposé leurs sceaux.\n\nFait à {place}, le {d} {} {y}.",
            month("fr")
        ),
        "es" => format!(
            "EN FE DE LO CUAL, los Plenipotenciarios firman el presente Tratado en nombre de sus respectivos Estados.\n\nHECHO en {place}, el {d} de {} de {y}.",
            month("es")
        ),
        "nl" => format!(
            "Ter oorkonde waarvan de ondergetekende Gevolmachtigden dit Verdrag hebben ondertekend.\n\nGedaan te {place}, {d} {} {y}.",
            month("nl")
        ),
        _ => format!(
            "IN WITNESS WHEREOF the undersigned Plenipotentiaries have signed this Treaty and have affixed thereto their seals.\n\nDONE at {place}, on {}.",
            date.english()
        ),
    }
}

/// Writes the treaty `plan` asks for in `lang`, signed at `place` on `date`.
pub fn compose(
    pools: &Pools,
    langs: &Languages,
    lang: &str,
    plan: &Plan,
    title: &str,
    place: &str,
    date: Date,
) -> Composed {
    let pool = &pools.by_lang[lang];
    let fillers: Vec<&PoolArticle> = {
        let clean: Vec<&PoolArticle> = pool
            .articles
            .iter()
            .filter(|a| a.topics.is_disjoint(&plan.avoid))
            .collect();
        if clean.is_empty() {
            pool.articles.iter().collect()
        } else {
            clean
        }
    };
    let mut next_filler = plan.seed as usize;
    let mut bodies = Vec::new();
    let mut topic_article = BTreeMap::new();
    let mut organizations: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    let mut periods = BTreeMap::new();
    for (i, slot) in plan.slots.iter().enumerate() {
        let number = i as u32 + 1;
        // Articles showing the slot's topic, those that show nothing the sheet denies first.
        let showing: Vec<&PoolArticle> = slot.as_ref().map_or(Vec::new(), |t| {
            let all: Vec<&PoolArticle> = pool
                .articles
                .iter()
                .filter(|a| a.topics.contains(t))
                .collect();
            let clean: Vec<&PoolArticle> = all
                .iter()
                .copied()
                .filter(|a| a.topics.is_disjoint(&plan.avoid))
                .collect();
            if clean.is_empty() { all } else { clean }
        });
        let article = if showing.is_empty() {
            next_filler += 1;
            fillers[next_filler % fillers.len()]
        } else {
            showing[(plan.seed as usize + i) % showing.len()]
        };
        if let Some(t) = slot
            && !showing.is_empty()
        {
            topic_article.insert(t.clone(), number);
        }
        for o in &article.organizations {
            organizations.entry(o.clone()).or_default().insert(number);
        }
        for (kind, months) in &article.periods {
            periods.entry(kind.clone()).or_insert(*months);
        }
        bodies.push(article.body.clone());
    }
    // A preamble that shows nothing the sheet denies and names no state outside the alliance.
    let clean = |p: &&PoolPreamble| p.topics.is_disjoint(&plan.avoid);
    let parties_fit = |p: &&PoolPreamble| p.parties.is_subset(&plan.members);
    let preambles: Vec<&PoolPreamble> = [
        pool.preambles
            .iter()
            .filter(clean)
            .filter(parties_fit)
            .collect::<Vec<_>>(),
        pool.preambles.iter().filter(clean).collect(),
        pool.preambles.iter().collect(),
    ]
    .into_iter()
    .find(|v| !v.is_empty())
    .expect("a preamble");
    let preamble = preambles[plan.seed as usize % preambles.len()];
    for o in &preamble.organizations {
        organizations.entry(o.clone()).or_default().insert(0);
    }
    let preamble = &preamble.text;
    let mut text = format!("# {title}\n\n{preamble}\n\n");
    for (i, body) in bodies.iter().enumerate() {
        text.push_str(&heading(lang, plan.style, i as u32 + 1));
        text.push_str("\n\n");
        text.push_str(body);
        text.push_str("\n\n");
    }
    text.push_str(&closing(lang, langs, place, date));
    text.push('\n');
    Composed {
        lang: lang.to_string(),
        text,
        bodies,
        topic_article,
        organizations,
        periods,
    }
}
