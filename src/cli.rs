//! The command-line surface, as clap derive types and nothing else: no I/O, no defaults read
//! from disk. Doc comments are the help text. `settings.rs` turns these raw values into typed
//! settings; commands never see these structs directly except through their `*Args`. The
//! value enums the flags take (tier, colour, list format, bench paths...) belong to the
//! modules that use them and are only named here.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand};

use crate::bench::{Arrival, BenchApi, BenchPath, CacheMode};
use crate::input::ReasoningEffort;
use crate::models::{ListFormat, ListSource};
use crate::output::ColorChoice;
use crate::serving::Tier;

/// Fireworks AI Serverless from a terminal, a shell script and a CI job.
///
/// The API key is read from FIREWORKS_API_KEY, then the config file (`api_key` or
/// `api_key_cmd`), then firectl's ~/.fireworks/auth.ini.
#[derive(Debug, Parser)]
#[command(name = "fw", version, propagate_version = true)]
#[command(
    after_help = "Exit codes: 0 ok, 1 internal, 2 usage, 3 auth, 4 not found or not offered, \
                  5 rate limited, 6 overloaded, 7 server error, 8 network, 9 bench threshold \
                  failed, 10 bench run invalid, 11 answer does not match --schema, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM) \
                  (docs/exit-codes.md)."
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

    /// Whole-request time limit in seconds [config: timeout] [default: none]
    #[arg(long, global = true, value_name = "SECS", value_parser = crate::limits::parse_seconds)]
    pub timeout: Option<f64>,

    /// Time limit for connecting, in seconds [config: connect_timeout] [default: 10]
    #[arg(long, global = true, value_name = "SECS", value_parser = crate::limits::parse_seconds)]
    pub connect_timeout: Option<f64>,

    /// Longest silence within a reply before it counts as stalled, in seconds
    /// [config: read_timeout] [default: 300]
    #[arg(long, global = true, value_name = "SECS", value_parser = crate::limits::parse_seconds)]
    pub idle_timeout: Option<f64>,

    /// When to use colour on stderr
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,

    /// Show the HTTP status, request id and Fireworks headers on stderr
    #[arg(short, long, global = true, action = ArgAction::Count)]
    pub verbose: u8,
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
    // The API requires max_tokens, so here it has a default (DEFAULT_MAX_TOKENS, checked by a
    // test); chat sends none unless asked.
    #[command(mut_arg("max_tokens", |a| a.help("Maximum tokens to generate [default: 2048, plus the --thinking budget]")))]
    // Messages has no grammar mode: the flag is refused with a usage error that says so.
    #[command(mut_arg("grammar", |a| a.hide(true)))]
    Messages(MessagesArgs),

    /// List serverless models and the serving paths each one offers
    ///
    /// Lists the models served on Serverless, live from the control plane, merged with the
    /// serving-path catalogue (Priority, Fast router). A QUERY that names one model exactly
    /// (short name, model ID or Fast router ID) shows that model in full, with the exact request
    /// each serving path sends; any other QUERY filters the list by substring.
    Models(ModelsArgs),

    /// Measure TTFT and tokens/sec per serving path, side by side, with pass/fail for CI
    ///
    /// Sends the requests of every asked path interleaved in one run, streaming, and reports per
    /// path: availability (ok / attempted, with 503 load-shed, 429, other 5xx, timeouts and cut
    /// streams counted apart), and the distributions below (n, mean, p1 to p99 by nearest rank).
    /// Never retries: a retry would hide the failures being counted.
    ///
    /// Definitions, per request, on a monotonic clock from just before the request is sent:
    /// ttft = first token, reasoning included; ttfat = first answer token; ttfb = response
    /// headers; e2e = stream end; N = output tokens from the server's usage (else counted
    /// token events, flagged estimated); decode_tps = (N-1) / (last token - first token);
    /// e2e_tps = N / e2e; itl = (last token - first token) / (N-1); tokens_per_event =
    /// N / events carrying tokens. agg_output_tps = all ok output tokens of a path / (its last
    /// stream end - its first send).
    ///
    /// Exit codes: 0 all assertions passed (or none given); 9 an assertion failed; 10 the run
    /// is invalid (too many errors, too few samples for an asserted path, usage missing for an
    /// asserted token metric, or the client fell behind). An invalid run never reports PASS.
    Bench(Box<BenchArgs>),

    /// The local log: recent exchanges, one in full, search, speed and spend per serving path
    ///
    /// fw chat and fw messages log every exchange (--no-log, or log = false in the config file,
    /// turns that off), and fw bench a summary of every run, into one SQLite file (fw log path).
    /// Alone, lists the recent exchanges: a table on a terminal, tab-separated lines when piped.
    Log(LogArgs),

    /// Where the config file is, what is resolved and from where, and setting values
    #[command(subcommand)]
    Config(ConfigCommand),

    /// Print shell completions for SHELL on stdout (bash, zsh, fish, powershell, elvish)
    Completions {
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },

    /// Print the man page (roff) on stdout: every subcommand and its options on one page
    Man,
}

