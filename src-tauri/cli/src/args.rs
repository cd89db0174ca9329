//! The command line, as clap sees it. Only parsing lives here: each command's behaviour is in
//! `commands/`, and every choice offered (templates, locales) maps onto a core type.

use clap::builder::PossibleValuesParser;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Create, inspect, check and convert Sales Plan Studio plan files.
#[derive(Debug, Parser)]
#[command(name = "salesplan", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new plan file from a template.
    New(NewArgs),
    /// Show what a plan file is: title, period, revision, versions, health.
    Info(InfoArgs),
    /// Check a plan file and list the plan-health findings (exit 1 on error findings).
    Check(CheckArgs),
    /// Print every computed number of the plan (exit 1 on error findings); see docs/compute.md.
    Compute(ComputeArgs),
    /// Write the plan as JSON (the documented, git-friendly form).
    Export(ExportArgs),
    /// Read a plan from JSON and write it as a plan file.
    Import(ImportArgs),
    /// Add monthly history from a CSV or XLSX table to a plan (all rows or none).
    #[command(name = "import-baseline")]
    ImportBaseline(ImportBaselineArgs),
}

/// `salesplan new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// Plan to start from.
    #[arg(long, default_value = "blank", value_parser = PossibleValuesParser::new(["blank", "q4-growth"]))]
    pub template: String,
    /// Language of the template's texts.
    #[arg(long, default_value = "en", value_parser = PossibleValuesParser::new(["en", "zh-CN"]))]
    pub locale: String,
    /// Replace FILE if it exists (atomically: the old file stays intact if writing fails).
    #[arg(long)]
    pub force: bool,
    /// The plan file to create (conventionally `*.salesplan`).
    pub file: PathBuf,
}

/// `salesplan info`.
#[derive(Debug, clap::Args)]
pub struct InfoArgs {
    /// The plan file.
    pub file: PathBuf,
}

/// `salesplan check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Print the findings and health counts as JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// The plan file.
    pub file: PathBuf,
}

/// `salesplan compute`.
#[derive(Debug, clap::Args)]
pub struct ComputeArgs {
    /// Print the compute document (stable JSON, docs/compute.md) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// The plan file.
    pub file: PathBuf,
}

/// Formats `salesplan export` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The documented JSON form (`json::export` of the core).
    Json,
}

/// `salesplan export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// Write here (replaced atomically) instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The plan file.
    pub file: PathBuf,
}

/// `salesplan import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The plan file to write; an existing file is replaced atomically.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// The plan as JSON (as written by `salesplan export`).
    #[arg(value_name = "PLAN.json")]
    pub input: PathBuf,
}

/// `salesplan import-baseline`.
#[derive(Debug, clap::Args)]
pub struct ImportBaselineArgs {
    /// Map a column to a field: `COLUMN=FIELD` where COLUMN is a header, a number (1 = first)
    /// or a letter (A), and FIELD one of month, date, bookings, cash_in, region, tier, product,
    /// channel. Columns not mapped are guessed from their English or Chinese headers.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// The plan file to add the history to (saved as a new revision).
    pub file: PathBuf,
    /// The table: CSV, semicolon- or tab-separated text (UTF-8 or GB18030), or XLSX.
    #[arg(value_name = "DATA")]
    pub data: PathBuf,
}
