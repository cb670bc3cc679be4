//! What the user sends: the prompt (words, then standard input), a messages file, `-o` body
//! fields and the reasoning effort. Shared by every command that sends a prompt.

use std::io::Read;

use anyhow::Result;
use serde_json::Value;

use crate::exit::Failure;

/// How hard a reasoning model thinks (`--reasoning-effort`); each wire format sends it its
/// own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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

/// Joins prompt words and standard input. A `-` word means "read standard input here"; without
/// one, standard input is read when it is not a terminal. Standard input follows the words,
/// separated by a blank line. Returns `None` when there is no prompt text at all.
pub fn prompt(
    words: &[String],
    stdin_is_tty: bool,
    read_stdin: impl FnOnce() -> Result<String>,
) -> Result<Option<String>> {
    let dash = words.iter().any(|w| w == "-");
    let words: Vec<&str> = words
        .iter()
        .filter(|w| *w != "-")
        .map(String::as_str)
        .collect();
    let args = words.join(" ");
    let stdin = if dash || !stdin_is_tty {
        read_stdin()?
    } else {
        String::new()
    };
    let text = match (args.trim().is_empty(), stdin.trim().is_empty()) {
        (true, true) => return Ok(None),
        (false, true) => args,
        (true, false) => stdin,
        (false, false) => format!("{args}\n\n{stdin}"),
    };
    Ok(Some(text))
}

/// All of standard input as UTF-8.
pub fn read_stdin() -> Result<String> {
    let mut buf = Vec::new();
    std::io::stdin()
        .read_to_end(&mut buf)
        .map_err(|e| Failure::usage(format!("cannot read standard input: {e}")))?;
    String::from_utf8(buf).map_err(|_| Failure::usage("standard input is not UTF-8 text").into())
}

/// A JSON array of message objects, from a file or `-` (standard input).
pub fn messages(source: &str, read_stdin: impl FnOnce() -> Result<String>) -> Result<Vec<Value>> {
    let (text, name) = if source == "-" {
        (read_stdin()?, "standard input".to_string())
    } else {
        let t = std::fs::read_to_string(source)
            .map_err(|e| Failure::usage(format!("cannot read --messages file {source}: {e}")))?;
        (t, source.to_string())
    };
    let v: Value = serde_json::from_str(&text).map_err(|e| {
        Failure::usage(format!("--messages {name} is not valid JSON: {e}"))
            .hint("give a JSON array such as [{\"role\":\"user\",\"content\":\"hi\"}]")
    })?;
    let Value::Array(items) = v else {
        return Err(Failure::usage(format!(
            "--messages {name} must be a JSON array of messages"
        ))
        .into());
    };
    for (i, m) in items.iter().enumerate() {
        if m.get("role").and_then(Value::as_str).is_none() {
            return Err(Failure::usage(format!(
                "--messages {name}: message {i} has no \"role\" string"
            ))
            .into());
        }
    }
    Ok(items)
}

/// `-o key=value`: the value is JSON when it parses as JSON, else a string.
pub fn options(raw: &[String]) -> Result<Vec<(String, Value)>> {
    raw.iter()
        .map(|o| {
            let (k, v) = o.split_once('=').ok_or_else(|| {
                Failure::usage(format!("-o {o:?} is not key=value")).hint(
                    "for example -o seed=7 or -o 'response_format={\"type\":\"json_object\"}'",
                )
            })?;
            let k = k.trim();
            if k.is_empty() {
                return Err(Failure::usage(format!("-o {o:?} has an empty key")).into());
            }
            let v = serde_json::from_str(v).unwrap_or_else(|_| Value::String(v.to_string()));
            Ok((k.to_string(), v))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn w(words: &[&str]) -> Vec<String> {
        words.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn words_then_stdin() {
        let p = prompt(&w(&["summarize:"]), false, || Ok("text\n".into())).unwrap();
        assert_eq!(p.as_deref(), Some("summarize:\n\ntext\n"));
        let p = prompt(&w(&["hi", "there"]), true, || {
            panic!("must not read a terminal")
        })
        .unwrap();
        assert_eq!(p.as_deref(), Some("hi there"));
        let p = prompt(&w(&["-"]), true, || Ok("from dash".into())).unwrap();
        assert_eq!(p.as_deref(), Some("from dash"));
        let p = prompt(&w(&["x"]), false, || Ok(String::new())).unwrap();
        assert_eq!(p.as_deref(), Some("x"));
        assert_eq!(prompt(&w(&[]), false, || Ok("  \n".into())).unwrap(), None);
    }

    #[test]
    fn option_values() {
        let o = options(&w(&[
            "seed=7",
            "stop=[\"a\"]",
            "user=bob",
            "x=a=b",
            "t=true",
        ]))
        .unwrap();
        assert_eq!(o[0], ("seed".into(), json!(7)));
        assert_eq!(o[1].1, json!(["a"]));
        assert_eq!(o[2].1, json!("bob"));
        assert_eq!(o[3].1, json!("a=b"));
        assert_eq!(o[4].1, json!(true));
        assert!(options(&w(&["novalue"])).is_err());
        assert!(options(&w(&["=1"])).is_err());
    }

    #[test]
    fn messages_must_be_an_array_with_roles() {
        let ok = messages("-", || Ok(r#"[{"role":"user","content":"a"}]"#.into())).unwrap();
        assert_eq!(ok.len(), 1);
        assert!(messages("-", || Ok("{}".into())).is_err());
        assert!(messages("-", || Ok("[{\"content\":1}]".into())).is_err());
        assert!(messages("-", || Ok("nope".into())).is_err());
    }
}
