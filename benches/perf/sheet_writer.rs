//! Coding sheets for the corpus: the questionnaire's sections and prompts (wrapped as PDF
//! extraction wraps them), answered from an alliance's ATOP row in the forms the 5030 sheet
//! uses, citing and quoting the articles of the treaty composed for it. About a third of the
//! sheets get one or two of the slips real extracted sheets have (a page number inside an
//! answer, `44,` for `44.`, `Art .2`, a stray URL), so the output path is exercised too.

use crate::atop_data::Alliance;
use crate::compose::Composed;
use crate::corpus::Rng;
use atop_lint::model::cow::CowStates;
use atop_lint::model::schema::{AnswerKind, Describe, Question, Role, Schema};
use atop_lint::syntax::dates::Date;
use atop_lint::syntax::numerals::to_roman;

const WIDTH: usize = 132;
const CODERS: [&str; 8] = [
    "Bing Yuan",
    "Jaewook Chung",
    "Ashley Leeds",
    "Andrew Long",
    "Sara Mitchell",
    "Jeffrey Ritter",
    "Nicholas Coulombe",
    "Michaela Mattes",
];

/// What the sheet says when a provision is there, by evidence topic.
fn provision(topic: &str) -> &'static str {
    match topic {
        "ratification" => "The treaty is subject to ratification",
        "accession" => "Other states may accede to the treaty with the consent of the parties",
        "duration" => "The treaty specifies the period for which it remains in force",
        "renunciation" => "A party may terminate the treaty by written notice to the other parties",
        "renewal" => "The treaty is extended automatically unless a party gives notice",
        "no_other_alliance" => {
            "The parties undertake not to enter into any alliance directed against another party"
        }
        "dispute_settlement" => {
            "Disputes between the parties are to be settled by peaceful means, including arbitration"
        }
        "military_contact" => {
            "The general staffs of the parties shall maintain contact in peacetime"
        }
        "military_aid" => "The parties shall supply each other with arms and military equipment",
        "organization" => "The treaty establishes a permanent council of the parties",
        "bases" => "Troops of one party may be stationed in the territory of another",
        "arms" => "The treaty contains provisions on the limitation of armaments",
        "nonmilitary_cooperation" => "The parties will develop economic and cultural cooperation",
        "nonintervention" => {
            "The parties undertake not to interfere in each other's internal affairs"
        }
        "defense" => {
            "The parties will assist each other with all means at their disposal if either is attacked"
        }
        "offense" => "The parties will jointly take offensive action against the named adversary",
        "neutrality" => "Each party will remain neutral if another is at war with a third state",
        "nonaggression" => {
            "The parties undertake to refrain from any use of force against each other"
        }
        "consultation" => {
            "The parties will consult each other whenever the security of either is threatened"
        }
        _ => "The treaty provides for this",
    }
}

/// Wraps each paragraph of `text` at `WIDTH` columns, as PDF extraction does.
pub fn wrap(text: &str) -> String {
    let mut out = String::new();
    for (i, para) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        atop_lint::text::wrap_paragraph(para, WIDTH, &mut out);
    }
    out
}

/// The first sentence (or so) of an English article, on one line, for a quote.
fn first_sentence(body: &str) -> String {
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = flat.trim_start_matches(['#', '*', ' ']);
    let end = flat
        .char_indices()
        .find(|&(i, c)| c == '.' && i > 60)
        .map_or(flat.len(), |(i, _)| i + 1);
    let cut = atop_lint::text::floor_char_boundary(flat, end.min(420));
    flat[..cut].to_string()
}

/// Everything a sheet is written from.
pub struct SheetInput<'a> {
    pub alliance: &'a Alliance,
    pub treaty: &'a Composed,
    pub schema: &'a Schema,
    pub cow: &'a CowStates,
}

