//! The local log against real SQLite files in temp dirs: what an exchange leaves in it,
//! conversations (`-c`, `--cid`) on both surfaces, the `fw log` views, bench runs, and every way
//! the log can fail without costing the answer: unwritable, full, locked, damaged, newer.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;

use crate::support::{emulator, fw, fw_at, interrupt, read_all, Chat, Emulator, Fw, Reply};

/// A log file in its own temp dir, shared by several fw runs.
struct TestLog {
    dir: tempfile::TempDir,
}

impl TestLog {
    fn new() -> TestLog {
        TestLog {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("data").join("log.db")
    }

    fn spool(&self) -> PathBuf {
        self.dir.path().join("data").join("log.db-pending")
    }

    /// fw pointed at the emulator and at this log.
    fn fw(&self, emu: &Emulator) -> Fw {
        let mut f = fw_at(emu);
        f.env("FW_LOG_DB", self.db().to_str().unwrap());
        f
    }

    /// `fw log --json` (or another view): what it prints.
    fn json(&self, args: &[&str]) -> Value {
        let mut f = fw();
        f.env("FW_LOG_DB", self.db().to_str().unwrap());
        let r = f.arg("log").args(args).arg("--json").run();
        r.code(0);
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
    }

    /// The records a `--json` list view prints.
    fn records(&self, args: &[&str]) -> Vec<Value> {
        self.json(args).as_array().unwrap().clone()
    }

    fn all(&self) -> Vec<Value> {
        self.records(&["-n", "1000"])
    }

    fn log_cmd(&self) -> Fw {
        let mut f = fw();
        f.env("FW_LOG_DB", self.db().to_str().unwrap());
        f.arg("log");
        f
    }
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn an_exchange_is_logged_with_what_was_sent_and_what_came_back() {
    let emu = Emulator::start();
    let log = TestLog::new();
    let r = log
        .fw(&emu)
        .args(["chat", "-s", "be brief", "--json", "what is fw?"])
        .run();
    r.code(0);
    let out: Value = serde_json::from_str(&r.stdout).unwrap();
    let records = log.all();
    assert_eq!(records.len(), 1);
    let e = &records[0];
    assert_eq!(e["kind"], "exchange");
    assert_eq!(e["surface"], "chat");
    assert_eq!(e["prompt"], "what is fw?");
    assert_eq!(e["system"], "be brief");
    assert_eq!(
        e["messages"],
        serde_json::json!([{"role": "user", "content": "what is fw?"}])
    );
    assert_eq!(e["answer"], "Hello from the emulator.");
    assert_eq!(
        e["model"], "accounts/fireworks/models/kimi-k2p6",
        "the model ID sent"
    );
    assert_eq!(e["path"], "standard");
    assert_eq!(e["service_tier"], Value::Null);
    assert_eq!(e["usage"]["input_tokens"], 12);
    assert_eq!(e["usage"]["output_tokens"], 5);
    assert_eq!(e["exit_code"], 0);
    assert_eq!(e["finish_reason"], "stop");
    assert!(e["ttft_ms"].as_f64().unwrap() > 0.0);
    assert!(e["e2e_ms"].as_f64().unwrap() > 0.0);
    // --json carries the ids a script continues with.
    assert_eq!(out["exchange_id"], e["id"]);
    assert_eq!(out["conversation_id"], e["conversation_id"]);
    assert_eq!(
        e["conversation_id"], e["id"],
        "a new conversation is named by its first exchange"
    );

    // Private files, and the key nowhere in them.
    assert_eq!(mode(log.db().parent().unwrap()), 0o700);
    assert_eq!(mode(&log.db()), 0o600);
    for f in std::fs::read_dir(log.db().parent().unwrap()).unwrap() {
        let f = f.unwrap().path();
        if f.is_file() {
            assert_eq!(mode(&f), 0o600, "{}", f.display());
            let bytes = std::fs::read(&f).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains(emulator::KEY), "{}", f.display());
        }
    }
    // WAL mode and the schema version, as another SQLite client sees them.
    let conn = rusqlite::Connection::open(log.db()).unwrap();
    let jm: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(jm, "wal");
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1);
}

