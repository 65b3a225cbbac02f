//! A language file as written, and the sources of its evidence patterns: what the crate
//! compiles, and what `build.rs` reads the prefilter's literals from for the built-in languages
//! (it includes this file), so that both make the same patterns in the same order.

use serde::Deserialize;
use std::collections::BTreeMap;

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
    /// What "Article N" is followed by when it names its instrument: the genitive words
    /// ("of", "de la", "des"), stems of the nouns that name an instrument ("charter", "vertrag",
    /// matched inside compounds when long enough) and the words that make it the treaty's own
    /// ("this", "présent"). "Article 36 of the Statute of the Court" cites another instrument;
    /// "Article 3 of the present Treaty" does not.
    #[serde(default)]
    pub instruments: InstrumentWords,
}

/// Words that tell whether "Article N …" cites another instrument (see [`ArticleWords`]).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstrumentWords {
    /// Words that may open the instrument's name after the number: "of", "de", "du", "des".
    #[serde(default)]
    pub of: Vec<String>,
    /// Stems of nouns that name an instrument.
    #[serde(default)]
    pub nouns: Vec<String>,
    /// Stems of words that make the instrument the treaty itself.
    #[serde(default)]
    pub own: Vec<String>,
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
    /// Endings that make a cardinal an ordinal ("ten", "sten"; "de", "ste").
    #[serde(default)]
    pub ordinal_suffixes: Vec<String>,
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

/// `pats` as one alternation body: `(?:a)|(?:b)`, each accent-insensitive.
pub(super) fn alternatives(pats: &[String]) -> String {
    pats.iter()
        .map(|p| format!("(?:{})", accent_insensitive(p)))
        .collect::<Vec<_>>()
        .join("|")
}

/// A pattern's letters in upper case; escapes (`\s`, `\b`) are left as they are.
fn upper_case_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut escaped = false;
    for c in pattern.chars() {
        if escaped {
            out.push(c);
        } else {
            out.extend(c.to_uppercase());
        }
        escaped = !escaped && c == '\\';
    }
    out
}

/// A letter with a diacritic and the letter without it.
pub(crate) fn unaccented(c: char) -> Option<char> {
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'A',
        'ç' => 'c',
        'Ç' => 'C',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' => 'E',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'O',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        _ => return None,
    };
    Some(base)
}

/// A pattern whose accented letters also match the letter without the accent: texts set in
/// capitals and typewritten or OCR texts drop accents ("ORGANO DE CONSULTA", "DENONCIATION").
/// `é` becomes `[eé]` (a nested class inside a class, which the regex syntax allows).
fn accent_insensitive(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    for c in pattern.chars() {
        match unaccented(c) {
            Some(base) => {
                out.push('[');
                out.push(base);
                out.push(c);
                out.push(']');
            }
            None => out.push(c),
        }
    }
    out
}

/// The case-insensitive alternation of `pats`, with a leading `\b` when `word_start`.
pub(super) fn alternation_source(pats: &[String], word_start: bool) -> String {
    let body = alternatives(pats);
    if word_start {
        format!(r"(?i)\b(?:{body})")
    } else {
        format!(r"(?i)(?:{body})")
    }
}

/// One case-sensitive pattern of an organization's names, as whole words in spaced languages.
pub(super) fn organization_source(names: &[String], spaced: bool) -> String {
    // Case matters ("UN" is not "un"), but a text set in capitals writes every name in them.
    let capitals = names.iter().map(|n| upper_case_pattern(n));
    let names: Vec<String> = names.iter().cloned().chain(capitals).collect();
    let body = alternatives(&names);
    if spaced {
        format!(r"\b(?:{body})(?:\b|$)")
    } else {
        format!("(?:{body})")
    }
}

pub(super) fn quantity_source(pattern: &str) -> String {
    format!("(?i){}", accent_insensitive(pattern))
}

/// What an evidence pattern finds.
#[derive(Debug)]
pub enum Finds {
    /// A topic's strong or weak cues.
    Cue { topic: String, strong: bool },
    /// An organization's names.
    Organization(String),
    /// A quantity of a kind ("duration", "renewal").
    Quantity(String),
}

/// One evidence pattern of a language, as its set searches it.
#[derive(Debug)]
pub struct EvidenceSource {
    pub finds: Finds,
    /// The regex, without the leading `\b` of a cue in a spaced language.
    pub source: String,
    /// Whether a match must start at a word boundary (that `\b`).
    pub word_start: bool,
    /// The pattern as the file's reader sees it, with its `\b`, for errors.
    pub as_written: String,
}

impl EvidenceSource {
    /// Where the pattern stands in the file, for errors: "topics.alliance.strong".
    pub fn what(&self) -> String {
        match &self.finds {
            Finds::Cue { topic, strong } => {
                format!("topics.{topic}.{}", if *strong { "strong" } else { "weak" })
            }
            Finds::Organization(id) => format!("organizations.{id}"),
            Finds::Quantity(kind) => format!("quantities.{kind}"),
        }
    }
}

impl LanguageFile {
    /// The topics' cues, the organizations' names and the quantities, in the order of the
    /// language's pattern set. A topic's cues are found as `(?i)\b(?:cue|cue|…)` finds them
    /// (`\b` in spaced languages only).
    pub fn evidence_sources(&self) -> Vec<EvidenceSource> {
        let mut sources = Vec::new();
        for (id, t) in &self.topics {
            for (strong, pats) in [(true, &t.strong), (false, &t.weak)] {
                if !pats.is_empty() {
                    sources.push(EvidenceSource {
                        finds: Finds::Cue {
                            topic: id.clone(),
                            strong,
                        },
                        source: alternation_source(pats, false),
                        word_start: self.spaced,
                        as_written: alternation_source(pats, self.spaced),
                    });
                }
            }
        }
        for (id, names) in &self.organizations {
            let source = organization_source(names, self.spaced);
            sources.push(EvidenceSource {
                finds: Finds::Organization(id.clone()),
                as_written: source.clone(),
                source,
                word_start: false,
            });
        }
        for (kind, pats) in &self.quantities {
            for p in pats {
                let source = quantity_source(p);
                sources.push(EvidenceSource {
                    finds: Finds::Quantity(kind.clone()),
                    as_written: source.clone(),
                    source,
                    word_start: false,
                });
            }
        }
        sources
    }
}
