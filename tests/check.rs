//! `vendctl check`, the monitoring plugin: status line, performance data, exit codes and JSON.

mod mock_server;

use mock_server::{machine_info, mount_info, unreachable_url, vendctl_in_home as vendctl};
use serde_json::{Value, json};
use tempfile::TempDir;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Runs `vendctl check ARGS` against `api_url` and returns (exit code, stdout, stderr).
fn check(api_url: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let home = TempDir::new().unwrap();
    let output = vendctl(home.path())
        .args(["--api-url", api_url, "--retries", "0", "check"])
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test]
async fn check_ok_below_warning() {
    let server = MockServer::start().await;
    mount_info(&server, "VM001", machine_info("VM001", 1, 1, 5)).await;

    let (code, stdout, stderr) = check(&server.uri(), &["VM001"]);
    assert_eq!(
        stdout,
        "VENDCTL OK - 1 machine below 80% of the session limit | VM001=1;4;5;0;5\n"
    );
    assert_eq!(stderr, "");
    assert_eq!(code, Some(0));
}

#[tokio::test]
async fn check_warning_at_threshold() {
    let server = MockServer::start().await;
    mount_info(
        &server,
        "CXYLOGD8OQUK",
        machine_info("CXYLOGD8OQUK", 4, 4, 5),
    )
    .await;
    mount_info(&server, "VM001", machine_info("VM001", 0, 0, 5)).await;
    mount_info(&server, "VM002", machine_info("VM002", 1, 1, 5)).await;

    let (code, stdout, stderr) = check(&server.uri(), &["CXYLOGD8OQUK", "VM001", "VM002"]);
    assert_eq!(
        stdout,
        "VENDCTL WARNING - 1 of 3 machines at or above 80% of the session limit \
         | CXYLOGD8OQUK=4;4;5;0;5 VM001=0;4;5;0;5 VM002=1;4;5;0;5\n"
    );
    assert_eq!(stderr, "");
    assert_eq!(code, Some(1));
}

#[tokio::test]
async fn check_critical_at_limit() {
    let server = MockServer::start().await;
    mount_info(&server, "VM001", machine_info("VM001", 5, 5, 5)).await;
    mount_info(&server, "VM002", machine_info("VM002", 4, 4, 5)).await;

    let (code, stdout, stderr) = check(&server.uri(), &["VM001", "VM002"]);
    assert_eq!(
        stdout,
        "VENDCTL CRITICAL - 1 of 2 machines at or above 100% of the session limit; \
         1 of 2 machines at or above 80% of the session limit \
         | VM001=5;4;5;0;5 VM002=4;4;5;0;5\n"
    );
    assert_eq!(stderr, "");
    assert_eq!(code, Some(2));
}

#[tokio::test]
async fn check_usage_takes_larger_count() {
    let server = MockServer::start().await;
    // The counter is 0 while 5 sessions are live: the recorded drift after a cleanup.
    mount_info(&server, "VM001", machine_info("VM001", 0, 5, 5)).await;

    let (code, stdout, stderr) = check(&server.uri(), &["VM001"]);
    assert_eq!(
        stdout,
        "VENDCTL CRITICAL - 1 of 1 machine at or above 100% of the session limit; \
         1 of 1 machine with an in-memory counter out of step with the live sessions \
         | VM001=5;4;5;0;5\n"
    );
    assert_eq!(stderr, "");
    assert_eq!(code, Some(2));
}

#[tokio::test]
async fn check_counter_above_live_is_ok() {
    let server = MockServer::start().await;
    mount_info(&server, "VM001", machine_info("VM001", 2, 1, 5)).await;

    let (code, stdout, _) = check(&server.uri(), &["VM001"]);

    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.starts_with("VENDCTL OK"), "{stdout}");
}

#[tokio::test]
async fn check_drift_alone_warns() {
    let server = MockServer::start().await;
    mount_info(&server, "VM001", machine_info("VM001", 0, 2, 5)).await;

    let (code, stdout, stderr) = check(&server.uri(), &["VM001"]);
    assert_eq!(
        stdout,
        "VENDCTL WARNING - 1 of 1 machine with an in-memory counter out of step with the live sessions \
         | VM001=2;4;5;0;5\n"
    );
    assert_eq!(stderr, "");
    assert_eq!(code, Some(1));
}

#[tokio::test]
async fn check_unknown_machine_is_ok() {
    let server = MockServer::start().await;
    let document = mock_server::fixture_body("machine-info.200-unknown-machine.http");
    mount_info(&server, "NOSUCHMACHINE", document).await;

    let (code, stdout, stderr) = check(&server.uri(), &["NOSUCHMACHINE"]);
    assert_eq!(
        stdout,
        "VENDCTL OK - 1 machine below 80% of the session limit | NOSUCHMACHINE=0;4;5;0;5\n"
    );
    assert_eq!(stderr, "");
    assert_eq!(code, Some(0));
}

#[tokio::test]
async fn check_custom_thresholds() {
    let server = MockServer::start().await;
    mount_info(&server, "VM001", machine_info("VM001", 3, 3, 10)).await;

    let (code, stdout, stderr) = check(
        &server.uri(),
        &["VM001", "--warning", "25", "--critical", "50"],
    );
    assert_eq!(
        stdout,
        "VENDCTL WARNING - 1 of 1 machine at or above 25% of the session limit \
         | VM001=3;3;5;0;10\n"
    );
    assert_eq!(stderr, "");
    assert_eq!(code, Some(1));
}

