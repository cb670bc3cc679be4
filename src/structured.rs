//! Structured output: what `--schema`, `--schema-multi`, `--json-object` and `--grammar` ask
//! for, how each surface carries it (chat `response_format`, Messages `output_config.format`),
//! the instruction JSON mode needs when the prompt does not mention JSON, and the local check
//! of the answer. The server is asked to follow the schema, but a script needs to know, so the
//! answer is checked here with a JSON Schema validator: a matching answer is printed as one
//! compact JSON line (one per item with `--schema-multi`), anything else is printed as it came
//! and the command exits 11. docs/structured.md describes the whole feature.

use anyhow::Result;
use serde_json::{json, Map, Value};

use crate::exit::{Exit, Failure};

/// What shape the answer is asked to have.
#[derive(Debug, Clone)]
pub enum Format {
    /// `--schema`: the answer must match this JSON Schema. With `multi`, the schema sent is an
    /// object whose `items` array holds answers of `item`, and each item is printed on a line.
    Schema {
        /// The schema sent and checked against.
        schema: Value,
        /// The user's schema, for `--schema-multi` (the item schema); else the same as `schema`.
        item: Value,
        multi: bool,
    },
    /// `--json-object`: any JSON object.
    JsonObject,
    /// `--grammar FILE`: Fireworks GBNF, chat only. Not checked locally.
    Grammar(String),
}

/// The property `--schema-multi` wraps the items in: most structured-output servers want an
/// object at the top, not an array.
const ITEMS: &str = "items";

/// The schema name chat's `response_format.json_schema` requires.
const SCHEMA_NAME: &str = "answer";

impl Format {
    /// `--schema SCHEMA`: a file holding JSON, inline JSON, or the compact form.
    pub fn schema(arg: &str, multi: bool) -> Result<Format> {
        let item = read_schema(arg)?;
        if let Err(e) = compile(&item) {
            return Err(
                Failure::usage(format!("--schema is not a usable JSON Schema: {e}"))
                    .hint("see docs/structured.md for the forms --schema takes")
                    .into(),
            );
        }
        let schema = match multi {
            false => item.clone(),
            true => json!({
                "type": "object",
                "properties": {ITEMS: {"type": "array", "items": item}},
                "required": [ITEMS],
                "additionalProperties": false,
            }),
        };
        Ok(Format::Schema {
            schema,
            item,
            multi,
        })
    }

