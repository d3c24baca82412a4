//! The command-line interface: every subcommand, option and help text.
//!
//! Completions and man pages are generated from these definitions, so a change here must be
//! followed by `cargo run --example generate_assets` (see the README).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::secret::Secret;

/// The API URL used when neither a flag, the environment nor a profile sets one.
pub const DEFAULT_API_URL: &str = "http://127.0.0.1:8000";

/// The request timeout in seconds used when nothing else sets one.
pub const DEFAULT_TIMEOUT_SECS: f64 = 30.0;

/// The number of retries of an idempotent request used when nothing else sets one.
pub const DEFAULT_RETRIES: u32 = 2;

/// The largest `--limit` the server accepts for a session listing.
pub const MAX_LIST_LIMIT: u32 = 100;

const EXIT_STATUS_HELP: &str = "\
Exit status:
  0    success (a cleanup that deleted nothing is a success)
  1    internal error
  2    usage error, or a confirmation that was missing or declined
  3    not found (HTTP 404)
  4    request rejected (other 4xx, such as 422)
  5    server error (5xx) or a response that is not the JSON expected
  6    server unreachable, TLS failure or timeout
  7    authentication failed (HTTP 401 or 403)
  8    rate limited (HTTP 429)
  130  interrupted (Ctrl-C)
`vendctl check` uses the monitoring-plugin codes instead: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.";

const MAIN_EXAMPLES: &str = "\
Examples:
  vendctl sessions list CXYLOGD8OQUK
  vendctl machine info CXYLOGD8OQUK
  vendctl sessions cleanup CXYLOGD8OQUK
  vendctl -o json sessions list CXYLOGD8OQUK | jq '.sessions[].session_id'
  vendctl serve --demo";

/// Manage the sessions of phone-case vending machines through the backend's admin API.
#[derive(Debug, Parser)]
#[command(
    name = "vendctl",
    version,
    about = "Manage the sessions of phone-case vending machines through the backend's admin API",
    after_help = format!("{MAIN_EXAMPLES}\n\n{EXIT_STATUS_HELP}"),
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand accepts.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]
    #[arg(long, global = true, env = "VENDCTL_API_URL", value_name = "URL")]
    pub api_url: Option<String>,

    /// Bearer token sent in the Authorization header (never printed)
    #[arg(
        long,
        global = true,
        env = "VENDCTL_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN",
        conflicts_with = "token_file"
    )]
    pub token: Option<Secret>,

    /// File whose first line is the bearer token
    #[arg(long, global = true, env = "VENDCTL_TOKEN_FILE", value_name = "PATH")]
    pub token_file: Option<PathBuf>,

    /// Time limit in seconds for connecting and for each whole request [default: 30]
    #[arg(long, global = true, env = "VENDCTL_TIMEOUT", value_name = "SECONDS", value_parser = parse_seconds)]
    pub timeout: Option<f64>,

    /// Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]
    #[arg(long, global = true, env = "VENDCTL_RETRIES", value_name = "N")]
    pub retries: Option<u32>,

    /// Output format: a table for people, JSON for programs, one session id per line, or NDJSON
    #[arg(
        short = 'o',
        long,
        global = true,
        env = "VENDCTL_OUTPUT",
        value_enum,
        value_name = "FORMAT"
    )]
    pub output: Option<OutputFormat>,

    /// When to colour table output; NO_COLOR and TERM=dumb turn off `auto`
    #[arg(
        long,
        global = true,
        env = "VENDCTL_COLOR",
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    pub color: ColorChoice,

    /// Log each request (method, URL, status, time) to stderr; repeat for more detail
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Profile of the configuration file to use [default: the file's default_profile, if any]
    #[arg(long, global = true, env = "VENDCTL_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,

    /// Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]
    #[arg(long, global = true, env = "VENDCTL_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
}

/// The output formats of `-o`, also accepted as `output` in a profile of the configuration file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// Tables and sentences for people
    Table,
    /// The server's JSON documents, unchanged
    Json,
    /// One session id per line (session listings only)
    Ids,
    /// One JSON object per line
    Ndjson,
}

/// The choices of `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, clean up and delete sessions
    #[command(subcommand)]
    Sessions(SessionsCommand),

    /// Inspect machines and reset their in-memory session counters
    #[command(subcommand)]
    Machine(MachineCommand),

    /// Check machines against the session limit, for Nagios, Icinga or Zabbix
    #[command(after_help = "\
