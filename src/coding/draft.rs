//! Drafting: the answers a treaty settles, written in the sheet's usual style ("Yes. … (Art. 19)")
//! from what the evidence reader found, each marked [`DRAFT_MARK`] so that a draft is never taken
//! for a reviewed sheet (the `draft-answer` rule reports every mark). What the reader cannot
//! settle is left empty for the coder. Pure: parsed treaties and their evidence in, text out.

use crate::Env;
use crate::model::evidence::{Evidence, Finding, excerpt, place_name};
use crate::model::schema::{AnswerKind, Question, Role};
use crate::syntax::numerals::to_roman;
use crate::syntax::sheet::ArticleRef;
use crate::syntax::treaty::Treaty;
use crate::text::{Span, join_and};

/// Marks a drafted answer until the coder has reviewed it.
pub const DRAFT_MARK: &str = "[draft]";

/// The longest quotation of the treaty a drafted answer gives, in characters.
const QUOTE_CHARS: usize = 200;

/// The most places a Yes answer quotes.
const MAX_QUOTES: usize = 3;

/// What a type listed on weak evidence says after its articles. It names no type: a type's
/// name in it would be read as listed.
const WEAK_TYPE: &str = " — weak evidence only: the words of this type stand there, not the \
    obligation in the words that settle it; no article has stronger wording of any type, and \
    every alliance has at least one, so the coder confirms";

/// What the treaties are read as: the texts and what the evidence reader found in them.
pub struct Reading<'a> {
    pub treaties: &'a [Treaty],
    pub evidence: &'a Evidence,
    pub env: &'a Env,
}

/// A passage of a treaty that an answer rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// Index of the treaty among the texts read.
    pub treaty: usize,
    pub place: Option<ArticleRef>,
    /// The passage's clause, shortened.
    pub text: String,
    /// Which of the ATOP codebook's cases of the question's topic the passage is, where the
    /// codebook draws a line the cue does not (`kinds` in schemas/topics.toml).
    pub case: Option<&'static str>,
}

/// The answer a treaty suggests for one question, and the passages it rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The answer text, marked as a draft; it may span lines.
    pub answer: String,
    pub quotes: Vec<Quote>,
}