impl SheetInput<'_> {
    fn name(&self, code: u32) -> String {
        self.cow
            .get(code)
            .map_or_else(|| format!("State {code}"), |s| s.name().to_string())
    }

    /// The ATOP variables a question's `variables` note names, when the row has them.
    fn variables<'q>(&self, q: &'q Question) -> Vec<&'q str> {
        if q.variables.starts_with('(') {
            return Vec::new();
        }
        q.variables
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.chars().any(|c| c.is_ascii_uppercase()))
            .filter(|w| self.alliance.has(w))
            .collect()
    }

    fn coded_yes(&self, q: &Question) -> bool {
        self.variables(q).iter().any(|v| self.alliance.num(v) > 0)
    }

    /// Whether the sheet answers question `q` Yes (for a yes/no question with a topic).
    pub fn says_yes(&self, q: &Question) -> bool {
        let yes = self.coded_yes(q);
        if q.answer.describe == Describe::IfNo {
            !yes
        } else {
            yes
        }
    }

    /// "(Art. N)", with a quote of the article when the treaty is English.
    fn evidence(&self, topic: Option<&str>, rng: &mut Rng) -> String {
        let articles = self.treaty.bodies.len() as u32;
        let n = topic
            .and_then(|t| self.treaty.topic_article.get(t).copied())
            .unwrap_or_else(|| 1 + rng.below(u64::from(articles)) as u32);
        let sentence = provision(topic.unwrap_or(""));
        if self.treaty.lang == "en" {
            let quote = first_sentence(&self.treaty.bodies[n as usize - 1]);
            format!("{sentence}: “{quote}” (Art. {n})")
        } else {
            format!("{sentence} (Art. {n}).")
        }
    }

    fn answer(&self, q: &Question, rng: &mut Rng) -> String {
        let a = self.alliance;
        let signed = a.signed();
        match (q.role, q.answer.kind) {
            (Some(Role::AtopId), _) => a.id.to_string(),
            (Some(Role::CowAlliance), _) => match a.num("cowid") {
                0 => "N/A.".into(),
                n => n.to_string(),
            },
            (Some(Role::SignatureDate), _) => {
                let mut s = signed.english();
                for m in &a.members {
                    if let Some(d) = m.entered.filter(|d| *d > signed) {
                        s += &format!("\n{} joined on {}", self.name(m.code), d.english());
                    }
                }
                s
            }
            (Some(Role::Members), _) => a
                .members
                .iter()
                .map(|m| format!("{} {}", m.code, self.name(m.code)))
                .collect::<Vec<_>>()
                .join("\n"),
            (Some(Role::Wartime), _) => {
                let at_war: Vec<String> = a
                    .members
                    .iter()
                    .filter(|m| m.war > 0)
                    .map(|m| format!("{} (COW war number {})", self.name(m.code), m.war))
                    .collect();
                if a.num("wartime") > 0 && !at_war.is_empty() {
                    format!("Yes. {} at war when the alliance was signed.", at_war.join(", "))
                } else {
                    "No.".into()
                }
            }
            (Some(Role::Establishment), _) => match a.num("estmode") {
                1 => "Treaty.".into(),
                _ => "Executive agreement.".into(),
            },
            (Some(Role::Publicity), _) => match a.num("pubsecr") {
                0 => "Public.".into(),
                1 => format!(
                    "Public but with secret articles. The secret articles provide for military cooperation (Art. {}).",
                    self.treaty.bodies.len()
                ),
                _ => "Secret.".into(),
            },
            (Some(Role::Duration), _) if self.says_yes(q) => {
                let months = self
                    .treaty
                    .periods
                    .get("duration")
                    .copied()
                    .unwrap_or(a.num("length"));
                let term = match months {
                    0 => "a fixed term".to_string(),
                    m if m % 12 == 0 => format!("a term of {} years", m / 12),
                    m => format!("a term of {m} months"),
                };
                format!(
                    "Yes. The treaty is concluded for {term}. {}",
                    self.evidence(q.evidence.as_deref(), rng)
                )
            }
            (Some(Role::Renewal), _) if self.says_yes(q) => {
                let period = match self.treaty.periods.get("renewal").copied() {
                    Some(m) if m % 12 == 0 => format!(" for further periods of {} years", m / 12),
                    Some(m) => format!(" for further periods of {m} months"),
                    None => String::new(),
                };
                format!(
                    "Yes. The treaty is extended automatically{period} unless a party gives notice. {}",
                    self.evidence(q.evidence.as_deref(), rng)
                )
            }
            (Some(Role::InternationalOrganizations), _)
                if self.says_yes(q) && !self.treaty.organizations.is_empty() =>
            {
                let topics = atop_lint::model::evidence::Topics::builtin();
                let named: Vec<String> = self
                    .treaty
                    .organizations
                    .iter()
                    .map(|(id, places)| {
                        let places: Vec<String> = places
                            .iter()
                            .map(|&n| match n {
                                0 => "Preamble".to_string(),
                                n => format!("Art. {n}"),
                            })
                            .collect();
                        format!("the {} ({})", topics.org_name(id), places.join(", "))
                    })
                    .collect();
                format!("Yes. It makes reference to {}.", named.join(" and "))
            }
            (Some(Role::Renewals), _) => match a.num("maxphase") {
                0 => "Zero.".into(),
                n => format!(
                    "{}. Renewed by exchange of notes between the parties, each time for the same term.",
                    ["One", "Two", "Three", "Four", "Five"][(n as usize - 1).min(4)]
                ),
            },
            (Some(Role::TerminationDate), _) => match a.ended() {
                None => "Still in effect.".into(),
                Some(d) => {
                    let mut s = d.english();
                    for m in &a.members {
                        if let Some(x) = m.exited.filter(|x| *x < d) {
                            s += &format!("\n{} left on {}", self.name(m.code), x.english());
                        }
                    }
                    s
                }
            },
            (Some(Role::TerminationCause), _) => match (a.ended(), a.num("term")) {
                (None, _) => "N/A".into(),
                (Some(_), 1) => "The treaty expired at the end of its term and was not renewed.".into(),
                (Some(_), 2) => "One of the members violated the terms of the alliance; the other parties considered it ended.".into(),
                (Some(_), 3) => "A member lost its sovereignty or the alliance was replaced by a new treaty among the same parties.".into(),
                (Some(_), _) => "The alliance ended when war broke out between its members.".into(),
            },
            (Some(Role::AllianceTypes), _) => {
                let types: Vec<String> = self
                    .flagged_types()
                    .map(|t| format!("{}.", t.label))
                    .collect();
                if types.is_empty() {
                    "None.".into()
                } else {
                    types.join("\n")
                }
            }
            (Some(Role::Obligations), _) => {
                let paragraphs: Vec<String> = self
                    .flagged_types()
                    .map(|t| {
                        let tag = t.label.split(' ').next().unwrap_or("");
                        format!("{}[{tag}]", self.evidence(Some(&t.id), rng))
                    })
                    .collect();
                if paragraphs.is_empty() {
                    "The parties undertake general obligations of friendship only.".into()
                } else {
                    paragraphs.join("\n\n")
                }
            }
            (Some(Role::Contingencies), _) => {
                if a.num("conditio") > 0 {
                    let target = match a.num("statthr1") {
                        0 => String::new(),
                        c => format!(" by {}", self.name(c)),
                    };
                    format!(
                        "Yes. Obligations are contingent upon an attack{target} on one of the members. {}",
                        self.evidence(None, rng)
                    )
                } else {
                    "No.".into()
                }
            }
            (Some(Role::ContingencyLimits), _) => {
                if a.num("conditio") > 0 {
                    "The obligation applies only if the attack was not provoked by the party attacked.".into()
                } else {
                    "No.".into()
                }
            }
            (Some(Role::Target), _) if a.num("specthrt") > 0 => match a.num("statthr1") {
                0 => format!(
                    "Yes. The treaty names an unspecified aggressor as its object. {}",
                    self.evidence(None, rng)
                ),
                c => format!(
                    "Yes.\n{c} {}\nThe treaty is directed against attack by this state. {}",
                    self.name(c),
                    self.evidence(None, rng)
                ),
            },
            (Some(Role::Comments), _) => format!(
                "Coded from the {} text of the treaty by {}.",
                lang_name(&self.treaty.lang),
                rng.pick(&CODERS)
            ),
            (Some(Role::Citation), _) => {
                let (series, vol) = match signed.year {
                    ..1920 => ("Consolidated Treaty Series", 60 + (signed.year - 1815) * 2),
                    1920..1946 => ("League of Nations Treaty Series", (signed.year - 1919) * 8),
                    _ => ("United Nations Treaty Series", (signed.year - 1945) * 40),
                };
                let page = 1 + rng.below(600);
                let mut s = format!("{series}, vol. {vol}, p. {page}.");
                if rng.chance(300) {
                    s += &format!("\nhttp://treaties.un.org/Pages/showDetails.aspx?objid={}", a.id * 7);
                }
                s
            }
            (Some(Role::Coder), _) => format!("{} and {}.", rng.pick(&CODERS), rng.pick(&CODERS)),
            (_, AnswerKind::YesNo) => self.yes_no(q, rng),
            (_, AnswerKind::Category) => match a.num("source") {
                2 => "Treaty and secondary sources.".into(),
                _ => "Treaty.".into(),
            },
            (_, AnswerKind::Date) => {
                // The last revision: after the 4.0 revision notes, which are dated 2016-2018.
                Date::new(2018, 6 + rng.below(6) as u32, 1 + rng.below(28) as u32)
                    .expect("valid")
                    .english()
            }
            (_, _) if q.answer.na_allowed => "N/A.".into(),
            (_, _) => String::new(),
        }
    }

    fn yes_no(&self, q: &Question, rng: &mut Rng) -> String {
        if !self.says_yes(q) {
            return match q.answer.describe {
                Describe::IfNo => "Yes.".into(),
                _ => "No.".into(),
            };
        }
        let lead = if q.answer.describe == Describe::IfNo {
            "No"
        } else {
            "Yes"
        };
        format!("{lead}. {}", self.evidence(q.evidence.as_deref(), rng))
    }

    fn flagged_types(&self) -> impl Iterator<Item = &atop_lint::model::schema::AllianceType> {
        self.schema
            .alliance_types
            .iter()
            .filter(|t| self.alliance.num(&t.variable) > 0)
    }

    /// Evidence topics of the alliance types the row flags: the treaty must show them.
    pub fn type_topics(&self) -> Vec<String> {
        self.flagged_types().map(|t| t.id.clone()).collect()
    }
}

