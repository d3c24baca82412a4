//! `vendctl serve` against the recorded production responses and the session lifecycle rules.

mod common;

use std::path::PathBuf;

use chrono::{DateTime, NaiveDateTime};
use common::{Response, TestServer, run_serve};
use serde_json::Value;

const CREATE: &str = "/api/vending/create-session";
const PAST: &str = "2020-01-01T00:00:00.000000";

// ---- Recorded responses --------------------------------------------------------------------

/// A recorded production response from tests/fixtures/api.
struct Fixture {
    status: u16,
    body: Value,
    /// True for responses recorded against SQLite, whose timestamps lack an offset.
    sqlite: bool,
}

fn fixture(name: &str) -> Fixture {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/api/{name}.http"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("reading {}: {error}", path.display()));
    let status = text.split(' ').nth(1).unwrap().parse().unwrap();
    let text = text.replace("\r\n", "\n");
    let (_, body) = text
        .split_once("\n\n")
        .expect("a blank line before the body");
    Fixture {
        status,
        body: serde_json::from_str(body.trim()).unwrap(),
        sqlite: name.ends_with(".sqlite"),
    }
}

/// Returns the JSON type of `value`, telling integers from floats and timestamps from text.
fn kind(value: &Value, sqlite: bool) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(_) => "bool".into(),
        Value::Number(number) if number.is_f64() => "float".into(),
        Value::Number(_) => "integer".into(),
        Value::String(text) if DateTime::parse_from_rfc3339(text).is_ok() => if sqlite {
            "timestamp"
        } else {
            "timestamp+offset"
        }
        .into(),
        Value::String(text)
            if NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f").is_ok() =>
        {
            "timestamp".into()
        }
        Value::String(_) => "string".into(),
        Value::Array(_) => "array".into(),
        Value::Object(_) => "object".into(),
    }
}

/// Lists the differences in keys, key order and value types between `expected` and `actual`.
fn shape_differences(
    expected: &Value,
    actual: &Value,
    at: &str,
    sqlite: bool,
    out: &mut Vec<String>,
) {
    let (expected_kind, actual_kind) = (kind(expected, sqlite), kind(actual, sqlite));
    if expected_kind != actual_kind {
        out.push(format!(
            "{at}: expected {expected_kind}, got {actual_kind} ({actual})"
        ));
        return;
    }
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => {
            let expected_keys: Vec<_> = expected.keys().collect();
            let actual_keys: Vec<_> = actual.keys().collect();
            if expected_keys != actual_keys {
                out.push(format!(
                    "{at}: keys {actual_keys:?}, expected {expected_keys:?}"
                ));
                return;
            }
            for (key, value) in expected {
                shape_differences(value, &actual[key], &format!("{at}.{key}"), sqlite, out);
            }
        }
        (Value::Array(expected), Value::Array(actual)) => {
            if expected.len() != actual.len() {
                out.push(format!(
                    "{at}: {} items, expected {}",
                    actual.len(),
                    expected.len()
                ));
                return;
            }
            for (index, (expected, actual)) in expected.iter().zip(actual).enumerate() {
                shape_differences(expected, actual, &format!("{at}[{index}]"), sqlite, out);
            }
        }
        _ => {}
    }
}

/// Asserts that `response` has the fixture's status, a JSON content type and the fixture body's
/// keys, key order and value types.
fn assert_like_fixture(name: &str, response: &Response) {
    let fixture = fixture(name);
    assert_eq!(
        response.status, fixture.status,
        "{name}: status; body {}",
        response.body
    );
    assert_eq!(
        response.header("content-type"),
        Some("application/json"),
        "{name}: content type"
    );
    let mut differences = Vec::new();
    shape_differences(
        &fixture.body,
        &response.json(),
        "$",
        fixture.sqlite,
        &mut differences,
    );
    assert!(differences.is_empty(), "{name}: {differences:#?}");
}

/// Asserts that `response` matches the fixture and has exactly its body.
fn assert_same_as_fixture(name: &str, response: &Response) {
    assert_like_fixture(name, response);
    assert_eq!(response.json(), fixture(name).body, "{name}: body");
}

