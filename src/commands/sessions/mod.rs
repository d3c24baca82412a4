//! `vendctl sessions`: list, cleanup and delete.

mod cleanup;
mod delete;
mod list;

use std::process::ExitCode;

use super::Context;
use crate::cli::SessionsCommand;

/// Runs a `sessions` subcommand.
pub async fn run(context: &Context, command: SessionsCommand) -> anyhow::Result<ExitCode> {
    match command {
        SessionsCommand::List(args) => list::run(context, args).await,
        SessionsCommand::Cleanup(args) => cleanup::run(context, args).await,
        SessionsCommand::Delete(args) => delete::run(context, args).await,
    }
}
