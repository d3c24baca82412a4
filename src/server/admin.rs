//! Handlers of the admin endpoints under `/api/admin/`.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use chrono::{NaiveDateTime, Utc};
use serde::Serialize;
use serde_json::{Value, json};

use super::db::{self, Session};
use super::routes::{ApiError, AppState};
use super::timestamps::{self, isoformat_utc, isoformat_utc_opt, parse_stored};
use super::validation;

/// Returns the query parameters of `query`, the last value winning for a repeated name, as
/// Starlette reads a single-valued parameter.
fn query_params(query: Option<&str>) -> HashMap<String, String> {
    url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

/// `GET /api/admin/machines/{machine_id}/sessions?status=&limit=`: a machine's sessions, newest
/// first, with counts over the returned page.
pub async fn list_sessions(
    State(state): State<AppState>,
    Path(machine_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<SessionPage>, ApiError> {
    const ACTION: &str = "list sessions";
    let params = query_params(query.as_deref());
    let limit = validation::parse_limit(params.get("limit").map(String::as_str))
        .map_err(|issue| ApiError::Validation(validation::detail(&[issue])))?;
    let status = params
        .get("status")
        .map(String::as_str)
        .filter(|status| !status.is_empty());

    let sessions = db::list_sessions(&state.pool, &machine_id, status, limit)
        .await
        .map_err(ApiError::internal(ACTION))?;

    let now = Utc::now().naive_utc();
    let items = sessions
        .into_iter()
        .map(|session| SessionSummary::new(session, now))
        .collect::<Result<Vec<_>, _>>()
        .map_err(ApiError::internal(ACTION))?;
    let expired = items.iter().filter(|item| item.counts_as_expired()).count();

    Ok(Json(SessionPage {
        machine_id,
        total_sessions: items.len(),
        active_sessions: items.len() - expired,
        expired_sessions: expired,
        sessions: items,
    }))
}

/// The list response, serialized from structs, not built as a `Value`, because building 100
/// `Value` maps and freeing them cost a quarter of serve's CPU time for a page of 100 sessions.
/// Fields are in the production key order.
#[derive(Debug, Serialize)]
pub struct SessionPage {
    machine_id: String,
    total_sessions: usize,
    active_sessions: usize,
    expired_sessions: usize,
    sessions: Vec<SessionSummary>,
}

/// A session item of the list, fields in the production key order.
#[derive(Debug, Serialize)]
pub struct SessionSummary {
    session_id: String,
    machine_id: String,
    status: String,
    user_progress: String,
    created_at: Option<String>,
    expires_at: String,
    last_activity: Option<String>,
    is_expired: bool,
    payment_amount: Option<f64>,
    payment_method: Option<String>,
    order_id: Option<String>,
    ip_address: Option<String>,
}

impl SessionSummary {
    /// Builds the item of `session`, with timestamps in isoformat and a zero amount as null.
    fn new(session: Session, now: NaiveDateTime) -> Result<Self, String> {
        let expires_at = parse_stored(&session.expires_at)?;
        Ok(Self {
            created_at: isoformat_utc_opt(session.created_at.as_deref())?,
            expires_at: isoformat_utc(&session.expires_at)?,
            last_activity: isoformat_utc_opt(session.last_activity.as_deref())?,
            is_expired: now > expires_at,
            payment_amount: session.payment_amount.filter(|amount| *amount != 0.0),
            session_id: session.session_id,
            machine_id: session.machine_id,
            status: session.status,
            user_progress: session.user_progress,
            payment_method: session.payment_method,
            order_id: session.order_id,
            ip_address: session.ip_address,
        })
    }

    /// Returns true for an item that the page's `expired_sessions` counts.
    fn counts_as_expired(&self) -> bool {
        self.is_expired || matches!(self.status.as_str(), "expired" | "cancelled")
    }
}

/// `GET /api/admin/machines/{machine_id}/info`: the machine's row and its session statistics,
/// or `exists: false` for an unknown machine.
pub async fn machine_info(
    State(state): State<AppState>,
    Path(machine_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    const ACTION: &str = "get machine info";
    let now = timestamps::to_storage(Utc::now());
    let machine = db::machine(&state.pool, &machine_id)
        .await
        .map_err(ApiError::internal(ACTION))?;
    let (total, active) = db::session_counts(&state.pool, &machine_id, &now)
        .await
        .map_err(ApiError::internal(ACTION))?;
    let session_stats = json!({
        "total_sessions": total,
        "active_sessions": active,
        "memory_session_count": state.counters.get(&machine_id),
        "session_limit": state.counters.limit(),
    });

    let Some(machine) = machine else {
        return Ok(Json(json!({
            "machine_id": machine_id,
            "exists": false,
            "message": "Machine not found. Will be auto-created on first session request.",
            "session_stats": session_stats,
        })));
    };
    let qr_config: Value =
        serde_json::from_str(&machine.qr_config).map_err(ApiError::internal(ACTION))?;
    Ok(Json(json!({
        "machine_id": machine.id,
        "exists": true,
        "name": machine.name,
        "location": machine.location,
        "is_active": machine.is_active,
        "created_at": isoformat_utc(&machine.created_at).map_err(ApiError::internal(ACTION))?,
        "last_heartbeat": isoformat_utc_opt(machine.last_heartbeat.as_deref()).map_err(ApiError::internal(ACTION))?,
        "qr_config": qr_config,
        "session_stats": session_stats,
    })))
}

/// `POST /api/admin/machines/{machine_id}/reset-session-count`: sets the in-memory counter to 0.
pub async fn reset_session_count(
    State(state): State<AppState>,
    Path(machine_id): Path<String>,
) -> Json<Value> {
    let old = state.counters.set(&machine_id, 0);
    tracing::info!("reset the session counter of machine {machine_id} from {old} to 0");
    Json(json!({
        "machine_id": machine_id,
        "old_session_count": old,
        "new_session_count": 0,
        "message": "Session count reset successfully",
    }))
}

/// `DELETE /api/admin/sessions/{session_id}`: deletes one session of any status.
pub async fn delete_session(
    State(state): State<AppState>,
    Path(session_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let machine_id = db::delete_session(&state.pool, &session_id)
        .await
        .map_err(ApiError::internal("delete session"))?
        .ok_or(ApiError::NotFound)?;
    state.counters.decrement(&machine_id, 1);
    Ok(Json(json!({
        "session_id": session_id,
        "machine_id": machine_id,
        "message": "Session deleted successfully",
    })))
}

/// `DELETE /api/admin/machines/{machine_id}/sessions/cleanup?force=`: deletes finished and
/// expired sessions, or all with `force`, and sets the counter to 0 when any was deleted.
pub async fn cleanup_sessions(
    State(state): State<AppState>,
    Path(machine_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    const ACTION: &str = "cleanup sessions";
    let params = query_params(query.as_deref());
    let force = validation::parse_force(params.get("force").map(String::as_str))
        .map_err(|issue| ApiError::Validation(validation::detail(&[issue])))?;

    let now = timestamps::to_storage(Utc::now());
    let deleted = db::cleanup(&state.pool, &machine_id, force, &now)
        .await
        .map_err(ApiError::internal(ACTION))?;
    if deleted.is_empty() {
        return Ok(Json(json!({
            "machine_id": machine_id,
            "deleted_count": 0,
            "message": "No sessions to delete",
        })));
    }

    state.counters.set(&machine_id, 0);
    tracing::info!(
        "cleanup deleted {} sessions of machine {machine_id} (force: {force})",
        deleted.len()
    );
    let items = deleted
        .iter()
        .map(|session| {
            Ok(json!({
                "session_id": session.session_id,
                "status": session.status,
                "created_at": isoformat_utc_opt(session.created_at.as_deref())?,
            }))
        })
        .collect::<Result<Vec<_>, String>>()
        .map_err(ApiError::internal(ACTION))?;
    Ok(Json(json!({
        "machine_id": machine_id,
        "deleted_count": items.len(),
        "deleted_sessions": items,
        "message": format!("Deleted {} sessions. Machine can now create new sessions.", items.len()),
    })))
}
