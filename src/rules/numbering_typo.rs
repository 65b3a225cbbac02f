use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "numbering-typo",
    severity: Severity::Warning,
    summary: "A question number is followed by something other than a period",
    doc: "\
Question numbers are written `44.`. PDF extraction and hasty typing leave `44,`, `44:` or `44`
alone, which tools that split sheets by `N.` miss. The fix writes the period.

Example: `44, Does the treaty state that it nullifies ...` reports `write \"44.\" not \"44,\"`.",
    fixable: true,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for q in &cx.sheet.questions {
        let delim = &cx.text[q.delimiter.clone()];
        if delim == "." || q.schema_number.is_none() {
            continue;
        }
        let (span, message, edit) = if delim.is_empty() {
            (
                q.number_span.clone(),
                format!(
                    "write \"{}.\": the period after the number is missing",
                    q.number
                ),
                Edit {
                    span: q.number_span.end..q.number_span.end,
                    replacement: ".".into(),
                },
            )
        } else {
            (
                q.delimiter.clone(),
                format!("write \"{0}.\" not \"{0}{delim}\"", q.number),
                Edit {
                    span: q.delimiter.clone(),
                    replacement: ".".into(),
                },
            )
        };
        out.report(span, Some(q.number()), message).fix = Some(crate::diagnostic::Fix {
            title: format!("Write \"{}.\"", q.number),
            edits: vec![edit],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn seed_comma_is_fixed() {
        assert_eq!(check("numbering-typo", CLEAN), Vec::<String>::new());
        let text = edit(CLEAN, "44. Does", "44, Does");
        assert_eq!(
            check("numbering-typo", &text),
            ["198:3 warning numbering-typo Q44: write \"44.\" not \"44,\""]
        );
        assert_eq!(fixed("numbering-typo", &text), CLEAN);
        let text = edit(CLEAN, "44. Does", "44 Does");
        assert_eq!(
            check("numbering-typo", &text),
            [
                "198:1 warning numbering-typo Q44: write \"44.\": the period after the number is missing"
            ]
        );
        assert_eq!(fixed("numbering-typo", &text), CLEAN);
    }
}
