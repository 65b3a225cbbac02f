//! Evidence: what a treaty says, article by article, found with the cue lexicons of its
//! language (`schemas/lang/*.toml`) and named in messages by `schemas/topics.toml`. Gathered once
//! per analysis, read by the treaty-evidence rules.

use crate::model::cow::CowStates;
use crate::model::lang::{Language, Languages};
use crate::syntax::numerals::{parse_chinese, parse_digits};
use crate::syntax::plain::Plain;
use crate::syntax::sheet::ArticleRef;
use crate::syntax::treaty::Treaty;
use crate::text::{Span, folded_words, is_han};
use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// How messages name topics and organizations.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topics {
    pub topics: BTreeMap<String, TopicInfo>,
    pub organizations: BTreeMap<String, String>,
    /// Organization id → the year it came into being.
    #[serde(default)]
    pub founded: BTreeMap<String, i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicInfo {
    pub label: String,
    #[serde(default)]
    pub scope: Scope,
    /// Whether a treaty without any cue of the topic has no such provision (a final clause
    /// worded in few ways), so that a Yes to its question wants support.
    #[serde(default)]
    pub silence_denies: bool,
    /// The codebook's cases a finding of this topic can be, in order: the first whose `with`
    /// topic the same article also shows (or that has no `with`) is the finding's.
    #[serde(default)]
    pub kinds: Vec<Kind>,
}

/// One case of a topic, as the ATOP codebook draws the line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kind {
    /// A topic whose cue in the same article marks this case; none for the case left.
    #[serde(default)]
    pub with: Option<String>,
    /// The case, and what it codes.
    pub means: String,
    /// Whether the case is the provision the topic's question asks about (military aid by
    /// grants is; a notice that only stops the renewal is no renunciation).
    pub provision: bool,
    /// Whether only weak cues are of this case: a word of the topic standing without what the
    /// codebook asks of the provision (a council named, none established).
    #[serde(default)]
    pub weak: bool,
    /// Whether the case holds only when the period of the `with` cue (the term of validity its
    /// words give) is the longest term its treaty states: no scheduled end comes after it.
    #[serde(default)]
    pub at_term: bool,
    /// A topic this case is the provision of too: its findings join that topic's.
    #[serde(default)]
    pub also: Option<String>,
    /// What a draft writes for a Yes of this case, before the quotations.
    #[serde(default)]
    pub answer: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Cues count everywhere but in the preamble: in the articles, in the body of a treaty
    /// without headings, and in what follows the main text (protocols, annexes, a separate
    /// article after the signatures).
    #[default]
    Articles,
    /// Only cues in the main text's articles (or its headingless body) count: the treaty's own
    /// validity, which a protocol's clauses on its own term do not give.
    Main,
    /// Cues in the preamble count too.
    Anywhere,
}

impl Topics {
    pub fn builtin() -> &'static Topics {
        static T: OnceLock<Topics> = OnceLock::new();
        T.get_or_init(|| {
            toml::from_str(crate::embedded::TOPICS)
                .expect("schemas/topics.toml is checked by the test suite")
        })
    }
    pub fn label<'a>(&'a self, topic: &'a str) -> &'a str {
        self.topics.get(topic).map_or(topic, |t| t.label.as_str())
    }
    pub fn org_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.organizations.get(id).map_or(id, String::as_str)
    }
    /// Which of the topic's codebook cases a finding is, by what else its article shows.
    pub fn kind(&self, topic: &str, f: &Finding, evidence: &Evidence) -> Option<&str> {
        self.case(topic, f, evidence).map(|k| k.means.as_str())
    }

    /// Whether a finding is of the topic's own case: of a kind that is the provision, or of a
    /// topic without kinds.
    pub fn is_own_case(&self, topic: &str, f: &Finding, evidence: &Evidence) -> bool {
        self.case(topic, f, evidence).is_none_or(|k| k.provision)
    }

    /// The topic's codebook case a finding is, by what else its article shows.
    pub fn case(&self, topic: &str, f: &Finding, evidence: &Evidence) -> Option<&Kind> {
        let kinds = &self.topics.get(topic)?.kinds;
        kinds.iter().find(|k| match (&k.with, f.place) {
            _ if k.weak && f.strong => false,
            (None, _) => true,
            (Some(with), Some(place)) => {
                let beside = evidence.beside(self, with, f.treaty, place);
                !beside.is_empty() && (!k.at_term || evidence.is_longest_term(beside))
            }
            (Some(_), None) => false,
        })
    }
    fn scope(&self, topic: &str) -> Scope {
        self.topics.get(topic).map_or(Scope::Articles, |t| t.scope)
    }
}

/// One place where the treaty shows a provision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Index of the treaty among the sheet's treaties.
    pub treaty: usize,
    /// The cue, in that treaty's text.
    pub span: Span,
    /// The article (or preamble) it is in; None in the closing text or a later part.
    pub place: Option<ArticleRef>,
    pub strong: bool,
}

/// A period the treaty gives: its term of validity or renewal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quantity {
    pub treaty: usize,
    pub span: Span,
    pub place: Option<ArticleRef>,
    pub months: u32,
}

/// A state the treaty names as a party.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    pub code: u32,
    pub treaty: usize,
    pub span: Span,
}

/// Everything the treaty-evidence rules read.
#[derive(Debug, Default)]
pub struct Evidence {
    topics: BTreeMap<String, Vec<Finding>>,
    /// Organization id → its mentions.
    pub organizations: BTreeMap<String, Vec<Finding>>,
    /// "duration" / "renewal" → periods found.
    pub quantities: BTreeMap<String, Vec<Quantity>>,
    pub parties: Vec<Party>,
    /// Topic → (treaty, place) → its findings there: built when [`Topics::case`] first asks,
    /// so that telling the cases of a treaty's findings is not quadratic in its articles.
    by_place: OnceLock<BTreeMap<String, FindingsByPlace>>,
    /// Every place of the treaties as words, read when a rule first asks (most sheets never
    /// do), then kept for as long as the evidence is (the language server's edits of a sheet).
    place_words: OnceLock<Vec<PlaceWords>>,
    latin_letters: OnceLock<usize>,
}

/// A place of a treaty text (the preamble or an article of the main text) as
/// [`folded_words`].
#[derive(Debug)]
pub struct PlaceWords {
    pub treaty: usize,
    pub place: ArticleRef,
    /// The place's heading (the preamble's whole span).
    pub heading: Span,
    pub words: String,
}

/// A topic's findings by treaty and place.
type FindingsByPlace = BTreeMap<(usize, ArticleRef), Vec<Finding>>;

/// What a sheet without treaties has: nothing.
pub static NO_EVIDENCE: Evidence = Evidence {
    topics: BTreeMap::new(),
    organizations: BTreeMap::new(),
    quantities: BTreeMap::new(),
    parties: Vec::new(),
    by_place: OnceLock::new(),
    place_words: OnceLock::new(),
    latin_letters: OnceLock::new(),
};

/// The article (or preamble) containing `offset`, by the main run of articles. The articles
/// are in text order and do not overlap: a binary search finds it (a scan made evidence
/// quadratic in the number of articles).
pub fn place_of(t: &Treaty, offset: usize) -> Option<ArticleRef> {
    let after = t.articles.partition_point(|a| a.span.start <= offset);
    if let Some(a) = after.checked_sub(1).map(|i| &t.articles[i])
        && offset < a.span.end
    {
        return Some(ArticleRef::Article(a.number));
    }
    if let Some(body) = t.undivided() {
        return body.contains(&offset).then_some(ArticleRef::Text);
    }
    (t.preamble.start <= offset && offset < t.preamble.end).then_some(ArticleRef::Preamble)
}

/// Whether a negation stands just before `start`, or a prohibition anywhere before it, within
/// the same clause.
fn negated(text: &str, start: usize, lang: &Language) -> bool {
    // A clause is read back at most this far: a line without punctuation would otherwise be
    // read again for every finding on it.
    const CLAUSE_MAX: usize = 2000;
    let from = crate::text::floor_char_boundary(text, start.saturating_sub(CLAUSE_MAX));
    let before = &text[from..start];
    let clause_start = before
        .rfind(['.', ';', '。', '；', '，', '、', '\n', '\r', ':', '：'])
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let clause = &before[clause_start..];
    if lang.prohibition.get().is_some_and(|p| p.is_match(clause)) {
        return true;
    }
    let Some(neg) = lang.negation.get() else {
        return false;
    };
    let window = if lang.file.spaced {
        let starts = word_starts(clause);
        let from = starts.len().saturating_sub(lang.file.negation_window);
        starts.get(from).map_or(clause, |&i| &clause[i..])
    } else {
        let from = clause
            .char_indices()
            .rev()
            .nth(lang.file.negation_window.saturating_sub(1))
            .map_or(0, |(i, _)| i);
        &clause[from..]
    };
    neg.is_match(window)
}

/// Byte offsets where the words of `s` start (letters, digits and apostrophes).
fn word_starts(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut in_word = false;
    for (i, c) in s.char_indices() {
        let w = c.is_alphanumeric() || c == '\'' || c == '’';
        if w && !in_word {
            out.push(i);
        }
        in_word = w;
    }
    out
}

