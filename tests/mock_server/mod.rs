//! A wiremock server that replays the recorded API responses in tests/fixtures/api, for the
//! faults the real `vendctl serve` cannot produce.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Value, json};

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A recorded HTTP response: status, headers and body.
pub struct Recording {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Recording {
    /// Returns the body parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("the recorded body is JSON")
    }

    /// Returns a wiremock response that replays this recording.
    pub fn response(&self) -> ResponseTemplate {
        let mut template = ResponseTemplate::new(self.status);
        for (name, value) in &self.headers {
            // wiremock sets the length itself from the body.
            if name != "content-length" && name != "content-type" {
                template = template.insert_header(name.as_str(), value.as_str());
            }
        }
        let content_type = self.header("content-type").unwrap_or("application/json");
        template.set_body_raw(self.body.clone().into_bytes(), content_type)
    }

    /// Returns the value of a header, if recorded.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// Returns the path of tests/fixtures/api.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/api")
}

/// Loads a recording by file name, such as `list-sessions.200-mixed-states.http`.
pub fn recording(name: &str) -> Recording {
    let text = std::fs::read_to_string(fixtures_dir().join(name))
        .unwrap_or_else(|error| panic!("reading fixture {name}: {error}"));
    // Recordings use HTTP's CRLF line ends in the head; the body is as sent.
    let (head, body) = text
        .split_once("\r\n\r\n")
        .or_else(|| text.split_once("\n\n"))
        .expect("a blank line after the headers");
    let mut lines = head.lines();
    let status_line = lines.next().expect("a status line");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("a status code");
    let headers = lines
        .filter_map(|line| line.split_once(": "))
        .map(|(name, value)| (name.to_ascii_lowercase(), value.to_owned()))
        .collect();
    Recording {
        status,
        headers,
        body: body.to_owned(),
    }
}

/// Starts a mock server that responds to `verb` on `url_path` with the recording `name`.
pub async fn serve_recording(verb: &str, url_path: &str, name: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(url_path))
        .respond_with(recording(name).response())
        .mount(&server)
        .await;
    server
}

/// Starts a mock server that responds to `verb` on `url_path` with `response`.
pub async fn serve_response(verb: &str, url_path: &str, response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(url_path))
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

/// Returns a `vendctl` command pointed at `api_url`, with a clean environment and no retries.
pub fn vendctl(api_url: &str) -> assert_cmd::Command {
    let mut command =
        assert_cmd::Command::cargo_bin("vendctl").expect("the vendctl binary is built");
    command
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .args(["--api-url", api_url, "--retries", "0"])
        .timeout(std::time::Duration::from_secs(30));
    command
}

/// Returns the top-level keys of a JSON object, in order.
pub fn keys(value: &serde_json::Value) -> Vec<String> {
    value
        .as_object()
        .map(|object| object.keys().cloned().collect())
        .unwrap_or_default()
}

/// Returns the JSON body of a recorded response in `tests/fixtures/api`.
pub fn fixture_body(name: &str) -> Value {
    recording(name).json()
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
pub fn vendctl_in_home(home: &Path) -> Command {
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
