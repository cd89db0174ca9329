//! The competitor matrix (竞争壁垒): the own company against the competitors, attribute by
//! attribute, as the radar chart shows it.
//!
//! Rules. Scores run 0–10, higher is better for the customer. Per attribute:
//! - `average` = mean score of the competitors rated on it (the own company left out), exact,
//!   shown to two places; `best` = the highest competitor score and `leaders` who have it;
//! - `gap` = own score − average (two places); `position` = `lead` when the gap is at least
//!   [`PAR_BAND`] (half a point), `trail` when it is at most −0.5, else `par` — a few tenths on
//!   a 0–10 judgement are noise, not an advantage.
//!
//! Per company, `average` is the mean of its scores over the attributes it is rated on.
//!
//! Worked example (cost): own 8, competitors 6 and 7 → average 6.5, gap +1.5, lead; service:
//! own 6, competitors 6 and 6.4 → average 6.2, gap −0.2, par.
//!
//! Findings (step `market`, field `competition`): `competition.none` (hint: no company in the
//! matrix), `competition.no_own` (warning: competitors but no own company to compare),
//! `competition.no_attributes` (hint), `competition.unscored` (hint: params `missing`, the
//! number of empty cells), `competition.unknown_attribute` (warning, on the company: a score
//! for an attribute that no longer exists).

use crate::engine::findings::{Finding, Severity};
use crate::model::Support;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

/// A gap smaller than this (in score points) is par.
pub const PAR_BAND: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// Where the own company stands on an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Position {
    /// At least half a point above the competitors' average.
    Lead,
    /// Within half a point.
    Par,
    /// At least half a point below.
    Trail,
}

/// One attribute: the own score against the competitors'.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AttributeComparison {
    /// The attribute.
    pub attribute_id: Uuid,
    /// Its name.
    pub name: String,
    /// The own company's score, if rated.
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub own: Option<Decimal>,
    /// Mean of the competitors' scores (two places), if any is rated.
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub average: Option<Decimal>,
    /// The best competitor score.
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub best: Option<Decimal>,
    /// The competitors with the best score.
    pub leaders: Vec<Uuid>,
    /// Own − average (two places), when both exist.
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub gap: Option<Decimal>,
    /// Lead, par or trail, when the gap exists.
    pub position: Option<Position>,
}

/// One company of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CompanyProfile {
    /// The company (a competitor row).
    pub competitor_id: Uuid,
    /// True for the own company.
    pub own: bool,
    /// Attributes it is rated on.
    pub rated: u32,
    /// Mean of its scores (two places).
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub average: Option<Decimal>,
}

/// The competitor matrix summarised.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct CompetitionReport {
    /// Per attribute, in plan order.
    pub attributes: Vec<AttributeComparison>,
    /// Per company, in plan order.
    pub companies: Vec<CompanyProfile>,
}

fn mean(values: &[Decimal]) -> Option<Decimal> {
    (!values.is_empty()).then(|| values.iter().sum::<Decimal>() / Decimal::from(values.len()))
}

fn two_places(d: Decimal) -> Decimal {
    d.round_dp(2).normalize()
}

