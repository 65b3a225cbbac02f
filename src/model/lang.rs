//! Languages as data: one `schemas/lang/<code>.toml` per language holds the words of article
//! headings, numbers, months, closing formulas, treaty-evidence cues, organization and country
//! names. `build.rs` embeds every file of that folder, so adding a language is adding a file.

mod file;

pub(crate) use file::unaccented;
pub use file::{ArticleWords, DateWords, InstrumentWords, LanguageFile, NumberTable, Topic};
use file::{Finds, alternation_source, alternatives, organization_source};

use crate::model::patterns::{PatternId, PatternList, PatternSet, prefixes};
use crate::syntax::numerals::NumberWords;
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// How many words after "Article N" [`InstrumentWords::names_other`] reads.
pub const INSTRUMENT_WORDS: usize = 7;

impl InstrumentWords {
    fn extend(&mut self, other: &InstrumentWords) {
        let lower = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect::<Vec<_>>();
        self.of.extend(lower(&other.of));
        self.nouns.extend(lower(&other.nouns));
        self.own.extend(lower(&other.own));
    }

    /// Whether `rest`, the text after "Article N", names another instrument than the treaty:
    /// a genitive word (or the noun itself, in languages that inflect instead), then within a
    /// few words an instrument's noun, with no word of the treaty's own before it.
    pub fn names_other(&self, rest: &str) -> bool {
        let words = rest
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(INSTRUMENT_WORDS)
            .map(str::to_lowercase);
        for (i, w) in words.enumerate() {
            if self.is_noun(&w) {
                return true;
            }
            if self.own.iter().any(|o| w.starts_with(o.as_str())) {
                return false;
            }
            if i == 0 && !self.of.contains(&w) {
                return false;
            }
        }
        false
    }

    /// Whether `name`, the words just before a citation ("Panama Canal Treaty," in "(Panama
    /// Canal Treaty, Art. XIV)", "UN Charter:"), names another instrument than the treaty: it
    /// ends with an instrument's noun that other words name ("Panama Canal", "UN"), none of them
    /// a word of the treaty's own ("this Treaty", "présent Traité"); a bare "Treaty," or "the
    /// Treaty," is the coded treaty.
    pub fn names_other_before(&self, name: &str) -> bool {
        const DETERMINERS: [&str; 16] = [
            "the", "a", "an", "le", "la", "les", "l", "el", "los", "las", "der", "die", "das",
            "de", "het", "o",
        ];
        let words: Vec<&str> = name
            .trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ':')
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let Some((last, before)) = words.split_last() else {
            return false;
        };
        if !self.is_noun(&last.to_lowercase()) {
            return false;
        }
        let naming: Vec<String> = before
            .iter()
            .rev()
            .take(INSTRUMENT_WORDS)
            // A determiner names nothing; an acronym in capitals ("UN") does.
            .filter(|w| !(DETERMINERS.contains(w) && w.chars().all(char::is_lowercase)))
            .map(|w| w.to_lowercase())
            .collect();
        !naming.is_empty()
            && !naming
                .iter()
                .any(|w| self.own.iter().any(|o| w.starts_with(o.as_str())))
    }

    /// A noun of an instrument: a word that starts with a stem, or, for stems of six letters or
    /// more, that ends a compound with it ("Nordatlantikvertrags").
    fn is_noun(&self, word: &str) -> bool {
        self.nouns.iter().any(|n| {
            word.starts_with(n.as_str())
                || (n.chars().count() >= 6
                    && word
                        .char_indices()
                        .skip(1)
                        .any(|(i, _)| word[i..].starts_with(n.as_str())))
        })
    }
}

/// A language: its file, and its patterns compiled on first use (through `Deref`), so that a
/// process compiles only the languages of the treaties it reads. Compiling every language's
/// cues was most of the start-up time.
#[derive(Debug)]
pub struct Language {
    pub file: LanguageFile,
    /// The file's name, for errors.
    name: String,
    /// Its evidence patterns' prefixes, if `build.rs` read them (the built-in languages), as
    /// [`prefixes::decode`] reads them.
    built_prefixes: Option<&'static [u8]>,
    compiled: OnceLock<Compiled>,
    /// Each organization's names as one pattern, in the order of `file.organizations`, compiled
    /// alone when first searched ([`Language::names_organization`]).
    organization_names: OnceLock<Vec<OnceLock<(PatternSet, PatternId)>>>,
}

