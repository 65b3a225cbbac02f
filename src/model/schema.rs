//! The questionnaire schema: sections, questions, answer kinds. Data in
//! `schemas/atop-codesheet-v4.json`, validated by `schemas/codesheet.schema.json`.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

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
    #[serde(skip)]
    by_number: BTreeMap<u32, usize>,
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
}

fn yes() -> bool {
    true
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
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

impl Schema {
    /// Reads a schema; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Schema, SchemaError> {
        let de = &mut serde_json::Deserializer::from_str(text);
        let mut schema: Schema = serde_path_to_error::deserialize(de).map_err(|e| {
            let inner = e.inner();
            SchemaError {
                file: file.to_string(),
                line: inner.line(),
                column: inner.column(),
                path: e.path().to_string(),
                message: inner
                    .to_string()
                    .split(" at line ")
                    .next()
                    .unwrap_or("")
                    .to_string(),
            }
        })?;
        schema.index(file, text)?;
        Ok(schema)
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
        for (i, q) in self.questions.iter().enumerate() {
            if self.by_number.insert(q.number, i).is_some() {
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
        self.prompt_words = self.questions.iter().map(|q| words(&q.prompt)).collect();
        Ok(())
    }

    /// The schema embedded in the binary.
    pub fn builtin() -> Arc<Schema> {
        static SCHEMA: OnceLock<Arc<Schema>> = OnceLock::new();
        SCHEMA
            .get_or_init(|| {
                Arc::new(
                    Schema::parse(crate::embedded::SCHEMA_V4_NAME, crate::embedded::SCHEMA_V4)
                        .expect("embedded schema is checked by the test suite"),
                )
            })
            .clone()
    }

    pub fn question(&self, number: u32) -> Option<&Question> {
        self.by_number.get(&number).map(|&i| &self.questions[i])
    }

    /// Lower-case words of question `number`'s prompt.
    pub fn prompt_words(&self, number: u32) -> &[String] {
        self.by_number
            .get(&number)
            .map_or(&[], |&i| self.prompt_words[i].as_slice())
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
    }
}
