//! Rendering: tables for people, JSON and NDJSON for programs, and the writes to stdout and
//! stderr that treat a closed pipe as a normal end.

use std::io::Write;

use chrono::{DateTime, Utc};
use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, presets};
use serde_json::Value;

use crate::api::SessionSummary;
use crate::error::Failure;
use crate::terminal::Terminal;

/// Writes `text` to stdout. A reader that has gone away (`| head -1`) becomes
/// [`Failure::ClosedPipe`], which ends the run quietly with exit code 0.
pub fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
    match written {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            Err(Failure::ClosedPipe.into())
        }
        Err(error) => Err(anyhow::Error::new(error).context("writing to stdout")),
    }
}

/// Writes one line to stdout.
pub fn write_stdout_line(line: &str) -> anyhow::Result<()> {
    write_stdout(&format!("{line}\n"))
}

/// Writes one line to stderr, for messages, warnings and errors.
pub fn write_stderr_line(line: &str) -> std::io::Result<()> {
    let mut stderr = std::io::stderr().lock();
    writeln!(stderr, "{line}")
}

/// Prints a warning on stderr. A closed stderr is ignored: there is nowhere else to say it.
pub fn warn(message: &str) {
    let _ = write_stderr_line(&format!("vendctl: warning: {message}"));
}

/// Prints an informational note on stderr.
pub fn note(message: &str) {
    let _ = write_stderr_line(message);
}

/// Serialises a JSON value: indented on a terminal, compact otherwise. Key order is the
/// server's, because serde_json keeps insertion order (`preserve_order`).
pub fn json_text(value: &Value, terminal: &Terminal) -> String {
    let text = if terminal.stdout {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    // A `Value` always serialises: its map keys are strings.
    text.expect("a serde_json::Value serialises")
}

/// Prints a JSON value on stdout followed by a line break.
pub fn print_json(value: &Value, terminal: &Terminal) -> anyhow::Result<()> {
    write_stdout_line(&json_text(value, terminal))
}

/// Prints each value on a line of its own, compact (NDJSON).
pub fn print_ndjson<'a>(values: impl IntoIterator<Item = &'a Value>) -> anyhow::Result<()> {
    let mut text = String::new();
    for value in values {
        text.push_str(&value.to_string());
        text.push('\n');
    }
    write_stdout(&text)
}

/// Returns an empty table styled for where it is printed: boxed and fitted to the width of a
/// terminal, or plain aligned columns without colour or width guessing for a pipe or file.
pub fn new_table(terminal: &Terminal) -> Table {
    let mut table = Table::new();
    if terminal.stdout {
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        table
            .load_style(presets::NOTHING)
            .force_no_tty()
            .set_content_arrangement(ContentArrangement::Disabled);
    }
    if terminal.color {
        table.enforce_styling();
    }
    table
}