#[test]
fn continue_sends_the_earlier_turns_and_keeps_the_system_prompt() {
    let emu = Emulator::serving(Chat {
        echo: true,
        ..Chat::default()
    });
    let log = TestLog::new();
    log.fw(&emu)
        .args(["chat", "-s", "be brief", "first question"])
        .run()
        .code(0);
    // A pipe and -c together: the piped text joins the prompt, the history comes first.
    let r = log
        .fw(&emu)
        .args(["chat", "-c", "--json", "and now in French"])
        .stdin("diff --git a b")
        .run();
    r.code(0);
    let body = &emu.requests()[1].body;
    let msgs = body["messages"].as_array().unwrap();
    assert_eq!(
        msgs[0],
        serde_json::json!({"role": "system", "content": "be brief"})
    );
    assert_eq!(
        msgs[1],
        serde_json::json!({"role": "user", "content": "first question"})
    );
    assert_eq!(
        msgs[2],
        serde_json::json!({"role": "assistant", "content": "echo: first question"})
    );
    assert_eq!(msgs[3]["role"], "user");
    let last = msgs[3]["content"].as_str().unwrap();
    assert!(
        last.contains("and now in French") && last.contains("diff --git a b"),
        "{last}"
    );
    assert_eq!(msgs.len(), 4);

    let first_cid = log.all()[1]["conversation_id"].clone();
    let out: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(out["conversation_id"], first_cid);

    // A new -s replaces the conversation's system prompt; --cid picks a conversation.
    log.fw(&emu).args(["chat", "another topic"]).run().code(0);
    log.fw(&emu)
        .args([
            "chat",
            "--cid",
            first_cid.as_str().unwrap(),
            "-s",
            "be long",
            "third",
        ])
        .run()
        .code(0);
    let body = &emu.requests()[3].body;
    let msgs = body["messages"].as_array().unwrap();
    assert_eq!(msgs[0]["content"], "be long");
    assert_eq!(msgs[1]["content"], "first question");
    assert_eq!(msgs.len(), 6, "system + two answered turns + the new one");
    // The conversation view lists its three exchanges.
    let conv = log.records(&["--cid", first_cid.as_str().unwrap()]);
    assert_eq!(conv.len(), 3);
}

#[test]
fn continue_works_with_a_messages_file_and_jsonl_carries_the_ids() {
    let emu = Emulator::serving(Chat {
        echo: true,
        ..Chat::default()
    });
    let log = TestLog::new();
    let r = log.fw(&emu).args(["chat", "--jsonl", "one"]).run();
    r.code(0);
    let summary: Value = serde_json::from_str(r.stdout.lines().last().unwrap()).unwrap();
    let cid = summary["conversation_id"].as_str().unwrap().to_string();
    assert_eq!(summary["exchange_id"].as_str().unwrap(), cid);
    let file = log.dir.path().join("turns.json");
    std::fs::write(
        &file,
        r#"[{"role":"user","content":"from the file"},{"role":"assistant","content":"ok"}]"#,
    )
    .unwrap();
    let r = log
        .fw(&emu)
        .args(["chat", "--jsonl", "--cid", &cid, "--messages"])
        .arg(&file)
        .arg("two")
        .run();
    r.code(0);
    let summary: Value = serde_json::from_str(r.stdout.lines().last().unwrap()).unwrap();
    assert_eq!(summary["conversation_id"], cid.as_str());
    assert_ne!(summary["exchange_id"], cid.as_str());
    let requests = emu.requests();
    let contents: Vec<&str> = requests[1].body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["content"].as_str().unwrap())
        .collect();
    assert_eq!(contents, ["one", "echo: one", "from the file", "ok", "two"]);
}

