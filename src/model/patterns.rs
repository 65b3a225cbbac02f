//! Many regular expressions searched in one text: a language's evidence cues read a treaty.
//!
//! Searching the text once per pattern (60-odd a language) was most of the time of reading a
//! treaty's evidence, though most patterns match nothing in a given treaty. A [`PatternSet`]
//! reads the text once with an Aho-Corasick automaton of every pattern's prefix literals
//! (strings every match of the pattern begins with), then tries each pattern, anchored, only
//! where one of its literals stands. The matches are those of searching with each regex alone.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use rayon::prelude::*;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, meta};
use regex_syntax::hir::Hir;
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

pub(crate) mod prefixes;

use prefixes::{FOLDING_TO_ASCII, Prefixes};

/// A pattern of a set: what [`PatternList::push`] returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PatternId(usize);

#[derive(Debug)]
struct Pattern {
    source: String,
    word_start: bool,
    /// Compiled when first searched: a treaty needs the few patterns whose literals it has, and
    /// compiling every pattern of a language was most of a process's start-up.
    compiled: OnceLock<Result<CompiledPattern, PatternError>>,
}

#[derive(Debug)]
struct CompiledPattern {
    regex: meta::Regex,
    /// Whether every match begins with one of the prefilter's literals for this pattern; if
    /// not (the pattern can match the empty string, or begins with a large class), it is
    /// searched in full.
    prefiltered: bool,
}

/// The prefix literals of every prefiltered pattern, matched ASCII-case-insensitively.
#[derive(Debug)]
struct Prefilter {
    literals: Option<Literals>,
    /// The pattern each literal belongs to; None for the letters of [`FOLDING_TO_ASCII`].
    owner: Vec<Option<PatternId>>,
    /// Per pattern, whether every match begins with one of its literals.
    prefiltered: Vec<bool>,
}

/// Texts scanned with the literals' NFA before their DFA is built.
const SCANS_BEFORE_DFA: usize = 8;

/// The literals' automata. A DFA scans a text in about a third less time than an NFA, but
/// takes several times as long to build (most of a process's start-up for a treaty in Chinese):
/// the first texts are scanned with the NFA, and the DFA is built for a process that reads
/// more of them, by the scan that reaches [`SCANS_BEFORE_DFA`] while the others go on with the
/// NFA. The matches are the same.
#[derive(Debug)]
struct Literals {
    list: Vec<Vec<u8>>,
    nfa: AhoCorasick,
    dfa: OnceLock<AhoCorasick>,
    scans: AtomicUsize,
}

impl Literals {
    fn new(list: Vec<Vec<u8>>) -> Result<Literals, aho_corasick::BuildError> {
        let nfa = literal_automaton(&list, AhoCorasickKind::ContiguousNFA)?;
        Ok(Literals {
            list,
            nfa,
            dfa: OnceLock::new(),
            scans: AtomicUsize::new(0),
        })
    }

    /// The automaton to scan the next text with.
    fn automaton(&self) -> &AhoCorasick {
        if let Some(dfa) = self.dfa.get() {
            return dfa;
        }
        if self.scans.fetch_add(1, Ordering::Relaxed) + 1 < SCANS_BEFORE_DFA {
            return &self.nfa;
        }
        // A set too large for a DFA keeps its NFA.
        self.dfa.get_or_init(|| {
            literal_automaton(&self.list, AhoCorasickKind::DFA).unwrap_or_else(|_| self.nfa.clone())
        })
    }
}

/// The automaton of `literals`, matched ASCII-case-insensitively; one of the kind the crate
/// picks if `kind` does not build.
fn literal_automaton(
    literals: &[Vec<u8>],
    kind: AhoCorasickKind,
) -> Result<AhoCorasick, aho_corasick::BuildError> {
    let build = |kind| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(kind)
            .build(literals)
    };
    build(Some(kind)).or_else(|_| build(None))
}

/// Patterns searched together, with their prefilter; each part is compiled when first needed
/// ([`PatternSet::compile_all`] compiles them all, to report errors).
#[derive(Debug)]
pub struct PatternSet {
    patterns: Vec<Pattern>,
    /// The patterns' prefixes if `build.rs` read them: reading them here, parsing every
    /// pattern, was the largest part of a process's start-up.
    built_prefixes: Option<Vec<Prefixes>>,
    prefilter: OnceLock<Result<Prefilter, PatternError>>,
}

