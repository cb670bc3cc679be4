//! `-a/--attach`: files, standard input and URLs sent with the prompt. An image (png, jpeg, gif
//! or webp, told from its first bytes, never from its name) becomes the surface's image part
//! (a base64 data URI on chat, a base64 source on Messages); an http(s) URL is passed on as
//! an image URL, not downloaded; UTF-8 text becomes a text part headed by its name. Each
//! attachment also has a wire-neutral description (`Meta`: where it came from, media type,
//! size, sha256) so records can keep it by reference rather than by its bytes.

use std::io::Read;

use anyhow::Result;
use base64::Engine;
use serde::Serialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::exit::Failure;

/// The largest file (or standard input) one `-a` takes. Fireworks publishes no image size
/// limit; 10 MiB is a documented default that keeps a request (base64 adds a third) well
/// within what HTTP front ends accept.
pub const MAX_BYTES: u64 = 10 * 1024 * 1024;

/// What is recorded of an attachment: enough to find it and tell whether it changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meta {
    /// The path as given, "-" for standard input, or the URL.
    pub source: String,
    /// `image/png`, `image/jpeg`, `image/gif`, `image/webp` or `text/plain`; none for a URL,
    /// which is not fetched.
    pub media_type: Option<&'static str>,
    pub bytes: Option<u64>,
    /// Lower-case hex.
    pub sha256: Option<String>,
}

impl Meta {
    /// This description as the log keeps it: a file's path made absolute, so the reference
    /// still names the file when read from another directory. Standard input and URLs stay.
    pub fn for_log(&self) -> Meta {
        let is_path = self.media_type.is_some() && self.source != "-";
        let absolute = is_path
            .then(|| std::path::absolute(&self.source).ok())
            .flatten()
            .map(|p| p.display().to_string());
        Meta {
            source: absolute.unwrap_or_else(|| self.source.clone()),
            ..self.clone()
        }
    }

    /// The text part that stands for the attachment where its bytes are not kept (the local
    /// log, and so the history `-c` sends again).
    pub fn reference(&self) -> Value {
        let mut what = vec![self.source.clone()];
        what.extend(self.media_type.map(str::to_string));
        what.extend(self.bytes.map(|n| format!("{n} bytes")));
        what.extend(self.sha256.as_ref().map(|h| format!("sha256 {h}")));
        json!({"type": "text", "text": format!("[attachment: {}]", what.join(", "))})
    }
}

#[derive(Debug, Clone)]
enum Content {
    Image {
        media_type: &'static str,
        base64: String,
    },
    Url(String),
    Text(String),
}

/// One `-a` value, read and checked.
#[derive(Debug, Clone)]
pub struct Attachment {
    pub meta: Meta,
    content: Content,
}

impl Attachment {
    /// Reads `arg`: an http(s) URL, `-` (standard input, through `read_stdin`), or a path.
    pub fn load(arg: &str, read_stdin: impl FnOnce() -> Result<Vec<u8>>) -> Result<Attachment> {
        if arg.starts_with("http://") || arg.starts_with("https://") {
            url::Url::parse(arg)
                .map_err(|e| Failure::usage(format!("-a {arg}: not a valid URL ({e})")))?;
            return Ok(Attachment {
                meta: Meta {
                    source: arg.to_string(),
                    media_type: None,
                    bytes: None,
                    sha256: None,
                },
                content: Content::Url(arg.to_string()),
            });
        }
        let (bytes, name) = match arg {
            "-" => (read_stdin()?, "standard input".to_string()),
            path => (read_file(path)?, path.to_string()),
        };
        Attachment::from_bytes(arg, &name, bytes)
    }

    fn from_bytes(source: &str, name: &str, bytes: Vec<u8>) -> Result<Attachment> {
        let size = bytes.len() as u64;
        if size > MAX_BYTES {
            return Err(too_big(name, size));
        }
        let sha256 = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let (media_type, content) = match sniff(&bytes) {
            Some(t) => (
                t,
                Content::Image {
                    media_type: t,
                    base64: base64::engine::general_purpose::STANDARD.encode(&bytes),
                },
            ),
            None => match String::from_utf8(bytes) {
                Ok(text) if !text.contains('\0') => (
                    "text/plain",
                    Content::Text(format!("File: {name}\n\n{text}")),
                ),
                _ => {
                    return Err(Failure::usage(format!(
                        "-a {name}: unknown type: not a png, jpeg, gif or webp image (told from \
                         its first bytes) and not UTF-8 text"
                    ))
                    .hint("convert it to one of those, or give an image URL")
                    .into())
                }
            },
        };
        Ok(Attachment {
            meta: Meta {
                source: source.to_string(),
                media_type: Some(media_type),
                bytes: Some(size),
                sha256: Some(sha256),
            },
            content,
        })
    }

