//! An emulator of the Fireworks inference API (chat completions and the Anthropic-compatible
//! Messages surface), on 127.0.0.1 port 0, for tests.
//! Scriptable: each request takes the next scripted reply (or the default one), and a reply can
//! be a stream with reasoning, usage on the last chunk or the finish chunk or nowhere, timing,
//! an abrupt drop, a malformed chunk or a mid-stream error, or any status with any body. Every
//! request is recorded so tests assert the exact body sent. tests/ref/validate_openai.py and
//! validate_anthropic.py keep its replies honest against the official SDKs' types.
//! It checks what it receives as those types (and Fireworks) do: content parts and image
//! blocks, `response_format` and `output_config` are answered with a 400 when malformed. A
//! request that asks for a JSON schema (or a JSON object) gets an answer of that shape unless
//! the script says otherwise (`follow_schema: false` with its own content).

use std::collections::VecDeque;
use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Full};
use hyper::body::{Body, Frame, Incoming};
use hyper::{Request, Response};
use serde_json::{json, Value};
use tokio::sync::mpsc;

pub const KEY: &str = "fw-emulator-key";
pub const MODEL: &str = "accounts/fireworks/models/emulated";

/// Where the usage object goes in a stream.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum UsageAt {
    /// A final `choices: []` chunk, as with `stream_options.include_usage`.
    LastChunk,
    /// The chunk carrying `finish_reason` (older Fireworks models).
    FinishChunk,
    Nowhere,
}

