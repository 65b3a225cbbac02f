use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "type-evidence",
    severity: Severity::Warning,
    summary: "Alliance types listed without support in the treaty, or shown by it but not listed",
    doc: "\
The alliance types (Q16: defense, offense, neutrality, nonaggression, consultation pact) are the
core of the ATOP coding. Each type is also an evidence topic of the lexicons. A type the treaty
shows with strong evidence (a consultation article) but the sheet does not list is a warning —
at severity `info` where every such article is of a case the codebook does not count as the type
(a general promise to consult, with no threat named); a listed type with no cue at all in the
treaty is reported at severity `info`, since the lexicons cannot know every phrasing.

Example: the 5030 sheet without `Consultation pact` reports `Q16 does not list Consultation pact,
but Art. 14 has consultation obligations`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    if cx.treaties.is_empty() {
        return;
    }
    let Some(q) = cx.by_role(Role::AllianceTypes) else {
        return;
    };
    let listed: Vec<&str> = crate::coding::answers::listed_types(cx.schema, cx.text, q)
        .into_iter()
        .map(|(t, _)| t.id.as_str())
        .collect();
    let span = if q.answer.is_empty() {
        q.number_span.clone()
    } else {
        q.answer.clone()
    };
    for t in &cx.schema.alliance_types {
        let is_listed = listed.contains(&t.id.as_str());
        let claim = (!is_listed).then(|| cx.evidence_claim(&t.id)).flatten();
        if let Some((claim, related)) = claim {
            let provision = cx
                .evidence
                .strong_places(&t.id)
                .iter()
                .any(|f| cx.topics.is_own_case(&t.id, f, cx.evidence));
            let d = out.report(
                span.clone(),
                Some(q.number()),
                format!("Q{} does not list {}, but {claim}", q.number(), t.label),
            );
            d.related = related;
            if !provision {
                d.severity = Severity::Info;
            }
        } else if is_listed && cx.evidence.findings(&t.id).is_empty() {
            let d = out.report(
                span.clone(),
                Some(q.number()),
                format!(
                    "Q{} lists {}, but no article of the treaty shows {}",
                    q.number(),
                    t.label,
                    cx.topics.label(&t.id)
                ),
            );
            d.severity = Severity::Info;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn types_against_the_treaty() {
        assert_eq!(check("type-evidence", CLEAN), Vec::<String>::new());
        assert_eq!(check("type-evidence", SEED), Vec::<String>::new());
        let text = edit(CLEAN, "\nConsultation pact\n", "\n");
        assert_eq!(
            check("type-evidence", &text),
            [
                "56:1 warning type-evidence Q16: Q16 does not list Consultation pact, but Art. 14 has consultation obligations: “…一方的和平或安全利益构成威胁，缔约双方将立即进行接触，协商制定防止威胁的措施”"
            ]
        );
        let text = edit(
            CLEAN,
            "\nConsultation pact\n",
            "\nConsultation pact\nDefense pact\n",
        );
        assert_eq!(
            check("type-evidence", &text),
            [
                "56:1 info type-evidence Q16: Q16 lists Defense pact, but no article of the treaty shows defense obligations"
            ]
        );
    }

    /// A general promise to consult, with no threat named, is not a consultation pact by
    /// itself: info, not a warning.
    #[test]
    fn a_general_promise_to_consult_is_info() {
        let treaty = "Article 1\nThe Parties shall consult each other on questions of trade.\n";
        let text = edit(CLEAN, "\nConsultation pact\n", "\n");
        let found = check_with("type-evidence", &text, &[(treaty, "en")]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with("56:1 info type-evidence Q16: Q16 lists Nonaggression pact"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("56:1 info type-evidence Q16: Q16 does not list Consultation pact, but Art. 1 has consultation obligations"),
            "{found:?}"
        );
    }

    /// The passage says the consultation is of the codebook's kind (a threat to a party's
    /// security), not a general promise to consult.
    #[test]
    fn the_passage_says_which_kind_of_consultation() {
        let text = edit(CLEAN, "\nConsultation pact\n", "\n");
        let treaty = crate::TreatyText {
            text: SEED_TREATY.to_string(),
            lang: Some("zh".into()),
        };
        let a = crate::analyze(
            &text,
            vec![treaty],
            &crate::Env::default(),
            &Default::default(),
        );
        let d = a
            .diagnostics
            .iter()
            .find(|d| d.code == "type-evidence")
            .unwrap();
        assert_eq!(d.related.len(), 1);
        assert!(
            d.related[0].message.ends_with(" — consultation in crises that threaten a party's security: CONSUL (Q16) if it aims at coordinating policy"),
            "{}",
            d.related[0].message
        );
    }
}
