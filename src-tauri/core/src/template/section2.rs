//! Section 2 of the "Q4 sales +30 %" template: market items in the seed's words (行业趋势:
//! 政策变化, 技术革新, 竞品动态 such as AI's effect on selling; 客户需求 found through NPS; 竞争壁垒:
//! own strengths in cost and service, a weaker brand), an NPS survey, a competitor matrix, three
//! personas, and a year of orders ([`super::orders`]) so RFM tiers are meaningful.
//!
//! The numbers hold together (no error or warning findings):
//! - market items: opportunities weigh 27, threats 11 (balance +0.42), every item linked to
//!   the bookings goal;
//! - NPS from the Q3 customer survey: 50 promoters, 30 passives, 20 detractors → +30 (the
//!   worked example of `engine::support::nps`);
//! - competitor matrix on cost, service, brand, technology (0–10): own 8 / 8 / 5 / 7 against
//!   two competitors averaging 6.5 / 5.5 / 7 / 7 → lead on cost and service (the typed
//!   strengths), trail on brand (the typed weakness), par on technology;
//! - personas for tiers A, B and C, each tier holding customers.

use crate::clock::Clock;
use crate::engine::rfm::Tier;
use crate::model::{
    AttributeScore, BaselineMonth, CompetitiveAttribute, Competitor, FactorKind, Impact, InternalFactor,
    MarketCategory, MarketItem, Nps, NpsInput, Persona, Support,
};
use rust_decimal::Decimal;
use uuid::Uuid;

type Text = (&'static str, &'static str);

/// Category, impact, weight, title, description.
const MARKET: [(MarketCategory, Impact, i64, Text, Text); 6] = [
    (
        MarketCategory::IndustryTrend,
        Impact::Opportunity,
        7,
        ("AI对销售流程的影响", "AI is changing how B2B buyers are sold to"),
        (
            "AI外呼、智能报价和电子合同缩短成交周期，先用起来的团队线索转化更快。",
            "AI calling, smart quoting and e-signatures shorten the sales cycle; early adopters convert leads faster.",
        ),
    ),
    (
        MarketCategory::Policy,
        Impact::Opportunity,
        6,
        ("政策变化：设备更新补贴", "Policy change: subsidies for equipment upgrades"),
        (
            "设备更新补贴政策带来门店设备替换需求，Q4是申报高峰。",
            "Subsidies for replacing old equipment bring store upgrades forward; Q4 is the peak of applications.",
        ),
    ),
    (
        MarketCategory::Technology,
        Impact::Opportunity,
        8,
        ("技术革新：新一代智能设备", "Technology: a new generation of smart devices"),
        (
            "我们的新品在10月发布，联网运维和耗材自动补货是核心卖点。",
            "Our new product launches in October; connected maintenance and automatic consumables refill are its selling points.",
        ),
    ),
    (
        MarketCategory::CompetitorMove,
        Impact::Threat,
        7,
        ("竞品动态：头部竞品降价抢占市场", "Competitor move: the market leader cuts prices"),
        (
            "华拓科技对主力机型降价约10%，重点争夺连锁客户。",
            "Huatuo Tech cut its main model by about 10 % to win chain-store accounts.",
        ),
    ),
    (
        MarketCategory::CustomerNeed,
        Impact::Opportunity,
        6,
        ("客户需求：耗材稳定供应与快速售后", "Customer need: reliable consumables and fast service"),
        (
            "NPS调研显示，老客户最看重耗材不断供和故障当天响应。",
            "The NPS survey shows existing customers value uninterrupted consumables and same-day repairs most.",
        ),
    ),
    (
        MarketCategory::Policy,
        Impact::Threat,
        4,
        ("政策变化：数据合规要求提高", "Policy change: stricter data protection rules"),
        (
            "客户信息需加密存储并按权限管理，CRM和外呼工具要同步整改。",
            "Customer data must be encrypted and access-controlled; the CRM and calling tools must comply.",
        ),
    ),
];

/// Attributes (zh, en) and the scores of the own company and two competitors, in that order.
const ATTRIBUTES: [(Text, [i64; 3]); 4] = [
    (("成本", "Cost"), [8, 6, 7]),
    (("服务", "Service"), [8, 6, 5]),
    (("品牌", "Brand"), [5, 8, 6]),
    (("技术", "Technology"), [7, 8, 6]),
];

/// The two competitors: name and note.
const COMPETITORS: [(Text, Text); 2] = [
    (
        ("华拓科技", "Huatuo Tech"),
        (
            "行业头部，品牌强，近期降价。",
            "Market leader with a strong brand; cut prices recently.",
        ),
    ),
    (
        ("联创设备", "Lianchuang Devices"),
        (
            "区域型对手，价格灵活，服务网点少。",
            "Regional rival with flexible prices and few service points.",
        ),
    ),
];