/// A chat completion reply.
#[derive(Clone, Debug)]
pub struct Chat {
    pub content: Vec<String>,
    pub reasoning: Vec<String>,
    pub usage: UsageAt,
    pub prompt_tokens: u64,
    pub cached_tokens: u64,
    /// Before the first chunk (or the whole body).
    pub first_delay: Duration,
    /// Between chunks.
    pub delay: Duration,
    /// Abort the connection after this many data chunks.
    pub drop_after: Option<usize>,
    /// Send a chunk that is not JSON after this many data chunks.
    pub malformed_after: Option<usize>,
    /// Send `{"error": ...}` after this many data chunks, then end the stream.
    pub error_after: Option<(usize, Value)>,
    pub done: bool,
    pub crlf: bool,
    pub headers: Vec<(String, String)>,
    /// Tokens carried by each stream event (Fast routers may send several at once).
    pub tokens_per_event: usize,
    /// Fraction of requests answered with 503 load-shedding, per tier ("standard",
    /// "priority", "fast"); spread evenly and deterministically over each tier's requests.
    pub shed: Vec<(&'static str, f64)>,
    /// From the tier's N-th request on (0-based, counting every request of the tier this
    /// reply answers), answer with this status (503 load-shedding or 429 rate limiting):
    /// (tier, N, status). A load that grows step by step meets it at a known step.
    pub fail_from: Vec<(&'static str, u64, u16)>,
    /// Spread each request's first-token delay evenly over `first_delay` ± this, so streams
    /// that start together do not all send their tokens at the same instants.
    pub ttft_jitter: Duration,
    /// A tool call after the text: (name, arguments as JSON text).
    pub tool_call: Option<(String, String)>,
    /// Answer a request that carries a JSON schema (or asks for a JSON object) with JSON of
    /// that shape instead of `content`.
    pub follow_schema: bool,
    /// Answer `echo: ` and the last user message's text instead of `content`, so concurrent
    /// requests each get an answer of their own.
    pub echo: bool,
}

impl Default for Chat {
    fn default() -> Self {
        Chat {
            content: ["Hello", " from", " the", " emulator", "."]
                .map(String::from)
                .to_vec(),
            reasoning: Vec::new(),
            usage: UsageAt::LastChunk,
            prompt_tokens: 12,
            cached_tokens: 0,
            first_delay: Duration::ZERO,
            delay: Duration::ZERO,
            drop_after: None,
            malformed_after: None,
            error_after: None,
            done: true,
            crlf: false,
            headers: Vec::new(),
            tokens_per_event: 1,
            shed: Vec::new(),
            fail_from: Vec::new(),
            ttft_jitter: Duration::ZERO,
            tool_call: None,
            follow_schema: true,
            echo: false,
        }
    }
}

impl Chat {
    pub fn tokens(n: usize) -> Chat {
        Chat {
            content: (0..n).map(|i| format!("t{i} ")).collect(),
            ..Chat::default()
        }
    }

    /// A stream paced exactly: the first token `ttft` after the request arrives, then
    /// `tps` tokens per second, `per_event` tokens per event, `n` tokens in all.
    pub fn paced(n: usize, ttft: Duration, tps: f64, per_event: usize) -> Chat {
        Chat {
            first_delay: ttft,
            delay: Duration::from_secs_f64(per_event as f64 / tps),
            tokens_per_event: per_event,
            ..Chat::tokens(n)
        }
    }
}

#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)] // a test script: a few replies, size does not matter
pub enum Reply {
    Chat(Chat),
    Status {
        status: u16,
        body: String,
        headers: Vec<(String, String)>,
    },
    /// Exactly these bytes, with this status and content type, whatever was asked: for replies
    /// no well-behaved server sends (hand-written event streams, control characters).
    Raw {
        status: u16,
        content_type: String,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
}

impl Reply {
    /// A 200 `text/event-stream` reply of exactly `events`, blank lines and all.
    pub fn sse(events: &str) -> Reply {
        Reply::Raw {
            status: 200,
            content_type: "text/event-stream".into(),
            headers: Vec::new(),
            body: events.as_bytes().to_vec(),
        }
    }

    pub fn status(status: u16, body: &str) -> Reply {
        Reply::Status {
            status,
            body: body.to_string(),
            headers: vec![("x-request-id".into(), format!("req-{status}"))],
        }
    }
}

#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// The raw query string, "" when there is none.
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: Value,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// When the emulator sent the tokens of one streamed reply.
#[derive(Clone, Debug)]
pub struct SendLog {
    pub request_id: String,
    pub arrival: Instant,
    pub first: Option<Instant>,
    pub last: Option<Instant>,
    pub tokens: u64,
    pub events: u64,
}

impl SendLog {
    /// From the request's arrival to the first token event's send, in ms.
    pub fn ttft_ms(&self) -> Option<f64> {
        Some(self.first?.duration_since(self.arrival).as_secs_f64() * 1000.0)
    }

    /// (tokens - 1) / (last send - first send).
    pub fn decode_tps(&self) -> Option<f64> {
        let span = self.last?.duration_since(self.first?).as_secs_f64();
        (self.tokens >= 2 && span > 0.0).then(|| (self.tokens - 1) as f64 / span)
    }
}

struct Shared {
    script: VecDeque<Reply>,
    default: Chat,
    requests: Vec<Recorded>,
    counter: u64,
    tier_counts: std::collections::HashMap<&'static str, u64>,
    sends: Vec<SendLog>,
}

pub struct Emulator {
    pub addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl Emulator {
    pub fn start() -> Emulator {
        Emulator::start_threads(0)
    }

    /// With `threads` worker threads (0: one thread, as in tests). The benchmarks use two so
    /// the emulator keeps up with a thousand streams.
    pub fn start_threads(threads: usize) -> Emulator {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Mutex::new(Shared {
            script: VecDeque::new(),
            default: Chat::default(),
            requests: Vec::new(),
            counter: 0,
            tier_counts: Default::default(),
            sends: Vec::new(),
        }));
        let (stop_tx, mut stop_rx) = tokio::sync::oneshot::channel::<()>();
        let state = shared.clone();
        std::thread::spawn(move || {
            let rt = if threads == 0 {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
            } else {
                tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(threads)
                    .enable_all()
                    .build()
            }
            .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                loop {
                    tokio::select! {
                        _ = &mut stop_rx => break,
                        acc = listener.accept() => {
                            let Ok((stream, _)) = acc else { continue };
                            // Each SSE event is its own write: without this, Nagle's algorithm
                            // and delayed ACKs hold events back for tens of milliseconds.
                            let _ = stream.set_nodelay(true);
                            let state = state.clone();
                            tokio::spawn(async move {
                                let svc = hyper::service::service_fn(move |req| handle(req, state.clone()));
                                let _ = hyper::server::conn::http1::Builder::new()
                                    .serve_connection(hyper_util::rt::TokioIo::new(stream), svc)
                                    .await;
                            });
                        }
                    }
                }
            });
        });
        Emulator {
            addr,
            shared,
            _stop: stop_tx,
        }
    }

    /// An emulator whose default reply is `chat`.
    pub fn serving(chat: Chat) -> Emulator {
        let emu = Emulator::start();
        emu.set_default(chat);
        emu
    }

    /// The base URL fw is pointed at.
    pub fn base_url(&self) -> String {
        format!("http://{}/inference/v1", self.addr)
    }

    /// Queues replies for the next requests, in order.
    pub fn script(&self, replies: impl IntoIterator<Item = Reply>) {
        self.shared.lock().unwrap().script.extend(replies);
    }

    /// The reply used when the script is empty.
    pub fn set_default(&self, chat: Chat) {
        self.shared.lock().unwrap().default = chat;
    }

    /// The send times of every streamed reply so far.
    pub fn sends(&self) -> Vec<SendLog> {
        self.shared.lock().unwrap().sends.clone()
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.lock().unwrap().requests.clone()
    }

    /// The body of the only request received.
    pub fn only_body(&self) -> Value {
        let r = self.requests();
        assert_eq!(r.len(), 1, "expected exactly one request, got {}", r.len());
        r[0].body.clone()
    }
}

type Out = Response<BoxBody<Bytes, io::Error>>;

/// A frame for the body channel, with the number of tokens it carries.
type Sent = Result<(Bytes, u64), io::Error>;

/// A response body fed from a channel; an `Err` aborts the connection mid-body. It stamps a
/// token frame's send time when hyper takes the frame to write it (not when the frame was
/// queued), and hands its send log to the emulator when the body ends.
struct ChanBody {
    rx: mpsc::Receiver<Sent>,
    log: Option<(SendLog, Arc<Mutex<Shared>>)>,
}

impl Body for ChanBody {
    type Data = Bytes;
    type Error = io::Error;
    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        let polled = self.rx.poll_recv(cx);
        if let Poll::Ready(Some(Ok((_, tokens)))) = &polled {
            if let (Some((log, _)), true) = (self.log.as_mut(), *tokens > 0) {
                let now = Instant::now();
                log.first.get_or_insert(now);
                log.last = Some(now);
                log.tokens += *tokens;
                log.events += 1;
            }
        }
        polled.map(|o| o.map(|r| r.map(|(b, _)| Frame::data(b))))
    }
}

