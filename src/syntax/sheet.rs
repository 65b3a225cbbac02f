//! The coding-sheet parser. Error-tolerant like a compiler front end: any text gives a tree,
//! with byte spans for section headings, question numbers, prompts, answers and the pieces
//! inside answers. It uses the schema's prompts to find where a (wrapped) prompt ends and its
//! answer begins, and to recognise a question whose number was mistyped.

use crate::model::lang::Languages;
use crate::model::patterns::engine_config;
use crate::model::schema::{AnswerKind, Schema};
use crate::syntax::dates::{Date, DateMention, sheet_dates};
use crate::syntax::numerals::parse_roman;
use crate::text::{Span, lines, trim_span};
use regex::Regex;
use regex_automata::meta;
use std::sync::{LazyLock, OnceLock};

/// A parsed sheet. Spans index the text it was parsed from.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub sections: Vec<SectionHeading>,
    pub questions: Vec<QuestionNode>,
    /// "Version 4.0: ..." notes anywhere in the sheet.
    pub revisions: Vec<RevisionNote>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionHeading {
    pub span: Span,
    /// The numeral as written ("II").
    pub numeral: Span,
    /// Its value, if it is a Roman or Arabic numeral.
    pub number: Option<u32>,
    pub title: Span,
}

#[derive(Clone, Debug, Default)]
pub struct QuestionNode {
    /// The number as written.
    pub number: u32,
    pub number_span: Span,
    /// The character after the number ("." or the typo ","); empty when missing.
    pub delimiter: Span,
    /// The schema question the prompt matched, when the schema knows it.
    pub schema_number: Option<u32>,
    /// Header line start to the next question or section heading.
    pub span: Span,
    pub prompt: Span,
    /// The answer, trimmed; empty (at the prompt's end) when nothing was written.
    pub answer: Span,
    pub lead: Option<Lead>,
    pub members: Vec<MemberLine>,
    pub dates: Vec<DateMention>,
    pub citations: Vec<Citation>,
    pub refs: Vec<QuestionRef>,
    pub urls: Vec<Span>,
    pub tags: Vec<TypeTag>,
    /// Page numbers, form feeds and the like inside the block.
    pub debris: Vec<Span>,
}

impl Sheet {
    /// The first question the sheet has for schema number `n`.
    pub fn question(&self, n: u32) -> Option<&QuestionNode> {
        self.questions.iter().find(|q| q.number() == n)
    }
}

impl QuestionNode {
    /// The schema number if the prompt matched one, else the written number.
    pub fn number(&self) -> u32 {
        self.schema_number.unwrap_or(self.number)
    }
    pub fn answer_text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.answer.clone()]
    }
    /// The articles of the treaty's main text the answer cites (a part's articles are numbered
    /// apart, so they are left out).
    pub fn cited_main_articles(&self) -> Vec<ArticleRef> {
        self.citations
            .iter()
            .filter(|c| c.part.is_none())
            .flat_map(|c| c.targets.iter().map(|t| t.0))
            .collect()
    }
    /// Whether the answer says nothing beyond its leading Yes/No/N/A.
    pub fn has_description(&self, text: &str) -> bool {
        let rest = match &self.lead {
            Some(l) => &text[l.span.end..self.answer.end],
            None => self.answer_text(text),
        };
        // Stops at the third: answers run to pages.
        rest.chars()
            .filter(|c| c.is_alphanumeric())
            .nth(2)
            .is_some()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeadKind {
    Yes,
    No,
    NotApplicable,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lead {
    pub kind: LeadKind,
    pub span: Span,
}

/// "710 China" in a member list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberLine {
    pub span: Span,
    pub code: u32,
    pub code_span: Span,
    /// The state's name, without a note of when it joined.
    pub name: Span,
    /// When the state joined, if the line says so: "(joined March 3, 1960)".
    pub joined: Option<Date>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ArticleRef {
    Preamble,
    Article(u32),
    /// The whole body of a treaty without article headings (a declaration in one paragraph, a
    /// book quoting unnumbered articles): its one place. No citation names it.
    Text,
}

/// A part of a treaty with its own numbering, as a citation names it: "Annex I", "Protocol",
/// "Secret Additional Protocol".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartName {
    /// The part's word, lower case: "annex", "protocol", "appendix", "schedule".
    pub word: String,
    pub number: Option<u32>,
}

/// "(Art. 11, 12)", "Arts. 3 and 5", "(Preamble, Art. 13)", "(Annex I, Art. 4)".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    pub span: Span,
    /// The part the articles are in ("(Annex I, Art. 4)", "Art. 2 of the Protocol"); None for
    /// the treaty's own articles.
    pub part: Option<PartName>,
    pub targets: Vec<(ArticleRef, Span)>,
    /// The keyword and separator when written irregularly ("Art .", "Art.", "Art"), with the
    /// regular form to put there.
    pub irregular: Option<(Span, String)>,
}

/// "#19", "Q14", "question 19".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionRef {
    pub span: Span,
    pub number: u32,
}

/// "[Defense]" in an obligations answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeTag {
    pub span: Span,
    /// The alliance type id from the schema.
    pub type_id: String,
}

/// "Version 4.0: Q14 revised by ... on June 1, 2018".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevisionNote {
    pub span: Span,
    pub dates: Vec<DateMention>,
}

/// A pattern with `\d` (any Unicode decimal digit), built in two forms: one with `\d` as written,
/// for texts with a digit outside ASCII, and one with `[0-9]`, which matches the same on every
/// other text and costs much less to build (each `\d` compiles to a UTF-8 automaton of some sixty
/// ranges, the reverse one again: about 40 % of building the sheet parser's patterns). Each is
/// built when first needed. `R` is what a form is built into: a `Regex`, or for a pattern
/// anchored at the end a `meta::Regex` without a prefilter ([`build_end_anchored`]).
struct DigitPattern<R: 'static = Regex> {
    source: &'static str,
    build: fn(&str) -> R,
    ascii: OnceLock<R>,
    unicode: OnceLock<R>,
}

impl DigitPattern {
    const fn new(source: &'static str) -> DigitPattern {
        DigitPattern::built_by(source, build)
    }
}

impl DigitPattern<meta::Regex> {
    const fn end_anchored(source: &'static str) -> DigitPattern<meta::Regex> {
        DigitPattern::built_by(source, build_end_anchored)
    }
}

impl<R> DigitPattern<R> {
    const fn built_by(source: &'static str, build: fn(&str) -> R) -> DigitPattern<R> {
        DigitPattern {
            source,
            build,
            ascii: OnceLock::new(),
            unicode: OnceLock::new(),
        }
    }

    /// The form to search a text with `digits` with.
    fn on(&self, digits: Digits) -> &R {
        match digits {
            Digits::Ascii => self.ascii(),
            Digits::Other => self.unicode.get_or_init(|| (self.build)(self.source)),
        }
    }

    fn ascii(&self) -> &R {
        self.ascii
            .get_or_init(|| (self.build)(&ascii_digits(self.source)))
    }
}

/// Which form of the digit patterns a text is searched with, decided once for a whole sheet: the
/// texts searched are parts of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Digits {
    /// No digit outside ASCII.
    Ascii,
    /// Some numeral outside ASCII.
    Other,
}

impl Digits {
    fn of(text: &str) -> Digits {
        if has_other_numeral(text) {
            Digits::Other
        } else {
            Digits::Ascii
        }
    }
}

