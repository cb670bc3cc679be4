//! What `fw models` shows: the live model list merged with the serving-path catalogue, as
//! rows; the filters; and the renderings (aligned table, tab-separated lines, one model in
//! full). Pure functions, so the output formats are tested without a server.

use serde::Serialize;

use crate::api::models::Listed;
use crate::output::escape_controls;
use crate::serving::{expand_model, Catalogue, PathRequest, Tier};

/// Where `fw models` gets the list: the control plane, the OpenAI-style `{base}/models`, or
/// the control plane with `{base}/models` as a fallback (auto).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListSource {
    Auto,
    Control,
    Openai,
}

/// How `fw models` writes the list; auto is a table on a terminal, tab-separated otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    Auto,
    Table,
    Tsv,
    Json,
}

/// One model, as `--json` prints it (the schema is in docs/models.md).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Row {
    /// The short name `-m` accepts.
    pub name: String,
    /// The full model ID.
    pub model: String,
    pub display_name: Option<String>,
    pub context_length: Option<u64>,
    /// "yes", "no" or "unknown", from the catalogue.
    pub priority: &'static str,
    /// The Fast router ID, from the catalogue.
    pub fast_router: Option<String>,
    /// False for catalogue entries the server did not list.
    pub listed: bool,
    pub deprecation_date: Option<String>,
    pub supports_tools: Option<bool>,
    pub supports_image_input: Option<bool>,
}

/// One serving path of one model, for the full view.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PathRow {
    pub name: &'static str,
    /// "yes", "no" or "unknown".
    pub offered: &'static str,
    /// The model ID the request carries; null when the path is not offered.
    pub model: Option<String>,
    pub service_tier: Option<&'static str>,
}

/// A model in full: its row and its serving paths.
#[derive(Debug, Clone, Serialize)]
pub struct Detail {
    #[serde(flatten)]
    pub row: Row,
    pub paths: Vec<PathRow>,
}

/// `accounts/<account>/models/<name>` becomes `<name>`.
pub fn short_name(id: &str) -> String {
    let parts: Vec<&str> = id.split('/').collect();
    match parts.as_slice() {
        ["accounts", _, "models", name] => name.to_string(),
        _ => id.to_string(),
    }
}

fn tri(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "unknown",
    }
}

/// Merges the live list with the catalogue. Catalogue models with a Fast router that the
/// server did not list still appear, with `listed: false`, after the listed ones.
pub fn rows(listed: &[Listed], cat: &Catalogue) -> Vec<Row> {
    let mut rows: Vec<Row> = listed
        .iter()
        .map(|m| {
            let entry = cat.entry(&m.id);
            Row {
                name: short_name(&m.id),
                model: m.id.clone(),
                display_name: m.display_name.clone(),
                context_length: m.context_length,
                priority: tri(entry.and_then(|e| e.priority)),
                fast_router: entry.and_then(|e| e.fast.clone()),
                listed: true,
                deprecation_date: m.deprecation_date.clone(),
                supports_tools: m.supports_tools,
                supports_image_input: m.supports_image_input,
            }
        })
        .collect();
    for (id, e) in cat.entries() {
        if e.fast.is_some() && !listed.iter().any(|m| m.id == id) {
            rows.push(Row {
                name: short_name(id),
                model: id.to_string(),
                display_name: None,
                context_length: None,
                priority: tri(e.priority),
                fast_router: e.fast.clone(),
                listed: false,
                deprecation_date: None,
                supports_tools: None,
                supports_image_input: None,
            });
        }
    }
    rows
}

/// Filters: a case-insensitive substring of name, ID, display name or router; only models
/// with a Fast router; only models the catalogue lists with Priority.
pub fn filter(rows: Vec<Row>, needle: Option<&str>, fast: bool, priority: bool) -> Vec<Row> {
    let needle = needle.map(str::to_lowercase);
    rows.into_iter()
        .filter(|r| !fast || r.fast_router.is_some())
        .filter(|r| !priority || r.priority == "yes")
        .filter(|r| match &needle {
            None => true,
            Some(n) => [
                Some(&r.model),
                r.display_name.as_ref(),
                r.fast_router.as_ref(),
            ]
            .into_iter()
            .flatten()
            .any(|s| s.to_lowercase().contains(n)),
        })
        .collect()
}

