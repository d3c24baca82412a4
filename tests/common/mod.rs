//! A `vendctl serve` process for integration tests: started on a free loopback port with a
//! database in a temporary directory, with a small blocking HTTP client and direct SQL access to
//! the database file.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::Value;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Row, ValueRef};

/// Path of the binary under test.
pub const BINARY: &str = env!("CARGO_BIN_EXE_vendctl");

/// An HTTP response.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    /// Header names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    /// Returns the first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Parses the body as JSON, panicking with the body when it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|error| panic!("the body is not JSON ({error}): {}", self.body))
    }
}

/// A running `vendctl serve`, killed on drop.
pub struct TestServer {
    dir: tempfile::TempDir,
    args: Vec<String>,
    child: Option<Child>,
    url: String,
    logs: Arc<Mutex<Vec<String>>>,
    drain: Option<JoinHandle<()>>,
}

impl TestServer {
    /// Starts a server with the default options.
    pub fn start() -> Self {
        Self::start_with(&[])
    }

    /// Starts a server with extra `serve` arguments, such as `["--session-limit", "20"]`.
    pub fn start_with(args: &[&str]) -> Self {
        let dir = tempfile::TempDir::new().expect("creating a temporary directory");
        let mut server = Self {
            dir,
            args: args.iter().map(|arg| (*arg).to_owned()).collect(),
            child: None,
            url: String::new(),
            logs: Arc::new(Mutex::new(Vec::new())),
            drain: None,
        };
        server.spawn();
        server
    }

    /// Returns the base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Returns a `vendctl` command pointed at this server, with a clean environment and no
    /// retries, as a script in cron or CI would run it.
    pub fn vendctl(&self) -> assert_cmd::Command {
        let mut command = assert_cmd::Command::new(BINARY);
        command
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .args(["--api-url", &self.url, "--retries", "0"])
            .timeout(Duration::from_secs(30));
        command
    }

    /// Returns the session ids of `machine_id` in the database, sorted.
    pub fn session_ids(&self, machine_id: &str) -> Vec<String> {
        let query = format!(
            "SELECT session_id FROM sessions WHERE machine_id = '{machine_id}' ORDER BY session_id"
        );
        self.sql(&query)
            .into_iter()
            .map(|row| row[0].clone())
            .collect()
    }

    /// Sets a session's status and, when `expired`, moves its expiry into the past, as an
    /// admin would with SQL.
    pub fn set_session(&self, session_id: &str, status: &str, expired: bool) {
        let expires = if expired {
            "2020-01-01T00:00:00.000000"
        } else {
            "2099-01-01T00:00:00.000000"
        };
        self.sql(&format!(
            "UPDATE sessions SET status = '{status}', expires_at = '{expires}' WHERE session_id = '{session_id}'"
        ));
    }