#[test]
fn conversations_stay_on_the_surface_they_were_made_on() {
    let emu = Emulator::start();
    let log = TestLog::new();
    log.fw(&emu)
        .args(["messages", "-s", "sys", "hello"])
        .run()
        .code(0);
    let r = log.fw(&emu).args(["chat", "-c", "more"]).run();
    r.code(2);
    assert!(
        r.stderr.contains("was made with fw messages"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("fw messages --cid"), "{}", r.stderr);
    assert_eq!(emu.requests().len(), 1, "nothing was sent");

    log.fw(&emu).args(["messages", "-c", "more"]).run().code(0);
    let body = &emu.requests()[1].body;
    assert_eq!(body["system"], "sys");
    let msgs = body["messages"].as_array().unwrap();
    assert_eq!(msgs.len(), 3);
    assert_eq!(msgs[1]["role"], "assistant");
    assert_eq!(msgs[2]["content"], "more");
}

#[test]
fn continuing_needs_a_conversation() {
    let emu = Emulator::start();
    let log = TestLog::new();
    let r = log.fw(&emu).args(["chat", "-c", "hi"]).run();
    r.code(4);
    assert!(
        r.stderr.contains("no conversation to continue"),
        "{}",
        r.stderr
    );
    let r = log
        .fw(&emu)
        .args(["chat", "--cid", "01JDZZZZZZZZZZZZZZZZZZZZZZ", "hi"])
        .run();
    r.code(4);
    assert!(
        r.stderr
            .contains("no conversation 01JDZZZZZZZZZZZZZZZZZZZZZZ"),
        "{}",
        r.stderr
    );
    assert!(emu.requests().is_empty());
}

#[test]
fn failed_cut_and_interrupted_exchanges_are_logged_with_what_arrived() {
    let emu = Emulator::start();
    let log = TestLog::new();
    emu.script([Reply::status(503, r#"{"error":{"message":"overloaded"}}"#)]);
    log.fw(&emu)
        .args(["chat", "--retries", "0", "shed me"])
        .run()
        .code(6);
    emu.script([Reply::Chat(Chat {
        drop_after: Some(3),
        ..Chat::tokens(10)
    })]);
    let r = log.fw(&emu).args(["chat", "cut me"]).run();
    r.code(8);
    assert_eq!(
        r.stdout.trim_end(),
        "t0 t1",
        "partial output stays on stdout"
    );

    emu.script([Reply::Chat(Chat::paced(200, Duration::ZERO, 20.0, 1))]);
    let mut child = log.fw(&emu).args(["chat", "stop me"]).spawn();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 2];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    interrupt(&child);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    let rest = read_all(Some(stdout));

    let records = log.all();
    let by_prompt = |p: &str| records.iter().find(|e| e["prompt"] == p).unwrap().clone();
    let shed = by_prompt("shed me");
    assert_eq!(shed["exit_code"], 6);
    assert_eq!(shed["failure"], "shed503");
    assert_eq!(shed["answer"], "");
    let cut = by_prompt("cut me");
    assert_eq!(cut["exit_code"], 8);
    assert_eq!(cut["failure"], "cut_off");
    assert_eq!(cut["answer"], "t0 t1 ");
    let stopped = by_prompt("stop me");
    assert_eq!(stopped["exit_code"], 130);
    let printed = String::from_utf8_lossy(&first).into_owned() + &rest;
    assert_eq!(
        stopped["answer"].as_str().unwrap(),
        printed.trim_end_matches('\n')
    );
    assert!(!printed.is_empty());

    // A failed exchange is not history: -c continues from the last answered one, and stats
    // count failures by class.
    let stats = log.records(&["stats"]);
    assert_eq!(stats[0]["group"], "standard");
    assert_eq!(stats[0]["requests"], 3);
    assert_eq!(stats[0]["failed"], 3);
    assert_eq!(stats[0]["failures"]["shed503"], 1);
    assert_eq!(stats[0]["failures"]["cut_off"], 1);
    assert_eq!(stats[0]["failures"]["interrupted"], 1);
}

#[test]
fn no_log_the_config_switch_and_dry_run_write_nothing() {
    let emu = Emulator::start();
    let log = TestLog::new();
    log.fw(&emu).args(["chat", "--no-log", "a"]).run().code(0);
    log.fw(&emu)
        .args(["messages", "--no-log", "a"])
        .run()
        .code(0);
    log.fw(&emu).args(["chat", "--dry-run", "a"]).run().code(0);
    log.fw(&emu).args(["chat", "--curl", "a"]).run().code(0);
    let mut off = log.fw(&emu);
    off.config("log = false\n");
    off.args(["chat", "a"]).run().code(0);
    assert!(!log.spool().exists() && !log.db().exists());
    // And --json says so.
    let r = log.fw(&emu).args(["chat", "--no-log", "--json", "a"]).run();
    let out: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(out["conversation_id"], Value::Null);
    assert!(!log.spool().exists());
}

#[test]
fn the_log_is_where_fw_log_path_says_and_config_or_env_move_it() {
    let log = TestLog::new();
    let r = log.log_cmd().arg("path").run();
    r.code(0);
    assert_eq!(r.stdout, format!("{}\n", log.db().display()));
    assert!(!log.db().exists(), "printing the path creates nothing");

    let mut f = fw();
    let r = f.args(["log", "path"]).run();
    r.code(0);
    assert_eq!(
        r.stdout,
        format!("{}/.local/share/fw/log.db\n", f.home().display())
    );
    let other = log.dir.path().join("elsewhere.db");
    let mut f = fw();
    f.config(&format!("log_db = {:?}\n", other.to_str().unwrap()));
    let r = f.args(["log", "path"]).run();
    assert_eq!(r.stdout, format!("{}\n", other.display()));
}

/// What a run prints when the log is fine, to compare with runs where it is not.
fn baseline(emu: &Emulator) -> crate::support::Run {
    let r = fw_at(emu).args(["chat", "--no-log", "hello"]).run();
    r.code(0);
    r
}

#[test]
fn an_unwritable_log_costs_one_warning_and_nothing_else() {
    let emu = Emulator::start();
    let want = baseline(&emu);
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    // A parent that is a file, and a read-only file system.
    for db in [
        file.join("log.db"),
        PathBuf::from("/proc/fw-log-test/log.db"),
    ] {
        let r = fw_at(&emu)
            .env("FW_LOG_DB", db.to_str().unwrap())
            .args(["chat", "hello"])
            .run();
        r.code(0);
        assert_eq!(r.stdout, want.stdout);
        let lines: Vec<&str> = r.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{}", r.stderr);
        assert!(
            lines[0].starts_with("warning: not logged: "),
            "{}",
            r.stderr
        );
    }
    // A full disk: the file size limit makes every write past 0 bytes fail (EFBIG).
    let log = TestLog::new();
    let mut f = log.fw(&emu);
    f.args(["chat", "hello"]);
    unsafe {
        use std::os::unix::process::CommandExt;
        f.command().pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: 0,
                rlim_max: libc::RLIM_INFINITY,
            };
            libc::setrlimit(libc::RLIMIT_FSIZE, &lim);
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    let r = f.run();
    r.code(0);
    assert_eq!(r.stdout, want.stdout);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("warning: not logged: "),
        "{}",
        r.stderr
    );
    assert!(
        std::fs::read_dir(log.spool()).unwrap().next().is_none(),
        "no half-written record is left behind"
    );
}

#[test]
fn a_damaged_or_newer_log_keeps_its_exchanges_waiting_and_fw_log_says_what_to_do() {
    let emu = Emulator::start();
    let want = baseline(&emu);
    let log = TestLog::new();
    std::fs::create_dir_all(log.db().parent().unwrap()).unwrap();
    std::fs::write(
        log.db(),
        b"this is not a database, it is a text file ".repeat(200),
    )
    .unwrap();
    let r = log.fw(&emu).args(["chat", "hello"]).run();
    r.code(0);
    assert_eq!(r.stdout, want.stdout);
    assert_eq!(r.stderr, "");
    let r = log.log_cmd().run();
    r.code(2);
    assert_eq!(r.stderr.lines().count(), 2, "{}", r.stderr);
    assert!(r.stderr.starts_with("error: the log "), "{}", r.stderr);
    assert!(r.stderr.contains("is damaged"), "{}", r.stderr);
    assert!(r.stderr.contains("hint: move it away"), "{}", r.stderr);
    // -c cannot read it either, and says the same; nothing is sent.
    let r = log.fw(&emu).args(["chat", "-c", "more"]).run();
    r.code(2);
    assert!(r.stderr.contains("is damaged"), "{}", r.stderr);
    // Moved away as the hint says: the waiting exchange lands in a new log.
    std::fs::rename(log.db(), log.db().with_extension("bad")).unwrap();
    let all = log.all();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["answer"], "Hello from the emulator.");

    // A log from a newer fw is refused and left as it is.
    let conn = rusqlite::Connection::open(log.db()).unwrap();
    conn.execute_batch("PRAGMA user_version = 99").unwrap();
    drop(conn);
    let r = log.fw(&emu).args(["chat", "hello"]).run();
    r.code(0);
    assert_eq!(r.stdout, want.stdout);
    let r = log.log_cmd().run();
    r.code(2);
    assert!(
        r.stderr.contains("written by a newer fw (schema 99"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("hint: upgrade fw"), "{}", r.stderr);
    let conn = rusqlite::Connection::open(log.db()).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 99);
}

#[test]
fn a_locked_log_costs_nothing_and_readers_wait_for_the_lock() {
    let emu = Emulator::start();
    let want = baseline(&emu);
    let log = TestLog::new();
    log.fw(&emu).args(["chat", "hello"]).run().code(0);
    assert_eq!(log.all().len(), 1);
    // Another process holds the write lock.
    let conn = rusqlite::Connection::open(log.db()).unwrap();
    conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let r = log.fw(&emu).args(["chat", "hello"]).run();
    r.code(0);
    assert_eq!(r.stdout, want.stdout);
    assert_eq!(r.stderr, "");
    // fw log waits (busy timeout) and gets in once the lock goes.
    let mut reader = log.log_cmd();
    let child = reader.args(["--json"]).spawn();
    std::thread::sleep(Duration::from_millis(500));
    conn.execute_batch("COMMIT").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(records.len(), 2);
}

#[test]
fn thirty_two_chats_at_once_are_all_answered_and_all_logged() {
    let emu = Emulator::start_threads(2);
    emu.set_default(Chat {
        echo: true,
        ..Chat::default()
    });
    let log = TestLog::new();
    let prompts: String = (0..32).map(|i| format!("question-{i}\n")).collect();
    let script = format!(
        "xargs -P 32 -I{{}} sh -c '\"$0\" chat {{}} > \"$1/{{}}.out\"' {} {}",
        crate::support::fw_bin(),
        log.dir.path().display()
    );
    let mut f = log.fw(&emu);
    let cmd = f.command();
    let status = std::process::Command::new("sh")
        .args(["-c", &script])
        .envs(cmd.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .stdin(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(prompts.as_bytes())?;
            c.wait()
        })
        .unwrap();
    assert!(status.success());
    for i in 0..32 {
        let out =
            std::fs::read_to_string(log.dir.path().join(format!("question-{i}.out"))).unwrap();
        assert_eq!(out, format!("echo: question-{i}\n"));
    }
    // Eight readers at once move the spool in: every exchange lands exactly once.
    let readers: Vec<_> = (0..8)
        .map(|_| log.log_cmd().args(["-n", "1000", "--json"]).spawn())
        .collect();
    for r in readers {
        let out = r.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let all = log.all();
    assert_eq!(all.len(), 32);
    let mut answers: Vec<String> = all
        .iter()
        .map(|e| e["answer"].as_str().unwrap().to_string())
        .collect();
    answers.sort();
    answers.dedup();
    assert_eq!(answers.len(), 32);
    assert!(std::fs::read_dir(log.spool()).unwrap().next().is_none());
}

#[test]
fn search_show_stats_rm_and_export() {
    let emu = Emulator::serving(Chat {
        echo: true,
        ..Chat::default()
    });
    let log = TestLog::new();
    log.fw(&emu)
        .args(["chat", "the aardvark question"])
        .run()
        .code(0);
    log.fw(&emu)
        .args(["chat", "--tier", "priority", "a zebra question"])
        .run()
        .code(0);
    log.fw(&emu)
        .args(["messages", "another zebra"])
        .run()
        .code(0);

    let found = log.records(&["search", "zebra"]);
    assert_eq!(found.len(), 2);
    let found = log.records(&["search", "aardvark", "question"]);
    assert_eq!(found.len(), 1);
    // The list's filters hold for search too.
    assert!(log
        .records(&["search", "zebra", "--since", "9999-01-01"])
        .is_empty());
    let cid = found[0]["conversation_id"].as_str().unwrap();
    assert!(log.records(&["search", "zebra", "--cid", cid]).is_empty());
    assert_eq!(log.records(&["search", "zebra", "-n", "1"]).len(), 1);
    assert_eq!(found[0]["prompt"], "the aardvark question");
    // Query syntax is not interpreted: quotes and operators are words.
    log.log_cmd()
        .args(["search", "\"zebra", "OR", "NEAR("])
        .run()
        .code(0);

    // show: by id prefix, and latest.
    let id = found[0]["id"].as_str().unwrap();
    let r = log.log_cmd().args(["show", &id[..20]]).run();
    r.code(0);
    assert!(r.stdout.contains(&format!("id: {id}")), "{}", r.stdout);
    assert!(
        r.stdout.contains("[user]\nthe aardvark question"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("[answer]\necho: the aardvark question"),
        "{}",
        r.stdout
    );
    let latest = log.json(&["show", "latest"]);
    assert_eq!(latest["prompt"], "another zebra");
    assert_eq!(latest["surface"], "messages");
    let r = log.log_cmd().args(["show", "0"]).run();
    r.code(2);
    assert!(r.stderr.contains("start of several ids"), "{}", r.stderr);

    // stats per path and per model.
    let stats = log.records(&["stats"]);
    let groups: Vec<&str> = stats.iter().map(|s| s["group"].as_str().unwrap()).collect();
    assert_eq!(groups, ["priority", "standard"]);
    assert_eq!(stats[1]["requests"], 2);
    assert_eq!(stats[1]["output_tokens"], 4);
    let by_model = log.records(&["stats", "--by", "model"]);
    assert_eq!(by_model.len(), 1);
    assert_eq!(by_model[0]["requests"], 3);

    // Piped list: TSV with a header and one line per exchange.
    let r = log.log_cmd().run();
    r.code(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("id\ttime\tconversation_id\t"));
    assert!(lines[1].ends_with("\tanother zebra"));

    // export: every record, oldest first.
    let r = log.log_cmd().args(["export", "--jsonl"]).run();
    r.code(0);
    let lines: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["prompt"], "the aardvark question");

    // rm by id, then everything before a date in the future.
    let r = log.log_cmd().args(["rm", id]).run();
    r.code(0);
    assert_eq!(r.stderr, "removed 1\n");
    assert_eq!(log.all().len(), 2);
    assert!(log.records(&["search", "aardvark"]).is_empty());
    log.log_cmd()
        .args(["rm", "--before", "9999-01-01"])
        .run()
        .code(0);
    assert!(log.all().is_empty());
}

#[test]
fn bench_runs_are_kept_per_serving_path() {
    let emu = Emulator::start();
    let log = TestLog::new();
    for _ in 0..2 {
        log.fw(&emu)
            .args([
                "bench",
                "--paths",
                "standard,priority",
                "-n",
                "4",
                "--max-tokens",
                "5",
                "--max-client-lag",
                "1000",
            ])
            .run()
            .code(0);
    }
    // --no-log and log = false keep a run out.
    let args = [
        "bench",
        "--paths",
        "standard",
        "-n",
        "2",
        "--max-client-lag",
        "1000",
    ];
    log.fw(&emu).args(args).arg("--no-log").run().code(0);
    let mut off = log.fw(&emu);
    off.config("log = false\n");
    off.args(args).run().code(0);
    let runs = log.records(&["stats", "--bench"]);
    assert_eq!(runs.len(), 2);
    let paths: Vec<&str> = runs[0]["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["standard", "priority"]);
    let p = &runs[0]["paths"][0];
    assert_eq!(p["attempted"], 4);
    assert_eq!(p["ok"], 4);
    assert_eq!(p["availability"], 1.0);
    assert_eq!(p["model"], "accounts/fireworks/models/kimi-k2p6");
    assert!(p["ttft_p50_ms"].as_f64().is_some());
    assert_eq!(runs[0]["exit_code"], 0);
    // Bench runs are not exchanges.
    assert!(log.all().is_empty());
}

#[test]
fn attachments_are_logged_by_reference_and_continue_names_them() {
    let emu = Emulator::start();
    let log = TestLog::new();
    let img = log.dir.path().join("shot.png");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0".to_vec();
    png.extend(std::iter::repeat_n(7u8, 50_000));
    std::fs::write(&img, &png).unwrap();
    // Given as a relative path: the log keeps it absolute, so it names the file from anywhere.
    log.fw(&emu)
        .current_dir(log.dir.path())
        .args(["chat", "-a", "shot.png", "what is this?"])
        .run()
        .code(0);
    let sent = &emu.requests()[0].body["messages"][0]["content"];
    assert!(sent[0]["image_url"]["url"]
        .as_str()
        .unwrap()
        .starts_with("data:image/png;base64,"));
    let e = &log.all()[0];
    assert_eq!(e["attachments"][0]["bytes"], png.len());
    assert_eq!(e["attachments"][0]["media_type"], "image/png");
    assert_eq!(e["attachments"][0]["source"], img.display().to_string());
    assert_eq!(e["attachments"][0]["sha256"].as_str().unwrap().len(), 64);
    let part = e["messages"][0]["content"][0]["text"].as_str().unwrap();
    assert!(
        part.starts_with("[attachment: ") && part.contains("sha256 "),
        "{part}"
    );
    // The prompt as lists and search see it: the attachment's name, then the question.
    let prompt = e["prompt"].as_str().unwrap();
    assert!(
        prompt.contains("shot.png") && prompt.ends_with("\n\nwhat is this?"),
        "{prompt}"
    );
    // No image bytes anywhere in the log's files.
    for f in std::fs::read_dir(log.db().parent().unwrap()).unwrap() {
        let f = f.unwrap().path();
        if f.is_file() {
            let bytes = std::fs::read(&f).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains("iVBORw0KGgo"),
                "{}",
                f.display()
            );
            assert!(
                !String::from_utf8_lossy(&bytes).contains("base64,"),
                "{}",
                f.display()
            );
        }
    }
    // -c sends the reference in the image's place, not the bytes.
    log.fw(&emu).args(["chat", "-c", "and now?"]).run().code(0);
    let body = emu.requests()[1].body.to_string();
    assert!(body.contains("[attachment: "), "{body}");
    assert!(!body.contains("base64,"), "{body}");
}

/// `fw bench compare` reads runs the log kept (`log:latest`, `log:latest~N`, `log:ID`) as it
/// reads records files: a run against a server made 20 % slower compares as slower.
#[test]
fn bench_compare_reads_runs_from_the_log() {
    let log = TestLog::new();
    let run = |tps: f64| {
        let emu = Emulator::serving(Chat::paced(40, Duration::from_millis(30), tps, 1));
        log.fw(&emu)
            .args(["bench", "--paths", "standard", "-n", "20", "-c", "4"])
            .args(["--max-tokens", "40", "--max-client-lag", "1000"])
            .run()
            .code(0);
    };
    run(100.0);
    run(80.0);
    let compare = |base: &str, new: &str| {
        let mut c = fw();
        c.env("FW_LOG_DB", log.db().to_str().unwrap());
        c.args(["bench", "compare", base, new, "--format", "json"]);
        c.args(["--fail-if", "standard.decode_tps.p50 < -10%"]);
        c.run()
    };
    let r = compare("log:latest~1", "log:latest");
    r.code(9);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let row = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["metric"] == "decode_tps")
        .unwrap();
    assert_eq!(row["verdict"], "slower", "{row}");
    assert_eq!(row["n_base"], 20, "{row}");
    // A run id (or its start) names a run too; a missing run is exit 4.
    let runs = log.records(&["stats", "--bench"]);
    let older = runs[1]["id"].as_str().unwrap();
    let r = compare(&format!("log:{}", &older[..20]), "log:latest");
    r.code(9);
    let r = compare("log:latest~5", "log:latest");
    r.code(4);
    assert!(r.stderr.contains("no bench run latest~5"), "{}", r.stderr);
    // Export keeps the records; stats --bench does not print them.
    assert!(runs[0].get("records").is_none());
    let r = log.log_cmd().args(["export", "--jsonl"]).run();
    r.code(0);
    let bench: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["kind"] == "bench")
        .collect();
    assert_eq!(bench.len(), 2);
    assert_eq!(bench[0]["records"].as_array().unwrap().len(), 20);
}

