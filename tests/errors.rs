//! Each documented exit code, produced by a real case, with a message on stderr that names
//! what failed and what to try, and nothing on stdout.

mod mock_server;

use std::process::{Output, Stdio};
use std::time::Duration;

use assert_cmd::Command;
use mock_server::{recording, serve_recording, serve_response, vendctl};
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

const LIST_PATH: &str = "/api/admin/machines/CXYLOGD8OQUK/sessions";
const TOKEN: &str = "tok-3f9a1c77e2";

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn exit_code(output: &Output) -> i32 {
    output.status.code().expect("vendctl exited normally")
}

/// Returns a loopback URL on which nothing listens.
fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

#[tokio::test(flavor = "multi_thread")]
async fn not_found_exits_3() {
    let server = serve_recording(
        "DELETE",
        "/api/admin/sessions/GONE_20261204_195822_3F8AECDE",
        "delete-session.404.http",
    )
    .await;

    let output = vendctl(&server.uri())
        .args(["sessions", "delete", "GONE_20261204_195822_3F8AECDE"])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 3);
    assert!(text(&output.stderr).contains("session GONE_20261204_195822_3F8AECDE"));
    assert!(text(&output.stderr).contains("session not found (HTTP 404): check the id"));
    assert_eq!(text(&output.stdout), "");
}

