//! The HTTP client for the backend's admin API: one method per endpoint, each returning the
//! server's document both as sent and as typed data, or a [`Failure`] with its exit code.

pub mod types;

use std::time::{Duration, Instant};

use anyhow::Context;
use rand::Rng;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use url::Url;

use crate::error::{Failure, usage};
use crate::secret::Secret;
pub use types::*;

/// Settings of a [`Client`].
#[derive(Debug, Clone)]
pub struct ClientSettings {
    /// Base URL, path prefix included.
    pub api_url: Url,
    /// Bearer token, if any.
    pub token: Option<Secret>,
    /// Limit for connecting and for each whole request.
    pub timeout: Duration,
    /// Retries of an idempotent request after a connection error or a 502, 503 or 504.
    pub retries: u32,
}

/// A server document: the JSON exactly as sent (key order kept) and its typed view.
#[derive(Debug, Clone)]
pub struct Document<T> {
    /// The document as the server sent it.
    pub raw: Value,
    /// The fields vendctl reads.
    pub typed: T,
}

/// The outcome of a single delete.
#[derive(Debug, Clone)]
pub enum DeleteOutcome {
    /// The server deleted the session.
    Deleted(Document<DeletedSession>),
    /// The server returned 404.
    Missing {
        /// An earlier attempt may have reached the server and deleted the session before its
        /// response was lost, so this 404 may mean "deleted by us".
        after_uncertain_attempt: bool,
        /// The server's `detail` text.
        detail: String,
    },
}

/// A client of the admin API. Cheap to clone: clones share one connection pool.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    api_url: Url,
    token: Option<HeaderValue>,
    timeout: Duration,
    retries: u32,
}

/// An HTTP response, read whole.
struct Reply {
    status: StatusCode,
    content_type: String,
    body: bytes::Bytes,
    url: Url,
    /// An earlier attempt of this request may have been processed by the server.
    after_uncertain_attempt: bool,
}

/// The first delay before a retry; each later retry waits twice as long, plus jitter.
const FIRST_RETRY_DELAY: Duration = Duration::from_millis(200);

