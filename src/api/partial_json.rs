//! JSON that stopped part-way, read the way the official Anthropic SDK reads a tool's streamed
//! input (jiter's partial mode): objects and arrays left open are closed, a string, key or
//! literal left unfinished is dropped (with its key), and a number at the very end is kept. A
//! reply cut at `max_tokens` thus still yields the tool input written so far. Text that is
//! wrong rather than unfinished gives `None`.

use serde_json::Value;

/// `text` parsed whole, or else its longest complete part with the open containers closed.
pub fn parse(text: &str) -> Option<Value> {
    if let Ok(v) = serde_json::from_str(text) {
        return Some(v);
    }
    let end = scan(text)?.complete;
    if end == 0 {
        return None;
    }
    // The prefix ends where a value did, so the containers open there are all it lacks.
    let open = scan(&text[..end])?.open;
    let mut whole = text[..end].to_string();
    whole.extend(
        open.iter()
            .rev()
            .map(|&b| if b == b'{' { '}' } else { ']' }),
    );
    serde_json::from_str(&whole).ok()
}

/// What one pass over the text found.
struct Scan {
    /// Where the last complete value (or a container's opening) ends: the longest prefix that
    /// becomes valid JSON once its open containers are closed.
    complete: usize,
    /// The containers open at the end of the text, outermost first.
    open: Vec<u8>,
}

/// What may come next.
#[derive(Clone, Copy, PartialEq)]
enum Next {
    Value,
    /// Just after `[`.
    ValueOrEnd,
    Key,
    /// Just after `{`.
    KeyOrEnd,
    Colon,
    CommaOrEnd,
    /// The top-level value is complete.
    Nothing,
}

/// One pass: `None` as soon as the text cannot be the start of any JSON document.
fn scan(text: &str) -> Option<Scan> {
    let bytes = text.as_bytes();
    let mut open: Vec<u8> = Vec::new();
    let mut next = Next::Value;
    let mut complete = 0;
    // Inside a string: whether it is a key, and whether the last byte was a backslash.
    let mut string: Option<bool> = None;
    let mut escaped = false;
    // Where the number or literal being read began.
    let mut scalar: Option<usize> = None;
    let after_value = |open: &[u8]| {
        if open.is_empty() {
            Next::Nothing
        } else {
            Next::CommaOrEnd
        }
    };
    for (i, &b) in bytes.iter().enumerate() {
        if let Some(is_key) = string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                string = None;
                if is_key {
                    next = Next::Colon;
                } else {
                    next = after_value(&open);
                    complete = i + 1;
                }
            }
            continue;
        }
        if let Some(start) = scalar {
            if !matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                continue;
            }
            scalar = None;
            serde_json::from_str::<Value>(&text[start..i]).ok()?;
            next = after_value(&open);
            complete = i;
        }
        if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            continue;
        }
        match (next, b) {
            (Next::Value | Next::ValueOrEnd, b'{') => {
                open.push(b'{');
                next = Next::KeyOrEnd;
                complete = i + 1;
            }
            (Next::Value | Next::ValueOrEnd, b'[') => {
                open.push(b'[');
                next = Next::ValueOrEnd;
                complete = i + 1;
            }
            (Next::Value | Next::ValueOrEnd, b'"') => string = Some(false),
            (Next::Value | Next::ValueOrEnd, b'-' | b'0'..=b'9' | b't' | b'f' | b'n') => {
                scalar = Some(i)
            }
            (Next::Key | Next::KeyOrEnd, b'"') => string = Some(true),
            (Next::Colon, b':') => next = Next::Value,
            (Next::CommaOrEnd, b',') => {
                next = match open.last() {
                    Some(b'{') => Next::Key,
                    _ => Next::Value,
                }
            }
            (Next::ValueOrEnd | Next::CommaOrEnd, b']') if open.last() == Some(&b'[') => {
                open.pop();
                next = after_value(&open);
                complete = i + 1;
            }
            (Next::KeyOrEnd | Next::CommaOrEnd, b'}') if open.last() == Some(&b'{') => {
                open.pop();
                next = after_value(&open);
                complete = i + 1;
            }
            _ => return None,
        }
    }
    // A number or literal that runs to the end counts when it is whole by itself.
    if let Some(start) = scalar {
        if serde_json::from_str::<Value>(&text[start..]).is_ok() {
            complete = bytes.len();
        }
    }
    Some(Scan { complete, open })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unfinished_input_keeps_what_is_complete() {
        let cases = [
            (r#"{"a": 1, "b": 2, "c"#, json!({"a": 1, "b": 2})),
            (r#"{"a": 1, "b": 2, "c": "foo"#, json!({"a": 1, "b": 2})),
            (
                r#"{"a": 1, "b": 2, "c": [1, 2, {"d": 1, "#,
                json!({"a": 1, "b": 2, "c": [1, 2, {"d": 1}]}),
            ),
            (
                r#"["string", true, null, 1, "foo"#,
                json!(["string", true, null, 1]),
            ),
            ("[", json!([])),
            (r#"{"a": [1, 2"#, json!({"a": [1, 2]})),
            (r#"{"a": 12"#, json!({"a": 12})),
            (r#"{"a": tr"#, json!({})),
            (r#"{"a": "x\"y", "b": "z\"#, json!({"a": "x\"y"})),
            (
                r#"{"city": "Paris", "units": "cel"#,
                json!({"city": "Paris"}),
            ),
            (
                r#"{"a": {}, "b": [], "c": {"d""#,
                json!({"a": {}, "b": [], "c": {}}),
            ),
            (r#"{"é": "ü", "x": "ß"#, json!({"é": "ü"})),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text), Some(want), "{text}");
        }
    }

    #[test]
    fn every_prefix_of_a_document_reads_as_an_object() {
        let doc = r#"{"a": 1, "b": [true, false, null, -2.5e3, "s\"\\"], "c": {"d": {}}}"#;
        for i in 1..=doc.len() {
            let v = parse(&doc[..i]);
            assert!(
                matches!(v, Some(Value::Object(_))),
                "{:?} -> {v:?}",
                &doc[..i]
            );
        }
        assert_eq!(parse(doc), serde_json::from_str(doc).ok());
    }

    #[test]
    fn wrong_json_is_none() {
        for text in [
            "",
            "   ",
            r#"{"a" 1}"#,
            "nope",
            r#"{"a": tru, "b": 1"#,
            r#"{"a": 1}}"#,
            r#""abc"#,
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
