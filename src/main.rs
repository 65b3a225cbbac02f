fn main() -> std::process::ExitCode {
    atop_lint::cli::main()
}
