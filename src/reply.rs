//! What a reply is, whatever its wire format: the pieces the decoders turn a reply into (text,
//! reasoning, tool calls, usage, finish, server timings), and the summary of a whole exchange
//! that `--json` prints and `--jsonl` ends with. Both wire formats produce these and every
//! consumer (the terminal, bench's records, the log) reads them; this module depends on
//! nothing else in fw.

use serde::Serialize;

/// The version of the `--json` / `--jsonl` summary's shape.
pub const SCHEMA_VERSION: u32 = 1;

/// What a decoder makes of the server's reply, in arrival order.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Meta {
        id: Option<String>,
        model: Option<String>,
    },
    Reasoning(String),
    Content(String),
    /// The model declined (OpenAI `refusal`): shown apart from the answer, timed like it.
    Refusal(String),
    Finish(String),
    /// A complete tool call (OpenAI `tool_calls`, Anthropic `tool_use`).
    ToolCall(ToolCall),
    Usage(Usage),
    /// Server-side timings, when the server reports them (Fireworks `perf_metrics`,
    /// llama.cpp `timings`).
    ServerTiming {
        ttft_ms: Option<f64>,
        total_ms: Option<f64>,
        decode_tps: Option<f64>,
    },
    /// The reply is complete.
    Done,
    /// The server reported an error inside a successful response.
    Error {
        message: String,
        kind: Option<String>,
    },
}

/// A tool call the model asked for; `arguments` is the JSON text the model wrote.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ToolCall {
    pub id: Option<String>,
    pub name: String,
    pub arguments: String,
}

/// Token counts as the server reported them.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Usage {
    pub prompt_tokens: Option<u64>,
    pub completion_tokens: Option<u64>,
    pub total_tokens: Option<u64>,
    pub cached_tokens: Option<u64>,
    /// Completion tokens spent on reasoning, when the server says (chat's
    /// `completion_tokens_details.reasoning_tokens`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasoning_tokens: Option<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PathInfo {
    pub name: &'static str,
    /// The model ID the request carried.
    pub model: String,
    /// The `service_tier` the request carried, as sent.
    pub service_tier: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Timing {
    /// Time to the first token (reasoning included), from sending the request.
    pub ttft_ms: Option<f64>,
    pub total_ms: f64,
    /// (completion tokens - 1) / (time of last token - time of first token).
    pub decode_tokens_per_sec: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorInfo {
    pub message: String,
    pub exit_code: u8,
}

/// The whole exchange: what `--json` prints and `--jsonl` ends with.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub schema_version: u32,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub content: String,
    pub reasoning: Option<String>,
    /// What the model said when it declined (OpenAI `refusal`).
    pub refusal: Option<String>,
    pub finish_reason: Option<String>,
    /// Tool calls the model asked for, whole.
    pub tool_calls: Vec<ToolCall>,
    pub usage: Option<Usage>,
    pub model: String,
    pub request_id: Option<String>,
    /// The local log's id for this exchange, and the conversation it belongs to (what
    /// `--cid` continues); null when the exchange is not logged.
    pub exchange_id: Option<String>,
    pub conversation_id: Option<String>,
    pub serving_path: PathInfo,
    pub timing: Timing,
    /// Estimated from the usage and the catalogue's prices for the serving path, in USD.
    pub cost_usd: Option<f64>,
    pub error: Option<ErrorInfo>,
}

/// (tokens - 1) / (time of the last token - time of the first), in tokens per second: the one
/// decode-rate formula, for `--stats`, `--json` and bench alike. `None` below two tokens or
/// for a span that is not positive.
pub fn decode_tps(tokens: u64, first_to_last_secs: f64) -> Option<f64> {
    (tokens >= 2 && first_to_last_secs > 0.0).then(|| (tokens - 1) as f64 / first_to_last_secs)
}
