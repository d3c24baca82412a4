//! The admin API's documents, named after the API's own nouns.
//!
//! Every struct keeps the fields vendctl does not model in `extra`, and every document is also
//! kept as the server sent it (see [`super::Document`]), so JSON output never loses a field.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// The session statuses the backend uses.
pub const STATUSES: [&str; 6] = [
    "active",
    "designing",
    "payment_pending",
    "payment_completed",
    "expired",
    "cancelled",
];

/// `GET /api/admin/machines/{machine_id}/sessions`: one page of a machine's sessions, newest
/// first. The counts describe this page only.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionList {
    pub machine_id: String,
    pub total_sessions: u64,
    pub active_sessions: u64,
    pub expired_sessions: u64,
    pub sessions: Vec<SessionSummary>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One session of a listing.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionSummary {
    pub session_id: String,
    pub machine_id: String,
    pub status: String,
    pub user_progress: Option<String>,
    #[serde(deserialize_with = "timestamp_opt", default)]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "timestamp_opt", default)]
    pub expires_at: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "timestamp_opt", default)]
    pub last_activity: Option<DateTime<Utc>>,
    pub is_expired: bool,
    /// The amount paid; the server sends null both for no payment and for 0.
    pub payment_amount: Option<f64>,
    pub payment_method: Option<String>,
    pub order_id: Option<String>,
    pub ip_address: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SessionSummary {
    /// Returns true when the listing counts this session as expired: past its expiry, or with
    /// status `expired` or `cancelled`.
    pub fn counts_as_expired(&self) -> bool {
        self.is_expired || self.status == "expired" || self.status == "cancelled"
    }

    /// Returns true when the server's smart cleanup deletes this session: past its expiry, or
    /// with status `expired`, `cancelled` or `payment_completed`.
    pub fn smart_cleanup_deletes(&self) -> bool {
        self.is_expired
            || matches!(
                self.status.as_str(),
                "expired" | "cancelled" | "payment_completed"
            )
    }

    /// Returns true for `payment_pending` and `payment_completed` sessions.
    pub fn involves_payment(&self) -> bool {
        matches!(
            self.status.as_str(),
            "payment_pending" | "payment_completed"
        )
    }
}

/// `GET /api/admin/machines/{machine_id}/info`, in either of its two shapes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MachineInfo {
    pub machine_id: String,
    pub exists: bool,
    /// Present when the machine exists.
    pub name: Option<String>,
    pub location: Option<String>,
    pub is_active: Option<bool>,
    #[serde(deserialize_with = "timestamp_opt", default)]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "timestamp_opt", default)]
    pub last_heartbeat: Option<DateTime<Utc>>,
    pub qr_config: Option<Value>,
    /// Present when the machine does not exist.
    pub message: Option<String>,
    pub session_stats: SessionStats,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The session statistics of a machine.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionStats {
    /// All of the machine's sessions in the database.
    pub total_sessions: u64,
    /// Sessions with status `active` and not expired.
    pub active_sessions: u64,
    /// The server's in-memory counter that session creation checks.
    pub memory_session_count: u64,
    /// The number of concurrent sessions a machine may hold.
    pub session_limit: u64,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `POST /api/admin/machines/{machine_id}/reset-session-count`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CounterReset {
    pub machine_id: String,
    pub old_session_count: u64,
    pub new_session_count: u64,
    pub message: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `DELETE /api/admin/sessions/{session_id}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeletedSession {
    pub session_id: String,
    pub machine_id: String,
    pub message: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `DELETE /api/admin/machines/{machine_id}/sessions/cleanup`. `deleted_sessions` is absent
/// when nothing was deleted.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CleanupResult {
    pub machine_id: String,
    pub deleted_count: u64,
    #[serde(default)]
    pub deleted_sessions: Vec<CleanedSession>,
    pub message: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One session a cleanup deleted.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CleanedSession {
    pub session_id: String,
    pub status: String,
    #[serde(deserialize_with = "timestamp_opt", default)]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An error body: `{"detail": "..."}`. FastAPI's own validation errors would make `detail` an
/// array, so any JSON value is accepted and shown as text.
#[derive(Debug, Clone, Deserialize)]
pub struct ErrorBody {
    pub detail: Value,
}

impl ErrorBody {
    /// Returns `detail` as text: a string as it is, anything else as compact JSON.
    pub fn detail_text(&self) -> String {
        match &self.detail {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        }
    }
}

/// Parses a timestamp as Python's `isoformat()` writes it: with or without microseconds, with a
/// `+00:00` offset or none (which means UTC). `Z` is accepted too.
pub fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(with_offset) = DateTime::parse_from_rfc3339(text) {
        return Some(with_offset.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|naive| naive.and_utc())
}

fn timestamp_opt<'de, D>(deserializer: D) -> Result<Option<DateTime<Utc>>, D::Error>
where
    D: Deserializer<'de>,
{
    let text = Option::<String>::deserialize(deserializer)?;
    match text {
        None => Ok(None),
        Some(text) => parse_timestamp(&text)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("invalid timestamp `{text}`"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn timestamp_forms() {
        let micro = Utc.with_ymd_and_hms(2026, 12, 4, 20, 3, 22).unwrap()
            + chrono::Duration::microseconds(933_056);
        assert_eq!(
            parse_timestamp("2026-12-04T20:03:22.933056+00:00"),
            Some(micro)
        );
        assert_eq!(parse_timestamp("2026-12-04T20:03:22.933056"), Some(micro));

        let whole = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(parse_timestamp("2020-01-01T00:00:00+00:00"), Some(whole));
        assert_eq!(parse_timestamp("2020-01-01T00:00:00"), Some(whole));
        assert_eq!(parse_timestamp("2020-01-01T00:00:00Z"), Some(whole));
    }

    #[test]
    fn timestamp_other_offset_converted_to_utc() {
        let parsed = parse_timestamp("2026-12-04T21:00:00+01:00").unwrap();
        assert_eq!(parsed, Utc.with_ymd_and_hms(2026, 12, 4, 20, 0, 0).unwrap());
    }

    #[test]
    fn timestamp_garbage_rejected() {
        assert_eq!(parse_timestamp("garbage"), None);
        assert_eq!(parse_timestamp(""), None);
    }
}
