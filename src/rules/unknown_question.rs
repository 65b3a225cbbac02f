use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "unknown-question",
    severity: Severity::Error,
    summary: "A numbered question the questionnaire does not have",
    doc: "\
A numbered block that looks like a question (it ends with `?` or `:`) but whose number is not in
the schema: the sheet was made from another version of the questionnaire, or a question was
added by hand. Check `--schema` or the `schema` key of `atop.toml`.

Example: `62. Additional notes:` after `61. Coder:` reports `Q62 is not a question of the ATOP
coding sheet 4.0`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for q in &cx.sheet.questions {
        if q.schema_number.is_none() && cx.schema.question(q.number).is_none() {
            out.report(
                q.number_span.clone(),
                None,
                format!(
                    "Q{} is not a question of the {} {}",
                    q.number, cx.schema.name, cx.schema.version
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn extra_question() {
        assert_eq!(check("unknown-question", CLEAN), Vec::<String>::new());
        let text = format!("{CLEAN}\n62. Additional notes on the translation:\nNone.\n");
        let line = text.lines().position(|l| l.starts_with("62.")).unwrap() + 1;
        assert_eq!(
            check("unknown-question", &text),
            [format!(
                "{line}:1 error unknown-question: Q62 is not a question of the ATOP coding sheet 4.0"
            )]
        );
    }
}
