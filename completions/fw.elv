
use builtin;
use str;

set edit:completion:arg-completer[fw] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'fw'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'fw'= {
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand chat 'Send a prompt to the OpenAI-compatible chat completions API and stream the answer'
            cand messages 'Send a prompt to the Anthropic-compatible Messages API and stream the answer'
            cand models 'List serverless models and the serving paths each one offers'
            cand bench 'Measure TTFT and tokens/sec per serving path, side by side, with pass/fail for CI'
            cand log 'The local log: recent exchanges, one in full, search, speed and spend per serving path'
            cand config 'Where the config file is, what is resolved and from where, and setting values'
            cand completions 'Print shell completions for SHELL on stdout (bash, zsh, fish, powershell, elvish)'
            cand man 'Print the man page (roff) on stdout: every subcommand and its options on one page'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fw;chat'= {
            cand -m 'Model: a short name (kimi-k2p6), a full model ID or a router ID [config: model] [default: accounts/fireworks/models/kimi-k2p6]'
            cand --model 'Model: a short name (kimi-k2p6), a full model ID or a router ID [config: model] [default: accounts/fireworks/models/kimi-k2p6]'
            cand --tier 'Serving tier: standard sends no service_tier; priority sends "service_tier": "priority"'
            cand -s 'System prompt'
            cand --system 'System prompt'
            cand --messages 'A JSON array of messages (multi-turn input) from FILE, or `-` for standard input'
            cand --max-tokens 'Maximum tokens to generate [default: none sent; the server''s own applies]'
            cand --temperature 'Sampling temperature (0-2)'
            cand --top-p 'Nucleus sampling probability (0-1)'
            cand --top-k 'Sample only from the K most likely tokens (0-100)'
            cand --stop 'Stop sequence (repeatable)'
            cand --reasoning-effort 'Reasoning effort for reasoning models'
            cand -o 'Set any body field: key=value, value parsed as JSON when valid, else a string; applied last'
            cand --option 'Set any body field: key=value, value parsed as JSON when valid, else a string; applied last'
            cand --retries 'Send again after 408, 429, 500, 502, 503, 504 or a failed connection, at most N times, and only before any output [config: retries] [default: 2]'
            cand -a 'Attach an image (png, jpeg, gif, webp) or a UTF-8 text file, an image URL, or `-` for standard input; at most 10 MiB each (repeatable)'
            cand --attach 'Attach an image (png, jpeg, gif, webp) or a UTF-8 text file, an image URL, or `-` for standard input; at most 10 MiB each (repeatable)'
            cand --schema 'Ask for JSON matching SCHEMA (a JSON Schema file, inline JSON, or the compact form ''name str, age int, tags [str]''), check the answer and print it as one compact line; exit 11 when it does not match'
            cand --grammar 'Constrain the answer with the Fireworks GBNF grammar in FILE (chat only; not checked locally)'
            cand --cid 'Continue the conversation with this id (`fw log` and `--json` show it)'
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand --fast 'Use the model''s Fast router (from the serving-path catalogue)'
            cand --schema-multi 'With --schema: ask for an array of such items and print one JSON line per item'
            cand --json-object 'Ask for any JSON object, checked and printed as one compact line; exit 11 otherwise'
            cand -c 'Continue the latest conversation in the local log: its turns are sent before this one (its system prompt too, unless -s is given)'
            cand --continue 'Continue the latest conversation in the local log: its turns are sent before this one (its system prompt too, unless -s is given)'
            cand --no-log 'Do not write this exchange to the local log [config: log] [default: written]'
            cand --no-stream 'Wait for the whole answer instead of streaming it'
            cand --json 'Print one JSON object at the end: content, reasoning, usage, timing, serving path'
            cand --jsonl 'Print one JSON event per line as the answer arrives, then a summary line'
            cand --show-reasoning 'Write reasoning text to stderr even when stderr is not a terminal'
            cand --raw 'On a terminal, write the answer''s control characters as they are, not escaped (\x1b); pipes and files always get the exact bytes'
            cand --stats 'After the answer, print tokens, TTFT, decode tokens/sec and serving path on stderr'
            cand --dry-run 'Print the resolved settings and the exact request, then exit without sending it'
            cand --curl 'Print the equivalent curl command (key as $FIREWORKS_API_KEY), then exit'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fw;messages'= {
            cand -m 'Model: a short name (kimi-k2p6), a full model ID or a router ID [config: model] [default: accounts/fireworks/models/kimi-k2p6]'
            cand --model 'Model: a short name (kimi-k2p6), a full model ID or a router ID [config: model] [default: accounts/fireworks/models/kimi-k2p6]'
            cand --tier 'Serving tier: standard sends no service_tier; priority sends "service_tier": "priority"'
            cand -s 'System prompt'
            cand --system 'System prompt'
            cand --messages 'A JSON array of messages (multi-turn input) from FILE, or `-` for standard input'
            cand --temperature 'Sampling temperature (0-2)'
            cand --top-p 'Nucleus sampling probability (0-1)'
            cand --top-k 'Sample only from the K most likely tokens (0-100)'
            cand --stop 'Stop sequence (repeatable)'
            cand --reasoning-effort 'Reasoning effort for reasoning models'
            cand -o 'Set any body field: key=value, value parsed as JSON when valid, else a string; applied last'
            cand --option 'Set any body field: key=value, value parsed as JSON when valid, else a string; applied last'
            cand --retries 'Send again after 408, 429, 500, 502, 503, 504 or a failed connection, at most N times, and only before any output [config: retries] [default: 2]'
            cand -a 'Attach an image (png, jpeg, gif, webp) or a UTF-8 text file, an image URL, or `-` for standard input; at most 10 MiB each (repeatable)'
            cand --attach 'Attach an image (png, jpeg, gif, webp) or a UTF-8 text file, an image URL, or `-` for standard input; at most 10 MiB each (repeatable)'
            cand --schema 'Ask for JSON matching SCHEMA (a JSON Schema file, inline JSON, or the compact form ''name str, age int, tags [str]''), check the answer and print it as one compact line; exit 11 when it does not match'
            cand --thinking 'Extended thinking with this token budget (at least 1024, below --max-tokens)'
            cand --cid 'Continue the conversation with this id (`fw log` and `--json` show it)'
            cand --max-tokens 'Maximum tokens to generate [default: 2048, plus the --thinking budget]'
            cand --grammar 'Constrain the answer with the Fireworks GBNF grammar in FILE (chat only; not checked locally)'
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand --fast 'Use the model''s Fast router (from the serving-path catalogue)'
            cand --schema-multi 'With --schema: ask for an array of such items and print one JSON line per item'
            cand --json-object 'Ask for any JSON object, checked and printed as one compact line; exit 11 otherwise'
            cand -c 'Continue the latest conversation in the local log: its turns are sent before this one (its system prompt too, unless -s is given)'
            cand --continue 'Continue the latest conversation in the local log: its turns are sent before this one (its system prompt too, unless -s is given)'
            cand --no-log 'Do not write this exchange to the local log [config: log] [default: written]'
            cand --no-stream 'Wait for the whole answer instead of streaming it'
            cand --json 'Print one JSON object at the end: content, reasoning, usage, timing, serving path'
            cand --jsonl 'Print one JSON event per line as the answer arrives, then a summary line'
            cand --show-reasoning 'Write reasoning text to stderr even when stderr is not a terminal'
            cand --raw 'On a terminal, write the answer''s control characters as they are, not escaped (\x1b); pipes and files always get the exact bytes'
            cand --stats 'After the answer, print tokens, TTFT, decode tokens/sec and serving path on stderr'
            cand --dry-run 'Print the resolved settings and the exact request, then exit without sending it'
            cand --curl 'Print the equivalent curl command (key as $FIREWORKS_API_KEY), then exit'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fw;models'= {
            cand --account 'Account whose serverless models to list'
            cand --source 'Where the list comes from: the control plane, the OpenAI-style {base}/models, or the control plane with {base}/models as a fallback when it cannot be reached'
            cand --format 'Output: a table on a terminal and tab-separated lines when piped (auto), or as named'
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand --fast 'Only models with a Fast router'
            cand --priority 'Only models the catalogue lists with Priority'
            cand --json 'Same as --format json: an array of objects (one object for a single model)'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fw;bench'= {
            cand -m 'Model (short name or full ID): each path''s model ID derives from it [config: model] [default: accounts/fireworks/models/kimi-k2p6]'
            cand --model 'Model (short name or full ID): each path''s model ID derives from it [config: model] [default: accounts/fireworks/models/kimi-k2p6]'
            cand --paths 'Serving paths to measure, comma-separated: standard, priority, fast'
            cand --api 'Which API to measure'
            cand -n 'Measured requests per path [default: 30; with --duration, as many as fit]'
            cand --requests 'Measured requests per path [default: 30; with --duration, as many as fit]'
            cand --duration 'Stop starting new requests after this many seconds'
            cand -c 'Closed loop: this many requests in flight at once (across all paths)'
            cand --concurrency 'Closed loop: this many requests in flight at once (across all paths)'
            cand --rate 'Open loop: start this many requests per second per path, whatever is in flight'
            cand --max-concurrency 'Open loop: at most this many requests in flight across all paths; an arrival past the cap waits, and its wait shows as send lag'
            cand --arrival 'Arrivals in open loop: evenly spaced (constant) or random (poisson)'
            cand --sweep 'Open loop at increasing rates per path, each step -n requests per path (or --duration seconds) with every path interleaved: a list such as 1,2,4,8, or auto (a ramp that ends when every path misses the stop levels); any sweep ends on a burst of 429s'
            cand --sweep-start '--sweep auto: the first rate, requests per second per path'
            cand --sweep-factor '--sweep auto: multiply the rate by this at each step (above 1, at most 10)'
            cand --sweep-steps '--sweep auto: run at most this many steps'
            cand --sweep-min-slo '--sweep: a path holds a step with at least this fraction of its requests meeting the --slo objectives'
            cand --sweep-min-availability '--sweep: a path holds a step with at least this availability'
            cand --sweep-burst '--sweep: this many 429s in a row on one path end the sweep (rate limits, not the path)'
            cand --warmup 'Requests per path before measuring, excluded from the statistics [default: 3, or enough for every concurrent request to have opened its connection]'
            cand --max-tokens 'Tokens to generate per request'
            cand --input-tokens 'Approximate length of the synthetic prompt, in tokens'
            cand --prompt 'Use this prompt instead of a synthetic one (still given a unique prefix)'
            cand --cache 'Prompt cache: unique (a prefix no other request shares), cold (that, and the server told to cache nothing: prompt_cache_max_len 0), warm (every request the same prompt)'
            cand --reasoning-effort 'Reasoning effort for reasoning models'
            cand --min-tps 'Fail unless decode_tps p50 is at least this (on fast if measured, else on each path)'
            cand --assert 'A threshold such as ''fast.decode_tps.p50>=100'' or ''priority.availability>=0.99'' (repeatable)'
            cand --slo 'Per-request objectives, such as ''ttft<=800ms,decode_tps>=100'' (repeatable): each path reports the fraction of requests meeting all of them and its goodput (requests/s), both assertable as PATH.slo_fraction and PATH.goodput'
            cand --max-error-rate 'Largest fraction of failed requests (other than 503 and 429) for a valid run'
            cand --min-samples 'Fewest successful requests an asserted path needs for a valid run'
            cand --max-client-lag 'Largest p99 scheduling lag of the client itself, in ms, for a valid run'
            cand --json 'Write the report as JSON (schema: docs/bench-schema.json) to FILE, or `-` for stdout'
            cand --records 'Write one JSON line per request to FILE'
            cand --csv 'Write one CSV row per path to FILE'
            cand --html 'Write the report as one self-contained HTML page of charts to FILE (no network needed to view it)'
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand --force-len 'Ask the server to generate exactly --max-tokens (sends min_tokens and ignore_eos)'
            cand --allow-cache 'Do not give each prompt a unique prefix (lets the prompt cache serve repeats); the same as --cache warm'
            cand --affinity 'Send every request of a path with one x-session-affinity key, so they reach one replica and no path measures cache luck'
            cand --smoke 'One minimal request per path and a one-line result each: the CI availability check'
            cand --no-log 'Do not keep this run in the local log [config: log] [default: kept]'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand compare 'Compare two runs'' per-request records, per path and metric, with a confidence interval'
            cand merge 'Combine the per-request records of runs from several machines into one report'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fw;bench;compare'= {
            cand --fail-if 'Exit 9 when a clear change satisfies this, such as ''fast.decode_tps.p50 < -10%'' (repeatable)'
            cand --format 'Output format'
            cand --resamples 'Bootstrap resamples'
            cand --seed 'Seed of the bootstrap''s generator: the same inputs and seed give the same intervals'
            cand --margin 'A change is clear only when its whole interval lies beyond this percentage of the base median'
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fw;bench;merge'= {
            cand --assert 'A threshold such as ''fast.decode_tps.p50>=100'' (repeatable)'
            cand --slo 'Per-request objectives, such as ''ttft<=800ms,decode_tps>=100'' (repeatable)'
            cand --max-error-rate 'Largest fraction of failed requests (other than 503 and 429) for a valid run'
            cand --min-samples 'Fewest successful requests an asserted path needs for a valid run'
            cand --json 'Write the report as JSON (schema: docs/bench-schema.json) to FILE, or `-` for stdout'
            cand --records 'Write one JSON line per request to FILE'
            cand --csv 'Write one CSV row per path to FILE'
            cand --html 'Write the report as one self-contained HTML page of charts to FILE (no network needed to view it)'
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fw;bench;help'= {
            cand compare 'Compare two runs'' per-request records, per path and metric, with a confidence interval'
            cand merge 'Combine the per-request records of runs from several machines into one report'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fw;bench;help;compare'= {
        }
        &'fw;bench;help;merge'= {
        }
        &'fw;bench;help;help'= {
        }
        &'fw;log'= {
            cand -n 'How many exchanges, newest first'
            cand --count 'How many exchanges, newest first'
            cand --since 'Only those since an age (30m, 12h, 7d, 2w) or a date (2026-11-30)'
            cand --cid 'Only the exchanges of this conversation'
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand --json 'An array of the logged records'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand path 'Print the log''s database file (after moving waiting exchanges into it)'
            cand show 'One exchange in full: the messages sent, the answer, usage, timing and outcome'
            cand search 'Full-text search over prompts, answers and system prompts, best match first'
            cand stats 'Requests, failures by class, tokens, estimated cost, TTFT and decode speed per group'
            cand rm 'Remove exchanges by id, or every exchange and bench run before a date'
            cand export 'Every exchange and bench run as JSON lines, oldest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fw;log;path'= {
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fw;log;show'= {
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand --json 'The logged record as JSON'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fw;log;search'= {
            cand -n 'How many exchanges, newest first'
            cand --count 'How many exchanges, newest first'
            cand --since 'Only those since an age (30m, 12h, 7d, 2w) or a date (2026-11-30)'
            cand --cid 'Only the exchanges of this conversation'
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand --json 'An array of the logged records'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fw;log;stats'= {
            cand --since 'Only exchanges (or runs) since an age (30m, 12h, 7d, 2w) or a date'
            cand --by 'Group by serving path, model ID or day (UTC)'
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand --bench 'fw bench runs instead: per run and serving path, availability, TTFT and decode speed'
            cand --json 'An array of objects'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fw;log;rm'= {
            cand --before 'Everything before this date (2026-11-30) or age (30d)'
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fw;log;export'= {
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand --jsonl 'JSON lines (the one format)'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fw;log;help'= {
            cand path 'Print the log''s database file (after moving waiting exchanges into it)'
            cand show 'One exchange in full: the messages sent, the answer, usage, timing and outcome'
            cand search 'Full-text search over prompts, answers and system prompts, best match first'
            cand stats 'Requests, failures by class, tokens, estimated cost, TTFT and decode speed per group'
            cand rm 'Remove exchanges by id, or every exchange and bench run before a date'
            cand export 'Every exchange and bench run as JSON lines, oldest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fw;log;help;path'= {
        }
        &'fw;log;help;show'= {
        }
        &'fw;log;help;search'= {
        }
        &'fw;log;help;stats'= {
        }
        &'fw;log;help;rm'= {
        }
        &'fw;log;help;export'= {
        }
        &'fw;log;help;help'= {
        }
        &'fw;config'= {
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand path 'Print the path of the config file fw reads (whether or not it exists)'
            cand show 'Show every resolved setting and where it came from (flag, env, config file, default)'
            cand set 'Set KEY to VALUE in the config file (in [profile.NAME] with --profile); `api_key` takes `-` and reads the key from standard input, so it stays out of shell history'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fw;config;path'= {
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fw;config;show'= {
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand --json 'As one JSON object'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fw;config;set'= {
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fw;config;help'= {
            cand path 'Print the path of the config file fw reads (whether or not it exists)'
            cand show 'Show every resolved setting and where it came from (flag, env, config file, default)'
            cand set 'Set KEY to VALUE in the config file (in [profile.NAME] with --profile); `api_key` takes `-` and reads the key from standard input, so it stays out of shell history'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fw;config;help;path'= {
        }
        &'fw;config;help;show'= {
        }
        &'fw;config;help;set'= {
        }
        &'fw;config;help;help'= {
        }
        &'fw;completions'= {
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fw;man'= {
            cand --config 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]'
            cand --profile 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]'
            cand --base-url 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]'
            cand --control-url 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]'
            cand --timeout 'Whole-request time limit in seconds [config: timeout] [default: none]'
            cand --connect-timeout 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]'
            cand --idle-timeout 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]'
            cand --color 'When to use colour on stderr'
            cand -v 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand --verbose 'Show the HTTP status, request id and Fireworks headers on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fw;help'= {
            cand chat 'Send a prompt to the OpenAI-compatible chat completions API and stream the answer'
            cand messages 'Send a prompt to the Anthropic-compatible Messages API and stream the answer'
            cand models 'List serverless models and the serving paths each one offers'
            cand bench 'Measure TTFT and tokens/sec per serving path, side by side, with pass/fail for CI'
            cand log 'The local log: recent exchanges, one in full, search, speed and spend per serving path'
            cand config 'Where the config file is, what is resolved and from where, and setting values'
            cand completions 'Print shell completions for SHELL on stdout (bash, zsh, fish, powershell, elvish)'
            cand man 'Print the man page (roff) on stdout: every subcommand and its options on one page'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fw;help;chat'= {
        }
        &'fw;help;messages'= {
        }
        &'fw;help;models'= {
        }
        &'fw;help;bench'= {
            cand compare 'Compare two runs'' per-request records, per path and metric, with a confidence interval'
            cand merge 'Combine the per-request records of runs from several machines into one report'
        }
        &'fw;help;bench;compare'= {
        }
        &'fw;help;bench;merge'= {
        }
        &'fw;help;log'= {
            cand path 'Print the log''s database file (after moving waiting exchanges into it)'
            cand show 'One exchange in full: the messages sent, the answer, usage, timing and outcome'
            cand search 'Full-text search over prompts, answers and system prompts, best match first'
            cand stats 'Requests, failures by class, tokens, estimated cost, TTFT and decode speed per group'
            cand rm 'Remove exchanges by id, or every exchange and bench run before a date'
            cand export 'Every exchange and bench run as JSON lines, oldest first'
        }
        &'fw;help;log;path'= {
        }
        &'fw;help;log;show'= {
        }
        &'fw;help;log;search'= {
        }
        &'fw;help;log;stats'= {
        }
        &'fw;help;log;rm'= {
        }
        &'fw;help;log;export'= {
        }
        &'fw;help;config'= {
            cand path 'Print the path of the config file fw reads (whether or not it exists)'
            cand show 'Show every resolved setting and where it came from (flag, env, config file, default)'
            cand set 'Set KEY to VALUE in the config file (in [profile.NAME] with --profile); `api_key` takes `-` and reads the key from standard input, so it stays out of shell history'
        }
        &'fw;help;config;path'= {
        }
        &'fw;help;config;show'= {
        }
        &'fw;help;config;set'= {
        }
        &'fw;help;completions'= {
        }
        &'fw;help;man'= {
        }
        &'fw;help;help'= {
        }
    ]
    $completions[$command]
}
