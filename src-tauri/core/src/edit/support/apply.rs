//! Applying a [`SupportEdit`]: the rules that keep section 2 consistent (one own company,
//! unique attribute and company names, no score or link to a removed attribute, tier
//! thresholds that describe three tiers).

use super::parse::{choice, count, lines, name, parse_nps_scores, score, threshold, tier, unique_name, weight};
use super::*;
use crate::clock::Clock;
use crate::edit::drivers::percent;
use crate::edit::{parse_date, text, unknown};
use crate::engine::rfm::TierRule;
use crate::error::{Error, Result};
use crate::model::{
    AttributeScore, CompetitiveAttribute, Competitor, InternalFactor, MarketItem, Nps, NpsInput, Persona, Plan, Support,
};
use rust_decimal::Decimal;

/// Applies a section-2 edit (the caller applies to a copy and keeps it on success).
pub(crate) fn apply(plan: &mut Plan, edit: &SupportEdit, clock: &dyn Clock) -> Result<()> {
    let company = plan.header.company.clone();
    let goal_exists = |id: Uuid| plan.goal(id).is_some();
    let goal_ok = match edit {
        SupportEdit::LinkMarketItemGoal {
            goal_id, linked: true, ..
        } => goal_exists(*goal_id),
        _ => true,
    };
    let s = &mut plan.support;
    match edit {
        SupportEdit::AddMarketItem { category, impact } => s.market_items.push(MarketItem {
            id: clock.new_id(),
            category: *category,
            impact: *impact,
            title: String::new(),
            description: String::new(),
            weight: Decimal::ONE,
            goal_ids: vec![],
        }),
        SupportEdit::UpdateMarketItem { id, field, value } => {
            let m = find(&mut s.market_items, |m| m.id == *id, "market item", *id)?;
            match field {
                MarketItemField::Category => m.category = choice(value, "category")?,
                MarketItemField::Impact => m.impact = choice(value, "impact")?,
                MarketItemField::Title => m.title = text(value, "title")?,
                MarketItemField::Description => m.description = text(value, "description")?,
                MarketItemField::Weight => m.weight = weight(value)?,
            }
        }
        SupportEdit::LinkMarketItemGoal { id, goal_id, linked } => {
            if !goal_ok {
                return Err(unknown("goal", *goal_id));
            }
            let m = find(&mut s.market_items, |m| m.id == *id, "market item", *id)?;
            m.goal_ids.retain(|g| g != goal_id);
            if *linked {
                m.goal_ids.push(*goal_id);
            }
        }
        SupportEdit::RemoveMarketItem { id } => remove(&mut s.market_items, |m| m.id == *id, "market item", *id)?,
        SupportEdit::AddFactor { kind } => s.factors.push(InternalFactor {
            id: clock.new_id(),
            kind: *kind,
            statement: String::new(),
            weight: Decimal::ONE,
            attribute_id: None,
        }),
        SupportEdit::UpdateFactor { id, field, value } => {
            let attribute = match field {
                FactorField::Attribute => attribute_ref(s, value)?,
                _ => None,
            };
            let f = find(&mut s.factors, |f| f.id == *id, "strength or weakness", *id)?;
            match field {
                FactorField::Kind => f.kind = choice(value, "kind")?,
                FactorField::Statement => f.statement = text(value, "statement")?,
                FactorField::Weight => f.weight = weight(value)?,
                FactorField::Attribute => f.attribute_id = attribute,
            }
        }
        SupportEdit::RemoveFactor { id } => remove(&mut s.factors, |f| f.id == *id, "strength or weakness", *id)?,
        SupportEdit::SetNpsCount { group, value } => set_count(s, *group, value)?,
        SupportEdit::SetNpsScores { text: answers } => {
            let scores = parse_nps_scores(answers)?;
            nps(s).input = NpsInput::Scores { scores };
        }
        SupportEdit::SetNpsSource { value } => nps(s).source = text(value, "source")?,
        SupportEdit::ClearNps => s.nps = None,
        SupportEdit::AddAttribute { name: n } => {
            let name = unique_name(n, "name", s.attributes.iter().map(|a| a.name.as_str()))?;
            s.attributes.push(CompetitiveAttribute {
                id: clock.new_id(),
                name,
            });
        }
        SupportEdit::RenameAttribute { id, name: n } => {
            let others = s.attributes.iter().filter(|a| a.id != *id).map(|a| a.name.as_str());
            let name = unique_name(n, "name", others)?;
            find(&mut s.attributes, |a| a.id == *id, "attribute", *id)?.name = name;
        }
        SupportEdit::RemoveAttribute { id } => {
            remove(&mut s.attributes, |a| a.id == *id, "attribute", *id)?;
            for c in &mut s.competitors {
                c.scores.retain(|x| x.attribute_id != *id);
            }
            for f in s.factors.iter_mut().filter(|f| f.attribute_id == Some(*id)) {
                f.attribute_id = None;
            }
        }
        SupportEdit::AddCompetitor { name: n, own } => {
            if *own && s.own_company().is_some() {
                return Err(
                    Error::invalid("the matrix already has the own company").because("competitor.own_exists", &[])
                );
            }
            let typed = if *own && n.trim().is_empty() {
                company.as_str()
            } else {
                n.as_str()
            };
            let name = unique_name(typed, "name", s.competitors.iter().map(|c| c.name.as_str()))?;
            s.competitors.push(Competitor {
                id: clock.new_id(),
                name,
                own: *own,
                note: String::new(),
                scores: vec![],
            });
        }
        SupportEdit::UpdateCompetitor { id, field, value } => {
            let others = s.competitors.iter().filter(|c| c.id != *id).map(|c| c.name.as_str());
            let parsed = match field {
                CompetitorField::Name => unique_name(value, "name", others)?,
                CompetitorField::Note => text(value, "note")?,
            };
            let c = find(&mut s.competitors, |c| c.id == *id, "company", *id)?;
            match field {
                CompetitorField::Name => c.name = parsed,
                CompetitorField::Note => c.note = parsed,
            }
        }
        SupportEdit::RemoveCompetitor { id } => remove(&mut s.competitors, |c| c.id == *id, "company", *id)?,
        SupportEdit::SetScore {
            competitor_id,
            attribute_id,
            value,
        } => {
            let parsed = score(value)?;
            if !s.attributes.iter().any(|a| a.id == *attribute_id) {
                return Err(unknown("attribute", *attribute_id));
            }
            let c = find(
                &mut s.competitors,
                |c| c.id == *competitor_id,
                "company",
                *competitor_id,
            )?;
            c.scores.retain(|x| x.attribute_id != *attribute_id);
            if let Some(score) = parsed {
                let at = s.attributes.iter().position(|a| a.id == *attribute_id).unwrap_or(0);
                let before = |x: &AttributeScore| s.attributes.iter().position(|a| a.id == x.attribute_id) < Some(at);
                let i = c.scores.iter().take_while(|x| before(x)).count();
                c.scores.insert(
                    i,
                    AttributeScore {
                        attribute_id: *attribute_id,
                        score,
                    },
                );
            }
        }
        SupportEdit::AddPersona { name: n } => s.personas.push(Persona {
            id: clock.new_id(),
            name: name(n, "name")?,
            description: String::new(),
            pains: vec![],
            channels: vec![],
            tier: None,
        }),
        SupportEdit::UpdatePersona { id, field, value } => {
            let p = find(&mut s.personas, |p| p.id == *id, "persona", *id)?;
            match field {
                PersonaField::Name => p.name = name(value, "name")?,
                PersonaField::Description => p.description = text(value, "description")?,
                PersonaField::Pains => p.pains = lines(value, "pains")?,
                PersonaField::Channels => p.channels = lines(value, "channels")?,
                PersonaField::Tier => p.tier = tier(value)?,
            }
        }
        SupportEdit::RemovePersona { id } => remove(&mut s.personas, |p| p.id == *id, "persona", *id)?,
        SupportEdit::SetRfm { field, value } => set_rfm(s, *field, value)?,
        SupportEdit::ImportOrders { orders } => plan.orders = orders.clone(),
        SupportEdit::ClearOrders => plan.orders = Default::default(),
    }
    Ok(())
}