    /// Returns the path of the database file.
    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("vendctl.db")
    }

    /// Returns everything the server wrote on stderr so far, one line per log line.
    pub fn logs(&self) -> String {
        self.logs.lock().unwrap().join("\n")
    }

    /// Stops the server with SIGTERM and starts it again on the same database and arguments.
    pub fn restart(&mut self) {
        self.stop();
        self.spawn();
    }

    /// Stops the server with SIGTERM and returns its exit status, waiting until it has exited
    /// and its stderr is fully read.
    pub fn stop(&mut self) -> ExitStatus {
        let mut child = self.child.take().expect("the server is running");
        let status = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .expect("running kill");
        assert!(status.success(), "kill -TERM failed");
        let exit = child.wait().expect("waiting for the server");
        if let Some(drain) = self.drain.take() {
            drain.join().expect("joining the stderr reader");
        }
        exit
    }

    /// Sends a request and returns the response. `body`, when given, is sent as JSON.
    pub fn request(&self, method: &str, path: &str, body: Option<&str>) -> Response {
        self.request_with_headers(method, path, &[], body)
    }

    /// Sends a request with extra headers, such as `("authorization", "Bearer t")`.
    pub fn request_with_headers(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Response {
        http_request(&self.url, method, path, headers, body)
    }

    /// Sends `GET path`.
    pub fn get(&self, path: &str) -> Response {
        self.request("GET", path, None)
    }

    /// Sends `DELETE path`.
    pub fn delete(&self, path: &str) -> Response {
        self.request("DELETE", path, None)
    }

    /// Sends `POST path` without a body.
    pub fn post(&self, path: &str) -> Response {
        self.request("POST", path, None)
    }

    /// Creates a session for `machine_id` and returns the status code and the JSON body.
    pub fn create_session(&self, machine_id: &str) -> (u16, Value) {
        let body = serde_json::json!({ "machine_id": machine_id }).to_string();
        let response = self.request("POST", "/api/vending/create-session", Some(&body));
        (response.status, response.json())
    }

    /// Creates a session for `machine_id`, asserts success and returns the session id.
    pub fn create_session_id(&self, machine_id: &str) -> String {
        let (status, body) = self.create_session(machine_id);
        assert_eq!(status, 200, "creating a session for {machine_id}: {body}");
        body["session_id"].as_str().unwrap().to_owned()
    }

    /// Returns the in-memory counter of `machine_id` from the machine info endpoint.
    pub fn counter(&self, machine_id: &str) -> i64 {
        let info = self
            .get(&format!("/api/admin/machines/{machine_id}/info"))
            .json();
        info["session_stats"]["memory_session_count"]
            .as_i64()
            .unwrap()
    }

    /// Runs `query` on the database file and returns its rows, each value as text (`NULL` for
    /// null). Statements that return no rows, such as UPDATE, return an empty list.
    pub fn sql(&self, query: &str) -> Vec<Vec<String>> {
        sql(&self.db_path(), query)
    }

    fn spawn(&mut self) {
        let mut child = Command::new(BINARY)
            .args(["serve", "--listen", "127.0.0.1:0", "--database"])
            .arg(self.db_path())
            .args(&self.args)
            .env_remove("VENDCTL_ADMIN_TOKEN")
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting vendctl serve");

        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut first = String::new();
        stderr
            .read_line(&mut first)
            .expect("reading the first stderr line");
        let Some(url) = first.trim_end().strip_prefix("listening on ") else {
            let mut rest = String::new();
            let _ = stderr.read_to_string(&mut rest);
            let _ = child.kill();
            panic!("vendctl serve did not start: {first}{rest}");
        };
        self.url = url.to_owned();
        self.logs.lock().unwrap().push(first.trim_end().to_owned());

        let logs = Arc::clone(&self.logs);
        self.drain = Some(std::thread::spawn(move || {
            for line in stderr.lines() {
                let Ok(line) = line else { break };
                logs.lock().unwrap().push(line);
            }
        }));
        self.child = Some(child);
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Sends one HTTP/1.1 request over a new connection and reads the whole response.
pub fn http_request(
    base_url: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Response {
    let address = base_url.strip_prefix("http://").expect("an http:// URL");
    let mut stream = TcpStream::connect(address).expect("connecting to the server");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();

    let mut request =
        format!("{method} {path} HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        request.push_str(&format!(
            "content-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        ));
    } else {
        request.push_str("content-length: 0\r\n\r\n");
    }
    stream
        .write_all(request.as_bytes())
        .expect("sending the request");

    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("reading the answer");
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> Response {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .expect("an HTTP answer with a header end");
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .expect("an HTTP status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(name, value)| name == "transfer-encoding" && value.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

/// Runs `query` on the SQLite file at `path`; see [`TestServer::sql`].
pub fn sql(path: &Path, query: &str) -> Vec<Vec<String>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut connection = SqliteConnectOptions::new()
            .filename(path)
            .busy_timeout(Duration::from_secs(5))
            .connect()
            .await
            .expect("opening the test database");
        let rows = sqlx::query(sqlx::AssertSqlSafe(query.to_owned()))
            .fetch_all(&mut connection)
            .await
            .unwrap_or_else(|error| panic!("running {query}: {error}"));
        rows.iter().map(row_as_text).collect()
    })
}

fn row_as_text(row: &sqlx::sqlite::SqliteRow) -> Vec<String> {
    (0..row.columns().len())
        .map(|index| {
            if row.try_get_raw(index).unwrap().is_null() {
                return "NULL".to_owned();
            }
            row.try_get::<String, _>(index)
                .or_else(|_| row.try_get::<i64, _>(index).map(|value| value.to_string()))
                .or_else(|_| row.try_get::<f64, _>(index).map(|value| value.to_string()))
                .unwrap_or_else(|error| panic!("reading column {index}: {error}"))
        })
        .collect()
}

/// Runs `vendctl serve ARGS` to its end with a 30-second timeout and returns its output; for
/// start-up failures.
pub fn run_serve(args: &[&str]) -> std::process::Output {
    assert_cmd::Command::new(BINARY)
        .arg("serve")
        .args(args)
        .env_remove("VENDCTL_ADMIN_TOKEN")
        .timeout(Duration::from_secs(30))
        .output()
        .expect("running vendctl serve")
}
