//! Importing dimension members as one edit: each imported member is found by name (ignoring
//! case) under its parent or added there, then given its code. The rules of single-member
//! edits (`dimensions.rs`) apply to every step, so an import cannot build what typing could
//! not; the first refusal undoes the whole import.
//!
//! A flat dimension's member is one name. An org member is a path of up to three names —
//! region, team, rep — and every missing level on the path is created (a row "华东区, 上海团队,
//! 张伟" adds whichever of the three is not there yet).

use super::dimensions;
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::model::{same_name, DimensionKind, Dimensions};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// The most members one import may bring.
pub const MAX_IMPORTED_MEMBERS: usize = 10_000;

/// One member to import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ImportedMember {
    /// The names from the top: one for a flat dimension, region [, team [, rep]] for the org.
    pub path: Vec<String>,
    /// The code of the last member of the path, if given.
    pub code: Option<String>,
}

/// Finds or adds every member; see the module docs.
pub(crate) fn import(
    dims: &mut Dimensions,
    kind: DimensionKind,
    members: &[ImportedMember],
    clock: &dyn Clock,
) -> Result<()> {
    if members.len() > MAX_IMPORTED_MEMBERS {
        return Err(Error::invalid(format!(
            "at most {MAX_IMPORTED_MEMBERS} members can be imported at once"
        )));
    }
    for m in members {
        let deepest = import_one(dims, kind, m, clock)?;
        if let Some(code) = m.code.as_deref().filter(|c| !c.trim().is_empty()) {
            if code_of(dims, kind, deepest).is_none_or(|old| !same_name(&old, code)) {
                dimensions::set_code(dims, kind, deepest, code)?;
            }
        }
    }
    Ok(())
}

fn import_one(dims: &mut Dimensions, kind: DimensionKind, m: &ImportedMember, clock: &dyn Clock) -> Result<Uuid> {
    let max_depth = if kind == DimensionKind::Org { 3 } else { 1 };
    if m.path.is_empty() || m.path.len() > max_depth {
        return Err(Error::invalid(format!(
            "an imported {} member needs 1 to {max_depth} names",
            kind.as_str()
        )));
    }
    let mut parent = None;
    for name in &m.path {
        let found = find(dims, kind, parent, name);
        let id = match found {
            Some(id) => id,
            None => {
                dimensions::add(dims, kind, name, parent, clock)?;
                find(dims, kind, parent, name).ok_or_else(|| Error::invalid("the member just added was not found"))?
            }
        };
        parent = (kind == DimensionKind::Org).then_some(id);
        if kind != DimensionKind::Org {
            return Ok(id);
        }
    }
    parent.ok_or_else(|| Error::invalid("empty member path"))
}

/// The member called `name` (ignoring case) under `parent` (org) or in the list (flat).
fn find(dims: &Dimensions, kind: DimensionKind, parent: Option<Uuid>, name: &str) -> Option<Uuid> {
    match dims.flat(kind) {
        Some(list) => list.iter().find(|m| same_name(&m.name, name)).map(|m| m.id),
        None => (dims.org.iter())
            .find(|m| m.parent_id == parent && same_name(&m.name, name))
            .map(|m| m.id),
    }
}

fn code_of(dims: &Dimensions, kind: DimensionKind, id: Uuid) -> Option<String> {
    match dims.flat(kind) {
        Some(list) => list.iter().find(|m| m.id == id).and_then(|m| m.code.clone()),
        None => dims.org.iter().find(|m| m.id == id).and_then(|m| m.code.clone()),
    }
}
