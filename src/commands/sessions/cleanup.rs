//! `vendctl sessions cleanup`: the server's smart or force cleanup, with previews,
//! confirmations, a dry run and a payment-keeping variant made of single deletes.

use std::process::ExitCode;

use chrono::Utc;
use comfy_table::Cell;
use serde_json::{Value, json};

use super::delete::{DeleteResult, delete_many};
use crate::api::{CleanupResult, Document, SessionSummary};
use crate::cli::{CleanupArgs, MAX_LIST_LIMIT, OutputFormat};
use crate::commands::machine::{for_machine_ids, print_documents, results_exit_code};
use crate::commands::{Context, is_collection, machine_ids, reject_ids_format};
use crate::error::Failure;
use crate::output::{self, new_table, write_stdout};
use crate::prompt;
use crate::terminal::Terminal;

/// The selection of sessions a cleanup deletes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CleanupMode {
    /// The server's smart cleanup: sessions past their expiry and those expired, cancelled
    /// or paid (payment_completed).
    Smart,
    /// Every session of the machine.
    Force,
    /// The sessions smart cleanup deletes, except payment_pending and payment_completed ones,
    /// deleted one by one.
    KeepPayments,
}

impl CleanupMode {
    fn name(self) -> &'static str {
        match self {
            CleanupMode::Smart => "smart",
            CleanupMode::Force => "force",
            CleanupMode::KeepPayments => "keep-payments",
        }
    }

    fn selects(self, session: &SessionSummary) -> bool {
        match self {
            CleanupMode::Smart => session.smart_cleanup_deletes(),
            CleanupMode::Force => true,
            CleanupMode::KeepPayments => {
                session.smart_cleanup_deletes() && !session.involves_payment()
            }
        }
    }
}

/// The sessions a cleanup would delete, as far as the listing shows them.
#[derive(Debug)]
pub struct Preview {
    pub machine_id: String,
    pub mode: CleanupMode,
    /// The selected sessions, as typed data and as the server sent them.
    pub sessions: Vec<(SessionSummary, Value)>,
    /// All of the machine's sessions in the database (from machine info).
    pub total_sessions: u64,
    /// Sessions the listing returned (at most 100, the newest).
    pub listed: usize,
}

impl Preview {
    /// Returns how many of the machine's sessions the listing could not show.
    pub fn not_previewed(&self) -> u64 {
        self.total_sessions.saturating_sub(self.listed as u64)
    }

    fn count_status(&self, status: &str) -> usize {
        self.sessions
            .iter()
            .filter(|(session, _)| session.status == status)
            .count()
    }
}

/// Builds the preview of a cleanup from the newest 100 sessions and the machine's total.
pub async fn preview(
    context: &Context,
    machine_id: &str,
    mode: CleanupMode,
) -> anyhow::Result<Preview> {
    let listing = context
        .client
        .list_sessions(machine_id, None, Some(MAX_LIST_LIMIT))
        .await?;
    let info = context.client.machine_info(machine_id).await?;

    let sessions = listing
        .typed
        .sessions
        .iter()
        .enumerate()
        .filter(|(_, session)| mode.selects(session))
        .map(|(index, session)| (session.clone(), listing.raw["sessions"][index].clone()))
        .collect();

    Ok(Preview {
        machine_id: machine_id.to_owned(),
        mode,
        sessions,
        total_sessions: info.typed.session_stats.total_sessions,
        listed: listing.typed.sessions.len(),
    })
}

/// Runs `sessions cleanup` on each machine of the selection.
pub async fn run(context: &Context, args: CleanupArgs) -> anyhow::Result<ExitCode> {
    reject_ids_format(context, "sessions cleanup")?;
    let mode = if args.force {
        CleanupMode::Force
    } else if args.keep_payments {
        CleanupMode::KeepPayments
    } else {
        CleanupMode::Smart
    };
    let ids = machine_ids(&args.selection)?;
    let collection = is_collection(&args.selection, ids.len());

    if args.dry_run {
        return dry_run(context, ids, args.selection.jobs, mode, collection).await;
    }

    let approved = confirm_all(context, &ids, mode, args.yes).await?;
    if approved.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }

    if mode == CleanupMode::KeepPayments {
        return keep_payments(context, approved, args.selection.jobs, collection).await;
    }

    let results = for_machine_ids(
        context,
        approved,
        args.selection.jobs,
        "machines",
        |machine_id| async move {
            context
                .client
                .cleanup(&machine_id, mode == CleanupMode::Force)
                .await
        },
    )
    .await?;
    print_cleanups(context, &results, collection)?;
    Ok(results_exit_code(&results))
}

