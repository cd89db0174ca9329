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
    /// Add dimension members (org tree, tiers, products, channels) from a CSV or XLSX table.
    #[command(name = "import-members")]
    ImportMembers(ImportMembersArgs),
    /// Replace the orders stored in a plan with orders from CSV or XLSX tables (all rows of all
    /// files or none); the plan then tiers its customers by RFM.
    #[command(name = "import-orders")]
    ImportOrders(ImportOrdersArgs),
    /// RFM per customer from an orders file (CSV or XLSX): recency, frequency, monetary,
    /// scores 1–5 and tier A/B/C (exit 1 when rows were rejected); see docs/cli.md.
    Rfm(RfmArgs),
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

/// `salesplan import-orders`.
#[derive(Debug, clap::Args)]
pub struct ImportOrdersArgs {
    /// Map a column to a field: `COLUMN=FIELD` where COLUMN is a header, a number (1 = first)
    /// or a letter (A), and FIELD one of customer, date, amount, order_id, product, channel,
    /// region. It applies to the files that have that column. Columns not mapped are guessed
    /// from their English or Chinese headers.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// The plan file whose orders are replaced (saved as a new revision).
    pub file: PathBuf,
    /// The order tables, appended in this order: CSV, semicolon- or tab-separated text (UTF-8,
    /// UTF-16 or GB18030), or XLSX.
    #[arg(value_name = "ORDERS", required = true)]
    pub orders: Vec<PathBuf>,
}

/// How `salesplan rfm` puts customers into tiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TierChoice {
    /// By RFM score sum: A ≥ 12, B ≥ 8, else C.
    Rfm,
    /// By share of revenue, largest customers first: A to 80 %, B the next 15 %, C the rest.
    Pareto,
}

/// `salesplan rfm`.
#[derive(Debug, clap::Args)]
pub struct RfmArgs {
    /// Analysis date (YYYY-MM-DD); default: the day after the last order in the file.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<chrono::NaiveDate>,
    /// Tier rule.
    #[arg(long, value_enum, default_value_t = TierChoice::Rfm)]
    pub tiers: TierChoice,
    /// Print the whole result (customers, tiers, findings) as JSON.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print one CSV row per customer (findings and rejected rows go to standard error).
    #[arg(long)]
    pub csv: bool,
    /// Read a column as a field, overriding the header detection: COLUMN=FIELD, where COLUMN
    /// is a header, a 1-based number or a letter, and FIELD one of customer, date, amount,
    /// order_id. Repeatable.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// The orders file: CSV (UTF-8, UTF-16 or GB18030; comma, semicolon or tab) or XLSX.
    #[arg(value_name = "ORDERS")]
    pub file: PathBuf,
}

/// The dimensions members can be imported into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DimensionChoice {
    /// The org tree: columns region, team, rep (and code).
    Org,
    /// Customer tiers: name (or tier) and code.
    Tier,
    /// Product lines: name (or product) and code.
    Product,
    /// Channels: name (or channel) and code.
    Channel,
}

impl From<DimensionChoice> for salesplan_core::model::DimensionKind {
    fn from(d: DimensionChoice) -> Self {
        use salesplan_core::model::DimensionKind as K;
        match d {
            DimensionChoice::Org => K::Org,
            DimensionChoice::Tier => K::Tier,
            DimensionChoice::Product => K::Product,
            DimensionChoice::Channel => K::Channel,
        }
    }
}

/// `salesplan import-members`.
#[derive(Debug, clap::Args)]
pub struct ImportMembersArgs {
    /// Map a column to a field: `COLUMN=FIELD` (FIELD: name, code, region, team, rep, tier,
    /// product, channel); other columns are guessed from English or Chinese headers.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// The plan file (saved as a new revision).
    pub file: PathBuf,
    /// Which dimension the members belong to.
    #[arg(value_enum)]
    pub dimension: DimensionChoice,
    /// The table: CSV or other delimited text (UTF-8 or GB18030), or XLSX.
    #[arg(value_name = "DATA")]
    pub data: PathBuf,
}