/// Whether `text` has a numeral outside ASCII. `char::is_numeric` takes in every decimal digit
/// (and other numerals: they only send a text to the form as written, which is always right).
fn has_other_numeral(text: &str) -> bool {
    // Sheets are mostly ASCII: it is skipped 16 bytes at a time, and only the other
    // characters are decoded.
    const STRETCH: usize = 16;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if bytes.get(at..at + STRETCH).is_some_and(<[u8]>::is_ascii) {
            at += STRETCH;
        } else if bytes[at].is_ascii() {
            at += 1;
        } else {
            // `at` is on a character boundary: it only ever steps over whole characters.
            let c = text[at..]
                .chars()
                .next()
                .expect("a character at a boundary");
            if c.is_numeric() {
                return true;
            }
            at += c.len_utf8();
        }
    }
    false
}

fn build(source: &str) -> Regex {
    Regex::new(source).expect("valid regex")
}

/// A pattern anchored at the end of the text, searched for whether and where it matches. The
/// regex engine searches such a pattern backwards from the end and never uses the prefilter it
/// would build from the pattern's first words (with `(?i)`, every case of every word: most of
/// building the pattern), so it is built without one.
fn build_end_anchored(source: &str) -> meta::Regex {
    meta::Regex::builder()
        .configure(engine_config().auto_prefilter(false))
        .build(source)
        .expect("valid regex")
}

/// `source` with every `\d` written `[0-9]` (`0-9` inside a class).
fn ascii_digits(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + 16);
    let mut chars = source.chars().peekable();
    let mut class_depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('d') if class_depth > 0 => out.push_str("0-9"),
                Some('d') => out.push_str("[0-9]"),
                Some(escaped) => {
                    out.push('\\');
                    out.push(escaped);
                }
                None => out.push('\\'),
            },
            '[' => {
                class_depth += 1;
                out.push('[');
                // A `]` first in a class (after any `^`) stands for itself.
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push(']');
                    chars.next();
                }
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(']');
            }
            _ => out.push(c),
        }
    }
    out
}

/// The sheet parser's patterns with `\d` (and `PART_BEFORE`, built otherwise).
static DIGIT_PATTERNS: [&DigitPattern; 8] = [
    &SECTION,
    &HEADER,
    &CITATION,
    &CITED_NUMBER,
    &PART_AFTER,
    &MEMBER,
    &REVISION,
    &DEBRIS,
];

static SECTION: DigitPattern = DigitPattern::new(
    r"^[\s\u{feff}]*(?i:section)\s+(?P<num>[IVXLCivxlc]+|\d{1,2})\b\s*[:.\-–—]?\s*(?P<title>.*?)\s*$",
);
static HEADER: DigitPattern = DigitPattern::new(
    r#"^[\s\u{feff}"“”']*(?P<num>\d{1,3})[ \t]*(?P<delim>[.,:;)]?)[ \t]*(?P<rest>\S.*)?$"#,
);
static CITATION: DigitPattern = DigitPattern::new(
    r"(?x)
        \b(?P<kw>[Aa]rt(?:icle)?s?|ART(?:ICLE)?S?|[Cc]lauses?|CLAUSES?)
        (?P<sep>[\x20\t]*\.[\x20\t\r\n]*|[\x20\t\r\n]+)
        (?P<nums>(?:\d{1,3}|[IVXLC]{1,7}\b)(?:[\x20\t\r\n]*(?:,|and|&|-|–|to)[\x20\t\r\n]*(?:\d{1,3}|[IVXLC]{1,7}\b))*)",
);
static CITED_NUMBER: DigitPattern = DigitPattern::new(r"\d{1,3}|[IVXLC]{1,7}|-|–|\bto\b");
static PREAMBLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?i:preamble)\b").expect("valid regex"));
/// Kept with `\d` as written: with `[0-9]` the regex crate draws a prefilter from it that made
/// searching the seed's answers 15 % slower, for 1.5 M instructions less to build.
static QREF: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?:#[ \t]?(?P<hash>\d{1,4})\b|\bQ(?P<q>\d{1,3})\b|\b(?i:question)[ \t]+(?P<word>\d{1,3})\b)",
    )
});
/// The word before a "#N" that makes N another dataset's number: "COW alliance #3500",
/// "ATOP #1234", "treaty no. #12" are no references to questions.
static DATASET_NUMBER: LazyLock<meta::Regex> = LazyLock::new(|| {
    build_end_anchored(
        r"(?i)\b(?:alliance|atop|atopid|cow|id|no\.?|number|treaty|dyad|case|version)[ \t]*$",
    )
});
/// A member line's note of when the state joined: "(joined March 3, 1960)", "(acceded 1955)".
static JOINED: LazyLock<meta::Regex> = LazyLock::new(|| {
    build_end_anchored(
        r"(?i)[ \t]*\((?:joined|acceded|accession|admitted|member since|since|from)\b[^()]*\)[ \t]*[.,;]?$",
    )
});
/// A part named just before a citation, in the same parenthesis or clause: "(Annex I, Art. 4",
/// "Protocol Art. 2". Anchored at the end: built without the prefilter of its four words in
/// every case, which the engine never uses for it (2.1 M instructions with it, 0.8 M without).
static PART_BEFORE: DigitPattern<meta::Regex> = DigitPattern::end_anchored(
    r"(?i)\b(?P<word>annex|appendix|schedule|protocol)(?:[ \t]+(?P<num>[IVXLC]{1,6}|\d{1,3}))?[ \t]*[,:]?[ \t]*$",
);
/// A part named just after a citation: "Art. 2 of the Protocol", "Art. 4 of Annex I".
static PART_AFTER: DigitPattern = DigitPattern::new(
    r"(?i)^[ \t]*(?:of|in)[ \t]+(?:the[ \t]+)?(?:[a-z]+[ \t]+){0,2}?(?P<word>annex|appendix|schedule|protocol)\b(?:[ \t]+(?P<num>[IVXLC]{1,6}\b|\d{1,3}\b))?(?:[ \t]+of\b)?",
);

/// Whether a "clause N" citation is a clause of an article cited just before it ("Art. 5,
/// clause 2"), not a clause of a treaty numbered in clauses ("(clause 43)").
fn is_clause_of_an_article(keyword: &str, before: &str, digits: Digits) -> bool {
    let of_an_article = |kw: &str| !kw.to_ascii_lowercase().starts_with("cl");
    let segment = before
        .rfind(['(', ';', '\n'])
        .map_or(before, |i| &before[i + 1..]);
    !of_an_article(keyword)
        && CITATION
            .on(digits)
            .captures_iter(segment)
            .any(|c| of_an_article(&c["kw"]))
}

