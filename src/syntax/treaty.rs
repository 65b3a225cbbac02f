//! The treaty reader: splits a treaty text into preamble, articles and closing text, in any
//! language whose heading words the lexicons know (第十 一条, Статья 5, ARTICLE IV, Article premier).
//! A second run of articles numbered from 1 (a protocol or annex) becomes a further part.

use crate::model::lang::{INSTRUMENT_WORDS, Languages};
use crate::syntax::dates::{Date, prose_dates};
use crate::syntax::numerals::{is_chinese_numeral_char, parse_chinese, parse_roman};
use crate::syntax::plain::Plain;
use crate::syntax::sheet::PartName;
use crate::text::{Span, lines, trim_span};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Clone, Debug)]
pub struct Treaty {
    pub text: String,
    /// Language code, from the file name or guessed from the text.
    pub lang: Option<String>,
    pub preamble: Span,
    /// The articles of the treaty proper (the first part).
    pub articles: Vec<Article>,
    /// Later runs of articles: protocols, annexes.
    pub parts: Vec<Part>,
    /// Signature formula and what follows it; empty when none was found.
    pub closing: Span,
    /// The signing date the closing text gives, if any.
    pub signed: Option<(Span, Date)>,
    /// Whether, no article found, a line looks like a heading in words no lexicon knows
    /// ("Articolo 1"): read once, when the text is.
    unread_heading: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    pub number: u32,
    /// The heading as written ("## 第十九条", "ARTICLE IV").
    pub heading: Span,
    /// Heading start to the next heading, part title or closing text.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// The line that names the part ("Secret Additional Protocol."), if any.
    pub title: Option<Span>,
    pub articles: Vec<Article>,
}

impl Treaty {
    /// Whether the text was read in full: its articles found, or, without any heading, its
    /// whole body read as one place (unless a line looks like a heading in words no lexicon
    /// knows, "Articolo 1": then its articles were missed, and its language is a guess), in a
    /// language the lexicons know, so that the absence of a provision's words means something.
    pub fn is_read_in_full(&self, langs: &Languages) -> bool {
        let read =
            !self.articles.is_empty() || (self.undivided().is_some() && !self.unread_heading);
        read && self.lang.as_deref().and_then(|c| langs.get(c)).is_some()
    }

    pub fn article(&self, number: u32) -> Option<&Article> {
        self.articles.iter().find(|a| a.number == number)
    }
    /// The part a citation names: the one whose title has the word (and number) ("Annex I",
    /// "Secret Additional Protocol"), or the only part when no title says more.
    pub fn part(&self, name: &PartName) -> Option<&Part> {
        let titled = |p: &&Part| {
            p.title.as_ref().is_some_and(|t| {
                let title = self.text[t.clone()].to_lowercase();
                let words: Vec<&str> = title
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
                words.iter().enumerate().any(|(i, w)| {
                    w.starts_with(name.word.as_str())
                        && name.number.is_none_or(|n| {
                            words.get(i + 1).is_some_and(|next| {
                                next.parse().ok().or_else(|| parse_roman(next)) == Some(n)
                            })
                        })
                })
            })
        };
        let mut named = self.parts.iter().filter(titled);
        match (named.next(), named.next()) {
            (Some(p), None) => Some(p),
            (None, _) if self.parts.len() == 1 && name.number.is_none_or(|n| n == 1) => {
                self.parts.first()
            }
            _ => None,
        }
    }
    /// A cited article: of the main text, or of the part the citation names.
    pub fn cited(&self, part: Option<&PartName>, number: u32) -> Option<&Article> {
        match part {
            None => self.article(number),
            Some(name) => self
                .part(name)?
                .articles
                .iter()
                .find(|a| a.number == number),
        }
    }
    /// The article's text without its heading, trimmed.
    pub fn body(&self, a: &Article) -> &str {
        let span = trim_span(&self.text, a.heading.end..a.span.end);
        &self.text[span]
    }
    pub fn heading_text(&self, a: &Article) -> &str {
        self.text[a.heading.clone()]
            .trim_matches(|c: char| c == '#' || c == '*' || c.is_whitespace())
    }
    pub fn preamble_text(&self) -> &str {
        &self.text[self.preamble.clone()]
    }
    /// The body of a treaty the reader found no article headings in (a declaration in one
    /// paragraph, unnumbered articles quoted by a book): everything before the closing text,
    /// read as one place, [`ArticleRef::Text`](crate::syntax::sheet::ArticleRef::Text). None
    /// for a treaty with articles.
    pub fn undivided(&self) -> Option<Span> {
        (self.articles.is_empty() && self.parts.is_empty())
            .then(|| trim_span(&self.text, 0..self.closing.start))
            .filter(|s| !s.is_empty())
    }
}

/// A heading found on a line.
#[derive(Debug)]
struct Heading {
    number: u32,
    span: Span,
    /// Whether nothing but a short title follows it on the line.
    alone: bool,
    /// Whether a sentence runs on after the number ("Article 5 and the Parties …", "Article 5,
    /// an armed attack"): a line that wrapped before a citation, not a heading, unless it is
    /// the next article in the text's own heading style.
    runs_on: bool,
    style: Style,
}

/// How a heading is written: the real headings of one text share it; a sentence fragment that
/// conversion put at a line start usually does not ("ARTICLE 5" headings and a wrapped
/// "Article 51 …", "### Article 3" headings and a plain "Article 12 …").
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Style {
    /// Markdown marks and bullets before the keyword, without spaces ("###", "*", "").
    marks: String,
    /// The keyword as written, with its case and accents ("ARTICLE", "Artículo", "Art.").
    keyword: String,
}

impl Style {
    fn of(line: &str, lead: usize, keyword: &str) -> Style {
        Style {
            marks: line[..lead]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect(),
            keyword: keyword.to_string(),
        }
    }
}

/// Whether the text after a heading's number continues a sentence.
fn runs_on(tail: &str) -> bool {
    tail.trim_start()
        .starts_with(|c: char| c.is_lowercase() || c == ',')
}

fn strip_marks(line: &str) -> usize {
    line.len()
        - line
            .trim_start_matches(|c: char| {
                c.is_whitespace()
                    || matches!(c, '#' | '*' | '>' | '-' | '_' | '`' | '\u{feff}' | '•')
            })
            .len()
}

