use super::prelude::*;
use crate::coding::draft::DRAFT_MARK;

pub static RULE: Rule = Rule {
    code: "draft-answer",
    severity: Severity::Info,
    summary: "An answer drafted from the treaty that the coder has not reviewed yet",
    doc: "\
`atop-lint draft` and the editor's \"Answer from the treaty\" write the answers a treaty settles,
each marked `[draft]`: they come from the cue lexicons, not from a coder's reading, and can be
wrong or incomplete. Every mark is reported until the coder has checked the answer against the
treaty and removed the mark, so a draft can never be taken for a reviewed sheet.

Example: `Yes. [draft] “…” (Art. 19)` under Q11 reports `Q11 is a draft from the treaty: review
it, then remove [draft]`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    // Most sheets hold no draft: one scan of the whole text spares one per answer.
    if memchr::memmem::find(cx.text.as_bytes(), DRAFT_MARK.as_bytes()).is_none() {
        return;
    }
    for (q, sq) in cx.questions() {
        let answer = &cx.text[q.answer.clone()];
        for (at, _) in answer.match_indices(DRAFT_MARK) {
            let start = q.answer.start + at;
            out.report(
                start..start + DRAFT_MARK.len(),
                Some(sq.number),
                format!(
                    "Q{} is a draft from the treaty: review it, then remove {DRAFT_MARK}",
                    sq.number
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn each_mark_is_reported() {
        assert_eq!(check("draft-answer", CLEAN), Vec::<String>::new());
        let text = edit(
            CLEAN,
            "Yes. The treaty is concluded for a term of 20 years.",
            "Yes. [draft] The treaty is concluded for a term of 20 years. [draft]",
        );
        assert_eq!(
            check("draft-answer", &text),
            [
                "30:6 info draft-answer Q10: Q10 is a draft from the treaty: review it, then remove [draft]",
                "30:62 info draft-answer Q10: Q10 is a draft from the treaty: review it, then remove [draft]"
            ]
        );
    }
}
