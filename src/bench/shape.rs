//! What each bench request carries: the body for the API measured (streaming, the path's model
//! and tier, `min_tokens` and `ignore_eos` under `--force-len`, perf metrics on chat), a
//! synthetic prompt of about the asked length, and a prefix no other request shares so the
//! prompt cache cannot flatter TTFT. Building a request is a pure function of these.

use std::sync::Arc;

use serde_json::json;

use super::runner::MakeRequest;
use super::Options;
use super::{BenchApi, CacheMode};
use crate::api::chat::{self, ChatParams};
use crate::api::messages::{self, MessagesParams};
use crate::api::request::Request;
use crate::api::Common;
use crate::input::ReasoningEffort;
use crate::serving::ServingPath;
use crate::settings::Settings;

/// What one bench request is built from.
#[derive(Clone)]
pub struct Shape {
    pub api: BenchApi,
    chat_url: String,
    messages_url: String,
    pub max_tokens: u64,
    force_len: bool,
    effort: Option<ReasoningEffort>,
}

impl Shape {
    pub fn new(settings: &Settings, args: &Options) -> Shape {
        Shape {
            api: args.api,
            chat_url: settings.url("chat/completions"),
            messages_url: settings.url("messages"),
            max_tokens: args.max_tokens,
            force_len: args.force_len,
            effort: args.reasoning_effort,
        }
    }

    pub fn request(
        &self,
        path: &ServingPath,
        prompt: String,
        max_tokens: u64,
        force: bool,
    ) -> Request {
        let mut options = Vec::new();
        if force {
            options.push(("min_tokens".to_string(), json!(max_tokens)));
            options.push(("ignore_eos".to_string(), json!(true)));
        }
        if self.api == BenchApi::Chat {
            options.push(("perf_metrics_in_response".to_string(), json!(true)));
        }
        let common = Common {
            model: path.model.clone(),
            messages: vec![json!({"role": "user", "content": prompt})],
            reasoning_effort: self.effort.map(|e| e.as_str()),
            service_tier: path.service_tier,
            stream: true,
            options,
            ..Common::default()
        };
        match self.api {
            BenchApi::Chat => Request::post_json(
                self.chat_url.clone(),
                chat::body(&ChatParams {
                    common,
                    max_tokens: Some(max_tokens),
                    ..ChatParams::default()
                }),
            ),
            BenchApi::Messages => Request::post_json(
                self.messages_url.clone(),
                messages::body(&MessagesParams {
                    common,
                    system: None,
                    max_tokens,
                    thinking: None,
                    ..MessagesParams::default()
                }),
            ),
        }
    }

    /// The measured requests: for (path index, sequence number), the base prompt (`--prompt`
    /// or a synthetic one) behind a prefix unique to the run, path and number, unless the
    /// cache may be warm; with `prompt_cache_max_len: 0` when it must be cold; with one
    /// `x-session-affinity` key per path and run when `affinity`.
    pub fn measured(
        &self,
        offered: Vec<(&'static str, ServingPath)>,
        base: String,
        cache: CacheMode,
        affinity: bool,
        run_id: u64,
    ) -> MakeRequest {
        let shape = self.clone();
        Arc::new(move |i: usize, seq: usize| {
            let (name, path) = &offered[i];
            let prompt = match cache {
                CacheMode::Warm => base.clone(),
                _ => format!("{}{base}", unique_prefix(run_id, name, seq)),
            };
            let mut req = shape.request(path, prompt, shape.max_tokens, shape.force_len);
            if cache == CacheMode::Cold {
                if let Some(body) = req.body.as_object_mut() {
                    body.insert("prompt_cache_max_len".into(), json!(0));
                }
            }
            if affinity {
                req.headers
                    .push(("x-session-affinity", format!("fw-bench-{run_id:x}-{name}")));
            }
            req
        })
    }
}

/// Filler words for synthetic prompts: common short English words, about one token each in
/// the usual tokenizers.
const WORDS: [&str; 16] = [
    "the", "river", "stone", "light", "over", "quiet", "town", "and", "green", "hill", "under",
    "a", "long", "road", "with", "birds",
];

/// A prompt of about `tokens` tokens asking for a long answer. The server's usage gives the
/// exact count.
pub fn synthetic_prompt(tokens: usize) -> String {
    let ask = "Write a long, detailed story that continues the following text without stopping:";
    let mut s = String::from(ask);
    let fill = tokens.saturating_sub(16);
    for i in 0..fill {
        s.push(' ');
        s.push_str(WORDS[(i * 7 + i / 16) % WORDS.len()]);
    }
    s
}

/// A prefix no other request of any run shares, so the prompt cache cannot serve it.
pub fn unique_prefix(run: u64, path: &str, seq: usize) -> String {
    format!("[fw-bench {run:x} {path} {seq}] ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompt_length_tracks_the_ask() {
        let words = |s: &str| s.split_whitespace().count();
        assert_eq!(words(&synthetic_prompt(128)), 12 + 112);
        assert_eq!(words(&synthetic_prompt(1)), 12);
        assert_ne!(unique_prefix(1, "fast", 2), unique_prefix(1, "fast", 3));
    }
}