fn lang_name(code: &str) -> &'static str {
    match code {
        "zh" => "Chinese",
        "fr" => "French",
        "es" => "Spanish",
        "nl" => "Dutch",
        _ => "English",
    }
}

/// Slips of PDF extraction a sheet may carry.
#[derive(Default)]
struct Slips {
    comma_after: Option<u32>,
    page_number_in: Option<u32>,
    irregular_citation_in: Option<u32>,
    stray_url_in: Option<u32>,
}

impl Slips {
    fn draw(rng: &mut Rng) -> Slips {
        if !rng.chance(330) {
            return Slips::default();
        }
        Slips {
            comma_after: rng.chance(400).then(|| 20 + rng.below(40) as u32),
            page_number_in: rng.chance(400).then(|| 5 + rng.below(50) as u32),
            irregular_citation_in: rng.chance(300).then(|| 8 + rng.below(50) as u32),
            stray_url_in: rng.chance(200).then(|| 16 + rng.below(10) as u32),
        }
    }
}

/// Writes the whole sheet.
pub fn write(input: &SheetInput, rng: &mut Rng) -> String {
    let slips = Slips::draw(rng);
    let mut out = String::new();
    let mut section = 0;
    for q in &input.schema.questions {
        if q.section != section {
            section = q.section;
            let title = input
                .schema
                .section(section)
                .map_or(String::new(), |s| s.title.to_uppercase());
            out += &format!("\nSECTION {}: {title}\n\n", to_roman(section));
        }
        let delimiter = if slips.comma_after == Some(q.number) {
            ","
        } else {
            "."
        };
        out += &wrap(&format!("{}{delimiter} {}", q.number, q.prompt));
        out.push('\n');
        let mut answer = input.answer(q, rng);
        if slips.irregular_citation_in == Some(q.number) {
            answer = answer.replacen("(Art. ", "(Art .", 1);
        }
        if slips.stray_url_in == Some(q.number) {
            answer += "\n\nhttp://www.atopdata.org/data.html";
        }
        let mut answer = wrap(&answer);
        if slips.page_number_in == Some(q.number)
            && let Some(nl) = answer.find('\n')
        {
            answer.insert_str(nl, &format!("\n\n{}\n", 2 + q.number / 4));
        }
        out += &answer;
        out += "\n\n";
    }
    if input.alliance.num("rev4") > 0 {
        let revised = Date::new(
            2016 + rng.below(2) as i32,
            1 + rng.below(12) as u32,
            1 + rng.below(28) as u32,
        )
        .expect("valid");
        out += &format!(
            "Version 4.0: Q{} revised by {} on {}\n",
            1 + rng.below(61),
            rng.pick(&CODERS),
            revised.english()
        );
    }
    out
}