impl Client {
    /// Builds a client. Fails on a URL that cannot take a path (such as `mailto:`).
    pub fn new(settings: ClientSettings) -> anyhow::Result<Self> {
        if settings.api_url.cannot_be_a_base() {
            return Err(usage(format!(
                "invalid API URL `{}`: it must be an http or https URL",
                display_url(&settings.api_url)
            )));
        }

        let mut builder = reqwest::Client::builder()
            .connect_timeout(settings.timeout)
            .timeout(settings.timeout)
            .user_agent(concat!("vendctl/", env!("CARGO_PKG_VERSION")));
        if settings.api_url.scheme() == "http" {
            // Loading the system trust store took 2.6 ms of the 5.8 ms of a whole `machine info`
            // process (hyperfine, 2-core KVM), and fails where no CA certificates are installed.
            // A plain-http API needs no TLS unless it redirects to https, which is rejected.
            builder = builder
                .tls_certs_only(Vec::new())
                .redirect(reqwest::redirect::Policy::custom(follow_plain_redirect));
        }
        let http = builder.build().context("building the HTTP client")?;

        let token = settings
            .token
            .map(|token| {
                let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose()))
                    .map_err(|_| {
                        usage("the token contains characters an HTTP header cannot carry")
                    })?;
                value.set_sensitive(true);
                Ok::<_, anyhow::Error>(value)
            })
            .transpose()?;

        Ok(Self {
            http,
            api_url: settings.api_url,
            token,
            timeout: settings.timeout,
            retries: settings.retries,
        })
    }

    /// Returns the base URL with any password removed, for messages.
    pub fn api_url_for_display(&self) -> String {
        display_url(&self.api_url)
    }

    /// Lists a machine's sessions, newest first (`limit` 1..=100, the server's default 50).
    pub async fn list_sessions(
        &self,
        machine_id: &str,
        status: Option<&str>,
        limit: Option<u32>,
    ) -> anyhow::Result<Document<SessionList>> {
        let url = self.endpoint(&["api", "admin", "machines", machine_id, "sessions"])?;
        let mut query = Vec::new();
        if let Some(status) = status {
            query.push(("status", status.to_owned()));
        }
        if let Some(limit) = limit {
            query.push(("limit", limit.to_string()));
        }

        let reply = self.send(Method::GET, url, &query).await?;
        parse_document(reply, &format!("machine {machine_id}"))
    }

    /// Fetches a machine's details and session statistics.
    pub async fn machine_info(&self, machine_id: &str) -> anyhow::Result<Document<MachineInfo>> {
        let url = self.endpoint(&["api", "admin", "machines", machine_id, "info"])?;
        let reply = self.send(Method::GET, url, &[]).await?;
        parse_document(reply, &format!("machine {machine_id}"))
    }

    /// Resets a machine's in-memory session counter to 0.
    pub async fn reset_session_count(
        &self,
        machine_id: &str,
    ) -> anyhow::Result<Document<CounterReset>> {
        let url = self.endpoint(&[
            "api",
            "admin",
            "machines",
            machine_id,
            "reset-session-count",
        ])?;
        let reply = self.send(Method::POST, url, &[]).await?;
        parse_document(reply, &format!("machine {machine_id}"))
    }

    /// Deletes one session. A 404 is returned as [`DeleteOutcome::Missing`], not as an error.
    pub async fn delete_session(&self, session_id: &str) -> anyhow::Result<DeleteOutcome> {
        let url = self.endpoint(&["api", "admin", "sessions", session_id])?;
        let reply = self.send(Method::DELETE, url, &[]).await?;

        if reply.status == StatusCode::NOT_FOUND && is_json(&reply.content_type) {
            return Ok(DeleteOutcome::Missing {
                after_uncertain_attempt: reply.after_uncertain_attempt,
                detail: error_detail(&reply),
            });
        }
        parse_document(reply, &format!("session {session_id}")).map(DeleteOutcome::Deleted)
    }

    /// Runs the server's cleanup of a machine: smart, or every session with `force`.
    pub async fn cleanup(
        &self,
        machine_id: &str,
        force: bool,
    ) -> anyhow::Result<Document<CleanupResult>> {
        let url = self.endpoint(&[
            "api", "admin", "machines", machine_id, "sessions", "cleanup",
        ])?;
        let query = [("force", force.to_string())];
        let reply = self.send(Method::DELETE, url, &query).await?;
        parse_document(reply, &format!("machine {machine_id}"))
    }

    /// Appends `segments` to the base URL, each percent-encoded as one path segment.
    fn endpoint(&self, segments: &[&str]) -> anyhow::Result<Url> {
        let mut url = self.api_url.clone();
        url.path_segments_mut()
            .map_err(|()| usage("the API URL cannot take a path"))?
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }

    /// Sends a request, retrying an idempotent one after a connection error or a 502, 503 or
    /// 504, and reads the whole response.
    async fn send(
        &self,
        method: Method,
        url: Url,
        query: &[(&str, String)],
    ) -> Result<Reply, Failure> {
        // Every admin request is idempotent: GET and DELETE by definition, and a counter reset
        // sets the counter to 0 however often it runs.
        let mut after_uncertain_attempt = false;
        let mut attempt = 0;

        loop {
            let started = Instant::now();
            let result = self.send_once(method.clone(), &url, query).await;
            let elapsed_ms = started.elapsed().as_millis();

            let (retry_reason, uncertain) = match &result {
                Ok(reply) => {
                    tracing::info!(
                        method = %method,
                        url = %display_url(&reply.url),
                        status = reply.status.as_u16(),
                        elapsed_ms,
                        "request"
                    );
                    match reply.status.as_u16() {
                        502..=504 => (Some(format!("HTTP {}", reply.status.as_u16())), true),
                        _ => (None, false),
                    }
                }
                Err(transport) => {
                    tracing::info!(
                        method = %method,
                        url = %display_url(&url),
                        elapsed_ms,
                        error = %transport.reason,
                        "request failed"
                    );
                    let reason = transport.retriable.then(|| transport.reason.clone());
                    (reason, !transport.before_sending)
                }
            };

            let Some(reason) = retry_reason.filter(|_| attempt < self.retries) else {
                return match result {
                    Ok(mut reply) => {
                        reply.after_uncertain_attempt = after_uncertain_attempt;
                        Ok(reply)
                    }
                    Err(transport) if transport.timed_out && !transport.before_sending => {
                        Err(Failure::TimedOut {
                            url: self.api_url_for_display(),
                            seconds: self.timeout.as_secs_f64(),
                        })
                    }
                    Err(transport) => Err(Failure::Unreachable {
                        url: self.api_url_for_display(),
                        reason: transport.reason,
                    }),
                };
            };

            after_uncertain_attempt |= uncertain;
            attempt += 1;
            let delay = retry_delay(attempt);
            tracing::warn!(
                method = %method,
                url = %display_url(&url),
                reason = %reason,
                delay_ms = delay.as_millis(),
                "retrying ({attempt} of {})",
                self.retries
            );
            tokio::time::sleep(delay).await;
        }
    }

    /// Sends one request and reads the whole body.
    async fn send_once(
        &self,
        method: Method,
        url: &Url,
        query: &[(&str, String)],
    ) -> Result<Reply, TransportError> {
        tracing::debug!(
            method = %method,
            url = %display_url(url),
            query = ?query,
            bearer_token = self.token.is_some(),
            "sending"
        );
        let mut request = self.http.request(method, url.clone());
        if !query.is_empty() {
            request = request.query(query);
        }
        if let Some(token) = &self.token {
            request = request.header(AUTHORIZATION, token.clone());
        }

        let response = request
            .send()
            .await
            .map_err(|error| TransportError::from_reqwest(&error, self.timeout))?;

        let status = response.status();
        let final_url = response.url().clone();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("none")
            .to_owned();
        let body = response.bytes().await;

        match &body {
            Ok(bytes) => tracing::debug!(
                status = status.as_u16(),
                content_type = %content_type,
                bytes = bytes.len(),
                "response received"
            ),
            Err(error) => {
                tracing::debug!(status = status.as_u16(), "reading the body failed: {error}")
            }
        }

        match body {
            Ok(body) => Ok(Reply {
                status,
                content_type,
                body,
                url: final_url,
                after_uncertain_attempt: false,
            }),
            // A body cut short by a timeout is a timeout. A body cut short otherwise is a broken
            // response, which is reported with its status and content type.
            Err(error) if error.is_timeout() => {
                Err(TransportError::from_reqwest(&error, self.timeout))
            }
            Err(error) => Ok(Reply {
                status,
                content_type: format!(
                    "{content_type}; the body ended early: {}",
                    innermost(&error)
                ),
                body: bytes::Bytes::new(),
                url: final_url,
                after_uncertain_attempt: false,
            }),
        }
    }
}