Prints one status line with performance data on stdout and nothing else unless -v is given:
  VENDCTL WARNING - 1 of 3 machines at or above 80% of the session limit | CXYLOGD8OQUK=4;4;5;0;5 ...
Each machine's usage is the larger of its in-memory counter and its live sessions; the
performance data is usage;warning;critical;0;limit in sessions, the thresholds rounded up.
A machine is CRITICAL at or above --critical, WARNING at or above --warning, WARNING too when
its counter has drifted (below its live sessions, or at the limit with fewer live sessions),
UNKNOWN when it cannot be read, and OK otherwise. A counter above the live sessions is normal
while customers design or pay, since only status active counts as live.
A machine the server does not know yet is OK with usage 0. The worst machine decides the
result, in the order CRITICAL > UNKNOWN > WARNING > OK. -o json prints one object per machine.

Examples:
  vendctl check CXYLOGD8OQUK 10HKNTDOH2BA
  vendctl check --machines-file machines.txt --warning 60 --critical 90
  vendctl -o json check CXYLOGD8OQUK

Exit status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (server unreachable, a bad response, an
invalid option or configuration).")]
    Check(CheckArgs),

    /// Choose actions on a machine from an interactive menu (terminal only)
    #[command(after_help = "\
Actions: list sessions, clean up, force delete all sessions, machine info, reset the in-memory
count, switch machine. Each asks for the same confirmation as its command. Esc, q or Exit leave
the menu with exit status 0; Ctrl-C leaves with 130. Without a terminal the menu exits 2: use
`vendctl sessions` and `vendctl machine` in scripts.

Example:
  vendctl menu CXYLOGD8OQUK")]
    Menu(MenuArgs),

    /// Show the effective configuration and where each setting came from
    #[command(subcommand)]
    Config(ConfigCommand),

    /// Serve the admin API over a local SQLite database, for trials and tests
    #[command(after_help = "\
Examples:
  vendctl serve --demo
  vendctl serve --listen 127.0.0.1:0 --database /tmp/test.db
  VENDCTL_ADMIN_TOKEN=secret vendctl serve --listen 0.0.0.0:8000")]
    Serve(ServeArgs),
}

/// The `sessions` subcommands.
#[derive(Debug, Subcommand)]
pub enum SessionsCommand {
    /// List a machine's sessions, newest first
    #[command(after_help = "\
Examples:
  vendctl sessions list CXYLOGD8OQUK
  vendctl sessions list CXYLOGD8OQUK --status payment_pending --limit 100
  vendctl sessions list CXYLOGD8OQUK --expired -o ids | vendctl sessions delete -")]
    List(ListArgs),

    /// Delete a machine's finished and expired sessions, or all of them with --force
    #[command(after_help = "\
Smart cleanup deletes sessions past their expiry and those with status expired, cancelled or
payment_completed, paid orders included. It keeps unexpired active, designing and payment_pending
sessions. --force deletes every session of the machine.

Examples:
  vendctl sessions cleanup CXYLOGD8OQUK --dry-run
  vendctl sessions cleanup CXYLOGD8OQUK --yes
  vendctl sessions cleanup CXYLOGD8OQUK --keep-payments
  vendctl sessions cleanup CXYLOGD8OQUK --force")]
    Cleanup(CleanupArgs),

    /// Delete sessions by id
    #[command(after_help = "\
Examples:
  vendctl sessions delete CXYLOGD8OQUK_20261204_195822_3F8AECDE
  vendctl sessions list CXYLOGD8OQUK --expired -o ids | vendctl sessions delete - --ignore-missing")]
    Delete(DeleteArgs),
}

/// The `machine` subcommands.
#[derive(Debug, Subcommand)]
pub enum MachineCommand {
    /// Show a machine's details, session statistics and a drift diagnosis
    #[command(after_help = "\
Examples:
  vendctl machine info CXYLOGD8OQUK
  vendctl -o json machine info CXYLOGD8OQUK | jq .session_stats")]
    Info(MachinesArgs),

    /// Reset a machine's in-memory session counter to 0
    #[command(after_help = "Example:\n  vendctl machine reset-count CXYLOGD8OQUK")]
    ResetCount(MachinesArgs),
}

/// The `config` subcommands.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective settings and where each came from (the token redacted)
    #[command(after_help = "\