/// The row `query` names exactly: a short name, a full model ID, or a Fast router ID.
pub fn find<'a>(rows: &'a [Row], query: &str) -> Option<&'a Row> {
    let id = expand_model(query);
    rows.iter()
        .find(|r| r.model == id || r.fast_router.as_deref() == Some(query))
}

fn note(r: &Row) -> String {
    let mut notes = Vec::new();
    if let Some(d) = &r.deprecation_date {
        notes.push(format!("deprecated {d}"));
    }
    if !r.listed {
        notes.push("not listed by the server".to_string());
    }
    if notes.is_empty() {
        "-".to_string()
    } else {
        notes.join("; ")
    }
}

/// Text from the server (or a config file) as one cell: control characters shown escaped.
fn cell(s: &str) -> String {
    escape_controls(s, false).into_owned()
}

fn cells(r: &Row) -> [String; 6] {
    [
        cell(&r.name),
        cell(&r.model),
        r.context_length.map_or("-".into(), |c| c.to_string()),
        r.priority.to_string(),
        cell(r.fast_router.as_deref().unwrap_or("-")),
        cell(&note(r)),
    ]
}

const HEADER: [&str; 6] = [
    "NAME",
    "MODEL",
    "CONTEXT",
    "PRIORITY",
    "FAST ROUTER",
    "NOTE",
];

/// An aligned table, for a terminal.
pub fn table(rows: &[Row]) -> String {
    let body: Vec<Vec<String>> = rows.iter().map(|r| cells(r).to_vec()).collect();
    crate::output::table(&HEADER, &body)
}

/// Tab-separated lines with a header, for pipes.
pub fn tsv(rows: &[Row]) -> String {
    let mut out = String::from(
        "name\tmodel\tcontext_length\tpriority\tfast_router\tlisted\tdeprecation_date\n",
    );
    for r in rows {
        let c = cells(r);
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            c[0],
            c[1],
            c[2],
            c[3],
            c[4],
            if r.listed { "yes" } else { "no" },
            cell(r.deprecation_date.as_deref().unwrap_or("-")),
        ));
    }
    out
}

/// A model in full, with the exact model ID and `service_tier` each serving path sends:
/// resolved by the same code `fw chat` uses, so the two cannot disagree.
pub fn detail(row: &Row, cat: &Catalogue) -> Detail {
    let resolve = |tier, fast| {
        cat.resolve(&PathRequest {
            model: &row.model,
            tier,
            tier_explicit: true,
            fast,
        })
        .ok()
        .map(|(p, _)| p)
    };
    let standard = resolve(Tier::Standard, false);
    let priority = resolve(Tier::Priority, false);
    let fast = row
        .fast_router
        .as_ref()
        .and_then(|_| resolve(Tier::Standard, true));
    let listed = if row.listed { "yes" } else { "unknown" };
    let path = |name, offered, p: Option<crate::serving::ServingPath>| PathRow {
        name,
        offered,
        model: p.as_ref().map(|p| p.model.clone()),
        service_tier: p.and_then(|p| p.service_tier),
    };
    let fast_offered = if fast.is_some() { "yes" } else { "no" };
    let priority_path = (row.priority != "no").then_some(priority).flatten();
    Detail {
        row: row.clone(),
        paths: vec![
            path("standard", listed, standard),
            path("priority", row.priority, priority_path),
            path("fast", fast_offered, fast),
        ],
    }
}