    /// `--grammar FILE`: the GBNF text, read once.
    pub fn grammar(path: &str) -> Result<Format> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::usage(format!("cannot read --grammar file {path}: {e}")))?;
        if text.trim().is_empty() {
            return Err(Failure::usage(format!("--grammar file {path} is empty")).into());
        }
        Ok(Format::Grammar(text))
    }

    /// The answer is JSON that fw checks and prints compactly (not a grammar's free text).
    pub fn is_json(&self) -> bool {
        !matches!(self, Format::Grammar(_))
    }

    /// Chat completions' `response_format`.
    pub fn chat_field(&self) -> Value {
        match self {
            Format::Schema { schema, .. } => json!({
                "type": "json_schema",
                "json_schema": {"name": SCHEMA_NAME, "schema": schema},
            }),
            Format::JsonObject => json!({"type": "json_object"}),
            Format::Grammar(g) => json!({"type": "grammar", "grammar": g}),
        }
    }

    /// Messages' `output_config.format`. Messages has no JSON-object mode, so `--json-object`
    /// sends the schema of any object; it has no grammar mode at all (refused earlier).
    pub fn messages_field(&self) -> Option<Value> {
        match self {
            Format::Schema { schema, .. } => Some(json!({"type": "json_schema", "schema": schema})),
            Format::JsonObject => {
                Some(json!({"type": "json_schema", "schema": {"type": "object"}}))
            }
            Format::Grammar(_) => None,
        }
    }

    /// The instruction added to the system prompt when nothing the model reads mentions JSON:
    /// Fireworks' docs warn that JSON mode without one may produce whitespace until
    /// `max_tokens`. `None` when no instruction is needed.
    pub fn instruction(&self, texts: &[&str]) -> Option<String> {
        if !self.is_json()
            || texts
                .iter()
                .any(|t| t.to_ascii_lowercase().contains("json"))
        {
            return None;
        }
        Some(match self {
            Format::Schema { schema, .. } => format!(
                "Answer with JSON only, matching this JSON Schema: {}",
                serde_json::to_string(schema).unwrap_or_default()
            ),
            _ => "Answer with a JSON object only.".to_string(),
        })
    }

    /// What `--dry-run` says about the mode.
    pub fn describe(&self) -> String {
        match self {
            Format::Schema { multi: false, .. } => "JSON matching --schema".into(),
            Format::Schema { multi: true, .. } => {
                format!("JSON {{\"{ITEMS}\": [...]}} of --schema items, printed one per line")
            }
            Format::JsonObject => "any JSON object (--json-object)".into(),
            Format::Grammar(_) => "Fireworks GBNF grammar (--grammar), not checked locally".into(),
        }
    }

    /// Checks the whole answer. `Ok` holds the lines to print (compact JSON); `Err` says why
    /// the answer does not match, with the first violation.
    pub fn check(&self, answer: &str) -> Result<Vec<String>, Mismatch> {
        if !self.is_json() {
            return Ok(vec![answer.to_string()]);
        }
        let value: Value = serde_json::from_str(answer.trim()).map_err(|e| Mismatch {
            message: format!("the answer is not JSON ({e})"),
            value: None,
        })?;
        let compact = |v: &Value| serde_json::to_string(v).unwrap_or_default();
        let bad = |message: String| Mismatch {
            message,
            value: Some(value.clone()),
        };
        match self {
            Format::Grammar(_) => Ok(vec![answer.to_string()]),
            Format::JsonObject if value.is_object() => Ok(vec![compact(&value)]),
            Format::JsonObject => Err(bad("the answer is JSON but not an object".into())),
            Format::Schema { schema, multi, .. } => {
                // The schema compiled when the flag was read; it cannot fail here.
                let (schemas, index) = compile(schema)
                    .map_err(|e| bad(format!("the schema does not compile: {e}")))?;
                if let Err(e) = schemas.validate(&value, index) {
                    // The first violation: the first leaf of boon's tree of causes.
                    let mut leaf = &e;
                    while let Some(first) = leaf.causes.first() {
                        leaf = first;
                    }
                    let at = leaf.instance_location.to_string();
                    let at = if at.is_empty() { "/".into() } else { at };
                    let what: String = leaf.kind.to_string().chars().take(200).collect();
                    return Err(bad(format!("at {at}: {what}")));
                }
                match (multi, value.get(ITEMS).and_then(Value::as_array)) {
                    (true, Some(items)) => Ok(items.iter().map(compact).collect()),
                    _ => Ok(vec![compact(&value)]),
                }
            }
        }
    }
}

/// Why an answer failed the check.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    pub message: String,
    /// The answer as parsed, when it was JSON at all.
    pub value: Option<Value>,
}

impl Mismatch {
    /// The error the command ends with: exit 11, so a script can tell a wrong answer from a
    /// failed request.
    pub fn failure(&self) -> Failure {
        Failure::new(
            Exit::SchemaMismatch,
            format!("the answer does not match the schema: {}", self.message),
        )
        .hint("the answer is on stdout as it came; see docs/structured.md")
    }

    /// What stdout gets: the JSON compacted onto one line when it parsed, else the raw text.
    pub fn output(&self, answer: &str) -> String {
        match &self.value {
            Some(v) => serde_json::to_string(v).unwrap_or_else(|_| answer.to_string()),
            None => answer.to_string(),
        }
    }
}

/// The check's verdict as `--json` and `--jsonl` report it.
pub fn report(format: &Format, answer: &str) -> Value {
    match format.check(answer) {
        _ if !format.is_json() => json!({"mode": "grammar", "checked": false}),
        Ok(_) => json!({"valid": true, "error": null}),
        Err(m) => json!({"valid": false, "error": m.message}),
    }
}

