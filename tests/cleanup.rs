//! `vendctl sessions cleanup` against `vendctl serve`: refusals without a terminal, dry runs,
//! the payment-keeping variant, and confirmations typed at a pseudo-terminal.

mod common;

use std::process::Command as StdCommand;
use std::time::Duration;

use common::{BINARY, TestServer};
use expectrl::{Eof, Session};
use serde_json::Value;

const MACHINE: &str = "VM001";

/// Every status, each once expired and once not: 12 sessions.
const STATUSES: [&str; 6] = [
    "active",
    "designing",
    "payment_pending",
    "payment_completed",
    "expired",
    "cancelled",
];

/// Starts a server whose machine has one session per status × expired combination, and
/// returns it with the (session id, status, expired) of each.
fn server_with_every_state() -> (TestServer, Vec<(String, &'static str, bool)>) {
    let server = TestServer::start_with(&["--session-limit", "50"]);
    let mut sessions = Vec::new();
    for status in STATUSES {
        for expired in [false, true] {
            let id = server.create_session_id(MACHINE);
            server.set_session(&id, status, expired);
            sessions.push((id, status, expired));
        }
    }
    (server, sessions)
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

/// Returns the ids of the sessions for which `keep` is true.
fn ids_where(sessions: &[(String, &str, bool)], keep: impl Fn(&str, bool) -> bool) -> Vec<String> {
    sorted(
        sessions
            .iter()
            .filter(|(_, status, expired)| keep(status, *expired))
            .map(|(id, _, _)| id.clone())
            .collect(),
    )
}

fn smart_keeps(status: &str, expired: bool) -> bool {
    !expired && matches!(status, "active" | "designing" | "payment_pending")
}

#[test]
fn force_without_terminal_is_refused() {
    let (server, sessions) = server_with_every_state();

    let output = server
        .vendctl()
        .args(["sessions", "cleanup", MACHINE, "--force"])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("--yes"), "{stderr}");
    assert_eq!(output.stdout, b"");
    assert_eq!(server.session_ids(MACHINE).len(), sessions.len());
}

#[test]
fn force_with_piped_yes_is_refused() {
    let (server, sessions) = server_with_every_state();

    let output = server
        .vendctl()
        .args(["sessions", "cleanup", MACHINE, "--force"])
        .write_stdin("y\ny\ny\nVM001\n")
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(2));
    assert_eq!(server.session_ids(MACHINE).len(), sessions.len());
}

#[test]
fn force_with_yes_deletes_everything() {
    let (server, _) = server_with_every_state();

    let output = server
        .vendctl()
        .args([
            "-o", "json", "sessions", "cleanup", MACHINE, "--force", "--yes",
        ])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0));
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["deleted_count"], 12);
    assert!(server.session_ids(MACHINE).is_empty());
}

#[test]
fn smart_without_terminal_runs() {
    let (server, sessions) = server_with_every_state();

    let output = server
        .vendctl()
        .args(["sessions", "cleanup", MACHINE])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        server.session_ids(MACHINE),
        ids_where(&sessions, smart_keeps)
    );
}

#[test]
fn smart_with_nothing_to_delete_succeeds() {
    let server = TestServer::start();
    server.create_session_id(MACHINE);

    let output = server
        .vendctl()
        .args(["sessions", "cleanup", MACHINE])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "No sessions to delete on machine VM001.\n"
    );
    assert_eq!(server.session_ids(MACHINE).len(), 1);
}

