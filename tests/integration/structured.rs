//! `--schema`, `--schema-multi`, `--json-object` and `--grammar` end to end against the
//! emulator: what each surface is sent, the local check of the answer (compact JSON on stdout,
//! exit 11 and the first violation on stderr), the JSON modes, and partial output.

use serde_json::{json, Value};

use crate::support::{fw, fw_at, Chat, Emulator};

const SCHEMA: &str = "name str, age int, tags [str]";

fn lines(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn chat_schema_answer_is_one_compact_line() {
    let emu = Emulator::start();
    let r = fw_at(&emu)
        .args(["chat", "--schema", SCHEMA, "who wrote the first program?"])
        .run();
    r.code(0);
    // The emulator answers pretty-printed, in pieces: fw prints one line.
    assert_eq!(
        r.stdout,
        "{\"name\":\"text\",\"age\":1,\"tags\":[\"text\",\"text\"]}\n"
    );
    let body = emu.only_body();
    let f = &body["response_format"];
    assert_eq!(f["type"], "json_schema");
    assert_eq!(f["json_schema"]["name"], "answer");
    assert_eq!(
        f["json_schema"]["schema"]["required"],
        json!(["name", "age", "tags"])
    );
    assert_eq!(f["json_schema"]["schema"]["additionalProperties"], false);
    // The prompt does not mention JSON, so the system prompt asks for it.
    let system = body["messages"][0]["content"].as_str().unwrap();
    assert!(system.starts_with("Answer with JSON only"), "{system}");
}

#[test]
fn messages_schema_goes_in_output_config() {
    let emu = Emulator::start();
    let r = fw_at(&emu)
        .args([
            "messages",
            "--reasoning-effort",
            "low",
            "--schema",
            SCHEMA,
            "hi",
        ])
        .run();
    r.code(0);
    assert_eq!(
        lines(&r.stdout),
        vec![json!({"name": "text", "age": 1, "tags": ["text", "text"]})]
    );
    let body = emu.only_body();
    assert_eq!(body["output_config"]["effort"], "low");
    assert_eq!(body["output_config"]["format"]["type"], "json_schema");
    assert_eq!(body["output_config"]["format"]["schema"]["type"], "object");
    assert!(body["system"].as_str().unwrap().contains("JSON Schema"));
    assert!(body.get("response_format").is_none());
}

#[test]
fn a_schema_from_a_file_or_inline_json() {
    let emu = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    std::fs::write(
        &path,
        r#"{"type":"object","properties":{"ok":{"type":"boolean"}}}"#,
    )
    .unwrap();
    let r = fw_at(&emu)
        .args(["chat", "--schema"])
        .arg(&path)
        .arg("answer in JSON")
        .run();
    r.code(0);
    assert_eq!(r.stdout, "{\"ok\":true}\n");
    let body = &emu.requests()[0].body;
    // The prompt mentions JSON: no instruction is added.
    assert_eq!(body["messages"][0]["role"], "user");
    let r = fw_at(&emu)
        .args([
            "chat",
            "--schema",
            r#"{"type":"object","properties":{"n":{"type":"integer"}}}"#,
            "x",
        ])
        .run();
    assert_eq!(r.code(0).stdout, "{\"n\":1}\n");
}

#[test]
fn bad_schemas_are_usage_errors() {
    for (schema, says) in [
        ("name text", "unknown type \"text\""),
        ("{\"type\": 5}", "not a usable JSON Schema"),
        ("{not json", "not valid JSON"),
        ("schemas/missing.json", "does not exist"),
    ] {
        let r = fw()
            .env("FIREWORKS_API_KEY", "k")
            .args(["chat", "--dry-run", "--schema", schema, "x"])
            .run();
        r.code(2);
        assert!(r.stderr.contains(says), "{schema}: {}", r.stderr);
        assert!(r.stdout.is_empty());
    }
}

#[test]
fn a_mismatch_exits_11_with_the_answer_on_stdout() {
    let emu = Emulator::serving(Chat {
        content: vec![
            "{\"name\": \"Ada\",".into(),
            " \"age\": \"old\", \"tags\": []}".into(),
        ],
        follow_schema: false,
        ..Chat::default()
    });
    let r = fw_at(&emu).args(["chat", "--schema", SCHEMA, "x"]).run();
    r.code(11);
    assert_eq!(r.stdout, "{\"name\":\"Ada\",\"age\":\"old\",\"tags\":[]}\n");
    assert!(
        r.stderr
            .contains("error: the answer does not match the schema: at /age:"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.matches("error:").count(), 1, "{}", r.stderr);
}

#[test]
fn a_non_json_answer_exits_11_and_is_printed_as_it_came() {
    let emu = Emulator::serving(Chat {
        content: vec!["Sure! ".into(), "Ada Lovelace.".into()],
        follow_schema: false,
        ..Chat::default()
    });
    for cmd in ["chat", "messages"] {
        let r = fw_at(&emu).args([cmd, "--schema", SCHEMA, "x"]).run();
        r.code(11);
        assert_eq!(r.stdout, "Sure! Ada Lovelace.\n");
        assert!(r.stderr.contains("the answer is not JSON"), "{}", r.stderr);
    }
}

#[test]
fn schema_multi_prints_a_line_per_item() {
    let emu = Emulator::start();
    let r = fw_at(&emu)
        .args([
            "chat",
            "--schema",
            "name str",
            "--schema-multi",
            "three names",
        ])
        .run();
    r.code(0);
    assert_eq!(r.stdout, "{\"name\":\"text\"}\n{\"name\":\"text\"}\n");
    let schema = &emu.only_body()["response_format"]["json_schema"]["schema"];
    assert_eq!(schema["required"], json!(["items"]));
    assert_eq!(schema["properties"]["items"]["type"], "array");
    assert_eq!(
        schema["properties"]["items"]["items"]["required"],
        json!(["name"])
    );
    let r = fw().args(["chat", "--schema-multi", "x"]).run();
    r.code(2);
    assert!(r.stderr.contains("--schema"), "{}", r.stderr);
}

#[test]
fn json_object_mode_on_both_surfaces() {
    let emu = Emulator::start();
    let r = fw_at(&emu)
        .args(["chat", "--json-object", "list colours"])
        .run();
    r.code(0);
    assert_eq!(r.stdout, "{\"answer\":\"Hello from the emulator.\"}\n");
    let body = emu.only_body();
    assert_eq!(body["response_format"], json!({"type": "json_object"}));
    assert_eq!(
        body["messages"][0]["content"],
        "Answer with a JSON object only."
    );
    // Messages has no JSON-object mode: the schema of any object stands in.
    let emu = Emulator::start();
    let r = fw_at(&emu)
        .args(["messages", "--json-object", "-s", "Be brief.", "x"])
        .run();
    r.code(0);
    let body = emu.only_body();
    assert_eq!(
        body["output_config"]["format"],
        json!({"type": "json_schema", "schema": {"type": "object"}})
    );
    assert_eq!(
        body["system"],
        "Be brief.\n\nAnswer with a JSON object only."
    );
    // An answer that is JSON but not an object does not pass.
    let emu = Emulator::serving(Chat {
        content: vec!["[1, 2]".into()],
        follow_schema: false,
        ..Chat::default()
    });
    let r = fw_at(&emu).args(["chat", "--json-object", "x"]).run();
    r.code(11);
    assert_eq!(r.stdout, "[1,2]\n");
}

#[test]
fn dry_run_says_what_it_added() {
    let r = fw()
        .env("FIREWORKS_API_KEY", "k")
        .args(["chat", "--dry-run", "--schema", "a int", "x"])
        .run();
    r.code(0);
    assert!(
        r.stdout
            .contains("# structured output: JSON matching --schema"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("# added to the system prompt, since the prompt does not mention JSON"),
        "{}",
        r.stdout
    );
    let r = fw()
        .env("FIREWORKS_API_KEY", "k")
        .args(["chat", "--dry-run", "--json-object", "reply in JSON"])
        .run();
    r.code(0);
    assert!(
        !r.stdout.contains("# added to the system prompt"),
        "{}",
        r.stdout
    );
}

#[test]
fn grammar_is_chat_only() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("yes.gbnf");
    std::fs::write(&g, "root ::= \"yes\" | \"no\"\n").unwrap();
    let emu = Emulator::serving(Chat {
        content: vec!["yes".into()],
        ..Chat::default()
    });
    let r = fw_at(&emu)
        .args(["chat", "--grammar"])
        .arg(&g)
        .arg("x")
        .run();
    // Not JSON: streamed and printed as it is, not checked.
    assert_eq!(r.code(0).stdout, "yes\n");
    assert_eq!(
        emu.only_body()["response_format"],
        json!({"type": "grammar", "grammar": "root ::= \"yes\" | \"no\"\n"})
    );
    let r = fw_at(&emu)
        .args(["messages", "--grammar"])
        .arg(&g)
        .arg("x")
        .run();
    r.code(2);
    assert!(
        r.stderr.contains("Messages has no grammar mode"),
        "{}",
        r.stderr
    );
    assert_eq!(emu.requests().len(), 1, "nothing sent");
    let r = fw_at(&emu)
        .args(["chat", "--grammar", "/no/such.gbnf", "x"])
        .run();
    r.code(2);
    assert!(
        r.stderr.contains("cannot read --grammar file"),
        "{}",
        r.stderr
    );
}

#[test]
fn json_modes_carry_the_verdict() {
    let emu = Emulator::start();
    let r = fw_at(&emu)
        .args(["chat", "--json", "--schema", SCHEMA, "x"])
        .run();
    r.code(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["structured"], json!({"valid": true, "error": null}));
    assert!(v["content"].as_str().unwrap().contains("\"age\": 1"));

    let emu = Emulator::serving(Chat {
        content: vec!["{\"name\": 1}".into()],
        follow_schema: false,
        ..Chat::default()
    });
    let r = fw_at(&emu)
        .args(["messages", "--json", "--schema", SCHEMA, "x"])
        .run();
    r.code(11);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["structured"]["valid"], false);
    assert!(
        v["structured"]["error"]
            .as_str()
            .unwrap()
            .starts_with("at /"),
        "{v}"
    );
    assert!(
        r.stderr.contains("does not match the schema"),
        "{}",
        r.stderr
    );

    let r = fw_at(&emu)
        .args(["chat", "--jsonl", "--schema", SCHEMA, "x"])
        .run();
    r.code(11);
    let all = lines(&r.stdout);
    assert_eq!(all[0], json!({"type": "content", "text": "{\"name\": 1}"}));
    let last = all.last().unwrap();
    assert_eq!(last["type"], "summary");
    assert_eq!(last["structured"]["valid"], false);
}

#[test]
fn a_failed_stream_still_prints_what_arrived() {
    let emu = Emulator::serving(Chat {
        content: vec![
            "{\"name\": ".into(),
            "\"Ada\"".into(),
            ", \"age\": 3}".into(),
        ],
        follow_schema: false,
        drop_after: Some(3),
        ..Chat::default()
    });
    let r = fw_at(&emu)
        .args(["chat", "--retries", "0", "--schema", SCHEMA, "x"])
        .run();
    // The network failure's code, not 11; the partial answer as it came, ended cleanly.
    r.code(8);
    assert_eq!(r.stdout, "{\"name\": \"Ada\"\n");
    assert!(!r.stderr.contains("schema"), "{}", r.stderr);
}