fn create_body(machine_id: &str) -> String {
    serde_json::json!({"machine_id": machine_id, "location": "Test", "session_timeout_minutes": 5})
        .to_string()
}

/// Sets columns of a session directly in the database.
fn update_session(server: &TestServer, session_id: &str, assignments: &str) {
    server.sql(&format!(
        "UPDATE sessions SET {assignments} WHERE session_id = '{session_id}'"
    ));
}

/// Creates the nine sessions of the mixed-states recording, oldest first, and leaves the
/// machine's counter at 0.
fn seed_mixed_states(server: &TestServer, machine_id: &str) {
    let rows = [
        "status = 'active'",
        &format!("status = 'active', expires_at = '{PAST}'"),
        "status = 'expired'",
        "status = 'cancelled'",
        &format!(
            "status = 'payment_pending', user_progress = 'payment_pending', expires_at = '{PAST}', payment_amount = 12.5"
        ),
        "status = 'payment_pending', user_progress = 'payment_pending'",
        "status = 'payment_completed', payment_amount = 19.99, payment_method = 'vending_machine'",
        "status = 'designing', user_progress = 'designing'",
        &format!("status = 'designing', user_progress = 'designing', expires_at = '{PAST}'"),
    ];
    let ids: Vec<String> = rows
        .iter()
        .map(|_| {
            let response = server.request("POST", CREATE, Some(&create_body(machine_id)));
            assert_eq!(response.status, 200, "{}", response.body);
            // Keeps the counter below the default limit of 5.
            server.post(&format!(
                "/api/admin/machines/{machine_id}/reset-session-count"
            ));
            response.json()["session_id"].as_str().unwrap().to_owned()
        })
        .collect();
    for (id, assignments) in ids.iter().zip(rows) {
        update_session(server, id, assignments);
    }
}

#[test]
fn fixture_create_session_200() {
    let server = TestServer::start();
    let response = server.request("POST", CREATE, Some(&create_body("CXYLOGD8OQUK")));
    assert_like_fixture("create-session.200", &response);
}

#[test]
fn fixture_create_session_no_body() {
    let server = TestServer::start();
    assert_same_as_fixture("create-session.200-no-body", &server.post(CREATE));
}

#[test]
fn fixture_create_session_missing_machine_id() {
    let server = TestServer::start();
    let response = server.request("POST", CREATE, Some("{}"));
    assert_same_as_fixture("create-session.422-missing-machine-id", &response);
}

#[test]
fn fixture_create_session_429() {
    let server = TestServer::start();
    for _ in 0..5 {
        server.create_session_id("CXYLOGD8OQUK");
    }
    let response = server.request("POST", CREATE, Some(&create_body("CXYLOGD8OQUK")));
    assert_same_as_fixture("create-session.429-limit", &response);
    assert_eq!(response.header("retry-after"), Some("1"));
}

#[test]
fn fixture_delete_session_200_and_404() {
    let server = TestServer::start();
    let id = server.create_session_id("CXYLOGD8OQUK");
    let path = format!("/api/admin/sessions/{id}");
    assert_like_fixture("delete-session.200", &server.delete(&path));
    assert_same_as_fixture("delete-session.404", &server.delete(&path));
}

