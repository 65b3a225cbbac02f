//! The language server (work in progress in this commit).

/// Runs the server on stdin/stdout.
pub fn run_stdio() -> std::process::ExitCode {
    eprintln!("atop-lint: the language server is not built yet");
    std::process::ExitCode::from(2)
}
