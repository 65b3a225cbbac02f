use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "yes-no-answer",
    severity: Severity::Warning,
    summary: "A Yes/No question whose answer does not start with Yes or No",
    doc: "\
Yes/No questions feed 0/1 variables; the answer must open with `Yes` or `No` (or `N/A` where
the schema allows it), then the description. An answer that starts with the description leaves
the value to guesswork.

Example: Q50 of the 5030 sheet starts `Economic-trade cooperation (Art. 7)`, with no `Yes.`",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for (q, sq) in cx.questions() {
        if sq.answer.kind != AnswerKind::YesNo || q.answer.is_empty() {
            continue;
        }
        match &q.lead {
            Some(l) if l.kind != LeadKind::NotApplicable || sq.answer.na_allowed => {}
            Some(l) => {
                out.report(
                    l.span.clone(),
                    Some(sq.number),
                    format!(
                        "Q{} is a Yes/No question; N/A is not an answer here",
                        sq.number
                    ),
                );
            }
            None => {
                let first_line = crate::text::first_line(cx.answer(q));
                let end = q.answer.start + first_line.len();
                out.report(
                    q.answer.start..end,
                    Some(sq.number),
                    format!(
                        "Q{} is a Yes/No question, but the answer starts with \"{}\"",
                        sq.number,
                        quote(first_line, 40)
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn seed_q50() {
        assert_eq!(check("yes-no-answer", CLEAN), Vec::<String>::new());
        assert_eq!(
            check("yes-no-answer", SEED),
            [
                "233:1 warning yes-no-answer Q50: Q50 is a Yes/No question, but the answer starts with \"Economic-trade cooperation (Art. 7)\""
            ]
        );
    }

    #[test]
    fn na_where_not_allowed() {
        let text = edit(
            CLEAN,
            "9. Are specific state(s) mentioned as possible future members of the alliance? (Yes, No) If Yes, which state(s)?\nNo.",
            "9. Are specific state(s) mentioned as possible future members of the alliance? (Yes, No) If Yes, which state(s)?\nN/A",
        );
        assert_eq!(
            check("yes-no-answer", &text),
            ["27:1 warning yes-no-answer Q9: Q9 is a Yes/No question; N/A is not an answer here"]
        );
    }
}
