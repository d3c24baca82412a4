//! Handlers of the endpoints the machines and the web app call, under `/api/vending/`.

use std::net::SocketAddr;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, State};
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::db::{self, LIVE_STATUSES, Machine, Session};
use super::routes::{ApiError, AppState};
use super::timestamps::{
    isoformat_naive, isoformat_naive_opt, isoformat_utc, parse_stored, to_storage,
};
use super::validation::{self, CreateRequest};

/// Timeout of a session whose request gives none, or 0.
const DEFAULT_TIMEOUT_MINUTES: i64 = 30;
/// The range a requested timeout is clamped to, in minutes.
const TIMEOUT_RANGE_MINUTES: (i64, i64) = (5, 60);
/// Base of the QR code link the machine shows.
const QR_BASE_URL: &str = "https://pimpmycase.shop/";

/// `POST /api/vending/create-session`: creates a session for a machine, creating the machine on
/// first use, unless the machine's counter has reached the limit.
pub async fn create_session(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    if body.is_empty() {
        return Ok(Json(json!({
            "success": false,
            "error": "Request body required with machine_id",
            "example": {
                "machine_id": "your_machine_id",
                "location": "optional_location",
                "session_timeout_minutes": 30,
            },
        })));
    }
    let request = validation::parse_create_request(&body)
        .map_err(|issues| ApiError::Validation(validation::detail(&issues)))?;
    let timeout = clamp_timeout(request.session_timeout_minutes);
    let machine_id = request.machine_id.clone();

    let _creation = state.counters.lock_creation(&machine_id).await;
    let now = Utc::now();
    expire_stale(&state, &machine_id, now).await?;
    if state.counters.is_full(&machine_id) {
        tracing::warn!(
            "rejected a session for machine {machine_id}: its counter is at the limit of {}",
            state.counters.limit()
        );
        return Err(ApiError::LimitReached);
    }

    let machine = ensure_machine(&state, &request, timeout, now).await?;
    let session = new_session(&request, timeout, now, peer);
    db::insert_session(&state.pool, &session)
        .await
        .map_err(ApiError::internal("create session"))?;
    state.counters.increment(&machine_id);

    tracing::info!(
        "created session {} for machine {machine_id}",
        session.session_id
    );
    let location = request.location.clone().or(machine.location.clone());
    Ok(Json(json!({
        "success": true,
        "session_id": session.session_id,
        "qr_url": qr_url(&machine_id, &session.session_id, request.location.as_deref()),
        "expires_at": isoformat_utc(&session.expires_at).map_err(ApiError::internal("create session"))?,
        "timeout_minutes": timeout,
        "machine_info": { "id": machine.id, "name": machine.name, "location": location },
        "security_validated": true,
    })))
}

/// Clamps a requested timeout to 5..=60 minutes; none or 0 means 30.
fn clamp_timeout(requested: Option<i64>) -> i64 {
    match requested {
        None | Some(0) => DEFAULT_TIMEOUT_MINUTES,
        Some(minutes) => minutes.clamp(TIMEOUT_RANGE_MINUTES.0, TIMEOUT_RANGE_MINUTES.1),
    }
}

/// Marks the machine's `active` sessions past `expires_at` as expired, one counter step each.
async fn expire_stale(
    state: &AppState,
    machine_id: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let expired = db::expire_active(&state.pool, machine_id, &to_storage(now))
        .await
        .map_err(ApiError::internal("create session"))?;
    if expired > 0 {
        tracing::info!("marked {expired} sessions of machine {machine_id} as expired");
        state
            .counters
            .decrement(machine_id, u32::try_from(expired).unwrap_or(u32::MAX));
    }
    Ok(())
}

/// Returns the machine of the request, creating it first when it is unknown.
async fn ensure_machine(
    state: &AppState,
    request: &CreateRequest,
    timeout: i64,
    now: DateTime<Utc>,
) -> Result<Machine, ApiError> {
    const ACTION: &str = "create session";
    let machine_id = &request.machine_id;
    if let Some(machine) = db::machine(&state.pool, machine_id)
        .await
        .map_err(ApiError::internal(ACTION))?
    {
        return Ok(machine);
    }

    let machine = Machine {
        id: machine_id.clone(),
        name: format!("Chinese Vending Machine {machine_id}"),
        location: request.location.clone(),
        is_active: true,
        created_at: to_storage(now),
        last_heartbeat: None,
        qr_config: json!({
            "auto_created": true,
            "created_for": "chinese_integration",
            "timeout_minutes": timeout,
        })
        .to_string(),
    };
    db::insert_machine(&state.pool, &machine)
        .await
        .map_err(ApiError::internal(ACTION))?;
    tracing::info!("created machine {machine_id} on its first session request");
    Ok(machine)
}

/// Builds the row of a new session: status `active`, progress `started`.
fn new_session(
    request: &CreateRequest,
    timeout: i64,
    now: DateTime<Utc>,
    peer: SocketAddr,
) -> Session {
    let created_at = to_storage(now);
    Session {
        session_id: session_id(&request.machine_id, now),
        machine_id: request.machine_id.clone(),
        status: "active".to_owned(),
        user_progress: "started".to_owned(),
        created_at: Some(created_at.clone()),
        expires_at: to_storage(now + Duration::minutes(timeout)),
        last_activity: Some(created_at),
        payment_amount: None,
        payment_method: None,
        order_id: None,
        ip_address: Some(peer.ip().to_canonical().to_string()),
        session_data: request
            .metadata
            .as_ref()
            .map(|metadata| Value::Object(metadata.clone()).to_string()),
    }
}

