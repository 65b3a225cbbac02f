//! The rules. One file per rule: its code, default severity, documentation, check and fixture
//! tests. `ALL` is the registry; `run` applies a selection and severity overrides.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::cow::CowStates;
use crate::model::lang::Languages;
use crate::model::release::Release;
use crate::model::schema::{Role, Schema};
use crate::syntax::dates::Date;
use crate::syntax::sheet::{QuestionNode, Sheet};
use crate::syntax::treaty::Treaty;
use crate::text::Span;
use std::collections::BTreeMap;

mod answer_format;
mod citation_style;
mod contingency_conflict;
mod cow_name_mismatch;
mod dataset_mismatch;
mod duplicate_member;
mod duplicate_question;
mod empty_answer;
mod foreign_text;
mod invalid_date;
mod misnumbered_question;
mod missing_description;
mod missing_question;
mod not_system_member;
mod numbering_typo;
mod question_order;
mod revision_date;
mod section_sequence;
mod termination_conflict;
mod treaty_missing;
mod type_tag_mismatch;
mod unknown_article;
mod unknown_cow_code;
mod unknown_question;
mod unknown_question_ref;
mod yes_no_answer;

#[cfg(test)]
pub(crate) mod testing;

/// A rule: metadata and its check.
pub struct Rule {
    /// Stable code, kebab-case.
    pub code: &'static str,
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Markdown: what it checks, why, an example.
    pub doc: &'static str,
    /// Whether it offers fixes that `--fix` applies.
    pub fixable: bool,
    pub check: fn(&Context, &mut Sink),
}

/// Every rule, in the order `atop-lint rules` lists them.
pub static ALL: &[&Rule] = &[
    &missing_question::RULE,
    &duplicate_question::RULE,
    &question_order::RULE,
    &unknown_question::RULE,
    &misnumbered_question::RULE,
    &numbering_typo::RULE,
    &section_sequence::RULE,
    &empty_answer::RULE,
    &foreign_text::RULE,
    &yes_no_answer::RULE,
    &missing_description::RULE,
    &answer_format::RULE,
    &invalid_date::RULE,
    &revision_date::RULE,
    &unknown_question_ref::RULE,
    &unknown_article::RULE,
    &citation_style::RULE,
    &unknown_cow_code::RULE,
    &cow_name_mismatch::RULE,
    &not_system_member::RULE,
    &duplicate_member::RULE,
    &type_tag_mismatch::RULE,
    &contingency_conflict::RULE,
    &termination_conflict::RULE,
    &treaty_missing::RULE,
    &dataset_mismatch::RULE,
];

pub fn find(code: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.code == code)
}

/// What a rule sees.
pub struct Context<'a> {
    pub text: &'a str,
    pub sheet: &'a Sheet,
    pub schema: &'a Schema,
    pub cow: &'a CowStates,
    pub langs: &'a Languages,
    pub treaties: &'a [Treaty],
    /// The release of the ATOP dataset the sheet is checked against, if one was given.
    pub dataset: Option<&'a Release>,
}

impl<'a> Context<'a> {
    /// The first question whose schema role is `role`.
    pub fn by_role(&self, role: Role) -> Option<&'a QuestionNode> {
        let number = self.schema.by_role(role)?.number;
        self.question(number)
    }
    /// The first question the sheet has for schema number `n`.
    pub fn question(&self, n: u32) -> Option<&'a QuestionNode> {
        self.sheet.question(n)
    }
    pub fn answer(&self, q: &QuestionNode) -> &'a str {
        &self.text[q.answer.clone()]
    }
    /// The signature date the sheet gives (first valid date of the signature question).
    pub fn signature_date(&self) -> Option<Date> {
        self.by_role(Role::SignatureDate)?
            .dates
            .iter()
            .find_map(|d| d.value.clone().ok())
    }
    /// The schema entry of a sheet question.
    pub fn schema_question(&self, q: &QuestionNode) -> Option<&'a crate::model::schema::Question> {
        q.schema_number.and_then(|n| self.schema.question(n))
    }
    /// A short quote of a span, for messages: at most `max` characters, one line.
    pub fn quote(&self, span: Span, max: usize) -> String {
        quote(&self.text[span], max)
    }
}

pub use crate::text::quote;

/// Collects a rule's diagnostics, stamping them with its code and severity.
pub struct Sink {
    rule: &'static Rule,
    pub(crate) out: Vec<Diagnostic>,
}

impl Sink {
    pub fn report(
        &mut self,
        span: Span,
        question: Option<u32>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.out.push(Diagnostic {
            code: self.rule.code,
            severity: self.rule.severity,
            message: message.into(),
            span,
            question,
            related: Vec::new(),
            fix: None,
        });
        self.out.last_mut().expect("just pushed")
    }
}

/// Which rules run and how severe they are.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuleSettings {
    /// Code → severity, or None to turn the rule off.
    pub overrides: BTreeMap<String, Option<Severity>>,
}

impl RuleSettings {
    fn severity(&self, rule: &Rule) -> Option<Severity> {
        match self.overrides.get(rule.code) {
            Some(s) => *s,
            None => Some(rule.severity),
        }
    }
}

/// Runs the selected rules; diagnostics come sorted by position, then code.
pub fn run(cx: &Context, settings: &RuleSettings) -> Vec<Diagnostic> {
    let mut all = Vec::new();
    for rule in ALL {
        let Some(severity) = settings.severity(rule) else {
            continue;
        };
        let mut sink = Sink {
            rule,
            out: Vec::new(),
        };
        (rule.check)(cx, &mut sink);
        for mut d in sink.out {
            d.severity = severity;
            all.push(d);
        }
    }
    all.sort_by(|a, b| (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code)));
    all
}

/// Imports every rule file needs.
pub(crate) mod prelude {
    pub use super::{Context, Rule, Sink, quote};
    pub use crate::diagnostic::{Edit, Location, Severity};
    pub use crate::model::schema::{AnswerKind, Describe, Role};
    pub use crate::syntax::sheet::{ArticleRef, LeadKind, QuestionNode};
}
