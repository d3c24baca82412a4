//! `vendctl check`: a monitoring plugin for Nagios, Icinga and Zabbix. It prints one status
//! line with performance data on stdout and exits 0 OK, 1 WARNING, 2 CRITICAL or 3 UNKNOWN.

use std::fmt;
use std::process::ExitCode;

use serde_json::{Value, json};

use super::Context;
use crate::api::{Document, MachineInfo};
use crate::cli::{CheckArgs, OutputFormat};
use crate::commands::machine::{Diagnosis, collect_machine_results, diagnose};
use crate::commands::machine_ids;
use crate::output::{self, write_stdout_line};

/// The smallest and largest `--warning` and `--critical` percentages accepted.
const PERCENT_RANGE: std::ops::RangeInclusive<u32> = 1..=1000;

/// A monitoring-plugin state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Ok,
    Warning,
    Critical,
    Unknown,
}

impl State {
    /// Returns the plugin exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
    pub fn exit_code(self) -> u8 {
        match self {
            State::Ok => 0,
            State::Warning => 1,
            State::Critical => 2,
            State::Unknown => 3,
        }
    }

    /// Returns the weight of the state when several machines are combined: CRITICAL beats
    /// UNKNOWN, which beats WARNING, which beats OK.
    fn severity(self) -> u8 {
        match self {
            State::Ok => 0,
            State::Warning => 1,
            State::Unknown => 2,
            State::Critical => 3,
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            State::Ok => "OK",
            State::Warning => "WARNING",
            State::Critical => "CRITICAL",
            State::Unknown => "UNKNOWN",
        })
    }
}

/// The thresholds of a check, in percent of each machine's session limit.
#[derive(Debug, Clone, Copy)]
struct Thresholds {
    warning: u32,
    critical: u32,
}

impl Thresholds {
    /// Returns the number of sessions at which `percent` of `limit` is reached, rounded up.
    fn sessions(limit: u64, percent: u32) -> u64 {
        (limit * u64::from(percent)).div_ceil(100)
    }
}

/// The check of one machine.
#[derive(Debug, Clone)]
struct MachineCheck {
    machine_id: String,
    state: State,
    /// The larger of the in-memory counter and the live sessions; None when the machine could
    /// not be read.
    usage: Option<u64>,
    counter: Option<u64>,
    live_sessions: Option<u64>,
    limit: Option<u64>,
    warning_sessions: Option<u64>,
    critical_sessions: Option<u64>,
    /// The in-memory counter is below the live sessions, or at the limit with fewer live
    /// sessions.
    drift: bool,
    /// Whether usage reached the warning or critical threshold (drift alone does not).
    over_warning: bool,
    message: String,
}

impl MachineCheck {
    /// Judges one machine's information against the thresholds.
    fn from_info(info: &MachineInfo, thresholds: Thresholds) -> Self {
        let stats = &info.session_stats;
        let limit = stats.session_limit;
        let warning_sessions = Thresholds::sessions(limit, thresholds.warning);
        let critical_sessions = Thresholds::sessions(limit, thresholds.critical);
        let mut check = MachineCheck {
            machine_id: info.machine_id.clone(),
            state: State::Ok,
            usage: Some(0),
            counter: Some(stats.memory_session_count),
            live_sessions: Some(stats.active_sessions),
            limit: Some(limit),
            warning_sessions: Some(warning_sessions),
            critical_sessions: Some(critical_sessions),
            drift: false,
            over_warning: false,
            message: String::new(),
        };

        // An unknown machine has no sessions yet: the server creates it on its first session.
        if !info.exists {
            check.message = format!("machine {} is not known yet", info.machine_id);
            return check;
        }

        let usage = stats.memory_session_count.max(stats.active_sessions);
        check.usage = Some(usage);
        // Drift that matters: a counter at the limit with free slots refuses customers, and a
        // counter below the live sessions lets the machine exceed its limit. A counter above the
        // live sessions is normal while customers design or pay, because only `active`
        // sessions count as live.
        check.drift = matches!(
            diagnose(info),
            Diagnosis::RefusingWithFreeSlots | Diagnosis::CounterBelowLive
        );
        let mut message = format!("{usage} of {limit} sessions in use");
        if usage >= critical_sessions {
            check.state = State::Critical;
            check.over_warning = true;
            message.push_str(&format!(
                ", at or above the critical threshold of {critical_sessions}"
            ));
        } else if usage >= warning_sessions {
            check.state = State::Warning;
            check.over_warning = true;
            message.push_str(&format!(
                ", at or above the warning threshold of {warning_sessions}"
            ));
        }
        if check.drift {
            if check.state == State::Ok {
                check.state = State::Warning;
            }
            let relation = if stats.memory_session_count < stats.active_sessions {
                "is below"
            } else {
                "is at the limit with fewer"
            };
            message.push_str(&format!(
                "; the in-memory counter ({}) {relation} live sessions ({})",
                stats.memory_session_count, stats.active_sessions
            ));
        }
        check.message = message;
        check
    }