/// Asks for each machine's confirmation where one is needed and returns the machines to
/// clean up. Without a terminal, force cleanup needs `--yes`, and smart cleanup runs: it is
/// the routine cron job.
async fn confirm_all(
    context: &Context,
    ids: &[String],
    mode: CleanupMode,
    yes: bool,
) -> anyhow::Result<Vec<String>> {
    if yes {
        return Ok(ids.to_vec());
    }
    if !context.terminal.can_prompt() {
        if mode == CleanupMode::Force {
            return Err(Failure::NotConfirmed(format!(
                "refusing to delete every session of {} without a terminal to confirm; add --yes to confirm in a script",
                ids.join(", ")
            ))
            .into());
        }
        return Ok(ids.to_vec());
    }

    let mut approved = Vec::new();
    for machine_id in ids {
        if confirm_one(context, machine_id, mode).await? {
            approved.push(machine_id.clone());
        }
    }
    Ok(approved)
}

/// Shows what a cleanup of one machine deletes and prompts for confirmation: the machine id typed back for a
/// force cleanup, y/N otherwise. Returns false when there is nothing to delete. A declined
/// force cleanup is an error (exit 2).
pub async fn confirm_one(
    context: &Context,
    machine_id: &str,
    mode: CleanupMode,
) -> anyhow::Result<bool> {
    let terminal = &context.terminal;

    if mode == CleanupMode::Force {
        let info = context.client.machine_info(machine_id).await?;
        let total = info.typed.session_stats.total_sessions;
        output::note(&format!(
            "This deletes all {total} sessions of machine {machine_id}, live and paid ones included."
        ));
        let question = format!("Type the machine id ({machine_id}) to confirm");
        if prompt::type_to_confirm(question, machine_id, terminal, &context.interrupt).await? {
            return Ok(true);
        }
        return Err(Failure::NotConfirmed(format!(
            "the answer did not match {machine_id}; nothing was deleted"
        ))
        .into());
    }

    let preview = preview(context, machine_id, mode).await?;
    if preview.sessions.is_empty() && preview.not_previewed() == 0 {
        output::note(&format!("No sessions to delete on machine {machine_id}."));
        return Ok(false);
    }
    output::note(&preview_text(&preview, terminal_for_stderr(terminal)));

    let question = format!("Delete these sessions of machine {machine_id}?");
    if prompt::confirm(question, terminal, &context.interrupt).await? {
        return Ok(true);
    }
    output::note(&format!(
        "Cancelled; nothing was deleted on machine {machine_id}."
    ));
    Err(Failure::NotConfirmed(format!("cleanup of machine {machine_id} not confirmed")).into())
}

/// Returns a terminal description for text printed on stderr instead of stdout.
fn terminal_for_stderr(terminal: &Terminal) -> Terminal {
    Terminal {
        stdout: terminal.stderr,
        color: terminal.color && terminal.stderr,
        ..*terminal
    }
}

/// Describes a preview: a table of the sessions, the paid and in-payment ones called out,
/// and the sessions the listing could not show.
fn preview_text(preview: &Preview, terminal: Terminal) -> String {
    let machine_id = &preview.machine_id;
    let mut text = format!(
        "{} cleanup of machine {machine_id} would delete {} of the {} sessions listed{}\n",
        capitalised(preview.mode.name()),
        preview.sessions.len(),
        preview.listed,
        if preview.sessions.is_empty() {
            "."
        } else {
            ":"
        }
    );

    if !preview.sessions.is_empty() {
        let sessions: Vec<&SessionSummary> = preview
            .sessions
            .iter()
            .map(|(session, _)| session)
            .collect();
        let table = output::sessions_table(&sessions, &terminal, Utc::now());
        text.push_str(&output::table_text(&table, &terminal));
    }

    let paid = preview.count_status("payment_completed");
    let pending = preview.count_status("payment_pending");
    if paid > 0 {
        text.push_str(&format!(
            "Among them {paid} paid (payment_completed) sessions: paid orders.\n"
        ));
    }
    if pending > 0 {
        text.push_str(&format!(
            "Among them {} in payment (payment_pending): customers may still be paying.\n",
            output::count_noun(pending, "session")
        ));
    }
    let hidden = preview.not_previewed();
    if hidden > 0 {
        text.push_str(&format!(
            "{hidden} older sessions could not be previewed: the listing returns at most {MAX_LIST_LIMIT}. \
             The cleanup judges them by the same rules.\n"
        ));
    }
    text.trim_end().to_owned()
}

fn capitalised(word: &str) -> String {
    let mut characters = word.chars();
    characters
        .next()
        .map(|first| first.to_uppercase().chain(characters).collect())
        .unwrap_or_default()
}

/// `--dry-run`: prints what each machine's cleanup would delete and deletes nothing.
async fn dry_run(
    context: &Context,
    ids: Vec<String>,
    jobs: u16,
    mode: CleanupMode,
    collection: bool,
) -> anyhow::Result<ExitCode> {
    let results = for_machine_ids(context, ids, jobs, "machines", |machine_id| async move {
        preview(context, &machine_id, mode).await
    })
    .await?;
    let previews = results
        .iter()
        .filter_map(|result| result.outcome.as_ref().ok());

    if context.format == OutputFormat::Table {
        let mut text = String::new();
        for preview in previews {
            text.push_str(&preview_text(preview, context.terminal));
            text.push_str("\nDry run: nothing was deleted.\n");
        }
        write_stdout(&text)?;
    } else {
        let documents: Vec<Value> = previews.map(preview_json).collect();
        print_documents(context, collection, documents.iter())?;
    }
    Ok(results_exit_code(&results))
}

