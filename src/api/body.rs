//! What fw makes of a reply's head and body before any wire format sees it, shared by every
//! command (chat, messages, models, bench), so they classify odd replies alike: whether the
//! body is an event stream (media types compare case-insensitively), how much of a body is read
//! (every read is capped), and what a reply that says nothing at all is.

use http::header::{HeaderMap, CONTENT_TYPE};

use crate::exit::{Class, Exit, Failure};

/// The most of an error body that is read: its message is in the first few hundred bytes.
pub const ERROR_BODY_CAP: usize = 64 * 1024;
/// The most of a whole (non-stream) reply that is read; a stream's lines have the same cap.
pub const BODY_CAP: usize = 16 * 1024 * 1024;

/// Whether the reply is a server-sent-events stream: `text/event-stream` in any case, with or
/// without parameters.
pub fn is_event_stream(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("text/event-stream"))
}

/// A body read up to a cap.
pub struct Capped {
    pub text: String,
    /// True when the body went on past the cap; the rest was not read.
    pub truncated: bool,
}

/// Reads at most `cap` bytes of the body; what is past the cap is left unread (the connection
/// is then dropped, not reused).
pub async fn read_capped(
    resp: &mut super::http::Response,
    cap: usize,
) -> Result<Capped, super::http::Error> {
    let mut buf: Vec<u8> = Vec::new();
    let mut truncated = false;
    while let Some(chunk) = resp.chunk().await? {
        let room = cap - buf.len();
        if chunk.len() > room {
            buf.extend_from_slice(&chunk[..room]);
            truncated = true;
            break;
        }
        buf.extend_from_slice(chunk);
    }
    Ok(Capped {
        text: String::from_utf8_lossy(&buf).into_owned(),
        truncated,
    })
}

/// The failure for a whole reply larger than `BODY_CAP`.
pub fn too_large() -> Failure {
    Failure::new(
        Exit::Server,
        format!(
            "the reply is larger than {} MiB, more than any answer; fw stopped reading it",
            BODY_CAP >> 20
        ),
    )
    .class(Class::Malformed)
}

/// The failure for a reply that carried no answer, no tool call and no finish reason.
pub fn empty() -> Failure {
    Failure::new(
        Exit::Server,
        "malformed reply from the server: it carried no answer, no tool call and no finish \
         reason",
    )
    .class(Class::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_type_is_case_insensitive() {
        let h = |v: &str| {
            let mut m = HeaderMap::new();
            m.insert(CONTENT_TYPE, v.parse().unwrap());
            m
        };
        assert!(is_event_stream(&h("text/event-stream")));
        assert!(is_event_stream(&h("Text/Event-Stream; charset=UTF-8")));
        assert!(is_event_stream(&h(" TEXT/EVENT-STREAM ;charset=utf-8")));
        assert!(!is_event_stream(&h("application/json")));
        assert!(!is_event_stream(&h("text/event-streamx")));
        assert!(!is_event_stream(&HeaderMap::new()));
    }
}
