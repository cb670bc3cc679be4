//! One exchange: send one request, read its reply, and hand every timed event to a sink. This
//! is the only code that sends an inference request and reads its answer; `fw chat`,
//! `fw messages` and `fw bench` all run it, so they classify replies and time tokens the same
//! way by construction.
//!
//! The exchange keeps the timeline (when the request was sent, the head arrived, the first and
//! last token were read, how many token events, usage, finish) and classifies every failure
//! into one `Failure` (exit code and class). What is done with the reply as it arrives belongs
//! to sinks: the terminal renderer, the transcript that `--json` and the log are built from,
//! bench's records. A new consumer is a new `Sink`, never a second copy of this loop.
//!
//! Time: every piece is stamped with the moment the read that carried it returned, once per
//! read, on a monotonic clock.

use std::time::Instant;

use ::http::header::HeaderMap;
use anyhow::Result;

use crate::api::client::{is_stale_connection, network_failure, root_cause, Client};
use crate::api::error::{piece_failure, reply_failure, request_id};
use crate::api::http;
use crate::api::request::Request;
use crate::api::{body, sse, Decoder};
use crate::exit::{Class, Exit, Failure};
use crate::reply::{Piece, Usage};

/// Something that happened during an exchange, in order.
pub enum Event<'a> {
    /// The reply's status and headers arrived.
    Head { status: u16, headers: &'a HeaderMap },
    /// One decoded piece of the reply.
    Piece(&'a Piece),
}

/// A consumer of an exchange's events. `at` is when the read that carried the event returned.
/// An error from a sink (a closed stdout) ends the exchange with that error.
pub trait Sink: Send {
    fn event(&mut self, event: Event<'_>, at: Instant) -> Result<()>;
}

/// Two sinks in one, each given every event in turn.
impl<A: Sink, B: Sink> Sink for (A, B) {
    fn event(&mut self, event: Event<'_>, at: Instant) -> Result<()> {
        let again = match &event {
            Event::Head { status, headers } => Event::Head {
                status: *status,
                headers,
            },
            Event::Piece(p) => Event::Piece(p),
        };
        self.0.event(event, at)?;
        self.1.event(again, at)
    }
}

impl<S: Sink + ?Sized> Sink for &mut S {
    fn event(&mut self, event: Event<'_>, at: Instant) -> Result<()> {
        (**self).event(event, at)
    }
}

/// A sink that keeps nothing.
pub struct Discard;

impl Sink for Discard {
    fn event(&mut self, _: Event<'_>, _: Instant) -> Result<()> {
        Ok(())
    }
}

/// Server-side timings, from Fireworks' headers or the reply's own fields.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ServerTiming {
    pub ttft_ms: Option<f64>,
    pub total_ms: Option<f64>,
    pub decode_tps: Option<f64>,
}

/// The timeline of one exchange, whatever its outcome.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// Just before the request was written (the second send, when it was resent).
    pub t0: Instant,
    /// Sent a second time because the pooled connection had been closed by the server before
    /// it could carry the request.
    pub resent: bool,
    pub head: Option<Instant>,
    pub status: Option<u16>,
    /// The `x-request-id` header, else the reply's own id.
    pub request_id: Option<String>,
    /// The reply was read as an event stream: token times mean something.
    pub streamed: bool,
    /// The first token of any kind (answer, reasoning or refusal).
    pub first_token: Option<Instant>,
    /// The first answer token.
    pub first_answer: Option<Instant>,
    pub last_token: Option<Instant>,
    /// Reads that carried at least one token.
    pub token_events: u64,
    pub tool_calls: u64,
    /// Characters of answer text received, for messages about a reply cut short.
    pub answer_chars: u64,
    pub usage: Option<Usage>,
    pub finish: Option<String>,
    /// The wire format's end marker arrived (`[DONE]`, `message_stop`).
    pub done: bool,
    pub server: ServerTiming,
    /// The `x-ratelimit-*` headers of the reply that carried numbers, by name without the
    /// prefix (`remaining-requests`, `limit-tokens-generated`, ...).
    pub rate_limits: Vec<(String, f64)>,
    /// The reply said `x-ratelimit-over-limit: yes`.
    pub over_limit: bool,
    /// When the exchange ended.
    pub end: Instant,
}

impl Default for Timeline {
    fn default() -> Timeline {
        Timeline::new()
    }
}

