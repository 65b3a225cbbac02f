//! Languages as data: one `schemas/lang/<code>.toml` per language holds the words of article
//! headings, numbers, months, closing formulas, treaty-evidence cues, organization and country
//! names. `build.rs` embeds every file of that folder, so adding a language is adding a file.

use crate::syntax::numerals::NumberWords;
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One language's file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageFile {
    pub code: String,
    pub name: String,
    /// Whether words are separated by spaces (false for Chinese): cues then match anywhere and
    /// the negation window counts characters.
    #[serde(default = "yes")]
    pub spaced: bool,
    /// Frequent words of treaty prose, to guess the language of an untagged treaty file.
    #[serde(default)]
    pub detect: Vec<String>,
    #[serde(default)]
    pub articles: ArticleWords,
    #[serde(default)]
    pub numbers: NumberTable,
    #[serde(default)]
    pub dates: DateWords,
    /// Regular expressions that open the closing text (signature formula) at a line start.
    #[serde(default)]
    pub closing: Vec<String>,
    /// Words that negate a cue when they stand within `negation_window` words (characters for
    /// unspaced languages) before it.
    #[serde(default)]
    pub negations: Vec<String>,
    #[serde(default = "default_window")]
    pub negation_window: usize,
    /// Prohibitions ("shall not", "不得") negate a cue anywhere earlier in the same clause.
    #[serde(default)]
    pub prohibitions: Vec<String>,
    /// Evidence topic id → cues.
    #[serde(default)]
    pub topics: BTreeMap<String, Topic>,
    /// Organization id → names in this language.
    #[serde(default)]
    pub organizations: BTreeMap<String, Vec<String>>,
    /// Country name in this language → COW code.
    #[serde(default)]
    pub countries: BTreeMap<String, u32>,
    /// Quantity kind ("duration", "renewal") → regular expressions with a named group `years`
    /// or `months` holding the number.
    #[serde(default)]
    pub quantities: BTreeMap<String, Vec<String>>,
}