/// The part a citation names around it, if any.
fn part_named(before: &str, after: &str, digits: Digits) -> Option<PartName> {
    let clause = clause_before(before);
    let part_before = PART_BEFORE.on(digits);
    let mut c = part_before.create_captures();
    part_before.captures(clause, &mut c);
    let group = |name| c.get_group_by_name(name).map(|g| &clause[g.range()]);
    let (word, num) = match group("word") {
        Some(word) => (word, group("num")),
        None => {
            let c = PART_AFTER
                .on(digits)
                .captures(after)
                // "of the Protocol of 1951" names another instrument.
                .filter(|c| !c[0].to_ascii_lowercase().trim_end().ends_with(" of"))?;
            (c.name("word")?.as_str(), c.name("num").map(|n| n.as_str()))
        }
    };
    Some(PartName {
        word: word.to_ascii_lowercase(),
        number: num.and_then(|n| n.parse().ok().or_else(|| parse_roman(n))),
    })
}

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\b(?:https?://|www\.)[^\s)\]>"”]+"#).expect("valid regex"));
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[(?P<name>[A-Za-z][A-Za-z -]{2,30})\]").expect("valid regex"));
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^[\s"“”‘’'`]*(?P<word>(?i:yes|no|n/a|n\.a\.|na|none))(?:\b|$)"#)
        .expect("valid regex")
});
static MEMBER: DigitPattern = DigitPattern::new(
    r"^[ \t]*(?P<code>\d{1,4})[ \t]*[-–:.)]?[ \t]+(?P<name>[^\d\s][^\r\n]*?)[ \t]*[.,;]?[ \t]*$",
);
static REVISION: DigitPattern = DigitPattern::new(r"^[ \t]*(?i:version)[ \t]+\d+(?:\.\d+)*[ \t]*:");
static DEBRIS: DigitPattern = DigitPattern::new(
    r"^[ \t]*(?:\d{1,3}|(?i:page)[ \t]+\d+(?:[ \t]+(?i:of)[ \t]+\d+)?|-[ \t]*\d+[ \t]*-|\x0c+)[ \t]*$",
);

/// The first of sorted `offsets` after `after` (a binary search: sheets can have many lines).
fn first_after(offsets: &[usize], after: usize) -> Option<usize> {
    offsets
        .get(offsets.partition_point(|&s| s <= after))
        .copied()
}

/// The first character of `line` that `skip` does not accept.
///
/// The line patterns (`SECTION`, `HEADER`, `REVISION`, `MEMBER`, `DEBRIS`) are slow to run on
/// every line, and most lines cannot match them: these checks of the first significant character,
/// which each pattern requires, let the others through without a search.
fn first_significant(line: &str, skip: impl Fn(char) -> bool) -> Option<char> {
    line.chars().find(|&c| !skip(c))
}

/// Whether `SECTION` can match: "section" (case-insensitive: s, S or ſ) after blanks.
fn may_open_section(line: &str) -> bool {
    first_significant(line, |c| c.is_whitespace() || c == '\u{feff}')
        .is_some_and(|c| matches!(c, 's' | 'S' | 'ſ'))
}

/// Whether `HEADER` can match with a number that parses: an ASCII digit after blanks and quotes.
fn may_open_question(line: &str) -> bool {
    first_significant(line, |c| {
        c.is_whitespace() || matches!(c, '\u{feff}' | '"' | '“' | '”' | '\'')
    })
    .is_some_and(|c| c.is_ascii_digit())
}

/// The first character of `line` after spaces and tabs, which `MEMBER` and `DEBRIS` look at.
fn first_after_blanks(line: &str) -> Option<char> {
    first_significant(line, |c| c == ' ' || c == '\t')
}

/// Whether `REVISION` can match: "version" (v or V) after blanks.
fn may_open_revision(line: &str) -> bool {
    first_after_blanks(line).is_some_and(|c| c == 'v' || c == 'V')
}

/// Whether `MEMBER` can match with a code that parses: an ASCII digit after blanks.
fn may_list_member(line: &str) -> bool {
    first_after_blanks(line).is_some_and(|c| c.is_ascii_digit())
}

/// Whether `DEBRIS` can match: a page number, "Page", "- 3 -" or a form feed after blanks.
fn may_be_debris(line: &str) -> bool {
    // `\d` is any decimal digit: "١٢" is a page number too.
    first_after_blanks(line)
        .is_some_and(|c| c.is_numeric() || matches!(c, 'p' | 'P' | '-' | '\x0c'))
}

/// What `HEADER` captures in a line, as offsets into it.
#[derive(Debug, PartialEq, Eq)]
struct HeaderParts {
    num: Span,
    /// Empty where there is no delimiter.
    delim: Span,
    /// Where the text after the number starts; None when nothing follows.
    rest: Option<usize>,
}

impl HeaderParts {
    fn from_regex(l: &str, digits: Digits) -> Option<HeaderParts> {
        let c = HEADER.on(digits).captures(l)?;
        Some(HeaderParts {
            num: c.name("num").expect("group").range(),
            delim: c.name("delim").expect("group").range(),
            rest: c.name("rest").map(|m| m.start()),
        })
    }
}

/// `HEADER`'s captures in line `l`, read without running the regex (its captures need the
/// backtracker, which is slow on long lines): the same choices in the same order of
/// preference. Lines it does not cover (a non-ASCII digit where the number is, a line
/// break) go to the regex.
fn header_parts(l: &str, sheet_digits: Digits) -> Option<HeaderParts> {
    let opening = |c: char| c.is_whitespace() || matches!(c, '\u{feff}' | '"' | '“' | '”' | '\'');
    let start = l.len() - l.trim_start_matches(opening).len();
    let b = &l.as_bytes()[start..];
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count().min(3);
    let next_is_other_digit = l[start + digits..]
        .chars()
        .next()
        .is_some_and(|c| c.is_numeric() && !c.is_ascii_digit());
    if digits == 0 || (digits < 3 && next_is_other_digit) || l.contains('\n') {
        return HeaderParts::from_regex(l, sheet_digits);
    }
    let blanks = |from: usize| {
        b[from..]
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count()
    };
    // \d{1,3}, [ \t]*, [.,:;)]?, [ \t]* are greedy: longest first, then shorter.
    for num_end in (1..=digits).rev() {
        for delim_start in (num_end..=num_end + blanks(num_end)).rev() {
            let delim_len = usize::from(b.get(delim_start).is_some_and(|c| b".,:;)".contains(c)));
            for delim_end in (delim_start..=delim_start + delim_len).rev() {
                for rest in (delim_end..=delim_end + blanks(delim_end)).rev() {
                    // (?P<rest>\S.*)?$ holds at the end or before a non-space.
                    let follows = l[start + rest..].chars().next();
                    if follows.is_none_or(|c| !c.is_whitespace()) {
                        return Some(HeaderParts {
                            num: start..start + num_end,
                            delim: start + delim_start..start + delim_end,
                            rest: follows.map(|_| start + rest),
                        });
                    }
                }
            }
        }
    }
    None
}

/// Whether the words after a citation make it one of another instrument: "Article 51 of the
/// Charter", "Art. 4 of the Treaty of Sinchula", a quotation's "artículo 36 del Estatuto" —
/// but not "Art. 5 of this Treaty" or "of the Treaty" alone, which in a sheet is the coded
/// treaty.
fn cites_other_instrument(rest: &str) -> bool {
    let instruments = &Languages::builtin().instruments;
    let first = rest
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .map(str::to_lowercase)
        .unwrap_or_default();
    if first != "of" {
        // Other languages' genitives, as the languages' data lists them.
        return instruments.of.contains(&first) && instruments.names_other(rest);
    }
    let words: Vec<String> = rest
        .split_whitespace()
        .take(5)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let w = |i: usize| words.get(i).map_or("", String::as_str);
    if w(0) != "of" {
        return false;
    }
    match (w(1), w(2), w(3)) {
        (
            "this" | "the" | "that",
            "treaty" | "agreement" | "pact" | "protocol" | "present",
            next,
        ) => next == "of",
        ("this", _, _) => false,
        _ => true,
    }
}