/// A set that does not compile: the pattern at fault (None for the prefilter) and the error.
#[derive(Clone, Debug)]
pub struct PatternError {
    /// Its place in the list.
    pub pattern: Option<usize>,
    pub message: String,
}

/// The patterns of a set, listed before it is compiled.
#[derive(Default)]
pub struct PatternList {
    /// Each regex, without a leading `\b`, and whether a match must start at a word boundary:
    /// the leading `\b` of the pattern as written, checked at each match instead (with it, the
    /// regex engine would verify each candidate from a start state that needs the previous
    /// character).
    sources: Vec<(String, bool)>,
}

impl PatternList {
    pub fn push(&mut self, regex: String, word_start: bool) -> PatternId {
        self.sources.push((regex, word_start));
        PatternId(self.sources.len() - 1)
    }

    /// The set of these patterns, compiled as they are used; with their prefixes if read at
    /// build time (for these very patterns: a test holds them to the prefixes read here).
    pub fn into_set(self, built_prefixes: Option<Vec<Prefixes>>) -> PatternSet {
        let patterns = self
            .sources
            .into_iter()
            .map(|(source, word_start)| Pattern {
                source,
                word_start,
                compiled: OnceLock::new(),
            });
        let patterns: Vec<Pattern> = patterns.collect();
        PatternSet {
            built_prefixes: built_prefixes.filter(|b| b.len() == patterns.len()),
            patterns,
            prefilter: OnceLock::new(),
        }
    }
}

/// A pattern's syntax tree.
fn parse(index: usize, source: &str) -> Result<Hir, PatternError> {
    regex_syntax::parse(source).map_err(|e| PatternError {
        pattern: Some(index),
        message: e.to_string(),
    })
}

/// The regex engine configured as `regex::Regex::new` configures it.
pub(crate) fn engine_config() -> meta::Config {
    meta::Config::new()
        .nfa_size_limit(Some(10 << 20))
        .hybrid_cache_capacity(2 << 20)
}

impl PatternSet {
    /// Compiles every pattern and the prefilter: the first error, in list order.
    pub fn compile_all(&self) -> Result<(), PatternError> {
        for id in 0..self.patterns.len() {
            self.compiled(PatternId(id))?;
        }
        self.prefilter().map(|_| ())
    }

    fn compiled(&self, id: PatternId) -> Result<&CompiledPattern, PatternError> {
        let compiled = self.patterns[id.0]
            .compiled
            .get_or_init(|| self.compile(id.0));
        compiled.as_ref().map_err(Clone::clone)
    }

    fn compile(&self, index: usize) -> Result<CompiledPattern, PatternError> {
        let hir = parse(index, &self.patterns[index].source)?;
        let prefiltered = match &self.built_prefixes {
            Some(built) => built[index].is_some(),
            None => prefixes::prefixes(&hir).is_some(),
        };
        // A prefiltered pattern is only ever searched anchored, where the engine's own prefilter
        // is of no use: building it was a third of compiling the cues.
        let config = engine_config().auto_prefilter(!prefiltered);
        let regex = meta::Builder::new()
            .configure(config)
            .build_from_hir(&hir)
            .map_err(|e| PatternError {
                pattern: Some(index),
                message: e.to_string(),
            })?;
        Ok(CompiledPattern { regex, prefiltered })
    }

    /// Whether every match of the pattern begins with one of the prefilter's literals (false
    /// before the prefilter is built).
    fn has_literals(&self, id: PatternId) -> bool {
        matches!(self.prefilter.get(), Some(Ok(p)) if p.prefiltered[id.0])
    }

    fn prefilter(&self) -> Result<&Prefilter, PatternError> {
        let prefilter = self.prefilter.get_or_init(|| self.build_prefilter());
        prefilter.as_ref().map_err(Clone::clone)
    }

    fn build_prefilter(&self) -> Result<Prefilter, PatternError> {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owner = Vec::new();
        let mut prefiltered = Vec::with_capacity(self.patterns.len());
        // Reading each pattern's literals (when `build.rs` did not) is half the prefilter's
        // cost: on every core.
        let analysed: Vec<Result<Prefixes, PatternError>> = match &self.built_prefixes {
            Some(built) => built.iter().cloned().map(Ok).collect(),
            None => (self.patterns.par_iter().enumerate())
                .map(|(index, pattern)| {
                    parse(index, &pattern.source).map(|h| prefixes::prefixes(&h))
                })
                .collect(),
        };
        for (index, prefixes) in analysed.into_iter().enumerate() {
            let prefixes = prefixes?;
            prefiltered.push(prefixes.is_some());
            for l in prefixes.into_iter().flatten() {
                literals.push(l);
                owner.push(Some(PatternId(index)));
            }
        }
        if literals.is_empty() {
            return Ok(Prefilter {
                literals: None,
                owner,
                prefiltered,
            });
        }
        for (letter, _) in FOLDING_TO_ASCII {
            literals.push(letter.to_string().into_bytes());
            owner.push(None);
        }
        let literals = Literals::new(literals).map_err(|e| PatternError {
            pattern: None,
            message: e.to_string(),
        })?;
        Ok(Prefilter {
            literals: Some(literals),
            owner,
            prefiltered,
        })
    }

