use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "citation-style",
    severity: Severity::Warning,
    summary: "An article citation written irregularly (\"Art .2\", \"Art.1\")",
    doc: "\
Citations are written `Art. 19`, `Arts. 11, 12`. Irregular forms (`Art .2`, `Art.1`, `Art 3`)
trip up readers and tools that collect citations. The fix writes the regular form.

Example: Q28 of the 5030 sheet cites `(Art .2)`.",
    fixable: true,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for q in &cx.sheet.questions {
        for c in &q.citations {
            let Some((span, regular)) = &c.irregular else {
                continue;
            };
            // Quote up to the first cited number, so "Art.1" reads as such.
            let number_end = c
                .targets
                .first()
                .map_or(span.end, |(_, s)| s.end)
                .max(span.end);
            let written = &cx.text[span.start..number_end];
            let number = &cx.text[span.end..number_end];
            out.report(
                span.clone(),
                Some(q.number()),
                format!("write \"{regular}{number}\" not \"{written}\""),
            )
            .fix = Some(crate::diagnostic::Fix {
                title: format!("Write \"{}\"", regular.trim_end()),
                edits: vec![Edit {
                    span: span.clone(),
                    replacement: regular.clone(),
                }],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn seed_art_space_dot() {
        assert_eq!(check("citation-style", CLEAN), Vec::<String>::new());
        let text = edit(CLEAN, "(Art. 2)", "(Art .2)");
        assert_eq!(
            check("citation-style", &text),
            ["119:118 warning citation-style Q28: write \"Art. 2\" not \"Art .2\""]
        );
        assert_eq!(fixed("citation-style", &text), CLEAN);
        let text = edit(CLEAN, "(Art. 2)", "(Art.2)");
        assert_eq!(fixed("citation-style", &text), CLEAN);
        let text = edit(CLEAN, "(Art. 2)", "(Art 2)");
        assert_eq!(fixed("citation-style", &text), CLEAN);
    }
}
