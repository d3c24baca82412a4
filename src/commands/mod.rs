//! The subcommands: one module per command family, and the context they share.

pub mod check;
pub mod config;
pub mod machine;
pub mod menu;
pub mod sessions;

use std::io::Read;
use std::process::ExitCode;

use clap::ArgMatches;

use crate::api::{Client, ClientSettings, validate_id};
use crate::bulk::Interrupt;
use crate::cli::{Cli, Command, MachineSelection, OutputFormat};
use crate::config::Settings;
use crate::error::usage;
use crate::terminal::Terminal;

/// The state every client command needs: the API client, the output format, the terminal and the
/// Ctrl-C state.
#[derive(Debug, Clone)]
pub struct Context {
    pub client: Client,
    pub settings: Settings,
    pub format: OutputFormat,
    pub terminal: Terminal,
    pub interrupt: Interrupt,
    /// How many times `-v` was given.
    pub verbose: u8,
}

/// Runs the command chosen on the command line.
pub async fn dispatch(
    cli: Cli,
    matches: ArgMatches,
    terminal: Terminal,
) -> anyhow::Result<ExitCode> {
    if let Command::Serve(args) = cli.command {
        crate::server::run(args).await?;
        return Ok(ExitCode::SUCCESS);
    }

    let prepared = crate::config::resolve(&cli.global, &matches).and_then(|settings| {
        let client = Client::new(ClientSettings {
            api_url: settings.api_url.value.clone(),
            token: settings.token.as_ref().map(|token| token.value.clone()),
            timeout: settings.timeout.value,
            retries: settings.retries.value,
        })?;
        Ok((settings, client))
    });
    let (settings, client) = match prepared {
        Ok(prepared) => prepared,
        // A monitoring plugin reports every problem, a bad configuration included, as UNKNOWN.
        Err(error) if matches!(cli.command, Command::Check(_)) => return check::unknown(&error),
        Err(error) => return Err(error),
    };
    let context = Context {
        verbose: cli.global.verbose,
        client,
        format: settings.output.value,
        settings,
        terminal,
        interrupt: Interrupt::listen(),
    };

    match cli.command {
        Command::Sessions(command) => sessions::run(&context, command).await,
        Command::Machine(command) => machine::run(&context, command).await,
        Command::Check(args) => check::run(&context, args).await,
        Command::Menu(args) => menu::run(&context, args).await,
        Command::Config(command) => config::run(&context, command).await,
        Command::Serve(_) => unreachable!("handled above"),
    }
}

/// Returns the machine ids of a selection: the arguments, then the lines of `--machines-file`
/// (`-` is stdin), skipping blank lines and `#` comments. Every id is validated.
pub fn machine_ids(selection: &MachineSelection) -> anyhow::Result<Vec<String>> {
    let mut ids = selection.machines.clone();

    if let Some(path) = &selection.machines_file {
        let text = if path.as_os_str() == "-" {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|error| usage(format!("cannot read machine ids from stdin: {error}")))?;
            text
        } else {
            std::fs::read_to_string(path).map_err(|error| {
                usage(format!(
                    "cannot read the machines file {}: {error}",
                    path.display()
                ))
            })?
        };
        ids.extend(
            text.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#'))
                .map(str::to_owned),
        );
    }

    // A machine named twice is worked on once, at its first position.
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));

    if ids.is_empty() {
        return Err(usage(
            "no machine ids given; name machines as arguments or in --machines-file",
        ));
    }
    for id in &ids {
        validate_id("machine id", id)?;
    }
    Ok(ids)
}

/// Returns true when the results of a selection are printed as a collection (a JSON array)
/// instead of a single document: more than one machine, or ids from a file.
pub fn is_collection(selection: &MachineSelection, count: usize) -> bool {
    count > 1 || selection.machines_file.is_some()
}

/// Rejects `-o ids` for commands whose results are not sessions.
pub fn reject_ids_format(context: &Context, command: &str) -> anyhow::Result<()> {
    if context.format == OutputFormat::Ids {
        return Err(usage(format!(
            "-o ids lists session ids and only works with `sessions list`; use -o json or -o ndjson with `{command}`"
        )));
    }
    Ok(())
}

/// Returns the exit code of the first failure among `failures`, or success.
pub fn exit_code_of_first(failures: &[&anyhow::Error]) -> ExitCode {
    failures.first().map_or(ExitCode::SUCCESS, |error| {
        ExitCode::from(crate::error::exit_code(error))
    })
}
