//! The field guide's scenario end to end against `vendctl serve`: a machine fills up, refuses
//! its sixth customer, and each of the three fixes frees it again.

mod common;

use common::TestServer;
use serde_json::Value;

const MACHINE: &str = "CXYLOGD8OQUK";

/// Fills the machine with five sessions, checks that the sixth is refused, and returns the
/// five session ids in creation order.
fn fill_machine(server: &TestServer) -> Vec<String> {
    let ids: Vec<String> = (0..5).map(|_| server.create_session_id(MACHINE)).collect();

    let (status, body) = server.create_session(MACHINE);
    assert_eq!(status, 429, "{body}");
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .starts_with("Machine session limit exceeded")
    );
    ids
}

fn info_json(server: &TestServer) -> Value {
    let output = server
        .vendctl()
        .args(["-o", "json", "machine", "info", MACHINE])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Expires the first three sessions, leaving two live ones: the counter stays at 5.
fn expire_three(server: &TestServer, ids: &[String]) {
    for id in &ids[..3] {
        server.set_session(id, "active", true);
    }
}

#[test]
fn full_machine_shows_counter_at_limit() {
    let server = TestServer::start();
    fill_machine(&server);

    let info = info_json(&server);

    assert_eq!(info["session_stats"]["memory_session_count"], 5);
    assert_eq!(info["session_stats"]["active_sessions"], 5);
    assert_eq!(info["session_stats"]["session_limit"], 5);
}

#[test]
fn stale_sessions_diagnosed_as_refusing() {
    let server = TestServer::start();
    let ids = fill_machine(&server);
    expire_three(&server, &ids);

    let output = server
        .vendctl()
        .args(["machine", "info", MACHINE])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();

    assert!(output.status.success());
    assert!(stdout.contains("new sessions are refused"), "{stdout}");
    assert!(
        stdout.contains("vendctl sessions cleanup CXYLOGD8OQUK"),
        "{stdout}"
    );
    assert!(
        stdout.contains("vendctl machine reset-count CXYLOGD8OQUK"),
        "{stdout}"
    );
}

#[test]
fn smart_cleanup_frees_machine() {
    let server = TestServer::start();
    let ids = fill_machine(&server);
    expire_three(&server, &ids);

    let output = server
        .vendctl()
        .args(["sessions", "cleanup", MACHINE])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("Deleted 3 sessions of machine CXYLOGD8OQUK"),
        "{stdout}"
    );
    let mut live = ids[3..].to_vec();
    live.sort();
    assert_eq!(server.session_ids(MACHINE), live);
    assert_eq!(server.counter(MACHINE), 0);

    let new_session = server.create_session_id(MACHINE);
    assert_eq!(server.session_ids(MACHINE).len(), 3);
    assert!(server.session_ids(MACHINE).contains(&new_session));
}

#[test]
fn force_cleanup_frees_machine() {
    let server = TestServer::start();
    fill_machine(&server);

    let output = server
        .vendctl()
        .args(["sessions", "cleanup", MACHINE, "--force", "--yes"])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(server.session_ids(MACHINE).is_empty());
    let machines = server.sql(&format!("SELECT id FROM machines WHERE id = '{MACHINE}'"));
    assert_eq!(machines.len(), 1, "the machine row stays");
    assert_eq!(server.counter(MACHINE), 0);
    server.create_session_id(MACHINE);
}

#[test]
fn reset_count_frees_machine() {
    let server = TestServer::start();
    let ids = fill_machine(&server);
    expire_three(&server, &ids);

    let output = server
        .vendctl()
        .args(["machine", "reset-count", MACHINE])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout,
        "Reset the session counter of machine CXYLOGD8OQUK: 5 -> 0\n"
    );
    assert_eq!(
        server.session_ids(MACHINE).len(),
        5,
        "sessions are untouched"
    );
    assert_eq!(server.counter(MACHINE), 0);
    server.create_session_id(MACHINE);
}

#[test]
fn reset_count_json_is_server_document() {
    let server = TestServer::start();
    fill_machine(&server);

    let output = server
        .vendctl()
        .args(["-o", "json", "machine", "reset-count", MACHINE])
        .output()
        .unwrap();

    assert!(output.status.success());
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["old_session_count"], 5);
    assert_eq!(document["new_session_count"], 0);
    assert_eq!(document["message"], "Session count reset successfully");
}

#[test]
fn token_opens_protected_server() {
    let server = TestServer::start_with(&["--admin-token", "field-guide-token-7"]);
    server.create_session_id(MACHINE);

    let without = server
        .vendctl()
        .args(["machine", "info", MACHINE])
        .output()
        .unwrap();
    let wrong = server
        .vendctl()
        .args(["--token", "not-the-token", "machine", "info", MACHINE])
        .output()
        .unwrap();
    let right = server
        .vendctl()
        .env("VENDCTL_TOKEN", "field-guide-token-7")
        .args(["machine", "info", MACHINE])
        .output()
        .unwrap();

    assert_eq!(without.status.code(), Some(7));
    assert_eq!(wrong.status.code(), Some(7));
    assert!(!String::from_utf8_lossy(&wrong.stderr).contains("not-the-token"));
    assert_eq!(right.status.code(), Some(0), "{right:?}");
    assert!(!server.logs().contains("field-guide-token-7"));
}
