//! vendctl: manage the sessions of phone-case vending machines through the backend's admin
//! API, and serve that API over SQLite for trials and tests.
//!
//! `run` parses the command line, builds the context and hands over to the command's module;
//! [`error::exit_code`] is the one place that decides exit codes.

pub mod api;
pub mod bulk;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod generate;
pub mod output;
pub mod prompt;
pub mod secret;
pub mod server;
pub mod terminal;

use std::process::ExitCode;
use std::time::Duration;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::{Cli, Command};
use crate::terminal::Terminal;

/// Runs vendctl with the process's arguments and returns its exit code.
pub fn run() -> ExitCode {
    let matches = match Cli::command().try_get_matches() {
        Ok(matches) => matches,
        Err(error) => return report_parse_error(error),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
    };

    init_logging(cli.global.verbose, matches!(cli.command, Command::Serve(_)));
    let terminal = Terminal::detect(cli.global.color);

    let runtime = match build_runtime(&cli.command) {
        Ok(runtime) => runtime,
        Err(error) => return error::report(&error),
    };
    let result = runtime.block_on(commands::dispatch(cli, matches, terminal));
    // A prompt left waiting on a blocking thread after Ctrl-C must not keep the process alive.
    runtime.shutdown_timeout(Duration::from_millis(100));

    match result {
        Ok(code) => code,
        Err(error) => error::report(&error),
    }
}

/// Prints a command-line error the way clap does (exit 2, or 0 for `--help`). `vendctl check`
/// is the exception, because monitoring systems read exit 2 as CRITICAL. There the error is one
/// UNKNOWN status line on stdout and exit code 3.
fn report_parse_error(error: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;

    let informational = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    if informational || cli::subcommand_name(&arguments) != Some("check") {
        error.exit();
    }

    // The message is the paragraph before clap's usage lines, joined into one line.
    let rendered = error.render().to_string();
    let paragraph: Vec<&str> = rendered
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .map(str::trim)
        .collect();
    let joined = paragraph.join(" ");
    let reason = joined.strip_prefix("error: ").unwrap_or(&joined);
    let _ = output::write_stdout_line(&format!(
        "VENDCTL UNKNOWN - {reason}; see vendctl check --help"
    ));
    ExitCode::from(3)
}

/// Builds the async runtime: several threads for the server, one for the client, whose work
/// is waiting on the network and which starts faster that way.
fn build_runtime(command: &Command) -> anyhow::Result<tokio::runtime::Runtime> {
    let mut builder = match command {
        Command::Serve(_) => tokio::runtime::Builder::new_multi_thread(),
        _ => tokio::runtime::Builder::new_current_thread(),
    };
    let runtime = builder.enable_all().build()?;
    Ok(runtime)
}

/// Sends tracing output to stderr. The client logs requests from `-v` on; the server always
/// logs at info level. `RUST_LOG` overrides both.
fn init_logging(verbose: u8, serving: bool) {
    let default_level = match (serving, verbose) {
        (_, 2..) => "vendctl=trace,info",
        (true, _) | (false, 1) => "vendctl=info,warn",
        (false, 0) => "error",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_level));

    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .init();
}