#[tokio::test(flavor = "multi_thread")]
async fn validation_error_exits_4_with_detail() {
    let server = serve_recording("GET", LIST_PATH, "list-sessions.422-limit-101.http").await;

    let output = vendctl(&server.uri())
        .args(["sessions", "list", "CXYLOGD8OQUK"])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 4);
    let stderr = text(&output.stderr);
    assert!(stderr.contains("HTTP 422"), "{stderr}");
    assert!(
        stderr.contains("Input should be less than or equal to 100"),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn limit_out_of_range_rejected_before_sending() {
    let server = MockServer::start().await;

    for limit in ["0", "101", "-1", "ten"] {
        let output = vendctl(&server.uri())
            .args(["sessions", "list", "CXYLOGD8OQUK", "--limit", limit])
            .output()
            .unwrap();
        assert_eq!(exit_code(&output), 2, "--limit {limit}");
        assert!(text(&output.stderr).contains(limit), "--limit {limit}");
    }

    let received = server.received_requests().await.unwrap();
    assert!(received.is_empty(), "requests were sent: {received:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn server_error_exits_5_with_detail() {
    let server = serve_recording("GET", LIST_PATH, "list-sessions.500-server-error.http").await;

    let output = vendctl(&server.uri())
        .args(["sessions", "list", "CXYLOGD8OQUK"])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 5);
    let stderr = text(&output.stderr);
    assert!(stderr.contains("HTTP 500"), "{stderr}");
    assert!(stderr.contains("Invalid isoformat string"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn html_page_exits_5_naming_content_type() {
    let page = "<!doctype html><html><body>Pimp My Case</body></html>";
    let response = ResponseTemplate::new(200).set_body_raw(page, "text/html; charset=utf-8");
    let server = serve_response("GET", LIST_PATH, response).await;

    let output = vendctl(&server.uri())
        .args(["sessions", "list", "CXYLOGD8OQUK"])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 5);
    let stderr = text(&output.stderr);
    assert!(stderr.contains("HTTP 200"), "{stderr}");
    assert!(stderr.contains("text/html"), "{stderr}");
    assert!(stderr.contains("--api-url"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn proxy_error_page_exits_5() {
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let response = ResponseTemplate::new(502).set_body_raw(page, "text/html");
    let server = serve_response("GET", LIST_PATH, response).await;

    let output = vendctl(&server.uri())
        .args(["sessions", "list", "CXYLOGD8OQUK"])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 5);
    let stderr = text(&output.stderr);
    assert!(stderr.contains("HTTP 502"), "{stderr}");
    assert!(stderr.contains("text/html"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_json_exits_5() {
    let truncated = &recording("list-sessions.200-mixed-states.http").body[..200];
    let response =
        ResponseTemplate::new(200).set_body_raw(truncated.to_owned(), "application/json");
    let server = serve_response("GET", LIST_PATH, response).await;

    let output = vendctl(&server.uri())
        .args(["sessions", "list", "CXYLOGD8OQUK"])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 5);
    let stderr = text(&output.stderr);
    assert!(stderr.contains("malformed JSON"), "{stderr}");
    assert!(stderr.contains("application/json"), "{stderr}");
    assert_eq!(text(&output.stdout), "");
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_document_shape_exits_5() {
    let response = ResponseTemplate::new(200).set_body_json(serde_json::json!({"status": "ok"}));
    let server = serve_response("GET", LIST_PATH, response).await;

    let output = vendctl(&server.uri())
        .args(["sessions", "list", "CXYLOGD8OQUK"])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 5);
    assert!(text(&output.stderr).contains("not the document expected"));
}

#[test]
fn connection_refused_exits_6() {
    let url = closed_port_url();

    let output = vendctl(&url)
        .args(["machine", "info", "CXYLOGD8OQUK"])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 6);
    let stderr = text(&output.stderr);
    assert!(stderr.contains(&format!("cannot reach {url}")), "{stderr}");
    assert!(stderr.contains("connection refused"), "{stderr}");
    assert!(stderr.contains("VENDCTL_API_URL"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn silent_server_times_out_with_6() {
    let response = ResponseTemplate::new(200)
        .set_body_json(serde_json::json!({}))
        .set_delay(Duration::from_secs(10));
    let server = serve_response("GET", LIST_PATH, response).await;

    let started = std::time::Instant::now();
    let output = vendctl(&server.uri())
        .args(["--timeout", "0.5", "sessions", "list", "CXYLOGD8OQUK"])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 6);
    assert!(
        text(&output.stderr).contains("within 0.5 s (timed out)"),
        "{}",
        text(&output.stderr)
    );
    // Generous bound: only checks that the timeout, not the server's delay, ended the wait.
    assert!(started.elapsed() < Duration::from_secs(8));
}

#[tokio::test(flavor = "multi_thread")]
async fn unauthorized_exits_7() {
    for status in [401, 403] {
        let response = ResponseTemplate::new(status)
            .set_body_json(serde_json::json!({"detail": "Not authenticated"}));
        let server = serve_response("GET", LIST_PATH, response).await;

        let output = vendctl(&server.uri())
            .args(["sessions", "list", "CXYLOGD8OQUK"])
            .output()
            .unwrap();

        assert_eq!(exit_code(&output), 7, "HTTP {status}");
        let stderr = text(&output.stderr);
        assert!(stderr.contains("Not authenticated"), "{stderr}");
        assert!(stderr.contains("--token"), "{stderr}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn rate_limited_exits_8() {
    let server = serve_recording("GET", LIST_PATH, "create-session.429-limit.http").await;

    let output = vendctl(&server.uri())
        .args(["sessions", "list", "CXYLOGD8OQUK"])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 8);
    assert!(text(&output.stderr).contains("Machine session limit exceeded"));
}

#[tokio::test(flavor = "multi_thread")]
async fn token_sent_but_never_printed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(recording("machine-info.200.http").response())
        .mount(&server)
        .await;

    let output = vendctl(&server.uri())
        .args(["-vv", "--token", TOKEN, "machine", "info", "CXYLOGD8OQUK"])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 0, "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("/api/admin/machines/CXYLOGD8OQUK/info"));
    assert!(!text(&output.stdout).contains(TOKEN));
    assert!(!text(&output.stderr).contains(TOKEN));
}

#[tokio::test(flavor = "multi_thread")]
async fn token_not_printed_on_failure() {
    let response =
        ResponseTemplate::new(401).set_body_json(serde_json::json!({"detail": "Invalid token"}));
    let server = serve_response("GET", LIST_PATH, response).await;
    let token_file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(token_file.path(), format!("{TOKEN}\n")).unwrap();

    let from_env = vendctl(&server.uri())
        .env("VENDCTL_TOKEN", TOKEN)
        .args(["-vv", "sessions", "list", "CXYLOGD8OQUK"])
        .output()
        .unwrap();
    let from_file = vendctl(&server.uri())
        .arg("--token-file")
        .arg(token_file.path())
        .args(["-vv", "sessions", "list", "CXYLOGD8OQUK"])
        .output()
        .unwrap();

    for output in [&from_env, &from_file] {
        assert_eq!(exit_code(output), 7);
        assert!(!text(&output.stdout).contains(TOKEN));
        assert!(!text(&output.stderr).contains(TOKEN));
    }
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    for request in received {
        assert_eq!(
            request.headers["authorization"],
            format!("Bearer {TOKEN}").as_str()
        );
    }
}

#[test]
fn help_hides_token_from_environment() {
    let output = Command::cargo_bin("vendctl")
        .unwrap()
        .env("VENDCTL_TOKEN", TOKEN)
        .arg("--help")
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 0);
    assert!(!text(&output.stdout).contains(TOKEN));
}

#[test]
fn missing_token_file_exits_2() {
    let output = vendctl("http://127.0.0.1:9")
        .args([
            "--token-file",
            "/nonexistent/vendctl-token",
            "machine",
            "info",
            "VM001",
        ])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 2);
    assert!(text(&output.stderr).contains("/nonexistent/vendctl-token"));
}

#[test]
fn bad_ids_are_usage_errors() {
    for id in ["", "VM\t001", "VM001\n", ".."] {
        let output = vendctl("http://127.0.0.1:9")
            .args(["machine", "info", id])
            .output()
            .unwrap();
        assert_eq!(exit_code(&output), 2, "id {id:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn ids_are_percent_encoded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(recording("machine-info.200-unknown-machine.http").response())
        .mount(&server)
        .await;

    let output = vendctl(&format!("{}/backend", server.uri()))
        .args(["machine", "info", "VM 1/ü?x#y%"])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 0, "{}", text(&output.stderr));
    let received = server.received_requests().await.unwrap();
    assert_eq!(
        received[0].url.path(),
        "/backend/api/admin/machines/VM%201%2F%C3%BC%3Fx%23y%25/info"
    );
    assert_eq!(received[0].url.query(), None);
}

#[tokio::test(flavor = "multi_thread")]
async fn closed_stdout_ends_quietly() {
    let server = serve_recording("GET", LIST_PATH, "list-sessions.200-mixed-states.http").await;

    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("vendctl"))
        .args([
            "--api-url",
            &server.uri(),
            "sessions",
            "list",
            "CXYLOGD8OQUK",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before vendctl writes, as `| head -0` would.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();

    assert_eq!(exit_code(&output), 0);
    let stderr = text(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn closed_stdout_in_shell_pipeline() {
    let binary = assert_cmd::cargo::cargo_bin("vendctl");
    let script = format!(
        "set -o pipefail; {} --help | head -c 1 >/dev/null; echo \"exit=${{PIPESTATUS[0]}}\"",
        binary.display()
    );

    let output = std::process::Command::new("bash")
        .args(["-c", &script])
        .output()
        .unwrap();

    assert_eq!(text(&output.stdout).trim(), "exit=0");
    assert!(!text(&output.stderr).contains("panicked"));
}

#[tokio::test(flavor = "multi_thread")]
async fn http_redirect_to_https_rejected() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(301).insert_header("location", "https://127.0.0.1:9/backend"),
        )
        .mount(&server)
        .await;

    let output = vendctl(&server.uri())
        .args(["machine", "info", "CXYLOGD8OQUK"])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 6);
    assert!(
        text(&output.stderr).contains("redirected to https://127.0.0.1:9/backend"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(text(&output.stdout), "");
}

#[tokio::test(flavor = "multi_thread")]
async fn http_works_without_ca_certificates() {
    let server = serve_recording("GET", LIST_PATH, "list-sessions.200-mixed-states.http").await;
    let empty = tempfile::tempdir().unwrap();

    let output = vendctl(&server.uri())
        .env("SSL_CERT_DIR", empty.path())
        .env("SSL_CERT_FILE", empty.path().join("missing.pem"))
        .args(["sessions", "list", "CXYLOGD8OQUK"])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 0, "{}", text(&output.stderr));
}

#[tokio::test(flavor = "multi_thread")]
async fn rejected_redirect_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "https://127.0.0.1:9/"))
        .mount(&server)
        .await;

    let output = Command::cargo_bin("vendctl")
        .unwrap()
        .env_clear()
        .args([
            "--api-url",
            &server.uri(),
            "--retries",
            "2",
            "machine",
            "info",
            "VM001",
        ])
        .output()
        .unwrap();

    assert_eq!(exit_code(&output), 6);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}
