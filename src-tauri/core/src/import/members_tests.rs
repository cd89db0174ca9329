//! Member imports: the org tree from region/team/rep columns, flat lists with codes, and rows
//! the member rules refuse reported with their row numbers.

use super::*;
use crate::clock::FixedClock;
use crate::import::progress::unwatched;
use crate::model::OrgLevel;
use crate::test_support::clock;

fn plan(c: &FixedClock) -> Plan {
    crate::test_support::template_plan("zh-CN", c)
}

/// Reads `csv` (written to a temporary file) as members of `dimension`.
fn read_csv(
    p: &Plan,
    dimension: DimensionKind,
    csv: &str,
    overrides: &[ColumnOverride],
    c: &FixedClock,
) -> MembersImport {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("members.csv");
    std::fs::write(&path, csv).unwrap();
    read(p, dimension, &path, overrides, c, unwatched()).unwrap()
}

#[test]
fn org_rows_add_the_missing_levels_and_find_the_rest() {
    // 华东区/上海团队 exist; 新人 is a new rep there; 西南区/成都团队/李雷 are all new (3 members).
    let c = clock();
    let p = plan(&c);
    let csv = "区域,团队,销售\n华东区,上海团队,新人\n西南区,成都团队,李雷\n华东区,,\n";
    let import = read_csv(&p, DimensionKind::Org, csv, &[], &c);
    assert!(import.rejected.is_empty(), "{:?}", import.rejected);
    assert_eq!(import.members.len(), 3);
    assert_eq!(import.added, 4);
    let mut after = p.clone();
    crate::edit::apply(&mut after, &import.edit(), &c).unwrap();
    let org = &after.dimensions.org;
    let southwest = org.iter().find(|m| m.name == "西南区").unwrap();
    assert_eq!(southwest.level, OrgLevel::Region);
    let chengdu = org.iter().find(|m| m.name == "成都团队").unwrap();
    assert_eq!(chengdu.parent_id, Some(southwest.id));
    let rep = org.iter().find(|m| m.name == "李雷").unwrap();
    assert_eq!((rep.level, rep.parent_id), (OrgLevel::Rep, Some(chengdu.id)));
    assert_eq!(org.len(), p.dimensions.org.len() + 4);
}

#[test]
fn flat_members_by_their_own_header_with_codes() {
    // 耗材 exists (code CON) and keeps its id; 配件 is new with code ACC.
    let c = clock();
    let p = plan(&c);
    let csv = "产品,编码\n耗材,CON\n配件,ACC\n";
    let import = read_csv(&p, DimensionKind::Product, csv, &[], &c);
    assert!(import.rejected.is_empty(), "{:?}", import.rejected);
    assert_eq!(import.added, 1);
    let mut after = p.clone();
    crate::edit::apply(&mut after, &import.edit(), &c).unwrap();
    let products = &after.dimensions.products;
    assert_eq!(
        products.iter().find(|m| m.name == "耗材").unwrap().id,
        p.dimensions.products[1].id
    );
    assert_eq!(products.last().unwrap().code.as_deref(), Some("ACC"));
}

#[test]
fn rows_the_member_rules_refuse_are_named() {
    // Row 3 takes the code of 智能设备 (DEV); row 4 has no name; nothing is imported.
    let c = clock();
    let p = plan(&c);
    let csv = "name,code\n配件,ACC\n服务包,dev\n,X\n";
    let import = read_csv(&p, DimensionKind::Product, csv, &[], &c);
    let found: Vec<(u64, &str)> = import
        .rejected
        .rows
        .iter()
        .map(|r| (r.row, r.reason.key.as_str()))
        .collect();
    assert_eq!(found, [(3, "member.code_taken"), (4, "cell.missing")]);
    assert!(import.ready(std::path::Path::new("p.csv")).is_err());
}

#[test]
fn a_table_without_a_name_column_asks_for_one() {
    let c = clock();
    let p = plan(&c);
    let import = read_csv(&p, DimensionKind::Channel, "x,y\n1,2\n", &[], &c);
    assert_eq!(import.missing, [Field::Name]);
    assert!(import.members.is_empty());
    let over = [ColumnOverride::parse("A=name").unwrap()];
    let import = read_csv(&p, DimensionKind::Channel, "x,y\n直播,2\n", &over, &c);
    assert_eq!(
        (import.added, import.members[0].path.clone()),
        (1, vec!["直播".to_string()])
    );
}
