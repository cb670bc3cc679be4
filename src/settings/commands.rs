//! Each command's flags resolved into the typed settings the command receives: `Ask` for
//! `fw chat` and `fw messages`, `bench::Options` for `fw bench` (with the range checks clap
//! cannot make), `models::Query` for `fw models`. Commands never see clap types.

use anyhow::Result;

use super::{Settings, Target};
use crate::cli::TargetArgs;
use crate::exit::Failure;
use crate::serving::Tier;

/// What `fw chat` or `fw messages` sends and how it shows the answer, resolved from their
/// flags: the commands receive this, never the flags.
#[derive(Debug, Clone)]
pub struct Ask {
    pub target: Target,
    /// Prompt words; `-` reads standard input.
    pub prompt: Vec<String>,
    pub system: Option<String>,
    /// `--messages`: a file of earlier turns, or `-` for standard input.
    pub messages_from: Option<String>,
    pub max_tokens: Option<u64>,
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
    pub top_k: Option<u64>,
    pub stop: Vec<String>,
    pub reasoning_effort: Option<crate::input::ReasoningEffort>,
    /// `-o key=value`, parsed, merged last into the body.
    pub options: Vec<(String, serde_json::Value)>,
    /// Sends after a transient failure: the flag, else the config file's, else 2.
    pub retries: u32,
    /// `--schema`, `--json-object` or `--grammar`: the shape asked for and checked.
    pub format: Option<crate::structured::Format>,
    /// `-a`, read and checked; each has the description a record keeps (`meta`).
    pub attachments: Vec<crate::attach::Attachment>,
    pub show: Show,
    /// `-c` or `--cid`: the conversation whose turns come first.
    pub continues: Option<Continue>,
    /// The exchange is written to the local log: the log is on, no `--no-log`, and it is sent.
    pub log: bool,
}

/// Which conversation `-c` / `--cid` continues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Continue {
    Latest,
    Id(String),
}

impl Ask {
    /// Standard input holds `--messages -` or `-a -`, so the prompt does not read it.
    pub fn stdin_taken(&self) -> bool {
        self.messages_from.as_deref() == Some("-")
            || self.attachments.iter().any(|a| a.meta.source == "-")
    }

    /// What a record keeps of the attachments: by reference, never their bytes.
    /// The attachments as the local log keeps them (`attach::Meta::for_log`).
    pub fn logged_attachments(&self) -> Vec<crate::attach::Meta> {
        self.attachments.iter().map(|a| a.meta.for_log()).collect()
    }

    pub fn attachment_meta(&self) -> Vec<crate::attach::Meta> {
        self.attachments.iter().map(|a| a.meta.clone()).collect()
    }
}

/// What happens to a built request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Send,
    /// `--dry-run`: print it, send nothing.
    DryRun,
    /// `--curl`: print an equivalent curl command.
    Curl,
}

/// How the answer is shown.
#[derive(Debug, Clone, Copy)]
pub struct Show {
    pub action: Action,
    pub mode: crate::output::Mode,
    /// Ask for a stream (`--no-stream` turns it off).
    pub stream: bool,
    /// Reasoning on stderr: asked for, or stderr is a terminal.
    pub reasoning: bool,
    /// The answer's control characters escaped: stdout is a terminal and no `--raw`.
    pub escape_answer: bool,
    /// The `--stats` line on stderr.
    pub stats: bool,
}

