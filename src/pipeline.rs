//! One exchange from request to summary, shared by every wire format: obtain the key, send,
//! classify HTTP errors, feed the body through the SSE parser and the format's decoder, hand
//! each piece to the renderer the moment it arrives, time it on a monotonic clock, and turn
//! Ctrl-C, cut streams and mid-stream errors into failures without losing what was printed.

use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::api::client::{network_failure, Client};
use crate::api::error::{reply_failure, stream_error_exit};
use crate::api::request::Request;
use crate::api::sse;
use crate::api::{Decoder, Piece, ToolCall};
use crate::exit::{classify, Exit, Failure};
use crate::output::{ErrorInfo, PathInfo, Renderer, Summary, Timing, Usage, SCHEMA_VERSION};
use crate::serving::ServingPath;
use crate::settings::Settings;

/// What has been received so far.
struct State {
    /// When this attempt was sent: ttft counts from here.
    t0: Instant,
    /// When the first attempt was sent: total_ms counts from here, retries and waits included.
    first_send: Option<Instant>,
    t_first: Option<Instant>,
    t_last: Option<Instant>,
    content: String,
    reasoning: String,
    refusal: String,
    finish: Option<String>,
    usage: Option<Usage>,
    id: Option<String>,
    model: Option<String>,
    done: bool,
    tool_calls: Vec<ToolCall>,
    /// Token times mean something only when the reply was streamed.
    streamed: bool,
    /// The `x-request-id` header of the reply.
    header_id: Option<String>,
}

impl State {
    fn new() -> State {
        State {
            t0: Instant::now(),
            first_send: None,
            t_first: None,
            t_last: None,
            content: String::new(),
            reasoning: String::new(),
            refusal: String::new(),
            finish: None,
            usage: None,
            id: None,
            model: None,
            done: false,
            tool_calls: Vec::new(),
            streamed: false,
            header_id: None,
        }
    }

    /// Whether any part of the answer has arrived (and so may be on the user's screen or in
    /// their pipe): a token, reasoning or a tool call.
    fn answered(&self) -> bool {
        self.t_first.is_some() || !self.tool_calls.is_empty()
    }

    fn token_seen(&mut self) {
        let now = Instant::now();
        self.t_first.get_or_insert(now);
        self.t_last = Some(now);
    }

    /// Applies one piece; output errors (a closed pipe) and server errors end the exchange.
    fn apply(&mut self, piece: Piece, r: &mut Renderer) -> Result<()> {
        match piece {
            Piece::Meta { id, model } => {
                if self.id.is_none() {
                    self.id = id;
                }
                if self.model.is_none() {
                    self.model = model;
                }
            }
            Piece::Reasoning(t) => {
                self.token_seen();
                r.reasoning(&t)?;
                self.reasoning.push_str(&t);
            }
            Piece::Content(t) => {
                self.token_seen();
                r.content(&t)?;
                self.content.push_str(&t);
            }
            Piece::Refusal(t) => {
                self.token_seen();
                r.refusal(&t)?;
                self.refusal.push_str(&t);
            }
            Piece::Finish(f) => self.finish = Some(f),
            Piece::ToolCall(c) => {
                r.tool_call(&c)?;
                self.tool_calls.push(c);
            }
            Piece::Usage(u) => self.usage = Some(u),
            Piece::Done => self.done = true,
            Piece::ServerTiming { .. } => {}
            Piece::Error { message, kind } => {
                let exit = stream_error_exit(kind.as_deref());
                let mut f = Failure::new(
                    exit,
                    format!("the server reported an error mid-reply: {message}"),
                );
                f.retryable = matches!(exit, Exit::Overloaded | Exit::RateLimited);
                return Err(f.into());
            }
        }
        Ok(())
    }

