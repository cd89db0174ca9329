use super::*;

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

const ORDERS: [FieldSpec; 7] = [
    FieldSpec::required(Field::Customer),
    FieldSpec::required(Field::Date),
    FieldSpec::required(Field::Amount),
    FieldSpec::optional(Field::OrderId),
    FieldSpec::optional(Field::Product),
    FieldSpec::optional(Field::Channel),
    FieldSpec::optional(Field::Region),
];

const BASELINE: [FieldSpec; 3] = [
    FieldSpec::required(Field::Month),
    FieldSpec::required(Field::Bookings),
    FieldSpec::optional(Field::CashIn),
];

/// The (field id, column) pairs of a mapping.
fn pairs(m: &Mapping) -> Vec<(&'static str, usize)> {
    m.fields.iter().map(|f| (f.field.id(), f.column as usize)).collect()
}

fn overrides(texts: &[&str]) -> Vec<ColumnOverride> {
    texts.iter().map(|t| ColumnOverride::parse(t).unwrap()).collect()
}

/// The reason key and params of a refused mapping.
fn refused(r: Result<Mapping, Error>) -> (String, std::collections::BTreeMap<String, String>) {
    let e = r.unwrap_err();
    let reason = e.reason().expect("a reason").clone();
    (reason.key, reason.params)
}

#[test]
fn guesses_chinese_order_headers() {
    let h = headers(&[
        "订单编号",
        "下单日期",
        "客户名称",
        "产品线",
        "订单金额（元）",
        "渠道",
        "大区",
    ]);
    let m = guess_mapping(&h, &ORDERS).unwrap();
    assert_eq!(
        pairs(&m),
        [
            ("customer", 2),
            ("date", 1),
            ("amount", 4),
            ("order_id", 0),
            ("product", 3),
            ("channel", 5),
            ("region", 6)
        ]
    );
    assert!(m.fields.iter().all(|f| f.guessed));
    assert_eq!(m.header(Field::Amount), Some("订单金额（元）"));
}

#[test]
fn guesses_english_headers_in_any_case_and_spacing() {
    let h = headers(&[
        "Order No.",
        "ORDER DATE",
        "client",
        "Revenue",
        "sales_channel",
        "Ｒｅｇｉｏｎ",
        "Notes",
    ]);
    let m = guess_mapping(&h, &ORDERS).unwrap();
    assert_eq!(
        pairs(&m),
        [
            ("customer", 2),
            ("date", 1),
            ("amount", 3),
            ("order_id", 0),
            ("channel", 4),
            ("region", 5)
        ]
    );
    assert_eq!(m.column(Field::Product), None);
}

#[test]
fn every_listed_synonym_maps_to_its_field() {
    for (header, field) in [
        ("客户", Field::Customer),
        ("客户编号", Field::Customer),
        ("Customer", Field::Customer),
        ("日期", Field::Date),
        ("订单日期", Field::Date),
        ("Date", Field::Date),
        ("金额", Field::Amount),
        ("实收金额", Field::Amount),
        ("销售额", Field::Amount),
        ("amount", Field::Amount),
        ("订单号", Field::OrderId),
        ("Order ID", Field::OrderId),
        ("产品", Field::Product),
        ("product", Field::Product),
        ("渠道", Field::Channel),
        ("区域", Field::Region),
    ] {
        let m = guess_mapping(&headers(&[header]), &ORDERS.map(|s| FieldSpec::optional(s.field))).unwrap();
        assert_eq!(m.column(field), Some(0), "{header}");
    }
}

#[test]
fn sales_means_bookings_in_the_baseline_and_amount_in_orders() {
    let h = headers(&["月份", "销售额", "回款额"]);
    let m = guess_mapping(&h, &BASELINE).unwrap();
    assert_eq!(pairs(&m), [("month", 0), ("bookings", 1), ("cash_in", 2)]);
    let h = headers(&["Month", "Bookings", "Cash in"]);
    assert_eq!(
        pairs(&guess_mapping(&h, &BASELINE).unwrap()),
        [("month", 0), ("bookings", 1), ("cash_in", 2)]
    );
    for cash in ["回款", "进账", "collections", "Cash_In"] {
        let m = guess_mapping(&headers(&["月", "签约额", cash]), &BASELINE).unwrap();
        assert_eq!(m.column(Field::CashIn), Some(2), "{cash}");
    }
    let m = guess_mapping(&headers(&["客户", "日期", "销售额"]), &ORDERS).unwrap();
    assert_eq!(m.column(Field::Amount), Some(2));
}

#[test]
fn overrides_by_name_number_and_letter_win_over_guesses() {
    let h = headers(&["订单金额", "实付金额", "客户", "日期", "备注"]);
    let (key, p) = refused(guess_mapping(&h, &ORDERS));
    assert_eq!(key, "mapping.ambiguous");
    assert_eq!(
        (p["field"].as_str(), p["first"].as_str(), p["second"].as_str()),
        ("amount", "订单金额", "实付金额")
    );
    for pick in [
        "实付金额=amount",
        "2=amount",
        "B=amount",
        "b=Amount",
        " 实付金额 = amount ",
    ] {
        let m = map_columns(&h, &ORDERS, &overrides(&[pick])).unwrap();
        assert_eq!(m.column(Field::Amount), Some(1), "{pick}");
        assert!(!m.fields.iter().find(|f| f.field == Field::Amount).unwrap().guessed);
        assert_eq!(m.column(Field::Customer), Some(2), "{pick}");
    }
    // An override moves a field away from the column its header suggests.
    let m = map_columns(&h, &ORDERS, &overrides(&["E=customer", "A=amount"])).unwrap();
    assert_eq!((m.column(Field::Customer), m.column(Field::Amount)), (Some(4), Some(0)));
}

