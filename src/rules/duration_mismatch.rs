use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "duration-mismatch",
    severity: Severity::Warning,
    summary: "The treaty's term of validity differs from the sheet's",
    doc: "\
The duration question (Q10) feeds LENGTH in months. When the answer gives a period (\"20 years\",
\"twenty years\") and the treaty states its term in its own language and numerals
(\"有效期为二十年\", \"concluded for a period of ten years\"), the two must agree.

A term where the treaty says it is of unlimited duration (\"remain in force indefinitely\",
\"durée illimitée\", \"unbefristet\"), or where no article speaks of a term, is reported too
(for treaties in a language the lexicons know).

Example: `Yes. The treaty is concluded for a term of 25 years.` against the 5030 treaty's
有效期为二十年 reports `Q10 gives a term of 25 years, but the treaty says 20 years (Art. 19)`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    super::period::check_period(cx, out, Role::Duration, ("duration", "a term"), &[]);
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

    /// A fixed term against real treaties that have none.
    #[test]
    fn term_without_support() {
        let anzus = include_str!("../../tests/fixtures/treaties/anzus-1951.en.txt");
        let bhutan = include_str!("../../tests/fixtures/treaties/india-bhutan-1949.en.txt");
        let latam = include_str!("../../tests/fixtures/treaties/latam-parliament-1987.es.txt");
        let persia = include_str!("../../tests/fixtures/treaties/nl-persia-friendship-1930.fr.txt");
        let cases = [
            (anzus, "en", "the treaty is of unlimited duration (Art. 10)"),
            (
                bhutan,
                "en",
                "the treaty is of unlimited duration (Art. 10)",
            ),
            (latam, "es", "no article of the treaty states a term"),
            (persia, "fr", "no article of the treaty states a term"),
        ];
        for (treaty, lang, says) in cases {
            assert_eq!(
                check_with("duration-mismatch", CLEAN, &[(treaty, lang)]),
                [format!(
                    "30:44 warning duration-mismatch Q10: Q10 gives a term of 20 years, but {says}"
                )],
                "{lang}"
            );
        }
        // "Yes, indefinitely" is the provision itself.
        let text = edit(
            CLEAN,
            "Yes. The treaty is concluded for a term of 20 years.",
            "Yes. The treaty remains in force indefinitely (Art. X).",
        );
        assert_eq!(
            check_with("duration-mismatch", &text, &[(anzus, "en")]),
            Vec::<String>::new()
        );
    }
}
