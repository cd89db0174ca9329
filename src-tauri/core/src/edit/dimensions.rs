//! Edits of the dimensions: the org tree, customer tiers, product lines and channels.
//!
//! The rules, each refused with a message and the plan left as it was:
//! - Names are trimmed, must not be empty, must fit on one line, and must differ (ignoring
//!   case) from every sibling's: the other members of a flat dimension, or the members with
//!   the same parent in the org tree (two reps called 张伟 in different teams are fine).
//! - Codes are trimmed, optional (empty clears), one line, unique in their dimension ignoring
//!   case, because imports will match rows to members by code.
//! - The org tree has fixed levels: a region sits under the company (no parent), a team under
//!   a region, a rep under a team. A new member's level follows from its parent; a move keeps
//!   the level, so a team can only move to another region and a rep to another team. Because
//!   a parent is always exactly one level up, a cycle cannot be built (checked anyway).
//! - Removing an org member that still has children is refused rather than removing the whole
//!   subtree: allocations will hang off these members, and losing a region's teams and reps
//!   by one click is too easy to miss, even with undo. Remove or move the children first.

use super::{text, unknown};
use crate::clock::Clock;
use crate::error::{field_id, Error, Result};
use crate::model::{same_name as same, DimensionKind, Dimensions, Member, OrgLevel, OrgMember};
use uuid::Uuid;

/// What the edits need from a member of either kind of list.
trait Node {
    fn id(&self) -> Uuid;
    fn name(&self) -> &str;
    fn set_name(&mut self, name: String);
    fn code(&self) -> Option<&str>;
    fn set_code(&mut self, code: Option<String>);
    fn parent(&self) -> Option<Uuid>;
}

impl Node for Member {
    fn id(&self) -> Uuid {
        self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn set_name(&mut self, name: String) {
        self.name = name;
    }
    fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }
    fn set_code(&mut self, code: Option<String>) {
        self.code = code;
    }
    fn parent(&self) -> Option<Uuid> {
        None
    }
}

impl Node for OrgMember {
    fn id(&self) -> Uuid {
        self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn set_name(&mut self, name: String) {
        self.name = name;
    }
    fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }
    fn set_code(&mut self, code: Option<String>) {
        self.code = code;
    }
    fn parent(&self) -> Option<Uuid> {
        self.parent_id
    }
}

/// Runs `$body` with `$list` bound to the member list of `$kind`.
macro_rules! with_list {
    ($dims:expr, $kind:expr, |$list:ident| $body:expr) => {
        match $kind {
            DimensionKind::Org => {
                let $list = &mut $dims.org;
                $body
            }
            DimensionKind::Tier => {
                let $list = &mut $dims.tiers;
                $body
            }
            DimensionKind::Product => {
                let $list = &mut $dims.products;
                $body
            }
            DimensionKind::Channel => {
                let $list = &mut $dims.channels;
                $body
            }
        }
    };
}

fn one_line(value: &str, what: &str) -> Result<String> {
    let v = text(value.trim(), what)?;
    if v.contains(['\n', '\t']) {
        return Err(Error::invalid(format!("{what}: must fit on one line"))
            .because("text.one_line", &[("field", &field_id(what))]));
    }
    Ok(v)
}

fn member_name(value: &str) -> Result<String> {
    let name = one_line(value, "name")?;
    if name.is_empty() {
        return Err(Error::invalid("name: a member needs a name").because("member.name_empty", &[("field", "name")]));
    }
    Ok(name)
}

/// Refuses `name` if a member with `parent` other than `except` already has it.
fn check_free<T: Node>(list: &[T], parent: Option<Uuid>, name: &str, except: Option<Uuid>) -> Result<()> {
    match list
        .iter()
        .find(|m| m.parent() == parent && Some(m.id()) != except && same(m.name(), name))
    {
        Some(_) => {
            let quoted = crate::money::clip(name);
            Err(Error::invalid(format!(
                "name: \"{quoted}\" is already taken by a member at the same level"
            ))
            .because("member.name_taken", &[("field", "name"), ("value", &quoted)]))
        }
        None => Ok(()),
    }
}

fn index_of<T: Node>(list: &[T], id: Uuid) -> Result<usize> {
    list.iter()
        .position(|m| m.id() == id)
        .ok_or_else(|| unknown("member", id))
}

/// Where a new child of `parent` goes in the list: after its last sibling, else right after
/// the parent (so the list stays close to tree order), else at the end.
fn insert_at<T: Node>(list: &[T], parent: Option<Uuid>) -> usize {
    let last = list.iter().rposition(|m| m.parent() == parent);
    let after_parent = parent.and_then(|p| list.iter().position(|m| m.id() == p));
    last.or(after_parent).map_or(list.len(), |i| i + 1)
}

/// Adds a member (see [`crate::edit::PlanEdit::AddMember`]).
pub(super) fn add(
    dims: &mut Dimensions,
    kind: DimensionKind,
    name: &str,
    parent: Option<Uuid>,
    clock: &dyn Clock,
) -> Result<()> {
    let name = member_name(name)?;
    let Some(list) = dims.flat_mut(kind) else {
        return add_org(&mut dims.org, name, parent, clock);
    };
    if parent.is_some() {
        return Err(Error::invalid(format!(
            "parent: only the org tree has levels; a {} has no parent",
            kind.as_str()
        ))
        .because(
            "member.flat_no_parent",
            &[("field", "parent"), ("dimension", kind.as_str())],
        ));
    }
    check_free(list, None, &name, None)?;
    list.push(Member {
        id: clock.new_id(),
        name,
        code: None,
    });
    Ok(())
}

