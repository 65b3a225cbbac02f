use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "yes-without-support",
    severity: Severity::Warning,
    summary: "A Yes to a final clause (accession, renunciation) that no article of the treaty has",
    doc: "\
Some provisions are final clauses worded in few ways: accession of new members (Q8) and the
conditions for leaving the treaty (Q11). A treaty that has no word of such a clause anywhere,
not even a weak cue (`silence_denies` in `schemas/topics.toml`), has no such provision, and a
Yes to its question is one a reviewer holding the treaty would flag. Only said of treaties whose
language the lexicons know and whose articles were found (or, without headings, whose whole
text was read), so that silence means something. Words of the clause that are all of a case the
codebook does not count as it (a notice that stops automatic renewal, a word of the treaty's own
end) are no support either. A Yes that cites no article is a warning: nothing, neither a word
of the treaty nor the coder's own citation, supports it. A Yes that cites an article is
reported at severity `info`, as for a listed alliance type with no cue (`type-evidence`), since
the lexicons cannot know every phrasing of texts they were not written from. The term and
renewal (Q10, Q12) are checked the same way by `duration-mismatch` and `renewal-mismatch`.

Example: `Yes. Other states of the Pacific Area may accede to the Treaty.` for Q8 against the
ANZUS text reports `Q8 says Yes, but no article of the treaty has an accession clause`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    if !cx.reads_a_treaty() {
        return;
    }
    for (q, sq) in cx.questions() {
        let (Some(topic), Some(lead)) = (sq.evidence.as_deref(), &q.lead) else {
            continue;
        };
        let denies = cx
            .topics
            .topics
            .get(topic)
            .is_some_and(|t| t.silence_denies);
        if lead.kind != LeadKind::Yes || !denies {
            continue;
        }
        // Words of the clause that are all of a case the codebook does not count as it (a
        // notice that stops renewal, the treaty's own end) support a Yes no more than silence.
        let found = cx.evidence.findings(topic);
        if found
            .iter()
            .any(|f| cx.topics.is_own_case(topic, f, cx.evidence))
        {
            continue;
        }
        let label = cx.topics.label(topic);
        let message = match found.first() {
            None => format!(
                "Q{} says Yes, but no article of the treaty has {label}",
                sq.number
            ),
            Some(f) => format!(
                "Q{} says Yes, but the treaty's only words of {label} are not the provision: {} — {}",
                sq.number,
                place_name(f.place),
                cx.topics.kind(topic, f, cx.evidence).unwrap_or_default()
            ),
        };
        let related = found.iter().map(|f| cx.topic_related(topic, f)).collect();
        let d = out.report(lead.span.clone(), Some(sq.number), message);
        d.related = related;
        if !q.citations.is_empty() {
            d.severity = Severity::Info;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    const ANZUS: &str = include_str!("../../tests/fixtures/bench/sheets/3215.codesheet.txt");
    const ANZUS_TREATY: &str = include_str!("../../tests/fixtures/treaties/anzus-1951.en.txt");
    const ACCEDE: (&str, &str) = (
        "describe these provisions.\nNo.\n\n9.",
        "describe these provisions.\nYes. Other states may accede to the Treaty.\n\n9.",
    );

    #[test]
    fn a_yes_to_a_clause_the_treaty_lacks() {
        let anzus = |sheet: &str| check_with("yes-without-support", sheet, &[(ANZUS_TREATY, "en")]);
        assert_eq!(anzus(ANZUS), Vec::<String>::new());
        let text = edit(ANZUS, ACCEDE.0, ACCEDE.1);
        assert_eq!(
            anzus(&text),
            [
                "24:1 warning yes-without-support Q8: Q8 says Yes, but no article of the treaty has an accession clause"
            ]
        );
        // A Yes that cites an article the lexicons find nothing in may word it in a way they
        // do not know.
        let cited = edit(
            &text,
            "accede to the Treaty.",
            "accede to the Treaty (Art. XI).",
        );
        assert_eq!(
            anzus(&cited),
            [
                "24:1 info yes-without-support Q8: Q8 says Yes, but no article of the treaty has an accession clause"
            ]
        );
        // Art. X lets a party leave: Q11's Yes has support.
        let text = edit(
            ANZUS,
            "Yes. Any party may cease to be a member of the Council",
            "Yes. Any party may withdraw from the Council",
        );
        assert_eq!(anzus(&text), Vec::<String>::new());
    }

    /// Words of the clause that are all of another case support a Yes no more than silence:
    /// the Anglo-Japanese agreement of 1905 has a notice "of terminating it" only beside its
    /// ten-year term (Art. VIII; 5.1 RENOUNCE 0, PROREN 2).
    #[test]
    fn a_yes_the_treaty_words_only_as_another_case() {
        let sheet = include_str!("../../tests/fixtures/bench/sheets/1415.codesheet.txt");
        let treaty = include_str!("../../tests/fixtures/bench/treaties/1415.treaty.en.txt");
        let rule = "yes-without-support";
        assert_eq!(
            check_with(rule, sheet, &[(treaty, "en")]),
            Vec::<String>::new()
        );
        let yes = edit(
            sheet,
            "renounce the treaty? If Yes, describe these conditions.\nNo.",
            "renounce the treaty? If Yes, describe these conditions.\nYes. Either party may denounce the Agreement.",
        );
        let found = check_with(rule, &yes, &[(treaty, "en")]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("warning yes-without-support Q11: Q11 says Yes, but the treaty's only words of notice terms are not the provision: Art. 8 — a word of ending beside the treaty's own term"),
            "{found:?}"
        );
    }

    /// Silence means nothing in a text whose articles were not found (a heading in words no
    /// lexicon knows), and something in a text without headings, read whole.
    #[test]
    fn silent_where_the_treaty_is_not_read() {
        let text = edit(ANZUS, ACCEDE.0, ACCEDE.1);
        let rule = "yes-without-support";
        let unread = check_with(rule, &text, &[("Artikkel 1\nThe Parties agree.", "en")]);
        assert_eq!(unread, Vec::<String>::new());
        let read_whole = check_with(rule, &text, &[("The Parties agree.", "en")]);
        assert_eq!(
            read_whole.first().map(String::as_str),
            Some(
                "24:1 warning yes-without-support Q8: Q8 says Yes, but no article of the treaty has an accession clause"
            )
        );
        assert_eq!(check("yes-without-support", SEED), Vec::<String>::new());
    }
}