impl Settings {
    /// Resolves the flags of `fw chat` or `fw messages`.
    pub fn ask(
        &self,
        target: &crate::cli::TargetArgs,
        prompt: Vec<String>,
        req: crate::cli::RequestArgs,
        conv: crate::cli::ConversationArgs,
        out: &crate::cli::OutputArgs,
    ) -> Result<Ask> {
        use crate::output::Mode;
        let mode = match (out.json, out.jsonl) {
            (true, _) => Mode::Json,
            (false, true) => Mode::Jsonl,
            _ => Mode::Text,
        };
        let action = match (out.dry_run, out.curl) {
            (true, _) => Action::DryRun,
            (false, true) => Action::Curl,
            _ => Action::Send,
        };
        let format = structured(&req.structured)?;
        let attachments = attachments(&req.attach, req.messages.as_deref())?;
        Ok(Ask {
            format,
            attachments,
            target: self.target(target)?,
            prompt,
            options: crate::input::options(&req.options)?,
            system: req.system,
            messages_from: req.messages,
            max_tokens: req.max_tokens,
            temperature: req.temperature,
            top_p: req.top_p,
            top_k: req.top_k,
            stop: req.stop,
            reasoning_effort: req.reasoning_effort,
            retries: req.retries.unwrap_or(self.retries),
            continues: match (conv.continue_latest, conv.cid) {
                (_, Some(id)) => Some(Continue::Id(id)),
                (true, None) => Some(Continue::Latest),
                (false, None) => None,
            },
            log: self.log.enabled && !conv.no_log && action == Action::Send,
            show: Show {
                action,
                mode,
                stream: !out.no_stream,
                reasoning: out.show_reasoning || self.terminal.stderr_tty,
                escape_answer: self.terminal.stdout_tty && !out.raw,
                stats: out.stats,
            },
        })
    }
}

/// `--schema`, `--json-object`, `--grammar` (clap keeps them apart).
fn structured(args: &crate::cli::StructuredArgs) -> Result<Option<crate::structured::Format>> {
    use crate::structured::Format;
    Ok(match (&args.schema, args.json_object, &args.grammar) {
        (Some(s), _, _) => Some(Format::schema(s, args.schema_multi)?),
        (None, true, _) => Some(Format::JsonObject),
        (None, false, Some(path)) => Some(Format::grammar(path)?),
        (None, false, None) => None,
    })
}

/// Reads every `-a`, before anything is sent. Standard input can feed only one of `-a -` and
/// `--messages -`.
fn attachments(
    args: &[String],
    messages_from: Option<&str>,
) -> Result<Vec<crate::attach::Attachment>> {
    let dashes = args.iter().filter(|a| *a == "-").count();
    if dashes > 1 || (dashes == 1 && messages_from == Some("-")) {
        return Err(Failure::usage(
            "standard input can be read once: give `-` to only one of -a and --messages",
        )
        .into());
    }
    args.iter()
        .map(|a| crate::attach::Attachment::load(a, crate::attach::read_stdin))
        .collect()
}

