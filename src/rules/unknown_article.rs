use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "unknown-article",
    severity: Severity::Error,
    summary: "A citation of an article the treaty does not have",
    doc: "\
Citations such as `(Art. 19)` must name articles of the coded treaty. When the treaty text is
available (see `atop-lint check --help` on pairing), a citation of an article number that no
language version of the treaty has is reported: a typo, or an article of another instrument.

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

#[cfg(test)]
mod tests {
    use super::super::testing::*;

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
