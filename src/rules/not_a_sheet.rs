use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "not-a-sheet",
    severity: Severity::Error,
    summary: "The file has no question of the questionnaire: it is not a coding sheet",
    doc: "\
A file in which no numbered question of the schema is found is not a coding sheet (a README
named on the command line, a sheet in another questionnaire's format, an empty file). It is
said once, at the start of the file, and no other rule runs on it: every question missing, one
by one, would say the same thing many times.

Check the file named, or `--schema` and the `schema` key of `atop.toml` if the sheet follows
another questionnaire.",
    fixable: false,
    check,
};

/// Whether `cx`'s sheet is no coding sheet: the other rules do not run on it.
pub fn applies(cx: &Context) -> bool {
    cx.sheet.questions.is_empty()
}

fn check(cx: &Context, out: &mut Sink) {
    if applies(cx) {
        out.report(
            0..0,
            None,
            format!(
                "no question of the questionnaire (\"{}\") found: this does not look like a \
                 coding sheet",
                cx.schema.name
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn said_once_for_a_file_without_questions() {
        let readme = "# A project\n\n1. Install it.\n2. Run it.\n";
        assert_eq!(
            check("not-a-sheet", readme),
            [
                "1:1 error not-a-sheet: no question of the questionnaire (\"ATOP coding sheet\") \
              found: this does not look like a coding sheet"
            ]
        );
        // The other rules are silent on it.
        assert_eq!(check("missing-question", readme), Vec::<String>::new());
        assert_eq!(check("treaty-missing", readme), Vec::<String>::new());
        assert_eq!(check("not-a-sheet", CLEAN), Vec::<String>::new());
    }
}