impl Drop for ChanBody {
    fn drop(&mut self) {
        if let Some((log, shared)) = self.log.take() {
            if let Ok(mut s) = shared.lock() {
                s.sends.push(log);
            }
        }
    }
}

fn fixed(status: u16, ctype: &str, body: String, headers: &[(String, String)]) -> Out {
    let mut b = Response::builder()
        .status(status)
        .header("content-type", ctype);
    for (k, v) in headers {
        b = b.header(k.as_str(), v.as_str());
    }
    b.body(
        Full::new(Bytes::from(body))
            .map_err(|e: Infallible| match e {})
            .boxed(),
    )
    .unwrap()
}

async fn handle(req: Request<Incoming>, shared: Arc<Mutex<Shared>>) -> Result<Out, Infallible> {
    let arrival = Instant::now();
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let query = req.uri().query().unwrap_or("").to_string();
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let raw = req
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let body: Value = serde_json::from_slice(&raw).unwrap_or(Value::Null);
    let rec = Recorded {
        method: method.clone(),
        path: path.clone(),
        query,
        headers,
        body: body.clone(),
    };
    let (reply, n) = {
        let mut s = shared.lock().unwrap();
        s.requests.push(rec.clone());
        s.counter += 1;
        let reply = s
            .script
            .pop_front()
            .unwrap_or_else(|| Reply::Chat(s.default.clone()));
        (reply, s.counter)
    };
    let chat = match reply {
        Reply::Status {
            status,
            body,
            headers,
        } => return Ok(fixed(status, "application/json", body, &headers)),
        Reply::Raw {
            status,
            content_type,
            headers,
            body,
        } => {
            let mut b = Response::builder()
                .status(status)
                .header("content-type", content_type);
            for (k, v) in &headers {
                b = b.header(k.as_str(), v.as_str());
            }
            let body = Full::new(Bytes::from(body)).map_err(|e: Infallible| match e {});
            return Ok(b.body(body.boxed()).unwrap());
        }
        Reply::Chat(c) => c,
    };
    let mut chat = chat;
    if chat.echo {
        let last = body["messages"]
            .as_array()
            .and_then(|m| m.iter().rev().find(|m| m["role"] == "user"))
            .and_then(|m| m["content"].as_str())
            .unwrap_or("");
        chat.content = vec!["echo: ".into(), last.into()];
    }
    let messages = path.ends_with("/messages");
    let authorized = rec.header("authorization") == Some(&format!("Bearer {KEY}"))
        || (messages && rec.header("x-api-key") == Some(KEY));
    if !authorized {
        let body = if messages {
            json!({"type": "error", "error": {"type": "authentication_error",
                                              "message": "Invalid API key"}})
        } else {
            json!({"error": {"object": "error", "type": "authentication_error",
                             "code": "UNAUTHORIZED", "message": "Invalid API key"}})
        };
        return Ok(fixed(401, "application/json", body.to_string(), &[]));
    }
    let checked = match messages {
        true => check_messages(&body),
        false => check_chat(&body),
    };
    if let Err(why) = checked {
        let body = if messages {
            json!({"type": "error", "error": {"type": "invalid_request_error", "message": why}})
        } else {
            json!({"error": {"object": "error", "type": "invalid_request_error",
                             "code": "invalid_request_error", "message": why}})
        };
        return Ok(fixed(400, "application/json", body.to_string(), &[]));
    }
    let mut chat = chat;
    if chat.follow_schema {
        if let Some(answer) = asked_shape(&body, messages) {
            // Pretty-printed and in pieces, so fw has to gather and compact it.
            let text = serde_json::to_string_pretty(&answer).unwrap();
            let third = text.len() / 3;
            let cut = |i: usize| (i..text.len()).find(|&j| text.is_char_boundary(j)).unwrap();
            let (a, b) = (cut(third), cut(2 * third));
            chat.content = vec![text[..a].into(), text[a..b].into(), text[b..].into()];
        }
    }
    let tier = if body["service_tier"] == "priority" {
        "priority"
    } else if body["model"]
        .as_str()
        .is_some_and(|m| m.contains("/routers/"))
    {
        "fast"
    } else {
        "standard"
    };
    let shed = chat.shed.iter().find(|(t, _)| *t == tier).map(|s| s.1);
    let fail = chat.fail_from.iter().find(|(t, _, _)| *t == tier);
    if shed.is_some() || fail.is_some() {
        let c = {
            let mut s = shared.lock().unwrap();
            let c = s.tier_counts.entry(tier).or_insert(0);
            *c += 1;
            *c - 1
        };
        if let Some(&(_, _, status)) = fail.filter(|f| c >= f.1) {
            let body = if status == 429 {
                json!({"error": {"object": "error", "type": "rate_limit_exceeded",
                                 "message": "Too many requests"}})
            } else {
                json!({"error": {"object": "error", "type": "service_unavailable",
                                 "message": "Service overloaded"}})
            };
            let h = [("x-request-id".to_string(), format!("req-emu{n}"))];
            return Ok(fixed(status, "application/json", body.to_string(), &h));
        }
        let rate = shed.unwrap_or(0.0);
        if ((c + 1) as f64 * rate).floor() > (c as f64 * rate).floor() {
            let body = json!({"error": {"object": "error", "type": "service_unavailable",
                                         "message": "Service overloaded"}});
            let h = [("x-request-id".to_string(), format!("req-emu{n}"))];
            return Ok(fixed(503, "application/json", body.to_string(), &h));
        }
    }
    let ctx = Ctx {
        shared: shared.clone(),
        arrival,
    };
    if !chat.ttft_jitter.is_zero() {
        // A fixed pseudo-random fraction per request number: runs are repeatable.
        let mut z = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        let u = (z >> 11) as f64 / (1u64 << 53) as f64;
        let spread = chat.ttft_jitter.as_secs_f64() * (2.0 * u - 1.0);
        chat.first_delay =
            Duration::from_secs_f64((chat.first_delay.as_secs_f64() + spread).max(0.0));
    }
    if messages {
        return Ok(messages_reply(chat, &body, n, ctx).await);
    }
    if method == "GET" && path.ends_with("/models") {
        return Ok(fixed(
            200,
            "application/json",
            default_models(&path).to_string(),
            &[],
        ));
    }
    if !path.ends_with("/chat/completions") {
        let body = json!({"error": {"message": format!("no route {path}"), "code": "NOT_FOUND"}});
        return Ok(fixed(404, "application/json", body.to_string(), &[]));
    }
    Ok(chat_reply(chat, &body, n, ctx).await)
}