Settings come from flags, then environment variables, then the chosen profile of the
configuration file ($XDG_CONFIG_HOME/vendctl/config.toml, or ~/.config/vendctl/config.toml),
then the built-in defaults. A profile is a table such as:
  default_profile = \"prod\"
  [profiles.prod]
  api_url = \"https://vending.example.com/backend\"
  token_file = \"prod.token\"   # relative to the configuration file's folder
  timeout = 10                 # seconds
  retries = 2
  output = \"table\"

Examples:
  vendctl --profile prod config show
  vendctl -o json config show")]
    Show,
}

/// Machine ids given as arguments or in a file, and how many to work on at once.
#[derive(Debug, Args)]
pub struct MachineSelection {
    /// Machine ids (case-sensitive), such as CXYLOGD8OQUK
    #[arg(value_name = "MACHINE", required_unless_present = "machines_file")]
    pub machines: Vec<String>,

    /// File with one machine id per line, or - for stdin; blank lines and # comments are skipped
    #[arg(long, value_name = "FILE")]
    pub machines_file: Option<PathBuf>,

    /// Requests in flight at once when several machines are given
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: u16,
}

/// Arguments of `sessions list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub selection: MachineSelection,

    /// Only sessions with this status (active, designing, payment_pending, payment_completed, expired, cancelled)
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,

    /// Sessions to fetch per machine, 1 to 100 (the server's maximum) [default: 50]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=MAX_LIST_LIMIT as i64))]
    pub limit: Option<u32>,

    /// Only sessions past their expiry or with status expired or cancelled
    #[arg(long)]
    pub expired: bool,

    /// Only sessions created longer ago than this (90s, 15m, 2h, 1d)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub older_than: Option<Duration>,
}

/// Arguments of `sessions cleanup`.
#[derive(Debug, Args)]
pub struct CleanupArgs {
    #[command(flatten)]
    pub selection: MachineSelection,

    /// Delete every session of the machine, live ones included
    #[arg(long, conflicts_with = "keep_payments")]
    pub force: bool,

    /// Do not ask for confirmation (required for --force without a terminal)
    #[arg(short, long)]
    pub yes: bool,

    /// Print what would be deleted and delete nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Keep payment_pending and payment_completed sessions, deleting the rest one by one
    #[arg(long)]
    pub keep_payments: bool,
}

/// Arguments of `sessions delete`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Session ids, or - to read them from stdin (one per line, blank lines skipped)
    #[arg(value_name = "SESSION_ID", required = true)]
    pub session_ids: Vec<String>,

    /// Count a session that is not found (404) as already deleted
    #[arg(long)]
    pub ignore_missing: bool,

    /// Deletions in flight at once
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: u16,
}

/// Arguments of `machine info` and `machine reset-count`.
#[derive(Debug, Args)]
pub struct MachinesArgs {
    #[command(flatten)]
    pub selection: MachineSelection,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub selection: MachineSelection,

    /// Usage in percent of the session limit at or above which a machine is WARNING (1 to 1000)
    #[arg(long, value_name = "PERCENT", default_value_t = 80)]
    pub warning: u32,

    /// Usage in percent of the session limit at or above which a machine is CRITICAL (1 to 1000)
    #[arg(long, value_name = "PERCENT", default_value_t = 100)]
    pub critical: u32,
}

/// Arguments of `menu`.
#[derive(Debug, Args)]
pub struct MenuArgs {
    /// Machine to start with; the menu prompts for one when it is not given
    #[arg(value_name = "MACHINE")]
    pub machine: Option<String>,
}

/// Arguments of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on, such as 127.0.0.1:8000, [::1]:8000 or localhost:8000;
    /// port 0 picks a free port
    #[arg(
        long,
        value_name = "ADDR",
        default_value = "127.0.0.1:8000",
        env = "VENDCTL_LISTEN",
        value_parser = parse_listen_address
    )]
    pub listen: SocketAddr,

    /// SQLite database file, created with its schema when missing
    #[arg(
        long,
        value_name = "PATH",
        default_value = "vendctl.db",
        env = "VENDCTL_DATABASE"
    )]
    pub database: PathBuf,

    /// Concurrent sessions a machine may hold
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    pub session_limit: u32,

    /// Token every /api/admin request must send as `Authorization: Bearer TOKEN`
    #[arg(
        long,
        value_name = "TOKEN",
        env = "VENDCTL_ADMIN_TOKEN",
        hide_env_values = true
    )]
    pub admin_token: Option<Secret>,

    /// Allow listening on a non-loopback address without --admin-token
    #[arg(long)]
    pub allow_unauthenticated: bool,

    /// Seed an empty database with demonstration machines and sessions: CXYLOGD8OQUK stuck
    /// with its counter at 5 and two live sessions, and 10HKNTDOH2BA and VM001 with two live
    /// sessions each. On a database that has data, nothing is added, but the counter of
    /// CXYLOGD8OQUK is still set to 5 if that machine exists, so every demo start shows it stuck
    #[arg(long)]
    pub demo: bool,
}

