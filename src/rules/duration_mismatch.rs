use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "duration-mismatch",
    severity: Severity::Warning,
    summary: "The treaty's term of validity differs from the sheet's",
    doc: "\
The duration question (Q10) feeds LENGTH in months. When the answer gives a period (\"20 years\",
\"twenty years\") and the treaty states its term in its own language and numerals
(\"有效期为二十年\", \"concluded for a period of ten years\"), the two must agree.

Example: `Yes. The treaty is concluded for a term of 25 years.` against the 5030 treaty's
有效期为二十年 reports `Q10 gives a term of 25 years, but the treaty says 20 years (Art. 19)`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    super::period::check_period(cx, out, Role::Duration, "duration", "a term");
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn term_in_years() {
        assert_eq!(check("duration-mismatch", CLEAN), Vec::<String>::new());
        let text = edit(CLEAN, "for a term of 20 years", "for a term of 25 years");
        assert_eq!(
            check("duration-mismatch", &text),
            [
                "30:44 warning duration-mismatch Q10: Q10 gives a term of 25 years, but the treaty says 20 years (Art. 19)"
            ]
        );
        let text = edit(
            CLEAN,
            "for a term of 20 years",
            "for a term of twenty years",
        );
        assert_eq!(check("duration-mismatch", &text), Vec::<String>::new());
    }
}