/// Where a streamed reply logs its send times.
struct Ctx {
    shared: Arc<Mutex<Shared>>,
    arrival: Instant,
}

/// One SSE frame, to be sent `due` after the request arrived; `tokens` it carries.
struct Timed {
    due: Duration,
    text: String,
    tokens: u64,
}

/// The model list when no reply is scripted: the control plane's shape under /v1/accounts,
/// the OpenAI shape elsewhere.
fn default_models(path: &str) -> Value {
    if path.starts_with("/v1/accounts/") {
        json!({"models": [
            {"name": "accounts/fireworks/models/kimi-k2p6", "displayName": "Kimi K2.6",
             "contextLength": 262144, "supportsServerless": true},
            {"name": MODEL, "displayName": "Emulated", "contextLength": 8192},
        ], "totalSize": 2})
    } else {
        json!({"object": "list", "data": [
            {"id": MODEL, "object": "model", "owned_by": "fireworks", "created": 1764000000,
             "context_length": 8192},
        ]})
    }
}

/// Cuts the script to `max_tokens`; returns whether it was cut.
fn truncate(chat: &mut Chat, req: &Value) -> bool {
    let Some(max) = req["max_tokens"].as_u64() else {
        return false;
    };
    let max = max as usize;
    if chat.reasoning.len() + chat.content.len() <= max {
        return false;
    }
    let r = chat.reasoning.len().min(max);
    chat.reasoning.truncate(r);
    chat.content.truncate(max - r);
    true
}