impl Settings {
    /// Resolves and checks the flags of `fw bench`: ranges that clap does not know, before
    /// anything is sent.
    pub fn bench(&self, args: crate::cli::BenchArgs) -> Result<crate::bench::Options> {
        use crate::limits::{MAX_CONCURRENCY, MAX_INPUT_TOKENS};
        let bad = |m: String| -> Result<crate::bench::Options> { Err(Failure::usage(m).into()) };
        if args.concurrency == 0 || args.concurrency > MAX_CONCURRENCY {
            return bad(format!(
                "--concurrency must be between 1 and {MAX_CONCURRENCY}"
            ));
        }
        if args.input_tokens > MAX_INPUT_TOKENS {
            return bad(format!("--input-tokens must be at most {MAX_INPUT_TOKENS}"));
        }
        if !(0.0..=1.0).contains(&args.max_error_rate) {
            return bad("--max-error-rate is a fraction between 0 and 1".into());
        }
        if args.max_tokens == 0 || args.requests == Some(0) {
            return bad("--max-tokens and -n must be at least 1".into());
        }
        if args.cache == crate::bench::CacheMode::Cold
            && args.api == crate::bench::BenchApi::Messages
        {
            return bad(
                "--cache cold sends prompt_cache_max_len, a chat completions field: use it with \
                 --api chat"
                    .into(),
            );
        }
        let slo = crate::bench::slo::parse(&args.slo)?;
        let slo_rule = args
            .assertions
            .iter()
            .find(|a| a.contains("slo_fraction") || a.contains("goodput"));
        if let (Some(rule), true) = (slo_rule, slo.is_empty()) {
            return bad(format!(
                "--assert {rule:?} needs objectives: give --slo, such as --slo 'ttft<=800ms'"
            ));
        }
        Ok(crate::bench::Options {
            slo,
            model: args.model,
            paths: args.paths,
            api: args.api,
            requests: args.requests,
            duration: args.duration,
            concurrency: args.concurrency,
            rate: args.rate,
            sweep: args.sweep.map(|rates| crate::bench::sweep::Spec {
                rates,
                start: args.sweep_start,
                factor: args.sweep_factor,
                steps: args.sweep_steps as usize,
                min_slo: args.sweep_min_slo,
                min_availability: args.sweep_min_availability,
                burst: args.sweep_burst as usize,
            }),
            max_concurrency: args.max_concurrency.map(|n| n as usize),
            arrival: args.arrival,
            warmup: args.warmup,
            max_tokens: args.max_tokens,
            force_len: args.force_len,
            input_tokens: args.input_tokens,
            prompt: args.prompt,
            cache: match args.allow_cache {
                true => crate::bench::CacheMode::Warm,
                false => args.cache,
            },
            affinity: args.affinity,
            reasoning_effort: args.reasoning_effort,
            smoke: args.smoke,
            min_tps: args.min_tps,
            assertions: args.assertions,
            max_error_rate: args.max_error_rate,
            min_samples: args.min_samples,
            max_client_lag: args.max_client_lag,
            json: args.files.json,
            records: args.files.records,
            csv: args.files.csv,
            html: args.files.html,
            log: self.log.enabled && !args.no_log,
        })
    }

    /// Resolves the flags of `fw models`.
    pub fn models(&self, args: crate::cli::ModelsArgs) -> crate::models::Query {
        use crate::models::ListFormat;
        let format = match (args.json, args.format) {
            (true, _) => ListFormat::Json,
            (false, ListFormat::Auto) if self.terminal.stdout_tty => ListFormat::Table,
            (false, ListFormat::Auto) => ListFormat::Tsv,
            (false, f) => f,
        };
        crate::models::Query {
            query: args.query,
            fast: args.fast,
            priority: args.priority,
            account: args.account,
            source: args.source,
            format,
        }
    }

    /// Resolves the flags of `fw bench merge`.
    pub fn merge(&self, args: crate::cli::MergeArgs) -> Result<crate::bench::merge::Request> {
        let slo = crate::bench::slo::parse(&args.slo)?;
        if let Some(rule) = args
            .assertions
            .iter()
            .find(|a| a.contains("slo_fraction") || a.contains("goodput"))
            .filter(|_| slo.is_empty())
        {
            return Err(Failure::usage(format!(
                "--assert {rule:?} needs objectives: give --slo, such as --slo 'ttft<=800ms'"
            ))
            .into());
        }
        Ok(crate::bench::merge::Request {
            inputs: args.inputs,
            assertions: args.assertions,
            slo,
            max_error_rate: args.max_error_rate,
            min_samples: args.min_samples,
            files: crate::bench::export::Files {
                json: args.files.json,
                records: args.files.records,
                csv: args.files.csv,
                html: args.files.html,
            },
        })
    }

    /// Resolves the flags of `fw bench compare`.
    pub fn compare(&self, args: crate::cli::CompareArgs) -> crate::bench::compare::Request {
        crate::bench::compare::Request {
            base: args.base,
            new: args.new,
            fail_if: args.fail_if,
            format: args.format,
            resamples: args.resamples as usize,
            seed: args.seed,
            margin: args.margin / 100.0,
        }
    }

    /// The target of one model on one tier, Fast or not (bench resolves each path so).
    pub fn target_of(&self, model: &str, tier: Tier, fast: bool) -> Result<Target> {
        self.target(&TargetArgs {
            model: Some(model.to_string()),
            tier: Some(tier),
            fast,
        })
    }
}