#[test]
fn fixture_list_sessions_mixed_states() {
    let server = TestServer::start();
    seed_mixed_states(&server, "CXYLOGD8OQUK");
    let response = server.get("/api/admin/machines/CXYLOGD8OQUK/sessions");
    assert_like_fixture("list-sessions.200-mixed-states", &response);
    assert_like_fixture("list-sessions.200-mixed-states.sqlite", &response);
    let body = response.json();
    let expected = fixture("list-sessions.200-mixed-states").body;
    for key in ["total_sessions", "active_sessions", "expired_sessions"] {
        assert_eq!(body[key], expected[key], "{key}");
    }
    let statuses = |value: &Value| -> Vec<Value> {
        value["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["status"].clone())
            .collect()
    };
    assert_eq!(statuses(&body), statuses(&expected));
}

#[test]
fn fixture_list_sessions_unknown_machine() {
    let server = TestServer::start();
    let response = server.get("/api/admin/machines/NOSUCHMACHINE/sessions");
    assert_same_as_fixture("list-sessions.200-unknown-machine", &response);
}

#[test]
fn fixture_list_sessions_limit_101() {
    let server = TestServer::start();
    let response = server.get("/api/admin/machines/CXYLOGD8OQUK/sessions?limit=101");
    assert_same_as_fixture("list-sessions.422-limit-101", &response);
}

#[test]
fn fixture_list_sessions_server_error() {
    let server = TestServer::start();
    let id = server.create_session_id("CXYLOGD8OQUK");
    update_session(&server, &id, "expires_at = 'garbage'");
    let response = server.get("/api/admin/machines/CXYLOGD8OQUK/sessions");
    assert_same_as_fixture("list-sessions.500-server-error", &response);
}

#[test]
fn fixture_machine_info_200() {
    let server = TestServer::start();
    for _ in 0..5 {
        server.request("POST", CREATE, Some(&create_body("CXYLOGD8OQUK")));
    }
    let response = server.get("/api/admin/machines/CXYLOGD8OQUK/info");
    assert_like_fixture("machine-info.200", &response);
    let expected = fixture("machine-info.200").body;
    assert_eq!(response.json()["session_stats"], expected["session_stats"]);
    assert_eq!(response.json()["qr_config"], expected["qr_config"]);
}

#[test]
fn fixture_machine_info_unknown_machine() {
    let server = TestServer::start();
    let response = server.get("/api/admin/machines/NOSUCHMACHINE/info");
    assert_same_as_fixture("machine-info.200-unknown-machine", &response);
}

#[test]
fn fixture_reset_session_count() {
    let server = TestServer::start();
    for _ in 0..5 {
        server.create_session_id("CXYLOGD8OQUK");
    }
    let response = server.post("/api/admin/machines/CXYLOGD8OQUK/reset-session-count");
    assert_same_as_fixture("reset-session-count.200", &response);
}

#[test]
fn fixture_cleanup_flow() {
    let server = TestServer::start();
    seed_mixed_states(&server, "CXYLOGD8OQUK");
    let cleanup = "/api/admin/machines/CXYLOGD8OQUK/sessions/cleanup";

    let smart = server.delete(cleanup);
    assert_like_fixture("cleanup.200-smart", &smart);
    assert_eq!(
        smart.json(),
        fixture("cleanup.200-smart")
            .body
            .clone_with_ids(&smart.json())
    );

    let info = server.get("/api/admin/machines/CXYLOGD8OQUK/info");
    assert_like_fixture("machine-info.200-after-cleanup-drift", &info);
    let expected = fixture("machine-info.200-after-cleanup-drift").body;
    assert_eq!(info.json()["session_stats"], expected["session_stats"]);

    let force = server.delete(&format!("{cleanup}?force=true"));
    assert_like_fixture("cleanup.200-force", &force);

    let nothing = server.delete(&format!("{cleanup}?force=true"));
    assert_same_as_fixture("cleanup.200-nothing-to-delete", &nothing);
}

/// Copies the session ids and timestamps of `actual` into a recorded cleanup response, so the rest
/// (statuses, order, count, message) can be compared exactly.
trait CloneWithIds {
    fn clone_with_ids(&self, actual: &Value) -> Value;
}

impl CloneWithIds for Value {
    fn clone_with_ids(&self, actual: &Value) -> Value {
        let mut copy = self.clone();
        if let (Some(items), Some(actual_items)) = (
            copy["deleted_sessions"].as_array_mut(),
            actual["deleted_sessions"].as_array(),
        ) {
            for (item, actual_item) in items.iter_mut().zip(actual_items) {
                item["session_id"] = actual_item["session_id"].clone();
                item["created_at"] = actual_item["created_at"].clone();
            }
        }
        copy
    }
}

#[test]
fn fixture_cleanup_bad_force() {
    let server = TestServer::start();
    let response = server.delete("/api/admin/machines/CXYLOGD8OQUK/sessions/cleanup?force=maybe");
    assert_same_as_fixture("cleanup.422-bad-force", &response);
}

#[test]
fn fixture_session_status_200() {
    let server = TestServer::start();
    let id = server.create_session_id("VENDFLOW01");
    let response = server.get(&format!("/api/vending/session/{id}/status"));
    assert_like_fixture("session-status.200", &response);
}

#[test]
fn fixture_session_status_expired() {
    let server = TestServer::start();
    let id = server.create_session_id("VENDFLOW01");
    update_session(&server, &id, &format!("expires_at = '{PAST}'"));
    let response = server.get(&format!("/api/vending/session/{id}/status"));
    assert_like_fixture("session-status.200-expired", &response);
    assert_eq!(response.json()["expires_at"], "2020-01-01T00:00:00");
}

#[test]
fn fixture_cancel_session_flow() {
    let server = TestServer::start();
    let id = server.create_session_id("VENDFLOW01");
    let path = format!("/api/vending/session/{id}");
    assert_like_fixture("cancel-session.200", &server.delete(&path));
    assert_same_as_fixture("cancel-session.404", &server.delete(&path));
    let bad = server.delete("/api/vending/session/not-a-session");
    assert_same_as_fixture("cancel-session.400-bad-id-format", &bad);
}

// ---- Session limit and counter events ------------------------------------------------------

#[test]
fn create_sixth_session_is_limited() {
    let server = TestServer::start();
    for _ in 0..5 {
        server.create_session_id("VM001");
    }
    let response = server.request("POST", CREATE, Some(r#"{"machine_id":"VM001"}"#));
    assert_eq!(response.status, 429);
    assert_eq!(response.header("retry-after"), Some("1"));
}

#[test]
fn create_concurrent_admits_exactly_limit() {
    let server = TestServer::start();
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..50)
            .map(|_| scope.spawn(|| server.create_session("RACE01").0))
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().unwrap())
            .collect()
    });
    let admitted = statuses.iter().filter(|status| **status == 200).count();
    let limited = statuses.iter().filter(|status| **status == 429).count();
    assert_eq!(admitted, 5);
    assert_eq!(limited, 45);
    assert_eq!(server.sql("SELECT COUNT(*) FROM sessions")[0][0], "5");
}

