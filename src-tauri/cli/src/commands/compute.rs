//! `salesplan compute`: every computed number of the plan, as the stable compute document
//! (docs/compute.md) or as a short table.

use crate::args::ComputeArgs;
use crate::{files, output, Status};
use salesplan_core::compute::{self, ComputeDocument};
use salesplan_core::money;
use salesplan_core::rust_decimal::Decimal;
use salesplan_core::{Error, ErrorCode, Result};

/// Reads the plan, computes it, prints; exit 1 when the plan has error findings.
pub fn run(args: &ComputeArgs) -> Result<Status> {
    let loaded = files::read_plan(&args.file)?;
    let doc = compute::compute(&loaded.plan);
    let text = if args.json { json(&doc)? } else { table(&doc) };
    output::print(&text)?;
    Ok(if doc.report.health.errors > 0 {
        Status::ErrorFindings
    } else {
        Status::Fine
    })
}

fn json(doc: &ComputeDocument) -> Result<String> {
    serde_json::to_string_pretty(doc)
        .map(|s| s + "\n")
        .map_err(|e| Error::plain(ErrorCode::Io, format!("cannot write the compute document: {e}")))
}

/// One line per goal: baseline → target, growth, band; then the health summary.
fn table(doc: &ComputeDocument) -> String {
    let mut out = String::new();
    for g in &doc.goals {
        let text = |v: Option<Decimal>| v.map(|d| money::to_text(&d)).unwrap_or_else(|| "—".into());
        let growth = g.analysis.growth.as_ref().map(money::percent_text);
        let band = g.analysis.band.map(|b| format!("{b:?}").to_lowercase());
        out.push_str(&format!(
            "{}  {} → {} {}  growth {}  {}\n",
            output::safe(&g.statement),
            text(g.baseline),
            text(g.target),
            output::safe(&g.unit),
            growth.unwrap_or_else(|| "—".into()),
            band.unwrap_or_default()
        ));
    }
    breakdown(doc, &mut out);
    support(doc, &mut out);
    out.push_str(&output::health(&doc.report.health));
    out.push('\n');
    out
}

/// One line per phasing, split, funnel segment and cash-in plan (the JSON has every column).
fn breakdown(doc: &ComputeDocument, out: &mut String) {
    let report = &doc.report;
    let goal = |id| {
        doc.goals
            .iter()
            .find(|g| g.id == id)
            .map_or("?".into(), |g| output::safe(&g.statement))
    };
    let amount = |v: &Decimal| money::to_text(v);
    for p in &report.phasing {
        let months: Vec<String> = p
            .months
            .iter()
            .map(|m| format!("{} {}", m.month.format("%Y-%m"), amount(&m.amount)))
            .collect();
        out.push_str(&format!("phasing  {}: {}\n", goal(p.goal_id), months.join(", ")));
    }
    for s in &report.breakdown.splits {
        let Some(r) = &s.result else { continue };
        let parts: Vec<String> = (s.members.iter().zip(&r.members))
            .map(|(m, a)| {
                let value = a.allocated.as_ref().map_or("—".into(), amount);
                format!("{} {value}", output::safe(&m.name))
            })
            .collect();
        let quota = (r.totals.quota.filter(|q| *q != r.totals.total).as_ref())
            .map(|q| format!("  quotas {}", amount(q)))
            .unwrap_or_default();
        let by = s.dimension.as_str();
        out.push_str(&format!(
            "split    {} by {by}: {}{quota}\n",
            goal(s.goal_id),
            parts.join(", ")
        ));
    }
    for f in &report.breakdown.funnels {
        for seg in &f.segments {
            let t = &seg.plan.totals;
            let n = |v: Option<u64>| v.map_or("—".into(), |v| v.to_string());
            out.push_str(&format!(
                "funnel   {} {}: {} deals, {} opportunities, {} leads\n",
                goal(f.goal_id),
                output::safe(&seg.name),
                n(t.deals),
                n(t.opportunities),
                n(t.leads)
            ));
        }
    }
    for c in &report.breakdown.cash_in {
        let Some(s) = &c.schedule else { continue };
        let gap = c
            .gap
            .as_ref()
            .map(|g| format!("  gap to target {}", amount(g)))
            .unwrap_or_default();
        out.push_str(&format!(
            "cash-in  {}: collections {}{gap}\n",
            goal(c.goal_id),
            amount(&s.collections)
        ));
    }
}

/// Section 2 in a few lines: NPS, SWOT weights, the matrix, the orders and the tiers.
fn support(doc: &ComputeDocument, out: &mut String) {
    let s = &doc.report.support;
    let amount = |v: &Decimal| money::to_text(v);
    if let Some(n) = &s.nps {
        let (p, m, d) = (n.promoters, n.passives, n.detractors);
        out.push_str(&format!(
            "nps      {} ({p} promoters, {m} passives, {d} detractors)
",
            amount(&n.score)
        ));
    }
    let w = &s.swot;
    if !(w.opportunities.is_empty() && w.threats.is_empty()) {
        let balance = w.balance.as_ref().map_or("—".into(), amount);
        out.push_str(&format!(
            "swot     {} opportunities (weight {}), {} threats ({}), balance {balance}; {} strengths, {} weaknesses
",
            w.opportunities.len(),
            amount(&w.opportunity_weight),
            w.threats.len(),
            amount(&w.threat_weight),
            w.strengths.len(),
            w.weaknesses.len()
        ));
    }
    for a in &s.competition.attributes {
        let v = |x: &Option<Decimal>| x.as_ref().map_or("—".into(), amount);
        let position = a.position.map(|p| format!("{p:?}").to_lowercase()).unwrap_or_default();
        let name = output::safe(&a.name);
        out.push_str(&format!(
            "matrix   {name}: own {} vs {} {position}\n",
            v(&a.own),
            v(&a.average)
        ));
    }
    if let Some(o) = &s.customers.orders {
        out.push_str(&format!(
            "orders   {} orders of {} customers, {} to {}, total {}\n",
            o.orders,
            o.customers,
            o.first_date,
            o.last_date,
            amount(&o.total)
        ));
    }
    for seed in &s.customers.seeds {
        let t = &seed.summary;
        let share = t
            .share
            .map_or("—".into(), |s| format!("{}%", amount(&(s * Decimal::ONE_HUNDRED))));
        out.push_str(&format!(
            "tier     {:?}: {} customers, {share} of revenue, {}\n",
            t.tier,
            t.customers,
            t.playbook.code()
        ));
    }
}