    /// An image (a file's or a URL), as opposed to text.
    pub fn is_image(&self) -> bool {
        !matches!(self.content, Content::Text(_))
    }

    /// The chat completions content part.
    pub fn chat_part(&self) -> Value {
        match &self.content {
            Content::Image { media_type, base64 } => json!({"type": "image_url",
                "image_url": {"url": format!("data:{media_type};base64,{base64}")}}),
            Content::Url(u) => json!({"type": "image_url", "image_url": {"url": u}}),
            Content::Text(t) => json!({"type": "text", "text": t}),
        }
    }

    /// The Messages content block.
    pub fn messages_part(&self) -> Value {
        match &self.content {
            Content::Image { media_type, base64 } => json!({"type": "image",
                "source": {"type": "base64", "media_type": media_type, "data": base64}}),
            Content::Url(u) => json!({"type": "image", "source": {"type": "url", "url": u}}),
            Content::Text(t) => json!({"type": "text", "text": t}),
        }
    }
}

/// Puts `parts` at the start of the last message when it is the user's (the prompt, or the
/// last turn of `--messages`), else in a user message of their own at the end. Attachments
/// come before the prompt's text: models read an image better with the question after it.
pub fn attach(messages: &mut Vec<Value>, parts: Vec<Value>) {
    if parts.is_empty() {
        return;
    }
    match messages.last_mut() {
        Some(m) if m.get("role").and_then(Value::as_str) == Some("user") => {
            let mut content = parts;
            match m.get("content") {
                Some(Value::String(s)) if !s.is_empty() => {
                    content.push(json!({"type": "text", "text": s}))
                }
                Some(Value::Array(a)) => content.extend(a.iter().cloned()),
                _ => {}
            }
            m["content"] = Value::Array(content);
        }
        _ => messages.push(json!({"role": "user", "content": parts})),
    }
}

/// The image type the bytes start with.
pub fn sniff(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if b.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

fn too_big(name: &str, size: u64) -> anyhow::Error {
    let mib = |n: u64| n as f64 / (1024.0 * 1024.0);
    Failure::usage(format!(
        "-a {name} is {:.1} MiB, over the {:.0} MiB attachment limit",
        mib(size),
        mib(MAX_BYTES)
    ))
    .hint("shrink or recompress it, or give its URL with -a https://...")
    .into()
}

/// A file's bytes, refusing one over the limit before reading it all.
fn read_file(path: &str) -> Result<Vec<u8>> {
    let cannot = |e: std::io::Error| Failure::usage(format!("cannot read -a {path}: {e}"));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if meta.is_dir() {
        return Err(Failure::usage(format!("-a {path} is a directory, not a file")).into());
    }
    if meta.len() > MAX_BYTES {
        return Err(too_big(path, meta.len()));
    }
    read_capped(file).map_err(|e| cannot(e).into())
}

/// Everything `r` gives, up to one byte past the limit (which `from_bytes` then refuses).
fn read_capped(r: impl Read) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    r.take(MAX_BYTES + 1).read_to_end(&mut buf)?;
    Ok(buf)
}

/// All of standard input as bytes, for `-a -`.
pub fn read_stdin() -> Result<Vec<u8>> {
    read_capped(std::io::stdin().lock())
        .map_err(|e| Failure::usage(format!("cannot read standard input: {e}")).into())
}

/// A body fit to print: base64 image data (data URIs on chat, `source.data` on Messages)
/// shortened to its first characters and its decoded size, so `--dry-run` never prints
/// megabytes.
pub fn shorten(body: &Value) -> Value {
    match body {
        Value::String(s) if s.starts_with("data:") && s.len() > 64 => {
            let Some((head, data)) = s.split_once(',') else {
                return body.clone();
            };
            Value::String(format!("{head},{}", short(data)))
        }
        Value::Array(a) => Value::Array(a.iter().map(shorten).collect()),
        Value::Object(o) => {
            let base64 = o.get("type").and_then(Value::as_str) == Some("base64");
            Value::Object(
                o.iter()
                    .map(|(k, v)| match (base64, k.as_str(), v) {
                        (true, "data", Value::String(s)) => (k.clone(), json!(short(s))),
                        _ => (k.clone(), shorten(v)),
                    })
                    .collect(),
            )
        }
        v => v.clone(),
    }
}

