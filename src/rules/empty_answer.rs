use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "empty-answer",
    severity: Severity::Error,
    summary: "A required question has no answer",
    doc: "\
Questions the schema marks as required must be answered, with `No.` or `N/A` where nothing
applies. An empty answer cannot be told apart from a question the coder skipped. Comment
questions (Q28, Q43, Q57) may stay empty.

Example: `10. Are there specific provisions ... length of time ...` followed directly by `11.`
reports `Q10 has no answer`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for (q, sq) in cx.questions() {
        if sq.required && q.answer.is_empty() {
            out.report(
                q.number_span.clone(),
                Some(sq.number),
                format!("Q{} has no answer", sq.number),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn empty_required_answer() {
        assert_eq!(check("empty-answer", CLEAN), Vec::<String>::new());
        let text = edit(
            CLEAN,
            "Yes. The treaty is concluded for a term of 20 years.\n",
            "",
        );
        assert_eq!(
            check("empty-answer", &text),
            ["29:1 error empty-answer Q10: Q10 has no answer"]
        );
    }
}