/// Returns the name of the subcommand in `arguments` (the command line without the program
/// name): the first word that is neither an option nor the value of a global option.
pub fn subcommand_name(arguments: &[String]) -> Option<&str> {
    use clap::CommandFactory;

    let command = Cli::command();
    let takes_value = |word: &str| {
        command.get_arguments().any(|argument| {
            let named = argument
                .get_long()
                .is_some_and(|long| word == format!("--{long}"))
                || argument
                    .get_short()
                    .is_some_and(|short| word == format!("-{short}"));
            named && argument.get_action().takes_values()
        })
    };

    let mut words = arguments.iter();
    while let Some(word) = words.next() {
        if !word.starts_with('-') {
            return Some(word);
        }
        if takes_value(word) {
            words.next();
        }
    }
    None
}

/// Parses a listen address: an IP address and port, or a host name and port resolved to its
/// first address (`localhost:8000` becomes 127.0.0.1:8000 or [::1]:8000, as the system lists it).
fn parse_listen_address(text: &str) -> Result<SocketAddr, String> {
    if let Ok(address) = text.parse() {
        return Ok(address);
    }
    let invalid = |problem: String| {
        format!(
            "`{text}` is not a listen address ({problem}); write HOST:PORT, such as 127.0.0.1:8000"
        )
    };
    let mut addresses = std::net::ToSocketAddrs::to_socket_addrs(text)
        .map_err(|error| invalid(error.to_string()))?;
    addresses
        .next()
        .ok_or_else(|| invalid("the host name has no address".to_owned()))
}

/// Parses a positive number of seconds, such as `30` or `0.5`.
fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(seconds) if seconds.is_finite() && seconds > 0.0 => Ok(seconds),
        _ => Err(format!(
            "`{text}` is not a positive number of seconds, such as 30 or 0.5"
        )),
    }
}

/// Parses a duration written as a whole number and a unit: `90s`, `15m`, `2h` or `1d`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let invalid =
        || format!("`{text}` is not a duration; write a number and a unit: 90s, 15m, 2h or 1d");

    let split = text.len().checked_sub(1).ok_or_else(invalid)?;
    if !text.is_char_boundary(split) {
        return Err(invalid());
    }
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().map_err(|_| invalid())?;
    let unit_secs = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(invalid()),
    };

    number
        .checked_mul(unit_secs)
        .map(Duration::from_secs)
        .ok_or_else(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn subcommand_found_after_global_options() {
        let words = |line: &str| line.split(' ').map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(subcommand_name(&words("check VM001")), Some("check"));
        assert_eq!(
            subcommand_name(&words("--api-url http://h -v check")),
            Some("check")
        );
        assert_eq!(
            subcommand_name(&words("-o json --color=never machine info")),
            Some("machine")
        );
        assert_eq!(subcommand_name(&words("--timeout 5")), None);
    }

    #[test]
    fn listen_address_forms() {
        assert_eq!(
            parse_listen_address("127.0.0.1:0"),
            Ok("127.0.0.1:0".parse().unwrap())
        );
        assert_eq!(
            parse_listen_address("[::1]:8000"),
            Ok("[::1]:8000".parse().unwrap())
        );
        assert!(parse_listen_address("8000").is_err());
        assert!(parse_listen_address("127.0.0.1").is_err());
    }

    #[test]
    fn duration_units() {
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_duration("2h"), Ok(Duration::from_secs(7200)));
        assert_eq!(parse_duration("1d"), Ok(Duration::from_secs(86_400)));
    }

    #[test]
    fn duration_rejects_bad_text() {
        for text in [
            "",
            "m",
            "15",
            "15x",
            "-1m",
            "1.5h",
            "é",
            "99999999999999999999d",
        ] {
            assert!(parse_duration(text).is_err(), "{text:?} was accepted");
        }
    }
}
