//! `vendctl sessions delete` against `vendctl serve`: one id, many ids, ids from stdin, and the
//! pipeline from a filtered listing.

mod common;

use common::TestServer;
use serde_json::Value;

const MACHINE: &str = "VM001";

#[test]
fn delete_one_session() {
    let server = TestServer::start();
    let kept = server.create_session_id(MACHINE);
    let doomed = server.create_session_id(MACHINE);

    let output = server
        .vendctl()
        .args(["sessions", "delete", &doomed])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!("Deleted session {doomed} of machine VM001\n")
    );
    assert_eq!(output.stderr, b"");
    assert_eq!(server.session_ids(MACHINE), [kept]);
}

#[test]
fn delete_one_json_is_server_document() {
    let server = TestServer::start();
    let doomed = server.create_session_id(MACHINE);

    let output = server
        .vendctl()
        .args(["-o", "json", "sessions", "delete", &doomed])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0));
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["session_id"], doomed.as_str());
    assert_eq!(document["message"], "Session deleted successfully");
}

#[test]
fn delete_missing_session_exits_3() {
    let server = TestServer::start();
    let kept = server.create_session_id(MACHINE);

    let output = server
        .vendctl()
        .args(["sessions", "delete", "VM001_20200101_000000_DEADBEEF"])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("session VM001_20200101_000000_DEADBEEF"),
        "{stderr}"
    );
    assert!(stderr.contains("--ignore-missing"), "{stderr}");
    assert_eq!(server.session_ids(MACHINE), [kept]);
}

#[test]
fn delete_from_stdin_with_mixed_ids() {
    let server = TestServer::start_with(&["--session-limit", "10"]);
    let present: Vec<String> = (0..3).map(|_| server.create_session_id(MACHINE)).collect();
    let kept = server.create_session_id(MACHINE);
    let input = format!(
        "{}\n\n  {}  \nVM001_20200101_000000_0000MISS\n..\n{}\n\n",
        present[0], present[1], present[2]
    );

    let output = server
        .vendctl()
        .args(["sessions", "delete", "-"])
        .write_stdin(input)
        .output()
        .unwrap();

    assert_eq!(
        output.status.code(),
        Some(3),
        "the first failure is the missing id"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("session VM001_20200101_000000_0000MISS"),
        "{stderr}"
    );
    assert!(
        stderr.contains("session ..: `..` is not a valid session id"),
        "{stderr}"
    );
    assert!(
        stderr.contains("3 deleted, 0 missing, 2 failed"),
        "{stderr}"
    );
    assert_eq!(server.session_ids(MACHINE), [kept]);
}

#[test]
fn ignore_missing_makes_teardown_idempotent() {
    let server = TestServer::start();
    let doomed = server.create_session_id(MACHINE);

    for attempt in 0..2 {
        let output = server
            .vendctl()
            .args(["sessions", "delete", "--ignore-missing", &doomed])
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "attempt {attempt}: {output:?}"
        );
    }

    assert!(server.session_ids(MACHINE).is_empty());
}

#[test]
fn delete_many_json_gives_one_result_per_id() {
    let server = TestServer::start();
    let present = server.create_session_id(MACHINE);

    let output = server
        .vendctl()
        .args([
            "-o",
            "json",
            "sessions",
            "delete",
            &present,
            "VM001_20200101_000000_0000MISS",
            "--jobs",
            "2",
        ])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(3));
    let results: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results[0]["session_id"], present.as_str());
    assert_eq!(results[0]["result"], "deleted");
    assert_eq!(results[0]["machine_id"], MACHINE);
    assert_eq!(results[1]["result"], "failed");
    assert!(results[1]["detail"].as_str().unwrap().contains("not found"));
}

#[test]
fn expired_listing_piped_into_delete() {
    let server = TestServer::start_with(&["--session-limit", "10"]);
    let expired: Vec<String> = (0..3).map(|_| server.create_session_id(MACHINE)).collect();
    let live: Vec<String> = (0..2).map(|_| server.create_session_id(MACHINE)).collect();
    for id in &expired {
        server.set_session(id, "designing", true);
    }

    let listing = server
        .vendctl()
        .args(["sessions", "list", MACHINE, "--expired", "-o", "ids"])
        .output()
        .unwrap();
    assert_eq!(listing.status.code(), Some(0));
    let deletion = server
        .vendctl()
        .args(["sessions", "delete", "-"])
        .write_stdin(listing.stdout)
        .output()
        .unwrap();

    assert_eq!(deletion.status.code(), Some(0), "{deletion:?}");
    let mut live = live;
    live.sort();
    assert_eq!(server.session_ids(MACHINE), live);
    let stderr = String::from_utf8(deletion.stderr).unwrap();
    assert!(
        stderr.contains("3 deleted, 0 missing, 0 failed"),
        "{stderr}"
    );
}

#[test]
fn empty_stdin_deletes_nothing() {
    let server = TestServer::start();
    server.create_session_id(MACHINE);

    let output = server
        .vendctl()
        .args(["sessions", "delete", "-"])
        .write_stdin("\n\n")
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0));
    assert_eq!(server.session_ids(MACHINE).len(), 1);
}
