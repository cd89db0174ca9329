//! Pages of the scored customers for the customer table: all of them or one tier, the ids
//! containing a search text, sorted by any column either way, a page at a time.
//!
//! **Order.** Ascending by the column, equal values by customer id (byte order); descending by
//! the column, equal values still by customer id ascending. So `monetary` descending is the
//! report's top list, and a page never depends on the order of the file. The RFM code sorts
//! as its digits (R, then F, then M), the tier A before B before C.
//!
//! **Search** is a case-insensitive part of the customer id (Unicode lower case), trimmed and
//! cut at [`MAX_SEARCH_CHARS`] characters (longer ids do not exist). A page holds at most
//! [`MAX_PAGE`] customers; an offset past the end gives an empty page with the total.
//!
//! **Cost.** The scored customers are held by customer id, so ties by id are ties by position.
//! The ascending order of a column is sorted on first use and kept with the remembered
//! analysis ([`PageIndex`]); descending walks it backwards one run of equal values at a time.
//! The lower-case ids are made once, on the first search, and searched as one text. A page
//! is then one walk over the order (early stop without a filter). Measured with 100,000
//! customers (benches/customers.rs): a page takes 0.01–1 ms, with the first sort of its
//! column or the first search about 5 ms.

use super::customers::OrdersAnalysis;
use crate::engine::rfm::{RfmCustomer, Tier};
use crate::model::Plan;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use ts_rs::TS;

/// The most customers one page holds.
pub const MAX_PAGE: u32 = 200;
/// The longest search text, in characters (a customer id has at most 100).
pub const MAX_SEARCH_CHARS: usize = 100;

/// A column of the customer table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CustomerSort {
    /// Customer id (byte order).
    Customer,
    /// Date of the last order.
    LastOrder,
    /// R: days since the last order.
    RecencyDays,
    /// F: orders.
    Frequency,
    /// M: revenue.
    Monetary,
    /// The RFM code ("545"), R then F then M.
    Code,
    /// The score sum.
    Score,
    /// The tier, A first.
    Tier,
}

impl CustomerSort {
    /// Every column, in table order.
    pub const ALL: [CustomerSort; 8] = [
        CustomerSort::Customer,
        CustomerSort::LastOrder,
        CustomerSort::RecencyDays,
        CustomerSort::Frequency,
        CustomerSort::Monetary,
        CustomerSort::Code,
        CustomerSort::Score,
        CustomerSort::Tier,
    ];

    /// The value sorted on, for every column but the id and the money.
    fn key(self, c: &RfmCustomer) -> i64 {
        match self {
            CustomerSort::LastOrder => i64::from(chrono::Datelike::num_days_from_ce(&c.last_order)),
            CustomerSort::RecencyDays => i64::from(c.recency_days),
            CustomerSort::Frequency => i64::from(c.frequency),
            CustomerSort::Code => i64::from(c.r) * 100 + i64::from(c.f) * 10 + i64::from(c.m),
            CustomerSort::Score => i64::from(c.score),
            CustomerSort::Tier => c.tier as i64,
            CustomerSort::Customer | CustomerSort::Monetary => 0,
        }
    }
}

/// What the customer table asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CustomerQuery {
    /// Only the customers of this tier; `null`: all.
    pub tier: Option<Tier>,
    /// A part of the customer id, any case; empty: all.
    pub search: String,
    /// The column sorted on.
    pub sort: CustomerSort,
    /// Largest first.
    pub desc: bool,
    /// Customers skipped.
    pub offset: u32,
    /// Customers wanted (at most [`MAX_PAGE`]).
    pub limit: u32,
}

impl Default for CustomerQuery {
    /// The first 50 by revenue, largest first.
    fn default() -> Self {
        CustomerQuery {
            tier: None,
            search: String::new(),
            sort: CustomerSort::Monetary,
            desc: true,
            offset: 0,
            limit: 50,
        }
    }
}

/// One page of the scored customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CustomerPage {
    /// Customers matching the tier and the search (all pages).
    pub total: u32,
    /// The offset asked for.
    pub offset: u32,
    /// The page, in the order asked for.
    pub customers: Vec<RfmCustomer>,
}

/// Sort orders, tiers and lower-case ids of one analysis, made on first use and kept with it.
#[derive(Default)]
pub struct PageIndex {
    sorted: [OnceLock<Sorted>; 8],
    tiers: OnceLock<Vec<Tier>>,
    lower: OnceLock<LowerIds>,
}

/// Customer positions by one column ascending, equal values by id; `tied[p]`: the customer at
/// `p` has the value of the one at `p − 1`.
struct Sorted {
    order: Vec<u32>,
    tied: Vec<bool>,
}

impl Sorted {
    fn new<K: Ord>(mut keyed: Vec<(K, u32)>) -> Self {
        keyed.sort_unstable();
        let tied = (0..keyed.len())
            .map(|p| p > 0 && keyed[p].0 == keyed[p - 1].0)
            .collect();
        Sorted {
            order: keyed.into_iter().map(|(_, i)| i).collect(),
            tied,
        }
    }