/// Reads a number after a heading word: digits, a Roman numeral, number words ("One",
/// "premier", "1er"), a Chinese numeral. Returns the value and the bytes it used.
fn heading_number(s: &str, langs: &Languages) -> Option<(u32, usize)> {
    let t = s.trim_start();
    let skip = s.len() - t.len();
    let token_end = t
        .find(|c: char| !(c.is_alphanumeric() || c == '-'))
        .unwrap_or(t.len());
    let token = &t[..token_end];
    if token.is_empty() {
        return None;
    }
    if let Ok(n) = token.parse::<u32>() {
        return Some((n, skip + token_end));
    }
    if token.chars().all(|c| c.is_ascii_uppercase()) || token.len() <= 4 {
        if let Some(n) = parse_roman(token) {
            return Some((n, skip + token_end));
        }
    }
    if let Some(v) = langs.numbers.word(token) {
        return u32::try_from(v).ok().map(|v| (v, skip + token_end));
    }
    // Digits glued to an ordinal suffix: "1er", "1st".
    let digits: String = token.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() && token.len() - digits.len() <= 3 {
        return digits.parse().ok().map(|n| (n, skip + token_end));
    }
    None
}

/// Whether the words after "Article N" make it an article of another instrument ("of the
/// Charter", "de la Carta", "des Nordatlantikvertrags", "Устава").
fn followed_by_foreign(rest: &str, langs: &Languages) -> bool {
    followed_by_foreign_from(rest, FOREIGN_WINDOW, langs)
}

/// The bytes of `rest` [`followed_by_foreign`] reads first. Only its first words count, but
/// where a conversion put a text on one line `rest` is the rest of the treaty, at every heading.
const FOREIGN_WINDOW: usize = 256;

/// [`followed_by_foreign`], reading `rest` in windows of `window` bytes, then 4 times as many,
/// until one holds as many words as the check reads.
fn followed_by_foreign_from(rest: &str, mut window: usize, langs: &Languages) -> bool {
    loop {
        if window >= rest.len() {
            return starts_foreign(Plain::new(rest).as_str(), langs);
        }
        if let Some(known) = window_decides_foreign(&rest[..window_end(rest, window)], langs) {
            return known;
        }
        window = window.saturating_mul(4);
    }
}

/// Where a window of about `window` bytes of `rest` ends: before the last run of white space
/// in them, so that the plain view of the window is the plain view of `rest` but for its last
/// word (a hyphen, a break or a space there reads otherwise with what follows).
fn window_end(rest: &str, window: usize) -> usize {
    rest[..crate::text::floor_char_boundary(rest, window)]
        .trim_end_matches(|c: char| !c.is_whitespace())
        .trim_end()
        .len()
}

/// [`starts_foreign`] of a text that goes on after `window`, if the window's words settle it.
fn window_decides_foreign(window: &str, langs: &Languages) -> Option<bool> {
    let plain = Plain::new(window);
    let text = plain.as_str();
    // Up to the window's last white space, every word is whole.
    let whole = &text[..text.rfind(char::is_whitespace)?];
    let lower = foreign_reading(whole);
    let longest = langs.foreign_followers.iter().map(String::len).max();
    let enough = lower.len() >= longest.unwrap_or(0)
        && lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .nth(INSTRUMENT_WORDS - 1)
            .is_some();
    enough.then(|| foreign_words(&lower, langs))
}

/// Whether a plain text starts with the words of another instrument.
fn starts_foreign(plain: &str, langs: &Languages) -> bool {
    foreign_words(&foreign_reading(plain), langs)
}

/// A plain text as the follower lists read it: lower case, without leading spaces and commas.
fn foreign_reading(plain: &str) -> String {
    plain.trim_start_matches([' ', ',']).to_lowercase()
}

fn foreign_words(lower: &str, langs: &Languages) -> bool {
    langs
        .foreign_followers
        .iter()
        .any(|f| lower.starts_with(f.as_str()))
        || langs.instruments.names_other(lower)
}

/// `body` lower-cased, unless its first letter shows it cannot start with any of `words`.
/// Lower-casing every line in full is costly, and only the start of a line can be a heading.
fn lower_if_may_be_heading(body: &str, words: &[String]) -> Option<String> {
    let may = match body.chars().next() {
        // 'Σ' is the one letter whose lower case depends on what follows it.
        None | Some('Σ') => true,
        Some(c) => {
            words.iter().any(String::is_empty)
                || c.to_lowercase()
                    .next()
                    .is_some_and(|f| words.iter().any(|w| w.starts_with(f)))
        }
    };
    may.then(|| body.to_lowercase())
}

/// An affixed heading number at the start of `s` ("第 十 一 条"): its value and length.
fn affixed_number(s: &str, pre: &str, post: &str) -> Option<(u32, usize)> {
    let after = s.strip_prefix(pre)?;
    let num_len = after
        .find(|c: char| !(is_chinese_numeral_char(c) || c.is_ascii_digit() || c.is_whitespace()))
        .unwrap_or(after.len());
    if num_len == 0 || !after[num_len..].starts_with(post) {
        return None;
    }
    let n = u32::try_from(parse_chinese(&after[..num_len])?).ok()?;
    Some((n, pre.len() + num_len + post.len()))
}

/// Whether the words after an affixed heading make it another instrument's ("第五条规定").
fn followed_by_foreign_affixed(tail: &str, langs: &Languages) -> bool {
    langs
        .foreign_followers
        .iter()
        .any(|f| tail.trim_start().starts_with(f.as_str()))
}

/// Whether `before` (a line up to a heading word) ends a sentence, or with markdown marks: a
/// heading that a conversion ran into the text stands there ("… in force. Article 5 The
/// Parties", "。 ### 第五条").
fn ends_sentence(before: &str) -> bool {
    let b = before.trim_end();
    let unmarked = b.trim_end_matches(['#', '*', '_']);
    unmarked.len() < b.len()
        || unmarked
            .trim_end()
            .ends_with(['.', ':', ';', '!', '?', ')', '。', '；', '：', '！', '？'])
}

