//! No permission, read-only media, a full disk.
//!
//! The suite often runs as root (CI containers), where permission bits stop nothing. Then the
//! permission checks re-run this binary as user `nobody` (uid 65534); read-only media and a
//! full disk are real tmpfs mounts. When neither is possible (not root, or no mount rights),
//! the mount tests say so on stderr and pass; the error mapping they would reach is covered by
//! unit tests in `store/mod.rs` and `store/write.rs`.

use crate::common::{is_root, other_revision, spawn_child, template_plan, Env};
use salesplan_core::error::ErrorCode;
use salesplan_core::store;
use std::fs;
use std::path::Path;

const PERMISSION_ENV: &str = "SALESPLAN_TEST_PERMISSION_CHILD";

/// The permission checks proper; they need a user that permission bits apply to.
#[cfg(unix)]
fn permission_cases() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path, m: u32| fs::set_permissions(p, fs::Permissions::from_mode(m)).unwrap();
    let env = Env::new();
    let (meta, plan) = template_plan();

    // An unreadable file.
    let secret = env.valid_file("secret.salesplan");
    mode(&secret, 0o000);
    let err = env.expect_err(&secret, ErrorCode::PermissionDenied);
    assert!(err.detail().contains("permission denied"), "{err}");

    // A file in a folder we may not enter; nothing gets created there.
    let locked = env.path("locked");
    fs::create_dir(&locked).unwrap();
    mode(&locked, 0o000);
    env.expect_err(&locked.join("q4.salesplan"), ErrorCode::PermissionDenied);
    mode(&locked, 0o755);
    assert_eq!(
        fs::read_dir(&locked).unwrap().count(),
        0,
        "a failed open created a file"
    );

    // A read-only folder: saving fails, the file and the folder are as they were.
    let ro = env.path("ro");
    fs::create_dir(&ro).unwrap();
    let target = ro.join("q4.salesplan");
    store::write_plan_file(&target, &meta, &plan).unwrap();
    let before = fs::read(&target).unwrap();
    mode(&ro, 0o555);
    let (meta2, plan2) = other_revision(&meta, &plan, "v2");
    let err = store::save_atomic(&target, &meta2, &plan2, Some(meta.revision_id), &env.scratch()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::PermissionDenied, "{err}");
    assert_eq!(err.path(), Some(target.as_path()));
    assert_eq!(fs::read(&target).unwrap(), before);
    let err = store::write_plan_file(&ro.join("new.salesplan"), &meta, &plan).unwrap_err();
    assert_eq!(err.code(), ErrorCode::PermissionDenied, "{err}");
    assert_eq!(fs::read_dir(&ro).unwrap().count(), 1, "only the original file is there");
    // But a read-only folder can still be read from.
    assert_eq!(store::read_plan_file(&target, &env.scratch()).unwrap().plan, plan);
    mode(&ro, 0o755);
}

#[cfg(unix)]
#[test]
fn no_permission_is_permission_denied_and_creates_nothing() {
    if !is_root() {
        return permission_cases();
    }
    use std::os::unix::process::CommandExt;
    let spawned = spawn_child("media::permission_child", &[(PERMISSION_ENV, "1")], |cmd| {
        cmd.uid(65534).gid(65534);
    });
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) => {
            return eprintln!("skipped: cannot run as an unprivileged user ({e}); see unit tests for the mapping")
        }
    };
    let _ = std::io::copy(child.stdout.as_mut().unwrap(), &mut std::io::stderr());
    let status = child.wait().unwrap();
    assert!(
        status.success(),
        "the permission checks failed as user nobody: {status}"
    );
}

/// Runs [`permission_cases`] as user `nobody` when the parent runs as root.
#[cfg(unix)]
#[test]
#[ignore = "child process of no_permission_is_permission_denied_and_creates_nothing"]
fn permission_child() {
    if std::env::var_os(PERMISSION_ENV).is_some() {
        assert!(!is_root(), "the child must not run as root");
        permission_cases();
        println!("permission checks passed");
    }
}

/// A tmpfs mounted on a folder for the life of the value (Linux, root only).
#[cfg(target_os = "linux")]
struct Tmpfs {
    dir: std::ffi::CString,
}