/// Whether the words just before a citation, in its parenthesis or clause, name another
/// instrument: "(Panama Canal Treaty, Art. XIV)", "UN Charter, Art. 51" — not "(Treaty,
/// Art. 4)" or "the present Treaty, Art. 4".
fn named_before_another_instrument(before: &str) -> bool {
    // The name's last word must be right before the citation (a comma or colon between).
    Languages::builtin()
        .instruments
        .names_other_before(clause_before(before))
}

/// What stands before a citation in its parenthesis or clause: since the last "(", ";", line
/// break or full stop.
fn clause_before(before: &str) -> &str {
    before
        .rfind(['(', ';', '\n', '.'])
        .map_or(before, |i| &before[i + 1..])
}

/// Builds the patterns every sheet is read with. Compiling them is most of the first sheet's
/// time: a caller with a thread to spare (the CLI, while it reads the built-in data) pays for
/// them there, before the first sheet waits on them.
pub fn compile_patterns() {
    let patterns = [&PREAMBLE, &QREF, &URL, &TAG, &LEAD];
    let end_anchored = [&DATASET_NUMBER, &JOINED];
    // One job each, on every core: a worker that has read the built-in data takes its share.
    // (A sheet with a numeral outside ASCII builds the digit patterns as written when it needs
    // them.)
    rayon::scope(|s| {
        for p in patterns {
            s.spawn(move |_| {
                LazyLock::force(p);
            });
        }
        for p in end_anchored {
            s.spawn(move |_| {
                LazyLock::force(p);
            });
        }
        // Not `HEADER`: `header_parts` reads its captures without it, but for a line with a
        // digit outside ASCII or a line break.
        for p in DIGIT_PATTERNS
            .into_iter()
            .filter(|p| !std::ptr::eq(*p, &HEADER))
        {
            s.spawn(move |_| {
                p.ascii();
            });
        }
        s.spawn(|_| {
            PART_BEFORE.ascii();
        });
        s.spawn(|_| crate::syntax::dates::compile_patterns());
    });
}

/// A line that may open a question.
struct Candidate {
    line: Span,
    number: u32,
    number_span: Span,
    delimiter: Span,
    /// Where the prompt starts (after the delimiter).
    rest: usize,
}

/// Parses a sheet against a schema.
pub fn parse(text: &str, schema: &Schema) -> Sheet {
    let digits = Digits::of(text);
    let mut sheet = Sheet::default();
    let mut boundaries: Vec<usize> = Vec::new();
    let mut candidates = Vec::new();
    for line in lines(text) {
        let l = &text[line.clone()];
        if let Some(c) = may_open_section(l)
            .then(|| SECTION.on(digits).captures(l))
            .flatten()
        {
            let num = c.name("num").expect("group");
            let title = c.name("title").expect("group");
            let numeral = line.start + num.start()..line.start + num.end();
            let number = parse_roman(num.as_str()).or_else(|| num.as_str().parse().ok());
            boundaries.push(line.start);
            sheet.sections.push(SectionHeading {
                span: line.clone(),
                numeral,
                number,
                title: line.start + title.start()..line.start + title.end(),
            });
            continue;
        }
        if let Some(h) = may_open_question(l)
            .then(|| header_parts(l, digits))
            .flatten()
        {
            let Ok(number) = l[h.num.clone()].parse::<u32>() else {
                continue;
            };
            candidates.push(Candidate {
                line: line.clone(),
                number,
                number_span: line.start + h.num.start..line.start + h.num.end,
                delimiter: line.start + h.delim.start..line.start + h.delim.end,
                rest: h.rest.map_or(line.end, |r| line.start + r),
            });
        }
    }
    // Accept candidates in order: a question needs its prompt to match the schema, or to
    // come where the numbering expects it and look like a question.
    let mut expected = schema.first_number();
    let hard_stops: Vec<usize> = boundaries
        .iter()
        .copied()
        .chain(
            candidates
                .iter()
                .filter(|c| schema.question(c.number).is_some() && !c.delimiter.is_empty())
                .map(|c| c.line.start),
        )
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut accepted: Vec<(Candidate, Option<u32>, Option<usize>)> = Vec::new();
    let mut words = WindowWords::new(text);
    for c in candidates {
        let limit = first_after(&hard_stops, c.line.start).unwrap_or(text.len());
        let window = c.rest..limit.max(c.rest);
        let near = |n: u32| n != c.number && n + 3 >= expected && n <= expected + 3;
        // The window's words are read once for all the prompts compared, and only as far as
        // the comparisons go: most stop after a few words.
        words.reset(window.clone());
        let own_prompt = schema.prompt_words(c.number);
        let own = schema
            .question(c.number)
            .map(|_| align(text, window.clone(), &mut words, own_prompt));
        // The question whose prompt the text matches best: its own number's, unless the
        // prompt of a question near the expected one matches better (a mistyped number).
        let mut best: Option<(u32, Alignment)> = own
            .filter(|a| a.score >= 0.6 && a.matched >= 1)
            .map(|a| (c.number, a));
        // No prompt can match better than all of its own words.
        let own_in_full = best
            .as_ref()
            .is_some_and(|(_, a)| a.matched == own_prompt.len());
        for q in schema
            .questions
            .iter()
            .filter(|q| !own_in_full && near(q.number))
        {
            let a = align(
                text,
                window.clone(),
                &mut words,
                schema.prompt_words(q.number),
            );
            if a.score >= 0.8
                && a.matched >= 3
                && best.as_ref().is_none_or(|(_, b)| a.score > b.score)
            {
                best = Some((q.number, a));
            }
        }
        let (schema_number, prompt_end) = match best {
            Some((n, a)) => (Some(n), Some(a.end)),
            None => {
                // Where the numbering expects a question, a line that reads like one is one,
                // even if its wording differs from the schema's.
                let line_text = text[c.line.clone()].trim_end();
                let reads_like_question = !c.delimiter.is_empty()
                    && (line_text.ends_with('?')
                        || line_text.ends_with(':')
                        || own.is_some_and(|a| a.score >= 0.3));
                if c.number != expected || !reads_like_question {
                    continue;
                }
                let known = schema.question(c.number).map(|_| c.number);
                (known, own.filter(|a| a.score >= 0.3).map(|a| a.end))
            }
        };
        if c.delimiter.is_empty() && schema_number != Some(c.number) && prompt_end.is_none() {
            continue;
        }
        expected = schema_number.unwrap_or(c.number) + 1;
        accepted.push((c, schema_number, prompt_end));
    }
    boundaries.extend(accepted.iter().map(|(c, _, _)| c.line.start));
    boundaries.sort_unstable();
    let next_boundary = |after: usize| first_after(&boundaries, after).unwrap_or(text.len());
    for (c, schema_number, prompt_end) in accepted {
        let end = next_boundary(c.line.start);
        let span = c.line.start..end;
        let prompt_end = prompt_end.unwrap_or(c.line.end).max(c.rest).min(end);
        let prompt = c.rest..prompt_end;
        let answer = trim_span(text, prompt_end..end);
        let answer = if answer.is_empty() {
            prompt_end..prompt_end
        } else {
            answer
        };
        let mut q = QuestionNode {
            number: c.number,
            number_span: c.number_span,
            delimiter: c.delimiter,
            schema_number,
            span,
            prompt,
            answer,
            ..Default::default()
        };
        fill_answer(text, schema, &mut q, digits);
        sheet.questions.push(q);
    }
    for line in lines(text) {
        let l = &text[line.clone()];
        if may_open_revision(l) && REVISION.on(digits).is_match(l) {
            sheet.revisions.push(RevisionNote {
                dates: sheet_dates(text, line.clone()),
                span: line,
            });
        }
    }
    sheet
}