fn yes() -> bool {
    true
}
fn default_window() -> usize {
    3
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleWords {
    /// Words written before an article's number: "Article", "Art.", "Статья".
    #[serde(default)]
    pub words: Vec<String>,
    /// Prefix and suffix around the number: ["第", "条"].
    #[serde(default)]
    pub affixes: Vec<(String, String)>,
    /// Words that name the preamble in citations and headings.
    #[serde(default)]
    pub preamble: Vec<String>,
    /// Words right after "Article N" that make it a citation of another instrument
    /// ("of the Charter"), so never a heading.
    #[serde(default)]
    pub foreign: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberTable {
    #[serde(default)]
    pub cardinals: BTreeMap<String, u64>,
    #[serde(default)]
    pub ordinals: BTreeMap<String, u64>,
    #[serde(default)]
    pub scales: BTreeMap<String, u64>,
    #[serde(default)]
    pub connectors: Vec<String>,
    #[serde(default)]
    pub joiners: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateWords {
    /// Twelve lists of month names, January first.
    #[serde(default)]
    pub months: Vec<Vec<String>>,
    /// Words that may stand between day, month and year: "the", "day", "of", "de".
    #[serde(default)]
    pub fillers: Vec<String>,
    /// Words for "year" written after the year ("года", "年").
    #[serde(default)]
    pub year_words: Vec<String>,
}

/// The cues of one evidence topic.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Regular expressions (case-insensitive) that show the provision beyond doubt.
    #[serde(default)]
    pub strong: Vec<String>,
    /// Regular expressions that make the provision likely.
    #[serde(default)]
    pub weak: Vec<String>,
    /// Whether a negation before a cue cancels it. "shall not accede" is no accession clause, but
    /// "shall not use nuclear weapons" is still an arms provision.
    #[serde(default = "yes")]
    pub negatable: bool,
}

/// A language: its file, and its patterns compiled on first use (through `Deref`), so that a
/// process compiles only the languages of the treaties it reads. Compiling every language's
/// cues was most of the start-up time.
#[derive(Debug)]
pub struct Language {
    pub file: LanguageFile,
    /// The file's name, for errors.
    name: String,
    compiled: OnceLock<Compiled>,
}

/// A language's patterns, compiled.
#[derive(Debug)]
pub struct Compiled {
    pub topics: BTreeMap<String, CompiledTopic>,
    /// Organization id → one case-sensitive pattern of its names.
    pub organizations: Vec<(String, Regex)>,
    pub quantities: BTreeMap<String, Vec<Regex>>,
    /// Country names, longest first, with their codes.
    pub countries: Vec<(String, u32)>,
    pub closing: Vec<Regex>,
    pub negation: Option<Regex>,
    pub prohibition: Option<Regex>,
}

#[derive(Debug)]
pub struct CompiledTopic {
    pub strong: Option<Cues>,
    pub weak: Option<Cues>,
    pub negatable: bool,
}

/// A topic's cues, found as `(?i)\b(?:cue|cue|…)` finds them (`\b` in spaced languages only).
///
/// The regex is compiled without the leading `\b`, which is checked at each match start
/// instead: with it, the regex crate verifies every candidate of its literal prefilter from a
/// start state that needs the previous character, and scanning a treaty for every topic costs
/// about a third more. Checking it outside gives the same matches (see `find_iter`).
#[derive(Debug)]
pub struct Cues {
    regex: Regex,
    word_start: bool,
}

impl Cues {
    /// The cues, case-insensitive; `word_start` asks for a word boundary before each match.
    fn compile(pats: &[String], word_start: bool) -> Result<Option<Cues>, regex::Error> {
        if pats.is_empty() {
            return Ok(None);
        }
        let regex = Regex::new(&alternation_source(pats, false)).map_err(|e| {
            // Report the error on the pattern as written with its `\b`, as the file reads.
            Regex::new(&alternation_source(pats, word_start))
                .err()
                .unwrap_or(e)
        })?;
        Ok(Some(Cues { regex, word_start }))
    }

    /// The leftmost match starting at or after `from`. Where the regex matches without a word
    /// boundary at the start, the `\b` pattern has no match starting there or earlier (its
    /// matches are the regex's matches that start at a boundary, with the same alternative
    /// preferred), so the search goes on from the next character.
    fn find_from<'t>(&self, text: &'t str, mut from: usize) -> Option<regex::Match<'t>> {
        loop {
            let m = self.regex.find_at(text, from)?;
            if !self.word_start || at_word_boundary(text, m.start()) {
                return Some(m);
            }
            let next = text[m.start()..].chars().next()?;
            from = m.start() + next.len_utf8();
        }
    }

    /// Every match, in order, as `Regex::find_iter` gives them for the `\b` pattern,
    /// including its rule for an empty match right after the previous match.
    pub fn find_iter<'t>(&self, text: &'t str) -> impl Iterator<Item = regex::Match<'t>> {
        let mut at = 0;
        let mut last_end = None;
        std::iter::from_fn(move || {
            if at > text.len() {
                return None;
            }
            let mut m = self.find_from(text, at)?;
            if m.is_empty() && Some(m.end()) == last_end {
                if at + 1 > text.len() {
                    return None;
                }
                m = self.find_from(text, at + 1)?;
            }
            at = m.end();
            last_end = Some(m.end());
            Some(m)
        })
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.find_from(text, 0).is_some()
    }
}

/// Whether Unicode `\b` holds at byte `at` of `text` (a character boundary).
fn at_word_boundary(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    let word = |c: Option<char>| c.is_some_and(regex_syntax::is_word_character);
    word(before) != word(after)
}

/// Every language, with the tables merged across languages where the use is language-blind
/// (article headings and number words: a French treaty may write "Article 1er").
#[derive(Debug)]
pub struct Languages {
    pub langs: Vec<Language>,
    pub numbers: NumberWords,
    /// Lower-case month name → month number (1-12), over every language.
    pub months: BTreeMap<String, u32>,
    pub fillers: Vec<String>,
    pub year_words: Vec<String>,
    pub article_words: Vec<String>,
    pub article_affixes: Vec<(String, String)>,
    pub preamble_words: Vec<String>,
    pub foreign_followers: Vec<String>,
}