/// Which model and which serving path: shared by every command that sends a request.
#[derive(Debug, Args)]
#[command(next_help_heading = "Model and serving path")]
pub struct TargetArgs {
    /// Model: a short name (kimi-k2p6), a full model ID or a router ID [config: model]
    /// [default: accounts/fireworks/models/kimi-k2p6]
    // The default is the catalogue's `default_model`; a test checks the two agree.
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,

    /// Serving tier: standard sends no service_tier; priority sends "service_tier": "priority"
    #[arg(long, value_name = "TIER")]
    pub tier: Option<Tier>,

    /// Use the model's Fast router (from the serving-path catalogue)
    #[arg(long)]
    pub fast: bool,
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
    pub conversation: ConversationArgs,

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
    pub conversation: ConversationArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Conversations and the local log: shared by chat and messages.
#[derive(Debug, Args)]
#[command(next_help_heading = "Conversation")]
pub struct ConversationArgs {
    /// Continue the latest conversation in the local log: its turns are sent before this one
    /// (its system prompt too, unless -s is given)
    #[arg(short = 'c', long = "continue", conflicts_with = "cid")]
    pub continue_latest: bool,

    /// Continue the conversation with this id (`fw log` and `--json` show it)
    #[arg(long, value_name = "ID")]
    pub cid: Option<String>,

    /// Do not write this exchange to the local log [config: log] [default: written]
    #[arg(long)]
    pub no_log: bool,
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

    /// Maximum tokens to generate [default: none sent; the server's own applies]
    #[arg(long, value_name = "N")]
    pub max_tokens: Option<u64>,

    /// Sampling temperature (0-2)
    #[arg(long, value_name = "T", value_parser = ranged_f64::<0, 2>)]
    pub temperature: Option<f64>,

    /// Nucleus sampling probability (0-1)
    #[arg(long, value_name = "P", value_parser = ranged_f64::<0, 1>)]
    pub top_p: Option<f64>,

    /// Sample only from the K most likely tokens (0-100)
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u64).range(0..=100))]
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

    /// Send again after 408, 429, 500, 502, 503, 504 or a failed connection, at most N times,
    /// and only before any output [config: retries] [default: 2]
    #[arg(long, value_name = "N")]
    pub retries: Option<u32>,

    /// Attach an image (png, jpeg, gif, webp) or a UTF-8 text file, an image URL, or `-` for
    /// standard input; at most 10 MiB each (repeatable)
    #[arg(short = 'a', long = "attach", value_name = "PATH|URL|-")]
    pub attach: Vec<String>,

    #[command(flatten)]
    pub structured: StructuredArgs,
}

