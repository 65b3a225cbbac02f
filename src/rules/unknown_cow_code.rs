use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "unknown-cow-code",
    severity: Severity::Error,
    summary: "A member listed with a code that is not a COW state code",
    doc: "\
Members are listed by Correlates of War country code (`710 China`). A code the COW state list
does not have cannot be merged with other data sets.

Example: `711 China` reports `711 is not a COW state code (China is 710)`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for q in &cx.sheet.questions {
        for m in &q.members {
            if cx.cow.get(m.code).is_some() {
                continue;
            }
            let name = &cx.text[m.name.clone()];
            let hint = match cx.cow.codes_named(name) {
                [c] => format!(" ({} is {c})", name.trim()),
                _ => String::new(),
            };
            out.report(
                m.code_span.clone(),
                Some(q.number()),
                format!("{} is not a COW state code{hint}", m.code),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn unknown_code() {
        assert_eq!(check("unknown-cow-code", CLEAN), Vec::<String>::new());
        let text = edit(CLEAN, "710 China", "711 China");
        assert_eq!(
            check("unknown-cow-code", &text),
            ["10:1 error unknown-cow-code Q4: 711 is not a COW state code (China is 710)"]
        );
    }
}
