//! `vendctl machine info` and `vendctl machine reset-count`.

use std::process::ExitCode;

use chrono::{DateTime, Utc};
use comfy_table::Cell;
use serde_json::Value;

use super::{Context, exit_code_of_first, is_collection, machine_ids, reject_ids_format};
use crate::api::{Document, MachineInfo, SessionStats};
use crate::bulk::{self, Step};
use crate::cli::{MachineCommand, MachineSelection, MachinesArgs, OutputFormat};
use crate::error::Failure;
use crate::output::{self, new_table, write_stdout};

/// Runs a `machine` subcommand.
pub async fn run(context: &Context, command: MachineCommand) -> anyhow::Result<ExitCode> {
    match command {
        MachineCommand::Info(args) => info(context, args).await,
        MachineCommand::ResetCount(args) => reset_count(context, args).await,
    }
}

/// The result of one machine's request, in input order.
pub struct MachineResult<T> {
    pub machine_id: String,
    pub outcome: anyhow::Result<T>,
}

/// Runs `request` for every machine of the selection, `--jobs` at once, and reports each
/// failure on stderr with its machine id. Returns the results in input order; after Ctrl-C
/// the machines not done have an interrupted failure, so the caller still prints the rest.
pub async fn for_each_machine<T, F, Fut>(
    context: &Context,
    selection: &MachineSelection,
    what: &str,
    request: F,
) -> anyhow::Result<Vec<MachineResult<T>>>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<T>>,
{
    let ids = machine_ids(selection)?;
    for_machine_ids(context, ids, selection.jobs, what, request).await
}

/// Runs `request` for each of `ids`, `jobs` at once, like [`for_each_machine`].
pub async fn for_machine_ids<T, F, Fut>(
    context: &Context,
    ids: Vec<String>,
    jobs: u16,
    what: &str,
    request: F,
) -> anyhow::Result<Vec<MachineResult<T>>>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<T>>,
{
    let progress = bulk::progress_bar(&context.terminal, ids.len(), what);
    collect_machine_results(context, ids, jobs, progress, true, request).await
}

/// Runs `request` for each of `ids`, `jobs` at once, and returns the results in input order.
/// Each failure is printed on stderr when `report_failures` is set; callers that report
/// failures their own way pass false. Machines not done after Ctrl-C are always reported.
pub async fn collect_machine_results<T, F, Fut>(
    context: &Context,
    ids: Vec<String>,
    jobs: u16,
    progress: Option<indicatif::ProgressBar>,
    report_failures: bool,
    request: F,
) -> anyhow::Result<Vec<MachineResult<T>>>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<T>>,
{
    let steps = bulk::run_ordered(
        ids.clone(),
        usize::from(jobs),
        &context.interrupt,
        progress.as_ref(),
        &request,
    )
    .await;
    if let Some(progress) = progress {
        progress.finish_and_clear();
    }

    let mut results = Vec::with_capacity(ids.len());
    let mut not_started = 0;
    let mut abandoned = 0;
    for (machine_id, step) in ids.into_iter().zip(steps) {
        let outcome = match step {
            Step::Done(outcome) => outcome,
            Step::NotStarted => {
                not_started += 1;
                Err(anyhow::Error::from(Failure::Interrupted).context("not started"))
            }
            Step::Abandoned => {
                abandoned += 1;
                Err(anyhow::Error::from(Failure::Interrupted).context("outcome unknown"))
            }
        };
        results.push(MachineResult {
            machine_id,
            outcome,
        });
    }

    let interrupted = not_started + abandoned > 0;
    for result in &results {
        let Err(error) = &result.outcome else {
            continue;
        };
        if report_failures || is_interrupted(error) {
            report_machine_error(&result.machine_id, error);
        }
    }
    if interrupted {
        let done = results.len() - not_started - abandoned;
        output::note(&format!(
            "vendctl: interrupted: {done} machine(s) done, {not_started} not started, {abandoned} with an unknown outcome"
        ));
    }
    Ok(results)
}

fn is_interrupted(error: &anyhow::Error) -> bool {
    matches!(crate::error::failure_of(error), Some(Failure::Interrupted))
}

/// Prints a machine's failure on stderr.
pub fn report_machine_error(machine_id: &str, error: &anyhow::Error) {
    if crate::error::is_closed_pipe(error) {
        return;
    }
    let message = crate::error::one_line(error);
    output::note(&format!("vendctl: machine {machine_id}: {message}"));
}

