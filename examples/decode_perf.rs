//! How the stream decoders scale (run by scripts/decode-perf.sh, not a test): CPU seconds to
//! parse and decode one streamed reply of N one-character deltas (default 200,000), through the
//! same SSE parser and decoder `fw chat` and `fw messages` use, fed in 16 KiB reads. Both
//! wire formats should take time in proportion to N; a decoder that copies what it has so far
//! on every delta shows up here as a Messages time many times the chat time.
//!
//! Usage: decode_perf [N]

use fw::api::chat::ChatDecoder;
use fw::api::messages::MessagesDecoder;
use fw::api::{sse, Decoder};
use fw::bench::runner::cpu_seconds;
use serde_json::json;

/// A whole chat completions stream of `n` one-character content deltas.
fn chat_stream(n: usize) -> String {
    let mut s = String::new();
    for _ in 0..n {
        let c = json!({"id": "c", "object": "chat.completion.chunk", "model": "m",
                       "choices": [{"index": 0, "delta": {"content": "x"}, "finish_reason": null}]});
        s.push_str(&format!("data: {c}\n\n"));
    }
    let last = json!({"id": "c", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                      "usage": {"prompt_tokens": 1, "completion_tokens": n, "total_tokens": n + 1}});
    s.push_str(&format!("data: {last}\n\ndata: [DONE]\n\n"));
    s
}

/// A whole Messages stream of `n` one-character text deltas in one block.
fn messages_stream(n: usize) -> String {
    let ev =
        |v: serde_json::Value| format!("event: {}\ndata: {v}\n\n", v["type"].as_str().unwrap());
    let mut s = ev(
        json!({"type": "message_start", "message": {"id": "m", "type": "message",
        "role": "assistant", "model": "m", "content": [], "usage": {"input_tokens": 0, "output_tokens": 0}}}),
    );
    s.push_str(&ev(json!({"type": "content_block_start", "index": 0,
                          "content_block": {"type": "text", "text": ""}})));
    for _ in 0..n {
        s.push_str(&ev(json!({"type": "content_block_delta", "index": 0,
                              "delta": {"type": "text_delta", "text": "x"}})));
    }
    s.push_str(&ev(json!({"type": "content_block_stop", "index": 0})));
    s.push_str(&ev(
        json!({"type": "message_delta", "delta": {"stop_reason": "end_turn"},
                          "usage": {"output_tokens": n}}),
    ));
    s.push_str(&ev(json!({"type": "message_stop"})));
    s
}

/// CPU seconds to parse and decode `stream`, and the characters of content decoded.
fn decode(stream: &str, decoder: &mut dyn Decoder) -> (f64, usize) {
    let t = cpu_seconds();
    let mut parser = sse::Parser::new();
    let (mut events, mut pieces) = (Vec::new(), Vec::new());
    let mut chars = 0;
    for chunk in stream.as_bytes().chunks(16 * 1024) {
        parser.feed(chunk, &mut events).expect("parse");
        for ev in events.drain(..) {
            decoder.event(&ev, &mut pieces).expect("decode");
            for p in pieces.drain(..) {
                if let fw::reply::Piece::Content(c) = p {
                    chars += c.len();
                }
            }
        }
    }
    (cpu_seconds() - t, chars)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(200_000, |a| a.parse().expect("usage: decode_perf [N]"));
    let (chat, messages) = (chat_stream(n), messages_stream(n));
    let (t_chat, c_chat) = decode(&chat, &mut ChatDecoder::default());
    let (t_msg, c_msg) = decode(&messages, &mut MessagesDecoder::default());
    assert_eq!((c_chat, c_msg), (n, n), "every delta decoded");
    println!("{n} one-character deltas, SSE parser + decoder, CPU seconds");
    println!("chat       {t_chat:8.3} s");
    println!("messages   {t_msg:8.3} s   ({:.2}x chat)", t_msg / t_chat);
}
