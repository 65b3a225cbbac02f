use super::prelude::*;
use crate::syntax::numerals::to_roman;

pub static RULE: Rule = Rule {
    code: "section-sequence",
    severity: Severity::Warning,
    summary: "A SECTION heading is misnumbered, repeated or out of sequence",
    doc: "\
Section headings number the questionnaire's five parts: `SECTION I` … `SECTION V`. A heading
whose number does not match the questions under it (a copy-paste from the previous section, or
the same numeral twice) misleads readers. The fix writes the numeral of the section the
following questions belong to.

Example: the 5030 sheet has `SECTION II: INSTITUTIONALIZATION OF THE ALLIANCE` before Q29, which
belongs to section III.",
    fixable: true,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let mut seen: Vec<u32> = Vec::new();
    for h in &cx.sheet.sections {
        // The section is the one of the next question after the heading.
        let expected = cx
            .sheet
            .questions
            .iter()
            .find(|q| q.span.start > h.span.start)
            .and_then(|q| cx.schema_question(q))
            .map(|sq| sq.section);
        let numeral = cx.text[h.numeral.clone()].to_string();
        match (h.number, expected) {
            (Some(n), Some(e)) if n != e => {
                let title = cx
                    .schema
                    .section(e)
                    .map_or(String::new(), |s| s.title.clone());
                let written_title = cx.text[h.title.clone()].trim();
                let repeated = if seen.contains(&n) { " again" } else { "" };
                let d = out.report(
                    h.numeral.clone(),
                    None,
                    format!(
                        "SECTION {numeral}{repeated}: the questions under this heading belong to section {} ({title})",
                        to_roman(e)
                    ),
                );
                let title_agrees = written_title.is_empty()
                    || crate::model::schema::words(written_title)
                        == crate::model::schema::words(&title);
                if title_agrees {
                    d.fix = Some(crate::diagnostic::Fix {
                        title: format!("Write SECTION {}", to_roman(e)),
                        edits: vec![Edit {
                            span: h.numeral.clone(),
                            replacement: to_roman(e),
                        }],
                    });
                }
            }
            (None, _) => {
                out.report(
                    h.numeral.clone(),
                    None,
                    format!("\"{numeral}\" is not a section number"),
                );
            }
            _ => {}
        }
        if let Some(n) = h.number {
            seen.push(n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn seed_second_section_two() {
        assert_eq!(check("section-sequence", CLEAN), Vec::<String>::new());
        let text = edit(
            CLEAN,
            "SECTION III: INSTITUTIONALIZATION",
            "SECTION II: INSTITUTIONALIZATION",
        );
        assert_eq!(
            check("section-sequence", &text),
            [
                "130:9 warning section-sequence: SECTION II again: the questions under this heading belong to section III (Institutionalization of the Alliance)"
            ]
        );
        assert_eq!(fixed("section-sequence", &text), CLEAN);
    }

    #[test]
    fn wrong_title_gets_no_fix() {
        let text = edit(
            CLEAN,
            "SECTION III: INSTITUTIONALIZATION OF THE ALLIANCE",
            "SECTION IV: TREATY CONTEXT",
        );
        assert_eq!(
            check("section-sequence", &text),
            [
                "130:9 warning section-sequence: SECTION IV: the questions under this heading belong to section III (Institutionalization of the Alliance)"
            ]
        );
        assert_eq!(fixed("section-sequence", &text), text);
    }
}