/// What shape the answer must have: shared by chat and messages (docs/structured.md).
#[derive(Debug, Args)]
#[command(next_help_heading = "Structured output")]
pub struct StructuredArgs {
    /// Ask for JSON matching SCHEMA (a JSON Schema file, inline JSON, or the compact form
    /// 'name str, age int, tags [str]'), check the answer and print it as one compact line;
    /// exit 11 when it does not match
    #[arg(long, value_name = "SCHEMA")]
    pub schema: Option<String>,

    /// With --schema: ask for an array of such items and print one JSON line per item
    #[arg(long, requires = "schema")]
    pub schema_multi: bool,

    /// Ask for any JSON object, checked and printed as one compact line; exit 11 otherwise
    #[arg(long, conflicts_with_all = ["schema", "grammar"])]
    pub json_object: bool,

    /// Constrain the answer with the Fireworks GBNF grammar in FILE (chat only; not checked
    /// locally)
    #[arg(long, value_name = "FILE", conflicts_with = "schema")]
    pub grammar: Option<String>,
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

    /// On a terminal, write the answer's control characters as they are, not escaped (\x1b);
    /// pipes and files always get the exact bytes
    #[arg(long)]
    pub raw: bool,

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
#[command(args_conflicts_with_subcommands = true)]
pub struct LogArgs {
    #[command(subcommand)]
    pub action: Option<LogAction>,

    #[command(flatten)]
    pub list: LogList,
}

/// Which exchanges a list shows, and how.
#[derive(Debug, Args)]
pub struct LogList {
    /// How many exchanges, newest first
    #[arg(short = 'n', long, value_name = "N", default_value_t = 20)]
    pub count: usize,

    /// Only those since an age (30m, 12h, 7d, 2w) or a date (2026-11-30)
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,

    /// Only the exchanges of this conversation
    #[arg(long, value_name = "ID")]
    pub cid: Option<String>,

    /// An array of the logged records
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum LogAction {
    /// Print the log's database file (after moving waiting exchanges into it)
    Path,

    /// One exchange in full: the messages sent, the answer, usage, timing and outcome
    Show {
        /// An exchange id, the start of one, or latest
        #[arg(value_name = "ID")]
        id: String,

        /// The logged record as JSON
        #[arg(long)]
        json: bool,
    },

    /// Full-text search over prompts, answers and system prompts, best match first
    Search {
        /// Words that must all occur
        #[arg(value_name = "TEXT", required = true)]
        text: Vec<String>,

        #[command(flatten)]
        list: LogList,
    },

    /// Requests, failures by class, tokens, estimated cost, TTFT and decode speed per group
    Stats {
        /// Only exchanges (or runs) since an age (30m, 12h, 7d, 2w) or a date
        #[arg(long, value_name = "WHEN")]
        since: Option<String>,

        /// Group by serving path, model ID or day (UTC)
        #[arg(long, value_name = "GROUP", default_value = "path")]
        by: crate::log::view::Group,

        /// fw bench runs instead: per run and serving path, availability, TTFT and decode speed
        #[arg(long)]
        bench: bool,

        /// An array of objects
        #[arg(long)]
        json: bool,
    },

    /// Remove exchanges by id, or every exchange and bench run before a date
    Rm {
        /// Exchange ids (or unique starts of ids)
        #[arg(
            value_name = "ID",
            required_unless_present = "before",
            conflicts_with = "before"
        )]
        ids: Vec<String>,

        /// Everything before this date (2026-11-30) or age (30d)
        #[arg(long, value_name = "WHEN")]
        before: Option<String>,
    },

    /// Every exchange and bench run as JSON lines, oldest first
    Export {
        /// JSON lines (the one format)
        #[arg(long, default_value_t = true)]
        jsonl: bool,
    },
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

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
#[command(group(clap::ArgGroup::new("open_loop").args(["rate", "sweep"])))]
pub struct BenchArgs {
    #[command(subcommand)]
    pub action: Option<BenchAction>,

