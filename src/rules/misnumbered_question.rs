use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "misnumbered-question",
    severity: Severity::Error,
    summary: "A question's number does not match its prompt",
    doc: "\
The prompt is that of another question than the number says, so the answer would be filed under
the wrong variable. The fix renumbers the question to match its prompt.

Example: `46. Does the treaty state that it modifies any existing treaties ...` (the prompt of
Q45) reports `numbered 46 but the prompt is that of Q45`.",
    fixable: true,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for q in &cx.sheet.questions {
        let Some(n) = q.schema_number else { continue };
        if n == q.number {
            continue;
        }
        out.report(
            q.number_span.clone(),
            Some(n),
            format!("numbered {} but the prompt is that of Q{n}", q.number),
        )
        .fix = Some(crate::diagnostic::Fix {
            title: format!("Renumber as {n}"),
            edits: vec![Edit {
                span: q.number_span.clone(),
                replacement: n.to_string(),
            }],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn wrong_number_is_renumbered() {
        assert_eq!(check("misnumbered-question", CLEAN), Vec::<String>::new());
        let text = edit(
            CLEAN,
            "45. Does the treaty state that it modifies",
            "46. Does the treaty state that it modifies",
        );
        assert_eq!(
            check("misnumbered-question", &text),
            ["202:1 error misnumbered-question Q45: numbered 46 but the prompt is that of Q45"]
        );
        assert_eq!(fixed("misnumbered-question", &text), CLEAN);
    }
}