    /// Returns the check of a machine whose information could not be read.
    fn failed(machine_id: &str, error: &anyhow::Error) -> Self {
        MachineCheck {
            machine_id: machine_id.to_owned(),
            state: State::Unknown,
            usage: None,
            counter: None,
            live_sessions: None,
            limit: None,
            warning_sessions: None,
            critical_sessions: None,
            drift: false,
            over_warning: false,
            message: crate::error::one_line(error),
        }
    }

    /// Returns the performance data `label=usage;warn;crit;0;limit`, or `label=U` when the
    /// machine could not be read.
    fn perfdata(&self) -> String {
        let label = perfdata_label(&self.machine_id);
        match (
            self.usage,
            self.warning_sessions,
            self.critical_sessions,
            self.limit,
        ) {
            (Some(usage), Some(warning), Some(critical), Some(limit)) => {
                format!("{label}={usage};{warning};{critical};0;{limit}")
            }
            _ => format!("{label}=U"),
        }
    }

    fn to_json(&self) -> Value {
        json!({
            "machine_id": self.machine_id,
            "state": self.state.to_string(),
            "usage": self.usage,
            "counter": self.counter,
            "live_sessions": self.live_sessions,
            "limit": self.limit,
            "warning_sessions": self.warning_sessions,
            "critical_sessions": self.critical_sessions,
            "drift": self.drift,
            "message": self.message,
        })
    }
}

/// Quotes a performance-data label when it contains a space, `=` or `'`, as the plugin
/// guidelines require, doubling any `'` inside.
fn perfdata_label(machine_id: &str) -> String {
    if machine_id.contains([' ', '=', '\'']) {
        format!("'{}'", machine_id.replace('\'', "''"))
    } else {
        machine_id.to_owned()
    }
}

/// Prints `VENDCTL UNKNOWN - message` and returns exit code 3, for a check that cannot run.
pub fn unknown(error: &anyhow::Error) -> anyhow::Result<ExitCode> {
    write_stdout_line(&format!(
        "VENDCTL UNKNOWN - {}",
        crate::error::one_line(error)
    ))?;
    Ok(ExitCode::from(State::Unknown.exit_code()))
}

/// Runs `check`: reads every machine's information, judges it and prints one status line (or
/// JSON with `-o json`). A usage error is reported as UNKNOWN (exit 3), as plugins do.
pub async fn run(context: &Context, args: CheckArgs) -> anyhow::Result<ExitCode> {
    let thresholds = match validate(context, &args) {
        Ok(thresholds) => thresholds,
        Err(error) => return unknown(&error),
    };
    let ids = match machine_ids(&args.selection) {
        Ok(ids) => ids,
        Err(error) => return unknown(&error),
    };

    let results = collect_machine_results(
        context,
        ids,
        args.selection.jobs,
        None,
        false,
        |machine_id| async move { context.client.machine_info(&machine_id).await },
    )
    .await?;

    let checks: Vec<MachineCheck> = results
        .iter()
        .map(|result| match &result.outcome {
            Ok(Document { typed, .. }) => MachineCheck::from_info(typed, thresholds),
            Err(error) => MachineCheck::failed(&result.machine_id, error),
        })
        .collect();
    let state = combined_state(&checks);

    if context.verbose > 0 {
        for check in &checks {
            output::note(&format!(
                "vendctl: machine {}: {} - {}",
                check.machine_id, check.state, check.message
            ));
        }
    }

    match context.format {
        OutputFormat::Json => {
            let array = Value::Array(checks.iter().map(MachineCheck::to_json).collect());
            output::print_json(&array, &context.terminal)?;
        }
        OutputFormat::Ndjson => {
            let values: Vec<Value> = checks.iter().map(MachineCheck::to_json).collect();
            output::print_ndjson(&values)?;
        }
        OutputFormat::Table | OutputFormat::Ids => {
            write_stdout_line(&status_line(state, &checks, thresholds))?;
        }
    }
    Ok(ExitCode::from(state.exit_code()))
}

