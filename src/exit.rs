//! The one exit-code table and the one classifier. Errors travel as `anyhow::Error`; a `Failure`
//! anywhere in the chain carries its code and an optional hint, transport errors from api::http
//! classify as network failures, and everything else is an internal error. The table is
//! documented in docs/exit-codes.md and every code has an integration test.

use std::fmt;

/// Process exit codes. The numbers are a public contract: scripts branch on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    Internal = 1,
    /// Bad flags, input or config; the server said 400 or 422.
    Usage = 2,
    /// No key, or the server said 401 or 403.
    Auth = 3,
    /// 404, or the model does not offer the serving path asked for.
    NotFound = 4,
    /// 429.
    RateLimited = 5,
    /// 503: the request was load-shed.
    Overloaded = 6,
    /// Any other server error, or a reply that could not be understood.
    Server = 7,
    /// Connect failure, timeout, or a stream cut off.
    Network = 8,
    /// `fw bench`: an assertion failed.
    ThresholdFailed = 9,
    /// `fw bench`: the run is invalid (too many errors, too few samples, no usage, or the client
    /// fell behind), so its thresholds mean nothing.
    InvalidRun = 10,
    /// `--schema`, `--json-object`: the answer is not JSON, or does not match the schema. The
    /// answer is still on stdout.
    SchemaMismatch = 11,
    /// Ctrl-C (SIGINT).
    Interrupted = 130,
    /// SIGTERM: 128 + 15, as a shell reports a process the signal ended.
    Terminated = 143,
}

impl Exit {
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The exit code for an HTTP error status.
    pub fn from_status(status: u16) -> Exit {
        match status {
            400 | 405 | 413 | 422 => Exit::Usage,
            401..=403 => Exit::Auth,
            404 => Exit::NotFound,
            408 | 504 => Exit::Network,
            429 => Exit::RateLimited,
            // 529 is the Anthropic-style "overloaded" status.
            503 | 529 => Exit::Overloaded,
            _ => Exit::Server,
        }
    }
}

/// What kind of failure a request met, finer than the exit code and derived in the same place:
/// `fw bench` counts requests by it, and an exchange's record keeps it. The names are part of
/// bench's JSON and records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// HTTP 503 (or 529), or an overload error inside the stream: load-shed.
    Shed503,
    /// HTTP 429, or a rate-limit error inside the stream.
    RateLimited429,
    /// Any other 5xx.
    Server5xx,
    /// Any 4xx but 408 and 429.
    Client4xx,
    /// A time-out (client side, 408 or 504).
    Timeout,
    /// The stream ended or broke before the reply was complete.
    CutOff,
    /// The server reported an error inside a successful stream.
    MidStreamError,
    /// A reply that could not be decoded or used (not JSON, empty, too large, a redirect
    /// elsewhere).
    Malformed,
    /// The request could not be sent (connect failure and the like).
    Network,
    /// Not about a reply at all: bad input, a missing key, a signal, a bug.
    Local,
}

impl Class {
    /// The class of an HTTP error status.
    pub fn from_status(status: u16) -> Class {
        match status {
            503 | 529 => Class::Shed503,
            429 => Class::RateLimited429,
            408 | 504 => Class::Timeout,
            500..=599 => Class::Server5xx,
            _ => Class::Client4xx,
        }
    }

    /// The class a failure has when nothing more precise was said.
    fn from_exit(exit: Exit) -> Class {
        match exit {
            Exit::Overloaded => Class::Shed503,
            Exit::RateLimited => Class::RateLimited429,
            Exit::Server => Class::Server5xx,
            Exit::Network => Class::Network,
            _ => Class::Local,
        }
    }

    /// Load-shedding and rate limits are what availability measures; every other failure
    /// means a run itself may be broken.
    pub fn is_availability(self) -> bool {
        matches!(self, Class::Shed503 | Class::RateLimited429)
    }
}

/// An error that knows its exit code, with an optional hint that says what to do.
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    pub class: Class,
    pub message: String,
    pub hint: Option<String>,
    /// A transient failure that may succeed when sent again (before any output).
    pub retryable: bool,
    /// How long the server asked the client to wait (`Retry-After`).
    pub retry_after: Option<std::time::Duration>,
}

impl Failure {
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Failure {
            exit,
            class: Class::from_exit(exit),
            message: message.into(),
            hint: None,
            retryable: false,
            retry_after: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn class(mut self, class: Class) -> Self {
        self.class = class;
        self
    }

    pub fn retryable(mut self) -> Self {
        self.retryable = true;
        self
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Failure::new(Exit::Usage, message)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// Maps any error to its exit code: the first `Failure` in the chain wins, then transport
/// errors, then broken pipes (which are not failures at all), then internal.
pub fn classify(err: &anyhow::Error) -> Exit {
    for cause in err.chain() {
        if let Some(f) = cause.downcast_ref::<Failure>() {
            return f.exit;
        }
        if let Some(e) = cause.downcast_ref::<crate::api::http::Error>() {
            return match e.kind {
                crate::api::http::ErrorKind::Url => Exit::Usage,
                _ => Exit::Network,
            };
        }
        if is_broken_pipe(cause) {
            return Exit::Success;
        }
    }
    Exit::Internal
}

/// The failure class of an error: its `Failure`'s, else the one its exit code implies.
pub fn class_of(err: &anyhow::Error) -> Class {
    failure(err).map_or_else(|| Class::from_exit(classify(err)), |f| f.class)
}

/// The first `Failure` in the chain, if any.
pub fn failure(err: &anyhow::Error) -> Option<&Failure> {
    err.chain().find_map(|c| c.downcast_ref::<Failure>())
}

/// The hint of the first `Failure` in the chain, if any.
pub fn hint(err: &anyhow::Error) -> Option<&str> {
    err.chain()
        .find_map(|c| c.downcast_ref::<Failure>())
        .and_then(|f| f.hint.as_deref())
}

/// True when the error is a write to a closed pipe (`fw chat ... | head -1`).
pub fn is_broken_pipe(cause: &(dyn std::error::Error + 'static)) -> bool {
    cause
        .downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn status_table() {
        assert_eq!(Exit::from_status(400), Exit::Usage);
        assert_eq!(Exit::from_status(422), Exit::Usage);
        assert_eq!(Exit::from_status(401), Exit::Auth);
        assert_eq!(Exit::from_status(403), Exit::Auth);
        assert_eq!(Exit::from_status(404), Exit::NotFound);
        assert_eq!(Exit::from_status(429), Exit::RateLimited);
        assert_eq!(Exit::from_status(503), Exit::Overloaded);
        assert_eq!(Exit::from_status(500), Exit::Server);
        assert_eq!(Exit::from_status(502), Exit::Server);
        assert_eq!(Exit::from_status(504), Exit::Network);
    }

    #[test]
    fn failure_wins_through_context() {
        let err = anyhow::Error::new(Failure::new(Exit::RateLimited, "slow down"))
            .context("while sending");
        assert_eq!(classify(&err), Exit::RateLimited);
        let plain: anyhow::Result<()> = Err(anyhow::anyhow!("boom")).context("outer");
        assert_eq!(classify(&plain.unwrap_err()), Exit::Internal);
    }

    #[test]
    fn broken_pipe_is_success() {
        let err = anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
            .context("writing the answer");
        assert_eq!(classify(&err), Exit::Success);
    }
}