/// Maximum redirects followed for one request, as in reqwest's default policy.
const MAX_REDIRECTS: usize = 10;

/// Follows a redirect of a plain-http API unless it leads to https, which a client built
/// without a trust store cannot verify.
fn follow_plain_redirect(attempt: reqwest::redirect::Attempt) -> reqwest::redirect::Action {
    if attempt.url().scheme() == "https" {
        let message = format!(
            "the server redirected to {}; pass the https URL as --api-url (or VENDCTL_API_URL)",
            display_url(attempt.url())
        );
        attempt.error(message)
    } else if attempt.previous().len() >= MAX_REDIRECTS {
        attempt.error(format!("too many redirects (more than {MAX_REDIRECTS})"))
    } else {
        attempt.follow()
    }
}

/// A request that got no complete response.
struct TransportError {
    reason: String,
    /// Another attempt could succeed; a rejected redirect, for one, cannot.
    retriable: bool,
    /// The request ran out of time.
    timed_out: bool,
    /// The request certainly never reached the server (the connection was never made).
    before_sending: bool,
}

impl TransportError {
    fn from_reqwest(error: &reqwest::Error, timeout: Duration) -> Self {
        let reason = if error.is_timeout() {
            format!("timed out after {} s", timeout.as_secs_f64())
        } else {
            innermost(error)
        };
        Self {
            reason,
            retriable: !error.is_redirect(),
            timed_out: error.is_timeout(),
            before_sending: error.is_connect(),
        }
    }
}

/// Returns the message of the deepest cause of `error`, which names the real problem
/// ("Connection refused", a certificate error) instead of reqwest's wrapper text.
fn innermost(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    if let Some(io) = cause.downcast_ref::<std::io::Error>()
        && io.kind() == std::io::ErrorKind::ConnectionRefused
    {
        return "connection refused".to_owned();
    }
    cause.to_string()
}

/// Returns the delay before retry number `attempt` (1-based): exponential with full jitter
/// between half and all of it, so that many clients do not retry in step.
fn retry_delay(attempt: u32) -> Duration {
    let ceiling = FIRST_RETRY_DELAY.saturating_mul(2u32.saturating_pow(attempt - 1));
    let ceiling_ms = ceiling.as_millis().min(10_000) as u64;
    let jittered = rand::rng().random_range(ceiling_ms / 2..=ceiling_ms);
    Duration::from_millis(jittered)
}

/// Returns `url` as text without its password, if it has one.
pub fn display_url(url: &Url) -> String {
    let mut shown = url.clone();
    if shown.password().is_some() {
        let _ = shown.set_password(Some("redacted"));
    }
    let text = shown.to_string();
    // `http://host:8000` reads better than the normalised `http://host:8000/`.
    match text.strip_suffix('/') {
        Some(trimmed) if shown.path() == "/" && shown.query().is_none() => trimmed.to_owned(),
        _ => text,
    }
}

