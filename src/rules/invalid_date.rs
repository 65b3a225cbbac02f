use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "invalid-date",
    severity: Severity::Error,
    summary: "An impossible or malformed date, or a date question without a date",
    doc: "\
Dates feed the begin and end variables. A date that cannot exist (February 30), a misspelled
month (\"Decmber 23, 2002\") or a numeric date with no valid reading (13/45/2003) is reported where
it stands. A question whose answer is a date (signature, last revision) must contain one.

Example: `3. Signature date(s) ...: Decmber 23, 2002` reports `\"Decmber\" is not a month; did you
mean December?`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for q in &cx.sheet.questions {
        let number = q.number();
        for d in &q.dates {
            if let Err(e) = &d.value {
                out.report(d.span.clone(), Some(number), e.clone());
            }
        }
        let Some(sq) = cx.schema_question(q) else {
            continue;
        };
        if sq.answer.kind == AnswerKind::Date && q.dates.is_empty() && !q.answer.is_empty() {
            out.report(
                q.answer.clone(),
                Some(number),
                format!("Q{number} takes a date such as \"December 23, 2002\"; none found"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn bad_dates() {
        assert_eq!(check("invalid-date", CLEAN), Vec::<String>::new());
        let text = edit(CLEAN, "December 23, 2002", "Decmber 23, 2002");
        assert_eq!(
            check("invalid-date", &text),
            ["7:72 error invalid-date Q3: \"Decmber\" is not a month; did you mean December?"]
        );
        let text = edit(CLEAN, "December 23, 2002", "February 30, 2002");
        assert_eq!(
            check("invalid-date", &text),
            ["7:72 error invalid-date Q3: February has no day 30 in 2002"]
        );
        let text = edit(CLEAN, "December 23, 2002", "late 2002");
        assert_eq!(
            check("invalid-date", &text),
            [
                "7:72 error invalid-date Q3: Q3 takes a date such as \"December 23, 2002\"; none found"
            ]
        );
    }
}
