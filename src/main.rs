use std::process::ExitCode;

fn main() -> ExitCode {
    lunwen::cli::run()
}
