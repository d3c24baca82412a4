//! `vendctl menu`: an interactive menu of the session commands for one machine at a time.

use std::process::ExitCode;

use super::Context;
use super::machine::report_machine_error;
use crate::api::validate_id;
use crate::cli::{
    CleanupArgs, ListArgs, MachineCommand, MachineSelection, MachinesArgs, MenuArgs,
    SessionsCommand,
};
use crate::error::{Failure, failure_of, usage};
use crate::output;
use crate::prompt;

/// The menu's actions, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    ListSessions,
    Cleanup,
    ForceDeleteAll,
    MachineInfo,
    ResetCount,
    SwitchMachine,
    Exit,
}

impl Action {
    const ALL: [Action; 7] = [
        Action::ListSessions,
        Action::Cleanup,
        Action::ForceDeleteAll,
        Action::MachineInfo,
        Action::ResetCount,
        Action::SwitchMachine,
        Action::Exit,
    ];

    fn label(self) -> &'static str {
        match self {
            Action::ListSessions => "List sessions",
            Action::Cleanup => "Clean up expired and finished sessions",
            Action::ForceDeleteAll => "Force delete all sessions",
            Action::MachineInfo => "Machine info",
            Action::ResetCount => "Reset the in-memory session count",
            Action::SwitchMachine => "Switch machine",
            Action::Exit => "Exit",
        }
    }
}

/// Runs the menu until Exit, Esc or Ctrl-C. Each action runs the same code, with the same
/// confirmations, as its command; an action's failure is printed and the menu goes on.
pub async fn run(context: &Context, args: MenuArgs) -> anyhow::Result<ExitCode> {
    if !context.terminal.can_prompt() {
        return Err(usage(
            "the menu needs a terminal on stdin and stderr; in scripts use `vendctl sessions list`, \
             `vendctl sessions cleanup`, `vendctl machine info` or `vendctl machine reset-count`",
        ));
    }

    let mut machine_id = match args.machine {
        Some(machine_id) => {
            validate_id("machine id", &machine_id)?;
            machine_id
        }
        None => ask_machine_id(context).await?,
    };

    let items: Vec<String> = Action::ALL
        .iter()
        .map(|action| action.label().to_owned())
        .collect();
    loop {
        let question = format!("Machine {machine_id}: choose an action");
        let choice = prompt::select(
            question,
            items.clone(),
            &context.terminal,
            &context.interrupt,
        )
        .await?;
        // Esc or `q` leaves the menu like Exit.
        let Some(index) = choice else {
            return Ok(ExitCode::SUCCESS);
        };

        let action = Action::ALL[index];
        let outcome = match action {
            Action::Exit => return Ok(ExitCode::SUCCESS),
            Action::SwitchMachine => match ask_machine_id(context).await {
                Ok(new_id) => {
                    machine_id = new_id;
                    Ok(())
                }
                Err(error) => Err(error),
            },
            _ => run_action(context, action, &machine_id).await,
        };

        if let Err(error) = outcome {
            if matches!(failure_of(&error), Some(Failure::Interrupted)) {
                return Err(error);
            }
            report_machine_error(&machine_id, &error);
        }
        output::note("");
    }
}

/// Asks for a machine id until a valid one is typed.
async fn ask_machine_id(context: &Context) -> anyhow::Result<String> {
    loop {
        let answer = prompt::ask_text(
            "Machine id".to_owned(),
            &context.terminal,
            &context.interrupt,
        )
        .await?;
        let machine_id = answer.trim().to_owned();
        match validate_id("machine id", &machine_id) {
            Ok(()) => return Ok(machine_id),
            Err(error) => output::note(&format!("vendctl: {error}")),
        }
    }
}

/// Runs one action on `machine_id` through its command's own run function. The command
/// reports a failed request on stderr itself; its exit code is not needed here.
async fn run_action(context: &Context, action: Action, machine_id: &str) -> anyhow::Result<()> {
    let selection = || MachineSelection {
        machines: vec![machine_id.to_owned()],
        machines_file: None,
        jobs: 1,
    };
    let cleanup = |force: bool| CleanupArgs {
        selection: selection(),
        force,
        yes: false,
        dry_run: false,
        keep_payments: false,
    };

    match action {
        Action::ListSessions => {
            let args = ListArgs {
                selection: selection(),
                status: None,
                limit: None,
                expired: false,
                older_than: None,
            };
            super::sessions::run(context, SessionsCommand::List(args)).await?;
        }
        Action::Cleanup => {
            super::sessions::run(context, SessionsCommand::Cleanup(cleanup(false))).await?;
        }
        Action::ForceDeleteAll => {
            super::sessions::run(context, SessionsCommand::Cleanup(cleanup(true))).await?;
        }
        Action::MachineInfo => {
            let args = MachinesArgs {
                selection: selection(),
            };
            super::machine::run(context, MachineCommand::Info(args)).await?;
        }
        Action::ResetCount => {
            // The command itself has no confirmation, but a menu is one arrow key from the
            // wrong line, so the menu requests one first.
            let question = format!("Reset the in-memory session count of machine {machine_id}?");
            if !prompt::confirm(question, &context.terminal, &context.interrupt).await? {
                output::note("Cancelled; the counter was not reset.");
                return Ok(());
            }
            let args = MachinesArgs {
                selection: selection(),
            };
            super::machine::run(context, MachineCommand::ResetCount(args)).await?;
        }
        Action::SwitchMachine | Action::Exit => unreachable!("handled by the menu loop"),
    }
    Ok(())
}
