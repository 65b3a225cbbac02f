use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "establishment-mismatch",
    severity: Severity::Warning,
    summary: "A non-treaty means of establishment for an agreement that requires ratification",
    doc: "\
The means of establishment (Q6) is \"treaty\" only if the agreement requires ratification, and
then it must be. An answer such as \"executive agreement\" or \"diplomatic notes\" while an
article requires ratification (\"本条约需经批准\", \"This Treaty shall be ratified\") is
inconsistent.

Example: `Executive agreement.` for the 5030 treaty reports `Q6 says executive agreement, but
Art. 19 has a ratification clause`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let Some(q) = cx.by_role(Role::Establishment) else {
        return;
    };
    let Some(sq) = cx.schema_question(q) else {
        return;
    };
    // The category the answer starts with, as the schema names it.
    let Some(category) = crate::coding::answers::option(sq, cx.text, q).filter(|&o| o != "treaty")
    else {
        return;
    };
    let Some((claim, related)) = sq.evidence.as_deref().and_then(|t| cx.evidence_claim(t)) else {
        return;
    };
    out.report(
        crate::coding::answers::first_line(cx.text, q),
        Some(q.number()),
        format!("Q{} says {category}, but {claim}", q.number()),
    )
    .related = related;
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn executive_agreement_needing_ratification() {
        assert_eq!(check("establishment-mismatch", CLEAN), Vec::<String>::new());
        let text = edit(
            CLEAN,
            "ratification.)\nTreaty.",
            "ratification.)\nExecutive agreement.",
        );
        assert_eq!(
            check("establishment-mismatch", &text),
            [
                "18:1 warning establishment-mismatch Q6: Q6 says executive agreement, but Art. 19 has a ratification clause: “本条约需经批准，并自互换批准书之日起生效”"
            ]
        );
    }
}
