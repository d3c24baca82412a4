//! `vendctl sessions delete`: delete sessions by id, from arguments or stdin, concurrently.

use std::collections::HashSet;
use std::io::BufRead;
use std::process::ExitCode;

use serde_json::{Value, json};

use crate::api::{DeleteOutcome, validate_id};
use crate::bulk::{self, Step};
use crate::cli::{DeleteArgs, OutputFormat};
use crate::commands::Context;
use crate::error::{self, Failure, usage};
use crate::output::{self, write_stdout};

/// The outcome of deleting one session id.
#[derive(Debug)]
pub enum DeleteResult {
    /// The server deleted it.
    Deleted { machine_id: String, raw: Value },
    /// The server returned 404 after an earlier attempt whose outcome is unknown, so most
    /// likely that attempt deleted it.
    DeletedOnRetry { detail: String },
    /// Not found, and `--ignore-missing` counts that as deleted.
    Missing { detail: String },
    /// The request failed, for the reason in the error.
    Failed(anyhow::Error),
    /// Ctrl-C came before the request was sent.
    NotStarted,
    /// The request was in flight at Ctrl-C and did not finish in time.
    Unknown,
}

impl DeleteResult {
    fn label(&self) -> &'static str {
        match self {
            DeleteResult::Deleted { .. } => "deleted",
            DeleteResult::DeletedOnRetry { .. } => "deleted",
            DeleteResult::Missing { .. } => "missing",
            DeleteResult::Failed(_) => "failed",
            DeleteResult::NotStarted => "not_started",
            DeleteResult::Unknown => "unknown",
        }
    }
}

/// Deletes each session id given and reports each result.
pub async fn run(context: &Context, args: DeleteArgs) -> anyhow::Result<ExitCode> {
    let from_stdin = args.session_ids.iter().any(|id| id == "-");
    let ids = collect_ids(&args.session_ids)?;
    let single = ids.len() == 1 && !from_stdin;
    if ids.is_empty() {
        output::note("vendctl: no session ids on stdin; nothing to delete");
        return Ok(ExitCode::SUCCESS);
    }

    let results = delete_many(context, &ids, args.jobs, args.ignore_missing).await;

    print_results(context, &ids, &results, single)?;
    report_failures(&ids, &results);
    if !single {
        output::note(&summary_line(&results));
    }

    Ok(exit_code(&results))
}

/// Deletes `ids` (already validated or not: an invalid id fails without a request), `jobs` at
/// once, stopping on Ctrl-C. Results are in the order of `ids`.
pub async fn delete_many(
    context: &Context,
    ids: &[String],
    jobs: u16,
    ignore_missing: bool,
) -> Vec<DeleteResult> {
    let progress = bulk::progress_bar(&context.terminal, ids.len(), "sessions");
    let steps = bulk::run_ordered(
        ids.to_vec(),
        usize::from(jobs),
        &context.interrupt,
        progress.as_ref(),
        |session_id| async move { delete_one(context, &session_id, ignore_missing).await },
    )
    .await;
    if let Some(progress) = progress {
        progress.finish_and_clear();
    }

    steps
        .into_iter()
        .map(|step| match step {
            Step::Done(result) => result,
            Step::NotStarted => DeleteResult::NotStarted,
            Step::Abandoned => DeleteResult::Unknown,
        })
        .collect()
}

async fn delete_one(context: &Context, session_id: &str, ignore_missing: bool) -> DeleteResult {
    if let Err(error) = validate_id("session id", session_id) {
        return DeleteResult::Failed(error);
    }
    match context.client.delete_session(session_id).await {
        Ok(DeleteOutcome::Deleted(document)) => DeleteResult::Deleted {
            machine_id: document.typed.machine_id,
            raw: document.raw,
        },
        Ok(DeleteOutcome::Missing {
            after_uncertain_attempt: true,
            detail,
        }) => DeleteResult::DeletedOnRetry { detail },
        Ok(DeleteOutcome::Missing { detail, .. }) if ignore_missing => {
            DeleteResult::Missing { detail }
        }
        Ok(DeleteOutcome::Missing { detail, .. }) => {
            // The server's own text is usually just "Session not found", which the message
            // already states.
            let hint = "check the id, or add --ignore-missing";
            let detail = if detail == "Session not found" {
                hint.to_owned()
            } else {
                format!("{detail}; {hint}")
            };
            DeleteResult::Failed(
                Failure::NotFound {
                    what: "session".to_owned(),
                    detail,
                }
                .into(),
            )
        }
        Err(error) if matches!(error::failure_of(&error), Some(Failure::TimedOut { .. })) => {
            DeleteResult::Failed(error.context("the session may or may not have been deleted"))
        }
        Err(error) => DeleteResult::Failed(error),
    }
}

/// Returns the ids of the arguments, with `-` replaced by the lines of stdin (blank lines
/// skipped). Repeated ids are kept once, in first-seen order, since the second delete of
/// an id could only fail.
fn collect_ids(arguments: &[String]) -> anyhow::Result<Vec<String>> {
    let mut ids = Vec::new();
    let mut stdin_read = false;
    for argument in arguments {
        if argument != "-" {
            ids.push(argument.clone());
            continue;
        }
        if stdin_read {
            return Err(usage("`-` (read ids from stdin) can be given only once"));
        }
        stdin_read = true;
        for line in std::io::stdin().lock().lines() {
            let line = line
                .map_err(|error| usage(format!("cannot read session ids from stdin: {error}")))?;
            let id = line.trim();
            if !id.is_empty() {
                ids.push(id.to_owned());
            }
        }
    }

    let mut seen = HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    Ok(ids)
}