    /// `tier` is the `service_tier` the request carried, exactly.
    fn summary(&self, path: &ServingPath, tier: Option<String>) -> Summary {
        let round = |x: f64, places: i32| (x * 10f64.powi(places)).round() / 10f64.powi(places);
        let ms = |a: Instant, b: Instant| round(b.duration_since(a).as_secs_f64() * 1000.0, 3);
        let (first, last) = match self.streamed {
            true => (self.t_first, self.t_last),
            false => (None, None),
        };
        let decode = match (first, last, &self.usage) {
            (Some(a), Some(b), Some(u)) if b > a => u
                .completion_tokens
                .filter(|n| *n >= 2)
                .map(|n| round((n - 1) as f64 / b.duration_since(a).as_secs_f64(), 2)),
            _ => None,
        };
        Summary {
            schema_version: SCHEMA_VERSION,
            kind: "summary",
            content: self.content.clone(),
            reasoning: (!self.reasoning.is_empty()).then(|| self.reasoning.clone()),
            refusal: (!self.refusal.is_empty()).then(|| self.refusal.clone()),
            finish_reason: self.finish.clone(),
            tool_calls: self.tool_calls.clone(),
            usage: self.usage.clone(),
            model: self.model.clone().unwrap_or_else(|| path.model.clone()),
            request_id: self.header_id.clone().or_else(|| self.id.clone()),
            serving_path: PathInfo {
                name: path.kind.name(),
                model: path.model.clone(),
                service_tier: tier,
            },
            timing: Timing {
                ttft_ms: first.map(|t| ms(self.t0, t)),
                total_ms: ms(self.first_send.unwrap_or(self.t0), Instant::now()),
                decode_tokens_per_sec: decode,
            },
            cost_usd: path.price.zip(self.usage.as_ref()).and_then(|(p, u)| {
                Some(p.cost(
                    u.prompt_tokens?,
                    u.cached_tokens.unwrap_or(0),
                    u.completion_tokens?,
                ))
            }),
            error: None,
        }
    }
}

/// The runtime for one command's requests: one thread is all a CLI needs.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?)
}

/// Sends `req` and renders the reply. On failure the renderer still ends its output (the JSON
/// modes print the partial summary with an `error` member) before the error is returned.
pub fn execute(
    settings: &Settings,
    req: &Request,
    path: &ServingPath,
    mut renderer: Renderer,
    decoder: &mut dyn Decoder,
    retries: u32,
) -> Result<Summary> {
    let key = settings.key.obtain()?;
    let client = Client::new(settings, &key, settings.base_url.scheme() == "https")?;
    let rt = runtime()?;
    let mut state = State::new();
    let ctx = Ctx {
        client: &client,
        settings,
        req,
    };
    let outcome = rt.block_on(async {
        tokio::select! {
            r = with_retries(&ctx, retries, decoder, &mut renderer, &mut state) => r,
            exit = crate::signal::stopped() => Err(Failure::new(exit, crate::signal::word(exit)).into()),
        }
    });
    let tier = req
        .body
        .get("service_tier")
        .map(|t| t.as_str().map_or_else(|| t.to_string(), str::to_string));
    let mut summary = state.summary(path, tier);
    match outcome {
        Ok(()) => {
            renderer.finish(&summary, &decoder.document(&summary))?;
            Ok(summary)
        }
        Err(e) => {
            let exit = classify(&e);
            if exit != Exit::Success {
                summary.error = Some(ErrorInfo {
                    message: e.to_string(),
                    exit_code: exit.code(),
                });
                // Best effort: the error itself matters more than a failed final write.
                let _ = renderer.finish(&summary, &decoder.document(&summary));
            }
            Err(e)
        }
    }
}

/// Sends again after a transient failure (408, 429, 500, 502, 503, 504, a failed connection,
/// a stream cut before any token), only while no part of the answer (text, reasoning or a tool
/// call) has arrived, so nothing reaches stdout twice, with exponential
/// backoff and jitter, or the server's `Retry-After` up to a minute. One stderr line per retry;
/// the last failure is the one returned.
async fn with_retries(
    ctx: &Ctx<'_>,
    retries: u32,
    decoder: &mut dyn Decoder,
    renderer: &mut Renderer,
    state: &mut State,
) -> Result<()> {
    let mut attempt = 0;
    loop {
        let err = match exchange(ctx, decoder, renderer, state).await {
            Ok(()) => return Ok(()),
            Err(e) => e,
        };
        let Some(f) = crate::exit::failure(&err).filter(|f| f.retryable) else {
            return Err(err);
        };
        if attempt >= retries || state.answered() {
            return Err(err);
        }
        attempt += 1;
        let wait = f
            .retry_after
            .map(|d| d.min(Duration::from_secs(60)))
            .unwrap_or_else(|| backoff(attempt));
        let _ = writeln!(
            std::io::stderr(),
            "retry {attempt}/{retries} in {:.1} s: {}",
            wait.as_secs_f64(),
            crate::output::escape_controls(&err.to_string(), false)
        );
        tokio::time::sleep(wait).await;
        decoder.reset();
        let first_send = state.first_send;
        *state = State::new();
        state.first_send = first_send;
    }
}

