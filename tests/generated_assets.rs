//! The checked-in completions and man pages match what the command-line definition generates.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

const FOLDERS: [&str; 2] = ["completions", "man"];
const REGENERATE: &str = "cargo run --example generate_assets";

/// Returns the paths of the files in `root/folder`, relative to `root`.
fn files_under(root: &Path, folder: &str) -> BTreeSet<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
        return BTreeSet::new();
    };
    entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .map(|path| path.strip_prefix(root).unwrap().to_path_buf())
        .collect()
}

#[test]
fn generated_assets_are_current() {
    let fresh = TempDir::new().unwrap();
    vendctl::generate::write_assets(fresh.path()).unwrap();

    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in FOLDERS {
        let expected = files_under(fresh.path(), folder);
        let checked_in = files_under(repository, folder);

        if let Some(missing) = expected.difference(&checked_in).next() {
            panic!(
                "{} is missing from the repository; run `{REGENERATE}` and commit the result",
                missing.display()
            );
        }
        if let Some(extra) = checked_in.difference(&expected).next() {
            panic!(
                "{} is no longer generated; delete it, run `{REGENERATE}` and commit the result",
                extra.display()
            );
        }
        for file in &expected {
            let generated = std::fs::read(fresh.path().join(file)).unwrap();
            let current = std::fs::read(repository.join(file)).unwrap();
            assert!(
                generated == current,
                "{} is stale; run `{REGENERATE}` and commit the result",
                file.display()
            );
        }
    }
}

#[test]
fn generated_assets_are_deterministic() {
    let first = TempDir::new().unwrap();
    let second = TempDir::new().unwrap();
    for dir in [&first, &second] {
        vendctl::generate::write_assets(dir.path()).unwrap();
    }

    for folder in FOLDERS {
        for file in files_under(first.path(), folder) {
            let one = std::fs::read(first.path().join(&file)).unwrap();
            let two = std::fs::read(second.path().join(&file)).unwrap();
            assert!(one == two, "{} differs between two runs", file.display());
        }
    }
}