impl Timeline {
    /// A timeline that starts now.
    pub fn new() -> Timeline {
        let now = Instant::now();
        Timeline {
            t0: now,
            resent: false,
            head: None,
            status: None,
            request_id: None,
            streamed: false,
            first_token: None,
            first_answer: None,
            last_token: None,
            token_events: 0,
            tool_calls: 0,
            answer_chars: 0,
            usage: None,
            finish: None,
            done: false,
            server: ServerTiming::default(),
            rate_limits: Vec::new(),
            over_limit: false,
            end: now,
        }
    }

    /// Whether any part of the answer has arrived (and so may be on the user's screen or in
    /// their pipe): a token of any kind, or a tool call.
    pub fn answered(&self) -> bool {
        self.first_token.is_some() || self.tool_calls > 0
    }

    /// Milliseconds from the send to `t`.
    pub fn ms(&self, t: Instant) -> f64 {
        t.saturating_duration_since(self.t0).as_secs_f64() * 1000.0
    }

    /// Time to the first token, for a streamed reply.
    pub fn ttft_ms(&self) -> Option<f64> {
        self.first_token
            .filter(|_| self.streamed)
            .map(|t| self.ms(t))
    }

    /// The decode rate from the server's token count, for a streamed reply.
    pub fn decode_tps(&self) -> Option<f64> {
        let (a, b) = (self.first_token?, self.last_token?);
        let n = self.usage.as_ref()?.completion_tokens?;
        if !self.streamed {
            return None;
        }
        crate::reply::decode_tps(n, b.saturating_duration_since(a).as_secs_f64())
    }

    /// Applies one piece read at `at`; `Err` when the piece ends the reply as a failure.
    fn apply(&mut self, p: &Piece, at: Instant, tokens: &mut bool) -> Result<(), Failure> {
        match p {
            Piece::Content(text) => {
                *tokens = true;
                self.first_answer.get_or_insert(at);
                self.answer_chars += text.chars().count() as u64;
            }
            Piece::Refusal(_) => {
                *tokens = true;
                self.first_answer.get_or_insert(at);
            }
            Piece::Reasoning(_) => *tokens = true,
            Piece::Usage(u) => self.usage = Some(u.clone()),
            Piece::Finish(f) => self.finish = Some(f.clone()),
            Piece::Done => self.done = true,
            Piece::ToolCall(_) => self.tool_calls += 1,
            Piece::ServerTiming {
                ttft_ms,
                total_ms,
                decode_tps,
            } => {
                let s = &mut self.server;
                s.ttft_ms = ttft_ms.or(s.ttft_ms);
                s.total_ms = total_ms.or(s.total_ms);
                s.decode_tps = decode_tps.or(s.decode_tps);
            }
            Piece::Meta { id, .. } => {
                if self.request_id.is_none() {
                    self.request_id.clone_from(id);
                }
            }
            Piece::Error { .. } => return Err(piece_failure(p).expect("an error piece")),
        }
        if *tokens {
            self.first_token.get_or_insert(at);
            self.last_token = Some(at);
        }
        Ok(())
    }
}

/// The limits an exchange enforces on top of the client's own, for its messages.
#[derive(Debug, Clone, Copy, Default)]
pub struct Limits {
    /// `--timeout`, when set: a reply still streaming then is cut, and not retried.
    pub total: Option<std::time::Duration>,
    /// `--idle-timeout`: named when a stream stalls.
    pub idle: std::time::Duration,
}

/// Runs one exchange: sends `req`, reads and decodes the reply, gives every event to `sink`,
/// and keeps the timeline in `t` (started anew; the caller's, so it survives an exchange that
/// is stopped part-way). Returns the failure if there was one: an HTTP error, a transport
/// error, a stream cut off or stalled, a malformed or empty reply, an error inside the reply,
/// or a sink's own error (a closed stdout). A request whose pooled connection the server had
/// already closed (a keep-alive race: nothing reached it) is sent once more, flagged `resent`.
pub async fn run(
    client: &Client,
    req: &Request,
    decoder: &mut dyn Decoder,
    sink: &mut dyn Sink,
    limits: Limits,
    t: &mut Timeline,
) -> Result<()> {
    *t = Timeline::new();
    let result = exchange(client, req, decoder, sink, limits, t).await;
    t.end = Instant::now();
    result?;
    if !t.answered() && t.finish.is_none() {
        return Err(body::empty().into());
    }
    Ok(())
}