    /// Backwards, each run of equal values kept in its forward order (ties by id ascending).
    fn descending(&self) -> impl Iterator<Item = u32> + '_ {
        let mut end = self.order.len();
        std::iter::from_fn(move || {
            if end == 0 {
                return None;
            }
            let mut start = end - 1;
            while self.tied[start] {
                start -= 1;
            }
            let run = &self.order[start..end];
            end = start;
            Some(run.iter().copied())
        })
        .flatten()
    }
}

/// Every customer id in lower case, one after the other: id `i` ends at `ends[i]`.
struct LowerIds {
    text: String,
    ends: Vec<usize>,
}

impl LowerIds {
    fn new(customers: &[RfmCustomer]) -> Self {
        let mut text = String::new();
        let ends = (customers.iter())
            .map(|c| {
                if c.customer.is_ascii() {
                    text.extend(c.customer.chars().map(|ch| ch.to_ascii_lowercase()));
                } else {
                    text.push_str(&c.customer.to_lowercase());
                }
                text.len()
            })
            .collect();
        LowerIds { text, ends }
    }

    /// Which ids contain `needle` (lower case, not empty): one search through all of them.
    fn containing(&self, needle: &str) -> Vec<bool> {
        let (text, finder) = (self.text.as_bytes(), memchr::memmem::Finder::new(needle.as_bytes()));
        let mut hits = vec![false; self.ends.len()];
        let mut from = 0;
        while let Some(found) = finder.find(&text[from..]) {
            let at = from + found;
            let i = self.ends.partition_point(|&end| end <= at);
            // A match running into the next id does not count; the next id is searched anew.
            hits[i] = at + needle.len() <= self.ends[i];
            from = self.ends[i];
        }
        hits
    }
}

impl PageIndex {
    fn sorted(&self, customers: &[RfmCustomer], sort: CustomerSort) -> &Sorted {
        let at = CustomerSort::ALL.iter().position(|&s| s == sort).unwrap_or(0);
        self.sorted[at].get_or_init(|| {
            let n = customers.len() as u32;
            match sort {
                CustomerSort::Customer => Sorted {
                    order: (0..n).collect(),
                    tied: vec![false; n as usize],
                },
                CustomerSort::Monetary => Sorted::new(customers.iter().map(|c| c.monetary).zip(0..n).collect()),
                _ => Sorted::new(customers.iter().map(|c| sort.key(c)).zip(0..n).collect()),
            }
        })
    }
}

/// A cache: equal whatever it holds, and a clone starts empty.
impl Clone for PageIndex {
    fn clone(&self) -> Self {
        PageIndex::default()
    }
}

impl PartialEq for PageIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for PageIndex {}

impl std::fmt::Debug for PageIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sorted = self.sorted.iter().filter(|o| o.get().is_some()).count();
        write!(f, "PageIndex {{ sorted: {sorted} }}")
    }
}

/// Positions of the scored customers (of `customers`) in the order of `sort` and `desc`.
pub(super) fn ordered<'a>(
    index: &'a PageIndex,
    customers: &[RfmCustomer],
    sort: CustomerSort,
    desc: bool,
) -> Box<dyn Iterator<Item = usize> + 'a> {
    let sorted = index.sorted(customers, sort);
    if desc {
        Box::new(sorted.descending().map(|i| i as usize))
    } else {
        Box::new(sorted.order.iter().map(|&i| i as usize))
    }
}

/// A page of the analysed customers.
pub fn page_of(analysis: &OrdersAnalysis, query: &CustomerQuery) -> CustomerPage {
    let mut page = CustomerPage {
        total: 0,
        offset: query.offset,
        customers: vec![],
    };
    let Ok(rfm) = &analysis.rfm else {
        return page;
    };
    let (c, index) = (rfm.customers.as_slice(), &analysis.index);
    let (offset, limit) = (query.offset as usize, query.limit.min(MAX_PAGE) as usize);
    let search: String = query.search.trim().chars().take(MAX_SEARCH_CHARS).collect();
    let needle = search.to_lowercase();
    let hits = (!needle.is_empty()).then(|| index.lower.get_or_init(|| LowerIds::new(c)).containing(&needle));
    let tiers = query
        .tier
        .map(|t| (t, index.tiers.get_or_init(|| c.iter().map(|c| c.tier).collect())));
    let keep = |&i: &usize| tiers.is_none_or(|(t, tiers)| tiers[i] == t) && hits.as_ref().is_none_or(|h| h[i]);
    let filtered = tiers.is_some() || hits.is_some();
    let mut total = 0usize;
    for i in ordered(index, c, query.sort, query.desc).filter(keep) {
        if total >= offset && page.customers.len() < limit {
            page.customers.push(c[i].clone());
        }
        total += 1;
        if !filtered && total >= offset.saturating_add(limit) {
            total = c.len();
            break;
        }
    }
    page.total = total as u32;
    page
}

/// A page of the plan's scored customers (empty without an analysis).
pub fn customers_page(plan: &Plan, query: &CustomerQuery) -> CustomerPage {
    match super::customers::analysis(plan) {
        Some(analysis) => page_of(&analysis, query),
        None => CustomerPage {
            total: 0,
            offset: query.offset,
            customers: vec![],
        },
    }
}
