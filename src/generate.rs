//! Completion scripts and man pages generated from the clap definition, written into
//! `completions/` and `man/` of a directory.

use std::path::Path;

use anyhow::Context;
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// Writes completions for bash, zsh, fish, PowerShell and elvish into `DIR/completions`, and
/// `vendctl.1` plus one page per subcommand into `DIR/man`.
pub fn write_assets(dir: &Path) -> anyhow::Result<()> {
    let completions = dir.join("completions");
    std::fs::create_dir_all(&completions)
        .with_context(|| format!("creating {}", completions.display()))?;
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        let mut command = Cli::command();
        clap_complete::generate_to(shell, &mut command, "vendctl", &completions)
            .with_context(|| format!("writing the {shell} completion"))?;
    }

    let man = dir.join("man");
    std::fs::create_dir_all(&man).with_context(|| format!("creating {}", man.display()))?;
    clap_mangen::generate_to(Cli::command(), &man)
        .with_context(|| format!("writing man pages into {}", man.display()))?;
    Ok(())
}
