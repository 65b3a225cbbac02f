use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "citation-misses-evidence",
    severity: Severity::Info,
    summary: "A Yes answer cites articles that do not show the provision, while another article does",
    doc: "\
When a Yes answer cites articles, at least one of them should carry the provision the question
asks about. If none of the cited articles has a cue for it, but another article has strong
evidence, the citation probably points to the wrong article. Treaties numbered in clauses are
cited by clause (`(clause 43)`), as articles.

Example: `12. ... renewal ... Yes. ... (Art. 18)` on the 5030 sheet reports `Q12 cites Art. 18,
but Art. 19 has renewal terms`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for (q, sq) in cx.questions() {
        let Some(topic) = sq.evidence.as_deref() else {
            continue;
        };
        if q.lead.as_ref().map(|l| l.kind) != Some(LeadKind::Yes) || q.citations.is_empty() {
            continue;
        }
        // Evidence places are the main text's.
        let cited = q.cited_main_articles();
        if cited.is_empty() {
            continue;
        }
        if cited.iter().any(|&p| cx.evidence.supports(topic, p)) {
            continue;
        }
        let found = cx.evidence.strong_places(topic);
        if found.is_empty() {
            continue;
        }
        let cited_names: Vec<_> = cited.iter().map(|&p| Some(p)).collect();
        let places: Vec<_> = found.iter().map(|f| f.place).collect();
        let d = out.report(
            q.citations[0].span.clone(),
            Some(sq.number),
            format!(
                "Q{} cites {}, but {} {} {}",
                sq.number,
                place_list(&cited_names),
                place_list(&places),
                if places.len() > 1 { "have" } else { "has" },
                cx.topics.label(topic)
            ),
        );
        d.related
            .extend(found.iter().map(|f| cx.topic_related(topic, f)));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn wrong_article_cited() {
        assert_eq!(
            check("citation-misses-evidence", CLEAN),
            Vec::<String>::new()
        );
        assert_eq!(
            check("citation-misses-evidence", SEED),
            Vec::<String>::new()
        );
        let text = edit(
            CLEAN,
            "before the term of the treaty (Art. 19)",
            "before the term of the treaty (Art. 18)",
        );
        assert_eq!(
            check("citation-misses-evidence", &text),
            [
                "37:75 info citation-misses-evidence Q12: Q12 cites Art. 18, but Art. 19 has renewal terms"
            ]
        );
    }
}
