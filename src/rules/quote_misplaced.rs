use super::prelude::*;
use crate::syntax::sheet::quotations;
use crate::text::folded_words;

pub static RULE: Rule = Rule {
    code: "quote-misplaced",
    severity: Severity::Warning,
    summary: "A quotation cites an article, but its words stand in another article of the treaty",
    doc: "\
Coders quote the treaty and cite the article after the quotation (`“…” (Art. 5)[Defense]`). When
the quoted words (the longest stretch between `...` of at least five words, compared word for word
without case or punctuation) stand in another article of a treaty text and in none of the cited
ones, the citation points to the wrong article. A quotation that no article has word for word (a
translation, a paraphrase) is left alone.

Example: `“Each Party recognizes that an armed attack in the Pacific Area …” (Art. IX)` against
the ANZUS text reports `Q18 cites Art. 9 for words that stand in Art. 4`.",
    fixable: false,
    check,
};

/// Fewer words than this match too many places to say which article a quotation is from.
const MIN_WORDS: usize = 5;

/// The longest stretch of a quotation between its omission marks, as words.
fn longest_stretch(quoted: &str) -> Option<String> {
    quoted
        .split(['…'])
        .flat_map(|s| s.split("..."))
        .map(folded_words)
        .filter(|w| w.split(' ').count() >= MIN_WORDS)
        .max_by_key(String::len)
}

fn check(cx: &Context, out: &mut Sink) {
    if cx.treaties.is_empty() {
        return;
    }
    for q in &cx.sheet.questions {
        let answer = q.answer.clone();
        let a = &cx.text[answer.clone()];
        for quote in quotations(a) {
            let close = answer.start + quote.end;
            let Some(citation) = q.citations.iter().find(|c| {
                c.part.is_none()
                    && c.span.start >= close
                    && cx.text[close..c.span.start]
                        .trim_matches(|ch: char| ch.is_whitespace() || "”\"'(".contains(ch))
                        .is_empty()
            }) else {
                continue;
            };
            let Some(stretch) = longest_stretch(&a[quote.clone()]) else {
                continue;
            };
            // A quotation in Latin letters can stand in no text with fewer of them (an English
            // rendering of a Chinese treaty): the texts need not be read into words for it.
            if stretch.is_ascii()
                && stretch.bytes().filter(u8::is_ascii_alphanumeric).count()
                    > cx.evidence.most_latin_letters(cx.treaties)
            {
                continue;
            }
            // Read into words when a quotation long enough to place is first found, and kept
            // with the evidence (the language server keeps it between edits of the sheet).
            let places = cx.evidence.place_words(cx.treaties);
            let finder = memchr::memmem::Finder::new(&stretch);
            let holding: Vec<_> = places
                .iter()
                .filter(|p| finder.find(p.words.as_bytes()).is_some())
                .collect();
            let cited: Vec<ArticleRef> = citation.targets.iter().map(|t| t.0).collect();
            if holding.is_empty() || holding.iter().any(|p| cited.contains(&p.place)) {
                continue;
            }
            let cited_names: Vec<_> = cited.iter().map(|&p| Some(p)).collect();
            let mut held: Vec<_> = holding.iter().map(|p| Some(p.place)).collect();
            held.dedup();
            let d = out.report(
                citation.span.clone(),
                Some(q.number()),
                format!(
                    "Q{} cites {} for words that stand in {}",
                    q.number(),
                    place_list(&cited_names),
                    place_list(&held)
                ),
            );
            d.related
                .extend(holding.iter().map(|p| crate::diagnostic::Related {
                    location: Location::Treaty(p.treaty, p.heading.clone()),
                    message: format!("{}: the quoted words", place_name(Some(p.place))),
                }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    const NATO: &str = include_str!("../../tests/fixtures/evidence/3180-nato.codesheet.txt");
    const NATO_TREATY: &str = include_str!("../../tests/fixtures/treaties/nato-1949.en.txt");

    fn nato(sheet: &str) -> Vec<String> {
        check_with("quote-misplaced", sheet, &[(NATO_TREATY, "en")])
    }

    #[test]
    fn a_quotation_cited_to_another_article() {
        assert_eq!(nato(NATO), Vec::<String>::new());
        let text = edit(NATO, "them all ...” (Art. 5)", "them all ...” (Art. 6)");
        assert_eq!(
            nato(&text),
            ["70:149 warning quote-misplaced Q18: Q18 cites Art. 6 for words that stand in Art. 5"]
        );
    }

    /// Words no article has word for word (the seed quotes an English translation of a Chinese
    /// text), and quotations too short to place, are left alone.
    #[test]
    fn translations_and_short_quotations_are_left_alone() {
        assert_eq!(check("quote-misplaced", SEED), Vec::<String>::new());
        let text = edit(
            NATO,
            "“The Parties will consult together whenever, in the opinion of any of them, the territorial integrity, political independence or security of any of the Parties is threatened.” (Art. 4)",
            "“will consult together” (Art. 7)",
        );
        assert_eq!(nato(&text), Vec::<String>::new());
    }

    #[test]
    fn longest_stretch_between_omissions() {
        assert_eq!(
            super::longest_stretch(
                "The Parties undertake ... to refrain in their international relations from …"
            ),
            Some("to refrain in their international relations from".into())
        );
        assert_eq!(super::longest_stretch("a b ... c"), None);
    }
}
