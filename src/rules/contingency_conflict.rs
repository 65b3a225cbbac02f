use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "contingency-conflict",
    severity: Severity::Warning,
    summary: "No contingencies listed, yet their limits are described",
    doc: "\
The contingency question (Q19) lists the conditions obligations depend on; the next question
(Q20) describes the limits of those conditions. If Q19 says No, Q20 has nothing to describe: a
description there means one of the two answers is wrong.

Example: Q19 `No.` with Q20 `Only if attacked by a European power (Art. 5)` reports the conflict.",
    fixable: false,
    check,
};

fn is_empty_answer(cx: &Context, q: &QuestionNode) -> bool {
    q.answer.is_empty()
        || matches!(
            q.lead.as_ref().map(|l| l.kind),
            Some(LeadKind::No | LeadKind::NotApplicable)
        ) && !q.has_description(cx.text)
}

fn check(cx: &Context, out: &mut Sink) {
    let (Some(c), Some(l)) = (
        cx.by_role(Role::Contingencies),
        cx.by_role(Role::ContingencyLimits),
    ) else {
        return;
    };
    let says_no = matches!(c.lead.as_ref().map(|l| l.kind), Some(LeadKind::No))
        && !c.has_description(cx.text);
    if says_no && !is_empty_answer(cx, l) {
        out.report(
            l.answer.clone(),
            Some(l.number()),
            format!(
                "Q{} says No, but Q{} describes limits to contingent obligations",
                c.number(),
                l.number()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn no_then_described() {
        assert_eq!(check("contingency-conflict", CLEAN), Vec::<String>::new());
        let text = edit(
            CLEAN,
            "listed in #19.\nNo.",
            "listed in #19.\nOnly if attacked by a European power (Art. 5).",
        );
        assert_eq!(
            check("contingency-conflict", &text),
            [
                "78:1 warning contingency-conflict Q20: Q19 says No, but Q20 describes limits to contingent obligations"
            ]
        );
    }
}
