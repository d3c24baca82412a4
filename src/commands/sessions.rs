//! `vendctl sessions list`, `cleanup` and `delete`.

use std::process::ExitCode;

use super::Context;
use crate::cli::SessionsCommand;

/// Runs a `sessions` subcommand.
pub async fn run(_context: &Context, _command: SessionsCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
