//! The rules. One file per rule: its code, default severity, documentation, check and fixture
//! tests. `ALL` is the registry; `run` applies a selection and severity overrides.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::cow::CowStates;
use crate::model::evidence::{Evidence, Finding, Topics};
use crate::model::lang::Languages;
use crate::model::release::Release;
use crate::model::schema::{Role, Schema};
use crate::syntax::dates::Date;
use crate::syntax::sheet::{QuestionNode, Sheet};
use crate::syntax::treaty::Treaty;
use crate::text::Span;
use std::collections::BTreeMap;

mod answer_format;
mod citation_misses_evidence;
mod citation_style;
mod contingency_conflict;
mod cow_name_mismatch;
mod dataset_mismatch;
mod draft_answer;
mod duplicate_member;
mod duplicate_question;
mod duration_mismatch;
mod empty_answer;
mod establishment_mismatch;
mod foreign_text;
mod invalid_date;
mod misnumbered_question;
mod missing_description;
mod missing_organization;
mod missing_question;
mod not_a_sheet;
mod not_system_member;
mod notice_mismatch;
mod numbering_typo;
mod party_mismatch;
mod period;
mod question_order;
mod quote_misplaced;
mod renewal_mismatch;
mod revision_date;
mod section_sequence;
mod signature_date_mismatch;
mod termination_conflict;
mod treaty_contradicts_no;
mod treaty_missing;
mod type_evidence;
mod type_tag_mismatch;
mod unknown_article;
mod unknown_cow_code;
mod unknown_question;
mod unknown_question_ref;
mod yes_no_answer;
mod yes_without_support;

#[cfg(test)]
mod evidence_fixtures;
#[cfg(test)]
mod issue12_classes;
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
    &not_a_sheet::RULE,
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
    &treaty_contradicts_no::RULE,
    &citation_misses_evidence::RULE,
    &quote_misplaced::RULE,
    &duration_mismatch::RULE,
    &renewal_mismatch::RULE,
    &notice_mismatch::RULE,
    &yes_without_support::RULE,
    &signature_date_mismatch::RULE,
    &establishment_mismatch::RULE,
    &type_evidence::RULE,
    &missing_organization::RULE,
    &party_mismatch::RULE,
    &dataset_mismatch::RULE,
    &draft_answer::RULE,
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
    /// What the treaties say, by topic (see `model::evidence`).
    pub evidence: &'a Evidence,
    pub topics: &'a Topics,
    /// The release of the ATOP dataset the sheet is checked against, if one was given.
    pub dataset: Option<&'a Release>,
}

impl<'a> Context<'a> {
    /// Whether a treaty text was read in full (see [`Treaty::is_read_in_full`]).
    pub fn reads_a_treaty(&self) -> bool {
        self.treaties.iter().any(|t| t.is_read_in_full(self.langs))
    }
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
    /// The sheet's questions that the schema knows, with their schema entries.
    pub fn questions(
        &self,
    ) -> impl Iterator<Item = (&'a QuestionNode, &'a crate::model::schema::Question)> + '_ {
        self.sheet
            .questions
            .iter()
            .filter_map(|q| Some((q, self.schema_question(q)?)))
    }

    /// What the treaty shows of a topic, for a message: "Art. 11 and Art. 12 have consultation
    /// obligations: “…”", with related locations at every finding. None without strong evidence.
    pub fn evidence_claim(&self, topic: &str) -> Option<(String, Vec<crate::diagnostic::Related>)> {
        let found = self.evidence.strong_places(topic);
        let first = found.first()?;
        let places: Vec<_> = found.iter().map(|f| f.place).collect();
        let claim = format!(
            "{} {} {}: “{}”",
            crate::model::evidence::place_list(&places),
            if places.len() > 1 { "have" } else { "has" },
            self.topics.label(topic),
            self.excerpt(first)
        );
        let related = found.iter().map(|f| self.topic_related(topic, f)).collect();
        Some((claim, related))
    }

    /// A related location at a finding of `topic`, saying which of the codebook's cases it is
    /// where the topic has cases.
    pub fn topic_related(&self, topic: &str, f: &Finding) -> crate::diagnostic::Related {
        let mut r = self.related(f);
        if let Some(kind) = self.topics.kind(topic, f, self.evidence) {
            r.message = format!("{} — {kind}", r.message);
        }
        r
    }

    /// The treaty text a finding quotes: its clause, shortened.
    pub fn excerpt(&self, f: &Finding) -> String {
        let text = self.treaties.get(f.treaty).map_or("", |t| t.text.as_str());
        crate::model::evidence::excerpt(text, &f.span, 60)
    }

    /// A related location pointing at a finding in its treaty.
    pub fn related(&self, f: &Finding) -> crate::diagnostic::Related {
        crate::diagnostic::Related {
            location: crate::diagnostic::Location::Treaty(f.treaty, f.span.clone()),
            message: format!(
                "{}: {}",
                crate::model::evidence::place_name(f.place),
                self.excerpt(f)
            ),
        }
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
    /// Whether the rule runs, and the severity the user set for it, if any.
    fn selection(&self, rule: &Rule) -> Option<Option<Severity>> {
        match self.overrides.get(rule.code) {
            Some(None) => None,
            Some(Some(s)) => Some(Some(*s)),
            None => Some(None),
        }
    }
}

/// Runs the selected rules; diagnostics come sorted by position, then code.
pub fn run(cx: &Context, settings: &RuleSettings) -> Vec<Diagnostic> {
    let mut all = Vec::new();
    let no_sheet = not_a_sheet::applies(cx);
    for rule in ALL {
        let Some(severity) = settings.selection(rule) else {
            continue;
        };
        if no_sheet && rule.code != not_a_sheet::RULE.code {
            continue;
        }
        let mut sink = Sink {
            rule,
            out: Vec::new(),
        };
        (rule.check)(cx, &mut sink);
        for mut d in sink.out {
            // A rule may lower the severity of a finding; a configured severity wins.
            if let Some(s) = severity {
                d.severity = s;
            }
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
    pub use crate::model::evidence::{place_list, place_name};
    pub use crate::model::schema::{AnswerKind, Describe, Role};
    pub use crate::syntax::sheet::{ArticleRef, LeadKind, QuestionNode};
}
