use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "unknown-question-ref",
    severity: Severity::Error,
    summary: "A reference to a question that does not exist (\"#109\")",
    doc: "\
Answers and prompts refer to other questions as `#19`, `Q14` or `question 19`. A number the
schema does not have is a typo, and a reader cannot follow it.

Example: Q20 of the 5030 sheet asks about \"the limits to obligations listed in #109\"; the
questionnaire has 61 questions (it means #19).",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for q in &cx.sheet.questions {
        for r in &q.refs {
            if cx.schema.question(r.number).is_none() {
                out.report(
                    r.span.clone(),
                    Some(q.number()),
                    format!(
                        "#{} names no question: the {} has questions {}–{}",
                        r.number,
                        cx.schema.name,
                        cx.schema.first_number(),
                        cx.schema.last_number()
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
    fn seed_109() {
        assert_eq!(check("unknown-question-ref", CLEAN), Vec::<String>::new());
        assert_eq!(
            check("unknown-question-ref", SEED),
            [
                "80:64 error unknown-question-ref Q20: #109 names no question: the ATOP coding sheet has questions 1–61"
            ]
        );
    }

    #[test]
    fn other_datasets_numbers_are_no_references() {
        let text = edit(
            CLEAN,
            "Still in effect.",
            "Still in effect. It continues COW alliance #3500 and ATOP #1234 (see #109).",
        );
        assert_eq!(
            check("unknown-question-ref", &text),
            [
                "44:70 error unknown-question-ref Q14: #109 names no question: the ATOP coding sheet has questions 1–61"
            ]
        );
    }
}
