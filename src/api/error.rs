//! Server errors made readable. Fireworks answers errors in several shapes (OpenAI-style
//! `{"error":{...}}`, the same with a top-level `request_id`, Anthropic's
//! `{"type":"error","error":{...}}`, FastAPI's `{"detail":[...]}`, a bare `{"message"}`, or plain
//! text); the message is taken leniently from whichever is there, and the HTTP status decides
//! the exit code.

use http::header::HeaderMap;
use serde_json::Value;

use crate::exit::{Class, Exit, Failure};
use crate::reply::Piece;

/// What an error body says.
#[derive(Debug, Default, PartialEq)]
pub struct ErrorBody {
    pub message: String,
    pub kind: Option<String>,
    pub request_id: Option<String>,
}

/// Extracts the message from any known shape; falls back to the raw text, shortened.
pub fn parse_body(text: &str) -> ErrorBody {
    let Ok(v) = serde_json::from_str::<Value>(text) else {
        return ErrorBody {
            message: shorten(text.trim()),
            ..Default::default()
        };
    };
    let err = v.get("error");
    let message = err
        .and_then(|e| e.get("message"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| err.and_then(Value::as_str).map(str::to_string))
        .or_else(|| v.get("message").and_then(Value::as_str).map(str::to_string))
        .or_else(|| v.get("detail").map(detail_text))
        .unwrap_or_else(|| shorten(text.trim()));
    let kind = err
        .and_then(|e| e.get("type").or_else(|| e.get("code")))
        .and_then(|t| match t {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        });
    let request_id = v
        .get("request_id")
        .and_then(Value::as_str)
        .map(str::to_string);
    ErrorBody {
        message,
        kind,
        request_id,
    }
}

/// FastAPI validation details: a string, or a list of `{loc, msg}`.
fn detail_text(d: &Value) -> String {
    match d {
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|i| {
                let msg = i.get("msg").and_then(Value::as_str).unwrap_or("invalid");
                match i.get("loc").and_then(Value::as_array) {
                    Some(loc) => {
                        let path: Vec<String> = loc
                            .iter()
                            .map(|p| p.as_str().map_or_else(|| p.to_string(), str::to_string))
                            .collect();
                        format!("{}: {msg}", path.join("."))
                    }
                    None => msg.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

fn shorten(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 300 {
        let cut: String = one_line.chars().take(300).collect();
        format!("{cut}...")
    } else if one_line.is_empty() {
        "(empty body)".to_string()
    } else {
        one_line
    }
}

/// The request id from the headers, else from the body.
pub fn request_id(headers: &HeaderMap, body: Option<&ErrorBody>) -> Option<String> {
    headers
        .get("x-request-id")
        .or_else(|| headers.get("request-id"))
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .or_else(|| body.and_then(|b| b.request_id.clone()))
}

/// `retry-after-ms`, else `retry-after` in seconds (the HTTP-date form is not used by
/// Fireworks and is ignored).
pub fn retry_after(headers: &HeaderMap) -> Option<std::time::Duration> {
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite() && *v >= 0.0)
    };
    get("retry-after-ms")
        .map(|ms| ms / 1000.0)
        .or_else(|| get("retry-after"))
        .and_then(crate::limits::retry_after)
}

/// Rate-limit headers worth showing on a 429, as `name: value` pairs.
pub fn rate_limit_headers(headers: &HeaderMap) -> Vec<String> {
    headers
        .iter()
        .filter(|(k, _)| k.as_str().starts_with("x-ratelimit-") || k.as_str() == "retry-after")
        .map(|(k, v)| format!("{}: {}", k, v.to_str().unwrap_or("?")))
        .collect()
}

/// The error for a non-success HTTP reply.
pub fn http_failure(status: u16, reason: &str, headers: &HeaderMap, text: &str) -> Failure {
    let body = parse_body(text);
    let mut exit = Exit::from_status(status);
    // Fireworks has been seen to report rate limits as 400 with this text.
    if status == 400
        && body
            .message
            .to_ascii_lowercase()
            .contains("rate limit exceeded")
    {
        exit = Exit::RateLimited;
    }
    let id = request_id(headers, Some(&body))
        .map(|id| format!(" [request id {id}]"))
        .unwrap_or_default();
    let class = match exit {
        Exit::RateLimited => Class::RateLimited429,
        _ => Class::from_status(status),
    };
    let mut failure = Failure::new(
        exit,
        format!("HTTP {status} {reason}: {}{id}", body.message),
    )
    .class(class);
    failure.retryable = matches!(status, 408 | 429 | 500 | 502 | 503 | 504);
    failure.retry_after = retry_after(headers);
    match exit {
        Exit::Overloaded => failure.hint(
            "the serving path is load-shedding; Standard is shed first and Priority last: retry \
             later or use --tier priority",
        ),
        Exit::RateLimited => {
            let h = rate_limit_headers(headers);
            let seen = if h.is_empty() {
                "no rate-limit headers were sent".to_string()
            } else {
                h.join(", ")
            };
            failure.hint(format!(
                "the account is over its rate limit for this model ({seen}); wait and retry"
            ))
        }
        Exit::Auth => failure.hint(
            "check the API key (FIREWORKS_API_KEY, the config file, or ~/.fireworks/auth.ini) \
             and that it may use this model",
        ),
        Exit::NotFound => failure.hint(
            "check the model ID (short names expand to accounts/fireworks/models/NAME) and that \
             it is served on Serverless",
        ),
        _ => failure,
    }
}

/// Reads the body of a reply whose status is not a success (at most `ERROR_BODY_CAP` of it)
/// and turns it into its failure.
pub async fn reply_failure(mut resp: super::http::Response) -> Failure {
    let status = http::StatusCode::from_u16(resp.status()).unwrap_or(http::StatusCode::OK);
    let code = resp.status();
    let headers = resp.headers().clone();
    let body = super::body::read_capped(&mut resp, super::body::ERROR_BODY_CAP)
        .await
        .unwrap_or(super::body::Capped {
            text: String::new(),
            truncated: false,
        });
    let mut f = http_failure(
        code,
        status.canonical_reason().unwrap_or(""),
        &headers,
        &body.text,
    );
    if body.truncated {
        f.message.push_str(&format!(
            " (error body cut at {} KiB)",
            super::body::ERROR_BODY_CAP >> 10
        ));
    }
    f
}

/// The failure for an error reported inside a successful reply: overloads and rate limits
/// count as such (and may be retried before any output), anything else is a mid-stream error.
pub fn stream_failure(message: &str, kind: Option<&str>) -> Failure {
    let exit = stream_error_exit(kind);
    let class = match exit {
        Exit::Overloaded => Class::Shed503,
        Exit::RateLimited => Class::RateLimited429,
        _ => Class::MidStreamError,
    };
    let mut f = Failure::new(
        exit,
        format!("the server reported an error mid-reply: {message}"),
    )
    .class(class);
    f.retryable = matches!(exit, Exit::Overloaded | Exit::RateLimited);
    f
}

/// The failure a stream-error piece stands for.
pub fn piece_failure(piece: &Piece) -> Option<Failure> {
    match piece {
        Piece::Error { message, kind } => Some(stream_failure(message, kind.as_deref())),
        _ => None,
    }
}

/// The exit code for an error that arrives inside a stream (`{"error":{...}}` or an Anthropic
/// `error` event), from its type string.
pub fn stream_error_exit(kind: Option<&str>) -> Exit {
    match kind.unwrap_or("").to_ascii_lowercase().as_str() {
        "overloaded_error" | "overloaded" | "service_unavailable" | "503" => Exit::Overloaded,
        "rate_limit_error" | "rate_limit_exceeded" | "429" => Exit::RateLimited,
        "timeout_error" => Exit::Network,
        _ => Exit::Server,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape() {
        let cases = [
            (
                r#"{"error":{"object":"error","type":"invalid_request_error","code":"invalid_request_error","message":"Extra inputs are not permitted"}}"#,
                "Extra inputs are not permitted",
                None,
            ),
            (
                r#"{"error":{"message":"Requests with max_tokens > 4096 must have stream=true","param":"max_tokens","code":"BAD_REQUEST","type":"error"}}"#,
                "Requests with max_tokens > 4096 must have stream=true",
                None,
            ),
            (
                r#"{"error":{"message":"Model not found, inaccessible, and/or not deployed","param":"model","code":"NOT_FOUND","type":"error"},"request_id":"req-1"}"#,
                "Model not found, inaccessible, and/or not deployed",
                Some("req-1"),
            ),
            (
                r#"{"detail":[{"loc":["body","messages",0],"msg":"field required","type":"missing"}]}"#,
                "body.messages.0: field required",
                None,
            ),
            (
                r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"r2"}"#,
                "Overloaded",
                Some("r2"),
            ),
            (r#"{"message":"bare"}"#, "bare", None),
            (r#"{"error":"just a string"}"#, "just a string", None),
            (
                "<html>\n 502 Bad Gateway </html>",
                "<html> 502 Bad Gateway </html>",
                None,
            ),
            ("", "(empty body)", None),
        ];
        for (body, msg, id) in cases {
            let b = parse_body(body);
            assert_eq!(b.message, msg, "{body}");
            assert_eq!(b.request_id.as_deref(), id, "{body}");
        }
    }

    #[test]
    fn rate_limit_in_a_400() {
        let f = http_failure(
            400,
            "Bad Request",
            &HeaderMap::new(),
            r#"{"error":{"object":"error","type":"invalid_request_error","message":"rate limit exceeded, please try again later"}}"#,
        );
        assert_eq!(f.exit, Exit::RateLimited);
    }

    #[test]
    fn message_has_status_and_request_id() {
        let mut h = HeaderMap::new();
        h.insert("x-request-id", "abc".parse().unwrap());
        let f = http_failure(
            503,
            "Service Unavailable",
            &h,
            r#"{"error":{"message":"busy"}}"#,
        );
        assert_eq!(
            f.message,
            "HTTP 503 Service Unavailable: busy [request id abc]"
        );
        assert!(f.hint.unwrap().contains("--tier priority"));
    }
}
