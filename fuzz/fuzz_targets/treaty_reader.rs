//! The treaty reader over any text, in each language and with none given: no panic, articles
//! inside the text and in order.
#![no_main]

use atop_lint::model::lang::Languages;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the language, the rest is the text.
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let lang = ["en", "fr", "zh", "ru", "de", "es"].get(pick as usize % 7).copied();
    let treaty = atop_lint::syntax::treaty::parse(text.to_string(), lang, Languages::builtin());
    let mut last = 0;
    for a in &treaty.articles {
        assert!(a.span.start >= last && a.span.end <= text.len());
        last = a.span.end;
    }
});
