//! The language server's JSON-RPC framing (and whatever the frames ask) over any bytes: no
//! panic, no hang; the session ends when the input does.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(atop_lint::lsp::serve(data, tokio::io::sink()));
});