fn find<'a, T>(list: &'a mut [T], is: impl Fn(&T) -> bool, what: &str, id: Uuid) -> Result<&'a mut T> {
    list.iter_mut().find(|x| is(x)).ok_or_else(|| unknown(what, id))
}

fn remove<T>(list: &mut Vec<T>, is: impl Fn(&T) -> bool, what: &str, id: Uuid) -> Result<()> {
    let before = list.len();
    list.retain(|x| !is(x));
    if list.len() == before {
        return Err(unknown(what, id));
    }
    Ok(())
}

/// An attribute id typed for a factor: empty for none, else an attribute of the matrix.
fn attribute_ref(s: &Support, value: &str) -> Result<Option<Uuid>> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    let id = Uuid::parse_str(value.trim()).map_err(|_| Error::invalid("attribute: not an attribute id"))?;
    match s.attributes.iter().any(|a| a.id == id) {
        true => Ok(Some(id)),
        false => Err(unknown("attribute", id)),
    }
}

/// The survey, created empty (counts 0/0/0) when there is none.
fn nps(s: &mut Support) -> &mut Nps {
    s.nps.get_or_insert_with(|| Nps {
        input: NpsInput::Counts {
            promoters: 0,
            passives: 0,
            detractors: 0,
        },
        source: String::new(),
    })
}

