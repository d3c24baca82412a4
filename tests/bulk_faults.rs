//! Retries, interrupted bulk work and many machines with one failing: faults only a mock
//! server can produce on demand.

mod mock_server;

use std::process::{Command as StdCommand, Output, Stdio};
use std::time::Duration;

use assert_cmd::Command;
use mock_server::recording;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

fn vendctl(api_url: &str) -> Command {
    let mut command = Command::cargo_bin("vendctl").expect("the vendctl binary is built");
    command
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .args(["--api-url", api_url]);
    command
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn exit_code(output: &Output) -> i32 {
    output.status.code().expect("vendctl exited normally")
}

/// Responds to a session delete with the document the backend sends, naming the session.
struct DeleteResponder {
    delay: Duration,
}

impl Respond for DeleteResponder {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let session_id = request
            .url
            .path()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        let machine_id = session_id.split('_').next().unwrap_or_default().to_owned();
        ResponseTemplate::new(200)
            .set_body_json(json!({
                "session_id": session_id,
                "machine_id": machine_id,
                "message": "Session deleted successfully",
            }))
            .set_delay(self.delay)
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn retry_after_503_succeeds() {
    let server = MockServer::start().await;
    let list_path = "/api/admin/machines/CXYLOGD8OQUK/sessions";
    Mock::given(method("GET"))
        .and(path(list_path))
        .respond_with(ResponseTemplate::new(503).set_body_raw("busy", "text/plain"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(list_path))
        .respond_with(recording("list-sessions.200-mixed-states.http").response())
        .with_priority(2)
        .mount(&server)
        .await;

    let output = vendctl(&server.uri())
        .args(["-v", "-o", "json", "sessions", "list", "CXYLOGD8OQUK"])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 0, "{}", text(&output.stderr));
    let printed: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(printed["total_sessions"], 9);
    assert!(
        text(&output.stderr).contains("retrying"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn retries_give_up_after_limit() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_body_json(json!({"detail": "maintenance"})))
        .mount(&server)
        .await;

    let output = vendctl(&server.uri())
        .args(["--retries", "2", "machine", "info", "VM001"])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 5);
    assert!(text(&output.stderr).contains("maintenance"));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn server_error_500_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(recording("list-sessions.500-server-error.http").response())
        .mount(&server)
        .await;

    let output = vendctl(&server.uri())
        .args(["sessions", "list", "CXYLOGD8OQUK"])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 5);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn delete_404_after_lost_answer_counts_as_deleted() {
    let server = MockServer::start().await;
    let session_path = "/api/admin/sessions/VM001_20261204_195822_AAAA0001";
    Mock::given(method("DELETE"))
        .and(path(session_path))
        .respond_with(ResponseTemplate::new(504).set_body_raw("<html>504</html>", "text/html"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(session_path))
        .respond_with(recording("delete-session.404.http").response())
        .with_priority(2)
        .mount(&server)
        .await;

    let output = vendctl(&server.uri())
        .args(["sessions", "delete", "VM001_20261204_195822_AAAA0001"])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 0, "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("Deleted session VM001_20261204_195822_AAAA0001"),
        "{stdout}"
    );
    assert!(stdout.contains("response was lost"), "{stdout}");
}

#[tokio::test(flavor = "multi_thread")]
async fn delete_404_on_first_attempt_is_missing() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(recording("delete-session.404.http").response())
        .mount(&server)
        .await;

    let output = vendctl(&server.uri())
        .args([
            "-o",
            "json",
            "sessions",
            "delete",
            "A_1",
            "B_2",
            "--ignore-missing",
        ])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 0);
    let results: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results[0]["result"], "missing");
    assert_eq!(results[1]["result"], "missing");
    assert!(text(&output.stderr).contains("0 deleted, 2 missing, 0 failed"));
}

