//! Precision and recall of the treaty-evidence rules on sheets written for this purpose
//! (tests/fixtures/evidence/): consistent sheets for treaties in English, Dutch and French must
//! stay silent, and each planted contradiction must be caught, at its question, by its rule.

use crate::rules::RuleSettings;
use crate::{Env, TreatyText, analyze};

/// The treaty-evidence rules.
const EVIDENCE: [&str; 9] = [
    "treaty-contradicts-no",
    "citation-misses-evidence",
    "duration-mismatch",
    "renewal-mismatch",
    "signature-date-mismatch",
    "establishment-mismatch",
    "type-evidence",
    "missing-organization",
    "party-mismatch",
];

macro_rules! fixture {
    ($path:literal) => {
        include_str!(concat!("../../tests/fixtures/", $path))
    };
}

struct Case {
    name: &'static str,
    sheet: &'static str,
    treaties: Vec<(&'static str, &'static str)>,
    /// (replace, with, rule, question)
    planted: &'static [(&'static str, &'static str, &'static str, u32)],
}

const NATO_EN: &str = fixture!("treaties/nato-1949.en.txt");
const NATO_NL: &str = fixture!("treaties/nato-1949.nl.txt");

const NATO_PLANTED: &[(&str, &str, &str, u32)] = &[
    // Art. 13's notice after twenty years ends the treaty's staying in force after its term:
    // PROREN 2 (codebook p. 20), so a No to renewal contradicts it; Q11's No stands.
    (
        "Yes. No renewal term is set: once the Treaty",
        "No. No renewal term is set: once the Treaty",
        "treaty-contradicts-no",
        12,
    ),
    (
        "Yes. The Parties may, by unanimous agreement",
        "No. The Parties may, by unanimous agreement",
        "treaty-contradicts-no",
        8,
    ),
    (
        "Yes. The Parties establish a council",
        "No. The Parties establish a council",
        "treaty-contradicts-no",
        35,
    ),
    (
        "Yes. The treaty refers to the United Nations",
        "No. The treaty refers to the United Nations",
        "treaty-contradicts-no",
        47,
    ),
    (
        "Defense pact\nConsultation pact\n",
        "Defense pact\n",
        "type-evidence",
        16,
    ),
    (
        "has been in force for twenty years, a party",
        "has been in force for fifty years, a party",
        "duration-mismatch",
        10,
    ),
    (
        "multilateral alliances): April 4, 1949",
        "multilateral alliances): April 14, 1949",
        "signature-date-mismatch",
        3,
    ),
    (
        "ratification.)\nTreaty.",
        "ratification.)\nExecutive agreement.",
        "establishment-mismatch",
        6,
    ),
    (
        "to accede to it (Art. 10).",
        "to accede to it (Art. 4).",
        "citation-misses-evidence",
        8,
    ),
];