/// Sends SSE frames on their schedule (absolute times from the request's arrival, so pacing
/// does not drift) with the script's faults, logging when token frames went out. `error_frame`
/// renders the mid-stream error for the wire format; `tail` ends a complete stream.
fn stream_frames(
    chat: &Chat,
    frames: Vec<Timed>,
    error_frame: impl Fn(&Value) -> String + Send + 'static,
    tail: String,
    headers: &[(String, String)],
    ctx: Ctx,
    request_id: String,
) -> Out {
    let (tx, rx) = mpsc::channel::<Sent>(16);
    let chat = chat.clone();
    let log = SendLog {
        request_id,
        arrival: ctx.arrival,
        first: None,
        last: None,
        tokens: 0,
        events: 0,
    };
    let body = ChanBody {
        rx,
        log: Some((log, ctx.shared.clone())),
    };
    let arrival = ctx.arrival;
    tokio::spawn(async move {
        let text = |s: String| Ok((Bytes::from(s), 0));
        for (i, f) in frames.iter().enumerate() {
            if chat.drop_after == Some(i) {
                // Let what was sent reach the client first: hyper discards unsent data on abort.
                tokio::time::sleep(Duration::from_millis(50)).await;
                let _ = tx
                    .send(Err(io::Error::other("dropped by the script")))
                    .await;
                return;
            }
            if chat.malformed_after == Some(i) {
                let eol = if chat.crlf { "\r\n" } else { "\n" };
                let _ = tx.send(text(format!("data: {{not json{eol}{eol}"))).await;
                return;
            }
            if let Some((at, err)) = &chat.error_after {
                if *at == i {
                    let _ = tx.send(text(error_frame(err))).await;
                    return;
                }
            }
            let due = arrival + f.due;
            if Instant::now() < due {
                tokio::time::sleep_until(due.into()).await;
            }
            if tx
                .send(Ok((Bytes::from(f.text.clone()), f.tokens)))
                .await
                .is_err()
            {
                return;
            }
        }
        if chat.done {
            let _ = tx.send(text(tail)).await;
        }
    });
    let mut b = Response::builder()
        .status(200)
        .header("content-type", "text/event-stream")
        .header("cache-control", "no-cache");
    for (k, v) in headers {
        b = b.header(k.as_str(), v.as_str());
    }
    b.body(body.boxed()).unwrap()
}

/// Token strings grouped into events of `per_event`, with each group's size.
fn events(tokens: &[String], per_event: usize) -> Vec<(String, u64)> {
    tokens
        .chunks(per_event.max(1))
        .map(|c| (c.concat(), c.len() as u64))
        .collect()
}

async fn messages_reply(mut chat: Chat, req: &Value, n: u64, ctx: Ctx) -> Out {
    let model = req["model"].as_str().unwrap_or(MODEL).to_string();
    let id = format!("msg_emu{n}");
    let stop_reason = if truncate(&mut chat, req) {
        "max_tokens"
    } else if chat.tool_call.is_some() {
        "tool_use"
    } else {
        "end_turn"
    };
    let output = (chat.reasoning.len() + chat.content.len()) as u64;
    // Like Fireworks: input_tokens excludes cache reads, which are reported apart.
    let usage = json!({
        "input_tokens": chat.prompt_tokens - chat.cached_tokens,
        "output_tokens": output,
        "cache_read_input_tokens": chat.cached_tokens,
    });
    let mut headers = chat.headers.clone();
    headers.push(("x-request-id".into(), format!("req-emu{n}")));
    let thinking = chat.reasoning.concat();
    let signature = "emu-signature";

    if req["stream"] != json!(true) {
        if !chat.first_delay.is_zero() {
            tokio::time::sleep(chat.first_delay).await;
        }
        let mut content = Vec::new();
        if !thinking.is_empty() {
            content.push(json!({"type": "thinking", "thinking": thinking, "signature": signature}));
        }
        content.push(json!({"type": "text", "text": chat.content.concat()}));
        if let Some((name, args)) = &chat.tool_call {
            let input: Value = serde_json::from_str(args).unwrap_or(json!({}));
            content
                .push(json!({"type": "tool_use", "id": "toolu_emu", "name": name, "input": input}));
        }
        let mut body = json!({
            "id": id, "type": "message", "role": "assistant", "model": model,
            "content": content, "stop_reason": stop_reason, "stop_sequence": null,
            "usage": usage,
        });
        if chat.usage == UsageAt::Nowhere {
            body["usage"] = json!({"input_tokens": 0, "output_tokens": 0});
        }
        return fixed(200, "application/json", body.to_string(), &headers);
    }

    let eol = if chat.crlf { "\r\n" } else { "\n" };
    let render = move |v: Value| {
        let name = v["type"].as_str().unwrap_or("").to_string();
        format!("event: {name}{eol}data: {v}{eol}{eol}")
    };
    let mut frames = Vec::new();
    let mut at = |due: Duration, v: Value, tokens: u64| {
        frames.push(Timed {
            due,
            text: render(v),
            tokens,
        })
    };
    // message_start goes out at once, with zeros as Fireworks sends; the real counts come in
    // message_delta. Token event j is due first_delay + j * delay.
    let now = Duration::ZERO;
    let due = |j: usize| chat.first_delay + chat.delay * j as u32;
    at(
        now,
        json!({"type": "message_start", "message": {
        "id": id, "type": "message", "role": "assistant", "model": model, "content": [],
        "stop_reason": null, "stop_sequence": null,
        "usage": {"input_tokens": 0, "output_tokens": 0}}}),
        0,
    );
    at(now, json!({"type": "ping"}), 0);
    let (mut index, mut j) = (0, 0);
    if !chat.reasoning.is_empty() {
        at(
            now,
            json!({"type": "content_block_start", "index": index,
            "content_block": {"type": "thinking", "thinking": "", "signature": ""}}),
            0,
        );
        for (r, k) in events(&chat.reasoning, chat.tokens_per_event) {
            at(
                due(j),
                json!({"type": "content_block_delta", "index": index,
                "delta": {"type": "thinking_delta", "thinking": r}}),
                k,
            );
            j += 1;
        }
        let last = due(j.saturating_sub(1));
        at(
            last,
            json!({"type": "content_block_delta", "index": index,
            "delta": {"type": "signature_delta", "signature": signature}}),
            0,
        );
        at(
            last,
            json!({"type": "content_block_stop", "index": index}),
            0,
        );
        index += 1;
    }
    at(
        due(j.saturating_sub(1)),
        json!({"type": "content_block_start", "index": index,
        "content_block": {"type": "text", "text": ""}}),
        0,
    );
    for (c, k) in events(&chat.content, chat.tokens_per_event) {
        at(
            due(j),
            json!({"type": "content_block_delta", "index": index,
            "delta": {"type": "text_delta", "text": c}}),
            k,
        );
        j += 1;
    }
    let last = due(j.saturating_sub(1));
    at(
        last,
        json!({"type": "content_block_stop", "index": index}),
        0,
    );
    if let Some((name, args)) = &chat.tool_call {
        let t = index + 1;
        let (a, b) = args.split_at(args.len() / 2);
        at(
            last,
            json!({"type": "content_block_start", "index": t,
            "content_block": {"type": "tool_use", "id": "toolu_emu", "name": name, "input": {}}}),
            0,
        );
        for part in [a, b] {
            at(
                last,
                json!({"type": "content_block_delta", "index": t,
                "delta": {"type": "input_json_delta", "partial_json": part}}),
                0,
            );
        }
        at(last, json!({"type": "content_block_stop", "index": t}), 0);
    }
    let delta_usage = if chat.usage == UsageAt::Nowhere {
        json!({"output_tokens": 0})
    } else {
        usage
    };
    at(
        last,
        json!({"type": "message_delta",
        "delta": {"stop_reason": stop_reason, "stop_sequence": null}, "usage": delta_usage}),
        0,
    );
    let tail = render(json!({"type": "message_stop"}));
    let error_frame = move |err: &Value| {
        let v = json!({"type": "error", "error": err});
        format!("event: error{eol}data: {v}{eol}{eol}")
    };
    stream_frames(
        &chat,
        frames,
        error_frame,
        tail,
        &headers,
        ctx,
        format!("req-emu{n}"),
    )
}