    /// Model (short name or full ID): each path's model ID derives from it [config: model]
    /// [default: accounts/fireworks/models/kimi-k2p6]
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,

    /// Serving paths to measure, comma-separated: standard, priority, fast
    #[arg(
        long,
        value_name = "PATHS",
        value_delimiter = ',',
        default_value = "standard,priority,fast"
    )]
    pub paths: Vec<BenchPath>,

    /// Which API to measure
    #[arg(long, value_name = "API", default_value = "chat")]
    pub api: BenchApi,

    /// Measured requests per path [default: 30; with --duration, as many as fit]
    #[arg(short = 'n', long = "requests", value_name = "N")]
    pub requests: Option<usize>,

    /// Stop starting new requests after this many seconds
    #[arg(long, value_name = "SECS", value_parser = crate::limits::parse_seconds)]
    pub duration: Option<f64>,

    /// Closed loop: this many requests in flight at once (across all paths)
    #[arg(
        short,
        long,
        value_name = "N",
        default_value_t = 1,
        conflicts_with = "rate"
    )]
    pub concurrency: usize,

    /// Open loop: start this many requests per second per path, whatever is in flight
    #[arg(long, value_name = "R", value_parser = crate::limits::parse_rate)]
    pub rate: Option<f64>,

    /// Open loop: at most this many requests in flight across all paths; an arrival past the
    /// cap waits, and its wait shows as send lag
    #[arg(long, value_name = "N", requires = "open_loop",
          value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub max_concurrency: Option<u64>,

    /// Arrivals in open loop: evenly spaced (constant) or random (poisson)
    #[arg(
        long,
        value_name = "KIND",
        default_value = "constant",
        requires = "open_loop"
    )]
    pub arrival: Arrival,

    /// Open loop at increasing rates per path, each step -n requests per path (or --duration
    /// seconds) with every path interleaved: a list such as 1,2,4,8, or auto (a ramp that ends
    /// when every path misses the stop levels); any sweep ends on a burst of 429s
    #[arg(long, value_name = "RATES", value_parser = crate::bench::sweep::parse_rates,
          conflicts_with = "concurrency")]
    pub sweep: Option<crate::bench::sweep::Rates>,

    /// --sweep auto: the first rate, requests per second per path
    #[arg(long, value_name = "R", default_value_t = crate::bench::sweep::AUTO_START,
          value_parser = crate::limits::parse_rate, requires = "sweep")]
    pub sweep_start: f64,

    /// --sweep auto: multiply the rate by this at each step (above 1, at most 10)
    #[arg(long, value_name = "F", default_value_t = crate::bench::sweep::AUTO_FACTOR,
          value_parser = crate::bench::sweep::parse_factor, requires = "sweep")]
    pub sweep_factor: f64,

    /// --sweep auto: run at most this many steps
    #[arg(long, value_name = "N", default_value_t = crate::bench::sweep::AUTO_STEPS as u64,
          value_parser = clap::value_parser!(u64).range(1..=50), requires = "sweep")]
    pub sweep_steps: u64,

    /// --sweep: a path holds a step with at least this fraction of its requests meeting the
    /// --slo objectives
    #[arg(long, value_name = "FRACTION", default_value_t = crate::bench::sweep::MIN_SLO,
          value_parser = ranged_f64::<0, 1>, requires = "sweep")]
    pub sweep_min_slo: f64,

    /// --sweep: a path holds a step with at least this availability
    #[arg(long, value_name = "FRACTION", default_value_t = crate::bench::sweep::MIN_AVAILABILITY,
          value_parser = ranged_f64::<0, 1>, requires = "sweep")]
    pub sweep_min_availability: f64,

    /// --sweep: this many 429s in a row on one path end the sweep (rate limits, not the path)
    #[arg(long, value_name = "N", default_value_t = crate::bench::sweep::BURST as u64,
          value_parser = clap::value_parser!(u64).range(1..=100_000), requires = "sweep")]
    pub sweep_burst: u64,

    /// Requests per path before measuring, excluded from the statistics [default: 3, or
    /// enough for every concurrent request to have opened its connection]
    #[arg(long, value_name = "K")]
    pub warmup: Option<usize>,

    /// Tokens to generate per request
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub max_tokens: u64,

    /// Ask the server to generate exactly --max-tokens (sends min_tokens and ignore_eos)
    #[arg(long)]
    pub force_len: bool,

    /// Approximate length of the synthetic prompt, in tokens
    #[arg(long, value_name = "N", default_value_t = 128)]
    pub input_tokens: usize,

    /// Use this prompt instead of a synthetic one (still given a unique prefix)
    #[arg(long, value_name = "TEXT")]
    pub prompt: Option<String>,

    /// Do not give each prompt a unique prefix (lets the prompt cache serve repeats); the same
    /// as --cache warm
    #[arg(long, conflicts_with = "cache")]
    pub allow_cache: bool,

    /// Prompt cache: unique (a prefix no other request shares), cold (that, and the server
    /// told to cache nothing: prompt_cache_max_len 0), warm (every request the same prompt)
    #[arg(long, value_name = "MODE", default_value = "unique")]
    pub cache: CacheMode,

    /// Send every request of a path with one x-session-affinity key, so they reach one replica
    /// and no path measures cache luck
    #[arg(long)]
    pub affinity: bool,

    /// Reasoning effort for reasoning models
    #[arg(long, value_name = "EFFORT")]
    pub reasoning_effort: Option<ReasoningEffort>,

    /// One minimal request per path and a one-line result each: the CI availability check
    #[arg(long)]
    pub smoke: bool,

    /// Fail unless decode_tps p50 is at least this (on fast if measured, else on each path)
    #[arg(long, value_name = "TPS")]
    pub min_tps: Option<f64>,

    /// A threshold such as 'fast.decode_tps.p50>=100' or 'priority.availability>=0.99'
    /// (repeatable)
    #[arg(long = "assert", value_name = "RULE")]
    pub assertions: Vec<String>,

    /// Per-request objectives, such as 'ttft<=800ms,decode_tps>=100' (repeatable): each path
    /// reports the fraction of requests meeting all of them and its goodput (requests/s), both
    /// assertable as PATH.slo_fraction and PATH.goodput
    #[arg(long, value_name = "SLOS")]
    pub slo: Vec<String>,

    /// Largest fraction of failed requests (other than 503 and 429) for a valid run
    #[arg(long, value_name = "FRACTION", default_value_t = 0.05)]
    pub max_error_rate: f64,

    /// Fewest successful requests an asserted path needs for a valid run
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub min_samples: usize,

    /// Largest p99 scheduling lag of the client itself, in ms, for a valid run
    #[arg(long, value_name = "MS", default_value_t = 10.0)]
    pub max_client_lag: f64,

    #[command(flatten)]
    pub files: ReportFiles,

    /// Do not keep this run in the local log [config: log] [default: kept]
    #[arg(long)]
    pub no_log: bool,
}