/// Reads a number written in digits, Chinese numerals or words of any language.
pub fn read_number(s: &str, langs: &Languages) -> Option<u64> {
    let t = s.trim();
    if let Some(v) = parse_digits(t) {
        return Some(v);
    }
    if t.chars()
        .any(crate::syntax::numerals::is_chinese_numeral_char)
    {
        return parse_chinese(t);
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    match langs.numbers.parse(&words) {
        Some((v, used)) if used == words.len() => Some(v),
        _ => None,
    }
}

/// Finds country names; the codes are indexed by pattern.
type PartyMatcher = (AhoCorasick, Vec<u32>);

/// Country-name matcher for one language: its `[countries]`, plus the COW names for English.
fn party_matcher(lang: &Language, cow: &CowStates) -> &'static PartyMatcher {
    static CACHE: OnceLock<std::sync::Mutex<BTreeMap<String, &'static PartyMatcher>>> =
        OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(m) = map.get(lang.code()) {
        return m;
    }
    let mut names: Vec<(String, u32)> = lang.countries.clone();
    if lang.code() == "en" {
        for s in cow.iter() {
            for t in &s.tenures {
                if t.name.len() >= 4 {
                    names.push((t.name.clone(), s.code));
                }
            }
        }
    }
    // Titles and openings often name the parties in capitals ("BETWEEN AUSTRALIA AND NEW ZEALAND").
    let matcher = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(names.iter().map(|(n, _)| n))
        .expect("country names build a matcher");
    let leaked: &'static PartyMatcher = Box::leak(Box::new((
        matcher,
        names.into_iter().map(|(_, c)| c).collect(),
    )));
    map.insert(lang.code().to_string(), leaked);
    leaked
}