fn is_json(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

/// Returns the `detail` of an error response, or a description of the body when it has none.
fn error_detail(reply: &Reply) -> String {
    if is_json(&reply.content_type)
        && let Ok(body) = serde_json::from_slice::<ErrorBody>(&reply.body)
    {
        return body.detail_text();
    }
    if reply.body.is_empty() {
        return format!("empty response of content type {}", reply.content_type);
    }
    format!(
        "response of content type {}, not a JSON error",
        reply.content_type
    )
}

/// Turns a response into a document of type `T`, or into the [`Failure`] its status means.
/// `subject` names what the request was about ("machine VM001", "session X") for a 404.
fn parse_document<T: DeserializeOwned>(reply: Reply, subject: &str) -> anyhow::Result<Document<T>> {
    let status = reply.status.as_u16();
    let json = is_json(&reply.content_type);

    if !reply.status.is_success() {
        let detail = error_detail(&reply);
        let failure = match status {
            401 | 403 => Failure::Unauthorized { status, detail },
            429 => Failure::RateLimited { detail },
            _ if !json => bad_response(&reply, "this is not a JSON response of the admin API"),
            404 => Failure::NotFound {
                what: subject.to_owned(),
                detail,
            },
            500.. => Failure::Server { status, detail },
            _ => Failure::Rejected { status, detail },
        };
        return Err(failure.into());
    }

    if !json {
        return Err(bad_response(&reply, "expected a JSON document").into());
    }

    let raw: Value = serde_json::from_slice(&reply.body)
        .map_err(|error| bad_response(&reply, &format!("malformed JSON: {error}")))?;
    let typed = serde_json::from_value(raw.clone()).map_err(|error| {
        bad_response(
            &reply,
            &format!("the JSON is not the document expected: {error}"),
        )
    })?;
    Ok(Document { raw, typed })
}

fn bad_response(reply: &Reply, problem: &str) -> Failure {
    Failure::BadResponse {
        url: display_url(&reply.url),
        status: reply.status.as_u16(),
        content_type: reply.content_type.clone(),
        problem: problem.to_owned(),
    }
}

/// Checks a machine or session id before it is put in a URL: not empty, no control
/// characters, and not `.` or `..`, which URL rules would remove from the path. `kind` is
/// "machine id" or "session id".
pub fn validate_id(kind: &str, id: &str) -> anyhow::Result<()> {
    if id.is_empty() {
        return Err(usage(format!(
            "the {kind} is empty; give a non-empty {kind}"
        )));
    }
    if id.chars().any(char::is_control) {
        return Err(usage(format!(
            "the {kind} {id:?} contains a control character; check for stray tabs or line breaks"
        )));
    }
    if id == "." || id == ".." {
        return Err(usage(format!("`{id}` is not a valid {kind}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(api_url: &str) -> Client {
        Client::new(ClientSettings {
            api_url: Url::parse(api_url).unwrap(),
            token: Some(Secret::new("s3cret-token")),
            timeout: Duration::from_secs(1),
            retries: 0,
        })
        .unwrap()
    }

    #[test]
    fn endpoint_keeps_path_prefix() {
        let url = client("https://example.test/backend")
            .endpoint(&["api", "admin", "machines", "VM001", "info"])
            .unwrap();
        assert_eq!(
            url.as_str(),
            "https://example.test/backend/api/admin/machines/VM001/info"
        );

        let url = client("https://example.test/backend/")
            .endpoint(&["api", "admin", "sessions", "X"])
            .unwrap();
        assert_eq!(
            url.as_str(),
            "https://example.test/backend/api/admin/sessions/X"
        );
    }

    #[test]
    fn endpoint_percent_encodes_segments() {
        let url = client("http://127.0.0.1:8000")
            .endpoint(&["api", "admin", "machines", "a/b?c#d %e", "info"])
            .unwrap();
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:8000/api/admin/machines/a%2Fb%3Fc%23d%20%25e/info"
        );
    }

    #[test]
    fn debug_output_hides_token() {
        let debug = format!("{:?}", client("http://127.0.0.1:8000"));
        assert!(!debug.contains("s3cret-token"), "{debug}");
    }

    #[test]
    fn display_url_hides_password() {
        let url = Url::parse("https://admin:hunter2@example.test/backend").unwrap();
        assert!(!display_url(&url).contains("hunter2"));
    }

    #[test]
    fn ids_validated() {
        assert!(validate_id("machine id", "CXYLOGD8OQUK").is_ok());
        assert!(validate_id("machine id", "with space/and slash").is_ok());
        for bad in ["", "a\tb", "a\nb", ".", ".."] {
            assert!(validate_id("machine id", bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn json_content_types() {
        assert!(is_json("application/json"));
        assert!(is_json("application/json; charset=utf-8"));
        assert!(is_json("application/problem+json"));
        assert!(!is_json("text/html; charset=utf-8"));
        assert!(!is_json("none"));
    }
}