#[test]
fn check_unreachable_is_unknown() {
    let url = unreachable_url();
    let (code, stdout, stderr) = check(&url, &["VM001"]);
    assert!(
        stdout.starts_with(&format!(
            "VENDCTL UNKNOWN - 1 of 1 machine not checked (machine VM001: cannot reach {url} ("
        )),
        "{stdout}"
    );
    assert!(stdout.ends_with(" | VM001=U\n"), "{stdout}");
    assert_eq!(stdout.lines().count(), 1);
    assert_eq!(stderr, "");
    assert_eq!(code, Some(3));
}

#[tokio::test]
async fn check_server_error_is_unknown() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/admin/machines/VM001/info"))
        .respond_with(ResponseTemplate::new(500).set_body_json(json!({"detail": "boom"})))
        .mount(&server)
        .await;
    mount_info(&server, "VM002", machine_info("VM002", 4, 4, 5)).await;

    let (code, stdout, stderr) = check(&server.uri(), &["VM001", "VM002"]);
    assert!(
        stdout.starts_with(
            "VENDCTL UNKNOWN - 1 of 2 machines at or above 80% of the session limit; \
             1 of 2 machines not checked (machine VM001: "
        ),
        "{stdout}"
    );
    assert!(stdout.ends_with(" | VM001=U VM002=4;4;5;0;5\n"), "{stdout}");
    assert_eq!(stderr, "");
    assert_eq!(code, Some(3));
}

#[tokio::test]
async fn check_critical_beats_unknown() {
    let server = MockServer::start().await;
    mount_info(&server, "VM002", machine_info("VM002", 5, 5, 5)).await;

    // VM001 has no mock, so wiremock responds with 404 for it.
    let (code, stdout, stderr) = check(&server.uri(), &["VM001", "VM002"]);
    assert!(stdout.starts_with("VENDCTL CRITICAL - "), "{stdout}");
    assert!(stdout.ends_with(" | VM001=U VM002=5;4;5;0;5\n"), "{stdout}");
    assert_eq!(stderr, "");
    assert_eq!(code, Some(2));
}

#[test]
fn check_warning_above_critical_is_unknown() {
    let (code, stdout, stderr) = check(
        &unreachable_url(),
        &["VM001", "--warning", "90", "--critical", "80"],
    );
    assert_eq!(
        stdout,
        "VENDCTL UNKNOWN - --warning 90 is above --critical 80; the warning threshold must not exceed the critical one\n"
    );
    assert_eq!(stderr, "");
    assert_eq!(code, Some(3));
}

#[test]
fn check_percent_out_of_range_is_unknown() {
    let (code, stdout, stderr) = check(&unreachable_url(), &["VM001", "--critical", "1001"]);
    assert_eq!(
        stdout,
        "VENDCTL UNKNOWN - --critical 1001 is out of range; give a percentage from 1 to 1000\n"
    );
    assert_eq!(stderr, "");
    assert_eq!(code, Some(3));
}

#[test]
fn check_bad_config_is_unknown() {
    let home = TempDir::new().unwrap();
    let config = home.path().join("config.toml");
    std::fs::write(&config, "[profiles.a]\nretry = 1\n").unwrap();
    let output = vendctl(home.path())
        .arg("--config")
        .arg(&config)
        .args(["check", "VM001"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with(&format!(
            "VENDCTL UNKNOWN - invalid configuration file {}, line 2: unknown field `retry`",
            config.display()
        )),
        "{stdout}"
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(output.status.code(), Some(3));
}

#[tokio::test]
async fn check_json_one_object_per_machine() {
    let server = MockServer::start().await;
    mount_info(&server, "VM001", machine_info("VM001", 0, 2, 5)).await;
    mount_info(&server, "VM002", machine_info("VM002", 5, 5, 5)).await;

    let (code, stdout, stderr) = check(&server.uri(), &["-o", "json", "VM001", "VM002"]);
    let documents: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        documents[0],
        json!({
            "machine_id": "VM001",
            "state": "WARNING",
            "usage": 2,
            "counter": 0,
            "live_sessions": 2,
            "limit": 5,
            "warning_sessions": 4,
            "critical_sessions": 5,
            "drift": true,
            "message": "2 of 5 sessions in use; the in-memory counter (0) is below live sessions (2)",
        })
    );
    assert_eq!(documents[1]["state"], "CRITICAL");
    assert_eq!(documents.as_array().unwrap().len(), 2);
    assert_eq!(stderr, "");
    assert_eq!(code, Some(2));
}

#[tokio::test]
async fn check_verbose_explains_each_machine() {
    let server = MockServer::start().await;
    mount_info(&server, "VM001", machine_info("VM001", 4, 4, 5)).await;

    let (code, stdout, stderr) = check(&server.uri(), &["-v", "VM001"]);
    assert_eq!(stdout.lines().count(), 1);
    assert!(
        stderr.contains(
            "vendctl: machine VM001: WARNING - 4 of 5 sessions in use, at or above the warning threshold of 4\n"
        ),
        "{stderr}"
    );
    assert_eq!(code, Some(1));
}

#[test]
fn check_argument_errors_are_unknown() {
    let home = tempfile::TempDir::new().unwrap();
    for arguments in [
        &["check"][..],
        &["check", "--bogus", "VM001"],
        &["check", "--warning", "abc", "VM001"],
    ] {
        let output = vendctl(home.path()).args(arguments).output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(3), "{arguments:?}: {stdout}");
        assert!(
            stdout.starts_with("VENDCTL UNKNOWN - "),
            "{arguments:?}: {stdout}"
        );
        assert_eq!(stdout.lines().count(), 1, "{arguments:?}: {stdout}");
    }
}