#[test]
fn create_expires_stale_active_sessions_first() {
    let server = TestServer::start();
    let ids: Vec<String> = (0..5).map(|_| server.create_session_id("VM001")).collect();
    update_session(&server, &ids[0], &format!("expires_at = '{PAST}'"));
    let (status, _) = server.create_session("VM001");
    assert_eq!(status, 200);
    let rows = server.sql(&format!(
        "SELECT status FROM sessions WHERE session_id = '{}'",
        ids[0]
    ));
    assert_eq!(rows[0][0], "expired");
    assert_eq!(server.counter("VM001"), 5);
}

#[test]
fn create_clamps_timeout() {
    let server = TestServer::start();
    for (requested, expected) in [("0", 30), ("null", 30), ("1", 5), ("45", 45), ("600", 60)] {
        let body = format!(
            r#"{{"machine_id":"T{expected}x{requested}","session_timeout_minutes":{requested}}}"#
        );
        let response = server.request("POST", CREATE, Some(&body));
        assert_eq!(
            response.json()["timeout_minutes"],
            expected,
            "requested {requested}"
        );
    }
}

#[test]
fn create_auto_creates_machine() {
    let server = TestServer::start();
    server.create_session_id("NEW01");
    let info = server.get("/api/admin/machines/NEW01/info").json();
    assert_eq!(info["name"], "Chinese Vending Machine NEW01");
    assert_eq!(
        info["qr_config"],
        serde_json::json!({"auto_created": true, "created_for": "chinese_integration", "timeout_minutes": 30})
    );
}