/// A language's patterns, compiled.
#[derive(Debug)]
pub struct Compiled {
    /// The topics' cues, the organizations' names and the quantities, searched together. A
    /// topic's cues are found as `(?i)\b(?:cue|cue|…)` finds them (`\b` in spaced languages
    /// only).
    pub evidence: PatternSet,
    pub topics: BTreeMap<String, CompiledTopic>,
    /// Organization id → one case-sensitive pattern of its names.
    pub organizations: Vec<(String, PatternId)>,
    /// Quantity kind → its patterns, each with a group `years` or `months`.
    pub quantities: BTreeMap<String, Vec<PatternId>>,
    /// Country names, longest first, with their codes.
    pub countries: Vec<(String, u32)>,
    /// The closing patterns as one, anchored at the start of the text it is given.
    pub closing: LazyRegex,
    pub negation: LazyRegex,
    pub prohibition: LazyRegex,
}

#[derive(Debug)]
pub struct CompiledTopic {
    pub strong: Option<PatternId>,
    pub weak: Option<PatternId>,
    pub negatable: bool,
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
    /// The article words as headings inside running text write them.
    pub capital_article_words: CapitalWords,
    pub article_affixes: Vec<(String, String)>,
    pub preamble_words: Vec<String>,
    pub foreign_followers: Vec<String>,
    pub instruments: InstrumentWords,
}

/// Article words in capitals ("ARTICLE"), as headings inside running text write them.
#[derive(Debug, Default)]
pub struct CapitalWords {
    /// In the order of `Languages::article_words`, letters-only words only.
    pub words: Vec<String>,
    /// Finds any of them, to pass over the many lines that have none.
    pub any: Option<AhoCorasick>,
    /// The letters-only words as a sentence starts them ("Article", "Artículo", "Статья"): a
    /// heading run into a line where a conversion joined the lines.
    pub run_in: Option<AhoCorasick>,
}

impl CapitalWords {
    fn new(article_words: &[String]) -> CapitalWords {
        let words: Vec<String> = article_words
            .iter()
            .filter(|w| w.chars().all(char::is_alphabetic))
            .map(|w| w.to_uppercase())
            .collect();
        // Empty words would match everywhere; leave the search to the loop then.
        let any = words
            .iter()
            .all(|w| !w.is_empty())
            .then(|| AhoCorasick::new(&words).ok())
            .flatten();
        let capitalized: Vec<String> = article_words
            .iter()
            .filter(|w| !w.is_empty() && w.chars().all(char::is_alphabetic))
            .map(|w| {
                let mut chars = w.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            })
            .collect();
        let run_in = AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&capitalized)
            .ok();
        CapitalWords { words, any, run_in }
    }
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

/// A word in lower case, and also without its accents when it has any ("veintiséis",
/// "veintiseis").
fn spellings(word: &str) -> Vec<String> {
    let lower = word.to_lowercase();
    let bare: String = lower.chars().map(|c| unaccented(c).unwrap_or(c)).collect();
    if bare == lower {
        vec![lower]
    } else {
        vec![lower, bare]
    }
}