/// A heading at the start of `line` (after markdown marks and bullets).
fn line_heading(text: &str, line: Span, langs: &Languages) -> Option<Heading> {
    let l = &text[line.clone()];
    let lead = strip_marks(l);
    let body = &l[lead..];
    let lower = lower_if_may_be_heading(body, &langs.article_words).unwrap_or_default();
    // Affixed numbers: 第 十 一 条.
    for (pre, post) in &langs.article_affixes {
        if let Some((n, len)) = affixed_number(body, pre, post) {
            let end = lead + len;
            let tail = &l[end..];
            if followed_by_foreign_affixed(tail, langs) {
                return None;
            }
            return Some(Heading {
                number: n,
                span: line.start..line.start + end,
                alone: tail.trim().chars().count() <= 30,
                // "第十八条不影响…": no space or mark between the number and the sentence.
                runs_on: tail.starts_with(char::is_alphanumeric),
                style: Style::of(l, lead, pre),
            });
        }
    }
    for w in &langs.article_words {
        // Lower-casing can change lengths (rare letters); only trust equal-length prefixes.
        if !lower.starts_with(w.as_str()) || !body.is_char_boundary(w.len()) {
            continue;
        }
        let after = &body[w.len()..];
        if w.ends_with(char::is_alphanumeric) && after.starts_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        let Some((n, used)) = heading_number(after, langs) else {
            continue;
        };
        let rest = &after[used..];
        if followed_by_foreign(rest, langs) {
            return None;
        }
        let tail = rest.trim_start_matches(|c: char| c == '.' || c == ':' || c.is_whitespace());
        let end = line.start + lead + w.len() + used;
        let end = end + (rest.len() - rest.trim_start_matches(['.', ':']).len());
        return Some(Heading {
            number: n,
            span: line.start..end,
            alone: tail.trim().chars().count() <= 60 && !tail.trim_end().ends_with(['.', ';']),
            runs_on: runs_on(rest.trim_start_matches(['.', ':'])),
            style: Style::of(l, lead, &body[..w.len()]),
        });
    }
    None
}

/// Upper-case headings inside running text ("... friendship. ARTICLE II The Government ...").
/// With `run_in`, also headings as a sentence starts them (for a text that has lost its lines).
fn inline_headings(
    text: &str,
    line: Span,
    langs: &Languages,
    mut expected: u32,
    run_in: bool,
) -> Vec<Heading> {
    let l = &text[line.clone()];
    let capitals = &langs.capital_article_words;
    let mut out = Vec::new();
    let heading = |start: usize, end: usize| Heading {
        number: 0,
        span: line.start + start..line.start + end,
        alone: false,
        runs_on: false,
        style: Style::default(),
    };
    if capitals.any.as_ref().is_none_or(|ac| ac.is_match(l)) {
        for upper in &capitals.words {
            let mut from = 0;
            while let Some(pos) = l[from..].find(upper.as_str()) {
                let at = from + pos;
                from = at + upper.len();
                let before_ok = at == 0 || !l[..at].ends_with(char::is_alphanumeric);
                // A line that wrapped between the word and its number: "… ARTICLE\nIV Further".
                let after = if l[from..].trim().is_empty() {
                    let next_line = lines(&text[line.end..]).nth(1).map_or(0, |l| l.end);
                    &text[line.start + from..line.end + next_line]
                } else {
                    &l[from..]
                };
                if !before_ok || !after.starts_with(char::is_whitespace) {
                    continue;
                }
                let Some((n, used)) = heading_number(after, langs) else {
                    continue;
                };
                if n != expected || followed_by_foreign(&after[used..], langs) {
                    continue;
                }
                expected += 1;
                out.push(Heading {
                    number: n,
                    ..heading(at, from + used)
                });
            }
        }
    }
    // Headings as a sentence starts them, run into the line after the end of a sentence with the
    // number that comes next (or 1, a protocol's), before no running sentence: where a
    // conversion (OCR) put a text on one line. In a text whose lines start headings, such a
    // place is a quotation ("replaced by: Article 10 The Parties").
    for m in capitals
        .run_in
        .iter()
        .filter(|_| run_in)
        .flat_map(|ac| ac.find_iter(l))
    {
        let (at, after) = (m.start(), &l[m.end()..]);
        if at == 0 || !ends_sentence(&l[..at]) || !after.starts_with(char::is_whitespace) {
            continue;
        }
        let Some((n, used)) = heading_number(after, langs) else {
            continue;
        };
        let rest = &after[used..];
        if (n != expected && n != 1)
            || runs_on(rest.trim_start_matches(['.', ':']))
            || followed_by_foreign(rest, langs)
        {
            continue;
        }
        expected = n + 1;
        out.push(Heading {
            number: n,
            ..heading(at, m.end() + used)
        });
    }
    for (pre, post) in langs.article_affixes.iter().filter(|_| run_in) {
        for (at, _) in l.match_indices(pre.as_str()) {
            if at == 0 || !ends_sentence(&l[..at]) {
                continue;
            }
            let Some((n, len)) = affixed_number(&l[at..], pre, post) else {
                continue;
            };
            if n != expected || followed_by_foreign_affixed(&l[at + len..], langs) {
                continue;
            }
            expected += 1;
            out.push(Heading {
                number: n,
                ..heading(at, at + len)
            });
        }
    }
    out.sort_by_key(|h| h.span.start);
    out
}

/// A clause number at a line start: "1. The two Governments", "1\\. The" (markdown's escape),
/// "38.In order".
static CLAUSE_AT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<n>\d{1,3})\\?[.)]\s*(?:[\p{Lu}(]|$)").expect("valid regex")
});
/// A clause number after a section title in capitals on the same line: "SECURITY AND DEFENCE
/// 13. The two Governments".
static CLAUSE_AFTER_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Lu}{2,}\s+(?P<n>\d{1,3})\\?\.\s*(?:\p{Lu}|$)").expect("valid regex")
});