async fn exchange(
    client: &Client,
    req: &Request,
    decoder: &mut dyn Decoder,
    sink: &mut dyn Sink,
    limits: Limits,
    t: &mut Timeline,
) -> Result<()> {
    let mut resp = loop {
        t.t0 = Instant::now();
        match client.send_raw(req).await {
            Ok(resp) => break resp,
            Err(e) if !t.resent && is_stale_connection(&e) => t.resent = true,
            Err(e) => return Err(network_failure(&e, &req.url).into()),
        }
    };
    let at = Instant::now();
    t.head = Some(at);
    let status = resp.status();
    t.status = Some(status);
    let headers = resp.headers().clone();
    t.request_id = request_id(&headers, None);
    let secs = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite())
            .map(|s| s * 1000.0)
    };
    t.server.ttft_ms = secs("fireworks-server-time-to-first-token");
    t.server.total_ms = secs("fireworks-server-processing-time");
    for (name, value) in &headers {
        let Some(rest) = name.as_str().strip_prefix("x-ratelimit-") else {
            continue;
        };
        let value = value.to_str().unwrap_or("").trim();
        if rest == "over-limit" {
            t.over_limit = value.eq_ignore_ascii_case("yes");
        } else if let Some(n) = value.parse::<f64>().ok().filter(|n| n.is_finite()) {
            t.rate_limits.push((rest.to_string(), n));
        }
    }
    sink.event(
        Event::Head {
            status,
            headers: &headers,
        },
        at,
    )?;
    if !resp.is_success() {
        return Err(reply_failure(resp).await.into());
    }

    let mut pieces = Vec::new();
    if !req.is_stream() || !body::is_event_stream(&headers) {
        // Not a stream: read whole (with a cap) and decoded as one reply, whatever was asked.
        let text = body::read_capped(&mut resp, body::BODY_CAP)
            .await
            .map_err(|e| cut_off(&e, t, limits))?;
        if text.truncated {
            return Err(body::too_large().into());
        }
        let at = resp.read_at();
        decoder.body(&text.text, &mut pieces)?;
        let mut tokens = false;
        for p in pieces.drain(..) {
            t.apply(&p, at, &mut tokens)?;
            sink.event(Event::Piece(&p), at)?;
        }
        return Ok(());
    }

    t.streamed = true;
    let mut parser = sse::Parser::new();
    let mut events = Vec::new();
    loop {
        let chunk = match resp.chunk().await {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(e) => return Err(cut_off(&e, t, limits).into()),
        };
        parser.feed(chunk, &mut events).map_err(|e| {
            Failure::new(
                Exit::Server,
                format!("malformed stream from the server: {e}"),
            )
            .class(Class::Malformed)
        })?;
        // Every event in one read arrived at the same moment: when that read returned.
        let at = resp.read_at();
        let mut tokens = false;
        for ev in events.drain(..) {
            decoder.event(&ev, &mut pieces)?;
            for p in pieces.drain(..) {
                t.apply(&p, at, &mut tokens)?;
                sink.event(Event::Piece(&p), at)?;
            }
            if t.done {
                break;
            }
        }
        if tokens {
            t.token_events += 1;
        }
        if t.done {
            // Read to the end of the body, so a pooled connection goes back to the pool.
            while let Ok(Some(_)) = resp.chunk().await {}
            return Ok(());
        }
    }
    if t.finish.is_none() {
        return Err(Failure::new(
            Exit::Network,
            "the stream ended before the reply was complete (no finish reason and no [DONE])",
        )
        .class(Class::CutOff)
        .retryable()
        .into());
    }
    Ok(())
}

/// The failure for a reply whose reading broke off: the user's own `--timeout` (final), a
/// stall longer than `--idle-timeout`, or the connection cut (both worth another try before any
/// output).
fn cut_off(e: &http::Error, t: &Timeline, limits: Limits) -> Failure {
    let chars = t.answer_chars;
    if let Some(total) = limits
        .total
        .filter(|total| e.is_timeout() && t.t0.elapsed() >= *total)
    {
        return Failure::new(
            Exit::Network,
            format!(
                "the reply timed out: --timeout {} s ran out after {chars} characters",
                total.as_secs_f64()
            ),
        )
        .class(Class::Timeout);
    }
    let (why, class) = if e.is_timeout() {
        (
            format!(
                "no data for {} s (--idle-timeout)",
                limits.idle.as_secs_f64()
            ),
            Class::Timeout,
        )
    } else {
        (root_cause(e), Class::CutOff)
    };
    Failure::new(
        Exit::Network,
        format!("the stream was cut off after {chars} characters: {why}"),
    )
    .class(class)
    .retryable()
}
