//! `vendctl sessions list` against `vendctl serve`: filters, formats and many machines.

mod common;

use common::TestServer;
use serde_json::Value;

const MACHINE: &str = "VM001";

fn list_ids(server: &TestServer, args: &[&str]) -> Vec<String> {
    let output = server
        .vendctl()
        .args(["-o", "ids", "sessions", "list"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let mut ids: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    ids.sort();
    ids
}

#[test]
fn list_table_shows_sessions_newest_first() {
    let server = TestServer::start();
    let first = server.create_session_id(MACHINE);
    let second = server.create_session_id(MACHINE);

    let output = server
        .vendctl()
        .args(["sessions", "list", MACHINE])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let first_at = stdout.find(&first).expect("first session listed");
    let second_at = stdout.find(&second).expect("second session listed");
    assert!(second_at < first_at, "newest first:\n{stdout}");
    assert!(
        stdout.contains("in 29m") || stdout.contains("in 30m"),
        "{stdout}"
    );
    assert!(stdout.contains("2 sessions of machine VM001"), "{stdout}");
    assert!(!stdout.contains('\u{1b}'));
}

#[test]
fn expired_filter_keeps_expired_and_cancelled() {
    let server = TestServer::start_with(&["--session-limit", "10"]);
    let past = server.create_session_id(MACHINE);
    let cancelled = server.create_session_id(MACHINE);
    let live = server.create_session_id(MACHINE);
    server.set_session(&past, "designing", true);
    server.set_session(&cancelled, "cancelled", false);

    let mut expected = vec![past, cancelled];
    expected.sort();
    assert_eq!(list_ids(&server, &[MACHINE, "--expired"]), expected);
    assert!(list_ids(&server, &[MACHINE]).contains(&live));
}

#[test]
fn older_than_filter_uses_creation_time() {
    let server = TestServer::start_with(&["--session-limit", "10"]);
    let old = server.create_session_id(MACHINE);
    let _recent = server.create_session_id(MACHINE);
    server.sql(&format!(
        "UPDATE sessions SET created_at = '2026-01-01T00:00:00.000000' WHERE session_id = '{old}'"
    ));

    assert_eq!(list_ids(&server, &[MACHINE, "--older-than", "1d"]), [old]);
    assert!(list_ids(&server, &[MACHINE, "--older-than", "1000d"]).is_empty());
}

#[test]
fn status_filter_sent_to_server() {
    let server = TestServer::start_with(&["--session-limit", "10"]);
    let paid = server.create_session_id(MACHINE);
    server.create_session_id(MACHINE);
    server.set_session(&paid, "payment_completed", false);

    assert_eq!(
        list_ids(&server, &[MACHINE, "--status", "payment_completed"]),
        [paid]
    );
}

#[test]
fn unknown_status_is_usage_error() {
    let server = TestServer::start();

    let output = server
        .vendctl()
        .args(["sessions", "list", MACHINE, "--status", "activ"])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("`activ`"), "{stderr}");
    assert!(stderr.contains("payment_pending"), "{stderr}");
}

#[test]
fn limit_bounds_the_listing() {
    let server = TestServer::start_with(&["--session-limit", "10"]);
    for _ in 0..4 {
        server.create_session_id(MACHINE);
    }

    assert_eq!(list_ids(&server, &[MACHINE, "--limit", "3"]).len(), 3);
    let output = server
        .vendctl()
        .args(["sessions", "list", MACHINE, "--limit", "3"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("the listing stops at 3"), "{stdout}");
}

#[test]
fn json_filter_keeps_document_fields() {
    let server = TestServer::start_with(&["--session-limit", "10"]);
    let cancelled = server.create_session_id(MACHINE);
    server.create_session_id(MACHINE);
    server.set_session(&cancelled, "cancelled", false);

    let output = server
        .vendctl()
        .args(["-o", "json", "sessions", "list", MACHINE, "--expired"])
        .output()
        .unwrap();

    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["machine_id"], MACHINE);
    assert_eq!(document["total_sessions"], 2, "the server's counts stay");
    assert_eq!(document["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(document["sessions"][0]["session_id"], cancelled.as_str());
}

#[test]
fn machines_file_lists_in_input_order() {
    let server = TestServer::start();
    for machine in ["A1", "B2", "C3"] {
        server.create_session_id(machine);
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), "# machines to watch\nC3\n\nA1\nB2\n").unwrap();

    let output = server
        .vendctl()
        .args(["-o", "json", "sessions", "list", "--machines-file"])
        .arg(file.path())
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let documents: Value = serde_json::from_slice(&output.stdout).unwrap();
    let order: Vec<&str> = documents
        .as_array()
        .unwrap()
        .iter()
        .map(|document| document["machine_id"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["C3", "A1", "B2"]);
}

#[test]
fn machines_from_stdin_as_ndjson() {
    let server = TestServer::start();
    server.create_session_id("A1");
    server.create_session_id("B2");

    let output = server
        .vendctl()
        .args(["-o", "ndjson", "machine", "info", "--machines-file", "-"])
        .write_stdin("B2\nA1\n")
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let machines: Vec<String> = stdout
        .lines()
        .map(|line| {
            serde_json::from_str::<Value>(line).unwrap()["machine_id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(machines, ["B2", "A1"]);
}

#[test]
fn missing_machines_file_is_usage_error() {
    let server = TestServer::start();

    let output = server
        .vendctl()
        .args([
            "machine",
            "info",
            "--machines-file",
            "/nonexistent/machines.txt",
        ])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("/nonexistent/machines.txt")
    );
}

#[test]
fn unicode_machine_id_round_trips() {
    let server = TestServer::start();
    let machine = "hall 2/ü";
    server.create_session_id(machine);

    let output = server
        .vendctl()
        .args(["-o", "json", "sessions", "list", machine])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["machine_id"], machine);
    assert_eq!(document["total_sessions"], 1);
}
