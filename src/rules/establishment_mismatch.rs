use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "establishment-mismatch",
    severity: Severity::Warning,
    summary: "A non-treaty means of establishment for an agreement that requires ratification, or a treaty that needs none",
    doc: "\
The means of establishment (Q6) is \"treaty\" only if the agreement requires ratification, and
then it must be. An answer such as \"executive agreement\" or \"diplomatic notes\" while an
article requires ratification (\"本条约需经批准\", \"This Treaty shall be ratified\") is
inconsistent.

Example: `Executive agreement.` for the 5030 treaty reports `Q6 says executive agreement, but
Art. 19 has a ratification clause`.

And the other way: `Treaty.` for an agreement that enters into force on its signature, where no
article requires ratification (the Anti-Comintern Pact of 1936: \"The Agreement shall come into
force on the day of its signature\", Art. III), is reported too.",
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
    let Some(category) = crate::coding::answers::option(sq, cx.text, q) else {
        return;
    };
    let Some(ratification) = sq.evidence.as_deref() else {
        return;
    };
    let (message, related) = if category == "treaty" {
        // A treaty in force on its signature needs no ratification, unless an article asks
        // for it all the same (provisional application).
        if !cx.evidence.findings(ratification).is_empty() {
            return;
        }
        let Some((claim, related)) = cx.evidence_claim(IN_FORCE_ON_SIGNATURE) else {
            return;
        };
        (
            format!(
                "Q{} says treaty, but {claim}, and no article requires ratification",
                q.number()
            ),
            related,
        )
    } else {
        let Some((claim, related)) = cx.evidence_claim(ratification) else {
            return;
        };
        (
            format!("Q{} says {category}, but {claim}", q.number()),
            related,
        )
    };
    out.report(
        crate::coding::answers::first_line(cx.text, q),
        Some(q.number()),
        message,
    )
    .related = related;
}

/// The evidence topic of an agreement that enters into force on its signature.
const IN_FORCE_ON_SIGNATURE: &str = "in_force_on_signature";

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    const ANTI_COMINTERN: &str =
        include_str!("../../tests/fixtures/bench/treaties/2395.treaty.en.txt");
    const ANTI_COMINTERN_SHEET: &str =
        include_str!("../../tests/fixtures/bench/sheets/2395.codesheet.txt");

    /// The Anti-Comintern Pact (tune) enters into force on its signature and asks for no
    /// ratification: its sheet's "Executive agreement" is right, a "Treaty" is not.
    #[test]
    fn a_treaty_in_force_on_signature() {
        let treaty = [(ANTI_COMINTERN, "en")];
        let rule = "establishment-mismatch";
        assert_eq!(
            check_with(rule, ANTI_COMINTERN_SHEET, &treaty),
            Vec::<String>::new()
        );
        let answer = "Executive agreement. The Agreement comes into force on the day of its signature (Art. III); it requires no ratification.";
        let sheet = edit(ANTI_COMINTERN_SHEET, answer, "Treaty.");
        assert_eq!(
            check_with(rule, &sheet, &treaty),
            [
                "20:1 warning establishment-mismatch Q6: Q6 says treaty, but Art. 3 has an entry into force on signature: “…he Agreement shall come into force on the day of its signatu…”, and no article requires ratification"
            ]
        );
        // With a ratification clause as well, a treaty it may be.
        let ratified = edit(
            ANTI_COMINTERN,
            "of this Agreement. The Agreement",
            "of this Agreement. This Agreement shall be ratified. The Agreement",
        );
        assert_eq!(
            check_with(rule, &sheet, &[(ratified.as_str(), "en")]),
            Vec::<String>::new()
        );
    }

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
