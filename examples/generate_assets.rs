//! Regenerates `completions/` and `man/` from the command-line definition:
//! `cargo run --example generate_assets [DIR]` (DIR defaults to the repository root).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);

    match vendctl::generate::write_assets(&dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("generate_assets: {error:#}");
            ExitCode::FAILURE
        }
    }
}