#[test]
fn dry_run_deletes_nothing() {
    let (server, sessions) = server_with_every_state();
    let counter_before = server.counter(MACHINE);

    for extra in [&[][..], &["--force"][..], &["--keep-payments"][..]] {
        let output = server
            .vendctl()
            .args(["sessions", "cleanup", MACHINE, "--dry-run"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{extra:?}: {output:?}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(stdout.contains("Dry run: nothing was deleted."), "{stdout}");
    }

    assert_eq!(server.session_ids(MACHINE).len(), sessions.len());
    assert_eq!(server.counter(MACHINE), counter_before);
}

#[test]
fn dry_run_lists_what_smart_cleanup_deletes() {
    let (server, sessions) = server_with_every_state();

    let output = server
        .vendctl()
        .args(["-o", "json", "sessions", "cleanup", MACHINE, "--dry-run"])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0));
    let preview: Value = serde_json::from_slice(&output.stdout).unwrap();
    let listed: Vec<String> = preview["would_delete"]
        .as_array()
        .unwrap()
        .iter()
        .map(|session| session["session_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        sorted(listed),
        ids_where(&sessions, |status, expired| !smart_keeps(status, expired))
    );
    assert_eq!(preview["not_previewed"], 0);
    assert_eq!(preview["dry_run"], true);

    // The preview matches what the server then deletes.
    server
        .vendctl()
        .args(["sessions", "cleanup", MACHINE])
        .assert()
        .success();
    assert_eq!(
        server.session_ids(MACHINE),
        ids_where(&sessions, smart_keeps)
    );
}

#[test]
fn dry_run_counts_sessions_beyond_listing() {
    let server = TestServer::start_with(&["--session-limit", "200"]);
    for _ in 0..103 {
        server.create_session_id(MACHINE);
    }

    let output = server
        .vendctl()
        .args(["sessions", "cleanup", MACHINE, "--dry-run", "--force"])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("would delete 100 of the 100 sessions listed"),
        "{stdout}"
    );
    assert!(
        stdout.contains("3 older sessions could not be previewed"),
        "{stdout}"
    );
    assert_eq!(server.session_ids(MACHINE).len(), 103);
}

#[test]
fn keep_payments_keeps_every_payment_session() {
    let (server, sessions) = server_with_every_state();

    let output = server
        .vendctl()
        .args(["sessions", "cleanup", MACHINE, "--keep-payments"])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let kept = ids_where(&sessions, |status, expired| {
        smart_keeps(status, expired) || matches!(status, "payment_pending" | "payment_completed")
    });
    assert_eq!(server.session_ids(MACHINE), kept);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("Deleted 6 of 6 sessions of machine VM001, keeping payment sessions"),
        "{stdout}"
    );
}

#[test]
fn several_machines_cleaned_in_order() {
    let server = TestServer::start();
    for machine in ["M1", "M2"] {
        let id = server.create_session_id(machine);
        server.set_session(&id, "cancelled", false);
    }

    let output = server
        .vendctl()
        .args(["-o", "json", "sessions", "cleanup", "M2", "M1"])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0));
    let documents: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(documents[0]["machine_id"], "M2");
    assert_eq!(documents[1]["machine_id"], "M1");
    assert_eq!(documents[0]["deleted_count"], 1);
    assert!(server.session_ids("M1").is_empty());
    assert!(server.session_ids("M2").is_empty());
}

/// Starts `vendctl ARGS` on a pseudo-terminal, so that it prompts as for a person at a terminal.
fn spawn_on_terminal(server: &TestServer, args: &[&str]) -> Session {
    let mut command = StdCommand::new(BINARY);
    command
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .args(["--api-url", server.url()])
        .args(args);
    let mut session = Session::spawn(command).expect("spawning vendctl on a pseudo-terminal");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session
}

/// Waits for the process on the terminal to end and returns its exit code.
fn exit_code_of(session: &mut Session) -> i32 {
    session.expect(Eof).ok();
    match session.get_process().wait().unwrap() {
        expectrl::WaitStatus::Exited(_, code) => code,
        other => panic!("vendctl did not exit normally: {other:?}"),
    }
}

#[test]
fn force_wrong_machine_id_cancels() {
    let (server, sessions) = server_with_every_state();
    let mut session = spawn_on_terminal(&server, &["sessions", "cleanup", MACHINE, "--force"]);

    session
        .expect("This deletes all 12 sessions of machine VM001")
        .unwrap();
    session
        .expect("Type the machine id (VM001) to confirm")
        .unwrap();
    session.send_line("VM002").unwrap();

    assert_eq!(exit_code_of(&mut session), 2);
    assert_eq!(server.session_ids(MACHINE).len(), sessions.len());
}