/// Returns `<machine>_<YYYYMMDD>_<HHMMSS>_<8 uppercase hex digits>`.
pub(super) fn session_id(machine_id: &str, now: DateTime<Utc>) -> String {
    let random: u32 = rand::random();
    format!("{machine_id}_{}_{random:08X}", now.format("%Y%m%d_%H%M%S"))
}

/// Builds the link of the session's QR code, with the query values percent-encoded.
fn qr_url(machine_id: &str, session_id: &str, location: Option<&str>) -> String {
    let mut url = url::Url::parse(QR_BASE_URL).expect("the QR base URL is valid");
    {
        let mut query = url.query_pairs_mut();
        query.append_pair("qr", "true");
        query.append_pair("machine_id", machine_id);
        query.append_pair("session_id", session_id);
        if let Some(location) = location {
            query.append_pair("location", location);
        }
    }
    url.to_string()
}

/// Returns true when `id` has the form `<machine>_<YYYYMMDD>_<HHMMSS>_<6 to 8 alphanumerics>`
/// with a machine part of ASCII letters, digits and `-`.
fn is_valid_session_id(id: &str) -> bool {
    let parts: Vec<&str> = id.split('_').collect();
    let [machine, date, time, random] = parts.as_slice() else {
        return false;
    };
    let all_digits = |text: &str, len: usize| {
        text.len() == len && text.bytes().all(|byte| byte.is_ascii_digit())
    };
    !machine.is_empty()
        && machine
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
        && all_digits(date, 8)
        && all_digits(time, 6)
        && (6..=8).contains(&random.len())
        && random.bytes().all(|byte| byte.is_ascii_alphanumeric())
}

/// `GET /api/vending/session/{session_id}/status`: the session's state. A live session past
/// `expires_at` is marked expired here (one counter step, once); a live one gets its
/// `last_activity` set to now.
pub async fn session_status(
    State(state): State<AppState>,
    Path(session_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    const ACTION: &str = "get session status";
    if !is_valid_session_id(&session_id) {
        return Err(ApiError::BadSessionId);
    }
    let mut session = db::session(&state.pool, &session_id)
        .await
        .map_err(ApiError::internal(ACTION))?
        .ok_or(ApiError::NotFound)?;

    let now = Utc::now();
    let expires_at = parse_stored(&session.expires_at).map_err(ApiError::internal(ACTION))?;
    let is_live = LIVE_STATUSES.contains(&session.status.as_str());
    if is_live && now.naive_utc() > expires_at {
        if db::mark_expired(&state.pool, &session_id)
            .await
            .map_err(ApiError::internal(ACTION))?
        {
            state.counters.decrement(&session.machine_id, 1);
            tracing::info!("session {session_id} expired");
        }
        session.status = "expired".to_owned();
    } else if is_live {
        let stamp = to_storage(now);
        db::touch(&state.pool, &session_id, &stamp)
            .await
            .map_err(ApiError::internal(ACTION))?;
        session.last_activity = Some(stamp);
    }

    status_document(&session)
        .map_err(ApiError::internal(ACTION))
        .map(Json)
}

/// Builds the status response, whose timestamps have no offset.
fn status_document(session: &Session) -> Result<Value, String> {
    let mut document = json!({
        "session_id": session.session_id,
        "status": session.status,
        "user_progress": session.user_progress,
        "expires_at": isoformat_naive(&session.expires_at)?,
        "created_at": isoformat_naive_opt(session.created_at.as_deref())?,
        "last_activity": isoformat_naive_opt(session.last_activity.as_deref())?,
        "machine_id": session.machine_id,
        "security_validated": true,
    });
    if let Some(order_id) = &session.order_id {
        document["order_id"] = json!(order_id);
    }
    if let Some(amount) = session.payment_amount.filter(|amount| *amount != 0.0) {
        document["payment_amount"] = json!(amount);
    }
    if let Some(data) = &session.session_data {
        document["session_data"] = serde_json::from_str(data).map_err(|error| error.to_string())?;
    }
    Ok(document)
}

/// `DELETE /api/vending/session/{session_id}`: the web app cancels a session; the row is deleted
/// and the machine's counter steps down.
pub async fn cancel_session(
    State(state): State<AppState>,
    Path(session_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    if !is_valid_session_id(&session_id) {
        return Err(ApiError::BadSessionId);
    }
    let machine_id = db::delete_session(&state.pool, &session_id)
        .await
        .map_err(ApiError::internal("cancel session"))?
        .ok_or(ApiError::NotFound)?;
    state.counters.decrement(&machine_id, 1);
    tracing::info!("cancelled session {session_id} of machine {machine_id}");
    Ok(Json(json!({
        "success": true,
        "message": "Session cleaned up successfully",
        "session_id": session_id,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_id_accepts_example() {
        assert!(is_valid_session_id("VM001_20250729_143022_A1B2C3"));
    }

    #[test]
    fn session_id_rejects_underscore_machine() {
        assert!(!is_valid_session_id("VM_001_20250729_143022_A1B2C3"));
    }

    #[test]
    fn clamp_timeout_zero_is_default() {
        assert_eq!(clamp_timeout(Some(0)), 30);
    }

    #[test]
    fn clamp_timeout_raises_to_minimum() {
        assert_eq!(clamp_timeout(Some(1)), 5);
    }

    #[test]
    fn qr_url_encodes_location() {
        assert_eq!(
            qr_url("VM001", "VM001_20250729_143022_A1B2C3", Some("Hall A&B")),
            "https://pimpmycase.shop/?qr=true&machine_id=VM001&session_id=VM001_20250729_143022_A1B2C3&location=Hall+A%26B"
        );
    }
}
