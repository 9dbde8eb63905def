//! Thin binary: parse arguments, decide colour, run, map the result to an exit code.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use tfward::cli::{ColorChoice, Command};
use tfward::commands::Outcome;
use tfward::output::{Escapes, LineFilter};
use tfward::report::Style;

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
                &mut tfward::output::stderr(),
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
            tfward::output::message(
                &mut tfward::output::stderr(),
                format_args!("{}", text.trim_end()),
            );
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
    // Every line tfward prints passes a filter that keeps it from reading as
    // a workflow command (see `output::LineFilter`), whatever the report or
    // message put at its start; but for the two outputs that are not built
    // from input text (the github format is tfward's own commands, with the
    // input percent-encoded in them; completions are shell code).
    let mut out: Box<dyn Write> = match stdout_escapes(&cli.command) {
        Some(escapes) => Box::new(LineFilter::new(stdout.lock(), escapes)),
        None => Box::new(stdout.lock()),
    };
    let mut err = tfward::output::stderr();
    let result = tfward::run(&cli, &mut out, &mut err, Style { color }).map(|finished| {
        // The process ends here: the system takes a large model back at
        // once, faster than freeing it one allocation at a time.
        std::mem::forget(finished.models);
        finished.outcome
    });
    let flushed = out.flush();
    let broken_pipe = |e: &std::io::Error| e.kind() == std::io::ErrorKind::BrokenPipe;
    // A closed stdout (`tfward check | head`) is the reader's choice, not an
    // error: the run keeps its verdict (`check_and_report` decides it before writing).
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
    let code = match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Ok(Outcome::Exit(code)) => ExitCode::from(code),
        Err(e) => {
            // One line (see `output`): every error's Display already names its file and cause.
            tfward::output::message(&mut err, format_args!("tfward: error: {e}"));
            ExitCode::from(2)
        }
    };
    let _ = err.flush();
    code
}

/// How the report on stdout escapes what the line filter breaks, in its own
/// syntax; `None` for the outputs that bypass the filter.
fn stdout_escapes(command: &Command) -> Option<Escapes> {
    match command {
        Command::Check(args) => args.report.format.escapes(),
        Command::Plan(args) => args.report.format.escapes(),
        Command::Inventory(args) => Some(args.format.escapes()),
        Command::Map(args) => Some(args.format.escapes()),
        Command::Rules(args) => Some(args.format.escapes()),
        Command::Completions(_) => None,
        Command::Explain(_) | Command::Config(_) => Some(Escapes::Text),
    }
}

/// An argument clap's message could quote in a way a log reads as structure:
/// a control character, `##[`, or a `::` (clap's tips quote an argument at
/// the start of a line).
fn needs_escape(arg: &std::ffi::OsStr) -> bool {
    let text = arg.to_string_lossy();
    text.contains("::")
        || matches!(
            tfward::output::escape_line(&text),
            std::borrow::Cow::Owned(_)
        )
}