/// `iVBORw0KGgoAAAANSUhE…(123456 bytes)`: the start and the decoded size of base64 text.
fn short(data: &str) -> String {
    let pad = data.bytes().rev().take_while(|b| *b == b'=').count();
    let bytes = (data.len() / 4 * 3).saturating_sub(pad);
    let start: String = data.chars().take(16).collect();
    format!("{start}…({bytes} bytes)")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    #[test]
    fn type_from_content_not_name() {
        assert_eq!(sniff(PNG), Some("image/png"));
        assert_eq!(sniff(&[0xff, 0xd8, 0xff, 0xe0]), Some("image/jpeg"));
        assert_eq!(sniff(b"GIF89a..."), Some("image/gif"));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WAVEfmt "), None);
        assert_eq!(sniff(b"hello"), None);
    }

    #[test]
    fn images_text_and_unknown_bytes() {
        let a = Attachment::from_bytes("x.txt", "x.txt", PNG.to_vec()).unwrap();
        assert_eq!(a.meta.media_type, Some("image/png"));
        assert_eq!(a.meta.bytes, Some(PNG.len() as u64));
        assert_eq!(a.meta.sha256.as_ref().unwrap().len(), 64);
        let url = a.chat_part()["image_url"]["url"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            url.starts_with("data:image/png;base64,iVBORw0KGgo"),
            "{url}"
        );
        assert_eq!(a.messages_part()["source"]["media_type"], "image/png");

        let t = Attachment::from_bytes("n.md", "n.md", b"hi there".to_vec()).unwrap();
        assert_eq!(t.chat_part()["text"], "File: n.md\n\nhi there");
        assert!(!t.is_image());
        assert!(Attachment::from_bytes("b", "b", vec![0, 159, 146, 150]).is_err());
        assert!(Attachment::from_bytes("b", "b", b"a\0b".to_vec()).is_err());
        let big = vec![b'a'; MAX_BYTES as usize + 1];
        let err = Attachment::from_bytes("big", "big", big).unwrap_err();
        assert!(err.to_string().contains("10 MiB"), "{err}");
    }

    #[test]
    fn urls_pass_through() {
        let a = Attachment::load("https://example.com/cat.png", || unreachable!()).unwrap();
        assert_eq!(
            a.chat_part()["image_url"]["url"],
            "https://example.com/cat.png"
        );
        assert_eq!(
            a.messages_part(),
            json!({"type": "image", "source": {"type": "url", "url": "https://example.com/cat.png"}})
        );
        assert_eq!(a.meta.sha256, None);
    }

    #[test]
    fn parts_lead_the_last_user_message() {
        let mut m = vec![json!({"role": "user", "content": "what is this?"})];
        attach(&mut m, vec![json!({"type": "image_url"})]);
        assert_eq!(
            m[0]["content"],
            json!([{"type": "image_url"}, {"type": "text", "text": "what is this?"}])
        );
        let mut m = vec![json!({"role": "assistant", "content": "ok"})];
        attach(&mut m, vec![json!({"type": "text", "text": "f"})]);
        assert_eq!(m.len(), 2);
        assert_eq!(m[1]["role"], "user");
    }

    #[test]
    fn dry_run_shortens_base64() {
        let data = "A".repeat(4000);
        let body = json!({"messages": [{"content": [
            {"type": "image_url", "image_url": {"url": format!("data:image/png;base64,{data}")}},
            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": data}},
            {"type": "text", "text": "keep me"},
        ]}]});
        let s = shorten(&body);
        let c = &s["messages"][0]["content"];
        assert_eq!(
            c[0]["image_url"]["url"],
            "data:image/png;base64,AAAAAAAAAAAAAAAA…(3000 bytes)"
        );
        assert_eq!(c[1]["source"]["data"], "AAAAAAAAAAAAAAAA…(3000 bytes)");
        assert_eq!(c[2]["text"], "keep me");
    }
}
