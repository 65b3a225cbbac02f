//! The questionnaire schema: sections, questions, answer kinds. Data in
//! `schemas/atop-codesheet-v4.json`, validated by `schemas/codesheet.schema.json`.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// The highest question number: sheets write question numbers with up to three digits.
pub const MAX_QUESTION: u32 = 999;

/// How many other questions a `yes_no_answers` entry reads at most (each doubles its cases).
pub const MAX_WITH: usize = 3;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    #[serde(rename = "$schema", default)]
    pub json_schema: Option<String>,
    pub name: String,
    pub version: String,
    #[serde(default)]
    pub source: String,
    pub sections: Vec<Section>,
    pub alliance_types: Vec<AllianceType>,
    pub questions: Vec<Question>,
    /// Question number → its place in `questions` (numbers are at most [`MAX_QUESTION`]).
    #[serde(skip)]
    by_number: Vec<Option<usize>>,
    #[serde(skip)]
    prompt_words: Vec<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub number: u32,
    pub title: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllianceType {
    pub id: String,
    pub label: String,
    pub names: Vec<String>,
    pub variable: String,
    /// Lower-case words of each name, read once with the schema.
    #[serde(skip)]
    pub name_words: Vec<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub number: u32,
    pub section: u32,
    pub prompt: String,
    pub answer: Answer,
    #[serde(default = "yes")]
    pub required: bool,
    #[serde(default)]
    pub role: Option<Role>,
    #[serde(default)]
    pub urls_allowed: bool,
    #[serde(default)]
    pub cow_codes: bool,
    #[serde(default)]
    pub evidence: Option<String>,
    #[serde(default)]
    pub variables: String,
    /// The dataset variables the answer determines, and how.
    #[serde(default)]
    pub export: Vec<Export>,
    /// Whether `atop-lint diff` compares two coders' answers (not comments, citations, revision
    /// dates or coder names, which differ between coders by nature).
    #[serde(default = "yes")]
    pub compare: bool,
}

fn yes() -> bool {
    true
}

/// How one dataset variable (a column of the release) derives from a question's answer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Export {
    /// The column, lower case as in the release (`milcon`); for `members`, the prefix of the
    /// numbered columns (`mem` → `mem1`, `mem2`, …).
    pub variable: String,
    /// The dataset the variable is a column of: one row per alliance, or one per member.
    #[serde(default)]
    pub level: Level,
    pub from: Derivation,
    /// The code when the derivation's test holds (the answer says Yes, a listed type, still in
    /// effect, exactly two members).
    #[serde(default)]
    pub yes: Option<Code>,
    /// The code when it does not.
    #[serde(default)]
    pub no: Option<Code>,
    /// For `category`: the question's option → its code.
    #[serde(default)]
    pub options: BTreeMap<String, Code>,
    /// For `alliance_types`: the type ids any of which makes the test hold.
    #[serde(default)]
    pub types: Vec<String>,
    /// For `date`: which part of the earliest date.
    #[serde(default)]
    pub part: Option<DatePart>,
    /// Finer readings of a Yes (or of an answer that only describes the provision), in order:
    /// the first whose cue the answer has gives the code; failing that, the first whose treaty
    /// topic the treaty shows; failing both, `yes`.
    #[serde(default)]
    pub readings: Vec<Reading>,
    /// For `yes_no_answers`: the other questions whose Yes or No the code reads beside the
    /// entry's own (CONRES: Q52 beside Q51).
    #[serde(default)]
    pub with: Vec<u32>,
    /// For `yes_no_answers`: the code of each combination of Yes and No among the questions
    /// read.
    #[serde(default)]
    pub cases: Vec<AnswerCase>,
    /// The variable's definition in the ATOP codebook, in short, with its page.
    #[serde(default)]
    pub codebook: Option<CodebookEntry>,
    /// What is certain about the coding and what is not: the column's documentation.
    pub certainty: String,
    /// The evidence for the mapping.
    pub source: String,
}

/// A level of the ATOP release: the alliance-level file, or the member-level file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    #[default]
    Alliance,
    Member,
}

impl Export {
    /// The questions whose answers the entry reads: its own (`own`), then `with`'s.
    pub fn questions(&self, own: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::once(own).chain(self.with.iter().copied())
    }
}

/// One combination of answers among the questions a `yes_no_answers` entry reads.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerCase {
    /// The questions that say Yes; the others say No.
    pub yes: Vec<u32>,
    pub code: Code,
}

/// One case of a variable's codebook definition that words in the answer, or a provision of
/// the treaty, show.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    pub code: Code,
    /// The case, in the codebook's terms ("automatic renewal unless notice").
    pub means: String,
    /// Patterns (regular expressions, case aside) an answer showing the case has.
    #[serde(default)]
    pub answer: Cues,
    /// The treaty-evidence topic that shows the case when the answer does not settle it.
    #[serde(default)]
    pub treaty: Option<String>,
}

/// Case-insensitive patterns. Their syntax is checked when a user's schema is read (the built-in
/// schema's are checked by the test suite: `the_builtin_schema_passes_the_checks_it_skips`); they
/// are compiled when first searched, since only `export` and the drafts read them and compiling
/// the built-in schema's two hundred was most of a `check` process's start-up.
#[derive(Debug, Default, Deserialize)]
#[serde(try_from = "Vec<String>")]
pub struct Cues {
    sources: Vec<String>,
    compiled: OnceLock<Vec<regex::Regex>>,
}