/// The full view as text.
pub fn detail_text(d: &Detail) -> String {
    let r = &d.row;
    let yn = |v: Option<bool>| match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "-",
    };
    let mut s = String::new();
    match &r.display_name {
        Some(n) => s.push_str(&format!("{} ({})\n", cell(&r.name), cell(n))),
        None => s.push_str(&format!("{}\n", cell(&r.name))),
    }
    let listed = if r.listed {
        "yes, served on Serverless"
    } else {
        "no: only the serving-path catalogue knows it"
    };
    for (k, v) in [
        ("model ID", r.model.clone()),
        (
            "context length",
            r.context_length.map_or("-".into(), |c| c.to_string()),
        ),
        ("listed", listed.to_string()),
        (
            "deprecation",
            r.deprecation_date.clone().unwrap_or_else(|| "-".into()),
        ),
        ("tools", yn(r.supports_tools).to_string()),
        ("image input", yn(r.supports_image_input).to_string()),
    ] {
        s.push_str(&format!("  {k:<16}{}\n", cell(&v)));
    }
    s.push_str(&format!("\n  {:<12}{:<9}request\n", "path", "offered"));
    for p in &d.paths {
        let sends = match (&p.model, p.service_tier) {
            (None, _) if p.name == "fast" => "- (no Fast router in the catalogue)".to_string(),
            (None, _) => "-".to_string(),
            (Some(m), Some(t)) => format!("\"model\": \"{m}\", \"service_tier\": \"{t}\""),
            (Some(m), None) => format!("\"model\": \"{m}\" (no service_tier)"),
        };
        s.push_str(&format!(
            "  {:<12}{:<9}{}\n",
            p.name,
            p.offered,
            cell(&sends)
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(id: &str, ctx: Option<u64>) -> Listed {
        Listed {
            id: id.into(),
            context_length: ctx,
            ..Listed::default()
        }
    }

    #[test]
    fn merge_marks_catalogue_only_routers() {
        let cat = Catalogue::builtin().unwrap();
        let rows = rows(
            &[
                listed("accounts/fireworks/models/kimi-k2p6", Some(262144)),
                listed("accounts/fireworks/models/gpt-oss-20b", None),
                listed("accounts/fireworks/models/brand-new", None),
            ],
            &cat,
        );
        let k = &rows[0];
        assert_eq!((k.name.as_str(), k.priority), ("kimi-k2p6", "yes"));
        assert_eq!(
            k.fast_router.as_deref(),
            Some("accounts/fireworks/routers/kimi-k2p6-fast")
        );
        assert_eq!(rows[1].priority, "no");
        assert_eq!(rows[2].priority, "unknown");
        let unlisted: Vec<&str> = rows
            .iter()
            .filter(|r| !r.listed)
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(unlisted, ["glm-5p1", "glm-5p2", "kimi-k3"]);
    }

    #[test]
    fn filters_and_find() {
        let cat = Catalogue::builtin().unwrap();
        let all = rows(
            &[
                listed("accounts/fireworks/models/kimi-k2p6", None),
                listed("accounts/fireworks/models/gpt-oss-20b", None),
            ],
            &cat,
        );
        assert_eq!(filter(all.clone(), Some("GPT"), false, false).len(), 1);
        assert!(filter(all.clone(), None, true, false)
            .iter()
            .all(|r| r.fast_router.is_some()));
        assert!(filter(all.clone(), None, false, true)
            .iter()
            .all(|r| r.priority == "yes"));
        assert_eq!(
            find(&all, "kimi-k2p6").unwrap().model,
            "accounts/fireworks/models/kimi-k2p6"
        );
        assert_eq!(
            find(&all, "accounts/fireworks/routers/kimi-k2p6-fast")
                .unwrap()
                .name,
            "kimi-k2p6"
        );
        assert!(find(&all, "kimi").is_none());
    }

    #[test]
    fn detail_paths_match_what_chat_sends() {
        let cat = Catalogue::builtin().unwrap();
        let all = rows(&[listed("accounts/fireworks/models/kimi-k2p6", None)], &cat);
        let d = detail(&all[0], &cat);
        assert_eq!(
            d.paths,
            vec![
                PathRow {
                    name: "standard",
                    offered: "yes",
                    model: Some("accounts/fireworks/models/kimi-k2p6".into()),
                    service_tier: None
                },
                PathRow {
                    name: "priority",
                    offered: "yes",
                    model: Some("accounts/fireworks/models/kimi-k2p6".into()),
                    service_tier: Some("priority")
                },
                PathRow {
                    name: "fast",
                    offered: "yes",
                    model: Some("accounts/fireworks/routers/kimi-k2p6-fast".into()),
                    service_tier: None
                },
            ]
        );
        let none = rows(
            &[listed("accounts/fireworks/models/gpt-oss-20b", None)],
            &cat,
        );
        let d = detail(&none[0], &cat);
        assert_eq!(
            (d.paths[1].offered, d.paths[1].model.as_deref()),
            ("no", None)
        );
        assert_eq!(
            (d.paths[2].offered, d.paths[2].model.as_deref()),
            ("no", None)
        );
    }
}

/// What `fw models` was asked for, resolved from its flags.
#[derive(Debug, Clone)]
pub struct Query {
    /// A model to show in full, or a substring to filter by.
    pub query: Option<String>,
    /// Only models with a Fast router / with Priority.
    pub fast: bool,
    pub priority: bool,
    pub account: String,
    pub source: ListSource,
    /// Decided: never `Auto` (a table on a terminal, TSV elsewhere; `--json` is JSON).
    pub format: ListFormat,
}