/// Summarises the matrix; findings go to `findings`.
pub fn compute(support: &Support, findings: &mut Vec<Finding>) -> CompetitionReport {
    let finding = |code: &str, severity| Finding::on_step(code, severity, "market", Some("competition"));
    let companies = &support.competitors;
    let own = support.own_company();
    let others: Vec<_> = companies.iter().filter(|c| !c.own).collect();
    if companies.is_empty() {
        findings.push(finding("competition.none", Severity::Hint));
    } else if own.is_none() {
        findings.push(finding("competition.no_own", Severity::Warning));
    }
    if !companies.is_empty() && support.attributes.is_empty() {
        findings.push(finding("competition.no_attributes", Severity::Hint));
    }
    let attributes = (support.attributes.iter())
        .map(|a| {
            let rated: Vec<(Uuid, Decimal)> = others.iter().filter_map(|c| Some((c.id, c.score(a.id)?))).collect();
            let scores: Vec<Decimal> = rated.iter().map(|r| r.1).collect();
            let average = mean(&scores);
            let best = scores.iter().max().copied();
            let own_score = own.and_then(|o| o.score(a.id));
            let gap = own_score.zip(average).map(|(o, avg)| o - avg);
            AttributeComparison {
                attribute_id: a.id,
                name: a.name.clone(),
                own: own_score,
                average: average.map(two_places),
                best,
                leaders: rated.iter().filter(|r| Some(r.1) == best).map(|r| r.0).collect(),
                gap: gap.map(two_places),
                position: gap.map(|g| match g {
                    g if g >= PAR_BAND => Position::Lead,
                    g if g <= -PAR_BAND => Position::Trail,
                    _ => Position::Par,
                }),
            }
        })
        .collect();
    let known = |id: Uuid| support.attributes.iter().any(|a| a.id == id);
    let mut missing = 0usize;
    let profiles = (companies.iter())
        .map(|c| {
            if c.scores.iter().any(|s| !known(s.attribute_id)) {
                findings.push(finding("competition.unknown_attribute", Severity::Warning).on_item(c.id));
            }
            let scores: Vec<Decimal> = (support.attributes.iter()).filter_map(|a| c.score(a.id)).collect();
            missing += support.attributes.len() - scores.len();
            CompanyProfile {
                competitor_id: c.id,
                own: c.own,
                rated: scores.len() as u32,
                average: mean(&scores).map(two_places),
            }
        })
        .collect();
    if missing > 0 {
        findings.push(finding("competition.unscored", Severity::Hint).with("missing", missing));
    }
    CompetitionReport {
        attributes,
        companies: profiles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AttributeScore, CompetitiveAttribute, Competitor};

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn company(n: u128, own: bool, scores: &[(u128, &str)]) -> Competitor {
        Competitor {
            id: Uuid::from_u128(n),
            name: format!("c{n}"),
            own,
            note: String::new(),
            scores: (scores.iter())
                .map(|&(a, s)| AttributeScore {
                    attribute_id: Uuid::from_u128(a),
                    score: dec(s),
                })
                .collect(),
        }
    }

    fn matrix() -> Support {
        let attribute = |n: u128, name: &str| CompetitiveAttribute {
            id: Uuid::from_u128(n),
            name: name.into(),
        };
        Support {
            attributes: vec![attribute(100, "cost"), attribute(101, "service")],
            competitors: vec![
                company(1, true, &[(100, "8"), (101, "6")]),
                company(2, false, &[(100, "6"), (101, "6")]),
                company(3, false, &[(100, "7"), (101, "6.4")]),
            ],
            ..Support::default()
        }
    }

    #[test]
    fn the_worked_example_leads_on_cost_and_is_par_on_service() {
        let mut findings = vec![];
        let r = compute(&matrix(), &mut findings);
        assert!(findings.is_empty(), "{findings:?}");
        let cost = &r.attributes[0];
        assert_eq!(
            (cost.average, cost.gap, cost.position),
            (Some(dec("6.5")), Some(dec("1.5")), Some(Position::Lead))
        );
        assert_eq!(
            (cost.best, cost.leaders.clone()),
            (Some(dec("7")), vec![Uuid::from_u128(3)])
        );
        let service = &r.attributes[1];
        assert_eq!(
            (service.average, service.gap, service.position),
            (Some(dec("6.2")), Some(dec("-0.2")), Some(Position::Par))
        );
        assert_eq!(r.companies[0].average, Some(dec("7")));
        assert_eq!(r.companies[2].average, Some(dec("6.7")));
    }

    #[test]
    fn gaps_of_half_a_point_lead_or_trail_and_empty_cells_are_counted() {
        let mut s = matrix();
        s.competitors[0].scores[0].score = dec("6"); // cost: 6 − 6.5 = −0.5
        s.competitors[2].scores.pop(); // service of c3 unrated
        let mut findings = vec![];
        let r = compute(&s, &mut findings);
        assert_eq!(r.attributes[0].position, Some(Position::Trail));
        assert_eq!(r.attributes[1].average, Some(dec("6")));
        let codes: Vec<_> = findings
            .iter()
            .map(|f| (f.code.as_str(), f.params.get("missing").cloned()))
            .collect();
        assert_eq!(codes, [("competition.unscored", Some("1".to_string()))]);
    }

    #[test]
    fn a_matrix_without_the_own_company_is_a_warning() {
        let mut s = matrix();
        s.competitors.remove(0);
        let mut findings = vec![];
        let r = compute(&s, &mut findings);
        assert_eq!(r.attributes[0].gap, None);
        assert_eq!(findings[0].code, "competition.no_own");
        let mut findings = vec![];
        compute(&Support::default(), &mut findings);
        assert_eq!(findings[0].code, "competition.none");
    }
}
