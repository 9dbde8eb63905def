//! Thin binary: parse arguments, decide colour, run, map the result to an exit code.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use tfward::cli::ColorChoice;
use tfward::{Outcome, Style};

// The loaders build many small strings and maps; glibc malloc spent a quarter of
// a 10k-resource check allocating and freeing them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match tfward::cli::parse_from(std::env::args_os()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut err = std::io::stderr();
    let result = tfward::run(&cli, &mut out, &mut err, Style { color });
    let flushed = out.flush();
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Ok(Outcome::Exit(code)) => ExitCode::from(code),
        Err(tfward::error::Error::Io { source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            if flushed.is_err_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) {
                return ExitCode::SUCCESS;
            }
            // One line: every error's Display already names its file and cause.
            let _ = writeln!(err, "tfward: error: {e}");
            ExitCode::from(2)
        }
    }
}
