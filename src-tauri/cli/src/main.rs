//! `salesplan`: create, inspect, check and convert plan files from a terminal or a script.
//!
//! A thin face over `salesplan-core`: each command reads its arguments, calls the core and
//! prints the result. Exit status: 0 fine, 1 the plan has error findings (`check`) or rows of a
//! table were rejected (`rfm`), 2 the input is unusable (bad file, bad path, bad arguments).
//! See docs/cli.md.

mod args;
mod commands;
mod files;
mod output;
mod rejected;

use clap::Parser;
use std::process::ExitCode;

/// What a command concluded about its input; becomes the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything is fine (exit 0).
    Fine,
    /// The plan is readable but has error findings (exit 1).
    ErrorFindings,
    /// The table was read, but some rows were refused and left out (exit 1).
    RowsRejected,
}

/// Exit status for unusable input, matching clap's status for usage errors.
const EXIT_UNUSABLE: u8 = 2;

fn main() -> ExitCode {
    // Last resort: a bug must still end with a message and status 2, never a bare backtrace.
    // The hook only prints; `catch_unwind` below turns the panic into the exit status after
    // unwinding, so the scratch folder with the private copy of the plan is still removed.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("salesplan: internal error: {info} (this is a bug; please report it)");
    }));
    let cli = args::Cli::parse(); // usage errors exit 2 here
    match std::panic::catch_unwind(|| commands::run(cli.command)) {
        Ok(Ok(Status::Fine)) => ExitCode::SUCCESS,
        Ok(Ok(Status::ErrorFindings | Status::RowsRejected)) => ExitCode::from(1),
        Ok(Err(e)) => {
            output::report_error(&e);
            ExitCode::from(EXIT_UNUSABLE)
        }
        Err(_) => ExitCode::from(EXIT_UNUSABLE),
    }
}
