//! Text to trees: the sheet parser, the treaty reader, numbers and dates.

pub mod dates;
pub mod numerals;
pub mod plain;
pub mod sheet;
pub mod treaty;

#[cfg(test)]
mod properties {
    //! No input makes the parsers, the rules, export or diff panic, and every span they return is
    //! a valid slice of the text.
    use crate::rules::RuleSettings;
    use crate::text::{Encoding, LineCol, LineIndex};
    use crate::{Env, TreatyText, analyze};
    use proptest::prelude::*;

    const SEED: &str = include_str!("../../examples/5030/5030.codesheet.txt");
    const TREATY: &str = include_str!("../../examples/5030/5030.treaty.zh.txt");

    /// Text made of sheet-like pieces, PDF debris, odd breaks and scripts.
    fn sheetish() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("\r".to_string()),
            Just("\u{feff}".to_string()),
            Just("\t".to_string()),
            Just("SECTION II: OBLIGATIONS\n".to_string()),
            Just("44, Does the treaty ".to_string()),
            Just("(Art. 19)".to_string()),
            Just("Arts. 3 and 5 ".to_string()),
            Just("#109 ".to_string()),
            Just("710 China\n".to_string()),
            Just("Yes. ".to_string()),
            Just("December 23, 2002".to_string()),
            Just("第十 一条".to_string()),
            Just("😀".to_string()),
            Just("\u{0}".to_string()),
            Just("http://x.org/a ".to_string()),
            Just("Version 4.0: ".to_string()),
            "[0-9]{1,3}[.,] ".prop_map(|s| s),
            any::<String>(),
            (0..SEED.len(), 0usize..400).prop_map(|(a, n)| {
                let a = crate::text::floor_char_boundary(SEED, a);
                let b = crate::text::floor_char_boundary(SEED, (a + n).min(SEED.len()));
                SEED[a..b].to_string()
            }),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    fn check_spans(text: &str, spans: impl IntoIterator<Item = std::ops::Range<usize>>) {
        for s in spans {
            assert!(
                s.start <= s.end && s.end <= text.len(),
                "{s:?} in {}",
                text.len()
            );
            assert!(
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                "{s:?}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn sheets_and_treaties_never_panic(sheet in sheetish(), treaty in sheetish()) {
            let env = Env::default();
            let a = analyze(&sheet, vec![TreatyText { text: treaty, lang: None }], &env, &RuleSettings::default());
            check_spans(&sheet, a.diagnostics.iter().map(|d| d.span.clone()));
            check_spans(&sheet, a.diagnostics.iter().flat_map(|d| d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span.clone()))));
            for q in &a.sheet.questions {
                check_spans(&sheet, [q.span.clone(), q.prompt.clone(), q.answer.clone(), q.number_span.clone()]);
                check_spans(&sheet, q.citations.iter().map(|c| c.span.clone()));
            }
            let t = &a.treaties[0];
            check_spans(&t.text, t.articles.iter().flat_map(|a| [a.span.clone(), a.heading.clone()]));
            check_spans(&t.text, [t.preamble.clone(), t.closing.clone()]);
        }

        #[test]
        fn seed_with_a_cut_never_panics(cut in 0..SEED.len(), tcut in 0..TREATY.len()) {
            let env = Env::default();
            let s = &SEED[..crate::text::floor_char_boundary(SEED, cut)];
            let t = &TREATY[..crate::text::floor_char_boundary(TREATY, tcut)];
            analyze(s, vec![TreatyText { text: t.to_string(), lang: Some("zh".into()) }], &env, &RuleSettings::default());
        }

        #[test]
        fn dataset_export_and_diff_never_panic(sheet in sheetish(), csv in "(atopid|member|yrent|mem1|[0-9,\"\n-]|.){0,60}") {
            let mut release = crate::model::release::Release::default();
            let _ = release.add("a.csv", &csv);
            let _ = release.add("b.csv", &format!("atopid,mem1,member,yrent,moent,dayent\n5030,{csv}"));
            let env = Env { dataset: Some(std::sync::Arc::new(release)), ..Env::default() };
            let a = analyze(&sheet, Vec::new(), &env, &RuleSettings::default());
            check_spans(&sheet, a.diagnostics.iter().map(|d| d.span.clone()));
            let fields = crate::coding::export::fields(&a.sheet, &sheet, &env.schema, crate::coding::export::Sources::answers_only(env.langs));
            for f in &fields {
                match &f.outcome {
                    crate::coding::export::Outcome::Coded { span, .. } => check_spans(&sheet, [span.clone()]),
                    crate::coding::export::Outcome::Members(m) => check_spans(&sheet, m.iter().map(|m| m.1.clone())),
                    crate::coding::export::Outcome::Unknown(_) => {}
                }
            }
            let seed = crate::syntax::sheet::parse(SEED, &env.schema);
            let side = |sheet, text| crate::coding::diff::Side { sheet, text };
            crate::coding::diff::diff(side(&a.sheet, &sheet), side(&seed, SEED), &env.schema, env.langs, env.cow);
        }

        #[test]
        fn positions_round_trip_and_clamp(text in sheetish(), line in 0u32..80, col in 0u32..300) {
            let idx = LineIndex::new(&text);
            for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Chars] {
                let off = idx.offset(&text, LineCol { line, col }, enc);
                prop_assert!(off <= text.len() && text.is_char_boundary(off));
                let back = idx.line_col(&text, off, enc);
                prop_assert_eq!(idx.offset(&text, back, enc), off);
            }
        }
    }
}