/// Returns the exit code for a set of machine results: 130 after Ctrl-C, else that of the
/// first failure, else 0.
pub fn results_exit_code<T>(results: &[MachineResult<T>]) -> ExitCode {
    let failures: Vec<_> = results
        .iter()
        .filter_map(|result| result.outcome.as_ref().err())
        .collect();
    if failures.iter().any(|error| is_interrupted(error)) {
        return ExitCode::from(Failure::Interrupted.exit_code());
    }
    exit_code_of_first(&failures)
}

/// Prints the raw documents of the successful results as JSON (one document, or an array)
/// or NDJSON.
pub fn print_documents<'a>(
    context: &Context,
    collection: bool,
    documents: impl Iterator<Item = &'a Value>,
) -> anyhow::Result<()> {
    let documents: Vec<&Value> = documents.collect();
    match context.format {
        OutputFormat::Ndjson => output::print_ndjson(documents),
        _ if collection => {
            let array = Value::Array(documents.into_iter().cloned().collect());
            output::print_json(&array, &context.terminal)
        }
        _ => match documents.first() {
            Some(document) => output::print_json(document, &context.terminal),
            None => Ok(()),
        },
    }
}

/// `machine info`: details, session statistics and a drift diagnosis of each machine.
async fn info(context: &Context, args: MachinesArgs) -> anyhow::Result<ExitCode> {
    reject_ids_format(context, "machine info")?;
    let results = for_each_machine(
        context,
        &args.selection,
        "machines",
        |machine_id| async move { context.client.machine_info(&machine_id).await },
    )
    .await?;

    let collection = is_collection(&args.selection, results.len());
    let documents = results
        .iter()
        .filter_map(|result| result.outcome.as_ref().ok());

    if context.format == OutputFormat::Table {
        let now = Utc::now();
        for (index, document) in documents.enumerate() {
            if index > 0 {
                write_stdout("\n")?;
            }
            write_stdout(&render_info(&document.typed, context, now))?;
        }
    } else {
        print_documents(context, collection, documents.map(|document| &document.raw))?;
        // The JSON document stays as the server sent it; a person at a terminal still gets
        // the diagnosis, on stderr.
        if context.terminal.stderr {
            for result in &results {
                if let Ok(document) = &result.outcome {
                    output::note(&diagnose(&document.typed).message(&document.typed.machine_id));
                }
            }
        }
    }

    Ok(results_exit_code(&results))
}

/// Renders one machine's details, statistics and diagnosis as text.
fn render_info(info: &MachineInfo, context: &Context, now: DateTime<Utc>) -> String {
    let mut table = new_table(&context.terminal);
    let yes_no = |flag: bool| if flag { "yes" } else { "no" };
    let mut row = |label: &str, value: String| {
        table.add_row(vec![Cell::new(label), Cell::new(value)]);
    };

    row("Machine", info.machine_id.clone());
    row("Known", yes_no(info.exists).to_owned());
    if info.exists {
        row("Name", info.name.clone().unwrap_or_else(|| "-".to_owned()));
        row(
            "Location",
            info.location.clone().unwrap_or_else(|| "-".to_owned()),
        );
        row("Active", info.is_active.map_or("-", yes_no).to_owned());
        row("Created", timestamp_text(info.created_at, now));
        row("Last heartbeat", timestamp_text(info.last_heartbeat, now));
    } else if let Some(message) = &info.message {
        row("Message", message.clone());
    }

    let stats = &info.session_stats;
    row("Sessions in database", stats.total_sessions.to_string());
    row(
        "Live sessions",
        format!("{} (status active, not expired)", stats.active_sessions),
    );
    row("In-memory counter", stats.memory_session_count.to_string());
    row("Session limit", stats.session_limit.to_string());

    format!(
        "{}{}\n",
        output::table_text(&table, &context.terminal),
        diagnose(info).message(&info.machine_id)
    )
}

fn timestamp_text(at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> String {
    match at {
        Some(at) => format!(
            "{} ({})",
            at.format("%Y-%m-%d %H:%M:%S UTC"),
            output::relative_time(at, now)
        ),
        None => "never".to_owned(),
    }
}

/// The state of a machine's in-memory counter compared with its live sessions and its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Diagnosis {
    /// The machine is not in the database yet.
    Unknown,
    /// The counter is at the limit while fewer sessions are live: new customers are refused.
    RefusingWithFreeSlots,
    /// The counter is below the live sessions: the machine can exceed its limit.
    CounterBelowLive,
    /// The counter is above the live sessions but below the limit.
    CounterAboveLive,
    /// As many sessions are live as the limit allows: the machine is genuinely full.
    Full,
    /// The counter matches the live sessions and is below the limit.
    Consistent,
}