async fn chat_reply(mut chat: Chat, req: &Value, n: u64, ctx: Ctx) -> Out {
    let model = req["model"].as_str().unwrap_or(MODEL).to_string();
    let id = format!("chatcmpl-emu{n}");
    let created = 1_764_000_000 + n;
    let finish = if truncate(&mut chat, req) {
        "length"
    } else if chat.tool_call.is_some() {
        "tool_calls"
    } else {
        "stop"
    };
    let completion = (chat.reasoning.len() + chat.content.len()) as u64;
    let usage = json!({
        "prompt_tokens": chat.prompt_tokens,
        "completion_tokens": completion,
        "total_tokens": chat.prompt_tokens + completion,
        "prompt_tokens_details": {"cached_tokens": chat.cached_tokens},
    });
    let mut headers = chat.headers.clone();
    headers.push(("x-request-id".into(), format!("req-emu{n}")));
    headers.push((
        "fireworks-prompt-tokens".into(),
        chat.prompt_tokens.to_string(),
    ));

    if req["stream"] != json!(true) {
        if !chat.first_delay.is_zero() {
            tokio::time::sleep(chat.first_delay).await;
        }
        let mut message = json!({"role": "assistant", "content": chat.content.concat()});
        if let Some((name, args)) = &chat.tool_call {
            message["tool_calls"] = json!([{"id": "call_emu", "type": "function",
                                            "function": {"name": name, "arguments": args}}]);
        }
        if !chat.reasoning.is_empty() {
            message["reasoning_content"] = json!(chat.reasoning.concat());
        }
        let mut body = json!({
            "id": id, "object": "chat.completion", "created": created, "model": model,
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        });
        if chat.usage != UsageAt::Nowhere {
            body["usage"] = usage;
        }
        return fixed(200, "application/json", body.to_string(), &headers);
    }

    let chunk = |delta: Value, finish: Option<&str>| {
        json!({
            "id": id, "object": "chat.completion.chunk", "created": created, "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        })
    };
    let eol = if chat.crlf { "\r\n" } else { "\n" };
    let mut frames = Vec::new();
    let mut at = |due: Duration, c: Value, tokens: u64| {
        frames.push(Timed {
            due,
            text: format!("data: {c}{eol}{eol}"),
            tokens,
        })
    };
    // Token event j is due first_delay + j * delay; the role chunk goes with the first token.
    let due = |j: usize| chat.first_delay + chat.delay * j as u32;
    at(
        due(0),
        chunk(json!({"role": "assistant", "content": ""}), None),
        0,
    );
    let mut j = 0;
    for (r, k) in events(&chat.reasoning, chat.tokens_per_event) {
        at(due(j), chunk(json!({"reasoning_content": r}), None), k);
        j += 1;
    }
    for (c, k) in events(&chat.content, chat.tokens_per_event) {
        at(due(j), chunk(json!({"content": c}), None), k);
        j += 1;
    }
    let last_due = due(j.saturating_sub(1));
    if let Some((name, args)) = &chat.tool_call {
        let (a, b) = args.split_at(args.len() / 2);
        at(
            last_due,
            chunk(
                json!({"tool_calls": [{"index": 0, "id": "call_emu", "type": "function",
            "function": {"name": name, "arguments": ""}}]}),
                None,
            ),
            0,
        );
        for part in [a, b] {
            at(
                last_due,
                chunk(
                    json!({"tool_calls": [{"index": 0,
                "function": {"arguments": part}}]}),
                    None,
                ),
                0,
            );
        }
    }
    let mut last = chunk(json!({}), Some(finish));
    if chat.usage == UsageAt::FinishChunk {
        last["usage"] = usage.clone();
    }
    at(last_due, last, 0);
    if chat.usage == UsageAt::LastChunk {
        let mut last = json!({
            "id": id, "object": "chat.completion.chunk", "created": created, "model": model,
            "choices": [], "usage": usage,
        });
        // Fireworks' server timings, in seconds, when asked for.
        if req["perf_metrics_in_response"] == json!(true) {
            last["perf_metrics"] = json!({
                "server-time-to-first-token": chat.first_delay.as_secs_f64(),
                "server-processing-time": last_due.as_secs_f64(),
            });
        }
        at(last_due, last, 0);
    }
    let error_frame = move |err: &Value| format!("data: {}{eol}{eol}", json!({ "error": err }));
    let tail = format!("data: [DONE]{eol}{eol}");
    stream_frames(
        &chat,
        frames,
        error_frame,
        tail,
        &headers,
        ctx,
        format!("req-emu{n}"),
    )
}

/// The JSON a request asks for: an instance of its schema (chat `response_format`, Messages
/// `output_config.format`), or a small object for chat's JSON-object mode.
fn asked_shape(body: &Value, messages: bool) -> Option<Value> {
    if messages {
        let f = &body["output_config"]["format"];
        return (f["type"] == "json_schema").then(|| instance(&f["schema"]));
    }
    let f = &body["response_format"];
    match f["type"].as_str()? {
        "json_schema" => Some(instance(&f["json_schema"]["schema"])),
        "json_object" => Some(json!({"answer": "Hello from the emulator."})),
        _ => None,
    }
}

/// A value matching `schema`, for the schemas tests use: every property, two array items.
fn instance(schema: &Value) -> Value {
    if let Some(first) = schema["enum"].as_array().and_then(|e| e.first()) {
        return first.clone();
    }
    for k in ["anyOf", "oneOf"] {
        if let Some(first) = schema[k].as_array().and_then(|e| e.first()) {
            return instance(first);
        }
    }
    match schema["type"].as_str().unwrap_or("object") {
        "object" => {
            let props = schema["properties"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            Value::Object(
                props
                    .iter()
                    .map(|(k, v)| (k.clone(), instance(v)))
                    .collect(),
            )
        }
        "array" => json!([instance(&schema["items"]), instance(&schema["items"])]),
        "integer" => json!(1),
        "number" => json!(1.5),
        "boolean" => json!(true),
        "null" => Value::Null,
        _ => json!("text"),
    }
}

/// Keys beyond `allowed` in an object, as Fireworks' strict request schema refuses them.
fn only_keys(v: &Value, allowed: &[&str], what: &str) -> Result<(), String> {
    let o = v.as_object().ok_or(format!("{what} must be an object"))?;
    match o.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(format!("{what}.{k}: Extra inputs are not permitted")),
        None => Ok(()),
    }
}

fn string_at<'a>(v: &'a Value, key: &str, what: &str) -> Result<&'a str, String> {
    v[key]
        .as_str()
        .ok_or(format!("{what}.{key}: Field required (a string)"))
}

