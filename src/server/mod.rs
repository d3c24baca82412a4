//! `vendctl serve`: the admin API over a local SQLite database.

use crate::cli::ServeArgs;

/// Runs the server until Ctrl-C or SIGTERM.
pub async fn run(_args: ServeArgs) -> anyhow::Result<()> {
    anyhow::bail!("vendctl serve is not built yet")
}