/// 0.5 s doubling per attempt up to 8 s, times a random factor in [0.5, 1).
fn backoff(attempt: u32) -> Duration {
    let base = (0.5 * 2f64.powi(attempt as i32 - 1)).min(8.0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let jitter = 0.5 + f64::from(nanos % 1000) / 2000.0;
    Duration::from_secs_f64(base * jitter)
}

/// What every attempt of one exchange shares.
struct Ctx<'a> {
    client: &'a Client,
    settings: &'a Settings,
    req: &'a Request,
}

/// One attempt. A reply that ends without an answer, a tool call or a finish reason (a stream
/// of only `[DONE]`, a Messages stream with no content) is malformed, not a success.
async fn exchange(
    ctx: &Ctx<'_>,
    decoder: &mut dyn Decoder,
    renderer: &mut Renderer,
    state: &mut State,
) -> Result<()> {
    attempt(ctx, decoder, renderer, state).await?;
    if !state.answered() && state.finish.is_none() {
        return Err(crate::api::reply::empty().into());
    }
    Ok(())
}

async fn attempt(
    ctx: &Ctx<'_>,
    decoder: &mut dyn Decoder,
    renderer: &mut Renderer,
    state: &mut State,
) -> Result<()> {
    let (settings, req) = (ctx.settings, ctx.req);
    state.t0 = Instant::now();
    state.first_send.get_or_insert(state.t0);
    let mut resp = ctx.client.send(req).await?;
    let status = resp.status();
    let headers = resp.headers().clone();
    state.header_id = crate::api::error::request_id(&headers, None);
    if settings.verbose > 0 {
        crate::api::error::print_head(status, &headers);
    }
    if !status.is_success() {
        return Err(reply_failure(resp).await.into());
    }
    let mut pieces = Vec::new();
    if !req.is_stream() || !crate::api::reply::is_event_stream(&headers) {
        let body = crate::api::reply::read_capped(&mut resp, crate::api::reply::BODY_CAP)
            .await
            .map_err(|e| network_failure(&e, &req.url))?;
        if body.truncated {
            return Err(crate::api::reply::too_large().into());
        }
        decoder.body(&body.text, &mut pieces)?;
        for p in pieces.drain(..) {
            state.apply(p, renderer)?;
        }
        return Ok(());
    }

    state.streamed = true;
    let mut parser = sse::Parser::new();
    let mut events = Vec::new();
    loop {
        let chunk = match resp.chunk().await {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(e) => {
                let chars = state.content.chars().count();
                let limit = settings.timeouts.total;
                if let Some(t) = limit.filter(|t| e.is_timeout() && state.t0.elapsed() >= *t) {
                    // The user's own limit: not worth another try.
                    return Err(Failure::new(
                        Exit::Network,
                        format!(
                            "the reply timed out: --timeout {} s ran out after {chars} characters",
                            t.as_secs_f64()
                        ),
                    )
                    .into());
                }
                let why = if e.is_timeout() {
                    format!(
                        "no data for {} s (--idle-timeout)",
                        settings.timeouts.read.as_secs_f64()
                    )
                } else {
                    crate::api::client::root_cause(&e)
                };
                return Err(Failure::new(
                    Exit::Network,
                    format!("the stream was cut off after {chars} characters: {why}"),
                )
                .retryable()
                .into());
            }
        };
        parser.feed(&chunk, &mut events).map_err(|e| {
            Failure::new(
                Exit::Server,
                format!("malformed stream from the server: {e}"),
            )
        })?;
        for ev in events.drain(..) {
            decoder.event(&ev, &mut pieces)?;
            for p in pieces.drain(..) {
                state.apply(p, renderer)?;
            }
            if state.done {
                return Ok(());
            }
        }
    }
    if state.finish.is_none() {
        return Err(Failure::new(
            Exit::Network,
            "the stream ended before the reply was complete (no finish reason and no [DONE])",
        )
        .retryable()
        .into());
    }
    Ok(())
}