#[test]
fn machine_id_round_trips_encoded_path() {
    let server = TestServer::start();
    let machine_id = "hall 2/ü";
    server.create_session_id(machine_id);
    let list = server
        .get("/api/admin/machines/hall%202%2F%C3%BC/sessions")
        .json();
    assert_eq!(list["machine_id"], machine_id);
    assert_eq!(list["total_sessions"], 1);
}

#[test]
fn delete_decrements_counter() {
    let server = TestServer::start();
    let id = server.create_session_id("VM001");
    server.create_session_id("VM001");
    server.delete(&format!("/api/admin/sessions/{id}"));
    assert_eq!(server.counter("VM001"), 1);
}

#[test]
fn delete_counter_stays_at_zero() {
    let server = TestServer::start();
    let id = server.create_session_id("VM001");
    server.post("/api/admin/machines/VM001/reset-session-count");
    let response = server.delete(&format!("/api/admin/sessions/{id}"));
    assert_eq!(response.status, 200);
    assert_eq!(server.counter("VM001"), 0);
}

#[test]
fn cleanup_zeroes_counter_with_active_left() {
    let server = TestServer::start();
    let ids: Vec<String> = (0..3).map(|_| server.create_session_id("VM001")).collect();
    update_session(&server, &ids[0], "status = 'cancelled'");
    let response = server.delete("/api/admin/machines/VM001/sessions/cleanup");
    assert_eq!(response.json()["deleted_count"], 1);
    assert_eq!(server.counter("VM001"), 0);
    assert_eq!(
        server.sql("SELECT COUNT(*) FROM sessions WHERE status = 'active'")[0][0],
        "2"
    );
}

#[test]
fn cleanup_nothing_keeps_counter() {
    let server = TestServer::start();
    server.create_session_id("VM001");
    let response = server.delete("/api/admin/machines/VM001/sessions/cleanup");
    assert_eq!(response.json()["deleted_count"], 0);
    assert_eq!(server.counter("VM001"), 1);
}

#[test]
fn reset_zeroes_counter() {
    let server = TestServer::start();
    server.create_session_id("VM001");
    server.create_session_id("VM001");
    let response = server
        .post("/api/admin/machines/VM001/reset-session-count")
        .json();
    assert_eq!(response["old_session_count"], 2);
    assert_eq!(server.counter("VM001"), 0);
}

#[test]
fn restart_zeroes_counters_keeps_sessions() {
    let mut server = TestServer::start();
    server.create_session_id("VM001");
    server.create_session_id("VM001");
    server.restart();
    let info = server.get("/api/admin/machines/VM001/info").json();
    assert_eq!(info["session_stats"]["memory_session_count"], 0);
    assert_eq!(info["session_stats"]["total_sessions"], 2);
}

// ---- Cleanup ---------------------------------------------------------------------------------

#[test]
fn cleanup_smart_deletes_finished_and_expired() {
    let server = TestServer::start();
    let statuses = [
        "active",
        "designing",
        "payment_pending",
        "payment_completed",
        "expired",
        "cancelled",
    ];
    // (status, past expires_at, kept by a smart cleanup)
    let mut cases = Vec::new();
    for status in statuses {
        for expired in [false, true] {
            let kept = !expired && matches!(status, "active" | "designing" | "payment_pending");
            cases.push((status, expired, kept));
        }
    }

    let mut ids = Vec::new();
    for (status, expired, _) in &cases {
        let id = server.create_session_id("SMART01");
        server.post("/api/admin/machines/SMART01/reset-session-count");
        let expires = if *expired {
            format!(", expires_at = '{PAST}'")
        } else {
            String::new()
        };
        update_session(&server, &id, &format!("status = '{status}'{expires}"));
        ids.push(id);
    }

    let response = server.delete("/api/admin/machines/SMART01/sessions/cleanup");
    assert_eq!(response.status, 200);
    let remaining: Vec<String> = server
        .sql("SELECT session_id FROM sessions")
        .into_iter()
        .map(|row| row[0].clone())
        .collect();
    for ((status, expired, kept), id) in cases.iter().zip(&ids) {
        assert_eq!(
            remaining.contains(id),
            *kept,
            "status {status}, expired {expired}"
        );
    }
}

