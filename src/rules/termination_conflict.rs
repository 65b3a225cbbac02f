use super::prelude::*;
use crate::coding::answers;

pub static RULE: Rule = Rule {
    code: "termination-conflict",
    severity: Severity::Warning,
    summary: "Termination date and termination cause disagree",
    doc: "\
If the termination question (Q14) says the alliance is still in effect, the cause of termination
(Q15) must be N/A; if Q14 gives a termination date, Q15 should say what ended the alliance.

Example: Q14 `Still in effect.` with Q15 `Superseded by the 2012 treaty.` reports the conflict.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let (Some(date_q), Some(cause_q)) = (
        cx.by_role(Role::TerminationDate),
        cx.by_role(Role::TerminationCause),
    ) else {
        return;
    };
    let Some(sq) = cx.schema_question(date_q) else {
        return;
    };
    let in_effect = answers::in_effect(sq, cx.text, date_q).is_some_and(|(yes, _)| yes);
    // "The alliance has not terminated; France left in 1966" gives no cause.
    let cause_given = !cause_q.answer.is_empty()
        && !matches!(
            cause_q.lead.as_ref().map(|l| l.kind),
            Some(LeadKind::NotApplicable | LeadKind::No)
        )
        && !answers::opens_with_alternative(sq, cx.text, cause_q);
    if in_effect && cause_given {
        out.report(
            cause_q.answer.clone(),
            Some(cause_q.number()),
            format!(
                "Q{} says the alliance is still in effect, but Q{} gives a cause of termination",
                date_q.number(),
                cause_q.number()
            ),
        );
    } else if !in_effect && !date_q.dates.is_empty() && !cause_given {
        let span = if cause_q.answer.is_empty() {
            cause_q.number_span.clone()
        } else {
            cause_q.answer.clone()
        };
        out.report(
            span,
            Some(cause_q.number()),
            format!(
                "Q{} gives a termination date, but Q{} does not say what ended the alliance",
                date_q.number(),
                cause_q.number()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn in_effect_vs_cause() {
        assert_eq!(check("termination-conflict", CLEAN), Vec::<String>::new());
        assert_eq!(check("termination-conflict", SEED), Vec::<String>::new());
        let text = edit(
            CLEAN,
            "terminate.\nN/A",
            "terminate.\nSuperseded by the 2012 treaty.",
        );
        assert_eq!(
            check("termination-conflict", &text),
            [
                "49:1 warning termination-conflict Q15: Q14 says the alliance is still in effect, but Q15 gives a cause of termination"
            ]
        );
        // Still in effect though some members left; Q15 says so in its own words.
        let text = edit(
            CLEAN,
            "Still in effect.\n",
            "Still in effect. Kazakhstan withdrew on March 1, 2020.\n",
        );
        let text = edit(
            &text,
            "terminate.\nN/A",
            "terminate.\nThe alliance has not terminated. Kazakhstan withdrew in 2020.",
        );
        assert_eq!(check("termination-conflict", &text), Vec::<String>::new());
        let text = edit(CLEAN, "Still in effect.\n", "March 1, 2020.\n");
        assert_eq!(
            check("termination-conflict", &text),
            [
                "49:1 warning termination-conflict Q15: Q14 gives a termination date, but Q15 does not say what ended the alliance"
            ]
        );
    }
}
