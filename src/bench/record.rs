//! One measured request: its timestamps, outcome and token counts, as `--records` writes it,
//! and the per-request metrics derived from them. Times are milliseconds on a monotonic clock:
//! `sched_ms` and `t0_ms` from the start of the run, the rest from `t0` (just before the request
//! was written).

use std::time::Instant;

use serde::Serialize;

use crate::exchange::Timeline;
use crate::exit::Class;

/// How a request ended: ok, or the class of its failure, the same `exit::Class` the exit
/// code is decided with. Serialised as `"ok"` or the class's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Failed(Class),
}

impl Serialize for Outcome {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Outcome::Ok => s.serialize_str("ok"),
            Outcome::Failed(c) => c.serialize(s),
        }
    }
}

impl Outcome {
    /// Load-shedding and rate limits are what availability measures; every other failure
    /// means the run itself may be broken.
    pub fn is_availability(self) -> bool {
        matches!(self, Outcome::Failed(c) if c.is_availability())
    }
}

impl Record {
    /// Fills the record from an exchange's timeline and failure; times in ms, `t0_ms` from the
    /// run's `start`, the rest from the send.
    pub fn settle(&mut self, t: &Timeline, failure: Option<&anyhow::Error>, start: Instant) {
        self.t0_ms = t.t0.saturating_duration_since(start).as_secs_f64() * 1000.0;
        self.resent = t.resent;
        self.status = t.status;
        self.request_id.clone_from(&t.request_id);
        self.ttfb_ms = t.head.map(|h| t.ms(h));
        self.e2e_ms = t.ms(t.end);
        if t.streamed {
            self.ttft_ms = t.first_token.map(|x| t.ms(x));
            self.ttfat_ms = t.first_answer.map(|x| t.ms(x));
            self.last_token_ms = t.last_token.map(|x| t.ms(x));
        }
        self.token_events = t.token_events;
        match t.usage.as_ref().and_then(|u| u.completion_tokens) {
            Some(n) => self.output_tokens = Some(n),
            None => {
                self.output_tokens = Some(t.token_events);
                self.tokens_estimated = true;
            }
        }
        if let Some(u) = &t.usage {
            self.prompt_tokens = u.prompt_tokens;
            self.cached_tokens = u.cached_tokens;
        }
        self.server_ttft_ms = t.server.ttft_ms;
        self.server_time_ms = t.server.total_ms;
        self.server_decode_tps = t.server.decode_tps;
        self.rate_limits = t.rate_limits.iter().cloned().collect();
        self.over_limit = t.over_limit;
        if let Some(e) = failure {
            let f = crate::exit::failure(e);
            self.outcome = Outcome::Failed(f.map_or(Class::Malformed, |f| f.class));
            self.exit = Some(crate::exit::classify(e));
            self.error = Some(f.map_or_else(|| e.to_string(), |f| f.message.clone()));
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub path: &'static str,
    /// The exit code the failure stands for (`fw bench --smoke` exits with it); not exported.
    #[serde(skip)]
    pub exit: Option<crate::exit::Exit>,
    /// The request's number within its path (warm-up requests first).
    pub seq: usize,
    /// The sweep step it belongs to (`--sweep`); left out of a run without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<usize>,
    /// Which input of `fw bench merge` it came from (0-based); left out of a single run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<usize>,
    pub warmup: bool,
    pub outcome: Outcome,
    pub status: Option<u16>,
    pub error: Option<String>,
    pub request_id: Option<String>,
    /// Sent a second time because the pooled connection had been closed by the server before
    /// it could carry the request; times are from the second send.
    pub resent: bool,
    /// When the scheduler meant to send it, from the start of the run.
    pub sched_ms: f64,
    /// When it was sent, from the start of the run.
    pub t0_ms: f64,
    /// `t0_ms - sched_ms`: how late the client was.
    pub send_lag_ms: f64,
    pub ttfb_ms: Option<f64>,
    pub ttft_ms: Option<f64>,
    pub ttfat_ms: Option<f64>,
    /// The last event carrying a token.
    pub last_token_ms: Option<f64>,
    pub e2e_ms: f64,
    pub output_tokens: Option<u64>,
    /// True when `output_tokens` was counted from events because the server sent no usage.
    pub tokens_estimated: bool,
    pub token_events: u64,
    pub prompt_tokens: Option<u64>,
    pub cached_tokens: Option<u64>,
    pub server_ttft_ms: Option<f64>,
    pub server_time_ms: Option<f64>,
    pub server_decode_tps: Option<f64>,
    /// The reply's `x-ratelimit-*` numbers, by name without the prefix; left out when none.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub rate_limits: std::collections::BTreeMap<String, f64>,
    /// The reply said `x-ratelimit-over-limit: yes`; left out when it did not.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub over_limit: bool,
}

impl Record {
    pub fn new(path: &'static str, seq: usize, warmup: bool) -> Record {
        Record {
            path,
            exit: None,
            seq,
            step: None,
            input: None,
            warmup,
            outcome: Outcome::Ok,
            status: None,
            error: None,
            request_id: None,
            resent: false,
            sched_ms: 0.0,
            t0_ms: 0.0,
            send_lag_ms: 0.0,
            ttfb_ms: None,
            ttft_ms: None,
            ttfat_ms: None,
            last_token_ms: None,
            e2e_ms: 0.0,
            output_tokens: None,
            tokens_estimated: false,
            token_events: 0,
            prompt_tokens: None,
            cached_tokens: None,
            server_ttft_ms: None,
            server_time_ms: None,
            server_decode_tps: None,
            rate_limits: Default::default(),
            over_limit: false,
        }
    }

    pub fn ok(&self) -> bool {
        self.outcome == Outcome::Ok
    }

    /// The span from the first to the last token, when there are at least two tokens.
    fn decode_span(&self) -> Option<(u64, f64)> {
        let n = self.output_tokens?;
        let span = self.last_token_ms? - self.ttft_ms?;
        (n >= 2 && span > 0.0).then_some((n, span))
    }

    /// (N - 1) / (last token - first token), in tokens per second: `reply::decode_tps`.
    pub fn decode_tps(&self) -> Option<f64> {
        self.decode_span()
            .and_then(|(n, span)| crate::reply::decode_tps(n, span / 1000.0))
    }

    /// (last token - first token) / (N - 1), in ms.
    pub fn itl_ms(&self) -> Option<f64> {
        self.decode_span().map(|(n, span)| span / (n - 1) as f64)
    }

    /// N / e2e, in tokens per second.
    pub fn e2e_tps(&self) -> Option<f64> {
        let n = self.output_tokens?;
        (self.e2e_ms > 0.0 && n > 0).then(|| n as f64 / (self.e2e_ms / 1000.0))
    }

    /// Tokens per event that carried tokens: above 1, event gaps are not token gaps.
    pub fn tokens_per_event(&self) -> Option<f64> {
        let n = self.output_tokens?;
        (self.token_events > 0).then(|| n as f64 / self.token_events as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_metrics() {
        let mut r = Record::new("fast", 0, false);
        r.ttft_ms = Some(100.0);
        r.last_token_ms = Some(1100.0);
        r.e2e_ms = 1200.0;
        r.output_tokens = Some(101);
        r.token_events = 50;
        assert_eq!(r.decode_tps(), Some(100.0));
        assert_eq!(r.itl_ms(), Some(10.0));
        assert!((r.e2e_tps().unwrap() - 84.166_666).abs() < 1e-3);
        assert_eq!(r.tokens_per_event(), Some(2.02));
        r.output_tokens = Some(1);
        assert_eq!(r.decode_tps(), None, "one token has no decode span");
    }

    #[test]
    fn status_classes() {
        assert!(Outcome::Failed(Class::Shed503).is_availability());
        assert!(Outcome::Failed(Class::RateLimited429).is_availability());
        assert!(!Outcome::Failed(Class::CutOff).is_availability());
        assert!(!Outcome::Ok.is_availability());
        let json = |o: Outcome| serde_json::to_string(&o).unwrap();
        assert_eq!(json(Outcome::Ok), "\"ok\"");
        assert_eq!(json(Outcome::Failed(Class::Shed503)), "\"shed503\"");
        assert_eq!(
            json(Outcome::Failed(Class::MidStreamError)),
            "\"mid_stream_error\""
        );
    }
}