/// A schema from a file, inline JSON, or the compact form, in that order of trying.
fn read_schema(arg: &str) -> Result<Value> {
    let path = std::path::Path::new(arg);
    if path.is_file() {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::usage(format!("cannot read --schema file {arg}: {e}")))?;
        return serde_json::from_str(&text).map_err(|e| {
            Failure::usage(format!("--schema file {arg} is not valid JSON: {e}")).into()
        });
    }
    let t = arg.trim();
    if t.starts_with('{') {
        return serde_json::from_str(t)
            .map_err(|e| Failure::usage(format!("--schema is not valid JSON: {e}")).into());
    }
    if t.ends_with(".json") || t.contains('/') {
        return Err(Failure::usage(format!("--schema file {arg} does not exist")).into());
    }
    compact(t).map_err(|e| {
        Failure::usage(format!("--schema {arg:?}: {e}"))
            .hint("the compact form is 'name str, age int, tags [str]' (docs/structured.md)")
            .into()
    })
}

/// The compact form: `name str, age int, tags [str], home {city str, zip str?}`. Each field is
/// a name and a type; the types are str, int, float, bool, `[T]` and `{fields}`; a type ending
/// in `?` makes the field optional. Every object is closed (no other properties).
pub fn compact(text: &str) -> Result<Value, String> {
    let mut p = Compact {
        s: text.as_bytes(),
        i: 0,
    };
    let v = p.fields(None)?;
    p.space();
    match p.peek() {
        None => Ok(v),
        Some(c) => Err(format!("unexpected {:?} at column {}", c as char, p.i + 1)),
    }
}

struct Compact<'a> {
    s: &'a [u8],
    i: usize,
}

impl Compact<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn space(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_whitespace()) {
            self.i += 1;
        }
    }

    fn word(&mut self) -> String {
        self.space();
        let start = self.i;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
        {
            self.i += 1;
        }
        String::from_utf8_lossy(&self.s[start..self.i]).into_owned()
    }

    /// Fields up to `end` (a closing brace) or the end of the text.
    fn fields(&mut self, end: Option<u8>) -> Result<Value, String> {
        let mut props = Map::new();
        let mut required = Vec::new();
        loop {
            let name = self.word();
            if name.is_empty() {
                return Err(match self.peek() {
                    None => "expected a field name, such as 'name str'".into(),
                    Some(c) => format!(
                        "expected a field name at column {}, found {:?}",
                        self.i + 1,
                        c as char
                    ),
                });
            }
            if props.contains_key(&name) {
                return Err(format!("field {name:?} is given twice"));
            }
            self.space();
            if self.peek() == Some(b':') {
                self.i += 1;
            }
            let ty = self.ty().map_err(|e| format!("field {name:?}: {e}"))?;
            self.space();
            if self.peek() == Some(b'?') {
                self.i += 1;
            } else {
                required.push(json!(name));
            }
            props.insert(name, ty);
            self.space();
            match self.peek() {
                Some(b',') => self.i += 1,
                c if c == end => break,
                Some(c) => {
                    return Err(format!(
                        "expected ',' at column {}, found {:?}",
                        self.i + 1,
                        c as char
                    ))
                }
                None => return Err("expected '}'".into()),
            }
        }
        Ok(json!({
            "type": "object",
            "properties": props,
            "required": required,
            "additionalProperties": false,
        }))
    }

    fn ty(&mut self) -> Result<Value, String> {
        self.space();
        match self.peek() {
            Some(b'[') => {
                self.i += 1;
                let item = self.ty()?;
                self.space();
                if self.peek() != Some(b']') {
                    return Err("expected ']'".into());
                }
                self.i += 1;
                Ok(json!({"type": "array", "items": item}))
            }
            Some(b'{') => {
                self.i += 1;
                let v = self.fields(Some(b'}'))?;
                self.i += 1;
                Ok(v)
            }
            _ => {
                let t = self.word();
                let name = match t.as_str() {
                    "str" | "string" => "string",
                    "int" | "integer" => "integer",
                    "float" | "number" => "number",
                    "bool" | "boolean" => "boolean",
                    "" => return Err("expected a type: str, int, float, bool, [T] or {...}".into()),
                    other => {
                        return Err(format!(
                            "unknown type {other:?}: use str, int, float, bool, [T] or {{...}}"
                        ))
                    }
                };
                Ok(json!({"type": name}))
            }
        }
    }
}

