//! Exporting to a file: the default name, private mode, atomic writes, no
//! overwrite without force, nothing left behind on failure.

mod common;

use common::fixture::*;
use tafel::domain::Lang;
use tafel::export::{self, ExportFormat};
use tafel::store::Store;
use tempfile::TempDir;

#[cfg(unix)]
fn mode(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn export_to_file_is_private_atomic_and_refuses_to_overwrite() {
    let mut store = Store::open_in_memory().unwrap();
    let session = fixture(&mut store, Lang::Nl);
    let dir = TempDir::new().unwrap();
    let name = export::default_file_name(&session, ExportFormat::Markdown);
    assert_eq!(name, "2025-11-20-msf-bijeenkomst-herijking.md");
    assert_eq!(
        export::default_file_name(&session, ExportFormat::Json),
        "2025-11-20-msf-bijeenkomst-herijking.json"
    );
    let path = dir.path().join(&name);
    let written = export::export_to_file(
        &store,
        &session.id,
        ExportFormat::Markdown,
        &path,
        false,
        false,
        None,
    )
    .unwrap();
    assert_eq!(written, path);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, markdown(&store, &session, Lang::Nl, false));
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);

    // Not again without force: an error naming the file, file unchanged.
    let err = export::export_to_file(
        &store,
        &session.id,
        ExportFormat::Json,
        &path,
        false,
        false,
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains(&name) && err.contains("--force"), "{err}");
    assert!(!err.contains('\n'));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);

    // With force, replaced (and still private), in the language asked for.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    export::export_to_file(
        &store,
        &session.id,
        ExportFormat::Markdown,
        &path,
        true,
        true,
        Some(Lang::En),
    )
    .unwrap();
    let replaced = std::fs::read_to_string(&path).unwrap();
    assert_eq!(replaced, markdown(&store, &session, Lang::En, true));
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);

    // No temporary files are left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, [name]);

    // A failing export leaves nothing.
    let missing = dir.path().join("no/such/dir/x.md");
    assert!(
        export::export_to_file(
            &store,
            &session.id,
            ExportFormat::Markdown,
            &missing,
            false,
            false,
            None
        )
        .is_err()
    );
    let err = export::export_to_file(
        &store,
        "nope",
        ExportFormat::Markdown,
        &path,
        true,
        false,
        None,
    )
    .unwrap_err();
    assert!(matches!(err, tafel::Error::UnknownSession(_)), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