    /// Reads `text` once for where each pattern can start; the matches are then read from the
    /// returned [`Scan`].
    pub fn scan<'s, 't>(&'s self, text: &'t str) -> Scan<'s, 't> {
        let mut starts = vec![Vec::new(); self.patterns.len()];
        // A set whose prefilter does not compile is one `compile_all` reports; searched in
        // full, its patterns that compile are still found.
        let Ok(prefilter) = self.prefilter() else {
            return self.scan_in_full(text);
        };
        if let Some(literals) = &prefilter.literals {
            // Overlapping: a literal of one pattern may hide one of another.
            for m in literals.automaton().find_overlapping_iter(text) {
                match prefilter.owner[m.pattern().as_usize()] {
                    Some(id) => starts[id.0].push(m.start()),
                    None => return self.scan_in_full(text),
                }
            }
        }
        for s in &mut starts {
            s.sort_unstable();
            s.dedup();
        }
        self.compile_needed(&starts);
        Scan {
            set: self,
            text,
            starts: Some(starts),
        }
    }

    /// Compiles, on every core, the patterns a text has literals of that no search compiled
    /// yet. A process that reads one treaty spends most of its time compiling them, one after
    /// another, while the other cores wait.
    fn compile_needed(&self, starts: &[Vec<usize>]) {
        let needed: Vec<PatternId> = starts
            .iter()
            .enumerate()
            .filter(|(i, s)| !s.is_empty() && self.patterns[*i].compiled.get().is_none())
            .map(|(i, _)| PatternId(i))
            .collect();
        if needed.len() > 1 {
            // An error is reported where the pattern is searched.
            needed.par_iter().for_each(|&id| drop(self.compiled(id)));
        }
    }

    /// Whether a pattern matches somewhere in `text`, searched alone (for short texts: no
    /// prefilter). A pattern none of whose prefixes the text has is not compiled for that.
    pub fn is_match(&self, id: PatternId, text: &str) -> bool {
        if let Some(Some(prefixes)) = self.built_prefixes.as_ref().map(|built| &built[id.0]) {
            let folds = |c: char| FOLDING_TO_ASCII.iter().any(|(letter, _)| *letter == c);
            let lower = text.to_ascii_lowercase();
            let has = |prefix: &[u8]| {
                memchr::memmem::find(lower.as_bytes(), &prefix.to_ascii_lowercase()).is_some()
            };
            if !prefixes.iter().any(|p| has(p)) && !text.chars().any(folds) {
                return false;
            }
        }
        self.scan_in_full(text).find_iter(id).next().is_some()
    }

    /// The names of a pattern's capture groups (none if it does not compile).
    pub fn group_names(&self, id: PatternId) -> impl Iterator<Item = &str> {
        let regex = self.compiled(id).ok().map(|c| &c.regex);
        regex
            .into_iter()
            .flat_map(|r| {
                r.group_info()
                    .pattern_names(regex_automata::PatternID::ZERO)
            })
            .flatten()
    }

    /// A scan that searches every pattern in full, as if none had a prefilter: for a text with
    /// letters the literals do not read, and what the prefilter is tested against.
    pub fn scan_in_full<'s, 't>(&'s self, text: &'t str) -> Scan<'s, 't> {
        Scan {
            set: self,
            text,
            starts: None,
        }
    }
}

/// One text read by a pattern set.
pub struct Scan<'s, 't> {
    set: &'s PatternSet,
    text: &'t str,
    /// Per pattern, where its literals start, in order; None to search every pattern in full.
    starts: Option<Vec<Vec<usize>>>,
}

