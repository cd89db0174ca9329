//! One module per subcommand. Each takes its parsed arguments, calls the core, prints, and
//! returns a [`Status`]; errors travel up as core errors and become exit status 2 in `main`.

mod check;
mod compute;
mod export;
mod import;
mod import_orders;
mod import_table;
mod info;
mod new;
mod rfm;

use crate::args::Command;
use crate::Status;
use salesplan_core::Result;

/// Runs one subcommand.
pub fn run(command: Command) -> Result<Status> {
    match command {
        Command::New(args) => new::run(&args),
        Command::Info(args) => info::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Compute(args) => compute::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Import(args) => import::run(&args),
        Command::ImportBaseline(args) => import_table::baseline(&args),
        Command::ImportMembers(args) => import_table::members(&args),
        Command::ImportOrders(args) => import_orders::run(&args),
        Command::Rfm(args) => rfm::run(&args),
    }
}