#[test]
fn cleanup_smart_keeps_live_sessions() {
    let server = TestServer::start();
    server.create_session_id("VM001");
    server.delete("/api/admin/machines/VM001/sessions/cleanup");
    assert_eq!(server.sql("SELECT COUNT(*) FROM sessions")[0][0], "1");
}

#[test]
fn cleanup_force_deletes_all_keeps_machine() {
    let server = TestServer::start();
    server.create_session_id("VM001");
    server.create_session_id("VM001");
    let response = server.delete("/api/admin/machines/VM001/sessions/cleanup?force=YES");
    assert_eq!(response.json()["deleted_count"], 2);
    assert_eq!(server.sql("SELECT COUNT(*) FROM sessions")[0][0], "0");
    assert_eq!(
        server.sql("SELECT COUNT(*) FROM machines WHERE id = 'VM001'")[0][0],
        "1"
    );
}

#[test]
fn cleanup_other_machine_untouched() {
    let server = TestServer::start();
    server.create_session_id("VM001");
    server.create_session_id("VM002");
    server.delete("/api/admin/machines/VM001/sessions/cleanup?force=true");
    assert_eq!(
        server.sql("SELECT machine_id FROM sessions"),
        vec![vec!["VM002".to_owned()]]
    );
}

// ---- Status and cancel -----------------------------------------------------------------------

#[test]
fn status_expires_once() {
    let server = TestServer::start();
    let id = server.create_session_id("VM001");
    server.create_session_id("VM001");
    update_session(&server, &id, &format!("expires_at = '{PAST}'"));
    let path = format!("/api/vending/session/{id}/status");
    let first = server.get(&path).json();
    server.get(&path);
    assert_eq!(first["status"], "expired");
    assert_eq!(server.counter("VM001"), 1);
}

#[test]
fn status_touches_last_activity() {
    let server = TestServer::start();
    let id = server.create_session_id("VM001");
    update_session(&server, &id, "last_activity = '2026-01-01T00:00:00.000000'");
    let status = server
        .get(&format!("/api/vending/session/{id}/status"))
        .json();
    assert_ne!(status["last_activity"], "2026-01-01T00:00:00");
}

#[test]
fn status_unknown_is_404() {
    let server = TestServer::start();
    let response = server.get("/api/vending/session/VM001_20250729_143022_A1B2C3/status");
    assert_eq!(response.status, 404);
}

#[test]
fn status_bad_id_is_400() {
    let server = TestServer::start();
    let response = server.get("/api/vending/session/VM001_2025_143022_A1B2C3/status");
    assert_eq!(response.status, 400);
}

#[test]
fn cancel_deletes_and_decrements() {
    let server = TestServer::start();
    let id = server.create_session_id("VM001");
    let response = server.delete(&format!("/api/vending/session/{id}"));
    assert_eq!(response.status, 200);
    assert_eq!(server.sql("SELECT COUNT(*) FROM sessions")[0][0], "0");
    assert_eq!(server.counter("VM001"), 0);
}

// ---- Paths without a route -------------------------------------------------------------------