/// Renders a table followed by a line break. Off a terminal each line loses its trailing
/// padding, so that scripts reading the columns see no stray spaces.
pub fn table_text(table: &Table, terminal: &Terminal) -> String {
    let rendered = table.to_string();
    if terminal.stdout {
        return format!("{rendered}\n");
    }
    let mut text = String::with_capacity(rendered.len() + 1);
    for line in rendered.lines() {
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

/// Returns a header row.
pub fn header(titles: &[&str]) -> Vec<Cell> {
    titles.iter().copied().map(Cell::new).collect()
}

/// Returns a cell for a session status, coloured when colour is on.
pub fn status_cell(status: &str, terminal: &Terminal) -> Cell {
    let cell = Cell::new(status);
    if !terminal.color {
        return cell;
    }
    let color = match status {
        "active" => Color::Green,
        "designing" => Color::Cyan,
        "payment_pending" => Color::Yellow,
        "payment_completed" => Color::Blue,
        "expired" | "cancelled" => Color::DarkGrey,
        _ => return cell,
    };
    cell.fg(color)
}

/// Renders sessions as a table: id, status, progress, created, expires and payment amount.
pub fn sessions_table(
    sessions: &[&SessionSummary],
    terminal: &Terminal,
    now: DateTime<Utc>,
) -> Table {
    let mut table = new_table(terminal);
    table.set_header(header(&[
        "SESSION ID",
        "STATUS",
        "PROGRESS",
        "CREATED",
        "EXPIRES",
        "AMOUNT",
    ]));
    keep_first_columns_whole(&mut table);

    for session in sessions {
        let expires = match session.expires_at {
            Some(at) if session.is_expired => format!("expired {}", relative_time(at, now)),
            Some(at) => relative_time(at, now),
            None => "-".to_owned(),
        };
        table.add_row(vec![
            Cell::new(&session.session_id),
            status_cell(&session.status, terminal),
            Cell::new(session.user_progress.as_deref().unwrap_or("-")),
            Cell::new(optional_relative_time(session.created_at, now)),
            Cell::new(expires),
            Cell::new(payment_text(session.payment_amount)),
        ]);
    }
    table
}

/// Keeps the first two columns (an id and a status) on one line when a narrow terminal makes
/// the table wrap, so that ids can be copied whole and statuses read as one word.
pub fn keep_first_columns_whole(table: &mut Table) {
    for index in 0..2 {
        if let Some(column) = table.column_mut(index) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
}

/// Returns `count` and `noun`, with an `s` unless the count is 1: "1 session", "3 sessions".
pub fn count_noun(count: usize, noun: &str) -> String {
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {noun}{plural}")
}

/// Returns a payment amount with two decimals, or `-` when there is none.
pub fn payment_text(amount: Option<f64>) -> String {
    amount.map_or_else(|| "-".to_owned(), |amount| format!("{amount:.2}"))
}

/// Returns [`relative_time`] for a timestamp that may be missing.
pub fn optional_relative_time(at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> String {
    at.map_or_else(|| "-".to_owned(), |at| relative_time(at, now))
}

/// Returns how far `at` is from `now` in the largest whole unit: "in 12m", "3h ago",
/// "just now" within a second.
pub fn relative_time(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (at - now).num_seconds();
    let amount = compact_duration(seconds.unsigned_abs());
    match seconds {
        0 => "just now".to_owned(),
        1.. => format!("in {amount}"),
        _ => format!("{amount} ago"),
    }
}

/// Returns a number of seconds in its largest whole unit: 45s, 12m, 3h, 2d, 5y.
pub fn compact_duration(seconds: u64) -> String {
    const MINUTE: u64 = 60;
    const HOUR: u64 = 60 * MINUTE;
    const DAY: u64 = 24 * HOUR;
    const YEAR: u64 = 365 * DAY;

    match seconds {
        s if s < MINUTE => format!("{s}s"),
        s if s < HOUR => format!("{}m", s / MINUTE),
        s if s < DAY => format!("{}h", s / HOUR),
        s if s < YEAR => format!("{}d", s / DAY),
        s => format!("{}y", s / YEAR),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn relative_time_future_and_past() {
        let now = Utc.with_ymd_and_hms(2026, 12, 4, 20, 0, 0).unwrap();
        assert_eq!(
            relative_time(now + chrono::Duration::minutes(12), now),
            "in 12m"
        );
        assert_eq!(
            relative_time(now - chrono::Duration::hours(3), now),
            "3h ago"
        );
        assert_eq!(
            relative_time(now - chrono::Duration::seconds(45), now),
            "45s ago"
        );
        assert_eq!(relative_time(now, now), "just now");
        let old = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(relative_time(old, now), "6y ago");
    }

    #[test]
    fn payment_amounts() {
        assert_eq!(payment_text(Some(19.99)), "19.99");
        assert_eq!(payment_text(Some(12.5)), "12.50");
        assert_eq!(payment_text(None), "-");
    }
}
