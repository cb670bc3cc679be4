//! Model lists on the wire: the control plane's paged `GET /v1/accounts/{account}/models`
//! (camelCase, `nextPageToken`) and the OpenAI-style `GET {base}/models` (`data`). Both decode
//! into the same `Listed` records; a reply of the wrong shape is a malformed reply (exit 7),
//! never an empty list.

use anyhow::Result;
use serde_json::Value;

use super::malformed;

/// The largest page the control plane serves.
pub const PAGE_SIZE: u32 = 200;

/// One model as a server lists it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Listed {
    pub id: String,
    pub display_name: Option<String>,
    pub context_length: Option<u64>,
    pub deprecation_date: Option<String>,
    pub supports_tools: Option<bool>,
    pub supports_image_input: Option<bool>,
}

/// One page of the control-plane list.
#[derive(Debug, PartialEq)]
pub struct Page {
    pub models: Vec<Listed>,
    /// The next page's token; `None` at the end.
    pub next: Option<String>,
}

/// The URL of one page of serverless models.
pub fn control_page_url(control: &str, account: &str, token: Option<&str>) -> String {
    let mut url = format!(
        "{}/v1/accounts/{account}/models?filter=supports_serverless%3Dtrue&pageSize={PAGE_SIZE}",
        control.trim_end_matches('/')
    );
    if let Some(t) = token {
        url.push_str("&pageToken=");
        url.push_str(&encode(t));
    }
    url
}

/// Percent-encodes a query value (page tokens are opaque and may hold `=`, `/` or `+`).
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A date as Fireworks may send it: a string, or a `google.type.Date` object.
fn date(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Object(o) => {
            let n = |k: &str| o.get(k).and_then(Value::as_u64);
            Some(format!(
                "{:04}-{:02}-{:02}",
                n("year")?,
                n("month")?,
                n("day")?
            ))
        }
        _ => None,
    }
}

fn number(v: Option<&Value>) -> Option<u64> {
    match v? {
        Value::Number(n) => n.as_u64(),
        // Proto int64 fields arrive as strings in JSON.
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// Decodes one control-plane page.
pub fn control_page(text: &str) -> Result<Page> {
    let v: Value = serde_json::from_str(text).map_err(|e| malformed("model list page", e, text))?;
    let models = match v.get("models") {
        Some(Value::Array(items)) => items,
        // An empty page may leave the list out entirely.
        None | Some(Value::Null) => &Vec::new(),
        Some(_) => return Err(malformed("model list page", "models is not a list", text)),
    };
    let mut out = Vec::with_capacity(models.len());
    for m in models {
        let Some(id) = m.get("name").and_then(Value::as_str) else {
            return Err(malformed("model list page", "a model has no name", text));
        };
        out.push(Listed {
            id: id.to_string(),
            display_name: m
                .get("displayName")
                .and_then(Value::as_str)
                .map(str::to_string),
            context_length: number(m.get("contextLength")),
            deprecation_date: m.get("deprecationDate").and_then(date),
            supports_tools: m.get("supportsTools").and_then(Value::as_bool),
            supports_image_input: m.get("supportsImageInput").and_then(Value::as_bool),
        });
    }
    let next = v
        .get("nextPageToken")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    Ok(Page { models: out, next })
}

/// Decodes an OpenAI-style model list (`{"data":[{"id":...}]}`).
pub fn openai_list(text: &str) -> Result<Vec<Listed>> {
    let v: Value = serde_json::from_str(text).map_err(|e| malformed("model list", e, text))?;
    let Some(Value::Array(items)) = v.get("data") else {
        return Err(malformed("model list", "data is not a list", text));
    };
    items
        .iter()
        .map(|m| {
            let id = m
                .get("id")
                .and_then(Value::as_str)
                .ok_or_else(|| malformed("model list", "a model has no id", text))?;
            Ok(Listed {
                id: id.to_string(),
                context_length: number(m.get("context_length")),
                supports_tools: m.get("supports_tools").and_then(Value::as_bool),
                supports_image_input: m.get("supports_image_input").and_then(Value::as_bool),
                ..Listed::default()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_url() {
        assert_eq!(
            control_page_url("https://api.fireworks.ai/", "fireworks", None),
            "https://api.fireworks.ai/v1/accounts/fireworks/models?filter=supports_serverless%3Dtrue&pageSize=200"
        );
        assert!(control_page_url("h", "a", Some("x/y=+")).ends_with("&pageToken=x%2Fy%3D%2B"));
    }

    #[test]
    fn control_page_shapes() {
        let p = control_page(
            r#"{"models":[{"name":"accounts/fireworks/models/a","displayName":"A","contextLength":131072,
                "deprecationDate":{"year":2026,"month":12,"day":1},"supportsTools":true},
                {"name":"accounts/fireworks/models/b","contextLength":"4096","deprecationDate":"2027-01-02"}],
                "nextPageToken":"t2","totalSize":3}"#,
        )
        .unwrap();
        assert_eq!(p.next.as_deref(), Some("t2"));
        assert_eq!(p.models[0].deprecation_date.as_deref(), Some("2026-12-01"));
        assert_eq!(p.models[0].context_length, Some(131072));
        assert_eq!(p.models[0].supports_tools, Some(true));
        assert_eq!(p.models[1].context_length, Some(4096));
        assert_eq!(p.models[1].deprecation_date.as_deref(), Some("2027-01-02"));
        let empty = control_page(r#"{"nextPageToken":""}"#).unwrap();
        assert_eq!(
            empty,
            Page {
                models: vec![],
                next: None
            }
        );
        assert!(control_page(r#"{"models":{}}"#).is_err());
        assert!(control_page(r#"{"models":[{"displayName":"x"}]}"#).is_err());
        assert!(control_page("<html>").is_err());
    }

    #[test]
    fn openai_shape() {
        let l = openai_list(r#"{"object":"list","data":[{"id":"m1","context_length":8192,"supports_tools":false},{"id":"m2"}]}"#).unwrap();
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].context_length, Some(8192));
        assert_eq!(l[1].id, "m2");
        assert!(openai_list(r#"{"models":[]}"#).is_err());
    }
}