/// Prints the results on stdout: sentences for people, the server's document for a single
/// id with `-o json`, otherwise one result object per id.
fn print_results(
    context: &Context,
    ids: &[String],
    results: &[DeleteResult],
    single: bool,
) -> anyhow::Result<()> {
    match context.format {
        OutputFormat::Table | OutputFormat::Ids => {
            let mut text = String::new();
            for (id, result) in ids.iter().zip(results) {
                match result {
                    DeleteResult::Deleted { machine_id, .. } => {
                        text.push_str(&format!("Deleted session {id} of machine {machine_id}\n"));
                    }
                    DeleteResult::DeletedOnRetry { .. } => text.push_str(&format!(
                        "Deleted session {id} (a retry found it gone after an attempt whose response was lost)\n"
                    )),
                    DeleteResult::Missing { .. } => {
                        text.push_str(&format!("Session {id} was already gone\n"));
                    }
                    _ => {}
                }
            }
            write_stdout(&text)
        }
        OutputFormat::Json if single => match &results[0] {
            DeleteResult::Deleted { raw, .. } => output::print_json(raw, &context.terminal),
            other => output::print_json(&result_json(&ids[0], other), &context.terminal),
        },
        OutputFormat::Json => {
            let array = ids
                .iter()
                .zip(results)
                .map(|(id, result)| result_json(id, result))
                .collect();
            output::print_json(&Value::Array(array), &context.terminal)
        }
        OutputFormat::Ndjson => {
            let lines: Vec<Value> = ids
                .iter()
                .zip(results)
                .map(|(id, result)| result_json(id, result))
                .collect();
            output::print_ndjson(&lines)
        }
    }
}

/// Returns one id's result as a JSON object: `session_id`, `result` and, where there is one,
/// `machine_id`, `detail` and the server's `response`.
fn result_json(id: &str, result: &DeleteResult) -> Value {
    let mut object = json!({ "session_id": id, "result": result.label() });
    match result {
        DeleteResult::Deleted { machine_id, raw } => {
            object["machine_id"] = json!(machine_id);
            object["response"] = raw.clone();
        }
        DeleteResult::DeletedOnRetry { detail } => {
            object["detail"] = json!(format!(
                "{detail}; an earlier attempt's response was lost, so it most likely deleted the session"
            ));
        }
        DeleteResult::Missing { detail } => object["detail"] = json!(detail),
        DeleteResult::Failed(error) => object["detail"] = json!(error::one_line(error)),
        DeleteResult::NotStarted => {
            object["detail"] = json!("interrupted before the request was sent")
        }
        DeleteResult::Unknown => {
            object["detail"] =
                json!("interrupted while the request was in flight; check whether it was deleted")
        }
    }
    object
}

/// Prints each failed, unsent and unknown id on stderr.
fn report_failures(ids: &[String], results: &[DeleteResult]) {
    for (id, result) in ids.iter().zip(results) {
        // An empty line is skipped, but an empty argument reaches here; show it as "".
        let id = if id.is_empty() { "\"\"" } else { id.as_str() };
        match result {
            DeleteResult::Failed(error) if !error::is_closed_pipe(error) => {
                output::note(&format!(
                    "vendctl: session {id}: {}",
                    error::one_line(error)
                ));
            }
            DeleteResult::NotStarted => {
                output::note(&format!("vendctl: session {id}: not started (interrupted)"))
            }
            DeleteResult::Unknown => output::note(&format!(
                "vendctl: session {id}: outcome unknown (interrupted while in flight)"
            )),
            _ => {}
        }
    }
}

/// Returns the summary: how many were deleted, missing, failed, and not done.
fn summary_line(results: &[DeleteResult]) -> String {
    let count = |label: &str| {
        results
            .iter()
            .filter(|result| result.label() == label)
            .count()
    };
    let mut line = format!(
        "{} deleted, {} missing, {} failed",
        count("deleted"),
        count("missing"),
        count("failed")
    );
    let not_started = count("not_started");
    let unknown = count("unknown");
    if not_started + unknown > 0 {
        line.push_str(&format!(
            ", {not_started} not started, {unknown} unknown (interrupted)"
        ));
    }
    line
}

/// Returns 130 after Ctrl-C, else the exit code of the first failure, else 0.
fn exit_code(results: &[DeleteResult]) -> ExitCode {
    let interrupted = results
        .iter()
        .any(|result| matches!(result, DeleteResult::NotStarted | DeleteResult::Unknown));
    if interrupted {
        return ExitCode::from(Failure::Interrupted.exit_code());
    }

    let first_failure = results.iter().find_map(|result| match result {
        DeleteResult::Failed(error) => Some(error),
        _ => None,
    });
    first_failure.map_or(ExitCode::SUCCESS, |error| {
        ExitCode::from(error::exit_code(error))
    })
}
