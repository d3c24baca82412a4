//! The router: the shared state, the API error responses, the admin token check, request logging
//! and the responses for paths and methods that no route handles.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{MethodRouter, delete, get, post};
use serde_json::json;
use sqlx::SqlitePool;
use subtle::ConstantTimeEq;

use super::counter::Counters;
use super::{admin, vending};
use crate::secret::Secret;

/// The state every handler shares.
#[derive(Debug, Clone)]
pub struct AppState {
    pub pool: SqlitePool,
    pub counters: Arc<Counters>,
    pub admin_token: Option<Secret>,
}

/// An error response: `{"detail": "..."}` with its status code.
#[derive(Debug)]
pub enum ApiError {
    /// 400: a session id that does not have the production format.
    BadSessionId,
    /// 404.
    NotFound,
    /// 422 with the production `Validation error: [...]` detail.
    Validation(String),
    /// 429 with `retry-after: 1`.
    LimitReached,
    /// 500 `Failed to <action>: <error>`.
    Internal { action: &'static str, error: String },
}

impl ApiError {
    /// Returns a closure that wraps a database or data error as a 500 for `action`.
    pub fn internal<E: std::fmt::Display>(action: &'static str) -> impl Fn(E) -> ApiError {
        move |error| ApiError::Internal {
            action,
            error: error.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, detail) = match self {
            ApiError::BadSessionId => (
                StatusCode::BAD_REQUEST,
                "Invalid session ID format - use format: MACHINE_ID_YYYYMMDD_HHMMSS_RANDOM \
                 (e.g., VM001_20250729_143022_A1B2C3 or 10HKNTDOH2BA_20250801_180922_A1B2C3A1)"
                    .to_owned(),
            ),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "Session not found".to_owned()),
            ApiError::Validation(detail) => (StatusCode::UNPROCESSABLE_ENTITY, detail),
            ApiError::LimitReached => {
                let detail = "Machine session limit exceeded. Request rate limited. \
                              Please wait 1.3 seconds before retrying.";
                let mut response = detail_response(StatusCode::TOO_MANY_REQUESTS, detail);
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                return response;
            }
            ApiError::Internal { action, error } => {
                tracing::error!("failed to {action}: {error}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("Failed to {action}: {error}"),
                )
            }
        };
        detail_response(status, &detail)
    }
}

/// Builds a `{"detail": ...}` response.
pub fn detail_response(status: StatusCode, detail: &str) -> Response {
    (status, axum::Json(json!({ "detail": detail }))).into_response()
}

/// Builds the router with every endpoint, the admin token check and request logging.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route(
            "/api/admin/machines/{machine_id}/sessions",
            with_fallback(get(admin::list_sessions), "GET"),
        )
        .route(
            "/api/admin/machines/{machine_id}/info",
            with_fallback(get(admin::machine_info), "GET"),
        )
        .route(
            "/api/admin/machines/{machine_id}/reset-session-count",
            with_fallback(post(admin::reset_session_count), "POST"),
        )
        .route(
            "/api/admin/sessions/{session_id}",
            with_fallback(delete(admin::delete_session), "DELETE"),
        )
        .route(
            "/api/admin/machines/{machine_id}/sessions/cleanup",
            with_fallback(delete(admin::cleanup_sessions), "DELETE"),
        )
        .route(
            "/api/vending/create-session",
            with_fallback(post(vending::create_session), "POST"),
        )
        .route(
            "/api/vending/session/{session_id}/status",
            with_fallback(get(vending::session_status), "GET"),
        )
        .route(
            "/api/vending/session/{session_id}",
            with_fallback(delete(vending::cancel_session), "DELETE"),
        )
        .fallback(|method: Method| async move { unmatched(&method, "GET") })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            require_admin_token,
        ))
        .layer(middleware::from_fn(log_request))
        .with_state(state)
}

/// Responds to the methods a route does not handle as the production app does: a GET gets the web
/// app's index page (its catch-all route), any other method a 405.
fn with_fallback(route: MethodRouter<AppState>, allow: &'static str) -> MethodRouter<AppState> {
    route.fallback(move |method: Method| async move { unmatched(&method, allow) })
}

fn unmatched(method: &Method, allow: &'static str) -> Response {
    if method == Method::GET || method == Method::HEAD {
        return Html(INDEX_PAGE).into_response();
    }
    let mut response = detail_response(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed");
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    response
}

const INDEX_PAGE: &str = "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">\
<title>vendctl serve</title></head>\n<body><h1>vendctl serve</h1>\
<p>The vending session admin API is under <code>/api/admin/</code> and \
<code>/api/vending/</code>.</p></body>\n</html>\n";

/// Rejects a request under `/api/admin/` without the admin token, when one is set.
async fn require_admin_token(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let Some(token) = &state.admin_token else {
        return next.run(request).await;
    };
    if !request.uri().path().starts_with("/api/admin/") {
        return next.run(request).await;
    }

    let expected = format!("Bearer {}", token.expose());
    let sent = request
        .headers()
        .get(header::AUTHORIZATION)
        .map(HeaderValue::as_bytes)
        .unwrap_or_default();
    if bool::from(sent.ct_eq(expected.as_bytes())) {
        return next.run(request).await;
    }

    let detail = if sent.is_empty() {
        "Not authenticated: send the admin token as Authorization: Bearer <token>"
    } else {
        "Invalid admin token: the Authorization header does not carry the server's admin token"
    };
    tracing::warn!(path = %request.uri().path(), "rejected an admin request: {detail}");
    let mut response = detail_response(StatusCode::UNAUTHORIZED, detail);
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

/// Logs one line per request: method, path, status and time taken. Headers are not logged, so
/// the admin token never reaches the log.
async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = Instant::now();

    let response = next.run(request).await;

    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(
        "{method} {path} {} {elapsed_ms:.1} ms",
        response.status().as_u16()
    );
    response
}
