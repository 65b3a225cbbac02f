use super::prelude::*;
use crate::syntax::sheet::{Citation, PartName};

pub static RULE: Rule = Rule {
    code: "unknown-article",
    severity: Severity::Error,
    summary: "A citation of an article the treaty does not have",
    doc: "\
Citations such as `(Art. 19)` must name articles of the coded treaty. When the treaty text is
available (see `atop-lint check --help` on pairing), a citation of an article number that no
language version of the treaty has is reported: a typo, or an article of another instrument.
A citation into a part with its own numbering (`(Annex I, Art. 4)`, `Art. 2 of the Protocol`)
is checked against that part when the treaty text has it; a part's numbers never count as the
main text's.

Example: `(Art. 24)` on a sheet whose treaty has 19 articles reports `the treaty has no Article
24 (it has Articles 1–19)`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    if cx.treaties.is_empty() {
        return;
    }
    let max = cx
        .treaties
        .iter()
        .flat_map(|t| t.articles.iter().map(|a| a.number))
        .max();
    for q in &cx.sheet.questions {
        for c in &q.citations {
            if let Some(name) = &c.part {
                in_part(cx, out, q.number(), c, name);
                continue;
            }
            for (target, span) in &c.targets {
                let ArticleRef::Article(n) = *target else {
                    continue;
                };
                if cx.treaties.iter().any(|t| t.article(n).is_some()) {
                    continue;
                }
                let have = max.map_or("no numbered articles".to_string(), |m| {
                    format!("Articles 1–{m}")
                });
                out.report(
                    span.clone(),
                    Some(q.number()),
                    format!("the treaty has no Article {n} (it has {have})"),
                );
            }
        }
    }
}

/// A citation into a part ("(Annex I, Art. 4)"): checked against that part's own numbering
/// when a treaty text has the part; a part no text has may be a separate document.
fn in_part(cx: &Context, out: &mut Sink, question: u32, c: &Citation, name: &PartName) {
    let parts: Vec<_> = cx.treaties.iter().filter_map(|t| t.part(name)).collect();
    if parts.is_empty() {
        return;
    }
    for (target, span) in &c.targets {
        let ArticleRef::Article(n) = *target else {
            continue;
        };
        if parts
            .iter()
            .any(|p| p.articles.iter().any(|a| a.number == n))
        {
            continue;
        }
        let max = parts
            .iter()
            .flat_map(|p| p.articles.iter().map(|a| a.number))
            .max()
            .unwrap_or(0);
        let part = match name.number {
            Some(k) => format!("{} {k}", name.word),
            None => name.word.clone(),
        };
        out.report(
            span.clone(),
            Some(question),
            format!("the treaty's {part} has no Article {n} (it has Articles 1–{max})"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    /// The Molotov-Ribbentrop treaty (7 articles) and its Secret Additional Protocol (4).
    #[test]
    fn citations_into_a_protocol() {
        let treaty = [(
            include_str!("../../tests/fixtures/treaties/molotov-ribbentrop-1939.en.txt"),
            "en",
        )];
        let cite = |with: &str| {
            let text = edit(CLEAN, "(Art. 14)[Consultation]", with);
            // The 5030 sheet's other citations are not this treaty's: Q18 only.
            check_with("unknown-article", &text, &treaty)
                .into_iter()
                .filter(|l| l.contains(" Q18: "))
                .collect::<Vec<_>>()
        };
        // The protocol's Article 3 and the treaty's Article 7 are there.
        assert_eq!(
            cite("(Secret Additional Protocol, Art. 3)[Consultation]"),
            Vec::<String>::new()
        );
        assert_eq!(
            cite("(Art. 3 of the Protocol)[Consultation]"),
            Vec::<String>::new()
        );
        assert_eq!(cite("(Art. 7)[Consultation]"), Vec::<String>::new());
        // The protocol has no Article 6, though the treaty has.
        assert_eq!(
            cite("(Protocol, Art. 6)[Consultation]"),
            [
                "69:79 error unknown-article Q18: the treaty's protocol has no Article 6 (it has Articles 1–4)"
            ]
        );
        // A part's numbers never count as the main text's: no Article 9 anywhere.
        assert_eq!(
            cite("(Art. 9)[Consultation]"),
            ["69:69 error unknown-article Q18: the treaty has no Article 9 (it has Articles 1–7)"]
        );
        // An annex the text does not have may be a separate document.
        assert_eq!(
            cite("(Annex II, Art. 9)[Consultation]"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn article_24_of_19() {
        assert_eq!(check("unknown-article", CLEAN), Vec::<String>::new());
        assert_eq!(check("unknown-article", SEED), Vec::<String>::new());
        let text = edit(CLEAN, "(Art. 14)[Consultation]", "(Art. 24)[Consultation]");
        assert_eq!(
            check("unknown-article", &text),
            [
                "69:69 error unknown-article Q18: the treaty has no Article 24 (it has Articles 1–19)"
            ]
        );
        // Without a treaty nothing can be said.
        assert_eq!(
            check_with("unknown-article", &text, &[]),
            Vec::<String>::new()
        );
    }
}
