
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'fw' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'fw'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'fw' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('chat', 'chat', [CompletionResultType]::ParameterValue, 'Send a prompt to the OpenAI-compatible chat completions API and stream the answer')
            [CompletionResult]::new('messages', 'messages', [CompletionResultType]::ParameterValue, 'Send a prompt to the Anthropic-compatible Messages API and stream the answer')
            [CompletionResult]::new('models', 'models', [CompletionResultType]::ParameterValue, 'List serverless models and the serving paths each one offers')
            [CompletionResult]::new('bench', 'bench', [CompletionResultType]::ParameterValue, 'Measure TTFT and tokens/sec per serving path, side by side, with pass/fail for CI')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'The local log: recent exchanges, one in full, search, speed and spend per serving path')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Where the config file is, what is resolved and from where, and setting values')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions for SHELL on stdout (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff) on stdout: every subcommand and its options on one page')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fw;chat' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Model: a short name (kimi-k2p6), a full model ID or a router ID [config: model] [default: accounts/fireworks/models/kimi-k2p6]')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Model: a short name (kimi-k2p6), a full model ID or a router ID [config: model] [default: accounts/fireworks/models/kimi-k2p6]')
            [CompletionResult]::new('--tier', '--tier', [CompletionResultType]::ParameterName, 'Serving tier: standard sends no service_tier; priority sends "service_tier": "priority"')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'System prompt')
            [CompletionResult]::new('--system', '--system', [CompletionResultType]::ParameterName, 'System prompt')
            [CompletionResult]::new('--messages', '--messages', [CompletionResultType]::ParameterName, 'A JSON array of messages (multi-turn input) from FILE, or `-` for standard input')
            [CompletionResult]::new('--max-tokens', '--max-tokens', [CompletionResultType]::ParameterName, 'Maximum tokens to generate [default: none sent; the server''s own applies]')
            [CompletionResult]::new('--temperature', '--temperature', [CompletionResultType]::ParameterName, 'Sampling temperature (0-2)')
            [CompletionResult]::new('--top-p', '--top-p', [CompletionResultType]::ParameterName, 'Nucleus sampling probability (0-1)')
            [CompletionResult]::new('--top-k', '--top-k', [CompletionResultType]::ParameterName, 'Sample only from the K most likely tokens (0-100)')
            [CompletionResult]::new('--stop', '--stop', [CompletionResultType]::ParameterName, 'Stop sequence (repeatable)')
            [CompletionResult]::new('--reasoning-effort', '--reasoning-effort', [CompletionResultType]::ParameterName, 'Reasoning effort for reasoning models')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Set any body field: key=value, value parsed as JSON when valid, else a string; applied last')
            [CompletionResult]::new('--option', '--option', [CompletionResultType]::ParameterName, 'Set any body field: key=value, value parsed as JSON when valid, else a string; applied last')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Send again after 408, 429, 500, 502, 503, 504 or a failed connection, at most N times, and only before any output [config: retries] [default: 2]')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Attach an image (png, jpeg, gif, webp) or a UTF-8 text file, an image URL, or `-` for standard input; at most 10 MiB each (repeatable)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Attach an image (png, jpeg, gif, webp) or a UTF-8 text file, an image URL, or `-` for standard input; at most 10 MiB each (repeatable)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Ask for JSON matching SCHEMA (a JSON Schema file, inline JSON, or the compact form ''name str, age int, tags [str]''), check the answer and print it as one compact line; exit 11 when it does not match')
            [CompletionResult]::new('--grammar', '--grammar', [CompletionResultType]::ParameterName, 'Constrain the answer with the Fireworks GBNF grammar in FILE (chat only; not checked locally)')
            [CompletionResult]::new('--cid', '--cid', [CompletionResultType]::ParameterName, 'Continue the conversation with this id (`fw log` and `--json` show it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--fast', '--fast', [CompletionResultType]::ParameterName, 'Use the model''s Fast router (from the serving-path catalogue)')
            [CompletionResult]::new('--schema-multi', '--schema-multi', [CompletionResultType]::ParameterName, 'With --schema: ask for an array of such items and print one JSON line per item')
            [CompletionResult]::new('--json-object', '--json-object', [CompletionResultType]::ParameterName, 'Ask for any JSON object, checked and printed as one compact line; exit 11 otherwise')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Continue the latest conversation in the local log: its turns are sent before this one (its system prompt too, unless -s is given)')
            [CompletionResult]::new('--continue', '--continue', [CompletionResultType]::ParameterName, 'Continue the latest conversation in the local log: its turns are sent before this one (its system prompt too, unless -s is given)')
            [CompletionResult]::new('--no-log', '--no-log', [CompletionResultType]::ParameterName, 'Do not write this exchange to the local log [config: log] [default: written]')
            [CompletionResult]::new('--no-stream', '--no-stream', [CompletionResultType]::ParameterName, 'Wait for the whole answer instead of streaming it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object at the end: content, reasoning, usage, timing, serving path')
            [CompletionResult]::new('--jsonl', '--jsonl', [CompletionResultType]::ParameterName, 'Print one JSON event per line as the answer arrives, then a summary line')
            [CompletionResult]::new('--show-reasoning', '--show-reasoning', [CompletionResultType]::ParameterName, 'Write reasoning text to stderr even when stderr is not a terminal')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'On a terminal, write the answer''s control characters as they are, not escaped (\x1b); pipes and files always get the exact bytes')
            [CompletionResult]::new('--stats', '--stats', [CompletionResultType]::ParameterName, 'After the answer, print tokens, TTFT, decode tokens/sec and serving path on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the resolved settings and the exact request, then exit without sending it')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print the equivalent curl command (key as $FIREWORKS_API_KEY), then exit')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fw;messages' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Model: a short name (kimi-k2p6), a full model ID or a router ID [config: model] [default: accounts/fireworks/models/kimi-k2p6]')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Model: a short name (kimi-k2p6), a full model ID or a router ID [config: model] [default: accounts/fireworks/models/kimi-k2p6]')
            [CompletionResult]::new('--tier', '--tier', [CompletionResultType]::ParameterName, 'Serving tier: standard sends no service_tier; priority sends "service_tier": "priority"')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'System prompt')
            [CompletionResult]::new('--system', '--system', [CompletionResultType]::ParameterName, 'System prompt')
            [CompletionResult]::new('--messages', '--messages', [CompletionResultType]::ParameterName, 'A JSON array of messages (multi-turn input) from FILE, or `-` for standard input')
            [CompletionResult]::new('--temperature', '--temperature', [CompletionResultType]::ParameterName, 'Sampling temperature (0-2)')
            [CompletionResult]::new('--top-p', '--top-p', [CompletionResultType]::ParameterName, 'Nucleus sampling probability (0-1)')
            [CompletionResult]::new('--top-k', '--top-k', [CompletionResultType]::ParameterName, 'Sample only from the K most likely tokens (0-100)')
            [CompletionResult]::new('--stop', '--stop', [CompletionResultType]::ParameterName, 'Stop sequence (repeatable)')
            [CompletionResult]::new('--reasoning-effort', '--reasoning-effort', [CompletionResultType]::ParameterName, 'Reasoning effort for reasoning models')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Set any body field: key=value, value parsed as JSON when valid, else a string; applied last')
            [CompletionResult]::new('--option', '--option', [CompletionResultType]::ParameterName, 'Set any body field: key=value, value parsed as JSON when valid, else a string; applied last')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Send again after 408, 429, 500, 502, 503, 504 or a failed connection, at most N times, and only before any output [config: retries] [default: 2]')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Attach an image (png, jpeg, gif, webp) or a UTF-8 text file, an image URL, or `-` for standard input; at most 10 MiB each (repeatable)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Attach an image (png, jpeg, gif, webp) or a UTF-8 text file, an image URL, or `-` for standard input; at most 10 MiB each (repeatable)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Ask for JSON matching SCHEMA (a JSON Schema file, inline JSON, or the compact form ''name str, age int, tags [str]''), check the answer and print it as one compact line; exit 11 when it does not match')
            [CompletionResult]::new('--thinking', '--thinking', [CompletionResultType]::ParameterName, 'Extended thinking with this token budget (at least 1024, below --max-tokens)')
            [CompletionResult]::new('--cid', '--cid', [CompletionResultType]::ParameterName, 'Continue the conversation with this id (`fw log` and `--json` show it)')
            [CompletionResult]::new('--max-tokens', '--max-tokens', [CompletionResultType]::ParameterName, 'Maximum tokens to generate [default: 2048, plus the --thinking budget]')
            [CompletionResult]::new('--grammar', '--grammar', [CompletionResultType]::ParameterName, 'Constrain the answer with the Fireworks GBNF grammar in FILE (chat only; not checked locally)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--fast', '--fast', [CompletionResultType]::ParameterName, 'Use the model''s Fast router (from the serving-path catalogue)')
            [CompletionResult]::new('--schema-multi', '--schema-multi', [CompletionResultType]::ParameterName, 'With --schema: ask for an array of such items and print one JSON line per item')
            [CompletionResult]::new('--json-object', '--json-object', [CompletionResultType]::ParameterName, 'Ask for any JSON object, checked and printed as one compact line; exit 11 otherwise')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Continue the latest conversation in the local log: its turns are sent before this one (its system prompt too, unless -s is given)')
            [CompletionResult]::new('--continue', '--continue', [CompletionResultType]::ParameterName, 'Continue the latest conversation in the local log: its turns are sent before this one (its system prompt too, unless -s is given)')
            [CompletionResult]::new('--no-log', '--no-log', [CompletionResultType]::ParameterName, 'Do not write this exchange to the local log [config: log] [default: written]')
            [CompletionResult]::new('--no-stream', '--no-stream', [CompletionResultType]::ParameterName, 'Wait for the whole answer instead of streaming it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object at the end: content, reasoning, usage, timing, serving path')
            [CompletionResult]::new('--jsonl', '--jsonl', [CompletionResultType]::ParameterName, 'Print one JSON event per line as the answer arrives, then a summary line')
            [CompletionResult]::new('--show-reasoning', '--show-reasoning', [CompletionResultType]::ParameterName, 'Write reasoning text to stderr even when stderr is not a terminal')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'On a terminal, write the answer''s control characters as they are, not escaped (\x1b); pipes and files always get the exact bytes')
            [CompletionResult]::new('--stats', '--stats', [CompletionResultType]::ParameterName, 'After the answer, print tokens, TTFT, decode tokens/sec and serving path on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the resolved settings and the exact request, then exit without sending it')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print the equivalent curl command (key as $FIREWORKS_API_KEY), then exit')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fw;models' {
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account whose serverless models to list')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where the list comes from: the control plane, the OpenAI-style {base}/models, or the control plane with {base}/models as a fallback when it cannot be reached')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output: a table on a terminal and tab-separated lines when piped (auto), or as named')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--fast', '--fast', [CompletionResultType]::ParameterName, 'Only models with a Fast router')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Only models the catalogue lists with Priority')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Same as --format json: an array of objects (one object for a single model)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fw;bench' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Model (short name or full ID): each path''s model ID derives from it [config: model] [default: accounts/fireworks/models/kimi-k2p6]')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Model (short name or full ID): each path''s model ID derives from it [config: model] [default: accounts/fireworks/models/kimi-k2p6]')
            [CompletionResult]::new('--paths', '--paths', [CompletionResultType]::ParameterName, 'Serving paths to measure, comma-separated: standard, priority, fast')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API to measure')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Measured requests per path [default: 30; with --duration, as many as fit]')
            [CompletionResult]::new('--requests', '--requests', [CompletionResultType]::ParameterName, 'Measured requests per path [default: 30; with --duration, as many as fit]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Stop starting new requests after this many seconds')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Closed loop: this many requests in flight at once (across all paths)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Closed loop: this many requests in flight at once (across all paths)')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Open loop: start this many requests per second per path, whatever is in flight')
            [CompletionResult]::new('--max-concurrency', '--max-concurrency', [CompletionResultType]::ParameterName, 'Open loop: at most this many requests in flight across all paths; an arrival past the cap waits, and its wait shows as send lag')
            [CompletionResult]::new('--arrival', '--arrival', [CompletionResultType]::ParameterName, 'Arrivals in open loop: evenly spaced (constant) or random (poisson)')
            [CompletionResult]::new('--sweep', '--sweep', [CompletionResultType]::ParameterName, 'Open loop at increasing rates per path, each step -n requests per path (or --duration seconds) with every path interleaved: a list such as 1,2,4,8, or auto (a ramp that ends when every path misses the stop levels); any sweep ends on a burst of 429s')
            [CompletionResult]::new('--sweep-start', '--sweep-start', [CompletionResultType]::ParameterName, '--sweep auto: the first rate, requests per second per path')
            [CompletionResult]::new('--sweep-factor', '--sweep-factor', [CompletionResultType]::ParameterName, '--sweep auto: multiply the rate by this at each step (above 1, at most 10)')
            [CompletionResult]::new('--sweep-steps', '--sweep-steps', [CompletionResultType]::ParameterName, '--sweep auto: run at most this many steps')
            [CompletionResult]::new('--sweep-min-slo', '--sweep-min-slo', [CompletionResultType]::ParameterName, '--sweep: a path holds a step with at least this fraction of its requests meeting the --slo objectives')
            [CompletionResult]::new('--sweep-min-availability', '--sweep-min-availability', [CompletionResultType]::ParameterName, '--sweep: a path holds a step with at least this availability')
            [CompletionResult]::new('--sweep-burst', '--sweep-burst', [CompletionResultType]::ParameterName, '--sweep: this many 429s in a row on one path end the sweep (rate limits, not the path)')
            [CompletionResult]::new('--warmup', '--warmup', [CompletionResultType]::ParameterName, 'Requests per path before measuring, excluded from the statistics [default: 3, or enough for every concurrent request to have opened its connection]')
            [CompletionResult]::new('--max-tokens', '--max-tokens', [CompletionResultType]::ParameterName, 'Tokens to generate per request')
            [CompletionResult]::new('--input-tokens', '--input-tokens', [CompletionResultType]::ParameterName, 'Approximate length of the synthetic prompt, in tokens')
            [CompletionResult]::new('--prompt', '--prompt', [CompletionResultType]::ParameterName, 'Use this prompt instead of a synthetic one (still given a unique prefix)')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'Prompt cache: unique (a prefix no other request shares), cold (that, and the server told to cache nothing: prompt_cache_max_len 0), warm (every request the same prompt)')
            [CompletionResult]::new('--reasoning-effort', '--reasoning-effort', [CompletionResultType]::ParameterName, 'Reasoning effort for reasoning models')
            [CompletionResult]::new('--min-tps', '--min-tps', [CompletionResultType]::ParameterName, 'Fail unless decode_tps p50 is at least this (on fast if measured, else on each path)')
            [CompletionResult]::new('--assert', '--assert', [CompletionResultType]::ParameterName, 'A threshold such as ''fast.decode_tps.p50>=100'' or ''priority.availability>=0.99'' (repeatable)')
            [CompletionResult]::new('--slo', '--slo', [CompletionResultType]::ParameterName, 'Per-request objectives, such as ''ttft<=800ms,decode_tps>=100'' (repeatable): each path reports the fraction of requests meeting all of them and its goodput (requests/s), both assertable as PATH.slo_fraction and PATH.goodput')
            [CompletionResult]::new('--max-error-rate', '--max-error-rate', [CompletionResultType]::ParameterName, 'Largest fraction of failed requests (other than 503 and 429) for a valid run')
            [CompletionResult]::new('--min-samples', '--min-samples', [CompletionResultType]::ParameterName, 'Fewest successful requests an asserted path needs for a valid run')
            [CompletionResult]::new('--max-client-lag', '--max-client-lag', [CompletionResultType]::ParameterName, 'Largest p99 scheduling lag of the client itself, in ms, for a valid run')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write the report as JSON (schema: docs/bench-schema.json) to FILE, or `-` for stdout')
            [CompletionResult]::new('--records', '--records', [CompletionResultType]::ParameterName, 'Write one JSON line per request to FILE')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write one CSV row per path to FILE')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Write the report as one self-contained HTML page of charts to FILE (no network needed to view it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--force-len', '--force-len', [CompletionResultType]::ParameterName, 'Ask the server to generate exactly --max-tokens (sends min_tokens and ignore_eos)')
            [CompletionResult]::new('--allow-cache', '--allow-cache', [CompletionResultType]::ParameterName, 'Do not give each prompt a unique prefix (lets the prompt cache serve repeats); the same as --cache warm')
            [CompletionResult]::new('--affinity', '--affinity', [CompletionResultType]::ParameterName, 'Send every request of a path with one x-session-affinity key, so they reach one replica and no path measures cache luck')
            [CompletionResult]::new('--smoke', '--smoke', [CompletionResultType]::ParameterName, 'One minimal request per path and a one-line result each: the CI availability check')
            [CompletionResult]::new('--no-log', '--no-log', [CompletionResultType]::ParameterName, 'Do not keep this run in the local log [config: log] [default: kept]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('compare', 'compare', [CompletionResultType]::ParameterValue, 'Compare two runs'' per-request records, per path and metric, with a confidence interval')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Combine the per-request records of runs from several machines into one report')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fw;bench;compare' {
            [CompletionResult]::new('--fail-if', '--fail-if', [CompletionResultType]::ParameterName, 'Exit 9 when a clear change satisfies this, such as ''fast.decode_tps.p50 < -10%'' (repeatable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--resamples', '--resamples', [CompletionResultType]::ParameterName, 'Bootstrap resamples')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed of the bootstrap''s generator: the same inputs and seed give the same intervals')
            [CompletionResult]::new('--margin', '--margin', [CompletionResultType]::ParameterName, 'A change is clear only when its whole interval lies beyond this percentage of the base median')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fw;bench;merge' {
            [CompletionResult]::new('--assert', '--assert', [CompletionResultType]::ParameterName, 'A threshold such as ''fast.decode_tps.p50>=100'' (repeatable)')
            [CompletionResult]::new('--slo', '--slo', [CompletionResultType]::ParameterName, 'Per-request objectives, such as ''ttft<=800ms,decode_tps>=100'' (repeatable)')
            [CompletionResult]::new('--max-error-rate', '--max-error-rate', [CompletionResultType]::ParameterName, 'Largest fraction of failed requests (other than 503 and 429) for a valid run')
            [CompletionResult]::new('--min-samples', '--min-samples', [CompletionResultType]::ParameterName, 'Fewest successful requests an asserted path needs for a valid run')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write the report as JSON (schema: docs/bench-schema.json) to FILE, or `-` for stdout')
            [CompletionResult]::new('--records', '--records', [CompletionResultType]::ParameterName, 'Write one JSON line per request to FILE')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write one CSV row per path to FILE')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Write the report as one self-contained HTML page of charts to FILE (no network needed to view it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fw;bench;help' {
            [CompletionResult]::new('compare', 'compare', [CompletionResultType]::ParameterValue, 'Compare two runs'' per-request records, per path and metric, with a confidence interval')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Combine the per-request records of runs from several machines into one report')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fw;bench;help;compare' {
            break
        }
        'fw;bench;help;merge' {
            break
        }
        'fw;bench;help;help' {
            break
        }
        'fw;log' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many exchanges, newest first')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'How many exchanges, newest first')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only those since an age (30m, 12h, 7d, 2w) or a date (2026-11-30)')
            [CompletionResult]::new('--cid', '--cid', [CompletionResultType]::ParameterName, 'Only the exchanges of this conversation')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'An array of the logged records')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the log''s database file (after moving waiting exchanges into it)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One exchange in full: the messages sent, the answer, usage, timing and outcome')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Full-text search over prompts, answers and system prompts, best match first')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Requests, failures by class, tokens, estimated cost, TTFT and decode speed per group')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove exchanges by id, or every exchange and bench run before a date')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Every exchange and bench run as JSON lines, oldest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fw;log;path' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fw;log;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'The logged record as JSON')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fw;log;search' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many exchanges, newest first')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'How many exchanges, newest first')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only those since an age (30m, 12h, 7d, 2w) or a date (2026-11-30)')
            [CompletionResult]::new('--cid', '--cid', [CompletionResultType]::ParameterName, 'Only the exchanges of this conversation')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'An array of the logged records')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fw;log;stats' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only exchanges (or runs) since an age (30m, 12h, 7d, 2w) or a date')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Group by serving path, model ID or day (UTC)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--bench', '--bench', [CompletionResultType]::ParameterName, 'fw bench runs instead: per run and serving path, availability, TTFT and decode speed')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'An array of objects')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fw;log;rm' {
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'Everything before this date (2026-11-30) or age (30d)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fw;log;export' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--jsonl', '--jsonl', [CompletionResultType]::ParameterName, 'JSON lines (the one format)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fw;log;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the log''s database file (after moving waiting exchanges into it)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One exchange in full: the messages sent, the answer, usage, timing and outcome')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Full-text search over prompts, answers and system prompts, best match first')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Requests, failures by class, tokens, estimated cost, TTFT and decode speed per group')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove exchanges by id, or every exchange and bench run before a date')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Every exchange and bench run as JSON lines, oldest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fw;log;help;path' {
            break
        }
        'fw;log;help;show' {
            break
        }
        'fw;log;help;search' {
            break
        }
        'fw;log;help;stats' {
            break
        }
        'fw;log;help;rm' {
            break
        }
        'fw;log;help;export' {
            break
        }
        'fw;log;help;help' {
            break
        }
        'fw;config' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file fw reads (whether or not it exists)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every resolved setting and where it came from (flag, env, config file, default)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set KEY to VALUE in the config file (in [profile.NAME] with --profile); `api_key` takes `-` and reads the key from standard input, so it stays out of shell history')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fw;config;path' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fw;config;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'As one JSON object')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fw;config;set' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fw;config;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file fw reads (whether or not it exists)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every resolved setting and where it came from (flag, env, config file, default)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set KEY to VALUE in the config file (in [profile.NAME] with --profile); `api_key` takes `-` and reads the key from standard input, so it stays out of shell history')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fw;config;help;path' {
            break
        }
        'fw;config;help;show' {
            break
        }
        'fw;config;help;set' {
            break
        }
        'fw;config;help;help' {
            break
        }
        'fw;completions' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fw;man' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read [env: FW_CONFIG] [default: <config dir>/fw/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file''s [profile.NAME] tables [env: FW_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Inference base URL [env: FIREWORKS_BASE_URL] [default: https://api.fireworks.ai/inference/v1]')
            [CompletionResult]::new('--control-url', '--control-url', [CompletionResultType]::ParameterName, 'Control-plane base URL, for model listing [env: FIREWORKS_CONTROL_URL] [default: https://api.fireworks.ai]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request time limit in seconds [config: timeout] [default: none]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit for connecting, in seconds [config: connect_timeout] [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Longest silence within a reply before it counts as stalled, in seconds [config: read_timeout] [default: 300]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP status, request id and Fireworks headers on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fw;help' {
            [CompletionResult]::new('chat', 'chat', [CompletionResultType]::ParameterValue, 'Send a prompt to the OpenAI-compatible chat completions API and stream the answer')
            [CompletionResult]::new('messages', 'messages', [CompletionResultType]::ParameterValue, 'Send a prompt to the Anthropic-compatible Messages API and stream the answer')
            [CompletionResult]::new('models', 'models', [CompletionResultType]::ParameterValue, 'List serverless models and the serving paths each one offers')
            [CompletionResult]::new('bench', 'bench', [CompletionResultType]::ParameterValue, 'Measure TTFT and tokens/sec per serving path, side by side, with pass/fail for CI')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'The local log: recent exchanges, one in full, search, speed and spend per serving path')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Where the config file is, what is resolved and from where, and setting values')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions for SHELL on stdout (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff) on stdout: every subcommand and its options on one page')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fw;help;chat' {
            break
        }
        'fw;help;messages' {
            break
        }
        'fw;help;models' {
            break
        }
        'fw;help;bench' {
            [CompletionResult]::new('compare', 'compare', [CompletionResultType]::ParameterValue, 'Compare two runs'' per-request records, per path and metric, with a confidence interval')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Combine the per-request records of runs from several machines into one report')
            break
        }
        'fw;help;bench;compare' {
            break
        }
        'fw;help;bench;merge' {
            break
        }
        'fw;help;log' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the log''s database file (after moving waiting exchanges into it)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One exchange in full: the messages sent, the answer, usage, timing and outcome')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Full-text search over prompts, answers and system prompts, best match first')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Requests, failures by class, tokens, estimated cost, TTFT and decode speed per group')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove exchanges by id, or every exchange and bench run before a date')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Every exchange and bench run as JSON lines, oldest first')
            break
        }
        'fw;help;log;path' {
            break
        }
        'fw;help;log;show' {
            break
        }
        'fw;help;log;search' {
            break
        }
        'fw;help;log;stats' {
            break
        }
        'fw;help;log;rm' {
            break
        }
        'fw;help;log;export' {
            break
        }
        'fw;help;config' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file fw reads (whether or not it exists)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every resolved setting and where it came from (flag, env, config file, default)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set KEY to VALUE in the config file (in [profile.NAME] with --profile); `api_key` takes `-` and reads the key from standard input, so it stays out of shell history')
            break
        }
        'fw;help;config;path' {
            break
        }
        'fw;help;config;show' {
            break
        }
        'fw;help;config;set' {
            break
        }
        'fw;help;completions' {
            break
        }
        'fw;help;man' {
            break
        }
        'fw;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
