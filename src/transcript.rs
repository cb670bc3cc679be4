//! The transcript sink: the reply's text, reasoning, refusal and tool calls as they arrive, and
//! the ids the server gave it. `--json`, `--jsonl` and `--stats` are built from it with the
//! exchange's timeline; the log keeps it.

use std::time::Instant;

use crate::exchange::{Event, Sink, Timeline};
use crate::reply::{ErrorInfo, PathInfo, Piece, Summary, Timing, ToolCall, SCHEMA_VERSION};
use crate::serving::ServingPath;

#[derive(Debug, Default, Clone)]
pub struct Transcript {
    pub content: String,
    pub reasoning: String,
    pub refusal: String,
    pub tool_calls: Vec<ToolCall>,
    /// The reply's own id and model, as the server named them.
    pub id: Option<String>,
    pub model: Option<String>,
}

impl Sink for Transcript {
    fn event(&mut self, event: Event<'_>, _: Instant) -> anyhow::Result<()> {
        let Event::Piece(p) = event else {
            return Ok(());
        };
        match p {
            Piece::Content(t) => self.content.push_str(t),
            Piece::Reasoning(t) => self.reasoning.push_str(t),
            Piece::Refusal(t) => self.refusal.push_str(t),
            Piece::ToolCall(c) => self.tool_calls.push(c.clone()),
            Piece::Meta { id, model } => {
                if self.id.is_none() {
                    self.id.clone_from(id);
                }
                if self.model.is_none() {
                    self.model.clone_from(model);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

impl Transcript {
    /// The summary of an exchange: this transcript, the timeline of the attempt that answered,
    /// the serving path and `service_tier` that were sent, and the time since the first
    /// attempt was sent (`total_ms`, retries included).
    pub fn summary(
        &self,
        t: &Timeline,
        path: &ServingPath,
        tier: Option<String>,
        first_send: Instant,
        error: Option<ErrorInfo>,
    ) -> Summary {
        let round = |x: f64, places: i32| (x * 10f64.powi(places)).round() / 10f64.powi(places);
        let usage = t.usage.clone();
        Summary {
            schema_version: SCHEMA_VERSION,
            kind: "summary",
            content: self.content.clone(),
            reasoning: (!self.reasoning.is_empty()).then(|| self.reasoning.clone()),
            refusal: (!self.refusal.is_empty()).then(|| self.refusal.clone()),
            finish_reason: t.finish.clone(),
            tool_calls: self.tool_calls.clone(),
            usage: usage.clone(),
            model: self.model.clone().unwrap_or_else(|| path.model.clone()),
            request_id: t.request_id.clone().or_else(|| self.id.clone()),
            exchange_id: None,
            conversation_id: None,
            serving_path: PathInfo {
                name: path.kind.name(),
                model: path.model.clone(),
                service_tier: tier,
            },
            timing: Timing {
                ttft_ms: t.ttft_ms().map(|ms| round(ms, 3)),
                total_ms: round(
                    t.end.saturating_duration_since(first_send).as_secs_f64() * 1000.0,
                    3,
                ),
                decode_tokens_per_sec: t.decode_tps().map(|r| round(r, 2)),
            },
            cost_usd: path.price.zip(usage.as_ref()).and_then(|(p, u)| {
                Some(p.cost(
                    u.prompt_tokens?,
                    u.cached_tokens.unwrap_or(0),
                    u.completion_tokens?,
                ))
            }),
            error,
        }
    }
}