#[cfg(target_os = "linux")]
impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        use std::ffi::CString;
        if !is_root() {
            return None;
        }
        let dir = CString::new(dir.to_str()?).ok()?;
        let data = CString::new(format!("size={size},mode=0755")).ok()?;
        // SAFETY: valid NUL-terminated strings; the mount is undone in Drop.
        let rc = unsafe {
            libc::mount(
                c"tmpfs".as_ptr(),
                dir.as_ptr(),
                c"tmpfs".as_ptr(),
                0,
                data.as_ptr().cast(),
            )
        };
        (rc == 0).then_some(Tmpfs { dir })
    }

    fn make_read_only(&self) {
        // SAFETY: as above; remounting an existing tmpfs read-only.
        let rc = unsafe {
            libc::mount(
                std::ptr::null(),
                self.dir.as_ptr(),
                std::ptr::null(),
                libc::MS_REMOUNT | libc::MS_RDONLY,
                std::ptr::null(),
            )
        };
        assert_eq!(rc, 0, "remount read-only: {}", std::io::Error::last_os_error());
    }
}

#[cfg(target_os = "linux")]
impl Drop for Tmpfs {
    fn drop(&mut self) {
        // SAFETY: unmounting the folder we mounted.
        unsafe { libc::umount2(self.dir.as_ptr(), libc::MNT_DETACH) };
    }
}

#[cfg(target_os = "linux")]
#[test]
fn read_only_media_opens_but_does_not_save() {
    let env = Env::new();
    let media = env.path("usb");
    fs::create_dir(&media).unwrap();
    let Some(mount) = Tmpfs::mount(&media, "4m") else {
        return eprintln!("skipped: cannot mount a tmpfs here (needs root)");
    };
    let target = media.join("q4.salesplan");
    let (meta, plan) = template_plan();
    store::write_plan_file(&target, &meta, &plan).unwrap();
    mount.make_read_only();
    // Opening never writes beside the file, so a plan on a read-only stick opens.
    let loaded = store::read_plan_file(&target, &env.scratch()).unwrap();
    assert_eq!(loaded.plan, plan);
    let (meta2, plan2) = other_revision(&meta, &plan, "v2");
    let err = store::save_atomic(&target, &meta2, &plan2, Some(meta.revision_id), &env.scratch()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::PermissionDenied, "{err}");
    assert_eq!(err.path(), Some(target.as_path()));
    assert_eq!(store::read_plan_file(&target, &env.scratch()).unwrap().meta, meta);
    drop(mount);
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_disk_full_and_the_old_file_survives() {
    use std::io::Write;
    let env = Env::new();
    let disk = env.path("disk");
    fs::create_dir(&disk).unwrap();
    let Some(mount) = Tmpfs::mount(&disk, "512k") else {
        return eprintln!("skipped: cannot mount a tmpfs here (needs root)");
    };
    let target = disk.join("q4.salesplan");
    let (meta, plan) = template_plan();
    store::write_plan_file(&target, &meta, &plan).unwrap();
    let before = fs::read(&target).unwrap();
    let filler = disk.join("filler");
    let mut f = fs::File::create(&filler).unwrap();
    while f.write_all(&[0u8; 4096]).is_ok() {}
    drop(f);

    let (meta2, plan2) = other_revision(&meta, &plan, "v2");
    let err = store::save_atomic(&target, &meta2, &plan2, Some(meta.revision_id), &env.scratch()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::DiskFull, "{err}");
    assert_eq!(err.path(), Some(target.as_path()));
    assert_eq!(fs::read(&target).unwrap(), before, "the old file is intact");
    let mut left: Vec<_> = fs::read_dir(&disk).unwrap().map(|e| e.unwrap().file_name()).collect();
    left.sort();
    assert_eq!(left, ["filler", "q4.salesplan"], "no temp file left behind");

    // Once there is room again, the same save works.
    fs::remove_file(&filler).unwrap();
    store::save_atomic(&target, &meta2, &plan2, Some(meta.revision_id), &env.scratch()).unwrap();
    assert_eq!(store::read_plan_file(&target, &env.scratch()).unwrap().meta, meta2);
    drop(mount);
}