impl Scan<'_, '_> {
    /// Every match of a pattern, in order, as `Regex::find_iter` gives them for the pattern as
    /// written (with its leading `\b`), including its rule for an empty match right after the
    /// previous match.
    pub fn find_iter(&self, id: PatternId) -> impl Iterator<Item = Range<usize>> + '_ {
        let text = self.text;
        let mut at = 0;
        let mut last_end = None;
        std::iter::from_fn(move || {
            if at > text.len() {
                return None;
            }
            let mut m = self.find_from(id, at)?;
            if m.is_empty() && Some(m.end) == last_end {
                if at + 1 > text.len() {
                    return None;
                }
                m = self.find_from(id, at + 1)?;
            }
            at = m.end;
            last_end = Some(m.end);
            Some(m)
        })
    }

    /// The capture groups of the pattern's match that starts at `start` (one `find_iter` gave).
    pub fn captures_at(&self, id: PatternId, start: usize) -> Option<Captures> {
        let regex = &self.set.compiled(id).ok()?.regex;
        let mut caps = regex.create_captures();
        regex.search_captures(&self.anchored_at(start), &mut caps);
        Some(caps)
    }

    fn anchored_at(&self, start: usize) -> Input<'_> {
        Input::new(self.text)
            .span(start..self.text.len())
            .anchored(Anchored::Yes)
    }

    /// The leftmost match starting at or after `from`.
    fn find_from(&self, id: PatternId, from: usize) -> Option<Range<usize>> {
        let pattern = &self.set.patterns[id.0];
        // A prefiltered pattern none of whose literals the text has matches nowhere: it is not
        // compiled for that (most of a language's patterns, for a given treaty).
        let no_literal_found = self.starts.as_ref().is_some_and(|s| s[id.0].is_empty());
        if no_literal_found && self.set.has_literals(id) {
            return None;
        }
        let compiled = self.set.compiled(id).ok()?;
        match &self.starts {
            Some(starts) if compiled.prefiltered => {
                // Every match starts where one of the pattern's literals does: the first of
                // those places, from `from` on, where the anchored pattern matches is the
                // leftmost match.
                let starts = &starts[id.0];
                let first = starts.partition_point(|&s| s < from);
                starts[first..].iter().find_map(|&s| {
                    let eligible = self.text.is_char_boundary(s)
                        && (!pattern.word_start || at_word_boundary(self.text, s));
                    eligible
                        .then(|| compiled.regex.search(&self.anchored_at(s)))
                        .flatten()
                        .map(|m| m.range())
                })
            }
            _ => self.search_in_full(&compiled.regex, pattern.word_start, from),
        }
    }

    /// The leftmost match from `from` on by searching the text. Where the regex matches without
    /// a word boundary at the start, the `\b` pattern has no match starting there or earlier
    /// (its matches are the regex's matches that start at a boundary, with the same alternative
    /// preferred), so the search goes on from the next character.
    fn search_in_full(
        &self,
        regex: &meta::Regex,
        word_start: bool,
        mut from: usize,
    ) -> Option<Range<usize>> {
        let text = self.text;
        loop {
            let m = regex.search(&Input::new(text).span(from..text.len()))?;
            if !word_start || at_word_boundary(text, m.start()) {
                return Some(m.range());
            }
            let next = text[m.start()..].chars().next()?;
            from = m.start() + next.len_utf8();
        }
    }
}

