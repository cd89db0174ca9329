//! Saving: atomic replace, conflict detection, cleanup on failure.

use crate::common::{other_revision, template_plan, Env};
use salesplan_core::error::ErrorCode;
use salesplan_core::store;
use std::fs;

#[test]
fn save_creates_then_replaces_and_leaves_only_the_plan() {
    let env = Env::new();
    let target = env.path("q4.salesplan");
    let (meta, plan) = template_plan();
    store::save_atomic(&target, &meta, &plan, None, &env.scratch()).unwrap();
    let (meta2, plan2) = other_revision(&meta, &plan, "Q4 v2");
    store::save_atomic(&target, &meta2, &plan2, Some(meta.revision_id), &env.scratch()).unwrap();
    let loaded = store::read_plan_file(&target, &env.scratch()).unwrap();
    assert_eq!((loaded.meta, loaded.plan), (meta2, plan2));
    assert_eq!(
        env.files(),
        ["q4.salesplan"],
        "no temp, journal, -wal or -shm files left"
    );
    crate::common::assert_no_private_copies(&env.scratch());
}

#[cfg(unix)]
#[test]
fn save_keeps_the_files_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let target = env.valid_file("q4.salesplan");
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
    let (meta, plan) = template_plan();
    let (meta2, plan2) = other_revision(&meta, &plan, "v2");
    store::save_atomic(&target, &meta2, &plan2, Some(meta.revision_id), &env.scratch()).unwrap();
    assert_eq!(fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o640);
}

#[test]
fn a_file_replaced_by_someone_else_is_not_overwritten() {
    let env = Env::new();
    let target = env.path("q4.salesplan");
    let (meta, plan) = template_plan();
    store::save_atomic(&target, &meta, &plan, None, &env.scratch()).unwrap();
    // The co-founder's sync drops their revision in place.
    let (theirs_meta, theirs_plan) = other_revision(&meta, &plan, "Their edit");
    let theirs = env.path("theirs.salesplan");
    store::write_plan_file(&theirs, &theirs_meta, &theirs_plan).unwrap();
    fs::rename(&theirs, &target).unwrap();
    let theirs_bytes = fs::read(&target).unwrap();
    // We save over the revision we opened.
    let (mine_meta, mine_plan) = other_revision(&meta, &plan, "My edit");
    let err = store::save_atomic(&target, &mine_meta, &mine_plan, Some(meta.revision_id), &env.scratch()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict, "{err}");
    assert_eq!(err.path(), Some(target.as_path()));
    assert!(err.detail().contains("changed on disk"), "{err}");
    assert_eq!(fs::read(&target).unwrap(), theirs_bytes, "their file is untouched");
    assert_eq!(
        store::read_plan_file(&target, &env.scratch()).unwrap().meta,
        theirs_meta
    );
    assert_eq!(env.files(), ["q4.salesplan"]);
    // Saving over their revision (after a merge) works.
    store::save_atomic(
        &target,
        &mine_meta,
        &mine_plan,
        Some(theirs_meta.revision_id),
        &env.scratch(),
    )
    .unwrap();
}

#[test]
fn a_file_replaced_by_garbage_is_a_conflict_too() {
    let env = Env::new();
    let target = env.valid_file("q4.salesplan");
    fs::write(&target, b"%PDF-1.4 someone saved a PDF here").unwrap();
    let (meta, plan) = template_plan();
    let err = store::save_atomic(&target, &meta, &plan, Some(meta.revision_id), &env.scratch()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict, "{err}");
    assert!(fs::read(&target).unwrap().starts_with(b"%PDF"));
}

#[test]
fn without_an_expected_revision_save_as_replaces() {
    let env = Env::new();
    let target = env.path("q4.salesplan");
    fs::write(&target, b"an old unrelated file the user chose to replace").unwrap();
    let (meta, plan) = template_plan();
    store::save_atomic(&target, &meta, &plan, None, &env.scratch()).unwrap();
    assert_eq!(store::read_plan_file(&target, &env.scratch()).unwrap().plan, plan);
}

#[test]
fn a_deleted_file_is_simply_written_again() {
    let env = Env::new();
    let target = env.valid_file("q4.salesplan");
    fs::remove_file(&target).unwrap();
    let (meta, plan) = template_plan();
    let (meta2, plan2) = other_revision(&meta, &plan, "v2");
    store::save_atomic(&target, &meta2, &plan2, Some(meta.revision_id), &env.scratch()).unwrap();
    assert_eq!(store::read_plan_file(&target, &env.scratch()).unwrap().meta, meta2);
}

#[test]
fn a_failed_save_leaves_the_target_and_no_temp_file() {
    let env = Env::new();
    let target = env.valid_file("q4.salesplan");
    let before = fs::read(&target).unwrap();
    let (meta, mut plan) = template_plan();
    let dup = plan.goals[0].clone();
    plan.goals.push(dup); // the same id twice: refused before anything is written
    let err = store::save_atomic(&target, &meta, &plan, Some(meta.revision_id), &env.scratch()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidValue, "{err}");
    assert_eq!(err.path(), Some(target.as_path()));
    assert_eq!(fs::read(&target).unwrap(), before);
    assert_eq!(env.files(), ["q4.salesplan"]);
}

#[test]
fn saving_onto_a_folder_is_refused() {
    let env = Env::new();
    let target = env.path("folder.salesplan");
    fs::create_dir(&target).unwrap();
    let (meta, plan) = template_plan();
    let err = store::save_atomic(&target, &meta, &plan, None, &env.scratch()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::IsDirectory);
    assert!(target.is_dir());
}

#[test]
fn write_plan_file_refuses_an_existing_path() {
    let env = Env::new();
    let target = env.path("taken.salesplan");
    fs::write(&target, b"mine").unwrap();
    let (meta, plan) = template_plan();
    let err = store::write_plan_file(&target, &meta, &plan).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidArgument, "{err}");
    assert_eq!(fs::read(&target).unwrap(), b"mine");
}

#[test]
fn a_missing_folder_fails_cleanly() {
    let env = Env::new();
    let target = env.path("no/such/folder/q4.salesplan");
    let (meta, plan) = template_plan();
    let err = store::save_atomic(&target, &meta, &plan, None, &env.scratch()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound, "{err}");
    assert_eq!(err.path(), Some(target.as_path()));
    assert!(!env.path("no").exists());
}