/// Kind, weight, statement, index of the attribute it is about.
const FACTORS: [(FactorKind, i64, Text, Option<usize>); 4] = [
    (
        FactorKind::Strength,
        7,
        (
            "成本优势：设备+耗材一体化供应",
            "Cost: devices and consumables from one supplier",
        ),
        Some(0),
    ),
    (
        FactorKind::Strength,
        6,
        (
            "服务：24小时客服与定期回访",
            "Service: 24-hour support and regular follow-up visits",
        ),
        Some(1),
    ),
    (
        FactorKind::Weakness,
        6,
        (
            "品牌知名度低于头部竞品",
            "Less brand recognition than the market leader",
        ),
        Some(2),
    ),
    (
        FactorKind::Weakness,
        5,
        (
            "线上渠道（电商、直播）起步晚",
            "Late to online channels (e-commerce, live streaming)",
        ),
        None,
    ),
];

/// Persona: name, description, pains, buying channels, tier.
type PersonaText = (Text, Text, [Text; 2], [Text; 2], Tier);
const PERSONAS: [PersonaText; 3] = [
    (
        ("连锁门店采购经理", "Chain-store purchasing manager"),
        (
            "负责几十家门店的设备与耗材采购，看重稳定供应和总成本。",
            "Buys devices and consumables for dozens of stores; values supply and total cost.",
        ),
        [
            ("耗材断供影响营业", "Consumable shortages stop the stores"),
            ("设备故障响应慢", "Slow repairs"),
        ],
        [("行业展会", "Trade fairs"), ("直销顾问", "Direct sales advisers")],
        Tier::A,
    ),
    (
        ("成长型企业老板", "Owner of a growing business"),
        (
            "三到十家门店，亲自拍板，需要看到同行案例。",
            "Three to ten stores, decides in person, wants to see peers' results.",
        ),
        [
            ("预算有限", "Tight budget"),
            ("缺少成功案例参考", "Few reference cases"),
        ],
        [("经销商", "Distributors"), ("客户案例分享会", "Customer case events")],
        Tier::B,
    ),
    (
        ("个体门店店主", "Single-store owner"),
        (
            "一家店，价格敏感，线上比价后下单。",
            "One store, price-sensitive, compares prices online before buying.",
        ),
        [
            ("价格敏感", "Price-sensitive"),
            ("不了解设备选型", "Unsure which device fits"),
        ],
        [("电商平台", "E-commerce platforms"), ("社交媒体", "Social media")],
        Tier::C,
    ),
];

/// Section 2 of the template (orders apart: [`super::orders::orders`]).
pub(super) fn support(zh: bool, company: &str, bookings: Uuid, clock: &dyn Clock) -> Support {
    let t = |(zh_text, en_text): Text| if zh { zh_text } else { en_text }.to_string();
    let market_items = (MARKET.iter())
        .map(|&(category, impact, weight, title, description)| MarketItem {
            id: clock.new_id(),
            category,
            impact,
            title: t(title),
            description: t(description),
            weight: Decimal::from(weight),
            goal_ids: vec![bookings],
        })
        .collect();
    let attributes: Vec<CompetitiveAttribute> = (ATTRIBUTES.iter())
        .map(|&(name, _)| CompetitiveAttribute {
            id: clock.new_id(),
            name: t(name),
        })
        .collect();
    let factors = (FACTORS.iter())
        .map(|&(kind, weight, statement, attribute)| InternalFactor {
            id: clock.new_id(),
            kind,
            statement: t(statement),
            weight: Decimal::from(weight),
            attribute_id: attribute.map(|i| attributes[i].id),
        })
        .collect();
    let scores = |company: usize| -> Vec<AttributeScore> {
        (attributes.iter().zip(ATTRIBUTES))
            .map(|(a, (_, s))| AttributeScore {
                attribute_id: a.id,
                score: Decimal::from(s[company]),
            })
            .collect()
    };
    let mut competitors = vec![Competitor {
        id: clock.new_id(),
        name: company.to_string(),
        own: true,
        note: String::new(),
        scores: scores(0),
    }];
    competitors.extend(COMPETITORS.iter().enumerate().map(|(i, &(name, note))| Competitor {
        id: clock.new_id(),
        name: t(name),
        own: false,
        note: t(note),
        scores: scores(i + 1),
    }));
    let personas = (PERSONAS.iter())
        .map(|&(name, description, pains, channels, tier)| Persona {
            id: clock.new_id(),
            name: t(name),
            description: t(description),
            pains: pains.map(t).to_vec(),
            channels: channels.map(t).to_vec(),
            tier: Some(tier),
        })
        .collect();
    Support {
        market_items,
        factors,
        nps: Some(Nps {
            input: NpsInput::Counts {
                promoters: 50,
                passives: 30,
                detractors: 20,
            },
            source: t((
                "2026年Q3老客户回访（100份问卷）",
                "Q3 2026 customer survey (100 answers)",
            )),
        }),
        attributes,
        competitors,
        personas,
        rfm: Default::default(),
    }
}

/// The baseline months the template's orders add up to (the year before the plan).
pub(super) fn order_months(baseline: &[BaselineMonth]) -> Vec<(chrono::NaiveDate, Decimal)> {
    let start = chrono::NaiveDate::from_ymd_opt(2025, 10, 1).expect("valid date");
    (baseline.iter())
        .filter(|m| m.month >= start)
        .map(|m| (m.month, m.bookings))
        .collect()
}
