//! The Messages request body and stream decoder, on hand-written events.

use super::*;
use crate::api::sse::Event;

fn params() -> MessagesParams {
    MessagesParams {
        common: Common {
            model: "m".into(),
            messages: vec![json!({"role":"user","content":"hi"})],
            stream: true,
            ..Default::default()
        },
        max_tokens: DEFAULT_MAX_TOKENS,
        ..Default::default()
    }
}

#[test]
fn body_maps_every_field() {
    let mut p = params();
    p.system = Some("sys".into());
    p.common.stop = vec!["END".into()];
    p.common.top_k = Some(40);
    p.thinking = Some(2048);
    p.common.reasoning_effort = Some("high");
    p.common.service_tier = Some("priority");
    p.common.options = vec![("metadata".into(), json!({"user_id": "u"}))];
    let b = body(&p);
    assert_eq!(b["system"], "sys");
    assert_eq!(b["stop_sequences"], json!(["END"]));
    assert_eq!(b["top_k"], 40);
    assert_eq!(
        b["thinking"],
        json!({"type": "enabled", "budget_tokens": 2048})
    );
    assert_eq!(b["output_config"], json!({"effort": "high"}));
    assert_eq!(b["service_tier"], "priority");
    assert_eq!(b["metadata"]["user_id"], "u");
    assert_eq!(b["max_tokens"], 2048);
    assert!(b.get("stream_options").is_none());
    let b = body(&params());
    assert!(b.get("service_tier").is_none() && b.get("thinking").is_none());
    let mut p = params();
    p.common.reasoning_effort = Some("none");
    assert_eq!(body(&p)["thinking"], json!({"type": "disabled"}));
}

#[test]
fn format_sits_beside_the_effort() {
    let mut p = params();
    let f = json!({"type": "json_schema", "schema": {"type": "object"}});
    p.format = Some(f.clone());
    assert_eq!(body(&p)["output_config"], json!({ "format": f }));
    p.common.reasoning_effort = Some("low");
    assert_eq!(
        body(&p)["output_config"],
        json!({"effort": "low", "format": f})
    );
}

fn feed(d: &mut MessagesDecoder, events: &[(&str, Value)]) -> Vec<Piece> {
    let mut out = Vec::new();
    for (name, data) in events {
        d.event(
            &Event {
                event: name.to_string(),
                data: data.to_string(),
                id: None,
            },
            &mut out,
        )
        .unwrap();
    }
    out
}

fn block(d: &MessagesDecoder, i: usize) -> Value {
    Value::Object(d.blocks[i].value.clone())
}

/// The typed path for `content_block_delta` and the general one decode alike: escaped
/// text is unescaped, a delta the typed path does not know (or a wrongly typed field) is
/// left to the general path, which reports a malformed field as before.
#[test]
fn typed_deltas_agree_with_the_general_path() {
    let delta = |d: Value| json!({"type": "content_block_delta", "index": 0, "delta": d});
    let mut d = MessagesDecoder::default();
    let out = feed(
        &mut d,
        &[
            (
                "content_block_delta",
                delta(json!({"type": "text_delta", "text": "a\"b\n"})),
            ),
            (
                "content_block_delta",
                delta(json!({"type": "citations_delta", "citation": {}})),
            ),
            (
                "content_block_delta",
                delta(json!({"type": "text_delta", "text": "c"})),
            ),
        ],
    );
    assert_eq!(
        out,
        [Piece::Content("a\"b\n".into()), Piece::Content("c".into())]
    );
    assert_eq!(d.native().unwrap()["content"][0]["text"], "a\"b\nc");
    let mut out = Vec::new();
    let bad = delta(json!({"type": "text_delta", "text": 5})).to_string();
    let ev = Event {
        event: "content_block_delta".into(),
        data: bad,
        id: None,
    };
    let err = d.event(&ev, &mut out).unwrap_err();
    assert!(err.to_string().contains("text"), "{err}");
}