fn cases() -> Vec<Case> {
    let nato = fixture!("evidence/3180-nato.codesheet.txt");
    vec![
        Case {
            name: "NATO, English text",
            sheet: nato,
            treaties: vec![(NATO_EN, "en")],
            planted: NATO_PLANTED,
        },
        Case {
            name: "NATO, Dutch text",
            sheet: nato,
            treaties: vec![(NATO_NL, "nl")],
            planted: NATO_PLANTED,
        },
        Case {
            name: "NATO, both texts",
            sheet: nato,
            treaties: vec![(NATO_EN, "en"), (NATO_NL, "nl")],
            planted: NATO_PLANTED,
        },
        Case {
            name: "Molotov-Ribbentrop, English text",
            sheet: fixture!("evidence/2470-molotov.codesheet.txt"),
            treaties: vec![(fixture!("treaties/molotov-ribbentrop-1939.en.txt"), "en")],
            planted: &[
                (
                    "concluded for a period of ten years",
                    "concluded for a period of twelve years",
                    "duration-mismatch",
                    10,
                ),
                (
                    "extended for another five years",
                    "extended for another three years",
                    "renewal-mismatch",
                    12,
                ),
                (
                    "Nonaggression pact\nNeutrality pact",
                    "Nonaggression pact",
                    "type-evidence",
                    16,
                ),
                (
                    "Yes. Disputes are settled",
                    "No. Disputes are settled",
                    "treaty-contradicts-no",
                    30,
                ),
                (
                    "Yes. Neither party shall participate",
                    "No. Neither party shall participate",
                    "treaty-contradicts-no",
                    27,
                ),
                (
                    "255 Germany\n365 Russia",
                    "255 Germany",
                    "party-mismatch",
                    4,
                ),
                (
                    "multilateral alliances): August 23, 1939",
                    "multilateral alliances): August 24, 1939",
                    "signature-date-mismatch",
                    3,
                ),
            ],
        },
        Case {
            name: "Netherlands-Persia, French text",
            sheet: fixture!("evidence/9001-persia.codesheet.txt"),
            treaties: vec![(fixture!("treaties/nl-persia-friendship-1930.fr.txt"), "fr")],
            planted: &[
                (
                    "Yes. Disputes on the application",
                    "No. Disputes on the application",
                    "treaty-contradicts-no",
                    30,
                ),
                (
                    "League of Nations and the Permanent Court of International Justice",
                    "League of Nations",
                    "missing-organization",
                    47,
                ),
                (
                    "ratification.)\nTreaty.",
                    "ratification.)\nExecutive agreement.",
                    "establishment-mismatch",
                    6,
                ),
                (
                    "multilateral alliances): March 12, 1930",
                    "multilateral alliances): March 21, 1930",
                    "signature-date-mismatch",
                    3,
                ),
                (
                    "210 Netherlands\n630 Iran",
                    "210 Netherlands",
                    "party-mismatch",
                    4,
                ),
            ],
        },
    ]
}

fn lint(sheet: &str, treaties: &[(&str, &str)]) -> Vec<(String, Option<u32>, String)> {
    let treaties = treaties
        .iter()
        .map(|(t, l)| TreatyText {
            text: t.to_string(),
            lang: Some(l.to_string()),
        })
        .collect();
    analyze(sheet, treaties, &Env::default(), &RuleSettings::default())
        .diagnostics
        .into_iter()
        .map(|d| (d.code.to_string(), d.question, d.message))
        .collect()
}

#[test]
fn consistent_sheets_are_silent() {
    for case in cases() {
        let got = lint(case.sheet, &case.treaties);
        assert!(got.is_empty(), "{}: {got:#?}", case.name);
    }
}

#[test]
fn planted_contradictions_are_caught_at_their_question() {
    let (mut planted, mut caught, mut false_alarms) = (0, 0, 0);
    for case in cases() {
        for (from, to, rule, question) in case.planted {
            assert!(
                case.sheet.contains(from),
                "{}: fixture has no {from:?}",
                case.name
            );
            let sheet = case.sheet.replacen(from, to, 1);
            let evidence: Vec<_> = lint(&sheet, &case.treaties)
                .into_iter()
                .filter(|(code, _, _)| EVIDENCE.contains(&code.as_str()))
                .collect();
            planted += 1;
            let hit = evidence
                .iter()
                .any(|(c, q, _)| c == rule && *q == Some(*question));
            caught += usize::from(hit);
            false_alarms += evidence
                .iter()
                .filter(|(c, q, _)| !(c == rule && *q == Some(*question)))
                .count();
            assert!(
                hit,
                "{}: {rule} at Q{question} not reported for {to:?}: {evidence:#?}",
                case.name
            );
            assert_eq!(
                evidence.len(),
                1,
                "{}: more than the planted finding: {evidence:#?}",
                case.name
            );
        }
    }
    // The figures quoted in the README.
    assert_eq!((planted, caught, false_alarms), (39, 39, 0));
}
