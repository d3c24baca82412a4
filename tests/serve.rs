//! `vendctl serve` against the recorded production answers and the session lifecycle rules.

mod common;

use std::path::PathBuf;

use chrono::{DateTime, NaiveDateTime};
use common::{Response, TestServer};
use serde_json::Value;

const CREATE: &str = "/api/vending/create-session";
const PAST: &str = "2020-01-01T00:00:00.000000";

// ---- Recorded answers ----------------------------------------------------------------------

/// A recorded production answer from tests/fixtures/api.
struct Fixture {
    status: u16,
    body: Value,
    /// True for answers recorded against SQLite, whose timestamps lack an offset.
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

/// Copies the session ids and timestamps of `actual` into a recorded cleanup answer, so the rest
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
