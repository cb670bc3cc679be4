//! The command-line surface, as clap derive types and nothing else: no I/O, no defaults read
//! from disk. Doc comments are the help text. `settings.rs` turns these raw values into typed
//! settings; commands never see these structs directly except through their `*Args`.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

/// Fireworks AI Serverless from a terminal, a shell script and a CI job.
///
/// The API key is read from FIREWORKS_API_KEY, then the config file (`api_key` or
/// `api_key_cmd`), then firectl's ~/.fireworks/auth.ini.
#[derive(Debug, Parser)]
#[command(name = "fw", version, propagate_version = true)]
#[command(
    after_help = "Exit codes: see docs/exit-codes.md (0 ok, 2 usage, 3 auth, 4 not found, \
                        5 rate limited, 6 overloaded, 7 server error, 8 network, 130 interrupted)."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by every subcommand.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Profile from the config file's [profile.NAME] tables [env: FW_PROFILE]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,

    /// Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]
    #[arg(long, global = true, value_name = "URL")]
    pub control_url: Option<String>,

    /// Whole-request time limit in seconds (config: `timeout`; default: none)
    #[arg(long, global = true, value_name = "SECS")]
    pub timeout: Option<f64>,

    /// When to use colour on stderr
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,

    /// Show the HTTP status, request id and Fireworks headers on stderr
    #[arg(short, long, global = true, action = ArgAction::Count)]
    pub verbose: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Send a prompt to the OpenAI-compatible chat completions API and stream the answer
    ///
    /// The prompt is the words given, followed by standard input when it is not a terminal
    /// (`-` alone reads standard input only). The answer goes to stdout; reasoning, stats and
    /// errors go to stderr.
    Chat(ChatArgs),

    /// Send a prompt to the Anthropic-compatible Messages API and stream the answer
    ///
    /// Same prompt rules and output as `chat`; the system prompt goes in the top-level `system`
    /// field, `--stop` becomes `stop_sequences`, and `--max-tokens` is always sent.
    Messages(MessagesArgs),

    /// List serverless models and the serving paths each one offers
    ///
    /// Lists the models served on Serverless, live from the control plane, merged with the
    /// serving-path catalogue (Priority, Fast router). A QUERY that names one model exactly
    /// (short name, model ID or Fast router ID) shows that model in full, with the exact request
    /// each serving path sends; any other QUERY filters the list by substring.
    Models(ModelsArgs),
}

/// Which model and which serving path: shared by every command that sends a request.
#[derive(Debug, Args)]
#[command(next_help_heading = "Model and serving path")]
pub struct TargetArgs {
    /// Model: a short name (kimi-k2p6), a full model ID or a router ID [config: model]
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,

    /// Serving tier: standard sends no service_tier; priority sends "service_tier": "priority"
    #[arg(long, value_name = "TIER")]
    pub tier: Option<Tier>,

    /// Use the model's Fast router (from the serving-path catalogue)
    #[arg(long)]
    pub fast: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Tier {
    Standard,
    Priority,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReasoningEffort {
    None,
    Low,
    Medium,
    High,
    Max,
}

impl ReasoningEffort {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Max => "max",
        }
    }
}

#[derive(Debug, Args)]
pub struct ChatArgs {
    /// Prompt words; `-` reads standard input
    #[arg(value_name = "PROMPT")]
    pub prompt: Vec<String>,

    #[command(flatten)]
    pub target: TargetArgs,

    #[command(flatten)]
    pub request: RequestArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct MessagesArgs {
    /// Prompt words; `-` reads standard input
    #[arg(value_name = "PROMPT")]
    pub prompt: Vec<String>,

    #[command(flatten)]
    pub target: TargetArgs,

    #[command(flatten)]
    pub request: RequestArgs,

    /// Extended thinking with this token budget (at least 1024, below --max-tokens)
    #[arg(long, value_name = "BUDGET", help_heading = "Request")]
    pub thinking: Option<u64>,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// What goes into the request besides model and serving path: shared by chat and messages.
#[derive(Debug, Args)]
#[command(next_help_heading = "Request")]
pub struct RequestArgs {
    /// System prompt
    #[arg(short, long, value_name = "TEXT")]
    pub system: Option<String>,

    /// A JSON array of messages (multi-turn input) from FILE, or `-` for standard input
    #[arg(long, value_name = "FILE")]
    pub messages: Option<String>,

    /// Maximum tokens to generate
    #[arg(long, value_name = "N")]
    pub max_tokens: Option<u64>,

    /// Sampling temperature (0-2)
    #[arg(long, value_name = "T")]
    pub temperature: Option<f64>,

    /// Nucleus sampling probability (0-1)
    #[arg(long, value_name = "P")]
    pub top_p: Option<f64>,

    /// Sample only from the K most likely tokens (0-100)
    #[arg(long, value_name = "K")]
    pub top_k: Option<u64>,

    /// Stop sequence (repeatable)
    #[arg(long, value_name = "TEXT")]
    pub stop: Vec<String>,

    /// Reasoning effort for reasoning models
    #[arg(long, value_name = "EFFORT")]
    pub reasoning_effort: Option<ReasoningEffort>,

    /// Set any body field: key=value, value parsed as JSON when valid, else a string; applied last
    #[arg(short = 'o', long = "option", value_name = "KEY=VALUE")]
    pub options: Vec<String>,
}

/// How the answer is requested and written: shared by the request-sending commands.
#[derive(Debug, Args)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// Wait for the whole answer instead of streaming it
    #[arg(long)]
    pub no_stream: bool,

    /// Print one JSON object at the end: content, reasoning, usage, timing, serving path
    #[arg(long, conflicts_with = "jsonl")]
    pub json: bool,

    /// Print one JSON event per line as the answer arrives, then a summary line
    #[arg(long)]
    pub jsonl: bool,

    /// Write reasoning text to stderr even when stderr is not a terminal
    #[arg(long)]
    pub show_reasoning: bool,

    /// After the answer, print tokens, TTFT, decode tokens/sec and serving path on stderr
    #[arg(long)]
    pub stats: bool,

    /// Print the resolved settings and the exact request, then exit without sending it
    #[arg(long, conflicts_with = "curl")]
    pub dry_run: bool,

    /// Print the equivalent curl command (key as $FIREWORKS_API_KEY), then exit
    #[arg(long)]
    pub curl: bool,
}

#[derive(Debug, Args)]
pub struct ModelsArgs {
    /// A model to show in full, or a substring to filter the list by
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,

    /// Only models with a Fast router
    #[arg(long)]
    pub fast: bool,

    /// Only models the catalogue lists with Priority
    #[arg(long)]
    pub priority: bool,

    /// Account whose serverless models to list
    #[arg(long, value_name = "ID", default_value = "fireworks")]
    pub account: String,

    /// Where the list comes from: the control plane, the OpenAI-style {base}/models, or the
    /// control plane with {base}/models as a fallback when it cannot be reached
    #[arg(long, value_name = "SOURCE", default_value = "auto")]
    pub source: ListSource,

    /// Output: a table on a terminal and tab-separated lines when piped (auto), or as named
    #[arg(
        long,
        value_name = "FORMAT",
        default_value = "auto",
        conflicts_with = "json"
    )]
    pub format: ListFormat,

    /// Same as --format json: an array of objects (one object for a single model)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListSource {
    Auto,
    Control,
    Openai,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Auto,
    Table,
    Tsv,
    Json,
}