#[test]
fn refuses_bad_overrides_naming_what_is_wrong() {
    let h = headers(&["客户", "日期", "金额", "金额"]);
    let bad = ColumnOverride::parse("amount").unwrap_err();
    assert_eq!(bad.reason().unwrap().key, "mapping.bad_override");
    let bad = ColumnOverride::parse("C=price").unwrap_err();
    assert_eq!(bad.reason().unwrap().key, "mapping.unknown_field");
    assert_eq!(bad.reason().unwrap().params["field"], "price");
    assert!(bad.to_string().contains("price"), "{bad}");
    for (texts, key, param) in [
        (&["Z=amount"][..], "mapping.unknown_column", ("column", "Z")),
        (&["0=amount"], "mapping.unknown_column", ("column", "0")),
        (&["5=amount"], "mapping.unknown_column", ("column", "5")),
        (&["单价=amount"], "mapping.unknown_column", ("column", "单价")),
        (&["金额=amount"], "mapping.duplicate_header", ("column", "金额")),
        (
            &["C=amount", "D=amount"],
            "mapping.duplicate_field",
            ("field", "amount"),
        ),
        (&["C=amount", "C=customer"], "mapping.column_twice", ("column", "金额")),
        (&["A=month"], "mapping.unknown_field", ("field", "month")),
    ] {
        let (k, p) = refused(map_columns(&h, &ORDERS, &overrides(texts)));
        assert_eq!(k, key, "{texts:?}");
        assert_eq!(p[param.0], param.1, "{texts:?}");
    }
    // A header containing '=' can still be named: the split is at the last '='.
    let h = headers(&["a=b", "日期", "客户", "金额"]);
    assert_eq!(ColumnOverride::parse("a=b=order_id").unwrap().column, "a=b");
    let m = map_columns(&h, &ORDERS, &overrides(&["a=b=order_id"])).unwrap();
    assert_eq!(m.column(Field::OrderId), Some(0));
}

#[test]
fn a_required_field_without_a_column_is_named() {
    let (key, p) = refused(guess_mapping(&headers(&["客户", "金额", "备注"]), &ORDERS));
    assert_eq!(key, "mapping.required_missing");
    assert_eq!(p["field"], "date");
    // Optional fields may stay unmapped.
    let m = guess_mapping(&headers(&["客户", "金额", "日期"]), &ORDERS).unwrap();
    assert_eq!(m.fields.len(), 3);
}

#[test]
fn headers_match_whole_synonyms_only() {
    let h = headers(&["客户", "日期", "优惠金额", "金额说明"]);
    let (key, p) = refused(guess_mapping(&h, &ORDERS));
    assert_eq!(
        (key.as_str(), p["field"].as_str()),
        ("mapping.required_missing", "amount")
    );
}

#[test]
fn column_letters_count_like_a_spreadsheet() {
    for (i, letters) in [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")] {
        assert_eq!(column_letter(i), letters);
    }
    let mut h = headers(&["x"; 30]);
    h[27] = "金额".into();
    h[0] = "客户".into();
    h[1] = "日期".into();
    let m = map_columns(&h, &ORDERS, &overrides(&["AB=amount"])).unwrap();
    assert_eq!(m.column(Field::Amount), Some(27));
    // An empty header is shown by its letter.
    let h = headers(&["客户", "日期", ""]);
    let m = map_columns(&h, &ORDERS, &overrides(&["C=amount"])).unwrap();
    assert_eq!(m.header(Field::Amount), Some("C"));
}

#[test]
fn field_ids_round_trip() {
    for f in Field::ALL {
        assert_eq!(Field::from_id(f.id()), Some(f));
    }
    assert_eq!(Field::from_id("Cash-In"), Some(Field::CashIn));
    assert_eq!(Field::from_id("cash"), None);
}

#[test]
fn a_column_is_named_by_its_header_unless_that_could_mean_another_column() {
    let headers: Vec<String> = ["客户", "金额", "金额", "", "B", "2024", "Summe"]
        .map(String::from)
        .into();
    let refs: Vec<String> = (0..headers.len()).map(|i| column_ref(&headers, i)).collect();
    // Unique headers name themselves; a repeated, empty, letter-like or number-like header
    // gives the column letter instead, or its number when a header is that letter (B).
    assert_eq!(refs, ["客户", "2", "C", "D", "E", "F", "Summe"]);
    // Every ref names its own column here, and a header ref names that header's column in a
    // table laid out differently.
    for (i, r) in refs.iter().enumerate() {
        assert_eq!(resolve_column(&headers, r).unwrap(), i, "{r}");
    }
    let other: Vec<String> = ["Summe", "客户"].map(String::from).into();
    assert_eq!(resolve_column(&other, &refs[6]).unwrap(), 0);
    assert_eq!(resolve_column(&other, &refs[0]).unwrap(), 1);
}