#[test]
fn unmatched_get_is_index_page() {
    let server = TestServer::start();
    let response = server.get("/some/page");
    assert_eq!(response.status, 200);
    assert!(
        response
            .header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
}

#[test]
fn unmatched_post_is_405() {
    let server = TestServer::start();
    let response = server.post("/some/page");
    assert_eq!(response.status, 405);
    assert_eq!(response.header("allow"), Some("GET"));
    assert_eq!(response.body, r#"{"detail":"Method Not Allowed"}"#);
}

// ---- Admin token -----------------------------------------------------------------------------

const TOKEN: &str = "t0ken-under-test-7f3a";

#[test]
fn admin_token_missing_is_401() {
    let server = TestServer::start_with(&["--admin-token", TOKEN]);
    let response = server.get("/api/admin/machines/VM001/info");
    assert_eq!(response.status, 401);
    assert_eq!(response.header("www-authenticate"), Some("Bearer"));
    assert!(response.json()["detail"].is_string());
}

#[test]
fn admin_token_wrong_is_401() {
    let server = TestServer::start_with(&["--admin-token", TOKEN]);
    let response = server.request_with_headers(
        "GET",
        "/api/admin/machines/VM001/info",
        &[("authorization", "Bearer wrong")],
        None,
    );
    assert_eq!(response.status, 401);
}

#[test]
fn admin_token_accepted() {
    let server = TestServer::start_with(&["--admin-token", TOKEN]);
    let bearer = format!("Bearer {TOKEN}");
    let response = server.request_with_headers(
        "GET",
        "/api/admin/machines/VM001/info",
        &[("authorization", &bearer)],
        None,
    );
    assert_eq!(response.status, 200);
}

#[test]
fn admin_token_not_needed_for_vending() {
    let server = TestServer::start_with(&["--admin-token", TOKEN]);
    let (status, _) = server.create_session("VM001");
    assert_eq!(status, 200);
}

#[test]
fn admin_token_not_logged() {
    let mut server = TestServer::start_with(&["--admin-token", TOKEN]);
    let bearer = format!("Bearer {TOKEN}");
    server.request_with_headers(
        "GET",
        "/api/admin/machines/VM001/info",
        &[("authorization", &bearer)],
        None,
    );
    server.get("/api/admin/machines/VM001/info");
    server.stop();
    let logs = server.logs();
    assert!(logs.contains("/api/admin/machines/VM001/info"), "{logs}");
    assert!(!logs.contains(TOKEN), "{logs}");
}

// ---- Start and stop --------------------------------------------------------------------------

#[test]
fn listen_non_loopback_refused() {
    let dir = tempfile::TempDir::new().unwrap();
    let database = dir.path().join("vendctl.db");
    let output = run_serve(&[
        "--listen",
        "0.0.0.0:0",
        "--database",
        database.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--admin-token"), "{stderr}");
    assert!(stderr.contains("--allow-unauthenticated"), "{stderr}");
}

#[test]
fn database_not_sqlite_refused() {
    let dir = tempfile::TempDir::new().unwrap();
    let database = dir.path().join("notes.txt");
    std::fs::write(&database, "shopping list\n").unwrap();
    let output = run_serve(&[
        "--listen",
        "127.0.0.1:0",
        "--database",
        database.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is not a SQLite database"), "{stderr}");
    assert!(stderr.contains(database.to_str().unwrap()), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn database_foreign_sqlite_refused() {
    let dir = tempfile::TempDir::new().unwrap();
    let database = dir.path().join("other.db");
    std::fs::File::create(&database).unwrap();
    common::sql(&database, "CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
    let output = run_serve(&[
        "--listen",
        "127.0.0.1:0",
        "--database",
        database.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not a vendctl database"), "{stderr}");
}

#[test]
fn database_directory_refused() {
    let dir = tempfile::TempDir::new().unwrap();
    let output = run_serve(&[
        "--listen",
        "127.0.0.1:0",
        "--database",
        dir.path().to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is a directory"), "{stderr}");
}

#[test]
fn shutdown_sigterm_exits_cleanly() {
    let mut server = TestServer::start();
    let status = server.stop();
    assert!(status.success(), "{status}");
    assert!(server.logs().contains("stopped"), "{}", server.logs());
}

#[test]
fn demo_seeds_stuck_machine() {
    let server = TestServer::start_with(&["--demo"]);
    let (status, _) = server.create_session("CXYLOGD8OQUK");
    assert_eq!(status, 429);
    assert_eq!(server.counter("10HKNTDOH2BA"), 2);
}

#[test]
fn demo_adds_nothing_to_existing_data() {
    let mut server = TestServer::start_with(&["--demo"]);
    let before = server.sql("SELECT COUNT(*) FROM sessions");
    server.restart();
    assert_eq!(server.sql("SELECT COUNT(*) FROM sessions"), before);
    assert_eq!(server.counter("CXYLOGD8OQUK"), 5);
}