impl Reading<'_> {
    fn quote(&self, treaty: usize, span: &Span, place: Option<ArticleRef>) -> Quote {
        let text = self.treaties.get(treaty).map_or("", |t| t.text.as_str());
        // A cue may run over a line break of the treaty; an answer quotes it on one line.
        let clause = excerpt(text, span, QUOTE_CHARS);
        Quote {
            treaty,
            place,
            text: clause.split_whitespace().collect::<Vec<_>>().join(" "),
            case: None,
        }
    }

    fn quote_finding(&self, f: &Finding) -> Quote {
        self.quote(f.treaty, &f.span, f.place)
    }

    /// What the treaties suggest for `q`, if they settle it.
    pub fn suggest(&self, q: &Question) -> Option<Suggestion> {
        match q.role {
            Some(Role::SignatureDate) => self.signature_date(),
            Some(Role::Members) => self.members(),
            Some(Role::Duration) => self
                .period("duration", "The treaty is concluded for a term of")
                .or_else(|| self.yes_no(q)),
            Some(Role::Renewal) => self
                .period("renewal", "The treaty is extended for")
                .or_else(|| self.yes_no(q)),
            Some(Role::AllianceTypes) => self.alliance_types(),
            Some(Role::Obligations) => self.obligations(),
            Some(Role::InternationalOrganizations) => self
                .international_organizations()
                .or_else(|| self.yes_no(q)),
            Some(Role::Establishment) => self.establishment(q),
            _ if q.answer.kind == AnswerKind::YesNo => self.yes_no(q),
            _ => None,
        }
    }

    /// Yes with the strong findings of the question's topic quoted; No when the treaty has no
    /// cue of it at all, or only passages of a case the codebook does not count as the topic's
    /// own (a notice that stops automatic renewal is no renunciation; a council named, none
    /// established, in a text read in full), with the passages and their case; nothing when a
    /// weak cue of the topic's own case stands and no strong one (the coder decides).
    fn yes_no(&self, q: &Question) -> Option<Suggestion> {
        let topic = q.evidence.as_deref()?;
        let topics = self.env.topics;
        let strong = self.evidence.strong_places(topic);
        let weak_only = strong.is_empty();
        let found = if weak_only {
            self.evidence.places(topic, false)
        } else {
            strong
        };
        if found.is_empty() {
            return Some(Suggestion {
                answer: format!(
                    "No. {DRAFT_MARK} No article of the treaty shows {}.",
                    topics.label(topic)
                ),
                quotes: Vec::new(),
            });
        }
        let own = found
            .iter()
            .any(|f| topics.is_own_case(topic, f, self.evidence));
        if weak_only && (own || !self.read_in_full()) {
            return None;
        }
        let quotes: Vec<Quote> = found
            .iter()
            .filter(|f| topics.is_own_case(topic, f, self.evidence) == own)
            .take(MAX_QUOTES)
            .map(|f| Quote {
                case: topics.kind(topic, f, self.evidence),
                ..self.quote_finding(f)
            })
            .collect();
        let answer = if own {
            // A case with its own wording (no renewal term, the treaty staying in force until
            // notice) says so before the quotations, in words export reads.
            let says = found
                .iter()
                .find_map(|f| topics.case(topic, f, self.evidence)?.answer.as_deref());
            match says {
                Some(says) => format!("Yes. {DRAFT_MARK} {says}: {}", quoted(&quotes)),
                None => format!("Yes. {DRAFT_MARK} {}", quoted(&quotes)),
            }
        } else {
            let case = quotes.first().and_then(|q| q.case).unwrap_or_default();
            format!("No. {DRAFT_MARK} {} — {case}", quoted(&quotes))
        };
        Some(Suggestion { answer, quotes })
    }

    /// The treaty's signing date as the treaty reader finds it: in the closing formula or, for a
    /// treaty without one, in its title.
    fn signature_date(&self) -> Option<Suggestion> {
        let (ti, (span, date), source) = self.treaties.iter().enumerate().find_map(|(i, t)| {
            let (span, date) = t.signed.clone()?;
            let source = if t.closing.contains(&span.start) {
                "The closing formula"
            } else {
                "The title"
            };
            Some((i, (span, date), source))
        })?;
        let q = self.quote(ti, &span, None);
        Some(Suggestion {
            answer: format!("{} {DRAFT_MARK} {source}: “{}”", date.english(), q.text),
            quotes: vec![q],
        })
    }

    fn members(&self) -> Option<Suggestion> {
        let mut codes: Vec<u32> = Vec::new();
        let mut quotes = Vec::new();
        for p in &self.evidence.parties {
            if !codes.contains(&p.code) {
                codes.push(p.code);
            }
            if quotes.is_empty() {
                quotes.push(self.quote(p.treaty, &p.span, Some(ArticleRef::Preamble)));
            }
        }
        let first = quotes.first()?;
        let mut answer = String::new();
        for code in &codes {
            let name = self.env.cow.get(*code).map_or("", |s| s.name());
            answer.push_str(&format!("{code} {name}\n"));
        }
        answer.push_str(&format!(
            "{DRAFT_MARK} The parties the treaty names: “{}”",
            first.text
        ));
        Some(Suggestion { answer, quotes })
    }

    /// Yes with the longest period of `kind` ("duration", "renewal") the treaty gives.
    fn period(&self, kind: &str, sentence: &str) -> Option<Suggestion> {
        // The longest: a shorter period in the same words is a part of the term (a review
        // after some years).
        let found = self
            .evidence
            .quantities
            .get(kind)?
            .iter()
            .min_by_key(|q| std::cmp::Reverse(q.months))?;
        let q = self.quote(found.treaty, &found.span, found.place);
        Some(Suggestion {
            answer: format!(
                "Yes. {DRAFT_MARK} {sentence} {}: {}",
                period_words(found.months),
                quoted(std::slice::from_ref(&q))
            ),
            quotes: vec![q],
        })
    }

    /// Whether every treaty was read in full: its language has a lexicon and its articles
    /// were found, so that no cue standing means the treaty has none of the wording.
    fn read_in_full(&self) -> bool {
        !self.treaties.is_empty()
            && self
                .treaties
                .iter()
                .all(|t| t.is_read_in_full(self.env.langs))
    }

    /// Every alliance type the treaty shows strong evidence of, one a line with its articles.
    /// Without any, in a text read in full: the types whose weak cues stand beside what marks
    /// the codebook's case of the type (a consultation with a threat named), each saying that
    /// it rests on weak evidence — every alliance has at least one type, and these are the only
    /// ones the treaty has words of; else a visible No, saying where the words of a type stand
    /// that do not make one by themselves (a bare "assistance"), if any do.
    fn alliance_types(&self) -> Option<Suggestion> {
        let strong = self.types_found(true, "");
        if !strong.answer.is_empty() {
            return Some(strong);
        }
        if !self.read_in_full() {
            return None;
        }
        let weak = self.types_found(false, WEAK_TYPE);
        if !weak.answer.is_empty() {
            return Some(weak);
        }
        let mut worded: Vec<Option<ArticleRef>> = self
            .env
            .schema
            .alliance_types
            .iter()
            .flat_map(|t| self.evidence.findings(&t.id).iter().map(|f| f.place))
            .collect();
        worded.sort();
        worded.dedup();
        // The answer names no type: a type's name in it would be read as listed.
        let why = if worded.is_empty() {
            "No article of the treaty has wording of any alliance type".to_string()
        } else {
            format!(
                "No article of the treaty has the obligation of an alliance type in the words that settle it; the words of a type in {} do not make one by themselves",
                citation(&worded)
            )
        };
        Some(Suggestion {
            answer: format!(
                "No. {DRAFT_MARK} {why}; every alliance has at least one, so the coder decides which."
            ),
            quotes: Vec::new(),
        })
    }

    /// The alliance types with findings of one strength (weak ones only where what marks the
    /// codebook's case of the type stands beside them), one a line: the type, its articles and
    /// `note`; an empty answer when none has any.
    fn types_found(&self, strong: bool, note: &str) -> Suggestion {
        let topics = self.env.topics;
        let mut lines = Vec::new();
        let mut quotes = Vec::new();
        for t in &self.env.schema.alliance_types {
            let found: Vec<&Finding> = self
                .evidence
                .places(&t.id, strong)
                .into_iter()
                .filter(|f| {
                    strong
                        || topics
                            .case(&t.id, f, self.evidence)
                            .is_some_and(|k| k.provision && k.with.is_some())
                })
                .collect();
            if found.is_empty() {
                continue;
            }
            let places: Vec<Option<ArticleRef>> = found.iter().map(|f| f.place).collect();
            lines.push(format!(
                "{} {DRAFT_MARK} ({}){note}",
                t.label,
                citation(&places)
            ));
            quotes.extend(found.iter().map(|f| self.quote_finding(f)));
        }
        Suggestion {
            answer: lines.join("\n"),
            quotes,
        }
    }

    /// A quotation of the first article showing each alliance type, tagged with the type.
    fn obligations(&self) -> Option<Suggestion> {
        let mut paragraphs = Vec::new();
        let mut quotes = Vec::new();
        for t in &self.env.schema.alliance_types {
            let Some(f) = self.evidence.strong_places(&t.id).into_iter().next() else {
                continue;
            };
            let q = self.quote_finding(f);
            let tag = t.label.split_whitespace().next().unwrap_or(&t.label);
            paragraphs.push(format!(
                "{}[{tag}] {DRAFT_MARK}",
                quoted(std::slice::from_ref(&q))
            ));
            quotes.push(q);
        }
        (!paragraphs.is_empty()).then(|| Suggestion {
            answer: paragraphs.join("\n\n"),
            quotes,
        })
    }

    /// Yes naming each organization referred to, with its places.
    fn international_organizations(&self) -> Option<Suggestion> {
        let mut named = Vec::new();
        let mut quotes = Vec::new();
        for (id, found) in &self.evidence.organizations {
            let mut places: Vec<Option<ArticleRef>> = Vec::new();
            for f in found {
                if !places.contains(&f.place) {
                    places.push(f.place);
                }
            }
            named.push(format!(
                "the {} ({})",
                self.env.topics.org_name(id),
                citation(&places)
            ));
            quotes.push(self.quote_finding(&found[0]));
        }
        let first = quotes.first()?;
        Some(Suggestion {
            answer: format!(
                "Yes. {DRAFT_MARK} It makes reference to {}: “{}”",
                join_and(&named),
                first.text
            ),
            quotes,
        })
    }

    /// "Treaty." when the treaty requires ratification (the questionnaire's condition for it).
    fn establishment(&self, q: &Question) -> Option<Suggestion> {
        let found = self
            .evidence
            .strong_places(q.evidence.as_deref()?)
            .into_iter()
            .next()?;
        let q = self.quote_finding(found);
        Some(Suggestion {
            answer: format!(
                "Treaty. {DRAFT_MARK} It requires ratification: {}",
                quoted(std::slice::from_ref(&q))
            ),
            quotes: vec![q],
        })
    }

    /// A new coding sheet in the questionnaire's layout: every section and question, the
    /// answers the treaties settle drafted, the rest empty.
    pub fn sheet(&self, atop_id: Option<u64>) -> String {
        let schema = &self.env.schema;
        let mut out = String::new();
        let mut section = None;
        for q in &schema.questions {
            if section != Some(q.section) {
                section = Some(q.section);
                let title = schema.section(q.section).map_or("", |s| s.title.as_str());
                out.push_str(&format!(
                    "SECTION {}: {}\n\n",
                    to_roman(q.section),
                    title.to_uppercase()
                ));
            }
            out.push_str(&format!("{}. {}", q.number, q.prompt));
            match (q.role, atop_id) {
                (Some(Role::AtopId), Some(id)) => out.push_str(&format!(" {id}\n")),
                _ => {
                    out.push('\n');
                    if let Some(s) = self.suggest(q) {
                        out.push_str(&s.answer);
                        out.push('\n');
                    }
                }
            }
            out.push('\n');
        }
        out
    }
}

