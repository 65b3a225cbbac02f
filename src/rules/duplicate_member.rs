use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "duplicate-member",
    severity: Severity::Warning,
    summary: "A member listed twice",
    doc: "\
Each member appears once in the member list; a repeated code inflates the member count (and
BILAT). The fix deletes the repeated line.

Example: `705 Kazakhstan` on two lines of Q4 reports the second.",
    fixable: true,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for q in &cx.sheet.questions {
        for (i, m) in q.members.iter().enumerate() {
            let Some(first) = q.members[..i].iter().find(|p| p.code == m.code) else {
                continue;
            };
            // Delete the whole line, with its line break.
            let line_start = cx.text[..m.span.start]
                .rfind(['\n', '\r'])
                .map_or(0, |p| p + 1);
            let mut end = m.span.end;
            let bytes = cx.text.as_bytes();
            while end < bytes.len() && matches!(bytes[end], b' ' | b'\t' | b'.' | b',') {
                end += 1;
            }
            if cx.text[end..].starts_with("\r\n") {
                end += 2;
            } else if end < bytes.len() && matches!(bytes[end], b'\n' | b'\r') {
                end += 1;
            }
            let d = out.report(
                m.code_span.clone(),
                Some(q.number()),
                format!("{} is listed twice", m.code),
            );
            d.related.push(crate::diagnostic::Related {
                location: Location::Sheet(first.span.clone()),
                message: "first listed here".into(),
            });
            d.fix = Some(crate::diagnostic::Fix {
                title: format!("Remove the second {}", m.code),
                edits: vec![Edit {
                    span: line_start..end,
                    replacement: String::new(),
                }],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn repeated_line() {
        assert_eq!(check("duplicate-member", CLEAN), Vec::<String>::new());
        let text = edit(CLEAN, "710 China\n", "710 China\n710 China\n");
        assert_eq!(
            check("duplicate-member", &text),
            ["11:1 warning duplicate-member Q4: 710 is listed twice"]
        );
        assert_eq!(fixed("duplicate-member", &text), CLEAN);
    }
}
