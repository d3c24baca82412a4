//! Drift diagnosis and the monitoring check, produced for real against `vendctl serve`: the
//! counter filled by session creation, the database changed with SQL as an admin would, and
//! the server restarted.

mod common;
mod mock_server;

use common::TestServer;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const MACHINE: &str = "VM001";

fn info_text(server: &TestServer, machine_id: &str) -> String {
    let output = server
        .vendctl()
        .args(["machine", "info", machine_id])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

fn check(server: &TestServer, machines: &[&str]) -> (i32, String) {
    let output = server
        .vendctl()
        .arg("check")
        .args(machines)
        .output()
        .unwrap();
    assert_eq!(
        output.stderr, b"",
        "check writes nothing on stderr without -v"
    );
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn diagnosis_counter_at_limit_with_free_slots() {
    let server = TestServer::start();
    let ids: Vec<String> = (0..5).map(|_| server.create_session_id(MACHINE)).collect();
    server.sql(&format!(
        "UPDATE sessions SET status = 'payment_completed' WHERE session_id IN ('{}', '{}')",
        ids[0], ids[1]
    ));

    let text = info_text(&server, MACHINE);

    assert!(text.contains("new sessions are refused"), "{text}");
    assert!(text.contains("`vendctl sessions cleanup VM001`"), "{text}");
    assert!(
        text.contains("`vendctl machine reset-count VM001`"),
        "{text}"
    );
}

#[test]
fn diagnosis_counter_below_live_after_restart() {
    let mut server = TestServer::start();
    for _ in 0..3 {
        server.create_session_id(MACHINE);
    }
    server.restart();

    let text = info_text(&server, MACHINE);

    assert!(text.contains("In-memory counter     0"), "{text}");
    assert!(text.contains("can exceed its session limit"), "{text}");
}

#[test]
fn diagnosis_counter_above_live() {
    let server = TestServer::start();
    let ids: Vec<String> = (0..3).map(|_| server.create_session_id(MACHINE)).collect();
    server.set_session(&ids[0], "designing", false);

    let text = info_text(&server, MACHINE);

    assert!(
        text.contains("counter is above the live sessions"),
        "{text}"
    );
}

#[test]
fn diagnosis_full_machine() {
    let server = TestServer::start();
    for _ in 0..5 {
        server.create_session_id(MACHINE);
    }

    assert!(info_text(&server, MACHINE).contains("machine VM001 is full"));
}

#[test]
fn diagnosis_consistent_machine() {
    let server = TestServer::start();
    server.create_session_id(MACHINE);

    assert!(info_text(&server, MACHINE).contains("Diagnosis: consistent"));
}

#[test]
fn diagnosis_unknown_machine() {
    let server = TestServer::start();

    let text = info_text(&server, "NEWMACHINE");

    assert!(text.contains("Known                 no"), "{text}");
    assert!(
        text.contains("it will be created on its first session"),
        "{text}"
    );
}

#[test]
fn diagnosis_json_is_unchanged_document() {
    let server = TestServer::start();
    server.create_session_id(MACHINE);

    let output = server
        .vendctl()
        .args(["-o", "json", "machine", "info", MACHINE])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(document.get("diagnosis").is_none());
    assert_eq!(output.stderr, b"", "no diagnosis on stderr off a terminal");
}

#[test]
fn check_ok_below_warning() {
    let server = TestServer::start();
    server.create_session_id(MACHINE);

    let (code, stdout) = check(&server, &[MACHINE]);

    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.starts_with("VENDCTL OK"), "{stdout}");
    assert!(stdout.contains("VM001=1;4;5;0;5"), "{stdout}");
}

#[test]
fn check_warning_at_eighty_percent() {
    let server = TestServer::start();
    for _ in 0..4 {
        server.create_session_id(MACHINE);
    }

    let (code, stdout) = check(&server, &[MACHINE, "IDLE1"]);

    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.starts_with("VENDCTL WARNING - 1 of 2 machines"),
        "{stdout}"
    );
    assert!(stdout.contains("VM001=4;4;5;0;5"), "{stdout}");
}

#[test]
fn check_critical_at_limit() {
    let server = TestServer::start();
    for _ in 0..5 {
        server.create_session_id(MACHINE);
    }

    let (code, stdout) = check(&server, &[MACHINE]);

    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.starts_with("VENDCTL CRITICAL"), "{stdout}");
}

#[test]
fn check_drift_alone_is_warning() {
    let mut server = TestServer::start();
    server.create_session_id(MACHINE);
    server.restart();

    let (code, stdout) = check(&server, &[MACHINE]);

    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.starts_with("VENDCTL WARNING"), "{stdout}");
}

#[test]
fn check_unreachable_server_is_unknown() {
    let mut server = TestServer::start();
    server.stop();

    let (code, stdout) = check(&server, &[MACHINE]);

    assert_eq!(code, 3, "{stdout}");
    assert!(stdout.starts_with("VENDCTL UNKNOWN"), "{stdout}");
    assert_eq!(stdout.lines().count(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn reset_count_warns_when_counter_returns() {
    // A backend that re-syncs its counter from the database right after a reset; vendctl serve
    // never does, so this one is a mock.
    let mock = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/admin/machines/CXYLOGD8OQUK/reset-session-count"))
        .respond_with(mock_server::recording("reset-session-count.200.http").response())
        .mount(&mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/admin/machines/CXYLOGD8OQUK/info"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(mock_server::machine_info(
                "CXYLOGD8OQUK",
                3,
                3,
                5,
            )),
        )
        .mount(&mock)
        .await;

    let output = mock_server::vendctl(&mock.uri())
        .args(["machine", "reset-count", "CXYLOGD8OQUK"])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("the counter of machine CXYLOGD8OQUK is 3 again"),
        "{stderr}"
    );
}