/// Whether Unicode `\b` holds at byte `at` of `text` (a character boundary).
fn at_word_boundary(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    let word = |c: Option<char>| c.is_some_and(regex_syntax::is_word_character);
    word(before) != word(after)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use regex::Regex;

    /// Patterns as a file writes them (with a leading `\b` or not), each with the source a set
    /// compiles: every way a set is used, and patterns the prefilter cannot serve (they match
    /// the empty string or begin with a large class), which are searched in full.
    const PATTERNS: [(&str, bool); 10] = [
        (
            r"(?i)(?:(?:nuclear weapons?)|(?:shall not)|(?:accede)|(?:attack))",
            true,
        ),
        (r"(?i)(?:(?:été)|(?:états?)|(?:k)|(?:ſtate))", true),
        (r"(?i)(?:(?:a*)|(?:accede))", true),
        (r"(?i)(?:(?:(?:x)?)|(?:[a-z]{0,3}))", true),
        (r"(?i)(?:\w+ment)", true),
        (r"(?i)(?:不得|禁止)", false),
        (
            r"\b(?:(?:United Nations)|(?:U\.N\.)|(?:ÉTATS))(?:\b|$)",
            false,
        ),
        (
            r"(?i)(?:in force|valid) for (?P<years>[a-z0-9 -]+?) years",
            false,
        ),
        (r"(?i)(?:(?:at[^a]ack)|(?:weapons\b))", true),
        (r"(?i)(?:(?:^of)|(?:the$)|(?:\Bed))", false),
    ];

    fn set() -> (PatternSet, Vec<(PatternId, Regex)>) {
        set_with_prefixes_built(false)
    }

    /// The set of [`PATTERNS`]; with their prefixes given as `build.rs` gives a language's if
    /// `built`.
    fn set_with_prefixes_built(built: bool) -> (PatternSet, Vec<(PatternId, Regex)>) {
        let mut list = PatternList::default();
        let mut written = Vec::new();
        for (src, word_start) in PATTERNS {
            let id = list.push(src.to_string(), word_start);
            let as_written = if word_start {
                src.replacen("(?i)", r"(?i)\b", 1)
            } else {
                src.to_string()
            };
            written.push((id, Regex::new(&as_written).unwrap()));
        }
        let prefixes = |src: &str| prefixes::prefixes(&regex_syntax::parse(src).unwrap());
        let built_prefixes = PATTERNS.map(|(src, _)| prefixes(src)).to_vec();
        let set = list.into_set(built.then_some(built_prefixes));
        set.compile_all().unwrap();
        (set, written)
    }

    /// Checks every pattern of `set` on `text` against its regex as written, searched alone.
    pub(crate) fn assert_same_matches(
        set: &PatternSet,
        written: &[(PatternId, Regex)],
        text: &str,
    ) {
        let scan = set.scan(text);
        let in_full = set.scan_in_full(text);
        for (id, regex) in written {
            let want: Vec<Range<usize>> = regex.find_iter(text).map(|m| m.range()).collect();
            let got: Vec<Range<usize>> = scan.find_iter(*id).collect();
            assert_eq!(got, want, "{regex} in {text:?}");
            let got: Vec<Range<usize>> = in_full.find_iter(*id).collect();
            assert_eq!(got, want, "{regex} searched in full in {text:?}");
            assert_eq!(
                set.is_match(*id, text),
                regex.is_match(text),
                "{regex} in {text:?}"
            );
            for c in regex.captures_iter(text) {
                let whole = c.get(0).unwrap();
                let caps = scan.captures_at(*id, whole.start()).unwrap();
                let names: Vec<Option<&str>> = regex.capture_names().collect();
                for (i, name) in names.iter().enumerate() {
                    let want = c.get(i).map(|g| g.range());
                    let got = match name {
                        Some(n) => caps.get_group_by_name(n),
                        None => caps.get_group(i),
                    };
                    assert_eq!(
                        got.map(|s| s.range()),
                        want,
                        "{regex} group {i} in {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn prefiltered_and_unfiltered_patterns() {
        let (set, _) = set();
        let prefiltered: Vec<bool> = (0..set.patterns.len())
            .map(|id| set.compiled(PatternId(id)).unwrap().prefiltered)
            .collect();
        assert_eq!(
            prefiltered,
            [
                true, true, false, false, false, true, true, true, true, true
            ]
        );
    }

    #[test]
    fn the_literals_dfa_built_after_a_few_scans_finds_the_same() {
        let (set, written) = set();
        let text = "The Parties shall not accede; an ARMED ATTACK on the États of K, été, 不得, \
                    united nations, in force for twenty years, agreement";
        let literals = || set.prefilter().unwrap().literals.as_ref().unwrap();
        for scan in 0..=SCANS_BEFORE_DFA {
            let built = literals().dfa.get().is_some();
            assert_eq!(built, scan >= SCANS_BEFORE_DFA, "before scan {scan}");
            assert_same_matches(&set, &written, text);
        }
    }

    proptest::proptest! {
        #[test]
        fn finds_what_each_regex_finds_alone(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "shall", "not", "accede", "nuclear", " weapons", "Weapons", "ſhall", "K", "é",
                "xaccede", "_", "1", " ", ".", "\n", "ARMED ATTACK", "attack", "atTACK", "AT ACK", "of", "the",
                "état", "États", "ÉTATS", "été", "日本", "不得", "\u{200d}", "\u{301}", "a", "",
                "ſtate", "STATE", "United Nations", "united nations", "U.N.", "in force for",
                "twenty", "valid FOR 5", "years", "ment", "agreement", "ed",
            ]), 0..16),
            built in proptest::bool::ANY,
        ) {
            let (set, written) = set_with_prefixes_built(built);
            assert_same_matches(&set, &written, &pieces.concat());
        }
    }
}
