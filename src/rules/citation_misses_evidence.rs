use super::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

pub static RULE: Rule = Rule {
    code: "citation-misses-evidence",
    severity: Severity::Warning,
    summary: "A Yes answer cites articles that do not show the provision, while another article does",
    doc: "\
When a Yes answer cites articles, at least one of them should carry the provision the question
asks about. If none of the cited articles has a cue for it, but another article has strong
evidence, the citation probably points to the wrong article. Treaties numbered in clauses are
cited by clause (`(clause 43)`), as articles.

The finding is a warning when the answer's own words point at that other article too: it holds
at least three of the answer's distinctive words (words of four letters or more that stand in at
most a quarter of the treaty's places, so not \"treaty\" or \"shall\"), more than twice as many as
any cited article. Otherwise (an answer in another language than the treaty's, a paraphrase) it
is reported at severity `info`, since the lexicons cannot know every phrasing of the cited
article.

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
        if !wording_points_at(cx, cx.answer(q), &cited, &places) {
            d.severity = Severity::Info;
        }
    }
}

/// Fewer shared words than this say nothing of which article an answer describes.
const MIN_SHARED_WORDS: usize = 3;

/// Whether one of `found` holds at least [`MIN_SHARED_WORDS`] of the answer's distinctive
/// words, and more than twice as many as any `cited` article (in any treaty text).
fn wording_points_at(
    cx: &Context,
    answer: &str,
    cited: &[ArticleRef],
    found: &[Option<ArticleRef>],
) -> bool {
    let folded = crate::text::folded_words(answer);
    let words: BTreeSet<&str> = folded
        .split(' ')
        .filter(|w| w.chars().count() >= 4 && !w.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    let places = cx.evidence.place_words(cx.treaties);
    let (mut best_found, mut best_cited) = (0, 0);
    for treaty in 0..cx.treaties.len() {
        let here: Vec<_> = places.iter().filter(|p| p.treaty == treaty).collect();
        // The answer's words each place holds.
        let held: Vec<BTreeSet<&str>> = here
            .iter()
            .map(|p| p.words.split(' ').filter(|w| words.contains(w)).collect())
            .collect();
        // How many places hold each word: one in more than a quarter of them ("treaty",
        // "shall") tells none apart.
        let mut spread: BTreeMap<&str, usize> = BTreeMap::new();
        for w in held.iter().flatten() {
            *spread.entry(w).or_default() += 1;
        }
        let distinctive = |w: &&&str| spread[**w] * 4 <= here.len().max(4);
        for (p, h) in here.iter().zip(&held) {
            let count = h.iter().filter(distinctive).count();
            if found.contains(&Some(p.place)) {
                best_found = best_found.max(count);
            }
            if cited.contains(&p.place) {
                best_cited = best_cited.max(count);
            }
        }
    }
    best_found >= MIN_SHARED_WORDS && best_found > 2 * best_cited
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

    const NATO: &str = include_str!("../../tests/fixtures/evidence/3180-nato.codesheet.txt");
    const NATO_TREATY: &str = include_str!("../../tests/fixtures/treaties/nato-1949.en.txt");

    /// The answer's own words stand in Art. 10, not in the cited Art. 4: a warning. An answer
    /// whose words place it nowhere stays at `info` (the seed's English answers above, against
    /// its Chinese text, are another such case).
    #[test]
    fn the_answer_s_words_point_at_the_other_article() {
        let nato =
            |sheet: &str| check_with("citation-misses-evidence", sheet, &[(NATO_TREATY, "en")]);
        assert_eq!(nato(NATO), Vec::<String>::new());
        let text = edit(
            NATO,
            "to accede to it (Art. 10).",
            "to accede to it (Art. 4).",
        );
        assert_eq!(
            nato(&text),
            [
                "33:150 warning citation-misses-evidence Q8: Q8 cites Art. 4, but Art. 10 has an accession clause"
            ]
        );
        let text = edit(
            NATO,
            "Yes. The Parties may, by unanimous agreement, invite any other European State in a position to further the principles of the Treaty to accede to it (Art. 10).",
            "Yes. New members may come in (Art. 4).",
        );
        assert_eq!(
            nato(&text),
            [
                "33:31 info citation-misses-evidence Q8: Q8 cites Art. 4, but Art. 10 has an accession clause"
            ]
        );
    }
}