fn add_org(org: &mut Vec<OrgMember>, name: String, parent: Option<Uuid>, clock: &dyn Clock) -> Result<()> {
    let level = match parent {
        None => OrgLevel::Region,
        Some(p) => {
            let p = org.iter().find(|m| m.id == p).ok_or_else(|| unknown("parent", p))?;
            p.level.child_level().ok_or_else(|| {
                Error::invalid("parent: a rep is the last level of the org tree and cannot have members")
                    .because("member.rep_no_children", &[("field", "parent")])
            })?
        }
    };
    check_free(org, parent, &name, None)?;
    let at = insert_at(org, parent);
    org.insert(
        at,
        OrgMember {
            id: clock.new_id(),
            name,
            code: None,
            level,
            parent_id: parent,
        },
    );
    Ok(())
}

/// Renames a member.
pub(super) fn rename(dims: &mut Dimensions, kind: DimensionKind, id: Uuid, name: &str) -> Result<()> {
    let name = member_name(name)?;
    with_list!(dims, kind, |list| {
        let i = index_of(list, id)?;
        check_free(list, list[i].parent(), &name, Some(id))?;
        list[i].set_name(name);
        Ok(())
    })
}

/// Sets or clears a member's code.
pub(super) fn set_code(dims: &mut Dimensions, kind: DimensionKind, id: Uuid, code: &str) -> Result<()> {
    let code = one_line(code, "code")?;
    with_list!(dims, kind, |list| {
        let i = index_of(list, id)?;
        if !code.is_empty()
            && list
                .iter()
                .any(|m| m.id() != id && m.code().is_some_and(|c| same(c, &code)))
        {
            let quoted = crate::money::clip(&code);
            return Err(
                Error::invalid(format!("code: \"{quoted}\" is already used in this dimension"))
                    .because("member.code_taken", &[("field", "code"), ("value", &quoted)]),
            );
        }
        list[i].set_code((!code.is_empty()).then_some(code));
        Ok(())
    })
}

/// Moves a team to another region or a rep to another team.
pub(super) fn move_org(dims: &mut Dimensions, id: Uuid, parent: Uuid) -> Result<()> {
    let org = &mut dims.org;
    let i = index_of(org, id)?;
    let member = &org[i];
    let target = org
        .iter()
        .find(|m| m.id == parent)
        .ok_or_else(|| unknown("parent", parent))?;
    match member.level.parent_level() {
        None => {
            return Err(Error::invalid(
                "parent: a region sits directly under the company and cannot be moved under another member",
            )
            .because("member.region_fixed", &[("field", "parent")]))
        }
        Some(level) if target.level != level => {
            return Err(Error::invalid(format!(
                "parent: a {} must sit under a {}, not under a {}",
                member.level.as_str(),
                level.as_str(),
                target.level.as_str()
            ))
            .because(
                "member.wrong_level",
                &[
                    ("field", "parent"),
                    ("level", member.level.as_str()),
                    ("parent_level", level.as_str()),
                    ("target_level", target.level.as_str()),
                ],
            ))
        }
        Some(_) => {}
    }
    // Unreachable with fixed levels, but a move must never make a member its own ancestor.
    let mut up = Some(parent);
    while let Some(a) = up {
        if a == id {
            return Err(Error::invalid("parent: a member cannot move under itself")
                .because("member.move_into_self", &[("field", "parent")]));
        }
        up = org.iter().find(|m| m.id == a).and_then(|m| m.parent_id);
    }
    if member.parent_id == Some(parent) {
        return Ok(());
    }
    check_free(org, Some(parent), &member.name, Some(id))?;
    let mut member = org.remove(i);
    member.parent_id = Some(parent);
    let at = insert_at(org, Some(parent));
    org.insert(at, member);
    Ok(())
}

/// Moves a member to `index` among its siblings (clamped to the last place).
pub(super) fn reorder(dims: &mut Dimensions, kind: DimensionKind, id: Uuid, index: usize) -> Result<()> {
    with_list!(dims, kind, |list| {
        let from = index_of(list, id)?;
        let member = list.remove(from);
        let siblings: Vec<usize> = (0..list.len())
            .filter(|&j| list[j].parent() == member.parent())
            .collect();
        let at = match (siblings.get(index), siblings.last()) {
            (Some(&j), _) => j,
            (None, Some(&last)) => last + 1,
            (None, None) => from,
        };
        list.insert(at, member);
        Ok(())
    })
}

/// Removes a member; an org member with children is refused.
pub(super) fn remove(dims: &mut Dimensions, kind: DimensionKind, id: Uuid) -> Result<()> {
    if kind == DimensionKind::Org {
        let children = dims.org.iter().filter(|m| m.parent_id == Some(id)).count();
        if children > 0 {
            return Err(Error::invalid(format!(
                "this member still has {children} member(s) under it; remove or move them first"
            ))
            .because("member.has_children", &[("count", &children.to_string())]));
        }
    }
    with_list!(dims, kind, |list| {
        let i = index_of(list, id)?;
        list.remove(i);
        Ok(())
    })
}

#[cfg(test)]
#[path = "dimensions_tests.rs"]
mod tests;