fn cue_builder(pattern: &str) -> regex::RegexBuilder {
    let mut builder = regex::RegexBuilder::new(pattern);
    builder.case_insensitive(true);
    builder
}

thread_local! {
    /// Whether `Cues` check their patterns' syntax as they are read: off only while this thread
    /// reads the built-in schema (`Schema::parse_builtin`). The check runs inside
    /// deserialization, where an error gets the line and path of the pattern; on the built-in
    /// schema it was 4.9 M instructions of the 109 M a `check` of the seed cost.
    static CHECK_CUES: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

impl TryFrom<Vec<String>> for Cues {
    type Error = regex_syntax::ast::Error;
    fn try_from(sources: Vec<String>) -> Result<Self, Self::Error> {
        // The syntax only: translating two hundred case-insensitive patterns took as long as
        // the rest of the start-up.
        if CHECK_CUES.get() {
            for p in &sources {
                regex_syntax::ast::parse::Parser::new().parse(p)?;
            }
        }
        Ok(Cues {
            sources,
            compiled: OnceLock::new(),
        })
    }
}

impl Cues {
    /// The earliest place in `text` where a pattern matches.
    pub fn find(&self, text: &str) -> Option<std::ops::Range<usize>> {
        // A pattern whose syntax was accepted fails to compile only with a class the regex crate
        // does not know (`\p{Foo}`) or past its size limit; it then matches nothing (the built-in
        // schema's all compile: `every_answer_cue_compiles`).
        let compiled = self.compiled.get_or_init(|| {
            let built = self.sources.iter().map(|p| cue_builder(p).build());
            built.filter_map(Result::ok).collect()
        });
        compiled
            .iter()
            .filter_map(|re| re.find(text))
            .map(|m| m.range())
            .min_by_key(|r| r.start)
    }
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }
}

/// Where the codebook defines a variable.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodebookEntry {
    /// The codebook's page number (as printed) where the definition starts.
    pub page: u32,
    /// The definition in short.
    pub definition: String,
}

/// What an answer is read as, for export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Derivation {
    /// The answer's number.
    Integer,
    /// A part of the earliest date the answer gives.
    Date,
    /// The members' COW codes, in ascending order, in numbered columns.
    Members,
    /// Whether exactly two members are listed.
    TwoMembers,
    /// The leading Yes or No (for a list answer: No, or something listed).
    YesNo,
    /// The option the answer starts with.
    Category,
    /// The term in months the answer states ("for a term of 20 years" → 240); `no` for No.
    Duration,
    /// Whether any of `types` is listed.
    AllianceTypes,
    /// Whether the answer says the alliance is still in effect (rather than giving a date).
    InEffect,
    /// The Yes or No of the entry's question and of the `with` questions together, by `cases`.
    YesNoAnswers,
    /// Member level: the member's COW code, one row per member listed.
    Member,
    /// Member level: a part of the member's date of entry, from the signature-date question.
    MemberEntry,
    /// Member level: a part of the member's date of exit, from the termination question; 0
    /// while still in effect.
    MemberExit,
    /// Member level: whether the termination question says still in effect (`yes`) or gives
    /// the member a date (`no`).
    MemberInEffect,
    /// Member level: the Yes or No for a member that entered at the signing (the earliest
    /// signature date); a member that entered later is not determined.
    FounderYesNo,
}

