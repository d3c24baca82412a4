//! `vendctl menu` driven through a pseudo-terminal, as a person at a keyboard would.

mod common;
mod mock_server;

use std::process::Command as ProcessCommand;
use std::time::Duration;

use assert_cmd::assert::OutputAssertExt;
use expectrl::{Eof, Session, WaitStatus};
use mock_server::fixture_body;
use tempfile::TempDir;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const MACHINE: &str = "CXYLOGD8OQUK";
const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const ESCAPE: &str = "\x1b";
const MENU_PROMPT: &str = "Machine CXYLOGD8OQUK: choose an action";

/// Serves the recorded listing, machine info and force cleanup of the machine. The force
/// cleanup must be requested exactly once.
async fn recorded_server() -> MockServer {
    let server = MockServer::start().await;
    let answers = [
        ("GET", "sessions", "list-sessions.200-mixed-states.http"),
        ("GET", "info", "machine-info.200.http"),
    ];
    for (verb, endpoint, fixture) in answers {
        Mock::given(method(verb))
            .and(path(format!("/api/admin/machines/{MACHINE}/{endpoint}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(fixture_body(fixture)))
            .mount(&server)
            .await;
    }
    Mock::given(method("DELETE"))
        .and(path(format!(
            "/api/admin/machines/{MACHINE}/sessions/cleanup"
        )))
        .and(query_param("force", "true"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture_body("cleanup.200-force.http")),
        )
        .expect(1)
        .mount(&server)
        .await;
    server
}

/// Starts `vendctl menu ARGS` on a pseudo-terminal, without colour and with an empty home.
fn spawn_menu(api_url: &str, home: &TempDir, args: &[&str]) -> Session {
    let mut command = ProcessCommand::new(env!("CARGO_BIN_EXE_vendctl"));
    command
        .env_clear()
        .env("HOME", home.path())
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .args(["--api-url", api_url, "menu"])
        .args(args);
    let mut session = Session::spawn(command).unwrap();
    session.set_expect_timeout(Some(Duration::from_secs(15)));
    session
}

/// Chooses the menu line `index` (0 is the first) once the menu is shown.
fn choose(session: &mut Session, index: usize) {
    session.expect(MENU_PROMPT).unwrap();
    session.send(DOWN.repeat(index)).unwrap();
    session.send(ENTER).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn menu_list_cleanup_exit() {
    let server = recorded_server().await;
    let home = TempDir::new().unwrap();
    let mut session = spawn_menu(&server.uri(), &home, &[MACHINE]);

    choose(&mut session, 0);
    session
        .expect("9 sessions of machine CXYLOGD8OQUK: 4 not expired, 5 expired or cancelled")
        .unwrap();

    choose(&mut session, 2);
    session
        .expect("This deletes all 5 sessions of machine CXYLOGD8OQUK")
        .unwrap();
    session
        .expect("Type the machine id (CXYLOGD8OQUK) to confirm")
        .unwrap();
    session.send(format!("CXYLOGD8OQ{ENTER}")).unwrap();
    session
        .expect("the answer did not match CXYLOGD8OQUK; nothing was deleted")
        .unwrap();

    choose(&mut session, 2);
    session
        .expect("Type the machine id (CXYLOGD8OQUK) to confirm")
        .unwrap();
    session.send(format!("{MACHINE}{ENTER}")).unwrap();
    session
        .expect("Deleted 3 sessions of machine CXYLOGD8OQUK; it can create new sessions again.")
        .unwrap();

    choose(&mut session, 6);
    session.expect(Eof).unwrap();
    let status = session.get_process().wait().unwrap();
    assert_eq!(status, WaitStatus::Exited(session.get_process().pid(), 0));
}

#[tokio::test(flavor = "multi_thread")]
async fn menu_asks_machine_then_escape() {
    let server = MockServer::start().await;
    let home = TempDir::new().unwrap();
    let mut session = spawn_menu(&server.uri(), &home, &[]);

    session.expect("Machine id").unwrap();
    session.send(format!("{MACHINE}{ENTER}")).unwrap();
    session.expect(MENU_PROMPT).unwrap();
    session.send(ESCAPE).unwrap();

    session.expect(Eof).unwrap();
    let status = session.get_process().wait().unwrap();
    assert_eq!(status, WaitStatus::Exited(session.get_process().pid(), 0));
}

#[test]
fn menu_without_terminal_exits_2() {
    let home = TempDir::new().unwrap();
    let output = ProcessCommand::new(env!("CARGO_BIN_EXE_vendctl"))
        .env_clear()
        .env("HOME", home.path())
        .args([
            "--api-url",
            &mock_server::unreachable_url(),
            "menu",
            MACHINE,
        ])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    output.assert().code(2).stdout("").stderr(
        "vendctl: the menu needs a terminal on stdin and stderr; in scripts use \
             `vendctl sessions list`, `vendctl sessions cleanup`, `vendctl machine info` \
             or `vendctl machine reset-count`\n",
    );
}

#[test]
fn menu_against_serve_changes_database_only_when_confirmed() {
    let server = common::TestServer::start();
    let cancelled = server.create_session_id("VM001");
    server.create_session_id("VM001");
    server.create_session_id("VM001");
    server.set_session(&cancelled, "cancelled", false);
    let home = TempDir::new().unwrap();
    let mut session = spawn_menu(server.url(), &home, &["VM001"]);
    let prompt = "Machine VM001: choose an action";
    let choose_line = |session: &mut Session, index: usize| {
        session.expect(prompt).unwrap();
        session.send(DOWN.repeat(index)).unwrap();
        session.send(ENTER).unwrap();
    };

    choose_line(&mut session, 0);
    session.expect("3 sessions of machine VM001").unwrap();

    choose_line(&mut session, 1);
    session
        .expect("Delete these sessions of machine VM001?")
        .unwrap();
    session.send(format!("n{ENTER}")).unwrap();
    session
        .expect("Cancelled; nothing was deleted on machine VM001.")
        .unwrap();
    assert_eq!(server.session_ids("VM001").len(), 3);

    choose_line(&mut session, 2);
    session
        .expect("Type the machine id (VM001) to confirm")
        .unwrap();
    session.send(format!("VM00{ENTER}")).unwrap();
    session.expect("the answer did not match VM001").unwrap();
    assert_eq!(server.session_ids("VM001").len(), 3);

    choose_line(&mut session, 2);
    session
        .expect("Type the machine id (VM001) to confirm")
        .unwrap();
    session.send(format!("VM001{ENTER}")).unwrap();
    session
        .expect("Deleted 3 sessions of machine VM001")
        .unwrap();

    choose_line(&mut session, 6);
    session.expect(Eof).unwrap();
    let status = session.get_process().wait().unwrap();
    assert_eq!(status, WaitStatus::Exited(session.get_process().pid(), 0));
    assert!(server.session_ids("VM001").is_empty());
}