/// Base64 image data whose bytes are the image type claimed.
fn image_data(data: &str, media_type: &str, what: &str) -> Result<(), String> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|e| format!("{what}: invalid base64 data: {e}"))?;
    let magic: &[&[u8]] = match media_type {
        "image/png" => &[b"\x89PNG\r\n\x1a\n"],
        "image/jpeg" => &[b"\xff\xd8\xff"],
        "image/gif" => &[b"GIF87a", b"GIF89a"],
        "image/webp" => &[b"RIFF"],
        other => {
            return Err(format!(
                "{what}: media_type {other:?} is not one of image/jpeg, image/png, image/gif, \
                 image/webp"
            ))
        }
    };
    match magic.iter().any(|m| bytes.starts_with(m)) {
        true => Ok(()),
        false => Err(format!("{what}: the image data is not {media_type}")),
    }
}

/// A chat request as the OpenAI SDK's `CompletionCreateParams` types and Fireworks take it:
/// content parts (`text`, `image_url` with a URL or a base64 data URI) and `response_format`.
fn check_chat(body: &Value) -> Result<(), String> {
    for (i, m) in body["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Some(parts) = m["content"].as_array() else {
            continue;
        };
        for (j, p) in parts.iter().enumerate() {
            let what = format!("messages.{i}.content.{j}");
            match p["type"].as_str() {
                Some("text") => {
                    only_keys(p, &["type", "text"], &what)?;
                    string_at(p, "text", &what)?;
                }
                Some("image_url") => {
                    only_keys(p, &["type", "image_url"], &what)?;
                    let img = &p["image_url"];
                    only_keys(img, &["url", "detail"], &format!("{what}.image_url"))?;
                    let url = string_at(img, "url", &format!("{what}.image_url"))?;
                    if let Some(rest) = url.strip_prefix("data:") {
                        let (head, data) = rest
                            .split_once(";base64,")
                            .ok_or(format!("{what}: a data URI must be base64"))?;
                        image_data(data, head, &what)?;
                    } else if !url.starts_with("http://") && !url.starts_with("https://") {
                        return Err(format!("{what}: image_url.url must be a URL or data URI"));
                    }
                }
                other => return Err(format!("{what}: unknown content part type {other:?}")),
            }
        }
    }
    let f = &body["response_format"];
    if f.is_null() {
        return Ok(());
    }
    let what = "response_format";
    match f["type"].as_str() {
        Some("text") => only_keys(f, &["type"], what),
        Some("json_object") => only_keys(f, &["type", "schema"], what),
        Some("grammar") => {
            only_keys(f, &["type", "grammar"], what)?;
            string_at(f, "grammar", what).map(|_| ())
        }
        Some("json_schema") => {
            only_keys(f, &["type", "json_schema"], what)?;
            let s = &f["json_schema"];
            only_keys(
                s,
                &["name", "description", "schema", "strict"],
                "json_schema",
            )?;
            let name = string_at(s, "name", "json_schema")?;
            if name.is_empty() || name.len() > 64 {
                return Err("json_schema.name must be 1 to 64 characters".into());
            }
            match s.get("schema") {
                None | Some(Value::Object(_)) => Ok(()),
                Some(_) => Err("json_schema.schema must be an object".into()),
            }
        }
        other => Err(format!(
            "response_format.type {other:?} is not one of text, json_object, json_schema, grammar"
        )),
    }
}

