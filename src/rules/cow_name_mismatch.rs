use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "cow-name-mismatch",
    severity: Severity::Error,
    summary: "A member's name does not match its COW code",
    doc: "\
In `710 Kazakhstan` either the code or the name is wrong: 710 is China. The code is what the
dataset records, so a mismatch silently codes the wrong state. Names are compared with the COW
names, abbreviations and common alternatives (`data/cow/aliases.toml`).

Example: `710 Kazakhstan` reports `710 is China, not Kazakhstan (Kazakhstan is 705)`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for q in &cx.sheet.questions {
        for m in &q.members {
            let Some(state) = cx.cow.get(m.code) else {
                continue;
            };
            let name = cx.text[m.name.clone()].trim();
            if cx.cow.name_fits(m.code, name) {
                continue;
            }
            let hint = match cx.cow.codes_named(name) {
                [c] => format!(" ({name} is {c})"),
                _ => String::new(),
            };
            out.report(
                m.name.clone(),
                Some(q.number()),
                format!("{} is {}, not {name}{hint}", m.code, state.name()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn swapped_name() {
        assert_eq!(check("cow-name-mismatch", CLEAN), Vec::<String>::new());
        let text = edit(CLEAN, "710 China", "710 Kazakhstan");
        assert_eq!(
            check("cow-name-mismatch", &text),
            ["10:5 error cow-name-mismatch Q4: 710 is China, not Kazakhstan (Kazakhstan is 705)"]
        );
        let text = edit(CLEAN, "710 China", "710 People's Republic of China");
        assert_eq!(check("cow-name-mismatch", &text), Vec::<String>::new());
    }
}