/// On a terminal `fw log` is an aligned table with the prompt cut to one short line; piped it
/// is tab-separated with the whole prompt (tested above).
#[test]
fn on_a_terminal_the_log_is_a_table() {
    let emu = Emulator::start();
    let log = TestLog::new();
    let long = "a question that goes on and on ".repeat(5);
    log.fw(&emu).args(["chat", long.trim()]).run().code(0);
    log.fw(&emu).args(["chat", "short"]).run().code(0);
    let r = log.log_cmd().run_in_pty();
    r.code(0);
    let lines: Vec<&str> = r.stdout.lines().map(|l| l.trim_end_matches('\r')).collect();
    assert!(lines[0].starts_with("ID  "), "{}", r.stdout);
    assert!(!lines[0].contains('\t'), "{}", r.stdout);
    let prompt_col = lines[0].find("PROMPT").unwrap();
    assert!(lines[1].ends_with("short"), "{}", r.stdout);
    assert_eq!(lines[1].find("short"), Some(prompt_col), "{}", r.stdout);
    assert!(lines[2].ends_with('…'), "{}", r.stdout);
    assert_eq!(lines[2][prompt_col..].chars().count(), 60, "{}", r.stdout);
    let r = log.log_cmd().arg("stats").run_in_pty();
    r.code(0);
    assert!(r.stdout.starts_with("GROUP     REQUESTS"), "{}", r.stdout);
    // An answer with a terminal escape in it is shown escaped on a terminal, exact when piped.
    emu.script([Reply::Chat(Chat {
        content: vec!["red \x1b[31malert".into()],
        ..Chat::default()
    })]);
    log.fw(&emu).args(["chat", "colour"]).run().code(0);
    let r = log.log_cmd().args(["show", "latest"]).run_in_pty();
    r.code(0);
    assert!(r.stdout.contains("red \\x1b[31malert"), "{}", r.stdout);
    assert!(!r.stdout.contains('\x1b'), "{}", r.stdout);
    let r = log.log_cmd().args(["show", "latest"]).run();
    assert!(r.stdout.contains("red \x1b[31malert"), "{}", r.stdout);
}