#[test]
fn force_typed_machine_id_deletes() {
    let (server, _) = server_with_every_state();
    let mut session = spawn_on_terminal(&server, &["sessions", "cleanup", MACHINE, "--force"]);

    session.expect("to confirm").unwrap();
    session.send_line(MACHINE).unwrap();
    session
        .expect("Deleted 12 sessions of machine VM001")
        .unwrap();

    assert_eq!(exit_code_of(&mut session), 0);
    assert!(server.session_ids(MACHINE).is_empty());
}

#[test]
fn smart_prompt_previews_payments() {
    let (server, sessions) = server_with_every_state();
    let mut session = spawn_on_terminal(&server, &["sessions", "cleanup", MACHINE]);

    session
        .expect("would delete 9 of the 12 sessions listed")
        .unwrap();
    session
        .expect("Among them 2 paid (payment_completed) sessions")
        .unwrap();
    session
        .expect("Among them 1 session in payment (payment_pending)")
        .unwrap();
    session
        .expect("Delete these sessions of machine VM001?")
        .unwrap();
    session.send_line("n").unwrap();

    assert_eq!(exit_code_of(&mut session), 2);
    assert_eq!(server.session_ids(MACHINE).len(), sessions.len());
}

#[test]
fn smart_prompt_yes_deletes() {
    let (server, sessions) = server_with_every_state();
    let mut session = spawn_on_terminal(&server, &["sessions", "cleanup", MACHINE]);

    session
        .expect("Delete these sessions of machine VM001?")
        .unwrap();
    session.send_line("y").unwrap();
    session
        .expect("Deleted 9 sessions of machine VM001")
        .unwrap();

    assert_eq!(exit_code_of(&mut session), 0);
    assert_eq!(
        server.session_ids(MACHINE),
        ids_where(&sessions, smart_keeps)
    );
}

#[test]
fn smart_prompt_default_is_no() {
    let (server, sessions) = server_with_every_state();
    let mut session = spawn_on_terminal(&server, &["sessions", "cleanup", MACHINE]);

    session
        .expect("Delete these sessions of machine VM001?")
        .unwrap();
    session.send_line("").unwrap();

    assert_eq!(exit_code_of(&mut session), 2);
    assert_eq!(server.session_ids(MACHINE).len(), sessions.len());
}

#[test]
fn ctrl_c_at_typed_prompt_exits_130() {
    let (server, sessions) = server_with_every_state();
    let mut session = spawn_on_terminal(&server, &["sessions", "cleanup", MACHINE, "--force"]);

    session.expect("to confirm").unwrap();
    session.send(expectrl::ControlCode::EndOfText).unwrap();

    session
        .expect("\u{1b}[?25h")
        .expect("the cursor is shown again");
    assert_eq!(exit_code_of(&mut session), 130);
    assert_eq!(server.session_ids(MACHINE).len(), sessions.len());
}

#[test]
fn ctrl_c_at_yes_no_prompt_exits_130() {
    let (server, sessions) = server_with_every_state();
    let mut session = spawn_on_terminal(&server, &["sessions", "cleanup", MACHINE]);

    session.expect("Delete these sessions").unwrap();
    session.send(expectrl::ControlCode::EndOfText).unwrap();

    assert_eq!(exit_code_of(&mut session), 130);
    assert_eq!(server.session_ids(MACHINE).len(), sessions.len());
}

#[test]
fn keep_payments_machines_file_prints_array() {
    let (server, _) = server_with_every_state();
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), "VM001\n").unwrap();

    let output = server
        .vendctl()
        .args([
            "-o",
            "json",
            "sessions",
            "cleanup",
            "--keep-payments",
            "--machines-file",
        ])
        .arg(file.path())
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let documents: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(documents.as_array().map(Vec::len), Some(1));
    assert_eq!(documents[0]["machine_id"], MACHINE);
    assert_eq!(documents[0]["deleted_count"], 6);
}
