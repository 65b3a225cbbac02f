use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "missing-question",
    severity: Severity::Error,
    summary: "A question of the questionnaire is not in the sheet",
    doc: "\
Every question of the schema must appear in the sheet, numbered, with its prompt. A sheet that
skips a question cannot be turned into a dataset row, and later questions may be misread as its
answer.

The diagnostic sits on the question that follows the gap.

Example: a sheet that goes from `11.` straight to `13.` reports `Q12 is missing`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let written: std::collections::BTreeSet<u32> =
        cx.sheet.questions.iter().map(|q| q.number()).collect();
    for sq in &cx.schema.questions {
        if written.contains(&sq.number) {
            continue;
        }
        // Anchor on the first question after it, else the end of the sheet.
        let next = cx.sheet.questions.iter().find(|q| q.number() > sq.number);
        let span = next.map_or(cx.text.len()..cx.text.len(), |q| q.number_span.clone());
        out.report(
            span,
            Some(sq.number),
            format!("Q{} is missing (\"{}\")", sq.number, quote(&sq.prompt, 60)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn clean_sheet_has_all() {
        assert_eq!(check("missing-question", CLEAN), Vec::<String>::new());
    }

    #[test]
    fn gap_is_reported_on_the_next_question() {
        let text = edit(
            CLEAN,
            "13. Number of times alliance renewed",
            "Number of times alliance renewed",
        );
        assert_eq!(
            check("missing-question", &text),
            [
                "43:1 error missing-question Q13: Q13 is missing (\"Number of times alliance renewed, dates of renewal, and mean…\")"
            ]
        );
    }
}