#[derive(Clone, Copy, Debug)]
struct Alignment {
    /// Share of the prompt's words found in order.
    score: f32,
    matched: usize,
    /// Byte offset where the prompt ends (after trailing punctuation).
    end: usize,
}

/// Whether two words are one typo apart, or both numbers.
fn similar(a: &str, b: &str) -> bool {
    let numeric = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    if numeric(a) && numeric(b) {
        return true;
    }
    let limit = (a.len().max(b.len()) / 4).max(1);
    crate::syntax::dates::edit_distance(a, b) <= limit
}

/// How many words past a prompt's length `align` looks at: room for extra words in the sheet.
const WORDS_PAST_PROMPT: usize = 9;

/// The words of a window, lower-cased with their spans, read as far as they are asked for.
/// One is kept for a whole sheet and reset for each window, and the words are written one after
/// another into one buffer: a string allocated per word was a fifth of parsing a sheet.
struct WindowWords<'t> {
    text: &'t str,
    /// Where reading goes on.
    next: usize,
    end: usize,
    /// The words read, lower-cased, one after another.
    lowered: String,
    /// Each word's place in `lowered`, and its span in the text.
    words: Vec<(Span, Span)>,
}

impl<'t> WindowWords<'t> {
    fn new(text: &'t str) -> WindowWords<'t> {
        WindowWords {
            text,
            next: 0,
            end: 0,
            lowered: String::new(),
            words: Vec::new(),
        }
    }

    /// Starts over with the words of `window`.
    fn reset(&mut self, window: Span) {
        self.next = window.start;
        self.end = window.end;
        self.lowered.clear();
        self.words.clear();
    }

    fn len(&self) -> usize {
        self.words.len()
    }

    /// The `j`th word, lower-cased.
    fn word(&self, j: usize) -> &str {
        &self.lowered[self.words[j].0.clone()]
    }

    fn span(&self, j: usize) -> &Span {
        &self.words[j].1
    }

    /// Reads words (runs of letters and digits) until `n` are known or the window ends.
    fn fill(&mut self, n: usize) {
        while self.words.len() < n && self.next < self.end {
            let next = crate::text::written_word_spans(self.text, self.next..self.end).next();
            let Some((written, word)) = next else {
                self.next = self.end;
                return;
            };
            let at = self.lowered.len();
            if written.is_ascii() {
                self.lowered.push_str(written);
                self.lowered[at..].make_ascii_lowercase();
            } else {
                self.lowered.push_str(&written.to_lowercase());
            }
            self.words.push((at..self.lowered.len(), word.clone()));
            self.next = word.end;
        }
    }
}

/// Aligns the schema prompt's words with the window's `words`, tolerating a few typos,
/// missing or extra words, and returns where the prompt ends.
fn align(text: &str, window: Span, words: &mut WindowWords, prompt: &[String]) -> Alignment {
    // Up to `cap` words of the window count; a step reads at most 4 words from `j`.
    let cap = prompt.len() + WORDS_PAST_PROMPT;
    let budget = (prompt.len() / 5).max(2);
    let (mut i, mut j, mut errors, mut matched) = (0, 0, 0, 0);
    let mut end = window.start;
    let eq = |a: &str, b: &str| a == b;
    while i < prompt.len() {
        words.fill((j + 4).min(cap));
        let known = words.len().min(cap);
        if j >= known {
            break;
        }
        if eq(words.word(j), &prompt[i]) {
            matched += 1;
            end = words.span(j).end;
            i += 1;
            j += 1;
            continue;
        }
        if errors >= budget {
            break;
        }
        // Recover by the move after which the next two words agree.
        let agrees = |pi: usize, tj: usize| {
            pi < prompt.len()
                && tj < known
                && eq(words.word(tj), &prompt[pi])
                && (pi + 1 >= prompt.len()
                    || (tj + 1 < known && eq(words.word(tj + 1), &prompt[pi + 1])))
        };
        if agrees(i + 1, j + 1) || (i + 1 == prompt.len() && similar(words.word(j), &prompt[i])) {
            // A substituted word: a typo ("reaties"), "#109" for "#19".
            if i + 1 == prompt.len() {
                matched += 1;
                end = words.span(j).end;
            }
            i += 1;
            j += 1;
        } else if agrees(i, j + 1) {
            j += 1; // an extra word in the sheet
        } else if agrees(i + 1, j) {
            i += 1; // a word missing from the sheet
        } else if agrees(i + 2, j) {
            i += 2;
        } else if agrees(i, j + 2) {
            j += 2;
        } else {
            break;
        }
        errors += 1;
    }
    // Take the prompt's closing punctuation along ("?", "):", ".").
    let bytes = text.as_bytes();
    let mut e = end;
    while e < window.end && matches!(bytes[e], b'?' | b':' | b'.' | b')' | b',' | b' ' | b'\t') {
        e += 1;
    }
    if e < window.end && text[e..].starts_with('”') {
        e += '”'.len_utf8();
    }
    // Keep trailing spaces out of the prompt.
    while e > end && matches!(bytes[e - 1], b' ' | b'\t') {
        e -= 1;
    }
    Alignment {
        score: if prompt.is_empty() {
            0.0
        } else {
            matched as f32 / prompt.len() as f32
        },
        matched,
        end: e,
    }
}

/// The quotations of `text`: from an opening mark to the closing mark that answers it (“ with ”,
/// a straight `"` with the next one). A mark nothing closes (PDF debris often leaves one) opens
/// no quotation.
pub fn quotations(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    // A mark is `"` or a character whose UTF-8 begins with 0xE2 (“ ”): a leading byte, so a
    // character starts there. The bytes between are skipped unread.
    let mut from = 0;
    while let Some(i) = memchr::memchr2(b'"', 0xE2, &text.as_bytes()[from..]).map(|k| from + k) {
        let c = text[i..]
            .chars()
            .next()
            .expect("a character starts at a leading byte");
        from = i + c.len_utf8();
        match (open, c) {
            (None, '“' | '"') => open = Some((i, c)),
            (Some((start, '“')), '”') | (Some((start, '"')), '"') => {
                out.push(start..i);
                open = None;
            }
            // A second opening mark before any closing one: the first was a stray.
            (Some((_, '“')), '“') => open = Some((i, c)),
            _ => {}
        }
    }
    out
}

fn fill_answer(text: &str, schema: &Schema, q: &mut QuestionNode, digits: Digits) {
    let answer = q.answer.clone();
    let a = &text[answer.clone()];
    let sq = q.schema_number.and_then(|n| schema.question(n));
    if let Some(c) = LEAD.captures(a) {
        let w = c.name("word").expect("group");
        let kind = match w.as_str().to_ascii_lowercase().as_str() {
            "yes" => Some(LeadKind::Yes),
            "no" | "none" => Some(LeadKind::No),
            _ => Some(LeadKind::NotApplicable),
        };
        if let Some(kind) = kind {
            q.lead = Some(Lead {
                kind,
                span: answer.start + w.start()..answer.start + w.end(),
            });
        }
    }
    let lists_members = sq.is_some_and(|s| s.cow_codes || s.answer.kind == AnswerKind::Members);
    let quotations = if lists_members {
        quotations(a)
    } else {
        Vec::new()
    };
    for line in lines(a) {
        let l = &a[line.clone()];
        let at = answer.start + line.start;
        // "2 Parties shall consult" inside a quoted article is treaty text, not a member.
        let quoted = || {
            quotations
                .iter()
                .any(|q| q.start < line.start && line.start < q.end)
        };
        if lists_members
            && may_list_member(l)
            && !quoted()
            && let Some(c) = MEMBER.on(digits).captures(l)
        {
            let code = c.name("code").expect("group");
            let name = c.name("name").expect("group");
            if let Ok(n) = code.as_str().parse() {
                let (name, joined) = match JOINED.find(name.as_str()) {
                    Some(j) if j.start() > 0 => {
                        let note = at + name.start() + j.start()..at + name.start() + j.end();
                        let joined = sheet_dates(text, note)
                            .into_iter()
                            .find_map(|d| d.value.ok());
                        (name.start()..name.start() + j.start(), joined)
                    }
                    _ => (name.range(), None),
                };
                q.members.push(MemberLine {
                    span: at..at + l.trim_end().len(),
                    code: n,
                    code_span: at + code.start()..at + code.end(),
                    name: at + name.start..at + name.end,
                    joined,
                });
                continue;
            }
        }
        let counts_numbers = sq.is_some_and(|s| {
            matches!(
                s.answer.kind,
                AnswerKind::Integer | AnswerKind::Count | AnswerKind::Members
            )
        });
        if !counts_numbers
            && may_be_debris(l)
            && DEBRIS.on(digits).is_match(l)
            && !l.trim().is_empty()
        {
            q.debris.push(trim_span(text, at..at + l.len()));
        }
    }
    q.dates = sheet_dates(text, answer.clone());
    for c in CITATION.on(digits).captures_iter(a) {
        let whole = c.get(0).expect("whole");
        let part = part_named(&a[..whole.start()], &a[whole.end()..], digits);
        if part.is_none()
            && (cites_other_instrument(&a[whole.end()..])
                || named_before_another_instrument(&a[..whole.start()]))
        {
            continue;
        }
        let kw = c.name("kw").expect("group");
        if is_clause_of_an_article(kw.as_str(), &a[..whole.start()], digits) {
            continue;
        }
        let sep = c.name("sep").expect("group");
        let nums = c.name("nums").expect("group");
        let mut targets = Vec::new();
        let mut prev: Option<u32> = None;
        let mut range = false;
        for m in CITED_NUMBER.on(digits).find_iter(nums.as_str()) {
            let s = m.as_str();
            let span =
                answer.start + nums.start() + m.start()..answer.start + nums.start() + m.end();
            if matches!(s, "-" | "–" | "to") {
                range = true;
                continue;
            }
            let Some(n) = s.parse::<u32>().ok().or_else(|| parse_roman(s)) else {
                continue;
            };
            if range && let Some(p) = prev {
                for k in p + 1..n.min(p + 50) {
                    targets.push((ArticleRef::Article(k), span.clone()));
                }
            }
            range = false;
            prev = Some(n);
            targets.push((ArticleRef::Article(n), span));
        }
        let plural = kw.as_str().to_ascii_lowercase().ends_with('s') && targets.len() > 1;
        let short = kw.as_str().len() <= 4;
        let sep_s = sep.as_str();
        let irregular = (short && sep_s != ". ").then(|| {
            (
                answer.start + kw.start()..answer.start + sep.end(),
                if plural { "Arts. " } else { "Art. " }.to_string(),
            )
        });
        // A line break after "Art." is PDF wrapping, not a style choice.
        let irregular = irregular.filter(|_| {
            !(sep_s.starts_with('.')
                && sep_s[1..]
                    .trim_matches([' ', '\t'])
                    .starts_with(['\n', '\r']))
        });
        q.citations.push(Citation {
            span: answer.start + whole.start()..answer.start + whole.end(),
            part,
            targets,
            irregular,
        });
    }
    for m in PREAMBLE.find_iter(a) {
        let span = answer.start + m.start()..answer.start + m.end();
        q.citations.push(Citation {
            span: span.clone(),
            part: None,
            targets: vec![(ArticleRef::Preamble, span)],
            irregular: None,
        });
    }
    q.citations.sort_by_key(|c| c.span.start);
    let block = q.span.clone();
    let block_text = &text[block.clone()];
    for c in QREF.captures_iter(block_text) {
        let n = c
            .name("hash")
            .or(c.name("q"))
            .or(c.name("word"))
            .expect("one group");
        let whole = c.get(0).expect("whole");
        let before = block.start + whole.start();
        let from =
            crate::text::floor_char_boundary(text, before.saturating_sub(24)).max(block.start);
        if c.name("hash").is_some() && DATASET_NUMBER.is_match(&text[from..before]) {
            continue;
        }
        if let Ok(number) = n.as_str().parse() {
            q.refs.push(QuestionRef {
                span: block.start + whole.start()..block.start + whole.end(),
                number,
            });
        }
    }
    q.urls = URL
        .find_iter(a)
        .map(|m| answer.start + m.start()..answer.start + m.end())
        .collect();
    for c in TAG.captures_iter(a) {
        let name = c.name("name").expect("group").as_str();
        if let Some(t) = schema.alliance_type(name) {
            let whole = c.get(0).expect("whole");
            q.tags.push(TypeTag {
                span: answer.start + whole.start()..answer.start + whole.end(),
                type_id: t.id.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_seed() -> (String, Sheet) {
        let text = include_str!("../../examples/5030/5030.codesheet.txt").to_string();
        let sheet = parse(&text, &Schema::builtin());
        (text, sheet)
    }

    #[test]
    fn seed_structure() {
        let (text, sheet) = parse_seed();
        let numbers: Vec<u32> = sheet.questions.iter().map(|q| q.number).collect();
        assert_eq!(numbers, (1..=61).collect::<Vec<_>>());
        assert_eq!(sheet.sections.len(), 5);
        assert_eq!(sheet.sections[2].number, Some(2));
        let q44 = &sheet.questions[43];
        assert_eq!(&text[q44.delimiter.clone()], ",");
        let q3 = &sheet.questions[2];
        assert_eq!(q3.answer_text(&text), "December 23, 2002");
        let q6 = &sheet.questions[5];
        assert_eq!(q6.answer_text(&text), "Treaty.");
        let q47 = &sheet.questions[46];
        assert!(
            q47.answer_text(&text)
                .starts_with("Yes. It makes reference")
        );
        assert_eq!(q47.lead.as_ref().unwrap().kind, LeadKind::Yes);
        let q4 = &sheet.questions[3];
        let codes: Vec<u32> = q4.members.iter().map(|m| m.code).collect();
        assert_eq!(codes, [710, 705]);
        assert_eq!(&text[q4.members[1].name.clone()], "Kazakhstan");
        let q20 = &sheet.questions[19];
        assert_eq!(q20.refs.iter().map(|r| r.number).collect::<Vec<_>>(), [109]);
        assert_eq!(q20.answer_text(&text), "No.");
        let q16 = &sheet.questions[15];
        assert_eq!(q16.urls.len(), 1);
        assert!(q16.answer_text(&text).ends_with("Consultation pact"));
        let q18 = &sheet.questions[17];
        assert_eq!(
            q18.tags
                .iter()
                .map(|t| t.type_id.as_str())
                .collect::<Vec<_>>(),
            ["nonaggression", "consultation"]
        );
        assert_eq!(sheet.revisions.len(), 4);
    }

    #[test]
    fn seed_citations() {
        let (text, sheet) = parse_seed();
        let q47 = &sheet.questions[46];
        let t: Vec<ArticleRef> = q47
            .citations
            .iter()
            .flat_map(|c| c.targets.iter().map(|t| t.0))
            .collect();
        assert_eq!(
            t,
            [
                ArticleRef::Preamble,
                ArticleRef::Article(13),
                ArticleRef::Article(11),
                ArticleRef::Article(12)
            ]
        );
        let q28 = &sheet.questions[27];
        let irregular: Vec<&str> = q28
            .citations
            .iter()
            .filter_map(|c| c.irregular.as_ref())
            .map(|(s, _)| &text[s.clone()])
            .collect();
        assert_eq!(irregular, ["Art ."]);
        let q18 = &sheet.questions[17];
        // "(Art.\n1)" wraps: no style complaint.
        assert!(q18.citations.iter().all(|c| c.irregular.is_none()));
        assert_eq!(q18.citations[0].targets[0].0, ArticleRef::Article(1));
    }

    #[test]
    fn line_checks_let_every_matching_line_through() {
        let odd = "SECTION II\n \u{feff}ſection 3: X\n\tsection iv\n“12. Foo?\n44, Does\n\u{feff}\"7) x\n١٢. x\n Version 4.0: a\nversion 2: b\n\t 2 China\n page 3 of 9\n- 4 -\n\x0c\nPAGE 2\n ١٢\n";
        let texts = [
            include_str!("../../examples/5030/5030.codesheet.txt"),
            include_str!("../../tests/fixtures/sheets/5030-clean.codesheet.txt"),
            odd,
        ];
        // Each line pattern (as the parser uses it) with the check that runs before it.
        let number_parses = |re: &DigitPattern, group: &str, l: &str| {
            re.on(Digits::of(l))
                .captures(l)
                .is_some_and(|c| c[group].parse::<u32>().is_ok())
        };
        type Check<'a> = (&'a dyn Fn(&str) -> bool, fn(&str) -> bool);
        let checks: [Check; 5] = [
            (&|l| SECTION.on(Digits::of(l)).is_match(l), may_open_section),
            (&|l| number_parses(&HEADER, "num", l), may_open_question),
            (
                &|l| REVISION.on(Digits::of(l)).is_match(l),
                may_open_revision,
            ),
            (&|l| number_parses(&MEMBER, "code", l), may_list_member),
            (&|l| DEBRIS.on(Digits::of(l)).is_match(l), may_be_debris),
        ];
        let mut seen = [0; 5];
        for text in texts {
            for line in lines(text) {
                let l = &text[line];
                for (i, (matches, may)) in checks.iter().enumerate() {
                    if matches(l) {
                        assert!(may(l), "pattern {i}: {l:?}");
                        seen[i] += 1;
                    }
                }
            }
        }
        assert_eq!(seen, [13, 134, 10, 126, 5]);
    }

    #[test]
    fn other_numerals_are_found_anywhere() {
        let ascii = "Art. 12 “of” the Treaty, é 1960: long enough to be skipped in stretches";
        assert_eq!(Digits::of(ascii), Digits::Ascii);
        for numeral in ['٢', '３', '½', 'Ⅳ', '𝟗'] {
            for at in [0, 1, 15, 16, 17, 40, ascii.len()] {
                let mut text = ascii.to_string();
                let at = (0..=at)
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(0);
                text.insert(at, numeral);
                assert_eq!(Digits::of(&text), Digits::Other, "{text:?}");
            }
        }
    }

    #[test]
    fn ascii_digits_writes_each_digit_class_in_ascii() {
        for (source, ascii) in [
            (r"^\d{1,3}\b", r"^[0-9]{1,3}\b"),
            (r"[^\d\s]+\d", r"[^0-9\s]+[0-9]"),
            (r"\\d[\\\d]", r"\\d[\\0-9]"),
            (r"[]\d][^]\d]\d", r"[]0-9][^]0-9][0-9]"),
            (r"[\]\d[:alpha:]]\d", r"[\]0-9[:alpha:]][0-9]"),
            (r"\D\w", r"\D\w"),
        ] {
            assert_eq!(ascii_digits(source), ascii, "{source}");
        }
        for p in DIGIT_PATTERNS {
            assert!(!p.ascii().as_str().contains(r"\d"), "{}", p.source);
        }
        assert!(!ascii_digits(PART_BEFORE.source).contains(r"\d"));
    }

    /// Each digit pattern as written, built once for the proptest below.
    static AS_WRITTEN: LazyLock<Vec<(&DigitPattern, Regex)>> = LazyLock::new(|| {
        DIGIT_PATTERNS
            .iter()
            .map(|p| (*p, build(p.source)))
            .collect()
    });

    /// `PART_BEFORE` as written, built once for the proptest below.
    static PART_BEFORE_AS_WRITTEN: LazyLock<Regex> = LazyLock::new(|| build(PART_BEFORE.source));

    /// Every match, with every group's place.
    fn all_captures(re: &Regex, text: &str) -> Vec<Vec<Option<std::ops::Range<usize>>>> {
        re.captures_iter(text)
            .map(|c| c.iter().map(|m| m.map(|m| m.range())).collect())
            .collect()
    }

    /// The same of a `meta::Regex`.
    fn all_meta_captures(re: &meta::Regex, text: &str) -> Vec<Vec<Option<std::ops::Range<usize>>>> {
        re.captures_iter(text)
            .map(|c| {
                let groups = 0..c.group_len();
                groups.map(|i| c.get_group(i).map(|g| g.range())).collect()
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn digit_patterns_match_as_written(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "0", "1", "9", "10", "123", "4567", "٢", "３", "½", "Ⅳ", " ", "\t", "\n", "\r",
                "\u{a0}", "\u{feff}", "\x0c", "\"", "“", "'", ".", ",", ":", ";", "(", ")", "-",
                "–", "#", "Q", "Art", "article", "ARTICLES", "Clause", "and", "to", "&", "II",
                "iv", "section", "SECTION", "ſection", "question", "annex", "Protocol", "of",
                "the", "in", "Version", "page", "China", "é", "a", "x",
            ]), 0..14)
        ) {
            let text = pieces.concat();
            for (p, written) in AS_WRITTEN.iter() {
                proptest::prop_assert_eq!(
                    all_captures(p.on(Digits::of(&text)), &text),
                    all_captures(written, &text),
                    "{} on {:?}", p.source, text
                );
            }
            proptest::prop_assert_eq!(
                all_meta_captures(PART_BEFORE.on(Digits::of(&text)), &text),
                all_captures(&PART_BEFORE_AS_WRITTEN, &text),
                "{} on {:?}", PART_BEFORE.source, text
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn header_parts_are_what_the_regex_captures(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "1", "2", "12", "123", "4567", "٢", "３", "½", " ", "  ", "\t", "\u{a0}", "\r",
                "\n", "\u{feff}", "\"", "“", "”", "'", ".", ",", ":", ";", ")", "-", "a",
                "Does", "é", "?", "\u{2003}",
            ]), 0..12)
        ) {
            let l = pieces.concat();
            let digits = Digits::of(&l);
            proptest::prop_assert_eq!(header_parts(&l, digits), HeaderParts::from_regex(&l, digits), "{:?}", l);
        }
    }

    #[test]
    fn header_parts_of_question_lines() {
        let parts = |l: &str| header_parts(l, Digits::of(l)).map(|h| (h.num, h.delim, h.rest));
        assert_eq!(parts("44, Does the treaty"), Some((0..2, 2..3, Some(4))));
        assert_eq!(parts("  “12.   Foo"), Some((5..7, 7..8, Some(11))));
        assert_eq!(parts("1."), Some((0..1, 1..2, None)));
        assert_eq!(parts("1234 x"), Some((0..3, 3..3, Some(3))));
        assert_eq!(parts("7 \u{a0}x"), None);
        assert_eq!(parts("x 7"), None);
    }

    /// The articles the first question's answer cites, in order.
    fn cited(text: &str) -> Vec<ArticleRef> {
        parse(text, &Schema::builtin()).questions[0]
            .citations
            .iter()
            .flat_map(|c| c.targets.iter().map(|t| t.0))
            .collect()
    }

    #[test]
    fn citations_of_other_instruments_are_not_citations() {
        let text = "18. Describe the obligations of the alliance partners.\nSelf-defence under Article 51 of the Charter (Art. 5); see Art. 4 of the Treaty of Sinchula and Art. 3 of the Treaty; \"de conformidad con el inciso 2º del artículo 36 del Estatuto de la Corte\" (Art. 31), \"l'article 51 de la Charte des Nations Unies\", \"Artikel 51 der Satzung\" (Art. 5 del presente Tratado).\n";
        let cited = cited(text);
        assert_eq!(
            cited,
            [5, 3, 31, 5].map(ArticleRef::Article),
            "the Charter's, the Statute's and the Satzung's articles are not the treaty's"
        );
    }

    /// An instrument named just before a citation, in its parenthesis: another instrument's
    /// article ("(Panama Canal Treaty, Art. IV)", a coder citing the companion treaty), unless
    /// the name is the treaty's own.
    #[test]
    fn citations_after_another_instrument_s_name() {
        let named_before = "18. Describe the obligations of the alliance partners.\nBases (Panama Canal Treaty, Art. IV); consult (UN Charter, Art. 51; Art. 2); the Treaty, Art. 3; (the present Treaty, Art. 1).\n";
        assert_eq!(
            cited(named_before),
            [2, 3, 1].map(ArticleRef::Article),
            "the Panama Canal Treaty's and the UN Charter's articles are not the treaty's"
        );
    }

    /// A treaty numbered in clauses is cited by clause; a clause of a cited article is no
    /// citation of its own.
    #[test]
    fn clauses_are_cited_like_articles() {
        let text = "18. Describe the obligations of the alliance partners.\nConsult (clause 4); secretariat (clauses 37 to 39); aid (Art. 5, clause 2); CLAUSE 12.\n";
        let cited = cited(text);
        assert_eq!(cited, [4, 37, 38, 39, 5, 12].map(ArticleRef::Article));
    }

    #[test]
    fn citations_into_parts() {
        let schema = Schema::builtin();
        let text = "18. Describe the obligations of the alliance partners.\nConsult (Annex I, Art. 4); spheres (Secret Additional Protocol, Art. 2); Art. 3 of the Protocol; (Art. 5); Art. 2 of the Protocol of 1951.\n";
        let sheet = parse(text, &schema);
        let parts: Vec<(Option<PartName>, Vec<ArticleRef>)> = sheet.questions[0]
            .citations
            .iter()
            .map(|c| (c.part.clone(), c.targets.iter().map(|t| t.0).collect()))
            .collect();
        let part = |w: &str, number| {
            Some(PartName {
                word: w.to_string(),
                number,
            })
        };
        let a = |n| vec![ArticleRef::Article(n)];
        assert_eq!(
            parts,
            [
                (part("annex", Some(1)), a(4)),
                (part("protocol", None), a(2)),
                (part("protocol", None), a(3)),
                (None, a(5)),
            ]
        );
    }

    #[test]
    fn quotations_pair_their_marks() {
        fn spans(t: &str) -> Vec<&str> {
            quotations(t).into_iter().map(|q| &t[q]).collect()
        }
        assert_eq!(spans("a “b” c \"d\" e"), ["“b", "\"d"]);
        // A stray opening mark, then a real quotation; an unclosed one at the end.
        assert_eq!(spans("“Yes. Art.1. “The Parties” x “y"), ["“The Parties"]);
        assert_eq!(spans("”x“"), Vec::<&str>::new());
    }

    #[test]
    fn numbered_lines_of_a_quotation_are_not_members() {
        let schema = Schema::builtin();
        let text = "4. Members of alliance (use COW country codes):\n710 China\nThe treaty says: “The Parties agree:\n2 Parties shall consult.\n1903 Act.”\n705 Kazakhstan\n5. Was the alliance signed during war?\nNo.\n";
        let sheet = parse(text, &schema);
        let codes: Vec<u32> = sheet.questions[0].members.iter().map(|m| m.code).collect();
        assert_eq!(codes, [710, 705]);
        // A mark that nothing closes (PDF debris) hides no member.
        let stray = text.replace("Act.”", "Act.");
        let codes: Vec<u32> = parse(&stray, &schema).questions[0]
            .members
            .iter()
            .map(|m| m.code)
            .collect();
        assert_eq!(codes, [710, 2, 1903, 705]);
    }

    #[test]
    fn never_panics_on_odd_text() {
        let schema = Schema::builtin();
        for t in [
            "",
            "\u{feff}",
            "\r\r\n",
            "1.",
            "SECTION",
            "61. Coder:",
            "44,\n",
            "Art. 999999999999",
            "#",
            "1. ATOP ID:\u{0}\u{feff}😀",
        ] {
            let _ = parse(t, &schema);
        }
    }
}

#[cfg(test)]
mod line_breaks {
    use crate::rules::RuleSettings;
    use crate::{Env, TreatyText, analyze};

    const SEED: &str = include_str!("../../examples/5030/5030.codesheet.txt");
    const TREATY: &str = include_str!("../../examples/5030/5030.treaty.zh.txt");

    /// The codes and questions of the seed's diagnostics, for a variant of its text.
    fn findings(text: &str) -> Vec<(String, Option<u32>, String)> {
        let treaty = vec![TreatyText {
            text: TREATY.replace('\n', "\r\n"),
            lang: Some("zh".into()),
        }];
        analyze(text, treaty, &Env::default(), &RuleSettings::default())
            .diagnostics
            .into_iter()
            .map(|d| (d.code.to_string(), d.question, text[d.span].to_string()))
            .collect()
    }

    #[test]
    fn crlf_lone_cr_bom_and_tabs_read_the_same() {
        let base = findings(SEED);
        assert!(base.len() >= 10);
        assert_eq!(findings(&SEED.replace('\n', "\r\n")), base);
        assert_eq!(findings(&SEED.replace('\n', "\r")), base);
        assert_eq!(findings(&format!("\u{feff}{SEED}")), base);
        let tabbed = SEED
            .replace("\n710 China", "\n\t710 China")
            .replace("\nNo.\n", "\nNo.\t\n");
        assert_eq!(findings(&tabbed), base);
    }
}
