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

Example: Q11 of the 5030 sheet says No, but Art. 19 of the Chinese text lets a party end the
treaty by written notice (以书面形式通知缔约另一方要求终止本条约): `Q11 says No, but Art. 19 has
notice terms`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for (q, sq) in cx.questions() {
        let (Some(topic), Some(lead)) = (sq.evidence.as_deref(), &q.lead) else {
            continue;
        };
        if lead.kind != LeadKind::No {
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
    fn no_treaty_no_warning() {
        assert_eq!(
            check_with("treaty-contradicts-no", SEED, &[]),
            Vec::<String>::new()
        );
    }
}
