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
    // A panic is a bug, but its message may quote the input like any other:
    // one escaped line too, unless RUST_BACKTRACE asks for the full story.
    if std::env::var_os("RUST_BACKTRACE").is_none() {
        std::panic::set_hook(Box::new(|info| {
            tfward::output::message(
                &mut std::io::stderr(),
                format_args!("tfward: internal error (a bug; please report it): {info}"),
            );
        }));
    }
    let cli = match tfward::cli::parse_from(std::env::args_os()) {
        Ok(cli) => cli,
        // clap's message quotes the argument; when one holds a line break or
        // another control (a file name from a glob), the message is printed as
        // one escaped line like every other (see `tfward::output`).
        Err(e) if e.use_stderr() && std::env::args_os().any(|a| needs_escape(&a)) => {
            let text = e.render().to_string();
            tfward::output::message(&mut std::io::stderr(), format_args!("{}", text.trim_end()));
            std::process::exit(e.exit_code());
        }
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
    let broken_pipe = |e: &std::io::Error| e.kind() == std::io::ErrorKind::BrokenPipe;
    // A closed stdout (`tfward check | head`) is the reader's choice, not an
    // error: the run keeps its verdict (`judge` decides it before writing).
    // Any other failure to write the report is an error: a report cut short
    // must not pass for a whole one.
    let result = match (result, flushed) {
        (Ok(_), Err(e)) if !broken_pipe(&e) => Err(tfward::error::Error::io("<stdout>", e)),
        (Err(tfward::error::Error::Io { source, .. }), _) if broken_pipe(&source) => {
            // Only commands without a verdict (inventory, rules, map...) get
            // here; `check` and `plan` handle the pipe themselves.
            Ok(Outcome::Clean)
        }
        (result, _) => result,
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Ok(Outcome::Exit(code)) => ExitCode::from(code),
        Err(e) => {
            // One line (see `output`): every error's Display already names its file and cause.
            tfward::output::message(&mut err, format_args!("tfward: error: {e}"));
            ExitCode::from(2)
        }
    }
}

fn needs_escape(arg: &std::ffi::OsStr) -> bool {
    let text = arg.to_string_lossy();
    matches!(
        tfward::output::escape_line(&text),
        std::borrow::Cow::Owned(_)
    )
}