/// A regex compiled when first used: most processes need few of a language's.
#[derive(Debug)]
pub struct LazyRegex {
    source: Option<String>,
    compiled: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    fn new(source: Option<String>) -> LazyRegex {
        LazyRegex {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The regex, if the file gives one (and it compiles: a language compiled on first use is
    /// one the test suite compiles).
    pub fn get(&self) -> Option<&Regex> {
        let compiled = self.compiled.get_or_init(|| {
            let source = self.source.as_deref()?;
            Regex::new(source).ok()
        });
        compiled.as_ref()
    }

    fn compile_now(&self) -> Result<(), regex::Error> {
        match &self.source {
            Some(source) if self.compiled.get().is_none() => {
                let regex = Regex::new(source)?;
                let _ = self.compiled.set(Some(regex));
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

impl std::ops::Deref for Language {
    type Target = Compiled;

    fn deref(&self) -> &Compiled {
        self.compiled.get_or_init(|| {
            Compiled::new(
                &self.name,
                &self.file,
                self.built_prefixes,
                CompileWhen::OnFirstUse,
            )
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
        let compiled = Compiled::new(name, &file, None, CompileWhen::Now)?;
        Ok(Language {
            file,
            name: name.to_string(),
            built_prefixes: None,
            compiled: OnceLock::from(compiled),
            organization_names: OnceLock::new(),
        })
    }

    /// A language compiled when first used; for files known to compile.
    fn deferred(name: &str, file: LanguageFile, built_prefixes: Option<&'static [u8]>) -> Language {
        Language {
            file,
            name: name.to_string(),
            built_prefixes,
            compiled: OnceLock::new(),
            organization_names: OnceLock::new(),
        }
    }

    pub fn code(&self) -> &str {
        &self.file.code
    }

    /// Whether `text` names organization `org` by one of its names in this language: a match of
    /// the names' pattern, the one `Compiled::organizations` searches treaties with. That
    /// pattern alone is compiled, when first asked for, into a set of its own (with its prefix
    /// literals, read from it here: a text without any is not searched), without the language's
    /// other patterns. `missing-organization` reads English names in the answers of sheets
    /// whose treaties are in other languages: building the English pattern list for that was
    /// 3.3 M of the seed's 109 M instructions.
    pub fn names_organization(&self, org: &str, text: &str) -> bool {
        let Some(index) = self.file.organizations.keys().position(|id| id == org) else {
            return false;
        };
        let patterns = self.organization_names.get_or_init(|| {
            let patterns = self.file.organizations.keys().map(|_| OnceLock::new());
            patterns.collect()
        });
        let (set, id) = patterns[index].get_or_init(|| {
            let source = organization_source(&self.file.organizations[org], self.file.spaced);
            let hir = regex_syntax::parse(&source).ok();
            let prefixes = hir.map(|hir| vec![prefixes::prefixes(&hir)]);
            let mut list = PatternList::default();
            let id = list.push(source, false);
            (list.into_set(prefixes), id)
        });
        set.is_match(*id, text)
    }
}

/// When a language's evidence patterns are compiled.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CompileWhen {
    /// All of them now, reporting the first error.
    Now,
    /// Each when first searched: for the built-in files, which the test suite compiles.
    OnFirstUse,
}

/// Compiles every evidence pattern, reporting the first error as the file writes the pattern,
/// and checks that each quantity pattern has its number group.
fn check_evidence(
    name: &str,
    file: &LanguageFile,
    evidence: &PatternSet,
    written: &[(String, String)],
    quantities: &BTreeMap<String, Vec<PatternId>>,
) -> Result<(), LangError> {
    let error = |message: String| LangError {
        file: name.to_string(),
        message,
    };
    evidence.compile_all().map_err(|e| {
        match e.pattern.and_then(|i| written.get(i)) {
            // The error on the pattern as written (a cue with its `\b`), as the file reads.
            Some((what, src)) => {
                let message = Regex::new(src).err().map_or(e.message, |e| e.to_string());
                error(format!("{what}: {message}"))
            }
            None => error(format!("evidence patterns: {}", e.message)),
        }
    })?;
    for (kind, ids) in quantities {
        for (p, id) in file.quantities[kind].iter().zip(ids) {
            if !evidence
                .group_names(*id)
                .any(|n| n == "years" || n == "months")
            {
                return Err(error(format!(
                    "quantities.{kind}: {p:?} has no (?P<years>…) or (?P<months>…) group"
                )));
            }
        }
    }
    Ok(())
}

impl Compiled {
    fn new(
        name: &str,
        file: &LanguageFile,
        built_prefixes: Option<&'static [u8]>,
        when: CompileWhen,
    ) -> Result<Compiled, LangError> {
        let mut list = PatternList::default();
        // What each pattern of the list is, and its source as written, for errors.
        let mut written: Vec<(String, String)> = Vec::new();
        let mut topics: BTreeMap<String, CompiledTopic> = (file.topics.iter())
            .map(|(id, t)| {
                let topic = CompiledTopic {
                    strong: None,
                    weak: None,
                    negatable: t.negatable,
                };
                (id.clone(), topic)
            })
            .collect();
        let mut organizations = Vec::new();
        let mut quantities: BTreeMap<String, Vec<PatternId>> = (file.quantities.keys())
            .map(|kind| (kind.clone(), Vec::new()))
            .collect();
        for source in file.evidence_sources() {
            written.push((source.what(), source.as_written));
            let id = list.push(source.source, source.word_start);
            match source.finds {
                Finds::Cue { topic, strong } => {
                    if let Some(topic) = topics.get_mut(&topic) {
                        *(if strong {
                            &mut topic.strong
                        } else {
                            &mut topic.weak
                        }) = Some(id);
                    }
                }
                Finds::Organization(org) => organizations.push((org, id)),
                Finds::Quantity(kind) => quantities.entry(kind).or_default().push(id),
            }
        }
        let evidence = list.into_set(built_prefixes.and_then(prefixes::decode));
        if when == CompileWhen::Now {
            check_evidence(name, file, &evidence, &written, &quantities)?;
        }
        // One anchored alternation: the treaty reader tries it at every sentence start.
        let closing_source = |pats: &[String]| format!("(?i)^(?:{})", alternatives(pats));
        let closing =
            LazyRegex::new((!file.closing.is_empty()).then(|| closing_source(&file.closing)));
        // Whole words in spaced languages: "no" does not negate "notificar su denuncia", nor
        // "not" "notice".
        let escaped = |words: &[String]| -> Vec<String> {
            words
                .iter()
                .map(|w| match w.chars().last() {
                    Some(c) if file.spaced && c.is_alphanumeric() => {
                        format!(r"{}\b", regex::escape(w))
                    }
                    _ => regex::escape(w),
                })
                .collect()
        };
        let alternation = |words: &[String]| {
            LazyRegex::new(
                (!words.is_empty()).then(|| alternation_source(&escaped(words), file.spaced)),
            )
        };
        let negation = alternation(&file.negations);
        let prohibition = alternation(&file.prohibitions);
        if when == CompileWhen::Now {
            let error = |what: &str, message: regex::Error| LangError {
                file: name.to_string(),
                message: format!("{what}: {message}"),
            };
            closing.compile_now().map_err(|e| {
                // The error of the first pattern at fault, as the file writes it.
                let first = file
                    .closing
                    .iter()
                    .find_map(|p| Regex::new(&closing_source(std::slice::from_ref(p))).err());
                error("closing", first.unwrap_or(e))
            })?;
            negation.compile_now().map_err(|e| error("negations", e))?;
            prohibition
                .compile_now()
                .map_err(|e| error("prohibitions", e))?;
        }
        let mut countries: Vec<(String, u32)> = file
            .countries
            .iter()
            .map(|(n, c)| (n.clone(), *c))
            .collect();
        countries.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        Ok(Compiled {
            evidence,
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
            capital_article_words: CapitalWords::default(),
            article_affixes: Vec::new(),
            preamble_words: Vec::new(),
            foreign_followers: Vec::new(),
            instruments: InstrumentWords::default(),
        };
        for lang in &langs {
            let f = &lang.file;
            // Words are read with and without their accents ("VEINTISEIS", "DEUXIEME").
            for (w, v) in f.numbers.cardinals.iter().chain(&f.numbers.ordinals) {
                for w in spellings(w) {
                    l.numbers.add_value(&w, *v);
                }
            }
            for (w, v) in &f.numbers.scales {
                for w in spellings(w) {
                    l.numbers.add_scale(&w, *v);
                }
            }
            for w in &f.numbers.connectors {
                l.numbers.add_connector(w);
            }
            for w in &f.numbers.joiners {
                l.numbers.add_joiner(w);
            }
            for w in &f.numbers.ordinal_suffixes {
                l.numbers.add_ordinal_suffix(w);
            }
            for (i, names) in f.dates.months.iter().enumerate() {
                for n in names.iter().flat_map(|n| spellings(n)) {
                    l.months.insert(n, i as u32 + 1);
                }
            }
            l.fillers
                .extend(f.dates.fillers.iter().flat_map(|s| spellings(s)));
            l.year_words.extend(f.dates.year_words.iter().cloned());
            l.article_words
                .extend(f.articles.words.iter().flat_map(|s| spellings(s)));
            l.article_affixes.extend(f.articles.affixes.iter().cloned());
            l.preamble_words
                .extend(f.articles.preamble.iter().flat_map(|s| spellings(s)));
            l.foreign_followers
                .extend(f.articles.foreign.iter().map(|s| s.to_lowercase()));
            l.instruments.extend(&f.articles.instruments);
        }
        // Longest first, so "artículo" wins over "art".
        l.article_words
            .sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        l.article_words.dedup();
        l.capital_article_words = CapitalWords::new(&l.article_words);
        l.langs = langs;
        l
    }

    /// The languages embedded in the binary, each compiled when first used (the test suite
    /// compiles them all: `embedded_files_load`).
    pub fn builtin() -> &'static Languages {
        static LANGS: OnceLock<Languages> = OnceLock::new();
        LANGS.get_or_init(|| {
            let files = crate::embedded::LANGUAGE_FILES.iter();
            let langs = (files.zip(crate::embedded::EVIDENCE_PREFIXES))
                .map(|((name, src), built)| {
                    Language::read(name, src).map(|f| Language::deferred(name, f, *built))
                })
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
                c if crate::text::is_han(c) => han += 1,
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
    use super::file::{organization_source, quantity_source};
    use super::*;

    /// The prefixes `build.rs` read for every evidence pattern of the built-in languages are
    /// those read at run time from the same patterns.
    #[test]
    fn build_time_prefixes_are_the_run_time_ones() {
        let files = crate::embedded::LANGUAGE_FILES;
        assert_eq!(files.len(), crate::embedded::EVIDENCE_PREFIXES.len());
        for ((name, src), built) in files.iter().zip(crate::embedded::EVIDENCE_PREFIXES) {
            let sources = Language::read(name, src).unwrap().evidence_sources();
            let built = built.and_then(prefixes::decode);
            let built = built.unwrap_or_else(|| panic!("{name}: no prefixes read at build time"));
            assert_eq!(built.len(), sources.len(), "{name}");
            for (source, built) in sources.iter().zip(built) {
                let hir = regex_syntax::parse(&source.source).unwrap();
                assert_eq!(built, prefixes::prefixes(&hir), "{name}: {}", source.what());
            }
        }
    }

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
        let it = langs.get("it").unwrap();
        let cue = it.topics["renunciation"].strong.unwrap();
        let found: Vec<(usize, &str)> = it
            .evidence
            .scan(text)
            .find_iter(cue)
            .map(|r| (r.start, &text[r]))
            .collect();
        assert_eq!(found, [(text.find("denuncia").unwrap(), "denuncia")]);
    }

    /// The `.txt` files of these folders of the repository.
    fn fixture_texts(dirs: &[&str]) -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        for dir in dirs {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "txt") {
                    texts.push(std::fs::read_to_string(path).unwrap());
                }
            }
        }
        texts
    }

    /// Every text the tests and the generated corpus are made of (the corpus treaties are built
    /// from these treaties' articles), and each of them in capitals and with the letters that
    /// fold to ASCII outside it (ſ, K), all read with every language's cues, organization names
    /// and quantities.
    #[test]
    fn evidence_patterns_find_what_each_regex_finds_alone() {
        let texts = fixture_texts(&[
            "tests/fixtures/treaties",
            "tests/fixtures/evidence",
            "tests/fixtures/sheets",
            "examples/5030",
        ]);
        assert!(texts.len() >= 15, "{} texts", texts.len());
        let langs = Languages::builtin();
        for lang in &langs.langs {
            let mut written = Vec::new();
            for (id, topic) in &lang.file.topics {
                let compiled = &lang.topics[id];
                for (pats, cue) in [
                    (&topic.strong, compiled.strong),
                    (&topic.weak, compiled.weak),
                ] {
                    if let Some(cue) = cue {
                        let src = alternation_source(pats, lang.file.spaced);
                        written.push((cue, Regex::new(&src).unwrap()));
                    }
                }
            }
            for (id, names) in &lang.organizations {
                let src = organization_source(&lang.file.organizations[id], lang.file.spaced);
                written.push((*names, Regex::new(&src).unwrap()));
            }
            for (kind, patterns) in &lang.quantities {
                for (p, id) in lang.file.quantities[kind].iter().zip(patterns) {
                    written.push((*id, Regex::new(&quantity_source(p)).unwrap()));
                }
            }
            assert!(
                written.len() >= 20,
                "{}: {} patterns",
                lang.code(),
                written.len()
            );
            for text in &texts {
                for variant in [
                    text.clone(),
                    text.to_uppercase(),
                    text.replace('s', "ſ").replace('k', "\u{212a}"),
                ] {
                    crate::model::patterns::tests::assert_same_matches(
                        &lang.evidence,
                        &written,
                        &variant,
                    );
                }
            }
        }
    }

    /// `names_organization` compiles an organization's names alone, in a set of their own: it
    /// finds them where the language's pattern set does.
    #[test]
    fn an_organization_is_named_where_its_evidence_pattern_finds_it() {
        let dirs = [
            "tests/fixtures/treaties",
            "tests/fixtures/sheets",
            "examples/5030",
        ];
        let mut texts = Vec::new();
        for text in fixture_texts(&dirs) {
            // Answer-sized pieces, as the rule searches.
            texts.extend(text.split("\n\n").map(str::to_string));
            texts.push(text.to_uppercase());
        }
        let langs = Languages::builtin();
        let mut named = 0;
        for lang in &langs.langs {
            assert!(!lang.names_organization("no such organization", "United Nations"));
            for (id, names) in &lang.organizations {
                for text in &texts {
                    let found = lang.evidence.scan_in_full(text).find_iter(*names).next();
                    assert_eq!(
                        lang.names_organization(id, text),
                        found.is_some(),
                        "{} {id} in {text:?}",
                        lang.code()
                    );
                    named += usize::from(found.is_some());
                }
            }
        }
        assert!(named >= 20, "{named}");
        let en = langs.get("en").unwrap();
        assert!(en.names_organization("un", "Yes. The Charter of the United Nations (Art. 1)."));
        assert!(!en.names_organization("un", "Yes. The united nations (Art. 1)."));
        assert!(en.names_organization("un", "YES. THE UNITED NATIONS (ART. 1)."));
    }

    #[test]
    fn cue_errors_are_reported_as_written() {
        let e = Languages::from_files(&[(
            "schemas/lang/xx.toml",
            "code = \"xx\"\nname = \"X\"\n[topics.a]\nstrong = [\"ok\"]\nweak = [\"(\"]\n",
        )])
        .unwrap_err();
        let as_written = Regex::new(&format!(r"(?i)\b(?:(?:{}))", "(")).unwrap_err();
        assert_eq!(e.message, format!("topics.a.weak: {as_written}"));
    }

    #[test]
    fn a_closing_error_names_the_pattern_at_fault() {
        let e = Languages::from_files(&[(
            "schemas/lang/xx.toml",
            "code = \"xx\"\nname = \"X\"\nclosing = [\"Done at\", \"[\"]\n",
        )])
        .unwrap_err();
        let alone = Regex::new(&format!("(?i)^(?:(?:{}))", "[")).unwrap_err();
        assert_eq!(e.message, format!("closing: {alone}"));
    }

    #[test]
    fn a_quantity_needs_a_number_group() {
        let e = Languages::from_files(&[(
            "schemas/lang/xx.toml",
            "code = \"xx\"\nname = \"X\"\n[quantities]\nduration = ['for (?P<years>\\d+) years', 'for (\\d+) years']\n",
        )])
        .unwrap_err();
        assert_eq!(
            e.message,
            r#"quantities.duration: "for (\\d+) years" has no (?P<years>…) or (?P<months>…) group"#
        );
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
