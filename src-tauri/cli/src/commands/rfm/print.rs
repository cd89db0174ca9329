//! The three forms of `salesplan rfm`'s output: a table for people, CSV and JSON for programs.
//! The table and JSON are written as they are produced, one customer at a time. CSV rows of
//! many customers are formatted in two halves on two threads, then written in order (a few
//! megabytes for 100,000 customers: less than the result they come from).

use crate::output;
use salesplan_core::engine::rfm::{RfmCustomer, RfmResult};
use salesplan_core::money;
use salesplan_core::rust_decimal::Decimal;
use salesplan_core::Result;
use std::io::Write;

/// The CSV columns, one row per customer.
pub const CSV_HEADER: &str = "customer,last_order,recency_days,frequency,monetary,r,f,m,code,score,tier";

/// The whole result as JSON (the core's serde form), on one line.
pub fn json(result: &RfmResult) -> Result<()> {
    output::stream(|out| {
        serde_json::to_writer(&mut *out, result).map_err(std::io::Error::other)?;
        out.write_all(b"\n")
    })
}

/// One CSV row per customer, by customer id.
pub fn csv(result: &RfmResult) -> Result<()> {
    let customers = &result.customers;
    let (first, second) = if customers.len() >= PARALLEL_FROM {
        let (a, b) = customers.split_at(customers.len() / 2);
        std::thread::scope(|scope| {
            let later = scope.spawn(|| csv_rows(b));
            let first = csv_rows(a);
            (
                first,
                later.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            )
        })
    } else {
        (csv_rows(customers), Vec::new())
    };
    output::stream(|out| {
        writeln!(out, "{CSV_HEADER}")?;
        out.write_all(&first)?;
        out.write_all(&second)
    })
}

/// Below this many customers, formatting the CSV on one thread is quick enough.
const PARALLEL_FROM: usize = 20_000;

/// The CSV rows of `customers`.
fn csv_rows(customers: &[RfmCustomer]) -> Vec<u8> {
    let mut out = Vec::with_capacity(customers.len() * 64);
    for c in customers {
        // Writing to a Vec cannot fail.
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{}",
            csv_cell(&c.customer),
            c.last_order,
            c.recency_days,
            c.frequency,
            money::to_text(&c.monetary),
            c.r,
            c.f,
            c.m,
            c.code,
            c.score,
            c.tier.as_str()
        );
    }
    out
}

/// A cell quoted when it holds a delimiter, a quote or a line break (RFC 4180).
fn csv_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\"")).into()
    } else {
        text.into()
    }
}

/// A table per customer (customer last, so wide characters do not break the columns), the
/// tiers with their playbooks, a summary line and the findings.
pub fn table(result: &RfmResult) -> Result<()> {
    let width = result
        .customers
        .iter()
        .map(|c| money::to_text(&c.monetary).len())
        .max()
        .unwrap_or(0)
        .max("Monetary".len());
    output::stream(|out| {
        writeln!(
            out,
            "Tier  Score  Code  Recency  Frequency  {:>width$}  Last order  Customer",
            "Monetary"
        )?;
        for c in &result.customers {
            customer_line(out, c, width)?;
        }
        writeln!(out)?;
        let revenue = |t: &salesplan_core::engine::rfm::TierSummary| money::to_text(&t.revenue);
        let rw = result
            .tiers
            .iter()
            .map(|t| revenue(t).len())
            .max()
            .unwrap_or(0)
            .max("Revenue".len());
        writeln!(out, "Tier  Customers  {:>rw$}    Share  Playbook", "Revenue")?;
        for t in &result.tiers {
            let share = t.share.map(|s| format!("{}%", (s * Decimal::ONE_HUNDRED).normalize()));
            writeln!(
                out,
                "{:<4}  {:>9}  {:>rw$}  {:>7}  {} ({})",
                t.tier.as_str(),
                t.customers,
                revenue(t),
                share.as_deref().unwrap_or("—"),
                t.playbook.code(),
                t.actions.join(", ")
            )?;
        }
        let as_of = result.as_of.map_or("—".to_string(), |d| d.to_string());
        writeln!(
            out,
            "As of {as_of}: {} customers from {} rows ({} refund rows).",
            result.customers.len(),
            result.rows,
            result.refund_rows
        )?;
        for f in &result.findings {
            writeln!(out, "{}", crate::commands::check::line(f))?;
        }
        Ok(())
    })
}

fn customer_line(out: &mut dyn Write, c: &RfmCustomer, width: usize) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<4}  {:>5}  {:<4}  {:>7}  {:>9}  {:>width$}  {}  {}",
        c.tier.as_str(),
        c.score,
        c.code,
        c.recency_days,
        c.frequency,
        money::to_text(&c.monetary),
        c.last_order,
        output::safe(&c.customer)
    )
}
