//! A request as a plain value: method, URL, headers and JSON body. Builders are pure, so
//! `--dry-run` and `--curl` print exactly what would be sent, and tests check request shapes
//! without a server. The key is never part of the value; it is added by the transport.

use serde_json::Value;

pub const USER_AGENT: &str = concat!("fw/", env!("CARGO_PKG_VERSION"));

#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: &'static str,
    pub url: String,
    /// Headers besides Authorization.
    pub headers: Vec<(&'static str, String)>,
    pub body: Value,
}

impl Request {
    pub fn post_json(url: String, body: Value) -> Request {
        let streaming = body.get("stream").and_then(Value::as_bool) == Some(true);
        let accept = if streaming {
            "text/event-stream"
        } else {
            "application/json"
        };
        Request {
            method: "POST",
            url,
            headers: vec![
                ("Content-Type", "application/json".into()),
                ("Accept", accept.into()),
                ("User-Agent", USER_AGENT.into()),
            ],
            body,
        }
    }

    /// A GET with no body.
    pub fn get(url: String) -> Request {
        Request {
            method: "GET",
            url,
            headers: vec![
                ("Accept", "application/json".into()),
                ("User-Agent", USER_AGENT.into()),
            ],
            body: Value::Null,
        }
    }

    pub fn is_stream(&self) -> bool {
        self.body.get("stream").and_then(Value::as_bool) == Some(true)
    }

    /// The request as HTTP text, key redacted; without a key the Authorization line says so
    /// rather than suggesting one would be sent.
    pub fn to_http_text(&self, has_key: bool) -> String {
        let mut s = format!("{} {}\n", self.method, self.url);
        s.push_str(match has_key {
            true => "Authorization: Bearer (redacted)\n",
            false => "Authorization: (no key: none found, so this would not be sent)\n",
        });
        for (k, v) in &self.headers {
            s.push_str(&format!("{k}: {v}\n"));
        }
        s.push('\n');
        s.push_str(&serde_json::to_string_pretty(&self.body).unwrap_or_default());
        s.push('\n');
        s
    }

    /// An equivalent curl command that reads the key from `$FIREWORKS_API_KEY`.
    pub fn to_curl(&self) -> String {
        let mut s = String::from("curl -sS");
        if self.is_stream() {
            s.push_str(" -N");
        }
        s.push_str(&format!(" -X {} {}", self.method, shell_quote(&self.url)));
        s.push_str(" \\\n  -H \"Authorization: Bearer $FIREWORKS_API_KEY\"");
        for (k, v) in &self.headers {
            s.push_str(&format!(" \\\n  -H {}", shell_quote(&format!("{k}: {v}"))));
        }
        let body = serde_json::to_string(&self.body).unwrap_or_default();
        s.push_str(&format!(" \\\n  --data-raw {}\n", shell_quote(&body)));
        s
    }
}

/// Single-quotes a string for POSIX shells.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn curl_quotes_and_redacts() {
        let r = Request::post_json(
            "https://h/v1/chat/completions".into(),
            json!({"model":"m","stream":true,"messages":[{"role":"user","content":"it's"}]}),
        );
        let c = r.to_curl();
        assert!(c.contains("-N"));
        assert!(c.contains("\"Authorization: Bearer $FIREWORKS_API_KEY\""));
        assert!(
            c.contains(
                r#"'{"model":"m","stream":true,"messages":[{"role":"user","content":"it'\''s"}]}'"#
            ),
            "{c}"
        );
        let t = r.to_http_text(true);
        assert!(
            t.starts_with("POST https://h/v1/chat/completions\nAuthorization: Bearer (redacted)\n")
        );
        assert!(t.contains("User-Agent: fw/"));
        let t = r.to_http_text(false);
        assert!(t.contains("Authorization: (no key:"), "{t}");
        assert!(!t.contains("Bearer"), "{t}");
    }
}