#[test]
fn stream_with_thinking_tool_use_and_usage() {
    let mut d = MessagesDecoder::default();
    let out = feed(
        &mut d,
        &[
            (
                "message_start",
                json!({"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"usage":{"input_tokens":0,"output_tokens":0}}}),
            ),
            ("ping", json!({"type":"ping"})),
            (
                "content_block_start",
                json!({"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}),
            ),
            (
                "content_block_delta",
                json!({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hmm"}}),
            ),
            (
                "content_block_delta",
                json!({"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"sig"}}),
            ),
            (
                "content_block_stop",
                json!({"type":"content_block_stop","index":0}),
            ),
            (
                "content_block_start",
                json!({"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}),
            ),
            (
                "content_block_delta",
                json!({"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Hi"}}),
            ),
            (
                "content_block_start",
                json!({"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"t1","name":"f","input":{}}}),
            ),
            (
                "content_block_delta",
                json!({"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"a\":"}}),
            ),
            (
                "content_block_delta",
                json!({"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"1}"}}),
            ),
            (
                "content_block_stop",
                json!({"type":"content_block_stop","index":2}),
            ),
            ("brand_new_event", json!({"type":"brand_new_event"})),
            (
                "message_delta",
                json!({"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":10,"output_tokens":5,"cache_read_input_tokens":4}}),
            ),
            ("message_stop", json!({"type":"message_stop"})),
        ],
    );
    assert!(out.contains(&Piece::Reasoning("hmm".into())));
    assert!(out.contains(&Piece::Content("Hi".into())));
    assert!(out.contains(&Piece::Finish("end_turn".into())));
    assert!(out.contains(&Piece::Usage(Usage {
        prompt_tokens: Some(14),
        completion_tokens: Some(5),
        total_tokens: Some(19),
        cached_tokens: Some(4),
        reasoning_tokens: None,
    })));
    assert_eq!(out.last(), Some(&Piece::Done));
    assert!(!out
        .iter()
        .any(|p| matches!(p, Piece::Usage(u) if u.prompt_tokens == Some(0))));
    assert_eq!(
        block(&d, 0),
        json!({"type":"thinking","thinking":"hmm","signature":"sig"})
    );
    assert_eq!(block(&d, 1), json!({"type":"text","text":"Hi"}));
    assert_eq!(block(&d, 2)["input"], json!({"a": 1}));
    assert!(out.contains(&Piece::ToolCall(ToolCall {
        id: Some("t1".into()),
        name: "f".into(),
        arguments: r#"{"a":1}"#.into(),
    })));
}

#[test]
fn a_tool_use_cut_off_at_max_tokens_still_gives_its_call() {
    let mut d = MessagesDecoder::default();
    let out = feed(
        &mut d,
        &[
            (
                "content_block_start",
                json!({"type":"content_block_start","index":0,"content_block":{"type":"server_tool_use","id":"s1","name":"web_search","input":{}}}),
            ),
            (
                "content_block_delta",
                json!({"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"query\": \"x\"}"}}),
            ),
            (
                "content_block_stop",
                json!({"type":"content_block_stop","index":0}),
            ),
            (
                "content_block_start",
                json!({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"t1","name":"f","input":{}}}),
            ),
            (
                "content_block_delta",
                json!({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\": \"Paris\", \"units\": \"cel"}}),
            ),
            (
                "message_delta",
                json!({"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":9}}),
            ),
            ("message_stop", json!({"type":"message_stop"})),
        ],
    );
    let call = Piece::ToolCall(ToolCall {
        id: Some("t1".into()),
        name: "f".into(),
        arguments: r#"{"city":"Paris"}"#.into(),
    });
    // Once, before the finish reason, and none for the server's own tool.
    let calls: Vec<&Piece> = out
        .iter()
        .filter(|p| matches!(p, Piece::ToolCall(_)))
        .collect();
    assert_eq!(calls, vec![&call]);
    let at = |p: &Piece| out.iter().position(|q| q == p).unwrap();
    assert!(at(&call) < at(&Piece::Finish("max_tokens".into())));
    assert_eq!(block(&d, 0)["input"], json!({"query": "x"}));
    assert_eq!(block(&d, 1)["input"], json!({"city": "Paris"}));

    // Input that is wrong, not just unfinished, is kept as the text received.
    let mut d = MessagesDecoder::default();
    let out = feed(
        &mut d,
        &[
            (
                "content_block_start",
                json!({"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t2","name":"g","input":{}}}),
            ),
            (
                "content_block_delta",
                json!({"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"a\" 1"}}),
            ),
            ("message_stop", json!({"type":"message_stop"})),
        ],
    );
    assert_eq!(block(&d, 0)["input"], json!("{\"a\" 1"));
    assert!(matches!(&out[0], Piece::ToolCall(c) if c.arguments == r#""{\"a\" 1""#));
}

#[test]
fn keep_alives_are_skipped() {
    let mut d = MessagesDecoder::default();
    let mut out = Vec::new();
    for (event, data) in [("ping", ""), ("", ""), ("ping", "not json"), ("", " \n ")] {
        let ev = Event {
            event: event.into(),
            data: data.into(),
            id: None,
        };
        d.event(&ev, &mut out).unwrap();
    }
    assert_eq!(out, vec![]);
}

#[test]
fn start_usage_is_only_a_fallback() {
    let mut d = MessagesDecoder::default();
    let out = feed(
        &mut d,
        &[
            (
                "message_start",
                json!({"type":"message_start","message":{"id":"x","model":"m","usage":{"input_tokens":3,"output_tokens":0}}}),
            ),
            (
                "message_delta",
                json!({"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":7}}),
            ),
        ],
    );
    assert!(out.contains(&Piece::Usage(Usage {
        prompt_tokens: Some(3),
        completion_tokens: Some(7),
        total_tokens: Some(10),
        cached_tokens: None,
        reasoning_tokens: None,
    })));
}

#[test]
fn error_event_and_wrong_types() {
    let mut d = MessagesDecoder::default();
    let out = feed(
        &mut d,
        &[(
            "error",
            json!({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}),
        )],
    );
    assert_eq!(
        out,
        vec![Piece::Error {
            message: "Overloaded".into(),
            kind: Some("overloaded_error".into())
        }]
    );
    let mut out = Vec::new();
    let err = d
        .event(
            &Event {
                data: r#"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":5}}"#.into(),
                ..Default::default()
            },
            &mut out,
        )
        .unwrap_err();
    assert_eq!(crate::exit::classify(&err), crate::exit::Exit::Server);
}

#[test]
fn a_wild_block_index_is_malformed_not_a_huge_allocation() {
    let mut out = Vec::new();
    let err = MessagesDecoder::default()
        .event(
            &Event {
                data: r#"{"type":"content_block_delta","index":1000000000000,"delta":{"type":"text_delta","text":"x"}}"#.into(),
                ..Default::default()
            },
            &mut out,
        )
        .unwrap_err();
    assert_eq!(crate::exit::classify(&err), crate::exit::Exit::Server);
}

#[test]
fn a_content_block_that_is_not_an_object_is_malformed_not_a_panic() {
    let mut d = MessagesDecoder::default();
    let mut out = Vec::new();
    let start = Event {
        data: r#"{"type":"content_block_start","index":0,"content_block":5}"#.into(),
        ..Default::default()
    };
    let err = d.event(&start, &mut out).unwrap_err();
    assert_eq!(crate::exit::classify(&err), crate::exit::Exit::Server);
    // A delta after it still appends to a block of its own.
    let delta = Event {
        data:
            r#"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"}}"#
                .into(),
        ..Default::default()
    };
    d.event(&delta, &mut out).unwrap();
    assert_eq!(block(&d, 0), json!({"type": "text", "text": "x"}));
    let err = MessagesDecoder::default()
        .body(r#"{"content":[5]}"#, &mut out)
        .unwrap_err();
    assert_eq!(crate::exit::classify(&err), crate::exit::Exit::Server);
}

#[test]
fn whole_message_body() {
    let mut d = MessagesDecoder::default();
    let mut out = Vec::new();
    d.body(
        r#"{"id":"msg_2","type":"message","role":"assistant","model":"m","content":[{"type":"thinking","thinking":"t","signature":"s"},{"type":"text","text":"answer"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":2}}"#,
        &mut out,
    )
    .unwrap();
    assert!(out.contains(&Piece::Reasoning("t".into())));
    assert!(out.contains(&Piece::Content("answer".into())));
    assert_eq!(out.last(), Some(&Piece::Done));
    let mut out = Vec::new();
    assert!(MessagesDecoder::default()
        .body(r#"{"content":"not-a-list"}"#, &mut out)
        .is_err());
}