/// Treaties without an article keyword number their clauses ("1. The two Governments agree
/// …"): when the keyword finds no heading at all, numbered paragraphs that count up from 1 in
/// order are the articles. A number out of sequence (a list inside a clause, a date) is not.
fn numbered_clauses(text: &str) -> Vec<Heading> {
    let mut out: Vec<Heading> = Vec::new();
    for line in lines(text) {
        let l = &text[line.clone()];
        let at_start = CLAUSE_AT_START.captures(l).into_iter();
        let after_title = CLAUSE_AFTER_TITLE.captures_iter(l);
        for c in at_start.chain(after_title) {
            let n = c.name("n").expect("group");
            let expected = out.last().map_or(1, |h| h.number + 1);
            if n.as_str().parse::<u32>().ok() != Some(expected) {
                continue;
            }
            let end = l[n.end()..]
                .find(['.', ')'])
                .map_or(n.end(), |i| n.end() + i + 1);
            out.push(Heading {
                number: expected,
                span: line.start + n.start()..line.start + end,
                alone: false,
                runs_on: false,
                style: Style::default(),
            });
        }
    }
    out
}

/// The style most headings of a text share, if two or more do. Lines where a sentence runs on
/// do not vote.
fn dominant_style<'h>(headings: impl Iterator<Item = &'h Heading>) -> Option<Style> {
    let mut counts: std::collections::BTreeMap<&Style, usize> = Default::default();
    for h in headings.filter(|h| !h.runs_on) {
        *counts.entry(&h.style).or_default() += 1;
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .max_by_key(|(_, n)| *n)
        .map(|(s, _)| s.clone())
}

/// Whether a heading numbered `number` after article `last` (a jump in the numbering) is
/// where the text goes on: the next heading that continues either count is `number + 1`,
/// not `last + 1`. A wrapped "Article 51" line between Articles 4 and 5 is not.
fn jump_continues(later: &[(Span, Option<Heading>)], last: u32, number: u32) -> bool {
    later
        .iter()
        .filter_map(|(_, h)| h.as_ref())
        .filter(|h| !h.runs_on)
        .find(|h| h.number == last + 1 || h.number == number + 1)
        .is_none_or(|h| h.number == number + 1)
}

/// Reads a treaty. `lang` is the language tag of the file name, if it had one.
pub fn parse(text: String, lang: Option<&str>, langs: &Languages) -> Treaty {
    let language = lang
        .and_then(|c| langs.get(c))
        .or_else(|| langs.detect(&text))
        .map(|l| l.code().to_string())
        .or_else(|| lang.map(str::to_string));
    // (heading, title line before it)
    let mut parts: Vec<(Option<Span>, Vec<Heading>)> = vec![(None, Vec::new())];
    let mut last_nonempty: Option<Span> = None;
    let mut candidates: Vec<(Span, Option<Heading>)> = lines(&text)
        .map(|line| {
            let h = line_heading(&text, line.clone(), langs);
            (line, h)
        })
        .collect();
    let style = dominant_style(candidates.iter().filter_map(|(_, h)| h.as_ref()));
    let lost_lines = candidates.iter().all(|(_, h)| h.is_none());
    for i in 0..candidates.len() {
        let line = candidates[i].0.clone();
        let trimmed = trim_span(&text, line.clone());
        let current = &mut parts.last_mut().expect("one part").1;
        let last = current.last().map_or(0, |h| h.number);
        let mut found = Vec::new();
        if let Some(h) = candidates[i].1.take() {
            let off_style = style.as_ref().is_some_and(|s| *s != h.style);
            let next = h.number == last + 1 || (h.number == 1 && last > 0);
            let fits = if h.runs_on || !h.alone {
                h.number == last + 1 && !(h.runs_on && off_style)
            } else if off_style {
                next
            } else {
                next || (h.number > last && jump_continues(&candidates[i + 1..], last, h.number))
            };
            if fits {
                found.push(h);
            }
        }
        let inline_from = found.first().map_or(last + 1, |h| h.number + 1);
        let search = found.first().map_or(line.clone(), |h| h.span.end..line.end);
        found.extend(inline_headings(
            &text,
            search,
            langs,
            inline_from,
            lost_lines,
        ));
        for h in found {
            let current_last = parts
                .last()
                .expect("one part")
                .1
                .last()
                .map_or(0, |h| h.number);
            if h.number == 1 && current_last > 0 {
                let title = last_nonempty.clone().filter(|t| {
                    t.start
                        >= parts
                            .last()
                            .expect("one part")
                            .1
                            .last()
                            .map_or(0, |h| h.span.end)
                });
                parts.push((title, Vec::new()));
            }
            parts.last_mut().expect("one part").1.push(h);
        }
        if !trimmed.is_empty() {
            last_nonempty = Some(trimmed);
        }
    }
    if parts.len() == 1 && parts[0].1.is_empty() {
        parts[0].1 = numbered_clauses(&text);
    }
    let first_heading = parts[0].1.first().map(|h| h.span.start);
    let body_end = text.len();
    // The closing text: a signature formula after the last heading.
    let last_heading_end = parts
        .iter()
        .flat_map(|(_, hs)| hs.last())
        .map(|h| h.span.end)
        .max()
        .unwrap_or(0);
    let closing_start = find_closing(&text, last_heading_end, language.as_deref(), langs)
        .or_else(|| dated_line(&text, last_heading_end, langs));
    let closing = closing_start.map_or(body_end..body_end, |s| s..body_end);
    let mut built: Vec<Part> = Vec::new();
    let n_parts = parts.len();
    for (pi, (title, headings)) in parts.iter().enumerate() {
        let next_part_start = parts.get(pi + 1).map(|(t, hs)| {
            t.as_ref().map_or_else(
                || hs.first().map_or(body_end, |h| h.span.start),
                |t| t.start,
            )
        });
        let mut articles = Vec::new();
        for (i, h) in headings.iter().enumerate() {
            let mut end = headings
                .get(i + 1)
                .map(|n| n.span.start)
                .or(next_part_start)
                .unwrap_or(body_end);
            if let Some(c) = closing_start
                && c > h.span.start
                && c < end
            {
                end = c;
            }
            if pi + 1 == n_parts || i + 1 < headings.len() || next_part_start.is_some() {
                end = trim_span(&text, h.span.start..end).end.max(h.span.end);
            }
            articles.push(Article {
                number: h.number,
                heading: h.span.clone(),
                span: h.span.start..end,
            });
        }
        built.push(Part {
            title: title.clone(),
            articles,
        });
    }
    let mut built = built.into_iter();
    let articles = built.next().map(|p| p.articles).unwrap_or_default();
    let preamble = trim_span(&text, 0..first_heading.unwrap_or(0));
    let dates_in = |span: Span| {
        // "the ﬁrst day of Sep-\ntember": read without debris.
        let written = &text[span.clone()];
        let plain = Plain::new(written);
        prose_dates(plain.as_str(), langs)
            .into_iter()
            .map(|(s, d)| {
                let s = plain.original_span(written, &s);
                (span.start + s.start..span.start + s.end, d)
            })
            .next()
    };
    let signed = if closing.is_empty() {
        None
    } else {
        dates_in(closing.clone())
    }
    .or_else(|| dates_in(title_lines(&text, first_heading)));
    let unread_heading =
        articles.is_empty() && lines(&text).any(|l| looks_like_a_heading(&text[l]));
    Treaty {
        lang: language,
        preamble,
        articles,
        parts: built.collect(),
        closing,
        signed,
        unread_heading,
        text,
    }
}

/// A short line of a word and a number, as an article heading is ("Articolo 1", "ARTIKKEL
/// IV.", "Art. 2"), whatever the word.
fn looks_like_a_heading(line: &str) -> bool {
    let mut words = line
        .trim_matches(|c: char| c.is_whitespace() || c == '#' || c == '*')
        .split_whitespace();
    let (Some(word), Some(number), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    let word = word.trim_end_matches('.');
    let number = number.trim_end_matches(['.', ')', ':']);
    word.chars().count() >= 3
        && word.chars().all(char::is_alphabetic)
        && !number.is_empty()
        && (number.chars().all(|c| c.is_ascii_digit())
            || number.chars().all(|c| "IVXLC".contains(c)))
}

/// The title block: the short lines a treaty opens with, up to its first paragraph of prose or
/// its first heading. Its date ("CANBERRA, 21 January 1944", "Treaty of … of 8 August 1949") is
/// the signing date when the closing text gives none; a date in the preamble may be another
/// instrument's.
fn title_lines(text: &str, first_heading: Option<usize>) -> Span {
    // A title block is short: a text without headings or prose paragraphs is no title.
    let limit = first_heading
        .unwrap_or(text.len())
        .min(crate::text::floor_char_boundary(text, 1500));
    let end = lines(text)
        .take_while(|l| l.start < limit)
        .find(|l| text[l.clone()].trim().chars().count() > 200)
        .map_or(limit, |l| l.start);
    0..end.min(limit)
}

/// Without a closing formula, a short line after the last heading that is only a place and a
/// date ("Moscow, August 23, 1939.") opens the closing text.
fn dated_line(text: &str, from: usize, langs: &Languages) -> Option<usize> {
    lines(text)
        .filter(|l| l.start >= from)
        .map(|l| trim_span(text, l))
        .filter(|l| {
            let s = text[l.clone()].trim_matches(|c: char| c == '`' || c == '*' || c == '_');
            !s.is_empty() && s.chars().count() <= 60
        })
        .find(|l| !prose_dates(&text[l.clone()], langs).is_empty())
        .map(|l| l.start)
}

/// Where the closing formula starts: the first line (or sentence) after `from` that a closing
/// pattern of the treaty's language (or, if unknown, of any language) matches.
fn find_closing(text: &str, from: usize, lang: Option<&str>, langs: &Languages) -> Option<usize> {
    let patterns: Vec<&regex::Regex> = langs
        .langs
        .iter()
        .filter(|l| lang.is_none_or(|c| l.code() == c))
        .filter_map(|l| l.closing.get())
        .collect();
    let mut starts: Vec<usize> = Vec::new();
    for line in lines(text) {
        if line.end <= from {
            continue;
        }
        let l = &text[line.clone()];
        let lead = strip_marks(l);
        let s = line.start + lead;
        if s >= from {
            starts.push(s);
        }
        // Sentence starts inside the line (one-line treaties, "...this Treaty.Done at", "。本条约于").
        for (i, stop) in l.match_indices(['.', '。']) {
            let k = line.start + i + stop.len();
            if k > from && k < line.end {
                starts.push(k);
            }
        }
    }
    // A sentence starts at its first letter, after any white space ("done.\u{a0}In witness").
    let mut starts: Vec<usize> = starts
        .into_iter()
        .map(|s| text.len() - text[s..].trim_start().len())
        .collect();
    starts.sort_unstable();
    starts.dedup();
    starts.into_iter().find(|&s| {
        let window = &text[s..crate::text::floor_char_boundary(text, (s + 200).min(text.len()))];
        // "In\twitness\u{a0}whereof", "IN WITNESS\nWHEREOF": read without debris.
        let plain = Plain::new(window);
        patterns.iter().any(|p| p.is_match(plain.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_treaty() {
        let text = include_str!("../../examples/5030/5030.treaty.zh.txt").to_string();
        let t = parse(text, Some("zh"), Languages::builtin());
        assert_eq!(t.lang.as_deref(), Some("zh"));
        let numbers: Vec<u32> = t.articles.iter().map(|a| a.number).collect();
        assert_eq!(numbers, (1..=19).collect::<Vec<_>>());
        assert!(
            t.body(t.article(11).unwrap())
                .starts_with("缔约双方认为，扩大双方在文化")
        );
        assert!(t.body(t.article(19).unwrap()).contains("以书面形式通知"));
        assert!(t.preamble_text().contains("联合国宪章"));
        assert_eq!(
            t.signed.as_ref().map(|(_, d)| d.to_string()).as_deref(),
            Some("2002-12-23")
        );
        assert!(t.text[t.closing.clone()].starts_with("本条约于二〇〇二年"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 2048,
            ..proptest::prelude::ProptestConfig::default()
        })]
        /// Reading the words after a heading in growing windows decides as reading them all.
        #[test]
        fn windows_decide_as_the_whole_rest_does(
            words in proptest::collection::vec((
                proptest::sample::select(vec![
                    "of", "the", "Charter", "Treaty", "treaty", "this", "present", "des",
                    "Vertrags", "von", "Nordatlantikvertrags", "de", "la", "Carta", "Устава", "ΣΟΣ",
                    "条约", "x", "x", "x", "x", "x", "ﬁ", "Article 5", ",", ")", "Char-\nter",
                    "Char-", "ter", "Trea\u{ad}\nty",
                    "a line long enough to be read as wrapped by a conversion",
                ]),
                proptest::sample::select(vec![
                    " ", " ", " ", " ", "  ", "\t", "\n", "\n\n", "\u{a0}", "\u{ad}", ", ", "",
                ]),
            ), 0..40),
            start in proptest::sample::select(vec!["", "of ", "of the ", ", of ", "des ", "de la "]),
            window in 1usize..80,
        ) {
            let words = words.iter().flat_map(|(w, sep)| [*w, *sep]);
            let rest: String = std::iter::once(start).chain(words).collect();
            let langs = Languages::builtin();
            proptest::prop_assert_eq!(
                followed_by_foreign_from(&rest, window, langs),
                starts_foreign(Plain::new(&rest).as_str(), langs)
            );
        }
    }
}

/// A treaty read with the built-in lexicons (for tests here and elsewhere).
#[cfg(test)]
pub(crate) fn read_builtin(text: &str, lang: &str) -> Treaty {
    parse(text.to_string(), Some(lang), Languages::builtin())
}

/// The numbers of `articles`, in order (for tests).
#[cfg(test)]
pub(crate) fn numbers(articles: &[Article]) -> Vec<u32> {
    articles.iter().map(|a| a.number).collect()
}

#[cfg(test)]
mod corpus {
    //! Every treaty of tests/fixtures/treaties segments as its SOURCES.md describes.
    use super::read_builtin as read;
    use super::*;

    /// The signing date the reader found, as `YYYY-MM-DD`.
    fn signed(t: &Treaty) -> Option<String> {
        t.signed.as_ref().map(|(_, d)| d.to_string())
    }

    fn starts(t: &Treaty, n: u32, prefix: &str) {
        let a = t.article(n).unwrap_or_else(|| panic!("no article {n}"));
        let body = t.body(a);
        assert!(
            body.starts_with(prefix),
            "article {n} starts {:?}",
            &body[..floor(body, 80)]
        );
    }

    fn floor(s: &str, n: usize) -> usize {
        crate::text::floor_char_boundary(s, n)
    }

    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!("../../tests/fixtures/treaties/", $name))
        };
    }

    #[test]
    fn nato_en() {
        let t = read(fixture!("nato-1949.en.txt"), "en");
        assert_eq!(numbers(&t.articles), (1..=14).collect::<Vec<_>>());
        starts(&t, 1, "The Parties undertake, as set forth in the Charter");
        starts(&t, 5, "The Parties agree that an armed attack");
        starts(
            &t,
            13,
            "After the Treaty has been in force for twenty years",
        );
        assert!(t.text[t.closing.clone()].starts_with("In witness whereof"));
        assert_eq!(signed(&t).as_deref(), Some("1949-04-04"));
        assert!(
            t.preamble_text()
                .contains("They therefore agree to this North Atlantic Treaty")
        );
    }

    #[test]
    fn nato_nl() {
        let t = read(fixture!("nato-1949.nl.txt"), "nl");
        assert_eq!(numbers(&t.articles), (1..=14).collect::<Vec<_>>());
        starts(&t, 9, "De Partijen richten hierbij een Raad op");
        assert_eq!(signed(&t).as_deref(), Some("1949-04-04"));
    }

    #[test]
    fn nato_protocol_roman_numerals() {
        let en = read(fixture!("nato-protocol-greece-turkey-1951.en.txt"), "en");
        assert_eq!(numbers(&en.articles), [1, 2, 3]);
        starts(&en, 1, "Upon the entry into force of this Protocol");
        starts(&en, 2, "Wijzigt het Noord-Atlantisch Verdrag");
        let nl = read(fixture!("nato-protocol-greece-turkey-1951.nl.txt"), "nl");
        assert_eq!(numbers(&nl.articles), [1, 2, 3, 4]);
        // "de zeventiende dag van October 1951": an ordinal day word.
        assert_eq!(signed(&nl).as_deref(), Some("1951-10-17"));
    }

    #[test]
    fn anzus_bulleted_upper_case() {
        let t = read(fixture!("anzus-1951.en.txt"), "en");
        assert_eq!(numbers(&t.articles), (1..=11).collect::<Vec<_>>());
        starts(&t, 1, "The Parties undertake, as set forth in the Charter");
        starts(&t, 10, "This Treaty shall remain in force indefinitely");
        assert!(t.text[t.closing.clone()].starts_with("IN WITNESS WHEREOF"));
        assert_eq!(signed(&t).as_deref(), Some("1951-09-01"));
        // Article 11 ends before the closing formula and the Word debris.
        assert!(!t.body(t.article(11).unwrap()).contains("WITNESS"));
    }

    #[test]
    fn molotov_secret_protocol_is_a_second_part() {
        let t = read(fixture!("molotov-ribbentrop-1939.en.txt"), "en");
        assert_eq!(numbers(&t.articles), (1..=7).collect::<Vec<_>>());
        starts(
            &t,
            6,
            "The present Treaty is concluded for a period of ten years",
        );
        assert_eq!(t.parts.len(), 1);
        assert_eq!(numbers(&t.parts[0].articles), [1, 2, 3, 4]);
        let title = t.parts[0].title.clone().unwrap();
        assert_eq!(&t.text[title], "### Secret Additional Protocol.");
        assert!(
            !t.body(t.article(7).unwrap())
                .contains("Secret Additional Protocol")
        );
    }

    #[test]
    fn india_bhutan_headings_in_running_text() {
        let t = read(fixture!("india-bhutan-1949.en.txt"), "en");
        assert_eq!(numbers(&t.articles), (1..=10).collect::<Vec<_>>());
        starts(
            &t,
            3,
            "In place of the compensation granted to the Government of Bhutan under Article 4 of the Treaty of Sinchula",
        );
        starts(&t, 10, "This treaty shall continue in force in perpetuity");
        assert!(t.text[t.closing.clone()].starts_with("DONE in duplicate at Darjeeling"));
        assert_eq!(signed(&t).as_deref(), Some("1949-08-08"));
    }

    #[test]
    fn french_treaties() {
        let p = read(fixture!("nl-persia-friendship-1930.fr.txt"), "fr");
        assert_eq!(numbers(&p.articles), [1, 2, 3, 4]);
        starts(
            &p,
            3,
            "Les Hautes Parties Contractantes conviennent de soumettre à l'arbitrage",
        );
        assert_eq!(signed(&p).as_deref(), Some("1930-03-12"));
        let a = read(fixture!("nl-afghanistan-friendship-1939.fr.txt"), "fr");
        assert_eq!(numbers(&a.articles), [1, 2, 3, 4]);
        starts(&a, 1, "Il y aura paix inviolable");
        assert_eq!(signed(&a).as_deref(), Some("1939-07-26"));
    }

    #[test]
    fn spanish_heading_then_title() {
        let t = read(fixture!("latam-parliament-1987.es.txt"), "es");
        assert_eq!(numbers(&t.articles), (1..=9).collect::<Vec<_>>());
        starts(&t, 1, "####Institucionalización");
        starts(&t, 9, "####Cláusulas Finales");
        assert!(t.text[t.closing.clone()].starts_with("EN FE DE LO CUAL"));
        assert_eq!(signed(&t).as_deref(), Some("1987-11-16"));
    }

    #[test]
    fn line_checks_let_every_heading_word_through() {
        let langs = Languages::builtin();
        let capitals = &langs.capital_article_words;
        let texts = [
            fixture!("anzus-1951.en.txt"),
            fixture!("india-bhutan-1949.en.txt"),
            fixture!("latam-parliament-1987.es.txt"),
            fixture!("nato-1949.nl.txt"),
            fixture!("nl-persia-friendship-1930.fr.txt"),
            "ΣTATUS\nΣ\nСТАТЬЯ 1\nСтатья 2\nArtículo 3\nARTÍCULO 4\n",
        ];
        let (mut starts, mut capital_lines) = (0, 0);
        for text in texts {
            for line in lines(text) {
                let body = &text[line.clone()][strip_marks(&text[line])..];
                if langs
                    .article_words
                    .iter()
                    .any(|w| body.to_lowercase().starts_with(w.as_str()))
                {
                    assert!(lower_if_may_be_heading(body, &langs.article_words).is_some());
                    starts += 1;
                }
                if capitals.words.iter().any(|w| body.contains(w.as_str())) {
                    assert!(capitals.any.as_ref().is_some_and(|ac| ac.is_match(body)));
                    capital_lines += 1;
                }
            }
        }
        assert_eq!((starts, capital_lines), (43, 14));
    }

    /// `text` with every line that is not a heading (it has no markdown mark or bullet) wrapped
    /// at `width` characters, as a PDF conversion wraps it.
    fn wrapped(text: &str, width: usize) -> String {
        let mut out = String::new();
        for line in text.lines() {
            if strip_marks(line) > 0 || line.chars().count() <= width {
                out.push_str(line);
                out.push('\n');
                continue;
            }
            crate::text::wrap_paragraph(line, width, &mut out);
            out.push('\n');
        }
        out
    }

    /// However the prose of a real treaty wraps, the lines that begin with "Article 51 of the
    /// Charter", "Article 5, an armed attack" or "Artikel 10 ondertekend" are not headings.
    #[test]
    fn wrapped_prose_is_never_a_heading() {
        let texts = [
            (fixture!("nato-1949.en.txt"), "en"),
            (fixture!("nato-1949.nl.txt"), "nl"),
            (fixture!("anzus-1951.en.txt"), "en"),
            (fixture!("molotov-ribbentrop-1939.en.txt"), "en"),
            (fixture!("nato-protocol-greece-turkey-1951.en.txt"), "en"),
            (fixture!("nl-persia-friendship-1930.fr.txt"), "fr"),
            (fixture!("latam-parliament-1987.es.txt"), "es"),
        ];
        let mut fragments = 0;
        for (text, lang) in texts {
            let whole = read(text, lang);
            for width in 10..=100 {
                let w = wrapped(text, width);
                fragments += w
                    .lines()
                    .filter(|l| l.starts_with(['A', 'a']) && l.to_lowercase().starts_with("arti"))
                    .count();
                let t = read(&w, lang);
                assert_eq!(
                    numbers(&t.articles),
                    numbers(&whole.articles),
                    "{lang} at width {width}"
                );
                let parts = |t: &Treaty| {
                    t.parts
                        .iter()
                        .map(|p| numbers(&p.articles))
                        .collect::<Vec<_>>()
                };
                assert_eq!(parts(&t), parts(&whole), "{lang} at width {width}");
            }
        }
        // Wrapping did put citations at line starts.
        assert!(fragments > 100, "{fragments}");
    }

    /// A line that begins with a citation of another instrument, in any language, is no
    /// heading; one of the treaty's own articles may be. Passages from real treaties (sources
    /// in tests/fixtures/treaties/SOURCES.md, "Passages quoted in tests").
    #[test]
    fn other_instruments_in_every_language() {
        let langs = Languages::builtin();
        let heading = |line: &str| line_heading(line, 0..line.len(), langs).map(|h| h.number);
        let other = [
            // North Atlantic Treaty, Art. 5, in English, Dutch, French and German.
            "Article 51 of the Charter of the United Nations, will assist the Party",
            "Artikel 51 van het Handvest van de Verenigde Naties, door terstond",
            "article 51 de la Charte des Nations Unies, assistera la partie",
            "Artikel 51 der Satzung der Vereinten Nationen anerkannten Rechts",
            // India-Bhutan 1949, Art. III.
            "Article 4 of the Treaty of Sinchula and enhanced by the treaty of the",
            // Pact of Bogotá 1948, Art. XXXI and the preamble.
            "artículo 36 del Estatuto de la Corte Internacional de Justicia, las Altas Partes",
            "artículo XXIII de la Carta de la Organización de los Estados Americanos, celebrar",
            // Not a quotation: the instrument's noun at the end of a German compound.
            "Artikel 5 des Nordatlantikvertrages",
        ];
        for line in other {
            assert_eq!(heading(line), None, "{line}");
        }
        let own = [
            ("Artículos 1 a 4 del presente Tratado", None),
            ("Article II of the present Protocol", Some(2)),
            (
                "article 3 du présent Traité à l'expiration d'un délai de dix ans",
                Some(3),
            ),
            ("Artikel 3 en Artikel 5 zal aanbevelen", Some(3)),
        ];
        for (line, want) in own {
            assert_eq!(heading(line), want, "{line}");
        }
    }

    /// Clauses numbered without a keyword, some after a section title on the same line.
    #[test]
    fn numbered_clauses_without_a_keyword() {
        // ATOP 2565 (benchmark, tune split).
        let t = read(
            include_str!("../../tests/fixtures/bench/treaties/2565.treaty.en.txt"),
            "en",
        );
        assert_eq!(numbers(&t.articles), (1..=44).collect::<Vec<_>>());
        starts(&t, 1, "The two Governments agree that, as a preliminary");
        starts(
            &t,
            13,
            "The two Governments agree that, within the framework",
        );
        starts(&t, 38, "In order to ensure continuous collaboration");
        // Headings with a keyword leave numbered paragraphs inside articles alone.
        let nato = read(fixture!("nato-1949.en.txt"), "en");
        assert_eq!(numbers(&nato.articles), (1..=14).collect::<Vec<_>>());
    }

    /// The UN Charter's Spanish closing formula ("HECHA", feminine: la Carta), in its own
    /// spelling and in capitals without accents ("VEINTISEIS").
    #[test]
    fn closing_date_in_words_with_and_without_accents() {
        let text = "Artículo 1\nLos Propósitos de las Naciones Unidas son: 1. Mantener la paz y la seguridad internacionales.\n\nHECHA en la ciudad de San Francisco, a los veintiséis días del mes de junio de mil novecientos cuarenta y cinco.\n";
        let capitals: String = text
            .chars()
            .map(|c| crate::model::lang::unaccented(c).unwrap_or(c))
            .flat_map(char::to_uppercase)
            .collect();
        for t in [text, capitals.as_str()] {
            let t = read(t, "es");
            assert_eq!(numbers(&t.articles), [1]);
            assert!(t.text[t.closing.clone()].starts_with("HECHA"));
            assert_eq!(signed(&t).as_deref(), Some("1945-06-26"));
        }
    }

    /// A 19th-century closing in words: "á los veinte y nueve días del mes de Julio del año del
    /// Señor de mil ochocientos cincuenta y seis" (the Argentine–Paraguayan treaty of 1856, a
    /// tune text of the benchmark): the hundreds, "veinte y nueve" and the year of the Lord.
    #[test]
    fn closing_date_of_the_year_of_the_lord() {
        let t = read(
            include_str!("../../tests/fixtures/bench/treaties/1200.treaty.es.txt"),
            "es",
        );
        assert_eq!(signed(&t).as_deref(), Some("1856-07-29"));
        let text = "Article 1\nThe Parties shall consult together.\n\nDone at London, the tenth day of May, in the year of our Lord one thousand eight hundred and sixty-four.\n";
        assert_eq!(signed(&read(text, "en")).as_deref(), Some("1864-05-10"));
    }

    /// Portuguese (schemas/lang/pt.toml): headings, and a closing date in words — the UN
    /// Charter's closing formula in the Brazilian text (Decreto 19.841 of 1945).
    #[test]
    fn portuguese_closing_date_in_words() {
        let text = "Artigo 1\nOs propósitos das Nações unidas são: 1. Manter a paz e a segurança internacionais.\nArtigo 2\nA Organização e seus Membros, para a realização dos propósitos mencionados no Artigo 1, agirão de acordo com os seguintes Princípios: 1. A Organização é baseada no princípio da igualdade de todos os seus Membros.\n\nFeita na cidade de São Francisco, aos vinte e seis dias do mês de junho de mil novecentos e quarenta e cinco.\n";
        let t = parse(text.to_string(), None, Languages::builtin());
        assert_eq!(t.lang.as_deref(), Some("pt"));
        assert_eq!(numbers(&t.articles), [1, 2]);
        assert!(t.text[t.closing.clone()].starts_with("Feita na cidade"));
        assert_eq!(signed(&t).as_deref(), Some("1945-06-26"));
    }

    /// A treaty whose closing text gives no date is dated by its title block, never by a
    /// date its preamble cites.
    #[test]
    fn title_date_when_the_closing_has_none() {
        // ATOP 2565 (benchmark, tune split): "CANBERRA, 21 January 1944" above the title.
        let t = read(
            include_str!("../../tests/fixtures/bench/treaties/2565.treaty.en.txt"),
            "en",
        );
        assert_eq!(signed(&t).as_deref(), Some("1944-01-21"));
        // The Dutch protocol's preamble cites the treaty "ondertekend te Washington op 4 April
        // 1949"; without its closing text it has no date of its own.
        let text = fixture!("nato-protocol-greece-turkey-1951.nl.txt");
        let cut = text.find("Ten blijke waarvan").unwrap();
        assert_eq!(read(&text[..cut], "nl").signed, None);
    }

    #[test]
    fn heading_styles_of_other_languages() {
        let cases = [
            (
                "Статья 1\nСтороны обязуются.\nСтатья 2\nДоговор действует.\n",
                "ru",
                vec![1, 2],
            ),
            (
                "Artikel 1\nDie Parteien.\nArtikel 2\nDer Vertrag.\n",
                "de",
                vec![1, 2],
            ),
            (
                "Article premier\nLes Parties.\nArticle 2\nLe Traité.\n",
                "fr",
                vec![1, 2],
            ),
            (
                "Article One\nThe Parties.\nArticle Two\nThe Treaty.\nArticle 3\nEnd.\n",
                "en",
                vec![1, 2, 3],
            ),
            (
                "Art. 1. The Parties.\nArt. 2. The Treaty.\n",
                "en",
                vec![1, 2],
            ),
            (
                "第一条 双方。\n第二十一条\n错误。\n第 二 条\n本条约。\n",
                "zh",
                // The jump to 21 is not where the numbering goes on: 第 二 条 follows.
                vec![1, 2],
            ),
            (
                "Article 1\nSee Article 51 of the Charter.\nArticle 51 of the Charter applies.\nArticle 2\nEnd.\n",
                "en",
                vec![1, 2],
            ),
        ];
        for (text, lang, want) in cases {
            assert_eq!(numbers(&read(text, lang).articles), want, "{text}");
        }
    }
}
