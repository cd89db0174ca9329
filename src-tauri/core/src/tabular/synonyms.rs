//! Header synonyms per field, and the normalization headers are compared under.

use super::mapping::Field;

/// Normalized synonyms per field, tried in this order: a header that names two fields (such
/// as `销售额`) goes to the first of them the import wants, so bookings come before amount.
const SYNONYMS: [(Field, &[&str]); 15] = [
    (
        Field::Customer,
        &[
            "customer",
            "customername",
            "customerid",
            "customerno",
            "customercode",
            "client",
            "clientname",
            "clientid",
            "buyer",
            "客户",
            "客户名称",
            "客户名",
            "客户编号",
            "客户代码",
            "客户id",
            "客户号",
            "顾客",
            "买家",
            "会员",
            "客戶",
            "客戶名稱",
        ],
    ),
    (
        Field::Date,
        &[
            "date",
            "orderdate",
            "orderdatetime",
            "transactiondate",
            "purchasedate",
            "invoicedate",
            "日期",
            "下单日期",
            "订单日期",
            "下单时间",
            "订单时间",
            "交易日期",
            "交易时间",
            "成交日期",
            "付款日期",
            "訂單日期",
        ],
    ),
    (
        Field::OrderId,
        &[
            "orderid",
            "orderno",
            "ordernumber",
            "order",
            "ordercode",
            "invoiceno",
            "invoicenumber",
            "订单号",
            "订单编号",
            "订单id",
            "订单号码",
            "单号",
            "订单",
            "訂單號",
            "訂單編號",
        ],
    ),
    (
        Field::Product,
        &[
            "product",
            "productline",
            "productname",
            "item",
            "sku",
            "产品",
            "产品线",
            "产品名称",
            "商品",
            "商品名称",
            "品类",
            "產品",
        ],
    ),
    (
        Field::Channel,
        &["channel", "saleschannel", "渠道", "销售渠道", "渠道名称"],
    ),
    (
        Field::Region,
        &[
            "region",
            "area",
            "territory",
            "salesregion",
            "区域",
            "大区",
            "地区",
            "销售区域",
            "區域",
        ],
    ),
    (
        Field::Team,
        &["team", "salesteam", "group", "团队", "小组", "销售团队", "部门", "組別"],
    ),
    (
        Field::Rep,
        &[
            "rep",
            "salesrep",
            "salesperson",
            "seller",
            "accountmanager",
            "销售",
            "销售代表",
            "销售员",
            "业务员",
            "客户经理",
            "负责人",
            "業務員",
        ],
    ),
    (Field::Name, &["name", "membername", "名称", "名字", "成员", "成员名称"]),
    (Field::Code, &["code", "membercode", "编码", "代码", "编号", "代号"]),
    (
        Field::Tier,
        &[
            "tier",
            "customertier",
            "segment",
            "customersegment",
            "customerlevel",
            "客户等级",
            "客户分级",
            "客户级别",
            "客户层级",
            "等级",
            "分级",
        ],
    ),
    (
        Field::Month,
        &["month", "period", "yearmonth", "月份", "年月", "期间", "月"],
    ),
    (
        Field::Bookings,
        &[
            "bookings",
            "booking",
            "sales",
            "salesamount",
            "revenue",
            "contractvalue",
            "销售额",
            "签约额",
            "签约金额",
            "合同额",
            "合同金额",
            "銷售額",
        ],
    ),
    (
        Field::CashIn,
        &[
            "cashin",
            "collections",
            "collection",
            "cashreceived",
            "receipts",
            "回款",
            "进账",
            "回款额",
            "回款金额",
            "收款",
            "收款额",
            "收款金额",
            "到账金额",
        ],
    ),
    (
        Field::Amount,
        &[
            "amount",
            "orderamount",
            "revenue",
            "sales",
            "salesamount",
            "total",
            "ordertotal",
            "金额",
            "订单金额",
            "销售额",
            "销售金额",
            "实收金额",
            "实付金额",
            "成交金额",
            "交易金额",
            "付款金额",
            "支付金额",
            "金額",
            "訂單金額",
            "銷售額",
        ],
    ),
];

/// The first of `fields` whose synonyms contain the normalized `header`.
pub(super) fn field_of(header: &str, fields: &[Field]) -> Option<Field> {
    let h = normalize(header);
    if h.is_empty() {
        return None;
    }
    SYNONYMS
        .iter()
        .find(|(field, words)| fields.contains(field) && words.contains(&h.as_str()))
        .map(|(field, _)| *field)
}

/// A header as compared with synonyms: full-width forms folded to ASCII, ASCII lowercased,
/// spaces and `_ - . * # : /` dropped, and a trailing bracketed unit (`(元)`, `（CNY）`,
/// `[USD]`, `【元】`) removed.
pub(super) fn normalize(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    for c in header.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '【' => '[',
            '】' => ']',
            _ => c,
        };
        if c.is_whitespace() || matches!(c, '_' | '-' | '.' | '*' | '#' | ':' | '/' | '·') {
            continue;
        }
        out.push(c.to_ascii_lowercase());
    }
    for (open, close) in [('(', ')'), ('[', ']')] {
        if out.ends_with(close) {
            if let Some(start) = out.rfind(open).filter(|&i| i > 0) {
                out.truncate(start);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_normalized_and_has_no_repeats_within_a_field() {
        for (field, words) in SYNONYMS {
            for (i, w) in words.iter().enumerate() {
                assert_eq!(normalize(w), *w, "{field:?}: {w}");
                assert!(!words[..i].contains(w), "{field:?}: {w} twice");
            }
            assert!(
                words.contains(&normalize(field.id()).as_str()),
                "{field:?} lacks its own id"
            );
        }
        assert_eq!(SYNONYMS.len(), Field::ALL.len());
    }

    #[test]
    fn normalizes_case_space_fullwidth_and_units() {
        for (raw, want) in [
            ("Order ID", "orderid"),
            ("order_no.", "orderno"),
            ("ＣＵＳＴＯＭＥＲ", "customer"),
            (" 客户\u{3000}名称 ", "客户名称"),
            ("金额（元）", "金额"),
            ("Amount (CNY)", "amount"),
            ("回款额【元】", "回款额"),
            ("*客户", "客户"),
            ("(元)", "(元)"),
        ] {
            assert_eq!(normalize(raw), want, "{raw:?}");
        }
    }
}
