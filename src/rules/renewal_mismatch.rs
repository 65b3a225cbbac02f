use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "renewal-mismatch",
    severity: Severity::Warning,
    summary: "The treaty's renewal period differs from the sheet's",
    doc: "\
The renewal question (Q12) feeds RENEWLGT in months. When the answer gives the renewal period and
the treaty states it (\"自动延长五年\", \"automatically be extended for another five years\"), the
two must agree. Other periods in the answer (a notice period) do not count against it as long
as one period agrees. A Yes where no article of the treaty speaks of renewal at all is reported
too (for treaties in a language the lexicons know); an article that lets a party leave only
once the treaty has been in force for its term, with no later end set, speaks of it: the treaty
stays in force after its term until notice, PROREN 2 with no renewal term (NATO, Art. 13).

Example: `automatically extended for another 10 years` against the 5030 treaty reports `Q12 gives
a renewal period of 10 years, but the treaty says 5 years (Art. 19)`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    super::period::check_period(cx, out, Role::Renewal, ("renewal", "a renewal period"), &[]);
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn renewal_period() {
        assert_eq!(check("renewal-mismatch", CLEAN), Vec::<String>::new());
        let text = edit(CLEAN, "for another 5 years", "for another 10 years");
        assert_eq!(
            check("renewal-mismatch", &text),
            [
                "36:60 warning renewal-mismatch Q12: Q12 gives a renewal period of 10 years, but the treaty says 5 years (Art. 19)"
            ]
        );
    }

    /// A renewal clause against a real treaty that has none.
    #[test]
    fn renewal_without_support() {
        let anzus = include_str!("../../tests/fixtures/treaties/anzus-1951.en.txt");
        assert_eq!(
            check_with("renewal-mismatch", CLEAN, &[(anzus, "en")]),
            [
                "36:1 warning renewal-mismatch Q12: Q12 says Yes, but no article of the treaty states a renewal period"
            ]
        );
        let text = edit(CLEAN, "extended for another 5 years", "extended");
        assert_eq!(
            check_with("renewal-mismatch", &text, &[(anzus, "en")]),
            [
                "36:1 warning renewal-mismatch Q12: Q12 says Yes, but no article of the treaty states a renewal period"
            ]
        );
        // The treaty that has the clause.
        let seed = [(SEED_TREATY, "zh")];
        assert_eq!(
            check_with("renewal-mismatch", CLEAN, &seed),
            Vec::<String>::new()
        );
    }
}