/// A Messages request as the Anthropic SDK's `MessageCreateParams` types and Fireworks take
/// it: text and image blocks (a base64 or url source; Fireworks refuses `file` sources and
/// `document` blocks) and `output_config`.
fn check_messages(body: &Value) -> Result<(), String> {
    for (i, m) in body["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Some(blocks) = m["content"].as_array() else {
            continue;
        };
        for (j, b) in blocks.iter().enumerate() {
            let what = format!("messages.{i}.content.{j}");
            match b["type"].as_str() {
                Some("text") => {
                    string_at(b, "text", &what)?;
                }
                Some("image") => {
                    only_keys(b, &["type", "source", "cache_control"], &what)?;
                    let s = &b["source"];
                    let sw = format!("{what}.source");
                    match s["type"].as_str() {
                        Some("base64") => {
                            only_keys(s, &["type", "media_type", "data"], &sw)?;
                            let t = string_at(s, "media_type", &sw)?;
                            image_data(string_at(s, "data", &sw)?, t, &sw)?;
                        }
                        Some("url") => {
                            only_keys(s, &["type", "url"], &sw)?;
                            string_at(s, "url", &sw)?;
                        }
                        other => return Err(format!("{sw}.type {other:?} is not supported")),
                    }
                }
                Some("tool_use" | "tool_result" | "thinking" | "redacted_thinking") => {}
                other => return Err(format!("{what}: unsupported content block type {other:?}")),
            }
        }
    }
    let c = &body["output_config"];
    if c.is_null() {
        return Ok(());
    }
    only_keys(c, &["effort", "format"], "output_config")?;
    let f = &c["format"];
    if f.is_null() {
        return Ok(());
    }
    only_keys(f, &["type", "schema"], "output_config.format")?;
    if f["type"] != "json_schema" {
        return Err("output_config.format.type must be \"json_schema\"".into());
    }
    match f["schema"].is_object() {
        true => Ok(()),
        false => Err("output_config.format.schema: Field required (an object)".into()),
    }
}