/// Of the organization names found in one text, those no longer name contains: the longest
/// name matched at a place wins ("European Union" inside "Western European Union" names no
/// second organization). Returned in text order.
fn outermost_names<T>(mut named: Vec<(T, Span)>) -> Vec<(T, Span)> {
    // By start, the longest first: a name is inside another exactly when an earlier one, of
    // another extent, reaches as far.
    named.sort_by_key(|(_, s)| (s.start, std::cmp::Reverse(s.end)));
    let mut reach: Option<Span> = None;
    named.retain(|(_, s)| {
        let inside = reach.as_ref().is_some_and(|r| r.end >= s.end && *r != *s);
        if reach.as_ref().is_none_or(|r| s.end > r.end) {
            reach = Some(s.clone());
        }
        !inside
    });
    named
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

impl Evidence {
    /// Reads every treaty with its language's lexicon.
    pub fn gather(
        treaties: &[Treaty],
        langs: &Languages,
        cow: &CowStates,
        topics: &Topics,
    ) -> Evidence {
        let mut ev = Evidence::default();
        for (ti, t) in treaties.iter().enumerate() {
            let Some(lang) = t.lang.as_deref().and_then(|c| langs.get(c)) else {
                continue;
            };
            let text = t.text.as_str();
            // The cues read the text without the debris a conversion leaves inside a line (line
            // breaks as written); findings point into the text.
            let plain = Plain::within_lines(text);
            let read = plain.as_str();
            let in_scope = |topic: &str, place: Option<ArticleRef>| match topics.scope(topic) {
                Scope::Anywhere => true,
                Scope::Articles => place != Some(ArticleRef::Preamble),
                Scope::Main => matches!(place, Some(ArticleRef::Article(_) | ArticleRef::Text)),
            };
            let scan = lang.evidence.scan(read);
            for (id, topic) in &lang.topics {
                for (cue, strong) in [(topic.strong, true), (topic.weak, false)] {
                    let Some(cue) = cue else { continue };
                    for at in scan.find_iter(cue) {
                        let span = plain.original_span(text, &at);
                        let place = place_of(t, span.start);
                        if !in_scope(id, place)
                            || (topic.negatable && negated(read, at.start, lang))
                        {
                            continue;
                        }
                        ev.topics.entry(id.clone()).or_default().push(Finding {
                            treaty: ti,
                            span,
                            place,
                            strong,
                        });
                    }
                }
            }
            let mut named: Vec<(&String, Span)> = Vec::new();
            for (id, names) in &lang.organizations {
                let founded = topics.founded.get(id);
                if founded.is_some_and(|&y| t.signed.as_ref().is_some_and(|(_, d)| d.year < y)) {
                    continue;
                }
                named.extend(scan.find_iter(*names).map(|span| (id, span)));
            }
            for (id, at) in outermost_names(named) {
                let span = plain.original_span(text, &at);
                let place = place_of(t, span.start);
                if !in_scope("international_organization", place) {
                    continue;
                }
                let f = Finding {
                    treaty: ti,
                    span,
                    place,
                    strong: true,
                };
                ev.organizations
                    .entry(id.clone())
                    .or_default()
                    .push(f.clone());
                ev.topics
                    .entry("international_organization".into())
                    .or_default()
                    .push(f);
            }
            for (kind, patterns) in &lang.quantities {
                for &pattern in patterns {
                    for at in scan.find_iter(pattern) {
                        let whole = plain.original_span(text, &at);
                        let place = place_of(t, whole.start);
                        if !matches!(place, Some(ArticleRef::Article(_) | ArticleRef::Text)) {
                            continue;
                        }
                        let Some(groups) = scan.captures_at(pattern, at.start) else {
                            continue;
                        };
                        let group = |name| groups.get_group_by_name(name).map(|g| &read[g.range()]);
                        let months = match (group("years"), group("months")) {
                            (Some(y), _) => read_number(y, langs).map(|v| v * 12),
                            (None, Some(m)) => read_number(m, langs),
                            _ => None,
                        };
                        let Some(months) = months.and_then(|m| u32::try_from(m).ok()) else {
                            continue;
                        };
                        let q = ev.quantities.entry(kind.clone()).or_default();
                        if !q.iter().any(|o| {
                            o.treaty == ti && o.span.start < whole.end && whole.start < o.span.end
                        }) {
                            q.push(Quantity {
                                treaty: ti,
                                span: whole,
                                place,
                                months,
                            });
                        }
                    }
                }
            }
            if lang.topics.contains_key(TERM_OF_VALIDITY) {
                ev.keep_terms_of_validity(ti, text);
            }
            ev.parties.extend(Self::parties_of(t, ti, lang, cow));
        }
        // A case that is another topic's provision too joins that topic's findings; the cases
        // are told before, by the cues the treaty itself has.
        let joining: Vec<(String, Finding)> = topics
            .topics
            .iter()
            // Only the findings of a topic with such a case can join: the others' cases are
            // not told here.
            .filter(|(_, info)| info.kinds.iter().any(|k| k.also.is_some()))
            .flat_map(|(id, _)| {
                let ev = &ev;
                ev.findings(id).iter().filter_map(move |f| {
                    let also = topics.case(id, f, ev)?.also.clone()?;
                    Some((also, f.clone()))
                })
            })
            .collect();
        for (topic, f) in joining {
            ev.topics.entry(topic).or_default().push(f);
        }
        // Built for the cases above, before the findings that joined.
        ev.by_place = OnceLock::new();
        for v in ev.topics.values_mut() {
            v.sort_by_key(|f| (f.treaty, f.span.start));
        }
        ev
    }

    /// Keeps of a treaty's `duration` periods those whose sentence has words of the treaty's
    /// own validity (in force, concluded, valid): a term of office, a delay or a notice period
    /// is no term of the treaty (LENGTH is the treaty's).
    fn keep_terms_of_validity(&mut self, treaty: usize, text: &str) {
        let words: Vec<Span> = self
            .findings(TERM_OF_VALIDITY)
            .iter()
            .filter(|f| f.treaty == treaty)
            .map(|f| f.span.clone())
            .collect();
        if let Some(periods) = self.quantities.get_mut("duration") {
            periods.retain(|q| {
                let sentence = sentence_of(text, &q.span);
                q.treaty != treaty
                    || words
                        .iter()
                        .any(|w| sentence.start <= w.start && w.end <= sentence.end)
            });
        }
    }

    /// Whether the term of validity the cues `at` give (a `duration` period their words run
    /// into) is the longest term their treaty states, so that no scheduled end comes after it.
    fn is_longest_term(&self, at: &[Finding]) -> bool {
        let Some(treaty) = at.first().map(|f| f.treaty) else {
            return false;
        };
        let terms: Vec<&Quantity> = self
            .quantities
            .get("duration")
            .into_iter()
            .flatten()
            .filter(|q| q.treaty == treaty)
            .collect();
        let overlaps = |q: &Quantity| {
            at.iter()
                .any(|f| f.span.start < q.span.end && q.span.start < f.span.end)
        };
        let own = terms.iter().filter(|q| overlaps(q)).map(|q| q.months).max();
        own.is_some_and(|own| terms.iter().all(|q| q.months <= own))
    }

    /// The states named in the first paragraph (before the articles) that names two or more,
    /// else in the first that names any: a party's delegation or a file's front matter may
    /// name one state before the title or preamble names them all.
    fn parties_of(t: &Treaty, ti: usize, lang: &Language, cow: &CowStates) -> Vec<Party> {
        let opening_end = t.articles.first().map_or(t.preamble.end, |a| a.span.start);
        let text = &t.text[..opening_end];
        let (matcher, codes) = party_matcher(lang, cow);
        let mut first = Vec::new();
        for para_span in crate::text::paragraphs(text) {
            let para_start = para_span.start;
            let para = &text[para_span];
            let mut found = Vec::new();
            for m in matcher.find_iter(para) {
                let before = para[..m.start()].chars().next_back();
                let after = para[m.end()..].chars().next();
                if lang.file.spaced && (is_word_char(before) || is_word_char(after)) {
                    continue;
                }
                let code = codes[m.pattern().as_usize()];
                if !found.iter().any(|p: &Party| p.code == code) {
                    found.push(Party {
                        code,
                        treaty: ti,
                        span: para_start + m.start()..para_start + m.end(),
                    });
                }
            }
            if found.len() > 1 {
                return found;
            }
            if first.is_empty() {
                first = found;
            }
        }
        first
    }

    /// Every place of `treaties` (those the evidence was gathered from) as words.
    pub fn place_words(&self, treaties: &[Treaty]) -> &[PlaceWords] {
        self.place_words.get_or_init(|| {
            let mut places = Vec::new();
            for (treaty, t) in treaties.iter().enumerate() {
                let undivided = t.undivided();
                let preamble = (ArticleRef::Preamble, &t.preamble, &t.preamble);
                let text = undivided.as_ref().map(|s| (ArticleRef::Text, s, s));
                let articles = t
                    .articles
                    .iter()
                    .map(|a| (ArticleRef::Article(a.number), &a.heading, &a.span));
                for (place, heading, span) in std::iter::once(preamble).chain(text).chain(articles)
                {
                    places.push(PlaceWords {
                        treaty,
                        place,
                        heading: heading.clone(),
                        words: folded_words(&t.text[span.clone()]),
                    });
                }
            }
            places
        })
    }

    /// The most Latin letters and digits the words of one of `treaties` can have: its ASCII
    /// ones, and each upper-case letter outside ASCII (a few lower-case to ASCII: the Kelvin
    /// sign to "k"). Counted without reading the texts into words.
    pub fn most_latin_letters(&self, treaties: &[Treaty]) -> usize {
        *self.latin_letters.get_or_init(|| {
            treaties
                .iter()
                .map(|t| {
                    t.text
                        .chars()
                        .filter(|&c| {
                            if c.is_ascii() {
                                c.is_ascii_alphanumeric()
                            } else {
                                !is_han(c) && c.is_uppercase()
                            }
                        })
                        .count()
                })
                .max()
                .unwrap_or(0)
        })
    }

    /// Every finding of a topic, strong and weak, in reading order.
    pub fn findings(&self, topic: &str) -> &[Finding] {
        self.topics.get(topic).map_or(&[], Vec::as_slice)
    }

    /// The findings of `topic` in one place of one treaty, for a case of `topics` that reads
    /// them. Only the topics such cases read are indexed: the others are never asked.
    fn beside(&self, topics: &Topics, topic: &str, treaty: usize, place: ArticleRef) -> &[Finding] {
        let index = self.by_place.get_or_init(|| {
            let read_beside: BTreeSet<&str> = topics
                .topics
                .values()
                .flat_map(|t| &t.kinds)
                .filter_map(|k| k.with.as_deref())
                .collect();
            let mut index: BTreeMap<String, FindingsByPlace> = BTreeMap::new();
            for (topic, findings) in &self.topics {
                if !read_beside.contains(topic.as_str()) {
                    continue;
                }
                let by_place = index.entry(topic.clone()).or_default();
                for f in findings {
                    if let Some(place) = f.place {
                        by_place
                            .entry((f.treaty, place))
                            .or_default()
                            .push(f.clone());
                    }
                }
            }
            index
        });
        index
            .get(topic)
            .and_then(|by_place| by_place.get(&(treaty, place)))
            .map_or(&[], Vec::as_slice)
    }

    /// Strong findings, one per place (the first cue of each article).
    pub fn strong_places(&self, topic: &str) -> Vec<&Finding> {
        self.places(topic, true)
    }

    /// Strong or weak findings, one per place (the first cue of that strength in each article).
    pub fn places(&self, topic: &str, strong: bool) -> Vec<&Finding> {
        let mut out: Vec<&Finding> = Vec::new();
        // A set of the places seen: a scan of `out` was quadratic in the articles.
        let mut seen = std::collections::BTreeSet::new();
        for f in self.findings(topic).iter().filter(|f| f.strong == strong) {
            if seen.insert(f.place) {
                out.push(f);
            }
        }
        out
    }

    /// Whether any cue (strong or weak) of `topic` stands in `place`.
    pub fn supports(&self, topic: &str, place: ArticleRef) -> bool {
        self.findings(topic).iter().any(|f| f.place == Some(place))
    }
}

/// "Art. 19", "the preamble".
pub fn place_name(p: Option<ArticleRef>) -> String {
    match p {
        Some(ArticleRef::Article(n)) => format!("Art. {n}"),
        Some(ArticleRef::Preamble) => "the preamble".into(),
        Some(ArticleRef::Text) => "the text".into(),
        None => "the closing text".into(),
    }
}

/// Places joined for a message: "Art. 11 and Art. 12".
pub fn place_list(places: &[Option<ArticleRef>]) -> String {
    let names: Vec<String> = places.iter().map(|p| place_name(*p)).collect();
    crate::text::join_and(&names)
}

/// The topic whose words make a period the treaty's own term.
const TERM_OF_VALIDITY: &str = "term_of_validity";

/// The stretch of `text` around `span` between the nearest `stops` on either side.
pub fn between_stops(text: &str, span: &Span, stops: &[char]) -> Span {
    let start = text[..span.start].rfind(stops).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[span.end..]
        .find(stops)
        .map_or(text.len(), |i| span.end + i);
    start..end
}

/// The sentence around `span`: a hard-wrapped line does not end it, a full stop does.
pub fn sentence_of(text: &str, span: &Span) -> Span {
    between_stops(text, span, &['.', ';', '!', '?', '。', '；', '！', '？'])
}

/// A short quote of a finding with some context: the cue's clause, at most `max` characters.
pub fn excerpt(text: &str, span: &Span, max: usize) -> String {
    let Span { start, end } = between_stops(text, span, &['.', ';', '。', '；', '\n']);
    let clause = text[start..end].trim();
    let cue_at = span.start.saturating_sub(start);
    let n = clause.chars().count();
    if n <= max {
        return clause.to_string();
    }
    // Centre the window on the cue.
    let cue_char = text[start..start + cue_at.min(text.len() - start)]
        .chars()
        .count();
    let from = cue_char.saturating_sub(max / 3);
    let cut: String = clause.chars().skip(from).take(max).collect();
    format!(
        "{}{}{}",
        if from > 0 { "…" } else { "" },
        cut.trim(),
        if from + max < n { "…" } else { "" }
    )
}

/// A treaty read with the built-in lexicons, and its evidence (for tests here and elsewhere).
#[cfg(test)]
pub(crate) fn gather_builtin(text: &str, lang: &str) -> (Treaty, Evidence) {
    let t = crate::syntax::treaty::read_builtin(text, lang);
    let ev = Evidence::gather(
        std::slice::from_ref(&t),
        Languages::builtin(),
        CowStates::builtin(),
        Topics::builtin(),
    );
    (t, ev)
}

#[cfg(test)]
mod tests {
    use super::gather_builtin as gather;
    use super::*;

    /// A treaty's places are read into words once, on first asking, and the Latin letters
    /// counted without them.
    #[test]
    fn place_words_are_read_once() {
        let text = "Preamble, the Parties.\n\nArticle 1\nThe Parties SHALL consult.\n\nArticle 2\nÉtat's 60 days.\n";
        let (t, ev) = gather(text, "en");
        let treaties = std::slice::from_ref(&t);
        assert_eq!(ev.most_latin_letters(treaties), 67);
        assert!(ev.place_words.get().is_none());
        let words: Vec<_> = ev
            .place_words(treaties)
            .iter()
            .map(|p| (p.place, &text[p.heading.clone()], p.words.as_str()))
            .collect();
        assert_eq!(
            words,
            [
                (
                    ArticleRef::Preamble,
                    "Preamble, the Parties.",
                    "preamble the parties"
                ),
                (
                    ArticleRef::Article(1),
                    "Article 1",
                    "article 1 the parties shall consult"
                ),
                (
                    ArticleRef::Article(2),
                    "Article 2",
                    "article 2 état s 60 days"
                ),
            ]
        );
        assert!(std::ptr::eq(
            ev.place_words(treaties),
            ev.place_words(treaties)
        ));
    }

    fn months(ev: &Evidence, kind: &str) -> Vec<u32> {
        ev.quantities[kind].iter().map(|q| q.months).collect()
    }

    fn places(ev: &Evidence, topic: &str) -> Vec<Option<ArticleRef>> {
        ev.strong_places(topic).iter().map(|f| f.place).collect()
    }

    /// Each finding of `topic` (strong or weak) as "place: the first words of its case".
    fn kinds(text: &str, lang: &str, topic: &str) -> Vec<String> {
        let (_, ev) = gather(text, lang);
        let topics = Topics::builtin();
        let mut out: Vec<String> = ev
            .findings(topic)
            .iter()
            .map(|f| {
                let kind = topics.kind(topic, f, &ev).unwrap_or("-");
                let words: Vec<&str> = kind.split_whitespace().take(4).collect();
                format!("{}: {}", place_name(f.place), words.join(" "))
            })
            .collect();
        out.dedup();
        out
    }

    const SEED_ZH: &str = include_str!("../../examples/5030/5030.treaty.zh.txt");
    const NATO_EN: &str = include_str!("../../tests/fixtures/treaties/nato-1949.en.txt");
    const NATO_NL: &str = include_str!("../../tests/fixtures/treaties/nato-1949.nl.txt");

    /// Where the codebook draws a line a keyword does not, the article's other cues tell the
    /// case: on the real treaty texts, each line a pair of cases.
    #[test]
    fn findings_say_which_codebook_case_they_are() {
        let molotov = include_str!("../../tests/fixtures/treaties/molotov-ribbentrop-1939.en.txt");
        let bhutan = include_str!("../../tests/fixtures/treaties/india-bhutan-1949.en.txt");
        let latam = include_str!("../../tests/fixtures/treaties/latam-parliament-1987.es.txt");
        let cases = [
            // A notice that stops the automatic renewal against renunciation by notice.
            (
                SEED_ZH,
                "zh",
                "renunciation",
                "Art. 19: a notice that stops",
            ),
            // A party leaving, with one year's notice, a treaty in force indefinitely (ANZUS,
            // Art. X: RENOUNCE 1 in ATOP 5.1).
            (
                include_str!("../../tests/fixtures/treaties/anzus-1951.en.txt"),
                "en",
                "renunciation",
                "Art. 10: renunciation by notice with",
            ),
            // Consultation when security is threatened against a general promise to consult
            // on common interests (Molotov-Ribbentrop, Art. III).
            (
                SEED_ZH,
                "zh",
                "consultation",
                "Art. 14: consultation in crises that",
            ),
            (
                NATO_NL,
                "nl",
                "consultation",
                "Art. 4: consultation in crises that",
            ),
            (
                molotov,
                "en",
                "consultation",
                "Art. 3: a general promise to",
            ),
            // Military aid by training against arms with no aid named (India-Bhutan, Art. VI).
            (
                SEED_ZH,
                "zh",
                "military_aid",
                "Art. 6: military aid by grants,",
            ),
            (
                bhutan,
                "en",
                "military_aid",
                "Art. 6: arms or military assistance",
            ),
            // A commitment on arms (no first use) against "luchar por el desarme mundial".
            (SEED_ZH, "zh", "arms", "Art. 5: a provision on arms:"),
            (latam, "es", "arms", "Art. 3: a stated wish to"),
            // Obligations under other treaties against obligations under the UN Charter.
            (
                SEED_ZH,
                "zh",
                "other_treaty_obligations",
                "Art. 17: a clause that the",
            ),
            (
                NATO_EN,
                "en",
                "other_treaty_obligations",
                "Art. 7: obligations under an international",
            ),
        ];
        for (text, lang, topic, expected) in cases {
            let found = kinds(text, lang, topic);
            assert!(
                found.iter().any(|k| k == expected),
                "{topic}: {expected:?} in {found:?}"
            );
        }
        // The seed's renunciation notice is of one kind only.
        assert_eq!(
            kinds(SEED_ZH, "zh", "renunciation"),
            ["Art. 19: a notice that stops"]
        );
    }

    /// A notice a party may give only once the treaty has been in force a set period (NATO,
    /// Art. 13), in every language the lexicons cover: with no later end set, that period is
    /// the term and the notice ends the treaty's staying in force after it, PROREN 2 and not
    /// RENOUNCE (codebook p. 19-20; ATOP 5.1 codes NATO SPECLGTH 1, LENGTH 240, RENOUNCE 0,
    /// PROREN 2, RENEWLGT 0), so the article is renewal evidence too. The English and Dutch
    /// texts are NATO's (tests/fixtures/treaties/); the others are worded as its Art. 13.
    #[test]
    fn a_notice_once_in_force_for_the_term_ends_the_term() {
        let article_13 = |text: &str, heading: &str| {
            let at = text.find(heading).expect("Art. 13");
            let body = &text[at..];
            let end = body[heading.len()..]
                .find("###")
                .map_or(body.len(), |i| heading.len() + i);
            body[..end].to_string()
        };
        let passages = [
            ("en", article_13(NATO_EN, "###Article 13")),
            ("nl", article_13(NATO_NL, "###Artikel 13")),
            ("fr", "Article 13\nAprès que le Traité aura été en vigueur pendant vingt ans, toute Partie pourra mettre fin au Traité en ce qui la concerne un an après avoir avisé de sa dénonciation le Gouvernement des États-Unis d'Amérique.\n".into()),
            ("de", "Artikel 13\nNach zwanzigjähriger Geltungsdauer des Vertrags kann jede Partei aus dem Vertrag ausscheiden, und zwar ein Jahr, nachdem sie der Regierung der Vereinigten Staaten von Amerika die Kündigung mitgeteilt hat.\n".into()),
            ("es", "Artículo 13\nDespués de que el Tratado haya estado en vigor durante veinte años, cualquier Parte podrá cesar de serlo un año después de haber notificado su denuncia al Gobierno de los Estados Unidos de América.\n".into()),
            ("pt", "Artigo 13\nDepois de o Tratado ter estado em vigor durante vinte anos, qualquer das Partes poderá pôr termo ao Tratado no que lhe diz respeito, um ano depois de ter avisado da sua denúncia o Governo dos Estados Unidos da América.\n".into()),
            ("ru", "Статья 13\nПо истечении двадцати лет действия Договора любая Сторона может выйти из него через год после уведомления о денонсации правительства Соединенных Штатов Америки.\n".into()),
            ("zh", "第十三条\n本条约生效二十年后，任何缔约国可在通知美利坚合众国政府废约一年后退出本条约。\n".into()),
        ];
        for (lang, text) in &passages {
            let (_, ev) = gather(text, lang);
            let a13 = Some(ArticleRef::Article(13));
            assert_eq!(months(&ev, "duration"), [240], "{lang}");
            assert_eq!(
                kinds(text, lang, "renunciation"),
                ["Art. 13: a notice a party"],
                "{lang}"
            );
            assert_eq!(places(&ev, "renewal"), [a13], "{lang}");
            assert_eq!(
                kinds(text, lang, "renewal"),
                ["Art. 13: no renewal clause, but"],
                "{lang}"
            );
        }
        // Before a later scheduled end, the same notice is renunciation during the term:
        // RENOUNCE 3, and no renewal.
        let before_the_end = "Article 1\nThis Treaty shall remain in force for twenty years. After it has been in force for ten years, any Party may withdraw from this Treaty on one year's notice.\n";
        assert_eq!(
            kinds(before_the_end, "en", "renunciation"),
            ["Art. 1: renunciation once the treaty"]
        );
        let (_, ev) = gather(before_the_end, "en");
        assert!(ev.findings("renewal").is_empty());
        // The notice after the term the same article sets is at the term's end.
        let after_the_term = "Article 1\nThis Agreement shall remain in force for ten years. After the expiration of the term of ten years, either Party may terminate this Agreement by giving six months' notice.\n";
        assert_eq!(
            kinds(after_the_term, "en", "renunciation"),
            ["Art. 1: a notice a party"]
        );
    }

    #[test]
    fn labels_load() {
        let t = Topics::builtin();
        assert_eq!(t.label("renunciation"), "notice terms");
        assert_eq!(t.org_name("sco"), "Shanghai Cooperation Organisation");
        for id in t.founded.keys() {
            assert!(t.organizations.contains_key(id), "founded: {id} is unknown");
        }
        // Every topic a language uses has a label, and every organization a name.
        for l in &Languages::builtin().langs {
            for id in l.topics.keys() {
                assert!(
                    t.topics.contains_key(id),
                    "{}: topic {id} has no label",
                    l.code()
                );
            }
            for (id, _) in &l.organizations {
                assert!(
                    t.organizations.contains_key(id),
                    "{}: organization {id} has no name",
                    l.code()
                );
            }
        }
    }

    /// The topics that kinds and the schema's readings name are topics every language has
    /// cues for; a topic's kinds end with the one no other cue marks, for strong and weak cues.
    #[test]
    fn kinds_and_readings_name_topics_with_cues() {
        let t = Topics::builtin();
        let langs = &Languages::builtin().langs;
        let has_cues = |topic: &str| {
            langs
                .iter()
                .all(|l| l.topics.contains_key(topic) || topic == "international_organization")
        };
        for (id, info) in &t.topics {
            for k in &info.kinds {
                if let Some(also) = &k.also {
                    assert!(
                        t.topics.contains_key(also) && has_cues(also),
                        "{id}: {also}"
                    );
                }
                assert!(
                    !k.at_term || k.with.is_some(),
                    "{id}: at_term without `with`"
                );
                if let Some(with) = &k.with {
                    assert!(
                        t.topics.contains_key(with) && has_cues(with),
                        "{id}: {with}"
                    );
                }
            }
            if let Some(last) = info.kinds.last() {
                assert!(
                    last.with.is_none() && !last.weak,
                    "{id}: the last kind is not for every cue"
                );
            }
        }
        let schema = crate::model::schema::Schema::builtin();
        for (_, e) in schema.exports() {
            for topic in e.readings.iter().filter_map(|r| r.treaty.as_deref()) {
                assert!(t.topics.contains_key(topic) && has_cues(topic), "{topic}");
            }
        }
    }

    #[test]
    fn seed_treaty_evidence() {
        let (t, ev) = gather(include_str!("../../examples/5030/5030.treaty.zh.txt"), "zh");
        let a = |n| Some(ArticleRef::Article(n));
        assert_eq!(places(&ev, "renunciation"), [a(19)]);
        assert_eq!(places(&ev, "renewal"), [a(19)]);
        assert_eq!(places(&ev, "arms"), [a(5)]);
        assert_eq!(places(&ev, "nonaggression"), [a(1)]);
        assert_eq!(places(&ev, "consultation"), [a(14)]);
        assert_eq!(places(&ev, "no_other_alliance"), [a(4)]);
        assert_eq!(places(&ev, "ratification"), [a(19)]);
        assert!(places(&ev, "accession").is_empty());
        assert!(places(&ev, "organization").is_empty());
        assert!(places(&ev, "military_aid").is_empty());
        assert!(places(&ev, "defense").is_empty());
        let orgs: Vec<&str> = ev.organizations.keys().map(String::as_str).collect();
        assert_eq!(orgs, ["cica", "sco", "un"]);
        assert_eq!(months(&ev, "duration"), [240]);
        assert_eq!(months(&ev, "renewal"), [60]);
        let parties: Vec<u32> = ev.parties.iter().map(|p| p.code).collect();
        assert_eq!(parties, [710, 705]);
        let f = &ev.strong_places("renunciation")[0];
        assert_eq!(
            excerpt(&t.text, &f.span, 200),
            "如缔约任何一方均未在条约期满前一年以书面形式通知缔约另一方要求终止本条约，则本条约将自动延长五年，并依此法顺延"
        );
    }

    #[test]
    fn negation_cancels_a_cue() {
        let text = "Article 1\nThe Parties shall not accede to this Treaty.\nArticle 2\nAny State may accede to this Treaty.\n";
        let (_, ev) = gather(text, "en");
        assert_eq!(places(&ev, "accession"), [Some(ArticleRef::Article(2))]);
        let (_, ev) = gather(
            "第一条\n缔约一方不得允许第三国利用其领土建立军事基地。\n",
            "zh",
        );
        assert!(places(&ev, "bases").is_empty(), "不得 negates");
        // A negation is a whole word: "no" does not negate in "notificar", nor "not" in "notice".
        let (_, ev) = gather(
            "Artículo 1\nCualquier Parte podrá notificar su denuncia.\n",
            "es",
        );
        assert_eq!(places(&ev, "renunciation"), [Some(ArticleRef::Article(1))]);
        let (_, ev) = gather(
            "Article 1\nOn notice any Party may withdraw from this Treaty.\n",
            "en",
        );
        assert_eq!(places(&ev, "renunciation"), [Some(ArticleRef::Article(1))]);
    }

    /// `text` in capitals without accents, as some treaties are printed.
    fn unaccented_capitals(text: &str) -> String {
        text.chars()
            .map(|c| crate::model::lang::unaccented(c).unwrap_or(c))
            .flat_map(char::to_uppercase)
            .collect()
    }

    /// The heading of a first article in `lang`.
    fn first_article(lang: &str) -> String {
        match lang {
            "es" => "Artículo 1",
            "pt" => "Artigo 1",
            "de" | "nl" => "Artikel 1",
            "ru" => "Статья 1",
            "zh" => "第一条",
            _ => "Article 1",
        }
        .to_string()
    }

    /// No separate peace (SEPPEACE, Q25), in every language; sentences written for the test.
    #[test]
    fn a_separate_peace_in_every_language() {
        let cases = [
            (
                "en",
                "Each Party undertakes not to conclude a separate peace.",
            ),
            (
                "en",
                "The two Governments will make peace only by mutual agreement.",
            ),
            (
                "fr",
                "Les Hautes Parties contractantes s'engagent à ne point conclure de paix séparée.",
            ),
            (
                "de",
                "Die Vertragsparteien verpflichten sich, keinen Separatfrieden zu schließen.",
            ),
            (
                "es",
                "Las Partes no celebrarán la paz sino de común acuerdo.",
            ),
            ("nl", "De Partijen sluiten geen afzonderlijke vrede."),
            ("pt", "As Partes não concluirão paz em separado."),
            ("ru", "Стороны обязуются не заключать сепаратного мира."),
            ("zh", "缔约双方不单独媾和。"),
        ];
        for (lang, passage) in cases {
            assert_article_shows(&first_article(lang), lang, passage, "separate_peace");
        }
        let (_, ev) = gather(
            "Article 1\nThe Parties shall maintain peace by mutual agreement.\n",
            "en",
        );
        assert_eq!(
            places(&ev, "separate_peace"),
            Vec::<Option<ArticleRef>>::new()
        );
    }

    /// Asserts that `passage`, alone in an article under `heading`, shows `topic` there.
    fn assert_article_shows(heading: &str, lang: &str, passage: &str, topic: &str) {
        let (_, ev) = gather(&format!("{heading}\n{passage}\n"), lang);
        assert_eq!(
            places(&ev, topic),
            [Some(ArticleRef::Article(1))],
            "{lang} {topic}: {passage}"
        );
    }

    /// Asserts that `passage`, alone in an article under `heading`, names organization `org`.
    fn assert_article_names(heading: &str, lang: &str, passage: &str, org: &str) {
        let (_, ev) = gather(&format!("{heading}\n{passage}\n"), lang);
        assert!(
            ev.organizations.contains_key(org),
            "{lang} {org}: {passage}"
        );
    }

    /// The standard wordings of alliance treaties, modern and of the 19th century, that the
    /// English, French and German lexicons read (constructed sentences in the treaties' style;
    /// no benchmark text): succour and auxiliary troops, common cause, guarantees of territory,
    /// concert on measures, arms laid down only by common consent, invitations to accede. And
    /// what they must not read: arms-control "offensive and defensive arms", disaster relief.
    #[test]
    fn the_standard_wordings_of_alliances() {
        let cases = [
            (
                "en",
                "each shall furnish a contingent of twenty thousand men",
                "defense",
            ),
            ("en", "the two Powers will make common cause", "defense"),
            (
                "en",
                "they jointly guarantee the independence and territorial integrity of the Kingdom",
                "defense",
            ),
            (
                "en",
                "the Parties will concert together upon the measures to be taken",
                "consultation",
            ),
            (
                "en",
                "they will not lay down their arms but by common consent",
                "separate_peace",
            ),
            (
                "en",
                "the High Contracting Parties invite the other Powers to accede to the present Treaty",
                "accession",
            ),
            (
                "fr",
                "elle lui portera secours avec toutes ses forces",
                "defense",
            ),
            (
                "fr",
                "si l'une d'elles venait à être attaquée, l'autre fournira un corps auxiliaire",
                "defense",
            ),
            (
                "fr",
                "elles s'entendront sur les mesures à prendre",
                "consultation",
            ),
            (
                "fr",
                "elles ne poseront les armes que d'un commun accord",
                "separate_peace",
            ),
            (
                "fr",
                "elles s'engagent à ne contracter aucune alliance contraire au présent traité",
                "no_other_alliance",
            ),
            (
                "fr",
                "les Hautes Parties inviteront les autres Puissances à accéder au présent traité",
                "accession",
            ),
            (
                "de",
                "so wird der andere Teil ihm mit seiner ganzen Kriegsmacht Hilfe leisten",
                "defense",
            ),
            (
                "de",
                "falls einer der beiden Staaten angegriffen werden sollte",
                "defense",
            ),
            (
                "de",
                "die Parteien werden sich über die zu ergreifenden Maßnahmen verständigen",
                "consultation",
            ),
            (
                "de",
                "sie werden weder Frieden noch Waffenstillstand schließen",
                "separate_peace",
            ),
            (
                "fr",
                "les deux Cours délibéreront en commun sur les mesures à prendre",
                "consultation",
            ),
            (
                "fr",
                "elles ne feront ni paix particulière ni armistice",
                "separate_peace",
            ),
            (
                "fr",
                "une conférence se réunira chaque année",
                "organization",
            ),
            (
                "de",
                "die Regierungen werden gemeinschaftlich berathen",
                "consultation",
            ),
            (
                "de",
                "keiner der Teile wird einen besonderen Frieden schließen",
                "separate_peace",
            ),
            (
                "de",
                "sie verpflichten sich, keine Bündnisse einzugehen",
                "no_other_alliance",
            ),
            (
                "en",
                "neither shall conclude a separate treaty of peace",
                "separate_peace",
            ),
        ];
        for (lang, passage, topic) in cases {
            let word = if lang == "de" {
                "Artikel 1"
            } else {
                "Article 1"
            };
            assert_article_shows(word, lang, passage, topic);
        }
        // Neither a promise of defence nor of offence.
        let not = [
            ("en", "limits on strategic offensive and defensive arms"),
            ("fr", "secours en cas de catastrophe naturelle"),
        ];
        for (lang, passage) in not {
            let (_, ev) = gather(&format!("{}\n{passage}\n", first_article(lang)), lang);
            for topic in ["defense", "offense"] {
                assert!(places(&ev, topic).is_empty(), "{lang} {topic}: {passage}");
            }
        }
    }

    /// Provisions as real treaties word them in their own languages (sources in
    /// tests/fixtures/treaties/SOURCES.md, "Passages quoted in tests").
    #[test]
    fn provisions_in_their_own_languages() {
        let cases = [
            // UN Charter, Art. 2(4): the renunciation of force.
            (
                "Article",
                "en",
                "All Members shall refrain in their international relations from the threat or use of force against the territorial integrity or political independence of any state",
                "nonaggression",
            ),
            (
                "Article",
                "fr",
                "Les Membres de l'Organisation s'abstiennent, dans leurs relations internationales, de recourir à la menace ou à l'emploi de la force, soit contre l'intégrité territoriale ou l'indépendance politique de tout Etat",
                "nonaggression",
            ),
            (
                "Artículo",
                "es",
                "Los Miembros de la Organización, en sus relaciones internacionales, se abstendrán de recurrir a la amenaza o al uso de la fuerza contra la integridad territorial o la independencia política de cualquier Estado",
                "nonaggression",
            ),
            (
                "Artikel",
                "de",
                "Alle Mitglieder unterlassen in ihren internationalen Beziehungen jede gegen die territoriale Unversehrtheit oder die politische Unabhängigkeit eines Staates gerichtete oder sonst mit den Zielen der Vereinten Nationen unvereinbare Androhung oder Anwendung von Gewalt.",
                "nonaggression",
            ),
            (
                "Artikel",
                "nl",
                "Alle Leden onthouden zich in hun internationale betrekkingen van bedreiging met of gebruik van geweld tegen de territoriale integriteit of de politieke onafhankelijkheid van een staat",
                "nonaggression",
            ),
            (
                "Статья",
                "ru",
                "Все Члены Организации Объединенных Наций воздерживаются в их международных отношениях от угрозы силой или ее применения",
                "nonaggression",
            ),
            (
                "Artigo",
                "pt",
                "Todos os Membros deverão evitar em suas relações internacionais a ameaça ou o uso da força contra a integridade territorial ou a dependência política de qualquer Estado",
                "nonaggression",
            ),
            // UN Charter, Art. 51, in Portuguese.
            (
                "Artigo",
                "pt",
                "Nada na presente Carta prejudicará o direito inerente de legítima defesa individual ou coletiva no caso de ocorrer um ataque armado contra um Membro das Nações Unidas",
                "defense",
            ),
            // Pact of Bogotá, Art. I.
            (
                "Artículo",
                "es",
                "Las Altas Partes Contratantes, reafirmando solemnemente sus compromisos contraídos por anteriores convenciones y declaraciones internacionales así como por la Carta de las Naciones Unidas, convienen en abstenerse de la amenaza, del uso de la fuerza o de cualquier otro medio de coacción para el arreglo de sus controversias",
                "nonaggression",
            ),
            // OAS Charter, Art. 61 (as amended): the regional system's consultation body.
            (
                "Artículo",
                "es",
                "La Reunión de Consulta de los Ministros de Relaciones Exteriores deberá celebrarse con el fin de considerar problemas de carácter urgente y de interés común para los Estados americanos, y para servir de Órgano de Consulta.",
                "consultation",
            ),
            // OAS Charter, Art. 143, in English and Spanish: unlimited duration, and notice.
            (
                "Article",
                "en",
                "This Charter shall remain in force indefinitely, but may be denounced by any Member State upon written notification to the General Secretariat",
                "renunciation",
            ),
            (
                "Article",
                "en",
                "This Charter shall remain in force indefinitely, but may be denounced by any Member State upon written notification to the General Secretariat",
                "unlimited_duration",
            ),
            (
                "Artículo",
                "es",
                "Esta Carta regirá indefinidamente, pero podrá ser denunciada por cualquiera de los Estados miembros, mediante comunicación escrita a la Secretaría General",
                "unlimited_duration",
            ),
            // North Atlantic Treaty 1949, Art. 5, French and German texts: assistance given.
            (
                "Article",
                "fr",
                "assistera la partie ou les parties ainsi attaquées",
                "defense",
            ),
            (
                "Artikel",
                "de",
                "der Partei oder den Parteien, die angegriffen werden, Beistand leistet",
                "defense",
            ),
            // North Atlantic Treaty 1949, Art. 8, French text: no engagement in conflict with it.
            (
                "Article",
                "fr",
                "et assume l'obligation de ne souscrire aucun engagement international en contradiction avec le Traité.",
                "no_other_alliance",
            ),
            // Warsaw Pact 1955 (ATOP 3285, INTCOM 1), Art. 5: an integrated command.
            (
                "Article",
                "en",
                "The Contracting Parties have agreed to establish a Joint Command of the armed forces that by agreement among the Parties shall be assigned to the Command, which shall function on the basis of jointly established principles.",
                "integrated_command",
            ),
        ];
        for (word, lang, passage, topic) in cases {
            assert_article_shows(&format!("{word} 1"), lang, passage, topic);
        }
        // International organizations named in the treaty's own language.
        let orgs = [
            (
                "fr",
                "reconnu par l'article 51 de la Charte des Nations Unies, assistera la partie",
                "un",
            ),
            (
                "de",
                "in Ausübung des in Artikel 51 der Satzung der Vereinten Nationen anerkannten Rechts",
                "un",
            ),
            (
                "es",
                "De conformidad con el inciso 2º del artículo 36 del Estatuto de la Corte Internacional de Justicia",
                "icj",
            ),
        ];
        for (lang, passage, org) in orgs {
            assert_article_names(&first_article(lang), lang, passage, org);
        }
    }

    /// How each language words the provisions of membership, formal dispute settlement,
    /// non-military fields, bodies set up, security consultation, leaving the organization,
    /// alliances against a party and an attack on one as on all (standard treaty formulas, in
    /// our own wording): each sentence alone in an article shows its topic, in capitals
    /// without accents too.
    #[test]
    fn provisions_worded_as_treaties_of_each_language_word_them() {
        let cases = [
            (
                "en",
                "accession",
                "Any other European State may apply to become a member of the Union.",
            ),
            (
                "en",
                "accession",
                "The Council shall decide on the admission of new members.",
            ),
            (
                "fr",
                "accession",
                "Tout autre État européen peut demander à devenir membre de l'Union.",
            ),
            (
                "fr",
                "accession",
                "Tout État arabe peut adhérer au présent traité.",
            ),
            (
                "es",
                "accession",
                "Todo Estado americano podrá solicitar su ingreso en la Organización.",
            ),
            (
                "pt",
                "accession",
                "Qualquer Estado poderá aderir ao presente tratado.",
            ),
            (
                "de",
                "accession",
                "Jeder europäische Staat kann der Union beitreten, wenn der Rat zustimmt.",
            ),
            (
                "de",
                "accession",
                "Jeder Staat ist eingeladen, diesem Vertrag beizutreten.",
            ),
            (
                "nl",
                "accession",
                "Elke Europese staat kan verzoeken lid te worden van de Unie.",
            ),
            (
                "ru",
                "accession",
                "Любое государство может присоединиться к настоящему Договору.",
            ),
            (
                "ru",
                "accession",
                "Договор открыт для присоединения других государств.",
            ),
            ("zh", "accession", "其他国家可以申请加入本组织。"),
            (
                "en",
                "dispute_settlement",
                "Disputes between the Parties shall be referred to the International Court of Justice.",
            ),
            (
                "en",
                "dispute_settlement",
                "The Parties shall use their good offices to settle any difference.",
            ),
            (
                "fr",
                "dispute_settlement",
                "Les Parties soumettront leurs différends à une commission de conciliation.",
            ),
            (
                "es",
                "dispute_settlement",
                "Las Partes someterán sus controversias a un procedimiento de arbitraje.",
            ),
            (
                "pt",
                "dispute_settlement",
                "As Partes recorrerão aos bons ofícios de um terceiro Estado.",
            ),
            (
                "de",
                "dispute_settlement",
                "Streitigkeiten werden einem Schiedsverfahren unterworfen.",
            ),
            (
                "nl",
                "dispute_settlement",
                "De Partijen onderwerpen hun geschillen aan een verzoeningscommissie.",
            ),
            (
                "ru",
                "dispute_settlement",
                "Споры разрешаются путем посредничества третьего государства.",
            ),
            ("zh", "dispute_settlement", "缔约双方的争端应通过斡旋解决。"),
            (
                "en",
                "nonmilitary_cooperation",
                "The Parties shall develop cooperation in the fields of education, health and transport.",
            ),
            (
                "en",
                "nonmilitary_cooperation",
                "The Parties shall promote technical and scientific cooperation.",
            ),
            (
                "fr",
                "nonmilitary_cooperation",
                "Les Parties développeront leur coopération dans les domaines de l'éducation et de la santé.",
            ),
            (
                "es",
                "nonmilitary_cooperation",
                "Las Partes fomentarán la cooperación técnica entre sus instituciones.",
            ),
            (
                "pt",
                "nonmilitary_cooperation",
                "As Partes desenvolverão a cooperação comercial e financeira.",
            ),
            (
                "de",
                "nonmilitary_cooperation",
                "Die Vertragsparteien fördern die technische Zusammenarbeit.",
            ),
            (
                "nl",
                "nonmilitary_cooperation",
                "De Partijen bevorderen de samenwerking op het gebied van het onderwijs.",
            ),
            (
                "ru",
                "nonmilitary_cooperation",
                "Стороны развивают гуманитарное сотрудничество.",
            ),
            (
                "ru",
                "nonmilitary_cooperation",
                "Стороны развивают сотрудничество в экономической и научной областях.",
            ),
            (
                "zh",
                "nonmilitary_cooperation",
                "双方加强在交通和卫生领域的合作。",
            ),
            (
                "en",
                "organization",
                "The Parties hereby establish a permanent Secretariat.",
            ),
            (
                "en",
                "organization",
                "The Council shall hold an ordinary session once a year.",
            ),
            (
                "fr",
                "organization",
                "Il est institué un secrétariat général permanent.",
            ),
            (
                "es",
                "organization",
                "La sede de la Secretaría será la ciudad de Lima.",
            ),
            (
                "pt",
                "organization",
                "O Conselho reunir-se-á uma vez por ano.",
            ),
            ("de", "organization", "Der Sitz des Sekretariats ist Genf."),
            (
                "nl",
                "organization",
                "De Raad komt eenmaal per jaar bijeen.",
            ),
            (
                "ru",
                "organization",
                "Стороны учреждают Совет министров иностранных дел.",
            ),
            ("zh", "organization", "本组织设立常设秘书处。"),
            (
                "en",
                "consultation",
                "The Member States shall consult each other on all matters affecting their security.",
            ),
            (
                "fr",
                "consultation",
                "Les Parties se consulteront sur toute question touchant à leur sécurité.",
            ),
            (
                "es",
                "consultation",
                "Las Partes se consultarán en caso de amenaza a la paz.",
            ),
            (
                "pt",
                "consultation",
                "As Partes consultar-se-ão em caso de ameaça à sua segurança.",
            ),
            (
                "de",
                "consultation",
                "Die Vertragsparteien beraten sich über alle Fragen ihrer Sicherheit.",
            ),
            (
                "nl",
                "consultation",
                "De Partijen plegen overleg over vraagstukken van hun veiligheid.",
            ),
            ("zh", "consultation", "双方就涉及安全的问题进行磋商。"),
            (
                "en",
                "renunciation",
                "Any Member State may decide to leave the Union.",
            ),
            (
                "fr",
                "renunciation",
                "Tout État membre peut se retirer de l'Union.",
            ),
            (
                "es",
                "renunciation",
                "Cualquier Estado podrá retirarse de la Organización.",
            ),
            (
                "pt",
                "renunciation",
                "Qualquer Estado poderá retirar-se da Organização.",
            ),
            (
                "de",
                "renunciation",
                "Jeder Mitgliedstaat kann aus der Union austreten.",
            ),
            (
                "nl",
                "renunciation",
                "Elke lidstaat kan besluiten zich uit de Unie terug te trekken.",
            ),
            (
                "ru",
                "renunciation",
                "Каждое государство вправе выйти из Союза.",
            ),
            ("zh", "renunciation", "成员国可以退出本组织。"),
            (
                "en",
                "no_other_alliance",
                "Each Party undertakes not to participate in any alliance directed against the other Party.",
            ),
            (
                "en",
                "no_other_alliance",
                "The Parties shall join no pact or treaty contrary to the aims of this Treaty.",
            ),
            (
                "fr",
                "no_other_alliance",
                "Aucune Partie n'adhérera à des alliances contraires aux buts du présent traité.",
            ),
            (
                "es",
                "no_other_alliance",
                "Las Partes no celebrarán tratados incompatibles con los fines del presente Tratado.",
            ),
            (
                "pt",
                "no_other_alliance",
                "As Partes não concluirão acordos incompatíveis com o presente Tratado.",
            ),
            (
                "de",
                "no_other_alliance",
                "Keine Vertragspartei wird sich an Bündnissen beteiligen, die gegen die andere Vertragspartei gerichtet sind.",
            ),
            (
                "nl",
                "no_other_alliance",
                "De Partijen sluiten geen verdragen die in strijd met dit Verdrag zijn.",
            ),
            (
                "ru",
                "no_other_alliance",
                "Стороны не участвуют в союзах или блоках, направленных против другой Стороны.",
            ),
            (
                "zh",
                "no_other_alliance",
                "双方不参加针对另一方的任何行动。",
            ),
            (
                "en",
                "defense",
                "Any aggression against one of them shall be considered as an aggression against all.",
            ),
            (
                "fr",
                "defense",
                "Toute agression contre l'une d'elles sera considérée comme une agression contre toutes.",
            ),
            (
                "es",
                "defense",
                "Todo ataque contra uno será considerado como un ataque contra todos.",
            ),
            (
                "pt",
                "defense",
                "Qualquer ataque contra um será considerado como um ataque contra todos.",
            ),
            (
                "de",
                "defense",
                "Ein Angriff auf eine Partei gilt als ein Angriff gegen alle.",
            ),
            (
                "nl",
                "defense",
                "Een aanval op een van hen wordt beschouwd als een aanval tegen hen allen.",
            ),
            (
                "ru",
                "defense",
                "Агрессия против одной из Сторон рассматривается как агрессия против всех Сторон.",
            ),
            ("zh", "defense", "对一方的侵略将被视为对全体缔约方的侵略。"),
            (
                "en",
                "accession",
                "Other African States may join upon acceptance of the Member States.",
            ),
            (
                "en",
                "accession",
                "Membership of the Union shall be open to every European State.",
            ),
            (
                "en",
                "no_other_alliance",
                "Neither Party shall enter into agreements incompatible with this Treaty.",
            ),
            (
                "en",
                "consultation",
                "In case of a threat to the security of a Party, the Parties shall consult.",
            ),
            (
                "en",
                "accession",
                "The Council shall examine requests for membership.",
            ),
            (
                "en",
                "no_other_alliance",
                "Each Party undertakes not to join any military alliance.",
            ),
            (
                "en",
                "dispute_settlement",
                "The Court of Justice shall settle disputes between the Member States.",
            ),
            (
                "fr",
                "dispute_settlement",
                "Les différends entre les États membres sont portés devant la Cour.",
            ),
            (
                "es",
                "dispute_settlement",
                "El Tribunal conocerá de las controversias entre los Estados.",
            ),
            (
                "pt",
                "dispute_settlement",
                "O Tribunal decidirá as controvérsias entre os Estados.",
            ),
            (
                "de",
                "dispute_settlement",
                "Der Gerichtshof entscheidet über Streitigkeiten zwischen den Mitgliedstaaten.",
            ),
            (
                "nl",
                "dispute_settlement",
                "Het Hof beslist over geschillen tussen de lidstaten.",
            ),
            (
                "ru",
                "dispute_settlement",
                "Суд рассматривает споры между государствами-членами.",
            ),
            ("zh", "dispute_settlement", "缔约国之间的争端提交法院解决。"),
            (
                "en",
                "nonmilitary_cooperation",
                "The Parties shall cooperate in the economic, social and cultural fields.",
            ),
            (
                "en",
                "nonmilitary_cooperation",
                "The Parties shall establish a customs union.",
            ),
            (
                "fr",
                "nonmilitary_cooperation",
                "Les Parties assurent la libre circulation des personnes.",
            ),
            (
                "es",
                "nonmilitary_cooperation",
                "Las Partes establecerán una zona de libre comercio.",
            ),
            (
                "pt",
                "nonmilitary_cooperation",
                "As Partes criarão um mercado comum.",
            ),
            (
                "de",
                "nonmilitary_cooperation",
                "Die Vertragsparteien bilden eine Zollunion.",
            ),
            (
                "nl",
                "nonmilitary_cooperation",
                "De Partijen vormen een douane-unie.",
            ),
            (
                "ru",
                "nonmilitary_cooperation",
                "Стороны создают зону свободной торговли.",
            ),
            ("zh", "nonmilitary_cooperation", "双方建立自由贸易区。"),
            (
                "en",
                "renewal",
                "This Agreement may be renewed by mutual agreement of the Parties.",
            ),
            (
                "fr",
                "renewal",
                "Le présent accord peut être renouvelé d'un commun accord.",
            ),
            (
                "es",
                "renewal",
                "El presente Tratado podrá ser prorrogado por mutuo acuerdo.",
            ),
            (
                "pt",
                "renewal",
                "O presente Tratado poderá ser prorrogado por mútuo acordo.",
            ),
            (
                "de",
                "renewal",
                "Dieser Vertrag verlängert sich jeweils um fünf Jahre.",
            ),
            (
                "nl",
                "renewal",
                "Dit Verdrag wordt telkens stilzwijgend verlengd.",
            ),
            (
                "ru",
                "renewal",
                "Договор продлевается на последующие пятилетние периоды.",
            ),
            ("zh", "renewal", "经双方协商同意，本条约可以延长。"),
        ];
        for (lang, topic, sentence) in cases {
            assert_article_shows(&first_article(lang), lang, sentence, topic);
            let capitals = unaccented_capitals(sentence);
            assert_article_shows(&first_article(lang), lang, &capitals, topic);
        }
        // Other organizations and alliances named in each language, in capitals too.
        let orgs = [
            (
                "fr",
                "conformément à la Charte de l'Organisation de l'Unité Africaine",
                "oau",
            ),
            (
                "fr",
                "les membres de l'UNION DE L'EUROPE OCCIDENTALE",
                "weu",
            ),
            (
                "es",
                "los Estados miembros de la Liga de los Estados Árabes",
                "arab_league",
            ),
            (
                "pt",
                "os compromissos assumidos no quadro da União Europeia",
                "eu",
            ),
            (
                "de",
                "im Rahmen der Organisation für Sicherheit und Zusammenarbeit in Europa",
                "osce",
            ),
            (
                "nl",
                "de verdragen tot oprichting van de Europese Gemeenschappen",
                "eu",
            ),
            ("nl", "binnen de West-Europese Unie", "weu"),
            ("ru", "в рамках Содружества Независимых Государств", "cis"),
            ("ru", "государства — члены Европейского союза", "eu"),
            (
                "ru",
                "в соответствии с Уставом Организации Объединённых Наций",
                "un",
            ),
            ("zh", "双方在非洲联盟框架内合作", "oau"),
            ("en", "the member States of the Council of Europe", "coe"),
            ("en", "in consultation with the OPEC and the OECD", "opec"),
            (
                "de",
                "die Mitglieder des Rates für gegenseitige Wirtschaftshilfe",
                "comecon",
            ),
            ("zh", "经济合作与发展组织成员国", "oecd"),
        ];
        for (lang, passage, org) in orgs {
            assert_article_names(&first_article(lang), lang, passage, org);
        }
        let (_, ev) = gather("Artikel 1\nbinnen de West-Europese Unie\n", "nl");
        assert!(!ev.organizations.contains_key("eu"));
    }

    /// The longest organization name matched at a place wins: a name inside another's names
    /// no organization of its own, in any language; names side by side both count.
    #[test]
    fn a_name_inside_a_longer_name_is_not_another_organization() {
        let (_, ev) = gather(
            "Article 1\nThe Parties, members of the Western European Union, agree.\n",
            "en",
        );
        let orgs: Vec<&str> = ev.organizations.keys().map(String::as_str).collect();
        assert_eq!(orgs, ["weu"]);
        let (_, ev) = gather(
            "Article 1\nThe Western European Union and the European Union shall consult.\n",
            "en",
        );
        let orgs: Vec<(&str, usize)> = ev
            .organizations
            .iter()
            .map(|(id, f)| (id.as_str(), f.len()))
            .collect();
        assert_eq!(orgs, [("eu", 1), ("weu", 1)]);
        let named = vec![
            ("eu", 9..23),
            ("weu", 1..23),
            ("un", 30..44),
            ("un", 30..44),
        ];
        assert_eq!(
            outermost_names(named),
            [("weu", 1..23), ("un", 30..44), ("un", 30..44)]
        );
    }

    /// A period is the treaty's term only in a sentence about the treaty's validity: a term of
    /// office or a delay in another sentence gives none.
    #[test]
    fn a_term_is_a_period_of_the_treaty_s_validity() {
        let cases = [
            (
                "en",
                "Article 1\nThe Secretary-General shall be appointed for a period of five years.\nArticle 2\nThis Treaty shall remain\nin force for a period of ten years.\n",
                "Article 1\nThe Secretary-General shall be appointed for a period of five years.\n",
            ),
            (
                "fr",
                "Article 1\nLe Président est élu pour une période de deux ans, pendant trois ans au plus.\nArticle 2\nLe présent traité est conclu pour une durée de dix ans.\n",
                "Article 1\nLe Président exerce ses fonctions pendant trois ans.\n",
            ),
            (
                "nl",
                "Artikel 1\nDe voorzitter wordt benoemd voor een periode van vijf jaar.\nArtikel 2\nDit Verdrag blijft van kracht gedurende tien jaar.\n",
                "Artikel 1\nDe voorzitter wordt benoemd voor een periode van vijf jaar.\n",
            ),
            (
                "ru",
                "Статья 1\nПредседатель избирается в течение пяти лет.\nСтатья 2\nНастоящий Договор заключается сроком на десять лет.\n",
                "Статья 1\nПредседатель избирается в течение пяти лет.\n",
            ),
        ];
        for (lang, with_term, without) in cases {
            let (_, ev) = gather(with_term, lang);
            assert_eq!(months(&ev, "duration"), [120], "{lang}");
            let (_, ev) = gather(without, lang);
            assert!(
                ev.quantities.get("duration").is_none_or(Vec::is_empty),
                "{lang}"
            );
        }
    }

    /// A party's notice period, as each language words it, is read in months.
    #[test]
    fn notice_periods_in_every_language() {
        let cases = [
            (
                "en",
                "Article 1\nEach Party may withdraw on six months' written notice.\n",
            ),
            (
                "en",
                "Article 1\nA Party may cease to be a Party six months after its notice of denunciation.\n",
            ),
            (
                "fr",
                "Article 1\nLa dénonciation prendra effet six mois après la notification.\n",
            ),
            (
                "fr",
                "Article 1\nChaque Partie peut dénoncer le traité moyennant un préavis de six mois.\n",
            ),
            (
                "es",
                "Artículo 1\nLa denuncia surtirá efecto seis meses después de la notificación.\n",
            ),
            (
                "pt",
                "Artigo 1\nA denúncia produzirá efeito seis meses após a notificação.\n",
            ),
            (
                "de",
                "Artikel 1\nDie Kündigung wird sechs Monate nach der Notifikation wirksam.\n",
            ),
            (
                "nl",
                "Artikel 1\nDe opzegging wordt van kracht zes maanden na de kennisgeving.\n",
            ),
            (
                "ru",
                "Статья 1\nДенонсация вступает в силу через шесть месяцев после получения уведомления.\n",
            ),
            (
                "zh",
                "第一条\n缔约任何一方可在期满前六个月以书面形式通知缔约另一方终止本条约。\n",
            ),
        ];
        for (lang, text) in cases {
            let (_, ev) = gather(text, lang);
            assert_eq!(
                ev.quantities
                    .get("notice")
                    .map(|q| q.iter().map(|q| q.months).collect::<Vec<_>>()),
                Some(vec![6]),
                "{lang}: {text}"
            );
        }
    }

    /// An organization named before it existed is no reference to it: the 1944 agreement of
    /// two Dominions (ATOP 2565, tune split) speaks of the "British Commonwealth".
    #[test]
    fn organizations_exist_from_their_founding() {
        let (t, ev) = gather(
            include_str!("../../tests/fixtures/bench/treaties/2565.treaty.en.txt"),
            "en",
        );
        assert!(t.text.contains("British Commonwealth"));
        assert!(!ev.organizations.contains_key("commonwealth"));
        let later = "Article 1\nThe Parties, members of the British Commonwealth, agree.\n\nDone at London, 1 May 1951.\n";
        let (_, ev) = gather(later, "en");
        assert!(ev.organizations.contains_key("commonwealth"));
    }

    /// Real treaties set in capitals without accents ("ARTICULO", "DENONCIATION") read as
    /// they read in their own spelling.
    #[test]
    fn capitals_without_accents_read_alike() {
        let texts = [
            (
                include_str!("../../tests/fixtures/treaties/latam-parliament-1987.es.txt"),
                "es",
            ),
            (
                include_str!("../../tests/fixtures/treaties/nl-persia-friendship-1930.fr.txt"),
                "fr",
            ),
            (
                include_str!("../../tests/fixtures/treaties/nl-afghanistan-friendship-1939.fr.txt"),
                "fr",
            ),
        ];
        let mut compared = 0;
        for (text, lang) in texts {
            let capitals = unaccented_capitals(text);
            assert!(!capitals.contains(['É', 'Í', 'Ó']));
            let (t, ev) = gather(text, lang);
            let (tc, evc) = gather(&capitals, lang);
            assert_eq!(t.articles.len(), tc.articles.len(), "{lang}");
            for topic in Topics::builtin().topics.keys() {
                assert_eq!(places(&ev, topic), places(&evc, topic), "{lang} {topic}");
                compared += places(&ev, topic).len();
            }
            let periods = |ev: &Evidence| {
                ["duration", "renewal"].map(|k| ev.quantities.get(k).map(|q| q.len()))
            };
            assert_eq!(periods(&ev), periods(&evc), "{lang}");
            let signed = |t: &Treaty| t.signed.as_ref().map(|(_, d)| d.to_string());
            assert_eq!(signed(&t), signed(&tc), "{lang}");
            assert!(signed(&t).is_some(), "{lang}");
        }
        assert!(compared >= 10, "{compared}");
    }

    #[test]
    fn other_languages() {
        let (_, ev) = gather(
            include_str!("../../tests/fixtures/treaties/nato-1949.en.txt"),
            "en",
        );
        let a = |n| Some(ArticleRef::Article(n));
        assert_eq!(places(&ev, "accession"), [a(10)]);
        assert_eq!(places(&ev, "organization"), [a(9)]);
        assert_eq!(places(&ev, "defense"), [a(3), a(5), a(6)]);
        assert_eq!(places(&ev, "consultation"), [a(4)]);
        assert_eq!(places(&ev, "renunciation"), [a(13)]);
        // Art. 12 (review after ten years) and Art. 13 (denunciation after twenty).
        assert_eq!(months(&ev, "duration"), [120, 240]);
        let (_, ev) = gather(
            include_str!("../../tests/fixtures/treaties/nato-1949.nl.txt"),
            "nl",
        );
        assert_eq!(places(&ev, "organization"), [a(9)]);
        assert_eq!(places(&ev, "renunciation"), [a(13)]);
        let (_, ev) = gather(
            include_str!("../../tests/fixtures/treaties/molotov-ribbentrop-1939.en.txt"),
            "en",
        );
        assert_eq!(months(&ev, "duration"), [120]);
        assert_eq!(months(&ev, "renewal"), [60]);
        assert_eq!(places(&ev, "neutrality"), [a(2)]);
        assert!(
            places(&ev, "consultation").is_empty(),
            "Art. III is an information exchange"
        );
        assert_eq!(
            ev.parties.iter().map(|p| p.code).collect::<Vec<_>>(),
            [255, 365]
        );
        let (_, ev) = gather(
            include_str!("../../tests/fixtures/treaties/nl-persia-friendship-1930.fr.txt"),
            "fr",
        );
        assert_eq!(places(&ev, "dispute_settlement"), [a(3)]);
        assert_eq!(places(&ev, "ratification"), [a(4)]);
        assert_eq!(
            ev.parties.iter().map(|p| p.code).collect::<Vec<_>>(),
            [210, 630]
        );
    }

    /// The 1944 Agreement's front matter and its first delegation name one state each; its title
    /// names both, in capitals.
    #[test]
    fn parties_named_together_in_capitals() {
        let (_, ev) = gather(
            include_str!("../../tests/fixtures/bench/treaties/2565.treaty.en.txt"),
            "en",
        );
        assert_eq!(
            ev.parties.iter().map(|p| p.code).collect::<Vec<_>>(),
            [900, 920]
        );
    }

    /// Paragraphs end at a blank line in every break style: the Anglo-Japanese agreement of
    /// 1905 (CR LF) names its parties in its title, and India and China later, in the
    /// preamble's objects.
    #[test]
    fn parties_of_a_text_with_crlf_breaks() {
        let text = include_str!("../../tests/fixtures/bench/treaties/1415.treaty.en.txt");
        assert!(text.contains("\r\n\r\n"));
        let (_, ev) = gather(text, "en");
        assert_eq!(
            ev.parties.iter().map(|p| p.code).collect::<Vec<_>>(),
            [740, 200]
        );
    }
}
