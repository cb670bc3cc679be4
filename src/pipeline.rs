//! `fw chat` and `fw messages` around the one exchange: obtain the key, build the client, run
//! the exchange with the renderer and the transcript as its sinks, send again after a
//! transient failure while nothing of the answer has arrived, stop on Ctrl-C or SIGTERM
//! without losing what was printed, and end the output with the summary.

use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::api::client::Client;
use crate::api::request::Request;
use crate::api::Decoder;
use crate::exchange::{self, Limits, Timeline};
use crate::exit::{classify, Exit, Failure};
use crate::output::Renderer;
use crate::reply::{ErrorInfo, Summary};
use crate::serving::ServingPath;
use crate::settings::Settings;
use crate::transcript::Transcript;

/// The runtime for one command's requests: one thread is all a CLI needs.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?)
}

/// How an exchange ended: its summary (partial after a failure) and the failure, if any.
pub struct Done {
    pub summary: Summary,
    pub error: Option<anyhow::Error>,
}

/// Sends `req` and renders the reply, the summary carrying the log's `ids` when the exchange is
/// logged. On failure the renderer still ends its output (the JSON modes print the partial
/// summary with an `error` member) and the failure comes back in `Done` with that summary;
/// `Err` means nothing was sent (no key, no client).
pub fn execute(
    settings: &Settings,
    req: &Request,
    path: &ServingPath,
    renderer: Renderer,
    decoder: &mut dyn Decoder,
    retries: u32,
    ids: Option<&crate::log::Ids>,
) -> Result<Done> {
    let key = settings.key.obtain()?;
    let client = Client::new(
        &settings.client_options(),
        &key,
        settings.base_url.scheme() == "https",
    )?;
    let rt = runtime()?;
    let limits = Limits {
        total: settings.timeouts.total,
        idle: settings.timeouts.read,
    };
    let mut run = Run {
        renderer,
        transcript: Transcript::default(),
        timeline: Timeline::new(),
        first_send: Instant::now(),
    };
    let outcome = rt.block_on(async {
        // The wait for a stop signal is a task of its own: as a branch beside the exchange, the
        // signal streams were polled again on every wake-up of the exchange, once per token.
        let mut stop = tokio::spawn(crate::signal::stopped());
        let r = tokio::select! {
            biased;
            r = with_retries(&client, req, limits, retries, decoder, &mut run) => r,
            Ok(exit) = &mut stop => Err(Failure::new(exit, crate::signal::word(exit)).into()),
        };
        stop.abort();
        r
    });
    let tier = req
        .body
        .get("service_tier")
        .map(|t| t.as_str().map_or_else(|| t.to_string(), str::to_string));
    // Stopped or not, the summary's total runs to now.
    run.timeline.end = Instant::now();
    let summary = |error| {
        let mut s =
            run.transcript
                .summary(&run.timeline, path, tier.clone(), run.first_send, error);
        if let Some(ids) = ids {
            s.exchange_id = Some(ids.exchange.clone());
            s.conversation_id = Some(ids.conversation.clone());
        }
        s
    };
    match outcome {
        Ok(()) => {
            let summary = summary(None);
            let error = run.renderer.finish(&summary, decoder.native()).err();
            Ok(Done {
                summary,
                error: error.map(anyhow::Error::from),
            })
        }
        Err(e) => {
            let exit = classify(&e);
            let summary = summary((exit != Exit::Success).then(|| ErrorInfo {
                message: e.to_string(),
                exit_code: exit.code(),
            }));
            if exit != Exit::Success {
                // Best effort: the error itself matters more than a failed final write.
                let _ = run.renderer.finish(&summary, decoder.native());
            }
            Ok(Done {
                summary,
                error: Some(e),
            })
        }
    }
}

/// What the attempts of one command share.
struct Run {
    renderer: Renderer,
    transcript: Transcript,
    /// The timeline of the latest attempt.
    timeline: Timeline,
    /// When the first attempt was sent: `total_ms` counts from here.
    first_send: Instant,
}

/// Sends again after a transient failure (408, 429, 500, 502, 503, 504, a failed connection,
/// a stream cut before any token), only while no part of the answer (text, reasoning or a tool
/// call) has arrived, so nothing reaches stdout twice, with exponential backoff and jitter, or
/// the server's `Retry-After` up to a minute. One stderr line per retry; the last failure is
/// the one returned.
async fn with_retries(
    client: &Client,
    req: &Request,
    limits: Limits,
    retries: u32,
    decoder: &mut dyn Decoder,
    run: &mut Run,
) -> Result<()> {
    let mut attempt = 0;
    run.first_send = Instant::now();
    loop {
        let mut sinks = (&mut run.renderer, &mut run.transcript);
        let t = &mut run.timeline;
        let result = exchange::run(client, req, decoder, &mut sinks, limits, t).await;
        let answered = run.timeline.answered();
        let err = match result {
            Ok(()) => return Ok(()),
            Err(e) => e,
        };
        let Some(f) = crate::exit::failure(&err).filter(|f| f.retryable) else {
            return Err(err);
        };
        if attempt >= retries || answered {
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
        run.transcript = Transcript::default();
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