/// Compiles a schema with boon (drafts 4 to 2020-12; the schema's `$schema` picks one, 2020-12
/// when it names none). The schema is handed over whole: nothing is fetched.
fn compile(schema: &Value) -> std::result::Result<(boon::Schemas, boon::SchemaIndex), String> {
    const LOC: &str = "urn:fw:schema";
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource(LOC, schema.clone())
        .map_err(|e| e.to_string())?;
    let index = compiler
        .compile(LOC, &mut schemas)
        .map_err(|e| e.to_string())?;
    Ok((schemas, index))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_form() {
        assert_eq!(
            compact("name str, age int, tags [str]").unwrap(),
            json!({"type": "object", "properties": {
                "name": {"type": "string"}, "age": {"type": "integer"},
                "tags": {"type": "array", "items": {"type": "string"}}},
                "required": ["name", "age", "tags"], "additionalProperties": false})
        );
        let v = compact("score: float, ok bool?, home {city str, zip str?}").unwrap();
        assert_eq!(v["required"], json!(["score", "home"]));
        assert_eq!(v["properties"]["ok"], json!({"type": "boolean"}));
        assert_eq!(v["properties"]["home"]["required"], json!(["city"]));
        assert_eq!(
            compact("m [[int]]").unwrap()["properties"]["m"]["items"]["items"],
            json!({"type": "integer"})
        );
        for bad in [
            "",
            "name",
            "name text",
            "a int b int",
            "a int,",
            "a [int",
            "a {b int",
            "a int, a str",
        ] {
            assert!(compact(bad).is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn checks_answers() {
        let f = Format::schema("name str, age int", false).unwrap();
        assert_eq!(
            f.check("{\n  \"name\": \"Ada\", \"age\": 36\n}\n").unwrap(),
            vec![r#"{"name":"Ada","age":36}"#]
        );
        let m = f.check(r#"{"name":"Ada","age":"x"}"#).unwrap_err();
        assert!(m.message.starts_with("at /age:"), "{}", m.message);
        assert_eq!(m.output("ignored"), r#"{"name":"Ada","age":"x"}"#);
        let m = f.check("Sure! Here it is").unwrap_err();
        assert!(m.message.contains("not JSON"));
        assert_eq!(m.output("Sure! Here it is"), "Sure! Here it is");
        assert!(f.check(r#"{"name":"Ada","age":1,"x":1}"#).is_err());

        let multi = Format::schema("name str", true).unwrap();
        assert_eq!(
            multi
                .check(r#"{"items":[{"name":"a"},{"name":"b"}]}"#)
                .unwrap(),
            vec![r#"{"name":"a"}"#, r#"{"name":"b"}"#]
        );
        assert!(multi.check(r#"[{"name":"a"}]"#).is_err());

        assert!(Format::JsonObject.check("[1]").is_err());
        assert_eq!(
            Format::JsonObject.check(" {\"a\": 1} ").unwrap(),
            vec![r#"{"a":1}"#]
        );
    }

    #[test]
    fn instruction_only_when_json_is_not_mentioned() {
        let f = Format::JsonObject;
        assert!(f.instruction(&["give me Json please"]).is_none());
        assert!(f.instruction(&["list three colours"]).is_some());
        let s = Format::schema("a int", false).unwrap();
        assert!(s.instruction(&["hi"]).unwrap().contains("\"integer\""));
        assert!(Format::Grammar("root ::= \"a\"".into())
            .instruction(&["hi"])
            .is_none());
    }

    #[test]
    fn wire_fields() {
        let s = Format::schema(r#"{"type":"object"}"#, false).unwrap();
        assert_eq!(
            s.chat_field()["json_schema"]["schema"],
            json!({"type":"object"})
        );
        assert_eq!(s.messages_field().unwrap()["type"], "json_schema");
        assert!(Format::schema(r#"{"type": 5}"#, false).is_err());
        assert!(Format::schema("no/such/file.json", false).is_err());
    }
}