/// An error in a language file: which file and what.
#[derive(Debug)]
pub struct LangError {
    pub file: String,
    pub message: String,
}

impl std::fmt::Display for LangError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// The case-insensitive alternation of `pats`, with a leading `\b` when `word_start`.
fn alternation_source(pats: &[String], word_start: bool) -> String {
    let body = pats
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|");
    if word_start {
        format!(r"(?i)\b(?:{body})")
    } else {
        format!(r"(?i)(?:{body})")
    }
}

fn alternation(
    file: &str,
    what: &str,
    pats: &[String],
    spaced: bool,
) -> Result<Option<Regex>, LangError> {
    if pats.is_empty() {
        return Ok(None);
    }
    Regex::new(&alternation_source(pats, spaced))
        .map(Some)
        .map_err(|e| LangError {
            file: file.to_string(),
            message: format!("{what}: {e}"),
        })
}

impl std::ops::Deref for Language {
    type Target = Compiled;

    fn deref(&self) -> &Compiled {
        self.compiled.get_or_init(|| {
            Compiled::new(&self.name, &self.file)
                .expect("a deferred language file is one the test suite compiles")
        })
    }
}

impl Language {
    /// Reads one language file; `name` names it in errors.
    fn read(name: &str, src: &str) -> Result<LanguageFile, LangError> {
        let file: LanguageFile = toml::from_str(src).map_err(|e| LangError {
            file: name.to_string(),
            message: e.to_string(),
        })?;
        if !matches!(file.dates.months.len(), 0 | 12) {
            return Err(LangError {
                file: name.to_string(),
                message: format!(
                    "dates.months: expected 12 lists of month names, found {}",
                    file.dates.months.len()
                ),
            });
        }
        Ok(file)
    }

    /// Compiles a language now, reporting errors in its patterns.
    pub fn compile(name: &str, file: LanguageFile) -> Result<Language, LangError> {
        let compiled = Compiled::new(name, &file)?;
        Ok(Language {
            file,
            name: name.to_string(),
            compiled: OnceLock::from(compiled),
        })
    }

    /// A language compiled when first used; for files known to compile.
    fn deferred(name: &str, file: LanguageFile) -> Language {
        Language {
            file,
            name: name.to_string(),
            compiled: OnceLock::new(),
        }
    }

    pub fn code(&self) -> &str {
        &self.file.code
    }
}