/// Returns a dry run's JSON document.
fn preview_json(preview: &Preview) -> Value {
    json!({
        "machine_id": preview.machine_id,
        "dry_run": true,
        "mode": preview.mode.name(),
        "would_delete_count": preview.sessions.len(),
        "would_delete": preview.sessions.iter().map(|(_, raw)| raw.clone()).collect::<Vec<_>>(),
        "listed_sessions": preview.listed,
        "total_sessions": preview.total_sessions,
        "not_previewed": preview.not_previewed(),
    })
}

/// `--keep-payments`: deletes, one by one, the sessions smart cleanup would delete except
/// payment_pending and payment_completed ones. Unlike a cleanup this lowers the counter by
/// one per session instead of setting it to 0.
async fn keep_payments(
    context: &Context,
    machine_ids: Vec<String>,
    jobs: u16,
    collection: bool,
) -> anyhow::Result<ExitCode> {
    let previews = for_machine_ids(
        context,
        machine_ids,
        jobs,
        "machines",
        |machine_id| async move { preview(context, &machine_id, CleanupMode::KeepPayments).await },
    )
    .await?;

    let mut documents = Vec::new();
    let mut text = String::new();
    let mut first_failure: Option<u8> = None;
    for result in &previews {
        let Ok(preview) = &result.outcome else {
            continue;
        };
        let session_ids: Vec<String> = preview
            .sessions
            .iter()
            .map(|(session, _)| session.session_id.clone())
            .collect();
        let deletes = delete_many(context, &session_ids, jobs, true).await;

        let deleted: Vec<&String> = session_ids
            .iter()
            .zip(&deletes)
            .filter(|(_, result)| {
                matches!(
                    result,
                    DeleteResult::Deleted { .. }
                        | DeleteResult::DeletedOnRetry { .. }
                        | DeleteResult::Missing { .. }
                )
            })
            .map(|(id, _)| id)
            .collect();
        for (id, delete) in session_ids.iter().zip(&deletes) {
            if let DeleteResult::Failed(error) = delete {
                first_failure.get_or_insert(crate::error::exit_code(error));
                output::note(&format!("vendctl: session {id}: {error:#}"));
            }
            if matches!(delete, DeleteResult::NotStarted | DeleteResult::Unknown) {
                first_failure.get_or_insert(Failure::Interrupted.exit_code());
            }
        }

        text.push_str(&format!(
            "Deleted {} of {} sessions of machine {}, keeping payment sessions\n",
            deleted.len(),
            session_ids.len(),
            preview.machine_id
        ));
        if preview.not_previewed() > 0 {
            output::warn(&format!(
                "{} older sessions of machine {} were not examined: the listing returns at most {MAX_LIST_LIMIT}; run the command again after this one",
                preview.not_previewed(),
                preview.machine_id
            ));
        }
        documents.push(json!({
            "machine_id": preview.machine_id,
            "mode": "keep-payments",
            "deleted_count": deleted.len(),
            "deleted_sessions": deleted,
            "not_examined": preview.not_previewed(),
        }));
    }

    match context.format {
        OutputFormat::Table => write_stdout(&text)?,
        _ => print_documents(context, collection, documents.iter())?,
    }

    let machine_failures = results_exit_code(&previews);
    if machine_failures != ExitCode::SUCCESS {
        return Ok(machine_failures);
    }
    Ok(first_failure.map_or(ExitCode::SUCCESS, ExitCode::from))
}

/// Prints the server's cleanup results.
fn print_cleanups(
    context: &Context,
    results: &[crate::commands::machine::MachineResult<Document<CleanupResult>>],
    collection: bool,
) -> anyhow::Result<()> {
    let documents = results
        .iter()
        .filter_map(|result| result.outcome.as_ref().ok());
    if context.format != OutputFormat::Table {
        return print_documents(context, collection, documents.map(|document| &document.raw));
    }

    let mut text = String::new();
    for document in documents {
        let cleanup = &document.typed;
        if cleanup.deleted_count == 0 {
            text.push_str(&format!(
                "No sessions to delete on machine {}.\n",
                cleanup.machine_id
            ));
            continue;
        }
        text.push_str(&format!(
            "Deleted {} sessions of machine {}; it can create new sessions again.\n",
            cleanup.deleted_count, cleanup.machine_id
        ));
        let mut table = new_table(&context.terminal);
        table.set_header(output::header(&["SESSION ID", "STATUS", "CREATED"]));
        let now = Utc::now();
        for session in &cleanup.deleted_sessions {
            table.add_row(vec![
                Cell::new(&session.session_id),
                output::status_cell(&session.status, &context.terminal),
                Cell::new(output::optional_relative_time(session.created_at, now)),
            ]);
        }
        output::keep_first_columns_whole(&mut table);
        text.push_str(&output::table_text(&table, &context.terminal));
    }
    write_stdout(&text)
}
