//! `vendctl sessions list`: a machine's sessions, newest first, with client-side filters.

use std::process::ExitCode;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::api::{Document, STATUSES, SessionList, SessionSummary};
use crate::cli::{ListArgs, OutputFormat};
use crate::commands::Context;
use crate::commands::machine::{for_each_machine, print_documents, results_exit_code};
use crate::error::usage;
use crate::output::{self, write_stdout};

/// The client-side filters of a listing.
#[derive(Debug, Clone, Copy)]
struct Filters {
    expired: bool,
    older_than: Option<Duration>,
    now: DateTime<Utc>,
}

impl Filters {
    fn is_active(&self) -> bool {
        self.expired || self.older_than.is_some()
    }

    fn keeps(&self, session: &SessionSummary) -> bool {
        if self.expired && !session.counts_as_expired() {
            return false;
        }
        if let Some(age) = self.older_than {
            // A session without a creation time has no known age, so it does not pass.
            let Some(created_at) = session.created_at else {
                return false;
            };
            let Ok(age) = chrono::Duration::from_std(age) else {
                return false;
            };
            if created_at > self.now - age {
                return false;
            }
        }
        true
    }
}

/// Lists the sessions of each machine and prints them in the chosen format.
pub async fn run(context: &Context, args: ListArgs) -> anyhow::Result<ExitCode> {
    let status = validate_status(args.status.as_deref())?;
    let filters = Filters {
        expired: args.expired,
        older_than: args.older_than,
        now: Utc::now(),
    };

    let results = for_each_machine(
        context,
        &args.selection,
        "machines",
        |machine_id| async move {
            context
                .client
                .list_sessions(&machine_id, status, args.limit)
                .await
        },
    )
    .await?;

    let listings: Vec<(&Document<SessionList>, Vec<usize>)> = results
        .iter()
        .filter_map(|result| result.outcome.as_ref().ok())
        .map(|document| {
            let kept = (0..document.typed.sessions.len())
                .filter(|index| filters.keeps(&document.typed.sessions[*index]))
                .collect();
            (document, kept)
        })
        .collect();

    match context.format {
        OutputFormat::Table => print_tables(context, &listings, &filters, args.limit)?,
        OutputFormat::Ids => {
            let mut text = String::new();
            for (document, kept) in &listings {
                for index in kept {
                    text.push_str(&document.typed.sessions[*index].session_id);
                    text.push('\n');
                }
            }
            write_stdout(&text)?;
        }
        OutputFormat::Ndjson => {
            let sessions: Vec<&Value> = listings
                .iter()
                .flat_map(|(document, kept)| kept.iter().map(|index| raw_session(document, *index)))
                .collect();
            output::print_ndjson(sessions)?;
        }
        OutputFormat::Json => {
            let filtered: Vec<Value> = listings
                .iter()
                .map(|(document, kept)| filtered_document(document, kept, filters.is_active()))
                .collect();
            let collection = crate::commands::is_collection(&args.selection, results.len());
            print_documents(context, collection, filtered.iter())?;
        }
    }

    Ok(results_exit_code(&results))
}

/// Checks `--status` against the backend's statuses. The server returns an empty list for an
/// unknown status, which would hide a typo. An empty status means no filter.
fn validate_status(status: Option<&str>) -> anyhow::Result<Option<&str>> {
    match status {
        None | Some("") => Ok(None),
        Some(status) if STATUSES.contains(&status) => Ok(Some(status)),
        Some(status) => Err(usage(format!(
            "unknown status `{status}`; use one of: {}",
            STATUSES.join(", ")
        ))),
    }
}

/// Returns the session at `index` of a listing as the server sent it.
fn raw_session(document: &Document<SessionList>, index: usize) -> &Value {
    &document.raw["sessions"][index]
}

/// Returns the server's document with only the kept sessions in `sessions` when a filter is
/// active; the counts stay as the server sent them.
fn filtered_document(document: &Document<SessionList>, kept: &[usize], filtering: bool) -> Value {
    if !filtering {
        return document.raw.clone();
    }
    let mut raw = document.raw.clone();
    let sessions = kept
        .iter()
        .map(|index| raw_session(document, *index).clone())
        .collect();
    raw["sessions"] = Value::Array(sessions);
    raw
}

/// Prints one table per machine with a summary line under it.
fn print_tables(
    context: &Context,
    listings: &[(&Document<SessionList>, Vec<usize>)],
    filters: &Filters,
    limit: Option<u32>,
) -> anyhow::Result<()> {
    let mut text = String::new();
    for (position, (document, kept)) in listings.iter().enumerate() {
        if position > 0 {
            text.push('\n');
        }
        let list = &document.typed;
        let sessions: Vec<&SessionSummary> =
            kept.iter().map(|index| &list.sessions[*index]).collect();

        if sessions.is_empty() {
            let qualifier = if filters.is_active() {
                " matching the filters"
            } else {
                ""
            };
            text.push_str(&format!(
                "No sessions{qualifier} on machine {}.\n",
                list.machine_id
            ));
            continue;
        }

        let table = output::sessions_table(&sessions, &context.terminal, filters.now);
        text.push_str(&output::table_text(&table, &context.terminal));
        text.push_str(&summary_line(
            list,
            sessions.len(),
            filters.is_active(),
            limit,
        ));
        text.push('\n');
    }
    write_stdout(&text)
}

/// Returns the line under a table: what is shown and what the page holds.
fn summary_line(list: &SessionList, shown: usize, filtering: bool, limit: Option<u32>) -> String {
    let listed = list.sessions.len();
    let mut line = if filtering {
        format!(
            "{shown} of {listed} listed sessions of machine {} match the filters",
            list.machine_id
        )
    } else {
        format!(
            "{} of machine {}: {} not expired, {} expired or cancelled",
            output::count_noun(listed, "session"),
            list.machine_id,
            list.active_sessions,
            list.expired_sessions
        )
    };

    let page_size = limit.unwrap_or(50) as usize;
    if listed >= page_size {
        line.push_str(&format!(
            "; the listing stops at {page_size}, older sessions are not shown (--limit goes up to 100)"
        ));
    }
    line
}
