//! Net Promoter Score (NPS评分) from counts or raw answers.
//!
//! Answers run 0–10: **promoters** 9–10, **passives** 7–8, **detractors** 0–6.
//! NPS = 100 × (promoters − detractors) / all answers, from −100 (everyone a detractor) to
//! 100 (everyone a promoter). Passives count in the denominator only: they pull the score
//! towards 0 without moving it either way. The score is exact, rounded half-even to one
//! decimal place; the shares are fractions to four places.
//!
//! Worked example: 50 promoters, 30 passives, 20 detractors → 100 × (50 − 20) / 100 = **+30**.
//! The raw answers "10 9 8 7 6 0" give 2 promoters, 2 passives, 2 detractors → 0.
//! "10 10 6" → 100 × (2 − 1) / 3 = 33.3 (33.33… rounded).
//!
//! Findings (step `market`, field `nps`): `nps.missing` (hint: no survey entered),
//! `nps.no_responses` (warning: a survey without answers), `nps.few_responses` (hint: fewer than
//! [`MIN_RESPONSES`] answers, params `responses`, `minimum`: one answer moves the score by more
//! than three points), `nps.negative` (hint: more detractors than promoters, param `score`).

use crate::engine::findings::{Finding, Severity};
use crate::model::{Nps, NpsInput};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

/// Fewer answers than this give the hint `nps.few_responses`.
pub const MIN_RESPONSES: u32 = 30;

/// An NPS and what it was computed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NpsResult {
    /// Answers 9–10.
    pub promoters: u32,
    /// Answers 7–8.
    pub passives: u32,
    /// Answers 0–6.
    pub detractors: u32,
    /// All answers.
    pub responses: u32,
    /// Promoters / responses (fraction, four places).
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub promoter_share: Decimal,
    /// Passives / responses.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub passive_share: Decimal,
    /// Detractors / responses.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub detractor_share: Decimal,
    /// The NPS, −100 to 100, one decimal place.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub score: Decimal,
}

/// Promoters, passives and detractors among raw answers (each 0–10).
pub fn classify(scores: &[u8]) -> (u32, u32, u32) {
    scores.iter().fold((0, 0, 0), |(p, n, d), &s| match s {
        9.. => (p + 1, n, d),
        7 | 8 => (p, n + 1, d),
        _ => (p, n, d + 1),
    })
}

/// The NPS of a survey; `None` when it has no answers.
pub fn score(input: &NpsInput) -> Option<NpsResult> {
    let (promoters, passives, detractors) = match input {
        NpsInput::Counts {
            promoters,
            passives,
            detractors,
        } => (*promoters, *passives, *detractors),
        NpsInput::Scores { scores } => classify(scores),
    };
    let responses = promoters.checked_add(passives)?.checked_add(detractors)?;
    if responses == 0 {
        return None;
    }
    let n = Decimal::from(responses);
    let share = |k: u32| (Decimal::from(k) / n).round_dp(4).normalize();
    let net = Decimal::from(i64::from(promoters) - i64::from(detractors));
    Some(NpsResult {
        promoters,
        passives,
        detractors,
        responses,
        promoter_share: share(promoters),
        passive_share: share(passives),
        detractor_share: share(detractors),
        score: (Decimal::ONE_HUNDRED * net / n).round_dp(1).normalize(),
    })
}

/// The NPS of the plan's survey, with its findings.
pub fn compute(nps: Option<&Nps>, findings: &mut Vec<Finding>) -> Option<NpsResult> {
    let finding = |code: &str, severity| Finding::on_step(code, severity, "market", Some("nps"));
    let Some(nps) = nps else {
        findings.push(finding("nps.missing", Severity::Hint));
        return None;
    };
    let Some(result) = score(&nps.input) else {
        findings.push(finding("nps.no_responses", Severity::Warning));
        return None;
    };
    if result.responses < MIN_RESPONSES {
        let f = finding("nps.few_responses", Severity::Hint);
        findings.push(f.with("responses", result.responses).with("minimum", MIN_RESPONSES));
    }
    if result.score < Decimal::ZERO {
        findings.push(finding("nps.negative", Severity::Hint).with("score", result.score));
    }
    Some(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(promoters: u32, passives: u32, detractors: u32) -> NpsInput {
        NpsInput::Counts {
            promoters,
            passives,
            detractors,
        }
    }

    #[test]
    fn the_worked_example_scores_plus_thirty() {
        let r = score(&counts(50, 30, 20)).unwrap();
        assert_eq!(r.score, Decimal::from(30));
        assert_eq!(r.responses, 100);
        assert_eq!(
            (r.promoter_share, r.passive_share, r.detractor_share),
            (Decimal::new(5, 1), Decimal::new(3, 1), Decimal::new(2, 1))
        );
    }

    #[test]
    fn passives_stay_in_the_denominator() {
        // Without passives 50 vs 20 would be 100 × 30 / 70 = 42.9; with them it is 30.
        assert_eq!(score(&counts(50, 0, 20)).unwrap().score, Decimal::new(429, 1));
        let raw = NpsInput::Scores {
            scores: vec![10, 9, 8, 7, 6, 0],
        };
        let r = score(&raw).unwrap();
        assert_eq!(
            (r.promoters, r.passives, r.detractors, r.score),
            (2, 2, 2, Decimal::ZERO)
        );
    }

    #[test]
    fn the_score_runs_from_minus_to_plus_one_hundred_rounded_to_one_place() {
        assert_eq!(score(&counts(0, 0, 7)).unwrap().score, Decimal::from(-100));
        assert_eq!(score(&counts(7, 0, 0)).unwrap().score, Decimal::from(100));
        let third = NpsInput::Scores {
            scores: vec![10, 10, 6],
        };
        assert_eq!(score(&third).unwrap().score, Decimal::new(333, 1));
        assert_eq!(score(&third).unwrap().promoter_share, Decimal::new(6667, 4));
        assert_eq!(score(&counts(0, 0, 0)), None);
        assert_eq!(score(&counts(u32::MAX, 1, 0)), None, "overflowing counts have no score");
    }

    #[test]
    fn findings_say_what_is_missing_or_thin() {
        let codes = |nps: Option<&Nps>| {
            let mut f = vec![];
            compute(nps, &mut f);
            f.into_iter().map(|f| f.code).collect::<Vec<_>>()
        };
        assert_eq!(codes(None), ["nps.missing"]);
        let survey = |input| Nps {
            input,
            source: String::new(),
        };
        assert_eq!(codes(Some(&survey(counts(0, 0, 0)))), ["nps.no_responses"]);
        assert_eq!(
            codes(Some(&survey(counts(5, 5, 10)))),
            ["nps.few_responses", "nps.negative"]
        );
        assert!(codes(Some(&survey(counts(50, 30, 20)))).is_empty());
    }
}