impl Compiled {
    fn new(name: &str, file: &LanguageFile) -> Result<Compiled, LangError> {
        let cues = |what: &str, pats: &[String]| {
            Cues::compile(pats, file.spaced).map_err(|e| LangError {
                file: name.to_string(),
                message: format!("{what}: {e}"),
            })
        };
        let mut topics = BTreeMap::new();
        for (id, t) in &file.topics {
            topics.insert(
                id.clone(),
                CompiledTopic {
                    strong: cues(&format!("topics.{id}.strong"), &t.strong)?,
                    weak: cues(&format!("topics.{id}.weak"), &t.weak)?,
                    negatable: t.negatable,
                },
            );
        }
        let closing = file
            .closing
            .iter()
            .map(|p| {
                Regex::new(&format!("(?i)^(?:{p})")).map_err(|e| LangError {
                    file: name.to_string(),
                    message: format!("closing: {e}"),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let negs: Vec<String> = file.negations.iter().map(|n| regex::escape(n)).collect();
        let negation = alternation(name, "negations", &negs, file.spaced)?;
        let prohibs: Vec<String> = file.prohibitions.iter().map(|n| regex::escape(n)).collect();
        let prohibition = alternation(name, "prohibitions", &prohibs, file.spaced)?;
        let compile = |what: String, src: String| {
            Regex::new(&src).map_err(|e| LangError {
                file: name.to_string(),
                message: format!("{what}: {e}"),
            })
        };
        let mut organizations = Vec::new();
        for (id, names) in &file.organizations {
            let body = names
                .iter()
                .map(|n| format!("(?:{n})"))
                .collect::<Vec<_>>()
                .join("|");
            let src = if file.spaced {
                format!(r"\b(?:{body})(?:\b|$)")
            } else {
                format!("(?:{body})")
            };
            organizations.push((id.clone(), compile(format!("organizations.{id}"), src)?));
        }
        let mut quantities = BTreeMap::new();
        for (kind, pats) in &file.quantities {
            let mut v = Vec::new();
            for p in pats {
                let re = compile(format!("quantities.{kind}"), format!("(?i){p}"))?;
                if !re
                    .capture_names()
                    .flatten()
                    .any(|n| n == "years" || n == "months")
                {
                    return Err(LangError {
                        file: name.to_string(),
                        message: format!(
                            "quantities.{kind}: {p:?} has no (?P<years>…) or (?P<months>…) group"
                        ),
                    });
                }
                v.push(re);
            }
            quantities.insert(kind.clone(), v);
        }
        let mut countries: Vec<(String, u32)> = file
            .countries
            .iter()
            .map(|(n, c)| (n.clone(), *c))
            .collect();
        countries.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        Ok(Compiled {
            topics,
            organizations,
            quantities,
            countries,
            closing,
            negation,
            prohibition,
        })
    }
}

impl Languages {
    /// Reads and compiles language files, reporting the first error in file order.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Languages, LangError> {
        let langs = files
            .iter()
            .map(|(name, src)| Language::compile(name, Language::read(name, src)?))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Languages::assemble(langs))
    }

    /// The languages with the tables merged across them.
    fn assemble(langs: Vec<Language>) -> Languages {
        let mut l = Languages {
            langs: Vec::new(),
            numbers: NumberWords::default(),
            months: BTreeMap::new(),
            fillers: Vec::new(),
            year_words: Vec::new(),
            article_words: Vec::new(),
            article_affixes: Vec::new(),
            preamble_words: Vec::new(),
            foreign_followers: Vec::new(),
        };
        for lang in &langs {
            let f = &lang.file;
            for (w, v) in f.numbers.cardinals.iter().chain(&f.numbers.ordinals) {
                l.numbers.add_value(w, *v);
            }
            for (w, v) in &f.numbers.scales {
                l.numbers.add_scale(w, *v);
            }
            for w in &f.numbers.connectors {
                l.numbers.add_connector(w);
            }
            for w in &f.numbers.joiners {
                l.numbers.add_joiner(w);
            }
            for (i, names) in f.dates.months.iter().enumerate() {
                for n in names {
                    l.months.insert(n.to_lowercase(), i as u32 + 1);
                }
            }
            l.fillers
                .extend(f.dates.fillers.iter().map(|s| s.to_lowercase()));
            l.year_words.extend(f.dates.year_words.iter().cloned());
            l.article_words
                .extend(f.articles.words.iter().map(|s| s.to_lowercase()));
            l.article_affixes.extend(f.articles.affixes.iter().cloned());
            l.preamble_words
                .extend(f.articles.preamble.iter().map(|s| s.to_lowercase()));
            l.foreign_followers
                .extend(f.articles.foreign.iter().map(|s| s.to_lowercase()));
        }
        // Longest first, so "artículo" wins over "art".
        l.article_words
            .sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        l.article_words.dedup();
        l.langs = langs;
        l
    }

    /// The languages embedded in the binary, each compiled when first used (the test suite
    /// compiles them all: `embedded_files_load`).
    pub fn builtin() -> &'static Languages {
        static LANGS: OnceLock<Languages> = OnceLock::new();
        LANGS.get_or_init(|| {
            let langs = crate::embedded::LANGUAGE_FILES
                .iter()
                .map(|(name, src)| Language::read(name, src).map(|f| Language::deferred(name, f)))
                .collect::<Result<Vec<_>, _>>()
                .expect("embedded language files are checked by the test suite");
            Languages::assemble(langs)
        })
    }

    pub fn get(&self, code: &str) -> Option<&Language> {
        self.langs
            .iter()
            .find(|l| l.code().eq_ignore_ascii_case(code))
    }

    /// Guesses the language of a text: scripts first (Han, Cyrillic), then frequent words.
    pub fn detect(&self, text: &str) -> Option<&Language> {
        let sample: &str = &text[..crate::text::floor_char_boundary(text, 20_000)];
        let (mut han, mut cyr, mut latin) = (0usize, 0usize, 0usize);
        for c in sample.chars() {
            match c {
                '\u{4e00}'..='\u{9fff}' => han += 1,
                '\u{0400}'..='\u{04ff}' => cyr += 1,
                'a'..='z' | 'A'..='Z' => latin += 1,
                _ => {}
            }
        }
        let mut best: Option<(&Language, usize)> = None;
        let lower = sample.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .collect();
        for lang in &self.langs {
            let score = if !lang.file.spaced {
                if han > latin / 4 && han > cyr {
                    lang.file
                        .detect
                        .iter()
                        .map(|w| lower.matches(w.as_str()).count())
                        .sum::<usize>()
                        + han
                } else {
                    0
                }
            } else {
                words
                    .iter()
                    .filter(|w| lang.file.detect.iter().any(|d| d == *w))
                    .count()
            };
            if score > 0 && best.is_none_or(|(_, s)| score > s) {
                best = Some((lang, score));
            }
        }
        best.map(|(l, _)| l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_load() {
        let l = Languages::from_files(crate::embedded::LANGUAGE_FILES).unwrap();
        for code in ["zh", "en", "fr", "es", "nl", "ru", "de"] {
            assert!(l.get(code).is_some(), "{code}");
        }
        assert_eq!(l.months.get("avril"), Some(&4));
        assert_eq!(l.numbers.word("eenentwintig"), Some(21));
        assert_eq!(l.numbers.word("einundzwanzig"), Some(21));
    }

    #[test]
    fn number_words_up_to_a_hundred() {
        let l = Languages::builtin();
        let n = |s: &str| {
            let w: Vec<&str> = s.split_whitespace().collect();
            l.numbers
                .parse(&w)
                .filter(|(_, used)| *used == w.len())
                .map(|(v, _)| v)
        };
        let cases = [
            ("twenty", 20),
            ("forty-nine", 49),
            ("ninety nine", 99),
            ("one hundred", 100),
            ("vingt et un", 21),
            ("soixante-dix-sept", 77),
            ("quatre-vingt-dix-neuf", 99),
            ("cent", 100),
            ("treinta y cinco", 35),
            ("noventa y nueve", 99),
            ("veintiuno", 21),
            ("cien", 100),
            ("vijfenzeventig", 75),
            ("negenennegentig", 99),
            ("honderd", 100),
            ("twintig", 20),
            ("двадцать пять", 25),
            ("девяносто девять", 99),
            ("сто", 100),
            ("einundzwanzig", 21),
            ("neunundneunzig", 99),
        ];
        for (text, want) in cases {
            assert_eq!(n(text), Some(want), "{text}");
        }
        assert_eq!(crate::syntax::numerals::parse_chinese("九十九"), Some(99));
    }

    #[test]
    fn detects_languages() {
        let l = Languages::builtin();
        let d = |t: &str| l.detect(t).map(|l| l.code().to_string());
        assert_eq!(d("本条约有效期为二十年。"), Some("zh".into()));
        assert_eq!(
            d(
                "The Parties shall consult together whenever the security of any of them is threatened."
            ),
            Some("en".into())
        );
        assert_eq!(
            d("Le présent Traité sera ratifié et les ratifications seront échangées."),
            Some("fr".into())
        );
        assert_eq!(
            d(
                "De Partijen zullen overleg plegen wanneer de veiligheid van een der Partijen bedreigd is."
            ),
            Some("nl".into())
        );
        assert_eq!(
            d("El presente Tratado estará sujeto a ratificación por los Estados."),
            Some("es".into())
        );
        assert_eq!(
            d("Настоящий Договор подлежит ратификации и вступает в силу."),
            Some("ru".into())
        );
        assert_eq!(
            d("Der Vertrag wird ratifiziert werden und die Urkunden werden ausgetauscht."),
            Some("de".into())
        );
    }

    #[test]
    fn a_new_language_is_a_new_file() {
        let it = r#"
code = "it"
name = "Italian"
detect = ["il", "della", "trattato"]
negations = ["non"]
closing = ['fatto a\b']
[articles]
words = ["articolo"]
[numbers]
ordinals = { primo = 1 }
[dates]
months = [["gennaio"], ["febbraio"], ["marzo"], ["aprile"], ["maggio"], ["giugno"], ["luglio"], ["agosto"], ["settembre"], ["ottobre"], ["novembre"], ["dicembre"]]
[topics.renunciation]
strong = ['denuncia']
"#;
        let mut files: Vec<(&str, &str)> = crate::embedded::LANGUAGE_FILES.to_vec();
        files.push(("schemas/lang/it.toml", it));
        let langs = Languages::from_files(&files).unwrap();
        let text = "Articolo primo\nIl trattato.\nArticolo 2\nOgni parte può farne denuncia.\nFatto a Roma, il 4 aprile 1949.\n";
        let t = crate::syntax::treaty::parse(text.to_string(), None, &langs);
        assert_eq!(t.lang.as_deref(), Some("it"));
        assert_eq!(
            t.articles.iter().map(|a| a.number).collect::<Vec<_>>(),
            [1, 2]
        );
        assert_eq!(
            t.signed.map(|(_, d)| d.to_string()).as_deref(),
            Some("1949-04-04")
        );
        let topics: toml::Table = toml::from_str(crate::embedded::TOPICS).unwrap();
        assert!(topics["topics"].get("renunciation").is_some());
        let re = langs.get("it").unwrap().topics["renunciation"]
            .strong
            .as_ref()
            .unwrap();
        assert!(re.is_match(text));
    }

    /// What `Cues` stands for: the one regex with its `\b`.
    fn written(pats: &[&str]) -> Regex {
        let body = pats
            .iter()
            .map(|p| format!("(?:{p})"))
            .collect::<Vec<_>>()
            .join("|");
        Regex::new(&format!(r"(?i)\b(?:{body})")).unwrap()
    }

    proptest::proptest! {
        #[test]
        fn cues_find_what_the_word_start_regex_finds(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "shall", "not", "accede", "nuclear", " weapons", "Weapons", "ſhall", "K", "é",
                "xaccede", "_", "1", " ", ".", "\n", "ARMED ATTACK", "attack", "of", "the",
                "état", "États", "été", "日本", "\u{200d}", "\u{301}", "a", "",
            ]), 0..14)
        ) {
            let text = pieces.concat();
            let sets: [&[&str]; 4] = [
                &["nuclear weapons?", "shall not", "accede", "attack"],
                &["a*", "accede"],
                &["(?:x)?", "[a-z]{0,3}"],
                &["été", "états?", "k"],
            ];
            for pats in sets {
                let owned: Vec<String> = pats.iter().map(|p| p.to_string()).collect();
                let cues = Cues::compile(&owned, true).unwrap().unwrap();
                let got: Vec<_> = cues.find_iter(&text).map(|m| m.range()).collect();
                let want: Vec<_> = written(pats).find_iter(&text).map(|m| m.range()).collect();
                proptest::prop_assert_eq!(&got, &want, "{:?} in {:?}", pats, text);
                proptest::prop_assert_eq!(cues.is_match(&text), !want.is_empty());
            }
        }
    }

    #[test]
    fn cues_report_errors_as_written() {
        let bad = vec!["(".to_string()];
        let e = Cues::compile(&bad, true).unwrap_err().to_string();
        let as_written = format!(r"(?i)\b(?:(?:{}))", bad[0]);
        assert_eq!(e, Regex::new(&as_written).unwrap_err().to_string());
    }

    #[test]
    fn broken_file_is_named() {
        let e = Languages::from_files(&[(
            "schemas/lang/xx.toml",
            "code = \"xx\"\nname = \"X\"\n[topics.a]\nstrong = [\"(\"]\n",
        )])
        .unwrap_err();
        assert_eq!(e.file, "schemas/lang/xx.toml");
        assert!(e.message.starts_with("topics.a.strong"), "{}", e.message);
    }
}
