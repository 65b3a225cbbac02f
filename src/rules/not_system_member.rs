use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "not-system-member",
    severity: Severity::Warning,
    summary: "A member that was not a COW system member on the signature date",
    doc: "\
ATOP codes alliances among members of the state system. A member whose COW membership does not
cover the signature date (Q3) is usually the wrong code for the period — 255 Germany was not a
member between 1945 and 1990; West Germany is 260.

Example: a 1949 alliance listing `255 Germany` reports `255 Germany was not a system member on
April 4, 1949 (member 1816-01-01 – 1945-05-08, 1990-10-03 – 2024-12-31)`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let Some(date) = cx.signature_date() else {
        return;
    };
    for q in &cx.sheet.questions {
        for m in &q.members {
            let Some(state) = cx.cow.get(m.code) else {
                continue;
            };
            if state.member_on(date) {
                continue;
            }
            out.report(
                m.code_span.clone(),
                Some(q.number()),
                format!(
                    "{} {} was not a system member on {} (member {})",
                    m.code,
                    state.name(),
                    date.english(),
                    state.periods()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn germany_1949() {
        assert_eq!(check("not-system-member", CLEAN), Vec::<String>::new());
        let text = edit(CLEAN, "December 23, 2002", "April 4, 1949");
        let text = edit(&text, "710 China", "255 Germany");
        assert_eq!(
            check("not-system-member", &text),
            [
                "10:1 warning not-system-member Q4: 255 Germany was not a system member on April 4, 1949 (member 1816-01-01 – 1945-05-08, 1990-10-03 – 2024-12-31)",
                "11:1 warning not-system-member Q4: 705 Kazakhstan was not a system member on April 4, 1949 (member 1991-12-26 – 2024-12-31)"
            ]
        );
    }
}
