//! Helpers shared by the integration tests: recorded API responses and a wiremock server that
//! serves them.

#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Returns the JSON body of a recorded response in `tests/fixtures/api`.
pub fn fixture_body(name: &str) -> Value {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/api")
        .join(name);
    let text = std::fs::read_to_string(&file).unwrap();
    let body = text
        .split_once("\r\n\r\n")
        .or_else(|| text.split_once("\n\n"))
        .map(|(_, body)| body)
        .unwrap();
    serde_json::from_str(body).unwrap()
}

/// Returns a machine-info document shaped like the recorded one, with these statistics.
pub fn machine_info(machine_id: &str, counter: u64, live: u64, limit: u64) -> Value {
    let mut document = fixture_body("machine-info.200.http");
    document["machine_id"] = json!(machine_id);
    document["session_stats"]["memory_session_count"] = json!(counter);
    document["session_stats"]["active_sessions"] = json!(live);
    document["session_stats"]["session_limit"] = json!(limit);
    document
}

/// Serves `document` at `GET /api/admin/machines/{machine_id}/info`.
pub async fn mount_info(server: &MockServer, machine_id: &str, document: Value) {
    Mock::given(method("GET"))
        .and(path(format!("/api/admin/machines/{machine_id}/info")))
        .respond_with(ResponseTemplate::new(200).set_body_json(document))
        .mount(server)
        .await;
}

/// Returns vendctl with an environment free of the developer's settings and configuration.
pub fn vendctl(home: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vendctl"));
    command.env_clear().env("HOME", home);
    command
}

/// Returns a loopback URL on which nothing listens: a port bound and released again.
pub fn unreachable_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}
