use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "missing-description",
    severity: Severity::Warning,
    summary: "A Yes (or No) without the description the question asks for",
    doc: "\
Many questions say \"If Yes, describe\" (Q24: \"If No, describe\"). The description is what a
reviewer checks against the treaty, and it should cite the article. A bare `Yes.` hides which
provision the coder saw.

Example: `8. Are there provisions for adding additional members ...? Yes.` reports `Q8 says Yes
but gives no description`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for (q, sq) in cx.questions() {
        let Some(lead) = &q.lead else { continue };
        let wants = match (sq.answer.describe, lead.kind) {
            (Describe::IfYes, LeadKind::Yes) => "Yes",
            (Describe::IfNo, LeadKind::No) => "No",
            _ => continue,
        };
        if sq.answer.kind == AnswerKind::YesNo && !q.has_description(cx.text) {
            out.report(
                lead.span.clone(),
                Some(sq.number),
                format!("Q{} says {wants} but gives no description", sq.number),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn bare_yes() {
        assert_eq!(check("missing-description", CLEAN), Vec::<String>::new());
        let text = edit(
            CLEAN,
            "If Yes, describe these provisions.\nNo.",
            "If Yes, describe these provisions.\nYes.",
        );
        assert_eq!(
            check("missing-description", &text),
            ["24:1 warning missing-description Q8: Q8 says Yes but gives no description"]
        );
        let text = edit(
            CLEAN,
            "(Yes, No) If No, describe.\nYes.",
            "(Yes, No) If No, describe.\nNo.",
        );
        assert_eq!(
            check("missing-description", &text),
            ["100:1 warning missing-description Q24: Q24 says No but gives no description"]
        );
    }
}