#[derive(Debug, Subcommand)]
pub enum BenchAction {
    /// Compare two runs' per-request records, per path and metric, with a confidence interval
    ///
    /// BASE and NEW are files written by `fw bench --records FILE`. For each path in both and
    /// each of ttft, decode_tps, e2e and itl: the two medians, the change, and a 95 %
    /// confidence interval of the change from a seeded bootstrap of the records, marked faster,
    /// slower or "no clear change" (the interval not wholly beyond --margin). Exit codes: 0, or
    /// 9 when a --fail-if rule holds for a clear change.
    Compare(CompareArgs),

    /// Combine the per-request records of runs from several machines into one report
    ///
    /// Each input is a file written by `fw bench --records FILE`. Each run's times are from its
    /// own start, and the merge puts every start at 0 (start the machines together); nothing
    /// compares the machines' clocks. The report has bench's own outputs and thresholds; its
    /// client figures are null (each machine's are in its own report). Exit codes as for a run:
    /// 0, 9 when a threshold fails, 10 when the merged run is invalid.
    Merge(MergeArgs),
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Records files, one per machine
    #[arg(value_name = "RECORDS", required = true)]
    pub inputs: Vec<PathBuf>,

    /// A threshold such as 'fast.decode_tps.p50>=100' (repeatable)
    #[arg(long = "assert", value_name = "RULE")]
    pub assertions: Vec<String>,

