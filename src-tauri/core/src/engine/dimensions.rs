//! Health checks of the dimensions a target is split across (step "targets").
//!
//! Edits keep names non-empty and unique among siblings, but a plan file or JSON document from
//! elsewhere may not: such a plan is still usable, so the problems are findings rather than
//! refusals (validate.rs refuses only a broken tree). The hints point at an org tree that
//! cannot carry a split yet: no regions at all, a region without teams, a team without reps.
//!
//! Codes (params in brackets; every finding targets step "targets", field "dimensions"):
//! - `dimensions.empty_org` (hint): the org tree has no region.
//! - `dimensions.region_without_teams` (hint) [member_id, name].
//! - `dimensions.team_without_reps` (hint) [member_id, name].
//! - `dimensions.unnamed_member` (warning) [dimension, member_id].
//! - `dimensions.duplicate_name` (warning) [dimension, member_id, name]: a sibling has the same
//!   name ignoring case; reported once, on the later member.
//! - `dimensions.duplicate_code` (warning) [dimension, member_id, code]: likewise for codes,
//!   which must be unique in their dimension.

use super::findings::{Finding, Severity};
use crate::model::{same_name, DimensionKind, OrgLevel, Plan};
use uuid::Uuid;

/// One member as the checks see it, whatever its dimension.
struct Seen<'a> {
    id: Uuid,
    name: &'a str,
    code: Option<&'a str>,
    parent: Option<Uuid>,
}

fn finding(code: &str, severity: Severity) -> Finding {
    Finding::on_step(code, severity, "targets", Some("dimensions"))
}

/// Appends the findings of the plan's dimensions.
pub fn check(plan: &Plan, out: &mut Vec<Finding>) {
    let dims = &plan.dimensions;
    let org = &dims.org;
    if !org.iter().any(|m| m.level == OrgLevel::Region) {
        out.push(finding("dimensions.empty_org", Severity::Hint));
    }
    for m in org {
        let code = match m.level {
            OrgLevel::Region => "dimensions.region_without_teams",
            OrgLevel::Team => "dimensions.team_without_reps",
            OrgLevel::Rep => continue,
        };
        if !org.iter().any(|c| c.parent_id == Some(m.id)) {
            out.push(
                finding(code, Severity::Hint)
                    .with("member_id", m.id)
                    .with("name", &m.name),
            );
        }
    }
    for kind in DimensionKind::ALL {
        let seen: Vec<Seen> = match dims.flat(kind) {
            None => org
                .iter()
                .map(|m| Seen {
                    id: m.id,
                    name: &m.name,
                    code: m.code.as_deref(),
                    parent: m.parent_id,
                })
                .collect(),
            Some(list) => list
                .iter()
                .map(|m| Seen {
                    id: m.id,
                    name: &m.name,
                    code: m.code.as_deref(),
                    parent: None,
                })
                .collect(),
        };
        check_names(kind, &seen, out);
    }
}

fn check_names(kind: DimensionKind, seen: &[Seen], out: &mut Vec<Finding>) {
    let on = |code: &str, m: &Seen| {
        finding(code, Severity::Warning)
            .with("dimension", kind.as_str())
            .with("member_id", m.id)
    };
    for (i, m) in seen.iter().enumerate() {
        let earlier = &seen[..i];
        if m.name.trim().is_empty() {
            out.push(on("dimensions.unnamed_member", m));
        } else if earlier
            .iter()
            .any(|e| e.parent == m.parent && same_name(e.name, m.name))
        {
            out.push(on("dimensions.duplicate_name", m).with("name", m.name));
        }
        if let Some(code) = m.code.filter(|c| !c.trim().is_empty()) {
            if earlier.iter().any(|e| e.code.is_some_and(|c| same_name(c, code))) {
                out.push(on("dimensions.duplicate_code", m).with("code", code));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::template::{self, Template};
    use chrono::{NaiveDate, TimeZone, Utc};

    fn template_plan() -> Plan {
        let clock = FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap());
        template::build(
            Template::Q4Growth,
            "en",
            NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            &clock,
        )
    }

    fn codes(plan: &Plan) -> Vec<String> {
        let mut out = Vec::new();
        check(plan, &mut out);
        out.into_iter().map(|f| f.code).collect()
    }

    #[test]
    fn the_template_has_a_complete_tree_and_clean_names() {
        assert!(codes(&template_plan()).is_empty(), "{:?}", codes(&template_plan()));
    }

    #[test]
    fn an_empty_org_gets_one_hint() {
        let mut p = template_plan();
        p.dimensions.org.clear();
        assert_eq!(codes(&p), ["dimensions.empty_org"]);
    }

    #[test]
    fn regions_without_teams_and_teams_without_reps_are_hinted() {
        let mut p = template_plan();
        // Drop every rep: each team is then empty.
        p.dimensions.org.retain(|m| m.level != OrgLevel::Rep);
        let teams = p.dimensions.org.iter().filter(|m| m.level == OrgLevel::Team).count();
        assert_eq!(codes(&p), vec!["dimensions.team_without_reps"; teams]);
        p.dimensions.org.retain(|m| m.level == OrgLevel::Region);
        let mut out = Vec::new();
        check(&p, &mut out);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].code, "dimensions.region_without_teams");
        assert_eq!(out[0].params["name"], p.dimensions.org[0].name);
        assert_eq!(out[0].params["member_id"], p.dimensions.org[0].id.to_string());
    }

    #[test]
    fn duplicate_and_blank_names_from_a_file_are_warnings() {
        let mut p = template_plan();
        p.dimensions.tiers[1].name = " tier a KEY accounts".into();
        p.dimensions.channels[0].name = "  ".into();
        p.dimensions.products[1].code = Some("dev".into());
        let mut out = Vec::new();
        check(&p, &mut out);
        let found: Vec<_> = out
            .iter()
            .map(|f| (f.code.as_str(), f.params["dimension"].as_str(), f.severity))
            .collect();
        assert_eq!(
            found,
            [
                ("dimensions.duplicate_name", "tier", Severity::Warning),
                ("dimensions.duplicate_code", "product", Severity::Warning),
                ("dimensions.unnamed_member", "channel", Severity::Warning),
            ]
        );
        assert_eq!(out[0].params["member_id"], p.dimensions.tiers[1].id.to_string());
    }

    #[test]
    fn reps_of_different_teams_may_share_a_name() {
        let mut p = template_plan();
        let reps: Vec<usize> = (0..p.dimensions.org.len())
            .filter(|&i| p.dimensions.org[i].level == OrgLevel::Rep)
            .collect();
        // The first two reps share a team, the third is in another one.
        p.dimensions.org[reps[2]].name = p.dimensions.org[reps[0]].name.clone();
        assert!(codes(&p).is_empty());
        p.dimensions.org[reps[1]].name = p.dimensions.org[reps[0]].name.to_uppercase();
        assert_eq!(codes(&p), ["dimensions.duplicate_name"]);
    }
}