/// Quotations with their citations: "“…” (Art. 5); “…” (Art. 6)".
fn quoted(quotes: &[Quote]) -> String {
    quotes
        .iter()
        .map(|q| match q.place {
            Some(ArticleRef::Text) | None => format!("“{}”", q.text),
            Some(place) => format!("“{}” ({})", q.text, citation(&[Some(place)])),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A citation in the sheets' style: "Art. 19", "Art. 11, 12", "Preamble, Art. 13"; places
/// outside the articles (the closing text, a protocol) are named in words.
fn citation(places: &[Option<ArticleRef>]) -> String {
    let mut parts = Vec::new();
    if places.contains(&Some(ArticleRef::Preamble)) {
        parts.push("Preamble".to_string());
    }
    let articles: Vec<String> = places
        .iter()
        .filter_map(|p| match p {
            Some(ArticleRef::Article(n)) => Some(n.to_string()),
            _ => None,
        })
        .collect();
    if !articles.is_empty() {
        parts.push(format!("Art. {}", articles.join(", ")));
    }
    if places.contains(&None) {
        parts.push(place_name(None));
    }
    parts.join(", ")
}

/// "20 years", "6 months", "1 year".
fn period_words(months: u32) -> String {
    let (n, unit) = if months % 12 == 0 {
        (months / 12, "year")
    } else {
        (months, "month")
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evidence::Topics;

    #[test]
    fn citations_in_the_sheets_style() {
        let a = |n| Some(ArticleRef::Article(n));
        assert_eq!(citation(&[a(19)]), "Art. 19");
        assert_eq!(citation(&[a(11), a(12)]), "Art. 11, 12");
        assert_eq!(
            citation(&[Some(ArticleRef::Preamble), a(13)]),
            "Preamble, Art. 13"
        );
        assert_eq!(period_words(240), "20 years");
        assert_eq!(period_words(12), "1 year");
        assert_eq!(period_words(18), "18 months");
    }

    fn suggested(treaty_text: &str, lang: &str, question: u32) -> Option<String> {
        suggested_from(&[(treaty_text, lang)], question)
    }

    /// The suggestion for `question` from several texts of one treaty, each with its language.
    fn suggested_from(texts: &[(&str, &str)], question: u32) -> Option<String> {
        let env = Env::default();
        let treaties: Vec<_> = texts
            .iter()
            .map(|(text, lang)| {
                crate::syntax::treaty::parse(text.to_string(), Some(lang), env.langs)
            })
            .collect();
        let evidence = Evidence::gather(&treaties, env.langs, env.cow, env.topics);
        let reading = Reading {
            treaties: &treaties,
            evidence: &evidence,
            env: &env,
        };
        reading
            .suggest(env.schema.question(question).expect("a question"))
            .map(|s| s.answer)
    }

    #[test]
    fn signing_date_from_the_closing_formula_or_the_title() {
        let body = "Article 1\nThe Parties shall consult together.\n";
        assert_eq!(
            suggested(
                &format!("Treaty of Friendship of 23 August 1939\n\n{body}"),
                "en",
                3
            )
            .as_deref(),
            Some("August 23, 1939 [draft] The title: “Treaty of Friendship of 23 August 1939”")
        );
        assert_eq!(
            suggested(
                &format!(
                    "Treaty of Friendship\n\n{body}DONE at Paris, this first day of May, 1950.\n"
                ),
                "en",
                3
            )
            .as_deref(),
            Some(
                "May 1, 1950 [draft] The closing formula: “DONE at Paris, this first day of May, 1950.”"
            )
        );
        assert_eq!(
            suggested(&format!("Treaty of Friendship\n\n{body}"), "en", 3),
            None
        );
    }

    /// The alliance types the sheet reader lists in `answer` given to Q16.
    fn types_read_back(answer: &str) -> Vec<String> {
        let env = Env::default();
        let prompt = &env.schema.question(16).expect("Q16").prompt;
        let sheet = format!("16. {prompt}\n{answer}\n");
        let parsed = crate::syntax::sheet::parse(&sheet, &env.schema);
        let q = parsed.question(16).expect("Q16");
        crate::coding::answers::listed_types(&env.schema, &sheet, q)
            .iter()
            .map(|(t, _)| t.id.clone())
            .collect()
    }

    #[test]
    fn alliance_types_no_when_none_is_worded_and_open_unless_read_in_full() {
        let none = "Article 1\nThe Parties shall develop their trade.\nArticle 2\nThis Treaty shall be ratified.\n";
        let answer = suggested(none, "en", 16).expect("a visible No");
        assert!(answer.starts_with("No. [draft] No article"), "{answer}");
        // The answer names no type, so that the sheet reader lists none.
        assert!(types_read_back(&answer).is_empty());
        // Weak words of a type that do not make one ("consult" alone): a No saying where.
        let weak = "Article 1\nThe Parties may consult on trade.\n";
        let answer = suggested(weak, "en", 16).expect("a visible No");
        assert_eq!(
            answer,
            "No. [draft] No article of the treaty has the obligation of an alliance type in the words that settle it; the words of a type in Art. 1 do not make one by themselves; every alliance has at least one, so the coder decides which."
        );
        assert!(types_read_back(&answer).is_empty());
        // An unknown language or no articles: open.
        assert_eq!(
            suggested(
                "Articolo 1\nLe Parti svilupperanno il commercio.\n",
                "it",
                16
            ),
            None
        );
        assert_eq!(
            suggested(
                "Artikkel 1\nThe Parties shall develop their trade.\n",
                "en",
                16
            ),
            None
        );
        // A text without headings is read whole.
        let whole = suggested("The Parties shall develop their trade.\n", "en", 16);
        assert!(whole.is_some_and(|a| a.starts_with("No. [draft]")));
        // A type found is listed.
        assert_eq!(
            suggested(
                "Article 1\nThe Parties shall consult together whenever either is threatened.\n",
                "en",
                16
            )
            .as_deref(),
            Some("Consultation pact [draft] (Art. 1)")
        );
    }

    /// Only weak wording of the types, in a text read in full: a type is listed, saying it
    /// rests on weak evidence, where what marks the codebook's case of it stands beside its
    /// words (a threat beside "consult"), and read back as listed (the rest as not); "defence"
    /// alone or a general promise to consult lists nothing.
    #[test]
    fn alliance_types_on_weak_evidence_alone_are_listed_as_such() {
        let text = "Article 1\nThe Parties shall strengthen their defence.\nArticle 2\nIn the event of a threat to the peace of the region, the Parties may consult.\nArticle 3\nThe Parties may consult on trade.\nArticle 4\nThis Treaty shall be ratified.\n";
        let answer = suggested(text, "en", 16).expect("an answer");
        assert_eq!(
            answer,
            format!("Consultation pact [draft] (Art. 2){WEAK_TYPE}")
        );
        assert_eq!(types_read_back(&answer), ["consultation"]);
        // Strong wording of one type: only that type, with no note.
        let strong = format!(
            "{text}Article 5\nAn armed attack against either Party shall be met by both.\n"
        );
        assert_eq!(
            suggested(&strong, "en", 16).as_deref(),
            Some("Defense pact [draft] (Art. 5)")
        );
    }

    /// Accession worded as membership or joining, and renewal by agreement or for like
    /// periods, draft a Yes for Q8 (PROADD) and Q12 (PROREN) in every language the lexicons
    /// cover, quoting the article.
    #[test]
    fn accession_and_renewal_in_other_words_draft_yes() {
        let cases = [
            (
                "en",
                "Article 1\nAny other State may apply to become a member of the Union.\n",
                8,
            ),
            (
                "fr",
                "Article 1\nTout État peut demander à devenir membre de l'Organisation.\n",
                8,
            ),
            (
                "es",
                "Artículo 1\nTodo Estado podrá solicitar su ingreso en la Organización.\n",
                8,
            ),
            (
                "pt",
                "Artigo 1\nQualquer Estado poderá aderir ao presente Tratado.\n",
                8,
            ),
            (
                "de",
                "Artikel 1\nJeder Staat kann diesem Vertrag beitreten.\n",
                8,
            ),
            (
                "nl",
                "Artikel 1\nElke staat kan verzoeken lid te worden van de Organisatie.\n",
                8,
            ),
            (
                "ru",
                "Статья 1\nЛюбое государство может присоединиться к Союзу.\n",
                8,
            ),
            ("zh", "第一条\n其他国家可以申请加入本组织。\n", 8),
            (
                "en",
                "Article 1\nThis Treaty shall remain in force for ten years and may be renewed by mutual agreement.\n",
                12,
            ),
            (
                "fr",
                "Article 1\nLe présent traité, conclu pour dix ans, est renouvelable par accord des Parties.\n",
                12,
            ),
            (
                "es",
                "Artículo 1\nEl presente Tratado regirá diez años y podrá ser prorrogado por mutuo acuerdo.\n",
                12,
            ),
            (
                "pt",
                "Artigo 1\nO presente Tratado vigorará por dez anos e poderá ser prorrogado por mútuo acordo.\n",
                12,
            ),
            (
                "de",
                "Artikel 1\nDieser Vertrag gilt zehn Jahre und verlängert sich jeweils um fünf Jahre.\n",
                12,
            ),
            (
                "nl",
                "Artikel 1\nDit Verdrag blijft tien jaar van kracht en wordt telkens stilzwijgend verlengd.\n",
                12,
            ),
            (
                "ru",
                "Статья 1\nДоговор действует десять лет и продлевается на последующие пятилетние периоды.\n",
                12,
            ),
            (
                "zh",
                "第一条\n本条约有效期十年，经双方协商同意可以延长。\n",
                12,
            ),
        ];
        for (lang, text, question) in cases {
            let answer = suggested(text, lang, question).unwrap_or_default();
            assert!(
                answer.starts_with("Yes. [draft]") && answer.ends_with("(Art. 1)"),
                "{lang} Q{question}: {answer}"
            );
        }
    }

    /// A case the codebook counts as the provision is a Yes, whatever its place among the
    /// topic's kinds: military aid by grants is MILAID 2.
    #[test]
    fn codebook_cases_that_are_the_provision_draft_yes() {
        let aid =
            "Article 1\nEach Party shall give the other military assistance by grants and loans.\n";
        assert_eq!(
            suggested(aid, "en", 32).as_deref(),
            Some(
                "Yes. [draft] “Each Party shall give the other military assistance by grants and loans” (Art. 1)"
            )
        );
    }

    /// Weak cues alone: a No with their passages when each is of a case the codebook does not
    /// count as the provision and the text was read in full; open when one may be the
    /// provision (mutual aid with training named) or the text was not read in full.
    #[test]
    fn weak_cues_alone_draft_no_only_when_none_can_be_the_provision() {
        let topics = Topics::builtin();
        let weak_case = |topic: &str| {
            let kind = topics.topics[topic].kinds.iter().find(|k| k.weak);
            kind.expect("a case of weak cues").means.as_str()
        };
        let named = "Article 1\nThe Parties shall give each other mutual aid.\nArticle 2\nA dispute shall go to a commission.\n";
        // A word of extending in an article that says nothing of the treaty's validity is no
        // renewal clause; beside words of its validity, the coder decides.
        let extended = "Article 1\nThe Parties shall extend their cooperation in trade.\nArticle 2\nThis Treaty shall be ratified.\n";
        let cases = [
            (
                named,
                32,
                "The Parties shall give each other mutual aid",
                1,
                "military_aid",
            ),
            (
                named,
                35,
                "A dispute shall go to a commission",
                2,
                "organization",
            ),
            (
                extended,
                12,
                "The Parties shall extend their cooperation in trade",
                1,
                "renewal",
            ),
        ];
        for (text, question, quote, article, topic) in cases {
            assert_eq!(
                suggested(text, "en", question),
                Some(format!(
                    "No. [draft] “{quote}” (Art. {article}) — {}",
                    weak_case(topic)
                ))
            );
        }
        let validity = "Article 1\nThis Treaty shall remain in force for ten years and may then be extended.\n";
        assert_eq!(suggested(validity, "en", 12), None);
        let training = "Article 1\nThe Parties shall give each other mutual aid in the training of their forces.\n";
        assert_eq!(suggested(training, "en", 32), None);
        // Beside a text in a language without a lexicon, where a strong cue may stand unread.
        let unread = "Articolo 1\nLe Parti si presteranno assistenza militare.\n";
        assert_eq!(suggested_from(&[(named, "en"), (unread, "it")], 32), None);
    }

    #[test]
    fn the_term_is_the_longest_period_stated() {
        let text = "Article 1\nAfter this Treaty has been in force for five years, the Parties shall review it.\nArticle 2\nThis Treaty shall remain in force for twenty years.\n";
        assert_eq!(
            suggested(text, "en", 10).as_deref(),
            Some(
                "Yes. [draft] The treaty is concluded for a term of 20 years: “This Treaty shall remain in force for twenty years” (Art. 2)"
            )
        );
    }

    #[test]
    fn english_answers_can_name_every_organization() {
        // Drafts and sheets name organizations in English; the missing-organization rule reads
        // them with the English lexicon, which must know every organization any language finds.
        let langs = crate::model::lang::Languages::builtin();
        let english = langs.get("en").expect("English");
        for l in &langs.langs {
            for (id, _) in &l.organizations {
                assert!(
                    english.organizations.iter().any(|(e, _)| e == id),
                    "{}: the English lexicon has no name for {id}",
                    l.code()
                );
            }
        }
    }
}