#[tokio::test(flavor = "multi_thread")]
async fn many_machines_with_one_unreachable() {
    let server = MockServer::start().await;
    for machine in ["FAST1", "FAST2"] {
        let mut document = recording("machine-info.200.http").json();
        document["machine_id"] = json!(machine);
        Mock::given(method("GET"))
            .and(path(format!("/api/admin/machines/{machine}/info")))
            .respond_with(ResponseTemplate::new(200).set_body_json(document))
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/api/admin/machines/SLOW/info"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(10)))
        .mount(&server)
        .await;

    let output = vendctl(&server.uri())
        .args([
            "--timeout",
            "0.5",
            "--retries",
            "0",
            "-o",
            "json",
            "machine",
            "info",
            "FAST1",
            "SLOW",
            "FAST2",
        ])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 6);
    let printed: Value = serde_json::from_slice(&output.stdout).unwrap();
    let machines: Vec<&str> = printed
        .as_array()
        .unwrap()
        .iter()
        .map(|document| document["machine_id"].as_str().unwrap())
        .collect();
    assert_eq!(machines, ["FAST1", "FAST2"]);
    let stderr = text(&output.stderr);
    assert!(stderr.contains("machine SLOW"), "{stderr}");
    assert!(stderr.contains("timed out"), "{stderr}");
    assert!(!stderr.contains("machine FAST1"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn interrupted_bulk_delete_reports_accurately() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path_regex("^/api/admin/sessions/"))
        .respond_with(DeleteResponder {
            delay: Duration::from_millis(100),
        })
        .mount(&server)
        .await;
    let ids: Vec<String> = (0..500)
        .map(|index| format!("VM001_20261204_120000_{index:08X}"))
        .collect();

    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("vendctl"))
        .args([
            "--api-url",
            &server.uri(),
            "-o",
            "json",
            "sessions",
            "delete",
            "-",
            "--jobs",
            "8",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(ids.join("\n").as_bytes()).unwrap();
    }
    // 500 deletes of 100 ms, 8 at a time, take about 6 s; interrupt in the middle.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let pid = child.id().to_string();
    let killed = StdCommand::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let output = child.wait_with_output().unwrap();

    assert_eq!(exit_code(&output), 130, "{}", text(&output.stderr));
    let results: Value = serde_json::from_slice(&output.stdout).unwrap();
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 500);

    let deleted: Vec<&str> = results
        .iter()
        .filter(|result| result["result"] == "deleted")
        .map(|result| result["session_id"].as_str().unwrap())
        .collect();
    let not_started = results
        .iter()
        .filter(|result| result["result"] == "not_started")
        .count();
    assert!(!deleted.is_empty());
    assert!(not_started > 0);
    assert_eq!(deleted.len() + not_started, 500);

    let mut requested: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.url.path().rsplit('/').next().unwrap().to_owned())
        .collect();
    requested.sort();
    let mut deleted_sorted: Vec<String> = deleted.iter().map(|id| (*id).to_owned()).collect();
    deleted_sorted.sort();
    assert_eq!(
        requested, deleted_sorted,
        "the report must match what the server received"
    );

    let stderr = text(&output.stderr);
    let summary = format!(
        "{} deleted, 0 missing, 0 failed, {not_started} not started, 0 unknown",
        deleted.len()
    );
    assert!(stderr.contains(&summary), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn interrupted_machine_info_prints_what_was_done() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path_regex("^/api/admin/machines/[^/]+/info$"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(recording("machine-info.200.http").json())
                .set_delay(Duration::from_millis(100)),
        )
        .mount(&server)
        .await;
    let machines: Vec<String> = (0..60).map(|index| format!("M{index:03}")).collect();

    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("vendctl"))
        .args([
            "--api-url",
            &server.uri(),
            "-o",
            "ndjson",
            "machine",
            "info",
            "--machines-file",
            "-",
            "--jobs",
            "1",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(machines.join("\n").as_bytes()).unwrap();
    }
    // 60 requests of 100 ms one at a time take about 6 s; interrupt in the middle.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let killed = StdCommand::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let output = child.wait_with_output().unwrap();

    assert_eq!(exit_code(&output), 130, "{}", text(&output.stderr));
    let printed = text(&output.stdout).lines().count();
    assert!(
        printed > 0,
        "the documents fetched before Ctrl-C are printed"
    );
    let received = server.received_requests().await.unwrap().len();
    assert_eq!(printed, received);
    let stderr = text(&output.stderr);
    let summary = format!(
        "interrupted: {printed} machine(s) done, {} not started, 0 with an unknown outcome",
        60 - printed
    );
    assert!(stderr.contains(&summary), "{stderr}");
    assert!(
        stderr.contains("vendctl: machine M059: not started: interrupted"),
        "{stderr}"
    );
}
