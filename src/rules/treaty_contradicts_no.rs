use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "treaty-contradicts-no",
    severity: Severity::Warning,
    summary: "A No answer where the treaty has the provision",
    doc: "\
For questions the treaty text can answer (renunciation, accession, duration, renewal,
organizations, arms, references to international organizations, ...), the treaty is read with
the cue lexicons of its own language (`schemas/lang/<lang>.toml`). When the sheet answers No but
an article carries strong evidence of the provision, the answer is probably wrong. Cues after a
negation or prohibition (\"shall not accede\", \"不得允许\") do not count.

Where the ATOP codebook draws a line that a keyword does not, the passage beside the warning
(its help text, the editor's related information and the hover on the question number) says
which case the article is, from what else the article shows (`kinds` in `schemas/topics.toml`):
notice terms with an automatic renewal in the same article stop the renewal at the end of the
term, which is PROREN (Q12), not RENOUNCE (Q11, renunciation during the term), so a codebook-true
No can stand; so does a notice a party may give only once the treaty has been in force for the
longest term it states (NATO, Art. 13: \"After the Treaty has been in force for twenty years, any
Party may cease to be a Party\"): that period is the term and the treaty stays in force after it
until a party gives notice, PROREN 2 with RENEWLGT 0 (codebook p. 19-20; ATOP 5.1's NATO row),
so such an article is renewal evidence for Q12 and Q11's No stands, while the same notice before a
later scheduled end is RENOUNCE 3; consultation when a party's security is threatened is CONSUL, a general promise to
consult is not; aid by grants, loans, training or technology is MILAID, arms or cooperation alone
need not be; a wish to reduce arms is not an ARMRED obligation; a clause on obligations under an
organization's charter is a reference to that organization (Q47), not to another alliance.

Example: Q11 of the 5030 sheet says No, but Art. 19 of the Chinese text lets a party end the
treaty by written notice (以书面形式通知缔约另一方要求终止本条约): `Q11 says No, but Art. 19 has
notice terms`, and Art. 19's passage adds that the notice stops the automatic renewal (PROREN,
Q12), not a renunciation during the term (RENOUNCE, Q11): Q11's No can stand. A No that cites
every such article, when none of them is of the case the codebook counts (\"No. … (Art. 19)\"),
has been read as the codebook reads it and is not reported.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for (q, sq) in cx.questions() {
        let (Some(topic), Some(lead)) = (sq.evidence.as_deref(), &q.lead) else {
            continue;
        };
        if lead.kind != LeadKind::No || no_the_codebook_supports(cx, q, topic) {
            continue;
        }
        if let Some((claim, related)) = cx.evidence_claim(topic) {
            out.report(
                lead.span.clone(),
                Some(sq.number),
                format!("Q{} says No, but {claim}", sq.number),
            )
            .related = related;
        }
    }
}

/// Whether the No cites every article where the treaty shows the topic and none of those
/// passages is of the case the codebook counts as the provision (a notice that only stops the
/// automatic renewal, cited beside Q11's No): the coder has read the article as the codebook does.
fn no_the_codebook_supports(cx: &Context, q: &QuestionNode, topic: &str) -> bool {
    let cited = q.cited_main_articles();
    let found = cx.evidence.strong_places(topic);
    !cited.is_empty()
        && found.iter().all(|f| {
            f.place.is_some_and(|p| cited.contains(&p))
                && !cx.topics.is_own_case(topic, f, cx.evidence)
        })
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn seed_q11_against_art_19() {
        assert_eq!(check("treaty-contradicts-no", CLEAN), Vec::<String>::new());
        assert_eq!(
            check("treaty-contradicts-no", SEED),
            [
                "33:1 warning treaty-contradicts-no Q11: Q11 says No, but Art. 19 has notice terms: “如缔约任何一方均未在条约期满前一年以书面形式通知缔约另一方要求终止本条约，则本条约将自动延长五年，并依此法顺延”"
            ]
        );
    }

    /// The passage beside the seed's warning says which kind of notice Art. 19 has.
    #[test]
    fn the_passage_says_which_kind_of_notice() {
        let env = crate::Env::default();
        let treaty = crate::TreatyText {
            text: SEED_TREATY.to_string(),
            lang: Some("zh".into()),
        };
        let a = crate::analyze(SEED, vec![treaty], &env, &Default::default());
        let d = a
            .diagnostics
            .iter()
            .find(|d| d.code == "treaty-contradicts-no")
            .unwrap();
        assert_eq!(
            d.message.split(':').next(),
            Some("Q11 says No, but Art. 19 has notice terms")
        );
        let related: Vec<&str> = d.related.iter().map(|r| r.message.as_str()).collect();
        assert_eq!(
            related,
            [
                "Art. 19: 如缔约任何一方均未在条约期满前一年以书面形式通知缔约另一方要求终止本条约，则本条约将自动延长五年，并依此法顺延 — a notice that stops the automatic renewal at the end of the term: PROREN (Q12), not RENOUNCE (Q11), which is renunciation during the term; Q11's No can stand"
            ]
        );
    }

    #[test]
    fn planted_no_answers() {
        let text = edit(
            CLEAN,
            "(Yes, No) If Yes, describe such provisions.\nYes. China reaffirms",
            "(Yes, No) If Yes, describe such provisions.\nNo. China reaffirms",
        );
        assert_eq!(check("treaty-contradicts-no", &text).len(), 1);
        let text = edit(
            CLEAN,
            "the nature of the reference.\nYes. It makes reference",
            "the nature of the reference.\nNo. It makes reference",
        );
        let got = check("treaty-contradicts-no", &text);
        assert_eq!(got.len(), 1);
        assert!(got[0].contains("Q47 says No, but the preamble, Art. 11, Art. 12 and Art. 13 have a reference to an international organization"), "{got:?}");
    }

    #[test]
    fn a_no_citing_the_article_as_the_codebook_reads_it() {
        let cited = edit(
            SEED,
            "describe these conditions.\nNo.",
            "describe these conditions.\nNo. Art. 19's notice only stops the automatic extension (Art. 19).",
        );
        assert_eq!(check("treaty-contradicts-no", &cited), Vec::<String>::new());
        // A passage of the provision's own case is a contradiction, cited or not.
        let text = edit(
            CLEAN,
            "the nature of the reference.\nYes. It makes reference",
            "the nature of the reference.\nNo. (Art. 11, 12, 13) It makes reference",
        );
        assert_eq!(check("treaty-contradicts-no", &text).len(), 1);
    }

    /// A No that cites military aid by grants is no No the codebook supports: that case is
    /// MILAID 2, whatever its place among the topic's kinds.
    #[test]
    fn a_no_citing_a_case_that_is_the_provision() {
        let treaty =
            "Article 1\nEach Party shall give the other military assistance by grants and loans.\n";
        let text = edit(
            CLEAN,
            "these provisions.\nNo.\n",
            "these provisions.\nNo. (Art. 1)\n",
        );
        assert_eq!(
            check_with("treaty-contradicts-no", &text, &[(treaty, "en")]).len(),
            1
        );
    }

    #[test]
    fn no_treaty_no_warning() {
        assert_eq!(
            check_with("treaty-contradicts-no", SEED, &[]),
            Vec::<String>::new()
        );
    }
}