/// Compares the counter, the live sessions and the limit of a machine.
pub fn diagnose(info: &MachineInfo) -> Diagnosis {
    let SessionStats {
        active_sessions: live,
        memory_session_count: counter,
        session_limit: limit,
        ..
    } = info.session_stats;

    if !info.exists {
        Diagnosis::Unknown
    } else if counter >= limit && live < limit {
        Diagnosis::RefusingWithFreeSlots
    } else if counter < live {
        Diagnosis::CounterBelowLive
    } else if live >= limit {
        Diagnosis::Full
    } else if counter > live {
        Diagnosis::CounterAboveLive
    } else {
        Diagnosis::Consistent
    }
}

impl Diagnosis {
    /// Returns the diagnosis as a sentence for an admin, with the commands to run.
    pub fn message(self, machine_id: &str) -> String {
        match self {
            Diagnosis::Unknown => format!(
                "Diagnosis: machine {machine_id} is not known yet; it will be created on its first session."
            ),
            Diagnosis::RefusingWithFreeSlots => format!(
                "Diagnosis: new sessions are refused: the in-memory counter is at the limit but fewer sessions are live.\n\
                 Fix: run `vendctl sessions cleanup {machine_id}` to delete finished and expired sessions, \
                 or `vendctl machine reset-count {machine_id}` to reset the counter."
            ),
            Diagnosis::CounterBelowLive => format!(
                "Diagnosis: the in-memory counter is below the live sessions, so machine {machine_id} can exceed its session limit.\n\
                 This follows a cleanup or reset while sessions were live; it corrects itself as those sessions end."
            ),
            Diagnosis::CounterAboveLive => format!(
                "Diagnosis: the in-memory counter is above the live sessions; sessions in designing or payment also count, \
                 but if it reaches the limit, run `vendctl sessions cleanup {machine_id}`."
            ),
            Diagnosis::Full => format!(
                "Diagnosis: machine {machine_id} is full: as many sessions are live as the limit allows; \
                 new customers wait until one ends."
            ),
            Diagnosis::Consistent => {
                "Diagnosis: consistent: the in-memory counter matches the live sessions and is below the limit.".to_owned()
            }
        }
    }
}

/// `machine reset-count`: resets each machine's counter, then reads it again.
async fn reset_count(context: &Context, args: MachinesArgs) -> anyhow::Result<ExitCode> {
    reject_ids_format(context, "machine reset-count")?;
    let results = for_each_machine(
        context,
        &args.selection,
        "machines",
        |machine_id| async move {
            let reset = context.client.reset_session_count(&machine_id).await?;
            // The backend can re-sync the counter from the database at once; a second read shows
            // whether the reset held.
            let after = context.client.machine_info(&machine_id).await.ok();
            Ok::<_, anyhow::Error>((reset, after))
        },
    )
    .await?;

    let collection = is_collection(&args.selection, results.len());
    let successes: Vec<&(Document<_>, Option<Document<MachineInfo>>)> = results
        .iter()
        .filter_map(|result| result.outcome.as_ref().ok())
        .collect();

    for (reset, after) in &successes {
        let counter_now = after
            .as_ref()
            .map(|info| info.typed.session_stats.memory_session_count);
        if let Some(counter) = counter_now.filter(|counter| *counter != 0) {
            output::warn(&format!(
                "the counter of machine {} is {counter} again right after the reset; the server re-synced it from its sessions",
                reset.typed.machine_id
            ));
        }
    }

    if context.format == OutputFormat::Table {
        let mut text = String::new();
        for (reset, _) in &successes {
            text.push_str(&format!(
                "Reset the session counter of machine {}: {} -> {}\n",
                reset.typed.machine_id,
                reset.typed.old_session_count,
                reset.typed.new_session_count
            ));
        }
        write_stdout(&text)?;
    } else {
        print_documents(
            context,
            collection,
            successes.iter().map(|(reset, _)| &reset.raw),
        )?;
    }

    Ok(results_exit_code(&results))
}
