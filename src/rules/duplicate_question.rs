use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "duplicate-question",
    severity: Severity::Error,
    summary: "A question appears twice",
    doc: "\
Each question is answered once. A second block for the same question (often a copy-paste left
behind during revision) makes it unclear which answer counts.

Example: two blocks that both start `11. Are there conditions under which members may renounce
the treaty?` report the second one, with the first as related location.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let mut seen: std::collections::BTreeMap<(u32, bool), &QuestionNode> =
        std::collections::BTreeMap::new();
    for q in &cx.sheet.questions {
        let first = *seen
            .entry((q.number(), q.schema_number.is_some()))
            .or_insert(q);
        if std::ptr::eq(first, q) {
            continue;
        }
        out.report(
            q.number_span.clone(),
            Some(q.number()),
            format!(
                "Q{} appears twice; the first is on an earlier line",
                q.number()
            ),
        )
        .related
        .push(crate::diagnostic::Related {
            location: Location::Sheet(first.number_span.clone()),
            message: format!("first Q{}", q.number()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn second_copy_is_reported() {
        assert_eq!(check("duplicate-question", CLEAN), Vec::<String>::new());
        let text = edit(
            CLEAN,
            "13. Number of times",
            "11. Are there conditions under which members may renounce the treaty? If Yes, describe these conditions.\nNo.\n\n13. Number of times",
        );
        assert_eq!(
            check("duplicate-question", &text),
            [
                "39:1 error duplicate-question Q11: Q11 appears twice; the first is on an earlier line"
            ]
        );
    }
}
