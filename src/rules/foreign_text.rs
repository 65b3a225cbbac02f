use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "foreign-text",
    severity: Severity::Warning,
    summary: "Text that does not belong to the question: a stray URL or page debris",
    doc: "\
PDF extraction moves footnotes and page furniture into whatever question comes next on the
page: a source URL lands in a category answer, a page number sits between two lines of an
answer. Questions whose answers hold sources (termination sources, citations, comments) may
carry URLs; others may not.

Example: in the 5030 sheet the URL of the Chinese foreign ministry, the source of Q14, sits
inside Q16's list of alliance types.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for (q, sq) in cx.questions() {
        if !sq.urls_allowed {
            for u in &q.urls {
                out.report(
                    u.clone(),
                    Some(sq.number),
                    format!("a URL inside Q{}, whose answer takes none; it may belong to another question", sq.number),
                );
            }
        }
        for d in &q.debris {
            out.report(
                d.clone(),
                Some(sq.number),
                format!(
                    "\"{}\" inside Q{} looks like page debris",
                    cx.quote(d.clone(), 20),
                    sq.number
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn seed_url_in_q16() {
        assert_eq!(check("foreign-text", CLEAN), Vec::<String>::new());
        assert_eq!(
            check("foreign-text", SEED),
            [
                "59:1 warning foreign-text Q16: a URL inside Q16, whose answer takes none; it may belong to another question"
            ]
        );
    }

    #[test]
    fn page_number() {
        let text = edit(CLEAN, "No.\n\n45.", "No.\n\n12\n\n45.");
        assert_eq!(
            check("foreign-text", &text),
            ["202:1 warning foreign-text Q44: \"12\" inside Q44 looks like page debris"]
        );
    }
}