    /// Per-request objectives, such as 'ttft<=800ms,decode_tps>=100' (repeatable)
    #[arg(long, value_name = "SLOS")]
    pub slo: Vec<String>,

    /// Largest fraction of failed requests (other than 503 and 429) for a valid run
    #[arg(long, value_name = "FRACTION", default_value_t = 0.05, value_parser = ranged_f64::<0, 1>)]
    pub max_error_rate: f64,

    /// Fewest successful requests an asserted path needs for a valid run
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub min_samples: usize,

    #[command(flatten)]
    pub files: ReportFiles,
}

/// The files a bench report is written to: shared by a run and a merge.
#[derive(Debug, Args)]
pub struct ReportFiles {
    /// Write the report as JSON (schema: docs/bench-schema.json) to FILE, or `-` for stdout
    #[arg(long, value_name = "FILE")]
    pub json: Option<String>,

    /// Write one JSON line per request to FILE
    #[arg(long, value_name = "FILE")]
    pub records: Option<String>,

    /// Write one CSV row per path to FILE
    #[arg(long, value_name = "FILE")]
    pub csv: Option<String>,

    /// Write the report as one self-contained HTML page of charts to FILE (no network needed
    /// to view it)
    #[arg(long, value_name = "FILE")]
    pub html: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The baseline run: its --records file, or a run the local log kept (log:latest,
    /// log:latest~N, log:ID)
    #[arg(value_name = "BASE")]
    pub base: PathBuf,

    /// The new run: a --records file or log:RUN, as BASE
    #[arg(value_name = "NEW")]
    pub new: PathBuf,

    /// Exit 9 when a clear change satisfies this, such as 'fast.decode_tps.p50 < -10%'
    /// (repeatable)
    #[arg(long = "fail-if", value_name = "RULE")]
    pub fail_if: Vec<String>,

    /// Output format
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: crate::bench::compare::Format,

    /// Bootstrap resamples
    #[arg(long, value_name = "N", default_value_t = 2000,
          value_parser = clap::value_parser!(u64).range(100..=100_000))]
    pub resamples: u64,

    /// Seed of the bootstrap's generator: the same inputs and seed give the same intervals
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,

    /// A change is clear only when its whole interval lies beyond this percentage of the base
    /// median
    #[arg(long, value_name = "PERCENT", default_value_t = 1.0, value_parser = ranged_f64::<0, 100>)]
    pub margin: f64,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the path of the config file fw reads (whether or not it exists)
    Path,

    /// Show every resolved setting and where it came from (flag, env, config file, default)
    Show {
        /// As one JSON object
        #[arg(long)]
        json: bool,
    },

    /// Set KEY to VALUE in the config file (in [profile.NAME] with --profile); `api_key` takes
    /// `-` and reads the key from standard input, so it stays out of shell history
    Set {
        // The help lists the keys from config::KEYS, so it cannot miss one.
        #[arg(value_name = "KEY", help = crate::config::key_list())]
        key: String,
        #[arg(value_name = "VALUE")]
        value: String,
    },
}

/// A number within [LO, HI], for flags whose help states the range: a value outside it is a
/// usage error (exit 2) that names the range, not a request the server rejects later.
fn ranged_f64<const LO: u8, const HI: u8>(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (f64::from(LO)..=f64::from(HI)).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{s} is not in {LO}..={HI}"))
    }
}