/// Checks the thresholds and the output format.
fn validate(context: &Context, args: &CheckArgs) -> anyhow::Result<Thresholds> {
    if context.format == OutputFormat::Ids {
        return Err(crate::error::usage(
            "-o ids is not an output of `check`; use the default status line, -o json or -o ndjson",
        ));
    }
    for (flag, percent) in [("--warning", args.warning), ("--critical", args.critical)] {
        if !PERCENT_RANGE.contains(&percent) {
            return Err(crate::error::usage(format!(
                "{flag} {percent} is out of range; give a percentage from {} to {}",
                PERCENT_RANGE.start(),
                PERCENT_RANGE.end()
            )));
        }
    }
    if args.warning > args.critical {
        return Err(crate::error::usage(format!(
            "--warning {} is above --critical {}; the warning threshold must not exceed the critical one",
            args.warning, args.critical
        )));
    }
    Ok(Thresholds {
        warning: args.warning,
        critical: args.critical,
    })
}

/// Combines the machines' states: the most severe wins, with CRITICAL above UNKNOWN above
/// WARNING above OK. No machines at all is UNKNOWN.
fn combined_state(checks: &[MachineCheck]) -> State {
    checks
        .iter()
        .map(|check| check.state)
        .max_by_key(|state| state.severity())
        .unwrap_or(State::Unknown)
}

fn machines(count: usize) -> String {
    if count == 1 {
        "1 machine".to_owned()
    } else {
        format!("{count} machines")
    }
}

/// Returns the status line: `VENDCTL STATE - summary | perfdata`.
fn status_line(state: State, checks: &[MachineCheck], thresholds: Thresholds) -> String {
    let total = checks.len();
    let count = |keep: &dyn Fn(&MachineCheck) -> bool| checks.iter().filter(|c| keep(c)).count();
    let critical = count(&|check| check.state == State::Critical);
    let warning = count(&|check| check.state == State::Warning && check.over_warning);
    let drift = count(&|check| check.drift);
    let unknown = count(&|check| check.state == State::Unknown);

    let mut parts = Vec::new();
    if critical > 0 {
        parts.push(format!(
            "{critical} of {} at or above {}% of the session limit",
            machines(total),
            thresholds.critical
        ));
    }
    if warning > 0 {
        parts.push(format!(
            "{warning} of {} at or above {}% of the session limit",
            machines(total),
            thresholds.warning
        ));
    }
    if drift > 0 {
        parts.push(format!(
            "{drift} of {} with an in-memory counter out of step with the live sessions",
            machines(total)
        ));
    }
    if let Some(failed) = checks.iter().find(|check| check.state == State::Unknown) {
        parts.push(format!(
            "{unknown} of {} not checked (machine {}: {})",
            machines(total),
            failed.machine_id,
            failed.message
        ));
    }
    if parts.is_empty() {
        parts.push(format!(
            "{} below {}% of the session limit",
            machines(total),
            thresholds.warning
        ));
    }

    let perfdata: Vec<String> = checks.iter().map(MachineCheck::perfdata).collect();
    format!(
        "VENDCTL {state} - {} | {}",
        parts.join("; "),
        perfdata.join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_round_up() {
        assert_eq!(Thresholds::sessions(5, 80), 4);
        assert_eq!(Thresholds::sessions(5, 100), 5);
        assert_eq!(Thresholds::sessions(5, 61), 4);
        assert_eq!(Thresholds::sessions(3, 1), 1);
    }

    #[test]
    fn perfdata_label_quoting() {
        assert_eq!(perfdata_label("VM001"), "VM001");
        assert_eq!(perfdata_label("a b"), "'a b'");
        assert_eq!(perfdata_label("it's"), "'it''s'");
    }

    #[test]
    fn critical_beats_unknown() {
        let mut first = MachineCheck::failed("A", &anyhow::anyhow!("down"));
        let second = MachineCheck {
            state: State::Critical,
            ..first.clone()
        };
        assert_eq!(combined_state(&[first.clone(), second]), State::Critical);
        first.state = State::Warning;
        let unknown = MachineCheck::failed("B", &anyhow::anyhow!("down"));
        assert_eq!(combined_state(&[first, unknown]), State::Unknown);
    }
}
