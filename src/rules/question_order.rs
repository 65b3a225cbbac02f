use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "question-order",
    severity: Severity::Warning,
    summary: "Questions are out of order",
    doc: "\
Questions follow the questionnaire's order. A question that comes after a higher-numbered one
was usually moved by mistake, and readers comparing two coders' sheets side by side lose their
place.

Example: `13.` placed before `12.` reports `Q12 comes after Q13`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let mut highest: Option<u32> = None;
    for q in &cx.sheet.questions {
        let n = q.number();
        if let Some(h) = highest
            && n < h
            && q.schema_number.is_some()
        {
            out.report(
                q.number_span.clone(),
                Some(n),
                format!("Q{n} comes after Q{h}"),
            );
        }
        highest = Some(highest.map_or(n, |h| h.max(n)));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn moved_question() {
        assert_eq!(check("question-order", CLEAN), Vec::<String>::new());
        let q12 = "12. Are there specific provisions in the treaty concerning renewal of the treaty? (Yes, No) If Yes, describe these provisions.\nYes. The treaty will be automatically extended for another 5 years unless one of the parties notifies its intention to terminate\nthe treaty in writing no later than 1 year before the term of the treaty (Art. 19)\n\n";
        let text = edit(CLEAN, q12, "");
        let text = edit(
            &text,
            "14. Termination date(s)",
            &format!("{q12}14. Termination date(s)"),
        );
        assert_eq!(
            check("question-order", &text),
            ["39:1 warning question-order Q12: Q12 comes after Q13"]
        );
    }
}
