# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_fw_global_optspecs
    string join \n config= profile= base-url= control-url= timeout= connect-timeout= idle-timeout= color= v/verbose h/help V/version
end

function __fish_fw_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_fw_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_fw_using_subcommand
    set -l cmd (__fish_fw_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c fw -n "__fish_fw_needs_command" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_needs_command" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_needs_command" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_needs_command" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_needs_command" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_needs_command" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_needs_command" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_needs_command" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_needs_command" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c fw -n "__fish_fw_needs_command" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_needs_command" -f -a "chat" -d 'Send a prompt to the OpenAI-compatible chat completions API and stream the answer'
complete -c fw -n "__fish_fw_needs_command" -f -a "messages" -d 'Send a prompt to the Anthropic-compatible Messages API and stream the answer'
complete -c fw -n "__fish_fw_needs_command" -f -a "models" -d 'List serverless models and the serving paths each one offers'
complete -c fw -n "__fish_fw_needs_command" -f -a "bench" -d 'Measure TTFT and tokens/sec per serving path, side by side, with pass/fail for CI'
complete -c fw -n "__fish_fw_needs_command" -f -a "log" -d 'The local log: recent exchanges, one in full, search, speed and spend per serving path'
complete -c fw -n "__fish_fw_needs_command" -f -a "config" -d 'Where the config file is, what is resolved and from where, and setting values'
complete -c fw -n "__fish_fw_needs_command" -f -a "completions" -d 'Print shell completions for SHELL on stdout (bash, zsh, fish, powershell, elvish)'
complete -c fw -n "__fish_fw_needs_command" -f -a "man" -d 'Print the man page (roff) on stdout: every subcommand and its options on one page'
complete -c fw -n "__fish_fw_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fw -n "__fish_fw_using_subcommand chat" -s m -l model -d 'Model: a short name (kimi-k2p6), a full model ID or a router ID [config: model] [default: accounts/fireworks/models/kimi-k2p6]' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l tier -d 'Serving tier: standard sends no service_tier; priority sends "service_tier": "priority"' -r -f -a "standard\t''
priority\t''"
complete -c fw -n "__fish_fw_using_subcommand chat" -s s -l system -d 'System prompt' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l messages -d 'A JSON array of messages (multi-turn input) from FILE, or `-` for standard input' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l max-tokens -d 'Maximum tokens to generate [default: none sent; the server\'s own applies]' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l temperature -d 'Sampling temperature (0-2)' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l top-p -d 'Nucleus sampling probability (0-1)' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l top-k -d 'Sample only from the K most likely tokens (0-100)' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l stop -d 'Stop sequence (repeatable)' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l reasoning-effort -d 'Reasoning effort for reasoning models' -r -f -a "none\t''
low\t''
medium\t''
high\t''
max\t''"
complete -c fw -n "__fish_fw_using_subcommand chat" -s o -l option -d 'Set any body field: key=value, value parsed as JSON when valid, else a string; applied last' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l retries -d 'Send again after 408, 429, 500, 502, 503, 504 or a failed connection, at most N times, and only before any output [config: retries] [default: 2]' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -s a -l attach -d 'Attach an image (png, jpeg, gif, webp) or a UTF-8 text file, an image URL, or `-` for standard input; at most 10 MiB each (repeatable)' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l schema -d 'Ask for JSON matching SCHEMA (a JSON Schema file, inline JSON, or the compact form \'name str, age int, tags [str]\'), check the answer and print it as one compact line; exit 11 when it does not match' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l grammar -d 'Constrain the answer with the Fireworks GBNF grammar in FILE (chat only; not checked locally)' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l cid -d 'Continue the conversation with this id (`fw log` and `--json` show it)' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand chat" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand chat" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand chat" -l fast -d 'Use the model\'s Fast router (from the serving-path catalogue)'
complete -c fw -n "__fish_fw_using_subcommand chat" -l schema-multi -d 'With --schema: ask for an array of such items and print one JSON line per item'
complete -c fw -n "__fish_fw_using_subcommand chat" -l json-object -d 'Ask for any JSON object, checked and printed as one compact line; exit 11 otherwise'
complete -c fw -n "__fish_fw_using_subcommand chat" -s c -l continue -d 'Continue the latest conversation in the local log: its turns are sent before this one (its system prompt too, unless -s is given)'
complete -c fw -n "__fish_fw_using_subcommand chat" -l no-log -d 'Do not write this exchange to the local log [config: log] [default: written]'
complete -c fw -n "__fish_fw_using_subcommand chat" -l no-stream -d 'Wait for the whole answer instead of streaming it'
complete -c fw -n "__fish_fw_using_subcommand chat" -l json -d 'Print one JSON object at the end: content, reasoning, usage, timing, serving path'
complete -c fw -n "__fish_fw_using_subcommand chat" -l jsonl -d 'Print one JSON event per line as the answer arrives, then a summary line'
complete -c fw -n "__fish_fw_using_subcommand chat" -l show-reasoning -d 'Write reasoning text to stderr even when stderr is not a terminal'
complete -c fw -n "__fish_fw_using_subcommand chat" -l raw -d 'On a terminal, write the answer\'s control characters as they are, not escaped (\\x1b); pipes and files always get the exact bytes'
complete -c fw -n "__fish_fw_using_subcommand chat" -l stats -d 'After the answer, print tokens, TTFT, decode tokens/sec and serving path on stderr'
complete -c fw -n "__fish_fw_using_subcommand chat" -l dry-run -d 'Print the resolved settings and the exact request, then exit without sending it'
complete -c fw -n "__fish_fw_using_subcommand chat" -l curl -d 'Print the equivalent curl command (key as $FIREWORKS_API_KEY), then exit'
complete -c fw -n "__fish_fw_using_subcommand chat" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand chat" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c fw -n "__fish_fw_using_subcommand chat" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand messages" -s m -l model -d 'Model: a short name (kimi-k2p6), a full model ID or a router ID [config: model] [default: accounts/fireworks/models/kimi-k2p6]' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l tier -d 'Serving tier: standard sends no service_tier; priority sends "service_tier": "priority"' -r -f -a "standard\t''
priority\t''"
complete -c fw -n "__fish_fw_using_subcommand messages" -s s -l system -d 'System prompt' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l messages -d 'A JSON array of messages (multi-turn input) from FILE, or `-` for standard input' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l temperature -d 'Sampling temperature (0-2)' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l top-p -d 'Nucleus sampling probability (0-1)' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l top-k -d 'Sample only from the K most likely tokens (0-100)' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l stop -d 'Stop sequence (repeatable)' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l reasoning-effort -d 'Reasoning effort for reasoning models' -r -f -a "none\t''
low\t''
medium\t''
high\t''
max\t''"
complete -c fw -n "__fish_fw_using_subcommand messages" -s o -l option -d 'Set any body field: key=value, value parsed as JSON when valid, else a string; applied last' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l retries -d 'Send again after 408, 429, 500, 502, 503, 504 or a failed connection, at most N times, and only before any output [config: retries] [default: 2]' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -s a -l attach -d 'Attach an image (png, jpeg, gif, webp) or a UTF-8 text file, an image URL, or `-` for standard input; at most 10 MiB each (repeatable)' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l schema -d 'Ask for JSON matching SCHEMA (a JSON Schema file, inline JSON, or the compact form \'name str, age int, tags [str]\'), check the answer and print it as one compact line; exit 11 when it does not match' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l thinking -d 'Extended thinking with this token budget (at least 1024, below --max-tokens)' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l cid -d 'Continue the conversation with this id (`fw log` and `--json` show it)' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l max-tokens -d 'Maximum tokens to generate [default: 2048, plus the --thinking budget]' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l grammar -d 'Constrain the answer with the Fireworks GBNF grammar in FILE (chat only; not checked locally)' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand messages" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand messages" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand messages" -l fast -d 'Use the model\'s Fast router (from the serving-path catalogue)'
complete -c fw -n "__fish_fw_using_subcommand messages" -l schema-multi -d 'With --schema: ask for an array of such items and print one JSON line per item'
complete -c fw -n "__fish_fw_using_subcommand messages" -l json-object -d 'Ask for any JSON object, checked and printed as one compact line; exit 11 otherwise'
complete -c fw -n "__fish_fw_using_subcommand messages" -s c -l continue -d 'Continue the latest conversation in the local log: its turns are sent before this one (its system prompt too, unless -s is given)'
complete -c fw -n "__fish_fw_using_subcommand messages" -l no-log -d 'Do not write this exchange to the local log [config: log] [default: written]'
complete -c fw -n "__fish_fw_using_subcommand messages" -l no-stream -d 'Wait for the whole answer instead of streaming it'
complete -c fw -n "__fish_fw_using_subcommand messages" -l json -d 'Print one JSON object at the end: content, reasoning, usage, timing, serving path'
complete -c fw -n "__fish_fw_using_subcommand messages" -l jsonl -d 'Print one JSON event per line as the answer arrives, then a summary line'
complete -c fw -n "__fish_fw_using_subcommand messages" -l show-reasoning -d 'Write reasoning text to stderr even when stderr is not a terminal'
complete -c fw -n "__fish_fw_using_subcommand messages" -l raw -d 'On a terminal, write the answer\'s control characters as they are, not escaped (\\x1b); pipes and files always get the exact bytes'
complete -c fw -n "__fish_fw_using_subcommand messages" -l stats -d 'After the answer, print tokens, TTFT, decode tokens/sec and serving path on stderr'
complete -c fw -n "__fish_fw_using_subcommand messages" -l dry-run -d 'Print the resolved settings and the exact request, then exit without sending it'
complete -c fw -n "__fish_fw_using_subcommand messages" -l curl -d 'Print the equivalent curl command (key as $FIREWORKS_API_KEY), then exit'
complete -c fw -n "__fish_fw_using_subcommand messages" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand messages" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c fw -n "__fish_fw_using_subcommand messages" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand models" -l account -d 'Account whose serverless models to list' -r
complete -c fw -n "__fish_fw_using_subcommand models" -l source -d 'Where the list comes from: the control plane, the OpenAI-style {base}/models, or the control plane with {base}/models as a fallback when it cannot be reached' -r -f -a "auto\t''
control\t''
openai\t''"
complete -c fw -n "__fish_fw_using_subcommand models" -l format -d 'Output: a table on a terminal and tab-separated lines when piped (auto), or as named' -r -f -a "auto\t''
table\t''
tsv\t''
json\t''"
complete -c fw -n "__fish_fw_using_subcommand models" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand models" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand models" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand models" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand models" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand models" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand models" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand models" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand models" -l fast -d 'Only models with a Fast router'
complete -c fw -n "__fish_fw_using_subcommand models" -l priority -d 'Only models the catalogue lists with Priority'
complete -c fw -n "__fish_fw_using_subcommand models" -l json -d 'Same as --format json: an array of objects (one object for a single model)'
complete -c fw -n "__fish_fw_using_subcommand models" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand models" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c fw -n "__fish_fw_using_subcommand models" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -s m -l model -d 'Model (short name or full ID): each path\'s model ID derives from it [config: model] [default: accounts/fireworks/models/kimi-k2p6]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l paths -d 'Serving paths to measure, comma-separated: standard, priority, fast' -r -f -a "standard\t''
priority\t''
fast\t''"
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l api -d 'Which API to measure' -r -f -a "chat\t''
messages\t''"
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -s n -l requests -d 'Measured requests per path [default: 30; with --duration, as many as fit]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l duration -d 'Stop starting new requests after this many seconds' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -s c -l concurrency -d 'Closed loop: this many requests in flight at once (across all paths)' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l rate -d 'Open loop: start this many requests per second per path, whatever is in flight' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l max-concurrency -d 'Open loop: at most this many requests in flight across all paths; an arrival past the cap waits, and its wait shows as send lag' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l arrival -d 'Arrivals in open loop: evenly spaced (constant) or random (poisson)' -r -f -a "constant\t''
poisson\t''"
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l sweep -d 'Open loop at increasing rates per path, each step -n requests per path (or --duration seconds) with every path interleaved: a list such as 1,2,4,8, or auto (a ramp that ends when every path misses the stop levels); any sweep ends on a burst of 429s' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l sweep-start -d '--sweep auto: the first rate, requests per second per path' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l sweep-factor -d '--sweep auto: multiply the rate by this at each step (above 1, at most 10)' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l sweep-steps -d '--sweep auto: run at most this many steps' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l sweep-min-slo -d '--sweep: a path holds a step with at least this fraction of its requests meeting the --slo objectives' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l sweep-min-availability -d '--sweep: a path holds a step with at least this availability' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l sweep-burst -d '--sweep: this many 429s in a row on one path end the sweep (rate limits, not the path)' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l warmup -d 'Requests per path before measuring, excluded from the statistics [default: 3, or enough for every concurrent request to have opened its connection]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l max-tokens -d 'Tokens to generate per request' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l input-tokens -d 'Approximate length of the synthetic prompt, in tokens' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l prompt -d 'Use this prompt instead of a synthetic one (still given a unique prefix)' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l cache -d 'Prompt cache: unique (a prefix no other request shares), cold (that, and the server told to cache nothing: prompt_cache_max_len 0), warm (every request the same prompt)' -r -f -a "unique\t'A prefix no other request shares: the cache cannot serve a repeat'
cold\t'That, and `prompt_cache_max_len: 0`: the server caches nothing'
warm\t'Every request the same prompt: the cache serves what it can'"
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l reasoning-effort -d 'Reasoning effort for reasoning models' -r -f -a "none\t''
low\t''
medium\t''
high\t''
max\t''"
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l min-tps -d 'Fail unless decode_tps p50 is at least this (on fast if measured, else on each path)' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l assert -d 'A threshold such as \'fast.decode_tps.p50>=100\' or \'priority.availability>=0.99\' (repeatable)' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l slo -d 'Per-request objectives, such as \'ttft<=800ms,decode_tps>=100\' (repeatable): each path reports the fraction of requests meeting all of them and its goodput (requests/s), both assertable as PATH.slo_fraction and PATH.goodput' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l max-error-rate -d 'Largest fraction of failed requests (other than 503 and 429) for a valid run' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l min-samples -d 'Fewest successful requests an asserted path needs for a valid run' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l max-client-lag -d 'Largest p99 scheduling lag of the client itself, in ms, for a valid run' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l json -d 'Write the report as JSON (schema: docs/bench-schema.json) to FILE, or `-` for stdout' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l records -d 'Write one JSON line per request to FILE' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l csv -d 'Write one CSV row per path to FILE' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l html -d 'Write the report as one self-contained HTML page of charts to FILE (no network needed to view it)' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l force-len -d 'Ask the server to generate exactly --max-tokens (sends min_tokens and ignore_eos)'
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l allow-cache -d 'Do not give each prompt a unique prefix (lets the prompt cache serve repeats); the same as --cache warm'
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l affinity -d 'Send every request of a path with one x-session-affinity key, so they reach one replica and no path measures cache luck'
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l smoke -d 'One minimal request per path and a one-line result each: the CI availability check'
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -l no-log -d 'Do not keep this run in the local log [config: log] [default: kept]'
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -f -a "compare" -d 'Compare two runs\' per-request records, per path and metric, with a confidence interval'
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -f -a "merge" -d 'Combine the per-request records of runs from several machines into one report'
complete -c fw -n "__fish_fw_using_subcommand bench; and not __fish_seen_subcommand_from compare merge help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from compare" -l fail-if -d 'Exit 9 when a clear change satisfies this, such as \'fast.decode_tps.p50 < -10%\' (repeatable)' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from compare" -l format -d 'Output format' -r -f -a "text\t''
markdown\t''
json\t''"
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from compare" -l resamples -d 'Bootstrap resamples' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from compare" -l seed -d 'Seed of the bootstrap\'s generator: the same inputs and seed give the same intervals' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from compare" -l margin -d 'A change is clear only when its whole interval lies beyond this percentage of the base median' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from compare" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from compare" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from compare" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from compare" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from compare" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from compare" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from compare" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from compare" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from compare" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from compare" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from compare" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -l assert -d 'A threshold such as \'fast.decode_tps.p50>=100\' (repeatable)' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -l slo -d 'Per-request objectives, such as \'ttft<=800ms,decode_tps>=100\' (repeatable)' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -l max-error-rate -d 'Largest fraction of failed requests (other than 503 and 429) for a valid run' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -l min-samples -d 'Fewest successful requests an asserted path needs for a valid run' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -l json -d 'Write the report as JSON (schema: docs/bench-schema.json) to FILE, or `-` for stdout' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -l records -d 'Write one JSON line per request to FILE' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -l csv -d 'Write one CSV row per path to FILE' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -l html -d 'Write the report as one self-contained HTML page of charts to FILE (no network needed to view it)' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from merge" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "compare" -d 'Compare two runs\' per-request records, per path and metric, with a confidence interval'
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "merge" -d 'Combine the per-request records of runs from several machines into one report'
complete -c fw -n "__fish_fw_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -s n -l count -d 'How many exchanges, newest first' -r
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -l since -d 'Only those since an age (30m, 12h, 7d, 2w) or a date (2026-11-30)' -r
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -l cid -d 'Only the exchanges of this conversation' -r
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -l json -d 'An array of the logged records'
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -f -a "path" -d 'Print the log\'s database file (after moving waiting exchanges into it)'
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -f -a "show" -d 'One exchange in full: the messages sent, the answer, usage, timing and outcome'
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -f -a "search" -d 'Full-text search over prompts, answers and system prompts, best match first'
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -f -a "stats" -d 'Requests, failures by class, tokens, estimated cost, TTFT and decode speed per group'
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -f -a "rm" -d 'Remove exchanges by id, or every exchange and bench run before a date'
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -f -a "export" -d 'Every exchange and bench run as JSON lines, oldest first'
complete -c fw -n "__fish_fw_using_subcommand log; and not __fish_seen_subcommand_from path show search stats rm export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from path" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from path" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from path" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from path" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from path" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from path" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from path" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from path" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from show" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from show" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from show" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from show" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from show" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from show" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from show" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from show" -l json -d 'The logged record as JSON'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from search" -s n -l count -d 'How many exchanges, newest first' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from search" -l since -d 'Only those since an age (30m, 12h, 7d, 2w) or a date (2026-11-30)' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from search" -l cid -d 'Only the exchanges of this conversation' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from search" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from search" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from search" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from search" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from search" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from search" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from search" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from search" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from search" -l json -d 'An array of the logged records'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from search" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from search" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from stats" -l since -d 'Only exchanges (or runs) since an age (30m, 12h, 7d, 2w) or a date' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from stats" -l by -d 'Group by serving path, model ID or day (UTC)' -r -f -a "path\t''
model\t''
day\t''"
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from stats" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from stats" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from stats" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from stats" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from stats" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from stats" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from stats" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from stats" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from stats" -l bench -d 'fw bench runs instead: per run and serving path, availability, TTFT and decode speed'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from stats" -l json -d 'An array of objects'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from stats" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from stats" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from rm" -l before -d 'Everything before this date (2026-11-30) or age (30d)' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from rm" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from rm" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from rm" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from rm" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from rm" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from rm" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from rm" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from rm" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from export" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from export" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from export" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from export" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from export" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from export" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from export" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from export" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from export" -l jsonl -d 'JSON lines (the one format)'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the log\'s database file (after moving waiting exchanges into it)'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "show" -d 'One exchange in full: the messages sent, the answer, usage, timing and outcome'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "search" -d 'Full-text search over prompts, answers and system prompts, best match first'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Requests, failures by class, tokens, estimated cost, TTFT and decode speed per group'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove exchanges by id, or every exchange and bench run before a date'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "export" -d 'Every exchange and bench run as JSON lines, oldest first'
complete -c fw -n "__fish_fw_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fw -n "__fish_fw_using_subcommand config; and not __fish_seen_subcommand_from path show set help" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand config; and not __fish_seen_subcommand_from path show set help" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and not __fish_seen_subcommand_from path show set help" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and not __fish_seen_subcommand_from path show set help" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and not __fish_seen_subcommand_from path show set help" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and not __fish_seen_subcommand_from path show set help" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and not __fish_seen_subcommand_from path show set help" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and not __fish_seen_subcommand_from path show set help" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand config; and not __fish_seen_subcommand_from path show set help" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand config; and not __fish_seen_subcommand_from path show set help" -s h -l help -d 'Print help'
complete -c fw -n "__fish_fw_using_subcommand config; and not __fish_seen_subcommand_from path show set help" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand config; and not __fish_seen_subcommand_from path show set help" -f -a "path" -d 'Print the path of the config file fw reads (whether or not it exists)'
complete -c fw -n "__fish_fw_using_subcommand config; and not __fish_seen_subcommand_from path show set help" -f -a "show" -d 'Show every resolved setting and where it came from (flag, env, config file, default)'
complete -c fw -n "__fish_fw_using_subcommand config; and not __fish_seen_subcommand_from path show set help" -f -a "set" -d 'Set KEY to VALUE in the config file (in [profile.NAME] with --profile); `api_key` takes `-` and reads the key from standard input, so it stays out of shell history'
complete -c fw -n "__fish_fw_using_subcommand config; and not __fish_seen_subcommand_from path show set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from path" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from path" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from path" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from path" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from path" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from show" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from show" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from show" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'As one JSON object'
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from set" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from set" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from set" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from set" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from set" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from set" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from set" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from set" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the path of the config file fw reads (whether or not it exists)'
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show every resolved setting and where it came from (flag, env, config file, default)'
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set KEY to VALUE in the config file (in [profile.NAME] with --profile); `api_key` takes `-` and reads the key from standard input, so it stays out of shell history'
complete -c fw -n "__fish_fw_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fw -n "__fish_fw_using_subcommand completions" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand completions" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand completions" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand completions" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand completions" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand completions" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand completions" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand completions" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand completions" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand completions" -s h -l help -d 'Print help'
complete -c fw -n "__fish_fw_using_subcommand completions" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand man" -l config -d 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]' -r -F
complete -c fw -n "__fish_fw_using_subcommand man" -l profile -d 'Profile from the config file\'s [profile.NAME] tables [env: FW_PROFILE]' -r
complete -c fw -n "__fish_fw_using_subcommand man" -l base-url -d 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]' -r
complete -c fw -n "__fish_fw_using_subcommand man" -l control-url -d 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]' -r
complete -c fw -n "__fish_fw_using_subcommand man" -l timeout -d 'Whole-request time limit in seconds [config: timeout] [default: none]' -r
complete -c fw -n "__fish_fw_using_subcommand man" -l connect-timeout -d 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]' -r
complete -c fw -n "__fish_fw_using_subcommand man" -l idle-timeout -d 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]' -r
complete -c fw -n "__fish_fw_using_subcommand man" -l color -d 'When to use colour on stderr' -r -f -a "auto\t''
always\t''
never\t''"
complete -c fw -n "__fish_fw_using_subcommand man" -s v -l verbose -d 'Show the HTTP status, request id and Fireworks headers on stderr'
complete -c fw -n "__fish_fw_using_subcommand man" -s h -l help -d 'Print help'
complete -c fw -n "__fish_fw_using_subcommand man" -s V -l version -d 'Print version'
complete -c fw -n "__fish_fw_using_subcommand help; and not __fish_seen_subcommand_from chat messages models bench log config completions man help" -f -a "chat" -d 'Send a prompt to the OpenAI-compatible chat completions API and stream the answer'
complete -c fw -n "__fish_fw_using_subcommand help; and not __fish_seen_subcommand_from chat messages models bench log config completions man help" -f -a "messages" -d 'Send a prompt to the Anthropic-compatible Messages API and stream the answer'
complete -c fw -n "__fish_fw_using_subcommand help; and not __fish_seen_subcommand_from chat messages models bench log config completions man help" -f -a "models" -d 'List serverless models and the serving paths each one offers'
complete -c fw -n "__fish_fw_using_subcommand help; and not __fish_seen_subcommand_from chat messages models bench log config completions man help" -f -a "bench" -d 'Measure TTFT and tokens/sec per serving path, side by side, with pass/fail for CI'
complete -c fw -n "__fish_fw_using_subcommand help; and not __fish_seen_subcommand_from chat messages models bench log config completions man help" -f -a "log" -d 'The local log: recent exchanges, one in full, search, speed and spend per serving path'
complete -c fw -n "__fish_fw_using_subcommand help; and not __fish_seen_subcommand_from chat messages models bench log config completions man help" -f -a "config" -d 'Where the config file is, what is resolved and from where, and setting values'
complete -c fw -n "__fish_fw_using_subcommand help; and not __fish_seen_subcommand_from chat messages models bench log config completions man help" -f -a "completions" -d 'Print shell completions for SHELL on stdout (bash, zsh, fish, powershell, elvish)'
complete -c fw -n "__fish_fw_using_subcommand help; and not __fish_seen_subcommand_from chat messages models bench log config completions man help" -f -a "man" -d 'Print the man page (roff) on stdout: every subcommand and its options on one page'
complete -c fw -n "__fish_fw_using_subcommand help; and not __fish_seen_subcommand_from chat messages models bench log config completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fw -n "__fish_fw_using_subcommand help; and __fish_seen_subcommand_from bench" -f -a "compare" -d 'Compare two runs\' per-request records, per path and metric, with a confidence interval'
complete -c fw -n "__fish_fw_using_subcommand help; and __fish_seen_subcommand_from bench" -f -a "merge" -d 'Combine the per-request records of runs from several machines into one report'
complete -c fw -n "__fish_fw_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "path" -d 'Print the log\'s database file (after moving waiting exchanges into it)'
complete -c fw -n "__fish_fw_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "show" -d 'One exchange in full: the messages sent, the answer, usage, timing and outcome'
complete -c fw -n "__fish_fw_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "search" -d 'Full-text search over prompts, answers and system prompts, best match first'
complete -c fw -n "__fish_fw_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "stats" -d 'Requests, failures by class, tokens, estimated cost, TTFT and decode speed per group'
complete -c fw -n "__fish_fw_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "rm" -d 'Remove exchanges by id, or every exchange and bench run before a date'
complete -c fw -n "__fish_fw_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "export" -d 'Every exchange and bench run as JSON lines, oldest first'
complete -c fw -n "__fish_fw_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the path of the config file fw reads (whether or not it exists)'
complete -c fw -n "__fish_fw_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Show every resolved setting and where it came from (flag, env, config file, default)'
complete -c fw -n "__fish_fw_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set KEY to VALUE in the config file (in [profile.NAME] with --profile); `api_key` takes `-` and reads the key from standard input, so it stays out of shell history'