fn set_count(s: &mut Support, group: NpsGroup, value: &str) -> Result<()> {
    let field = match group {
        NpsGroup::Promoters => "promoters",
        NpsGroup::Passives => "passives",
        NpsGroup::Detractors => "detractors",
    };
    let n = count(value, field)?;
    let survey = nps(s);
    if let NpsInput::Scores { scores } = &survey.input {
        // Switching from raw answers keeps what they counted.
        let (promoters, passives, detractors) = crate::engine::support::nps::classify(scores);
        survey.input = NpsInput::Counts {
            promoters,
            passives,
            detractors,
        };
    }
    if let NpsInput::Counts {
        promoters,
        passives,
        detractors,
    } = &mut survey.input
    {
        *match group {
            NpsGroup::Promoters => promoters,
            NpsGroup::Passives => passives,
            NpsGroup::Detractors => detractors,
        } = n;
    }
    Ok(())
}

fn set_rfm(s: &mut Support, field: RfmField, value: &str) -> Result<()> {
    let rfm = &mut s.rfm;
    let wrong_rule = |field: &str| {
        Error::invalid(format!(
            "{field}: belongs to the other tier rule; switch the rule first"
        ))
        .because("rfm.wrong_rule", &[("field", field)])
    };
    match field {
        RfmField::AsOf => {
            rfm.as_of = if value.trim().is_empty() {
                None
            } else {
                Some(parse_date(value, "as of")?)
            };
            return Ok(());
        }
        RfmField::Rule => {
            rfm.rule = match value.trim() {
                "scores" if !matches!(rfm.rule, TierRule::Scores { .. }) => TierRule::default_scores(),
                "pareto" if !matches!(rfm.rule, TierRule::Pareto { .. }) => TierRule::default_pareto(),
                "scores" | "pareto" => return Ok(()),
                other => {
                    let quoted = crate::money::clip(other);
                    return Err(Error::invalid(format!("rule: \"{quoted}\" is not scores or pareto"))
                        .because("rfm.rule_unknown", &[("value", &quoted)]));
                }
            }
        }
        RfmField::AMinScore | RfmField::BMinScore => {
            let id = if field == RfmField::AMinScore {
                "a_min_score"
            } else {
                "b_min_score"
            };
            let n = threshold(value, id)?;
            match &mut rfm.rule {
                TierRule::Scores {
                    a_min_score,
                    b_min_score,
                } => {
                    *(if field == RfmField::AMinScore {
                        a_min_score
                    } else {
                        b_min_score
                    }) = n
                }
                TierRule::Pareto { .. } => return Err(wrong_rule(id)),
            }
        }
        RfmField::AShare | RfmField::BShare => {
            let id = if field == RfmField::AShare {
                "a_share"
            } else {
                "b_share"
            };
            let share = percent(value, "percent").map_err(|e| e.with_param("field", id))?;
            match &mut rfm.rule {
                TierRule::Pareto { a_share, b_share } => {
                    *(if field == RfmField::AShare { a_share } else { b_share }) = share
                }
                TierRule::Scores { .. } => return Err(wrong_rule(id)),
            }
        }
    }
    rfm.rule.validate()
}