impl Derivation {
    /// The level of the release the derivation's values belong to.
    pub fn level(self) -> Level {
        match self {
            Derivation::Member
            | Derivation::MemberEntry
            | Derivation::MemberExit
            | Derivation::MemberInEffect
            | Derivation::FounderYesNo => Level::Member,
            _ => Level::Alliance,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePart {
    Year,
    Month,
    Day,
}

/// A value of a dataset variable: an exact code, or only "not zero" where the finer coding is
/// not known for certain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Code {
    Exact(i64),
    NonZero,
}

impl Code {
    /// Whether a value of the release agrees with this code.
    pub fn admits(self, value: i64) -> bool {
        match self {
            Code::Exact(c) => c == value,
            Code::NonZero => value != 0,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Exact(c) => write!(f, "{c}"),
            Code::NonZero => f.write_str(">0"),
        }
    }
}

/// As in the schema file: a number, or the string ">0".
impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Code::Exact(c) => s.serialize_i64(*c),
            Code::NonZero => s.serialize_str(">0"),
        }
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Code;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an integer code or \">0\"")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Code, E> {
                Ok(Code::Exact(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Code, E> {
                i64::try_from(v)
                    .map(Code::Exact)
                    .map_err(|_| E::custom("code out of range"))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Code, E> {
                if v == ">0" {
                    Ok(Code::NonZero)
                } else {
                    Err(E::invalid_value(serde::de::Unexpected::Str(v), &self))
                }
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub kind: AnswerKind,
    #[serde(default)]
    pub describe: Describe,
    #[serde(default)]
    pub na_allowed: bool,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub open: bool,
    #[serde(default)]
    pub alternatives: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    YesNo,
    Integer,
    Date,
    Members,
    Category,
    Count,
    Termination,
    AllianceTypes,
    List,
    Text,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Describe {
    IfYes,
    IfNo,
    #[default]
    Never,
}

/// The name the schema file uses for a unit variant (the enums read it in snake case): its Rust
/// name in snake case (`SignatureDate` → `signature_date`).
pub fn schema_name(variant: impl fmt::Debug) -> String {
    let mut name = String::new();
    for c in format!("{variant:?}").chars() {
        if c.is_ascii_uppercase() && !name.is_empty() {
            name.push('_');
        }
        name.push(c.to_ascii_lowercase());
    }
    name
}

/// What a question means to rules that look across questions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    AtopId,
    CowAlliance,
    SignatureDate,
    Members,
    Wartime,
    Establishment,
    Publicity,
    Accession,
    FutureMembers,
    Duration,
    Renunciation,
    Renewal,
    Renewals,
    TerminationDate,
    TerminationCause,
    AllianceTypes,
    Obligations,
    Contingencies,
    ContingencyLimits,
    Target,
    MilitaryContact,
    Organizations,
    InternationalOrganizations,
    Comments,
    Citation,
    LastRevision,
    Coder,
}

/// A schema file that could not be read: the file, the line and column, the field path.
#[derive(Debug)]
pub struct SchemaError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub path: String,
    pub message: String,
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if !self.path.is_empty() && self.path != "." {
            write!(f, "at `{}`: ", self.path)?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for SchemaError {}

/// Lower-case words of a text, letters and digits only.
pub fn words(text: &str) -> Vec<String> {
    written_words(text).map(str::to_lowercase).collect()
}

/// The alphanumeric words of `text`, as written.
fn written_words(text: &str) -> impl Iterator<Item = &str> {
    crate::text::written_word_spans(text, 0..text.len()).map(|(word, _)| word)
}

/// Whether two words are one once lower-cased as [`words`] does it (without allocating when
/// both are ASCII, as nearly all are).
pub fn same_word(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// Whether `text`'s first words are `phrase`'s words (case and punctuation aside). Reads only
/// as many words of `text` as `phrase` has.
pub fn starts_with_words(text: &str, phrase: &str) -> bool {
    let mut text_words = written_words(text);
    let mut any = false;
    for p in written_words(phrase) {
        any = true;
        if !text_words.next().is_some_and(|t| same_word(t, p)) {
            return false;
        }
    }
    any
}

impl Schema {
    /// Reads a schema; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Schema, SchemaError> {
        // Tracking the path costs a fifth of reading the schema: it is only worked out for a
        // schema that fails to read.
        let mut schema: Schema = match serde_json::from_str(text) {
            Ok(schema) => schema,
            Err(plain) => return Err(Schema::read_error(file, text, plain)),
        };
        schema.index(file, text)?;
        Ok(schema)
    }

    /// Reads the built-in schema, fixed at build time: without the answer cues' syntax check,
    /// which the test suite runs on it (`the_builtin_schema_passes_the_checks_it_skips`). Every
    /// other check is made as for any schema.
    fn parse_builtin() -> Result<Schema, SchemaError> {
        /// Turns the check back on however the reading ends.
        struct CheckAgain;
        impl Drop for CheckAgain {
            fn drop(&mut self) {
                CHECK_CUES.set(true);
            }
        }
        CHECK_CUES.set(false);
        let _check_again = CheckAgain;
        Schema::parse(crate::embedded::SCHEMA_V4_NAME, crate::embedded::SCHEMA_V4)
    }

    /// The error of a schema that fails to read (`plain`, without its path), with the path to
    /// where it fails.
    fn read_error(file: &str, text: &str, plain: serde_json::Error) -> SchemaError {
        let de = &mut serde_json::Deserializer::from_str(text);
        let (inner, path) = match serde_path_to_error::deserialize::<_, Schema>(de) {
            Err(e) => {
                let path = e.path().to_string();
                (e.into_inner(), path)
            }
            // Not reached: the same text fails the same way.
            Ok(_) => (plain, String::new()),
        };
        SchemaError {
            file: file.to_string(),
            line: inner.line(),
            column: inner.column(),
            path,
            message: inner
                .to_string()
                .split(" at line ")
                .next()
                .unwrap_or("")
                .to_string(),
        }
    }

    fn index(&mut self, file: &str, text: &str) -> Result<(), SchemaError> {
        let err = |i: usize, field: &str, message: String| {
            // Point at the question's "number" line for a readable location.
            let needle = format!("\"number\": {}", self.questions[i].number);
            let from = text.find("\"questions\"").unwrap_or(0);
            let line = text[from..]
                .find(&needle)
                .map_or(1, |at| text[..from + at].matches('\n').count() + 1);
            SchemaError {
                file: file.to_string(),
                line,
                column: 1,
                path: format!("questions[{i}].{field}"),
                message,
            }
        };
        if self.questions.is_empty() {
            let line = text
                .find("\"questions\"")
                .map_or(1, |at| text[..at].matches('\n').count() + 1);
            return Err(SchemaError {
                file: file.to_string(),
                line,
                column: 1,
                path: "questions".into(),
                message: "no questions: a schema asks at least one".into(),
            });
        }
        for (i, q) in self.questions.iter().enumerate() {
            if q.number > MAX_QUESTION {
                return Err(err(
                    i,
                    "number",
                    format!(
                        "question {} is numbered above {MAX_QUESTION}: sheets number questions with up to three digits",
                        q.number
                    ),
                ));
            }
            let n = q.number as usize;
            if self.by_number.len() <= n {
                self.by_number.resize(n + 1, None);
            }
            if self.by_number[n].replace(i).is_some() {
                return Err(err(
                    i,
                    "number",
                    format!("question {} is defined twice", q.number),
                ));
            }
            if !self.sections.iter().any(|s| s.number == q.section) {
                return Err(err(i, "section", format!("no section {}", q.section)));
            }
            if q.answer.kind == AnswerKind::Category && q.answer.options.is_empty() {
                return Err(err(
                    i,
                    "answer.options",
                    "a category answer needs options".into(),
                ));
            }
        }
        // Every question is indexed: an entry may read another question.
        let mut seen = std::collections::BTreeSet::new();
        for (i, q) in self.questions.iter().enumerate() {
            for (j, e) in q.export.iter().enumerate() {
                self.check_export(q, e)
                    .map_err(|(field, message)| err(i, &format!("export[{j}].{field}"), message))?;
                if !seen.insert((e.level, e.variable.as_str())) {
                    return Err(err(
                        i,
                        &format!("export[{j}].variable"),
                        format!("variable `{}` is exported twice", e.variable),
                    ));
                }
            }
        }
        self.prompt_words = self.questions.iter().map(|q| words(&q.prompt)).collect();
        for t in &mut self.alliance_types {
            t.name_words = t.names.iter().map(|n| words(n)).collect();
        }
        Ok(())
    }

    /// Whether an export entry fits its question; else the field at fault and why.
    fn check_export(&self, q: &Question, e: &Export) -> Result<(), (&'static str, String)> {
        use Derivation as D;
        let column_name = !e.variable.is_empty()
            && e.variable
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !column_name {
            return Err((
                "variable",
                format!(
                    "`{}` is not a lower-case column name (letters, digits, _)",
                    e.variable
                ),
            ));
        }
        let kinds: &[AnswerKind] = match e.from {
            D::Integer => &[AnswerKind::Integer, AnswerKind::Count],
            D::Date => &[AnswerKind::Date],
            D::Members | D::TwoMembers => &[AnswerKind::Members],
            D::YesNo | D::YesNoAnswers => &[AnswerKind::YesNo, AnswerKind::List],
            D::Category => &[AnswerKind::Category],
            D::Duration => &[AnswerKind::YesNo],
            D::AllianceTypes => &[AnswerKind::AllianceTypes],
            D::InEffect | D::MemberExit | D::MemberInEffect => &[AnswerKind::Termination],
            D::Member => &[AnswerKind::Members],
            D::MemberEntry => &[AnswerKind::Date],
            D::FounderYesNo => &[AnswerKind::YesNo],
        };
        if !kinds.contains(&q.answer.kind) {
            return Err((
                "from",
                format!(
                    "`{}` does not apply to a `{}` answer",
                    schema_name(e.from),
                    schema_name(q.answer.kind)
                ),
            ));
        }
        if e.level != e.from.level() {
            return Err((
                "level",
                format!(
                    "`{}` gives no value of the `{}` level",
                    schema_name(e.from),
                    schema_name(e.level)
                ),
            ));
        }
        // The member-level readings find the members and their dates by role.
        let role = match e.from {
            D::Member => Some(Role::Members),
            D::MemberEntry => Some(Role::SignatureDate),
            D::MemberExit | D::MemberInEffect => Some(Role::TerminationDate),
            _ => None,
        };
        if let Some(role) = role
            && q.role != Some(role)
        {
            return Err((
                "from",
                format!(
                    "`{}` reads the question of role `{}`",
                    schema_name(e.from),
                    schema_name(role)
                ),
            ));
        }
        let takes_yes_no = matches!(
            e.from,
            D::TwoMembers
                | D::YesNo
                | D::AllianceTypes
                | D::InEffect
                | D::MemberInEffect
                | D::FounderYesNo
        );
        if takes_yes_no && e.yes.is_none() && e.no.is_none() {
            return Err((
                "yes",
                format!("`{}` needs a `yes` or `no` code", schema_name(e.from)),
            ));
        }
        if e.yes.is_some() && !takes_yes_no {
            return Err((
                "yes",
                format!("`{}` takes no `yes` code", schema_name(e.from)),
            ));
        }
        if e.no.is_some() && !takes_yes_no && e.from != D::Duration {
            return Err((
                "no",
                format!("`{}` takes no `no` code", schema_name(e.from)),
            ));
        }
        if (e.from == D::Category) == e.options.is_empty() {
            return Err((
                "options",
                "`options` go with `category`, and only there".into(),
            ));
        }
        if let Some(o) = e.options.keys().find(|o| !q.answer.options.contains(o)) {
            return Err(("options", format!("`{o}` is not an option of the question")));
        }
        if (e.from == D::AllianceTypes) == e.types.is_empty() {
            return Err((
                "types",
                "`types` go with `alliance_types`, and only there".into(),
            ));
        }
        if let Some(t) = e
            .types
            .iter()
            .find(|t| !self.alliance_types.iter().any(|a| &a.id == *t))
        {
            return Err(("types", format!("no alliance type `{t}`")));
        }
        if matches!(e.from, D::Date | D::MemberEntry | D::MemberExit) != e.part.is_some() {
            return Err((
                "part",
                "`part` goes with `date`, `member_entry` and `member_exit`, and only there".into(),
            ));
        }
        if !e.readings.is_empty() && !matches!(e.from, D::YesNo | D::Duration) {
            return Err((
                "readings",
                "`readings` go with `yes_no` and `duration`, and only there".into(),
            ));
        }
        if e.from == D::Duration
            && e.readings
                .iter()
                .any(|r| r.answer.is_empty() || r.treaty.is_some())
        {
            return Err((
                "readings",
                "a `duration` reading needs `answer` patterns and no `treaty` topic".into(),
            ));
        }
        if e.readings
            .iter()
            .any(|r| r.answer.is_empty() && r.treaty.is_none())
        {
            return Err((
                "readings",
                "a reading needs `answer` patterns or a `treaty` topic".into(),
            ));
        }
        self.check_answer_cases(q, e)
    }

    /// Whether a `yes_no_answers` entry reads Yes/No questions other than its own, at most
    /// [`MAX_WITH`] of them, and gives a code for every combination of their answers once.
    fn check_answer_cases(&self, q: &Question, e: &Export) -> Result<(), (&'static str, String)> {
        if (e.from == Derivation::YesNoAnswers) == (e.with.is_empty() || e.cases.is_empty()) {
            return Err((
                "with",
                "`with` and `cases` go with `yes_no_answers`, and only there".into(),
            ));
        }
        if e.from != Derivation::YesNoAnswers {
            return Ok(());
        }
        let read: Vec<u32> = e.questions(q.number).collect();
        for (k, &n) in read.iter().enumerate().skip(1) {
            let fits = self
                .question(n)
                .is_some_and(|w| matches!(w.answer.kind, AnswerKind::YesNo | AnswerKind::List));
            if !fits || read[..k].contains(&n) {
                return Err((
                    "with",
                    format!("Q{n} is not another yes/no question of the schema"),
                ));
            }
        }
        if e.with.len() > MAX_WITH {
            return Err(("with", format!("more than {MAX_WITH} questions")));
        }
        let mut combinations = std::collections::BTreeSet::new();
        for case in &e.cases {
            if let Some(n) = case.yes.iter().find(|n| !read.contains(n)) {
                return Err(("cases", format!("Q{n} is not a question the entry reads")));
            }
            let says_yes: Vec<bool> = read.iter().map(|n| case.yes.contains(n)).collect();
            if !combinations.insert(says_yes) {
                return Err(("cases", format!("Yes to {:?} is given twice", case.yes)));
            }
        }
        if combinations.len() != 1 << read.len() {
            return Err((
                "cases",
                format!(
                    "{} of the {} combinations of Yes and No have a code",
                    combinations.len(),
                    1 << read.len()
                ),
            ));
        }
        Ok(())
    }

    /// Every export entry of both levels, with its question, in schema order.
    fn all_exports(&self) -> impl Iterator<Item = (&Question, &Export)> {
        self.questions
            .iter()
            .flat_map(|q| q.export.iter().map(move |e| (q, e)))
    }

    /// The alliance-level export entries, with their questions, in schema order.
    pub fn exports(&self) -> impl Iterator<Item = (&Question, &Export)> {
        self.all_exports()
            .filter(|(_, e)| e.level == Level::Alliance)
    }

    /// The member-level export entries, with their questions, in schema order.
    pub fn member_exports(&self) -> impl Iterator<Item = (&Question, &Export)> {
        self.all_exports().filter(|(_, e)| e.level == Level::Member)
    }

    /// The export entries of both levels that read question `n`'s answer, its own and other
    /// questions'.
    pub fn exports_reading(&self, n: u32) -> impl Iterator<Item = &Export> {
        self.all_exports()
            .filter(move |(q, e)| e.questions(q.number).any(|m| m == n))
            .map(|(_, e)| e)
    }

    /// The schema embedded in the binary.
    pub fn builtin() -> Arc<Schema> {
        static SCHEMA: OnceLock<Arc<Schema>> = OnceLock::new();
        SCHEMA
            .get_or_init(|| {
                Arc::new(
                    Schema::parse_builtin().expect("embedded schema is checked by the test suite"),
                )
            })
            .clone()
    }

    pub fn question(&self, number: u32) -> Option<&Question> {
        let i = (*self.by_number.get(number as usize)?)?;
        Some(&self.questions[i])
    }

    /// Lower-case words of question `number`'s prompt.
    pub fn prompt_words(&self, number: u32) -> &[String] {
        match self.by_number.get(number as usize) {
            Some(Some(i)) => &self.prompt_words[*i],
            _ => &[],
        }
    }

    pub fn by_role(&self, role: Role) -> Option<&Question> {
        self.questions.iter().find(|q| q.role == Some(role))
    }

    pub fn section(&self, number: u32) -> Option<&Section> {
        self.sections.iter().find(|s| s.number == number)
    }

    pub fn first_number(&self) -> u32 {
        self.questions.iter().map(|q| q.number).min().unwrap_or(1)
    }
    pub fn last_number(&self) -> u32 {
        self.questions.iter().map(|q| q.number).max().unwrap_or(0)
    }

    /// The alliance type a word names ("defense", "Nonaggression").
    pub fn alliance_type(&self, word: &str) -> Option<&AllianceType> {
        let w = word.to_lowercase();
        let w = w.trim();
        self.alliance_types
            .iter()
            .find(|t| t.names.iter().any(|n| n == w) || t.id == w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_schema() {
        let s = Schema::builtin();
        assert_eq!(s.questions.len(), 61);
        assert_eq!(s.question(11).unwrap().answer.kind, AnswerKind::YesNo);
        assert_eq!(s.by_role(Role::LastRevision).unwrap().number, 60);
        assert_eq!(s.prompt_words(1), ["atop", "id"]);
        assert_eq!(s.alliance_type("Defence").unwrap().id, "defense");
        let milcon = s.exports().find(|(_, e)| e.variable == "milcon").unwrap();
        assert_eq!(milcon.0.role, Some(Role::MilitaryContact));
        assert_eq!(
            (milcon.1.yes, milcon.1.no),
            (Some(Code::NonZero), Some(Code::Exact(0)))
        );
        assert!(!s.question(61).unwrap().compare);
        assert!(s.question(4).unwrap().compare);
    }

    #[test]
    fn every_answer_cue_compiles() {
        let schema = Schema::builtin();
        let readings = schema.exports().flat_map(|(_, e)| &e.readings);
        for cues in readings.map(|r| &r.answer) {
            for p in &cues.sources {
                assert!(cue_builder(p).build().is_ok(), "{p}");
            }
        }
    }

    /// The built-in schema is read without the cues' syntax check: here it is read with it.
    #[test]
    fn the_builtin_schema_passes_the_checks_it_skips() {
        use crate::embedded::{SCHEMA_V4, SCHEMA_V4_NAME};
        assert!(CHECK_CUES.get());
        let checked = Schema::parse(SCHEMA_V4_NAME, SCHEMA_V4).unwrap();
        let builtin = Schema::parse_builtin().unwrap();
        let cues = |s: &Schema| -> Vec<Vec<String>> {
            let readings = s.exports().flat_map(|(_, e)| &e.readings);
            readings.map(|r| r.answer.sources.clone()).collect()
        };
        assert_eq!(cues(&checked), cues(&builtin));
        assert!(cues(&checked).iter().any(|c| !c.is_empty()));
        // Reading the built-in schema leaves the check on for the next schema read.
        assert!(CHECK_CUES.get());
    }

    /// A user's schema (`--schema`, the language server's setting) has its cues checked, with
    /// the error it had when every schema was: file, line and column, path, the parser's
    /// message; after the built-in schema was read in the same thread too.
    #[test]
    fn a_broken_answer_cue_in_a_users_schema_names_file_line_and_field() {
        let broken = crate::embedded::SCHEMA_V4.replacen(r#""unanim","#, r#""unanim (","#, 1);
        let expected = "my.json:391:13: at `questions[7].export[0].readings[0].answer`: \
            regex parse error:\n    unanim (\n           ^\nerror: unclosed group";
        assert_eq!(
            Schema::parse("my.json", &broken).unwrap_err().to_string(),
            expected
        );
        Schema::parse_builtin().unwrap();
        assert_eq!(
            Schema::parse("my.json", &broken).unwrap_err().to_string(),
            expected
        );
    }

    #[test]
    fn a_broken_answer_cue_is_an_error_when_the_schema_is_read() {
        let cues: Result<Cues, _> = serde_json::from_str(r#"["notice (Art"]"#);
        assert!(cues.unwrap_err().to_string().contains("unclosed group"));
        let cues: Cues = serde_json::from_str(r#"["with(out)? notice"]"#).unwrap();
        assert_eq!(cues.find("Terminated WITHOUT Notice"), Some(11..25));
    }

    /// codesheet.schema.json, which editors validate the schema with, allows what the model
    /// reads: the export fields, the derivations, the question's `export` and `compare`.
    #[test]
    fn json_schema_names_what_the_model_reads() {
        let js: serde_json::Value =
            serde_json::from_str(include_str!("../../schemas/codesheet.schema.json")).unwrap();
        let keys = |v: &serde_json::Value| -> Vec<String> {
            v.as_object().unwrap().keys().cloned().collect()
        };
        let export = &js["$defs"]["export"]["properties"];
        assert_eq!(
            keys(export),
            [
                "cases",
                "certainty",
                "codebook",
                "from",
                "level",
                "no",
                "options",
                "part",
                "readings",
                "source",
                "types",
                "variable",
                "with",
                "yes"
            ]
        );
        let from: Vec<&str> = export["from"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let derivations = [
            Derivation::Integer,
            Derivation::Date,
            Derivation::Members,
            Derivation::TwoMembers,
            Derivation::YesNo,
            Derivation::Category,
            Derivation::Duration,
            Derivation::AllianceTypes,
            Derivation::InEffect,
            Derivation::YesNoAnswers,
            Derivation::Member,
            Derivation::MemberEntry,
            Derivation::MemberExit,
            Derivation::MemberInEffect,
            Derivation::FounderYesNo,
        ];
        assert_eq!(from, derivations.map(schema_name));
        let question = keys(&js["$defs"]["question"]["properties"]);
        assert!(
            question.contains(&"export".to_string()) && question.contains(&"compare".to_string())
        );
    }

    /// A one-question schema whose question is `question` (JSON members after "number").
    fn one_question(question: &str) -> String {
        format!(
            "{{\n  \"name\": \"x\",\n  \"version\": \"1\",\n  \"sections\": [{{\"number\": 1, \"title\": \"A\"}}],\n  \"alliance_types\": [],\n  \"questions\": [\n    {{\"number\": 1, \"section\": 1, \"prompt\": \"P\",\n     {question}}}\n  ]\n}}\n"
        )
    }

    #[test]
    fn broken_export_names_file_line_and_field() {
        let text = one_question(
            "\"answer\": {\"kind\": \"yes_no\"},\n     \"export\": [{\"variable\": \"milcon\", \"from\": \"yes_no\",\n       \"yes\": \">1\", \"certainty\": \"c\", \"source\": \"s\"}]",
        );
        let e = Schema::parse("my.json", &text).unwrap_err();
        assert_eq!(
            (e.line, e.path.as_str()),
            (10, "questions[0].export[0].yes")
        );
        assert!(
            e.message.contains("expected an integer code or \">0\""),
            "{}",
            e.message
        );
        let text = text.replace("\"from\": \"yes_no\"", "\"from\": \"category\"");
        let text = text.replace("\">1\"", "1");
        assert_eq!(
            Schema::parse("my.json", &text).unwrap_err().to_string(),
            "my.json:7:1: at `questions[0].export[0].from`: `category` does not apply to a `yes_no` answer"
        );
        let text = text.replace("\"from\": \"category\"", "\"from\": \"date\"");
        let text = text.replace("\"yes_no\"}", "\"date\"}");
        assert_eq!(
            Schema::parse("my.json", &text).unwrap_err().to_string(),
            "my.json:7:1: at `questions[0].export[0].yes`: `date` takes no `yes` code"
        );
        let text = one_question(
            "\"answer\": {\"kind\": \"yes_no\"},\n     \"export\": [{\"variable\": \"MILCON\", \"from\": \"yes_no\", \"yes\": 1, \"certainty\": \"c\", \"source\": \"s\"}]",
        );
        assert_eq!(
            Schema::parse("my.json", &text).unwrap_err().to_string(),
            "my.json:7:1: at `questions[0].export[0].variable`: `MILCON` is not a lower-case column name (letters, digits, _)"
        );
    }

    /// "ok" if the one-question schema of `question` reads, else its error.
    fn read_back(question: &str) -> String {
        Schema::parse("my.json", &one_question(question))
            .map_or_else(|e| e.to_string(), |_| "ok".into())
    }

    /// A `yes_no_answers` entry reads other yes/no questions of the schema and codes every
    /// combination of their answers once.
    #[test]
    fn answer_cases_cover_every_combination() {
        let schema = |with: &str, cases: &str| {
            read_back(&format!(
                "\"answer\": {{\"kind\": \"yes_no\"}},\n     \"export\": [{{\"variable\": \"conres\", \"from\": \"yes_no_answers\", \"with\": {with}, \"cases\": [{cases}], \"certainty\": \"c\", \"source\": \"s\"}}]}},\n    {{\"number\": 2, \"section\": 1, \"prompt\": \"Q\", \"answer\": {{\"kind\": \"yes_no\"}}"
            ))
        };
        let all = r#"{"yes": [], "code": 0}, {"yes": [1], "code": 1}, {"yes": [2], "code": 2}, {"yes": [1, 2], "code": ">0"}"#;
        let three = r#"{"yes": [], "code": 0}, {"yes": [1], "code": 1}, {"yes": [2], "code": 2}"#;
        let twice = r#"{"yes": [], "code": 0}, {"yes": [2, 1], "code": 1}, {"yes": [2], "code": 2}, {"yes": [1, 2], "code": ">0"}"#;
        let other = r#"{"yes": [3], "code": 0}"#;
        let at = "my.json:7:1: at `questions[0].export[0]";
        assert_eq!(
            [
                schema("[2]", all),
                schema("[3]", all),
                schema("[1]", all),
                schema("[2]", three),
                schema("[2]", twice),
                schema("[2]", other),
                schema("[]", all),
            ],
            [
                "ok".to_string(),
                format!("{at}.with`: Q3 is not another yes/no question of the schema"),
                format!("{at}.with`: Q1 is not another yes/no question of the schema"),
                format!("{at}.cases`: 3 of the 4 combinations of Yes and No have a code"),
                format!("{at}.cases`: Yes to [1, 2] is given twice"),
                format!("{at}.cases`: Q3 is not a question the entry reads"),
                format!("{at}.with`: `with` and `cases` go with `yes_no_answers`, and only there"),
            ]
        );
    }

    /// A member-level derivation goes with `"level": "member"` and reads its question by role.
    #[test]
    fn member_level_entries_fit_their_level() {
        let schema = |role: &str, level: &str| {
            read_back(&format!(
                "\"answer\": {{\"kind\": \"date\"}},{role}\n     \"export\": [{{\"variable\": \"yrent\",{level} \"from\": \"member_entry\", \"part\": \"year\", \"certainty\": \"c\", \"source\": \"s\"}}]"
            ))
        };
        let role = " \"role\": \"signature_date\",";
        let member = " \"level\": \"member\",";
        let at = "my.json:7:1: at `questions[0].export[0]";
        assert_eq!(
            [schema(role, member), schema(role, ""), schema("", member),],
            [
                "ok".to_string(),
                format!("{at}.level`: `member_entry` gives no value of the `alliance` level"),
                format!("{at}.from`: `member_entry` reads the question of role `signature_date`"),
            ]
        );
    }

    #[test]
    fn broken_schema_names_file_line_and_field() {
        let text = "{\n  \"name\": \"x\",\n  \"version\": \"1\",\n  \"sections\": [{\"number\": 1, \"title\": \"A\"}],\n  \"alliance_types\": [],\n  \"questions\": [\n    {\"number\": 1, \"section\": 1, \"prompt\": \"P\",\n     \"answer\": {\"kind\": \"maybe\"}}\n  ]\n}\n";
        let e = Schema::parse("my.json", text).unwrap_err();
        assert_eq!(e.file, "my.json");
        assert_eq!(e.line, 8);
        assert_eq!(e.path, "questions[0].answer.kind");
        assert!(
            e.message.contains("unknown variant `maybe`"),
            "{}",
            e.message
        );
        let dup = text.replace("]\n}", ", {\"number\": 1, \"section\": 1, \"prompt\": \"Q\", \"answer\": {\"kind\": \"text\"}}]\n}").replace("\"maybe\"", "\"text\"");
        let e = Schema::parse("my.json", &dup).unwrap_err();
        assert_eq!(
            e.to_string(),
            "my.json:7:1: at `questions[1].number`: question 1 is defined twice"
        );
        let high = text
            .replace(
                "\"number\": 1, \"section\"",
                "\"number\": 1000, \"section\"",
            )
            .replace("\"maybe\"", "\"text\"");
        assert_eq!(
            Schema::parse("my.json", &high).unwrap_err().to_string(),
            "my.json:7:1: at `questions[0].number`: question 1000 is numbered above 999: sheets number questions with up to three digits"
        );
        let top = Schema::parse("my.json", &high.replace("1000", "999")).unwrap();
        assert_eq!(top.question(999).map(|q| q.number), Some(999));
        assert!(top.question(1000).is_none());
    }

    /// A variable's definition in the codebook text: its printed page and the questions its
    /// "(Qn, m)" tags name.
    struct Defined {
        page: u32,
        questions: Vec<u32>,
    }

    /// The definitions of a section of the ATOP 5.1 codebook, by variable: a definition starts
    /// a line with the names and a colon ("BEGYR, BEGMO, BEGDAY:", "RENOUNCE (A):"); pages end
    /// in a form feed after their printed number.
    fn codebook_definitions(text: &str) -> BTreeMap<String, Defined> {
        let head = regex::Regex::new(r"^([A-Z][A-Z0-9]*(?:, [A-Z][A-Z0-9]*)*)(?: \([A-Za-z]+\))?:")
            .unwrap();
        let tag = regex::Regex::new(r"\(Q(\d+(?:,\s*\d+)*)\)").unwrap();
        let mut defs: BTreeMap<String, Defined> = BTreeMap::new();
        let mut current: Vec<String> = Vec::new();
        let mut body = String::new();
        let close = |names: &[String], body: &str, defs: &mut BTreeMap<String, Defined>| {
            let questions: Vec<u32> = tag
                .captures_iter(&body.split_whitespace().collect::<Vec<_>>().join(" "))
                .flat_map(|c| {
                    c[1].split(',')
                        .map(|n| n.trim().parse::<u32>().unwrap())
                        .collect::<Vec<_>>()
                })
                .collect();
            for n in names {
                if let Some(d) = defs.get_mut(n) {
                    d.questions.extend(&questions);
                }
            }
        };
        for page in text.split('\u{c}') {
            let number = page
                .lines()
                .filter_map(|l| l.trim().parse::<u32>().ok())
                .next_back();
            for line in page.lines() {
                if let Some(c) = head.captures(line) {
                    close(&current, &body, &mut defs);
                    body.clear();
                    current = c[1].split(", ").map(str::to_string).collect();
                    for n in &current {
                        defs.entry(n.clone()).or_insert(Defined {
                            page: number.unwrap_or(0),
                            questions: Vec::new(),
                        });
                    }
                }
                body.push_str(line);
                body.push('\n');
            }
        }
        close(&current, &body, &mut defs);
        defs
    }

    /// Every export entry cites the codebook's page for its variable and reads the question
    /// the codebook tags it with.
    #[test]
    fn exports_follow_the_codebook() {
        // Section 2.4 (the alliance level) and the start of 2.3 (the member level).
        let alliance = include_str!("../../data/atop/atop_5_1_codebook_2.4.txt");
        let member = include_str!("../../data/atop/atop_5_1_codebook_2.3.txt");
        let defs = codebook_definitions(alliance);
        let member_defs = codebook_definitions(member);
        assert_eq!(member_defs["COWWAR"].page, 18);
        assert_eq!(member_defs["YREXIT"].questions, [14]);
        assert_eq!(defs["RENOUNCE"].page, 38);
        assert_eq!(defs["DEFENSE"].questions, [16, 18]);
        assert_eq!(defs["CONDITIO"].questions, [19, 20, 22]);
        assert_eq!(defs["CONRES"].questions, [51, 52]);
        let schema = Schema::builtin();
        let mut checked = Vec::new();
        for (q, e) in schema.all_exports() {
            let defs = match e.level {
                Level::Alliance => &defs,
                Level::Member => &member_defs,
            };
            let name = match e.from {
                Derivation::Members => format!("{}1", e.variable.to_uppercase()),
                _ => e.variable.to_uppercase(),
            };
            let def = defs
                .get(&name)
                .unwrap_or_else(|| panic!("{name} is not in the codebook"));
            let cb = e
                .codebook
                .as_ref()
                .unwrap_or_else(|| panic!("{name} cites no page"));
            assert_eq!(cb.page, def.page, "{name}");
            let tagged = match name.as_str() {
                // The codebook tags RENEWLGT (Q13), the renewals that happened; the term of a
                // renewal is stated where Q12 describes the renewal provisions.
                "RENEWLGT" => def.questions == [13],
                // ATOPID, MEM1, BILAT and ACTIVE carry no tag.
                _ if def.questions.is_empty() => true,
                // A variable read from several answers reads exactly the questions tagged.
                _ if !e.with.is_empty() => e.questions(q.number).eq(def.questions.iter().copied()),
                _ => def.questions.contains(&q.number),
            };
            assert!(
                tagged,
                "{name} read from {:?}, tagged {:?}",
                e.questions(q.number).collect::<Vec<_>>(),
                def.questions
            );
            checked.push(name);
        }
        assert_eq!(checked.len(), 58 + 9);
    }
}
