//! Typed failures and the one place that maps them to exit codes.

use std::process::ExitCode;

/// A failure with a documented exit code. Commands return it inside an [`anyhow::Error`], whose
/// context adds which machine or session the failure concerns.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Invalid input: an argument, a file of ids, a configuration file.
    #[error("{0}")]
    Usage(String),

    /// A destructive command that needs a confirmation it did not get.
    #[error("{0}")]
    NotConfirmed(String),

    /// HTTP 404.
    #[error("{what} not found (HTTP 404): {detail}")]
    NotFound { what: String, detail: String },

    /// Another 4xx response, such as a 422 validation error.
    #[error("the server rejected the request (HTTP {status}): {detail}")]
    Rejected { status: u16, detail: String },

    /// HTTP 5xx.
    #[error("the server failed (HTTP {status}): {detail}")]
    Server { status: u16, detail: String },

    /// A response that is not the JSON document expected.
    #[error(
        "unexpected response from {url} (HTTP {status}, content type {content_type}): {problem}; \
         check that --api-url points at the vending backend"
    )]
    BadResponse {
        url: String,
        status: u16,
        content_type: String,
        problem: String,
    },

    /// No response at all: connection refused, DNS, TLS or a timeout.
    #[error(
        "cannot reach {url} ({reason}); is the server running? set --api-url or VENDCTL_API_URL"
    )]
    Unreachable { url: String, reason: String },

    /// A connection was made but no complete response came within the timeout.
    #[error(
        "no response from {url} within {seconds} s (timed out); the server may be overloaded or hung; \
         raise --timeout or check the server"
    )]
    TimedOut { url: String, seconds: f64 },

    /// HTTP 401 or 403.
    #[error(
        "authentication failed (HTTP {status}): {detail}; set --token, --token-file or VENDCTL_TOKEN"
    )]
    Unauthorized { status: u16, detail: String },

    /// HTTP 429.
    #[error("rate limited (HTTP 429): {detail}")]
    RateLimited { detail: String },

    /// Ctrl-C.
    #[error("interrupted")]
    Interrupted,

    /// Output went to a pipe whose reader has gone (`vendctl ... | head -1`): a normal end.
    #[error("stdout closed")]
    ClosedPipe,
}

impl Failure {
    /// Returns the documented exit code of this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::ClosedPipe => 0,
            Failure::Usage(_) | Failure::NotConfirmed(_) => 2,
            Failure::NotFound { .. } => 3,
            Failure::Rejected { .. } => 4,
            Failure::Server { .. } | Failure::BadResponse { .. } => 5,
            Failure::Unreachable { .. } | Failure::TimedOut { .. } => 6,
            Failure::Unauthorized { .. } => 7,
            Failure::RateLimited { .. } => 8,
            Failure::Interrupted => 130,
        }
    }
}

/// Returns a usage error (exit code 2) with `message`.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    Failure::Usage(message.into()).into()
}

/// Finds the [`Failure`] in an error's chain, if there is one.
pub fn failure_of(error: &anyhow::Error) -> Option<&Failure> {
    error
        .chain()
        .find_map(|cause| cause.downcast_ref::<Failure>())
}

/// Returns the exit code for `error`: the code of its [`Failure`], 0 for a closed stdout, or 1
/// (internal error) for anything else.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    if let Some(failure) = failure_of(error) {
        return failure.exit_code();
    }
    if is_closed_pipe(error) {
        return 0;
    }
    1
}

/// Returns true when the error is a write to a pipe whose reader has gone.
pub fn is_closed_pipe(error: &anyhow::Error) -> bool {
    if matches!(failure_of(error), Some(Failure::ClosedPipe)) {
        return true;
    }
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Returns an error and its causes as one line, outermost first, joined by ": ".
pub fn one_line(error: &anyhow::Error) -> String {
    format!("{error:#}").replace('\n', " ")
}

/// Prints `error` on stderr as one sentence, outermost context first, and returns its exit code.
pub fn report(error: &anyhow::Error) -> ExitCode {
    let code = exit_code(error);
    if is_closed_pipe(error) {
        return ExitCode::from(code);
    }

    let message = one_line(error);
    // stderr may be closed too; there is nowhere left to report that.
    let _ = crate::output::write_stderr_line(&format!("vendctl: {message}"));
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn exit_code_found_under_context() {
        let error = anyhow::Error::from(Failure::RateLimited {
            detail: "slow down".into(),
        })
        .context("creating a session");
        assert_eq!(exit_code(&error), 8);
    }

    #[test]
    fn broken_pipe_is_a_normal_end() {
        let error = Err::<(), _>(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
            .context("writing the table")
            .unwrap_err();
        assert_eq!(exit_code(&error), 0);
    }

    #[test]
    fn other_errors_are_internal() {
        assert_eq!(exit_code(&anyhow::anyhow!("bug")), 1);
    }
}
