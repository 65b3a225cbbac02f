use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "notice-mismatch",
    severity: Severity::Warning,
    summary: "Q11's notice period differs from the treaty's",
    doc: "\
The renunciation question (Q11) describes how a party leaves the treaty, often with the notice
it must give. When the answer gives a period in a sentence on notice (\"six months after notice
has been given\") and the treaty states notice periods (`notice` in `[quantities]` of
`schemas/lang/<lang>.toml`: \"one year after notice\", \"期满前一年以书面形式通知\", \"préavis de six
mois\"), one of them must agree. Other periods of the answer (the years a treaty must first have
been in force) are not notice periods; a treaty whose notice periods the lexicons do not find
leaves the answer alone.

Example: `Any party may cease to be a member of the Council six months after notice has been
given` against ANZUS's Art. X (\"one year after notice\") reports `Q11 gives a notice period of 6
months, but the treaty says 1 year (Art. 10)`.",
    fixable: false,
    check,
};

/// Words that make a sentence of the answer one on notice.
const NOTICE_WORDS: &[&str] = &["notice", "notif", "denunciation", "denounc"];

fn check(cx: &Context, out: &mut Sink) {
    super::period::check_period(
        cx,
        out,
        Role::Renunciation,
        ("notice", "a notice period"),
        NOTICE_WORDS,
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    const ANZUS: &str = include_str!("../../tests/fixtures/bench/sheets/3215.codesheet.txt");
    const ANZUS_TREATY: &str = include_str!("../../tests/fixtures/treaties/anzus-1951.en.txt");
    const NATO: &str = include_str!("../../tests/fixtures/evidence/3180-nato.codesheet.txt");
    const NATO_TREATY: &str = include_str!("../../tests/fixtures/treaties/nato-1949.en.txt");

    /// The ANZUS sheet with six months' notice in Q11, the words between "after" and "notice"
    /// being `gap`.
    fn six_months_notice(gap: &str) -> String {
        edit(
            ANZUS,
            "Council one year after notice",
            &format!("Council six months after{gap}notice"),
        )
    }

    /// What the rule says of Q11's six months against a treaty whose notice is a year in `art`.
    fn one_year_in(art: &str) -> [String; 1] {
        [format!(
            "33:48 warning notice-mismatch Q11: Q11 gives a notice period of 6 months, but the treaty says 1 year ({art})"
        )]
    }

    /// A sentence hard-wrapped by PDF extraction is still one sentence on notice.
    #[test]
    fn notice_period_against_the_treaty() {
        let anzus = |sheet: &str| check_with("notice-mismatch", sheet, &[(ANZUS_TREATY, "en")]);
        assert_eq!(anzus(ANZUS), Vec::<String>::new());
        assert_eq!(anzus(&six_months_notice(" ")), one_year_in("Art. 10"));
        assert_eq!(anzus(&six_months_notice("\n")), one_year_in("Art. 10"));
    }

    /// NATO's Q11 gives the twenty years the treaty must first be in force, not a notice period;
    /// a treaty with no notice period found says nothing.
    #[test]
    fn other_periods_and_silent_treaties_are_left_alone() {
        assert_eq!(
            check_with("notice-mismatch", NATO, &[(NATO_TREATY, "en")]),
            Vec::<String>::new()
        );
        let text = six_months_notice(" ");
        assert_eq!(
            check_with("notice-mismatch", &text, &[(NATO_TREATY, "en")]),
            one_year_in("Art. 13")
        );
        let unread = [(
            "The Parties agree.\n\nArticle 1\n\nThe Parties consult.",
            "en",
        )];
        assert_eq!(
            check_with("notice-mismatch", &text, &unread),
            Vec::<String>::new()
        );
    }

    /// The seed's Art. 19 gives a year's written notice before the term ends.
    #[test]
    fn notice_before_the_end_of_the_term_in_chinese() {
        let text = edit(
            SEED,
            "describe these conditions.\nNo.",
            "describe these conditions.\nYes. A party may end the treaty by written notice six months before the term ends (Art. 19).",
        );
        assert_eq!(
            check("notice-mismatch", &text),
            [
                "33:44 warning notice-mismatch Q11: Q11 gives a notice period of 6 months, but the treaty says 1 year (Art. 19)"
            ]
        );
    }
}
