//! Serving paths: which model ID and which body field a request carries for Standard,
//! Priority and Fast. Model names expand here, and the catalogue of what each model offers
//! (embedded `catalogue.toml`, extended and overridden by the config file) is consulted here
//! and nowhere else, so every subcommand resolves paths the same way.

use std::collections::BTreeMap;
use std::fmt;

use anyhow::Result;
use serde::Deserialize;

use crate::exit::{Exit, Failure};

/// The serving tier asked for (`--tier`, config `tier`). Standard sends no `service_tier`;
/// Priority sends `"service_tier": "priority"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Tier {
    Standard,
    Priority,
}

const MODEL_PREFIX: &str = "accounts/fireworks/models/";
const ROUTER_PREFIX: &str = "accounts/fireworks/routers/";
const BUILTIN: &str = include_str!("catalogue.toml");

/// What the catalogue (or the config file) says about one model.
#[derive(Debug, Default, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ModelEntry {
    pub priority: Option<bool>,
    pub fast: Option<String>,
    pub fast_priority: Option<bool>,
    /// Standard prices.
    pub price: Option<Price>,
    pub priority_price: Option<Price>,
    /// Prices on the Fast router.
    pub fast_price: Option<Price>,
    /// Whether the model takes image input; `false` marks it text-only, and `-a` with an
    /// image then warns (the request is still sent: the catalogue can be wrong).
    pub images: Option<bool>,
}

/// USD per million tokens.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Price {
    pub input: f64,
    /// Defaults to half the input price, as Fireworks bills when a model lists none.
    pub cached_input: Option<f64>,
    pub output: f64,
}

impl Price {
    /// The cost of one request in USD: `prompt` includes `cached`.
    pub fn cost(&self, prompt: u64, cached: u64, completion: u64) -> f64 {
        let cached = cached.min(prompt);
        let cached_rate = self.cached_input.unwrap_or(self.input / 2.0);
        ((prompt - cached) as f64 * self.input
            + cached as f64 * cached_rate
            + completion as f64 * self.output)
            / 1e6
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    default_model: String,
    #[serde(default)]
    models: BTreeMap<String, ModelEntry>,
}

#[derive(Debug, Clone)]
pub struct Catalogue {
    pub default_model: String,
    /// Keyed by full model ID.
    models: BTreeMap<String, ModelEntry>,
}

/// The serving path a request takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    Standard,
    Priority,
    Fast,
    FastPriority,
}

impl PathKind {
    pub fn name(self) -> &'static str {
        match self {
            PathKind::Standard => "standard",
            PathKind::Priority => "priority",
            PathKind::Fast => "fast",
            PathKind::FastPriority => "fast+priority",
        }
    }
}

/// A resolved serving path: the model ID to send and the `service_tier` field, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct ServingPath {
    pub kind: PathKind,
    /// The model ID the request carries (a router ID on Fast).
    pub model: String,
    pub service_tier: Option<&'static str>,
    /// The catalogue's prices for this path, when it has them.
    pub price: Option<Price>,
}

impl fmt::Display for ServingPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.kind.name(), self.model)
    }
}

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct PathRequest<'a> {
    pub model: &'a str,
    pub tier: Tier,
    /// True when the tier came from a flag, not the config file.
    pub tier_explicit: bool,
    pub fast: bool,
}

/// A short name (`kimi-k2p6`) becomes `accounts/fireworks/models/kimi-k2p6`; anything with a
/// slash (a full model, router or deployment ID) passes through unchanged.
pub fn expand_model(name: &str) -> String {
    if name.contains('/') {
        name.to_string()
    } else {
        format!("{MODEL_PREFIX}{name}")
    }
}

fn expand_router(name: &str) -> String {
    if name.contains('/') {
        name.to_string()
    } else {
        format!("{ROUTER_PREFIX}{name}")
    }
}

impl Catalogue {
    /// The catalogue shipped in the binary.
    pub fn builtin() -> Result<Catalogue> {
        let file: CatalogueFile = toml::from_str(BUILTIN)
            .map_err(|e| anyhow::anyhow!("the built-in serving-path catalogue is invalid: {e}"))?;
        let mut cat = Catalogue {
            default_model: expand_model(&file.default_model),
            models: BTreeMap::new(),
        };
        cat.apply(&file.models);
        Ok(cat)
    }

    /// Lays config entries over the catalogue, field by field.
    pub fn apply(&mut self, entries: &BTreeMap<String, ModelEntry>) {
        for (name, e) in entries {
            let slot = self.models.entry(expand_model(name)).or_default();
            if e.priority.is_some() {
                slot.priority = e.priority;
            }
            if let Some(fast) = &e.fast {
                slot.fast = Some(expand_router(fast)).filter(|_| !fast.is_empty());
            }
            if e.fast_priority.is_some() {
                slot.fast_priority = e.fast_priority;
            }
            if e.price.is_some() {
                slot.price = e.price;
            }
            if e.priority_price.is_some() {
                slot.priority_price = e.priority_price;
            }
            if e.fast_price.is_some() {
                slot.fast_price = e.fast_price;
            }
            if e.images.is_some() {
                slot.images = e.images;
            }
        }
    }

    /// Every entry, by full model ID.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &ModelEntry)> {
        self.models.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn entry(&self, model_id: &str) -> Option<&ModelEntry> {
        self.models.get(model_id)
    }

    /// The base model whose Fast router is `router`, if the catalogue knows it.
    fn router_owner(&self, router: &str) -> Option<(&str, &ModelEntry)> {
        self.models
            .iter()
            .find(|(_, e)| e.fast.as_deref() == Some(router))
            .map(|(m, e)| (m.as_str(), e))
    }

    /// Whether the model (or the base model of a Fast router) takes images, when the
    /// catalogue says.
    pub fn takes_images(&self, model_id: &str) -> Option<bool> {
        self.entry(model_id)
            .or_else(|| self.router_owner(model_id).map(|(_, e)| e))
            .and_then(|e| e.images)
    }

    /// Models that have a Fast router, as (model, router).
    pub fn fast_models(&self) -> Vec<(&str, &str)> {
        self.models
            .iter()
            .filter_map(|(m, e)| e.fast.as_deref().map(|r| (m.as_str(), r)))
            .collect()
    }

    /// Resolves a model name, tier and `--fast` into the exact model ID and body field to send.
    /// Returns the path and any warnings for stderr.
    pub fn resolve(&self, req: &PathRequest) -> Result<(ServingPath, Vec<String>)> {
        let mut warnings = Vec::new();
        let model = expand_model(req.model);
        let mut priority = req.tier == Tier::Priority;

        // A router given directly (-m accounts/fireworks/routers/...) is already the Fast path.
        let given_router = self.router_owner(&model).map(|(_, e)| e.clone());
        let is_router = given_router.is_some() || model.starts_with(ROUTER_PREFIX);
        let (fast, sent, router_entry) = if is_router {
            (true, model.clone(), given_router)
        } else if req.fast {
            let entry = self.entry(&model);
            match entry.and_then(|e| e.fast.clone()) {
                Some(router) => (true, router, entry.cloned()),
                None => return Err(self.no_router(&model).into()),
            }
        } else {
            (false, model.clone(), None)
        };

        if fast && priority {
            let capable = router_entry.as_ref().and_then(|e| e.fast_priority) == Some(true);
            if !capable {
                if req.tier_explicit {
                    return Err(Failure::usage(format!(
                        "--tier priority cannot be combined with the Fast router {sent}: \
                         Fireworks offers no Priority on Fast routers"
                    ))
                    .hint(
                        "drop --tier priority or --fast; if this router does take Priority, set \
                         fast_priority = true for its model in the config file",
                    )
                    .into());
                }
                warnings.push(format!(
                    "ignoring tier = \"priority\" from the config file: Fireworks offers no \
                     Priority on the Fast router {sent}"
                ));
                priority = false;
            }
        } else if priority && self.entry(&model).and_then(|e| e.priority) != Some(true) {
            warnings.push(format!(
                "the serving-path catalogue does not list Priority for {model}; the server may \
                 serve the request at Standard without saying so"
            ));
        }

        let kind = match (fast, priority) {
            (false, false) => PathKind::Standard,
            (false, true) => PathKind::Priority,
            (true, false) => PathKind::Fast,
            (true, true) => PathKind::FastPriority,
        };
        let entry = self.entry(&model);
        let price = match kind {
            PathKind::Standard => entry.and_then(|e| e.price),
            PathKind::Priority => entry.and_then(|e| e.priority_price),
            PathKind::Fast => router_entry.as_ref().and_then(|e| e.fast_price),
            PathKind::FastPriority => None,
        };
        Ok((
            ServingPath {
                kind,
                model: sent,
                service_tier: priority.then_some("priority"),
                price,
            },
            warnings,
        ))
    }

    /// The serving path a request body takes, from the model and `service_tier` it carries
    /// (`-o` may have changed either): what `--stats`, `--json` and the cost describe. A tier
    /// the catalogue does not know has no price.
    pub fn path_sent(&self, body: &serde_json::Value, asked: &ServingPath) -> ServingPath {
        use serde_json::Value;
        let model = body.get("model").map_or(asked.model.clone(), |m| {
            m.as_str().map_or_else(|| m.to_string(), str::to_string)
        });
        let tier = body.get("service_tier").filter(|t| !t.is_null());
        let same_tier = match tier {
            None => asked.service_tier.is_none(),
            Some(Value::String(t)) => asked.service_tier == Some(t.as_str()),
            Some(_) => false,
        };
        if model == asked.model && same_tier {
            return asked.clone();
        }
        let priority = tier.and_then(Value::as_str) == Some("priority");
        let resolved = self.resolve(&PathRequest {
            model: &model,
            tier: if priority {
                Tier::Priority
            } else {
                Tier::Standard
            },
            tier_explicit: false,
            fast: false,
        });
        match resolved {
            Ok((mut p, _)) => {
                p.model = model;
                if tier.is_some() && !priority {
                    p.price = None;
                }
                p
            }
            Err(_) => ServingPath {
                kind: PathKind::Standard,
                model,
                service_tier: None,
                price: None,
            },
        }
    }

    fn no_router(&self, model: &str) -> Failure {
        let with: Vec<String> = self
            .fast_models()
            .iter()
            .map(|(m, _)| m.strip_prefix(MODEL_PREFIX).unwrap_or(m).to_string())
            .collect();
        let short = model.strip_prefix(MODEL_PREFIX).unwrap_or(model);
        Failure::new(
            Exit::NotFound,
            format!("{model} has no Fast router in the serving-path catalogue"),
        )
        .hint(format!(
            "models with one: {}. If Fireworks has added a router for this model, add two lines \
             to the config file: [models.\"{short}\"] and fast = \"{ROUTER_PREFIX}{short}-fast\"",
            with.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(model: &str, tier: Tier, fast: bool) -> PathRequest<'_> {
        PathRequest {
            model,
            tier,
            tier_explicit: true,
            fast,
        }
    }

    #[test]
    fn builtin_parses_and_has_documented_routers() {
        let cat = Catalogue::builtin().unwrap();
        let fast = cat.fast_models();
        assert!(fast.contains(&(
            "accounts/fireworks/models/kimi-k2p6",
            "accounts/fireworks/routers/kimi-k2p6-fast"
        )));
        assert!(fast.contains(&(
            "accounts/fireworks/models/glm-5p1",
            "accounts/fireworks/routers/glm-5p1-fast"
        )));
    }

    #[test]
    fn expansion() {
        assert_eq!(
            expand_model("kimi-k2p6"),
            "accounts/fireworks/models/kimi-k2p6"
        );
        for id in [
            "accounts/fireworks/models/x",
            "accounts/fireworks/routers/kimi-k2p6-fast",
            "accounts/me/deployments/d1",
        ] {
            assert_eq!(expand_model(id), id);
        }
    }

    #[test]
    fn standard_priority_fast() {
        let cat = Catalogue::builtin().unwrap();
        let (p, w) = cat
            .resolve(&req("kimi-k2p6", Tier::Standard, false))
            .unwrap();
        assert_eq!(p.kind, PathKind::Standard);
        assert_eq!(p.service_tier, None);
        assert!(w.is_empty());

        let (p, w) = cat
            .resolve(&req("kimi-k2p6", Tier::Priority, false))
            .unwrap();
        assert_eq!(p.service_tier, Some("priority"));
        assert_eq!(p.model, "accounts/fireworks/models/kimi-k2p6");
        assert!(w.is_empty());

        let (p, _) = cat.resolve(&req("glm-5p1", Tier::Standard, true)).unwrap();
        assert_eq!(p.kind, PathKind::Fast);
        assert_eq!(p.model, "accounts/fireworks/routers/glm-5p1-fast");
        assert_eq!(p.service_tier, None);
    }

    #[test]
    fn fast_without_router_is_not_found_with_advice() {
        let cat = Catalogue::builtin().unwrap();
        let err = cat
            .resolve(&req("gpt-oss-20b", Tier::Standard, true))
            .unwrap_err();
        assert_eq!(crate::exit::classify(&err), Exit::NotFound);
        let hint = crate::exit::hint(&err).unwrap();
        assert!(hint.contains("kimi-k2p6"), "{hint}");
        assert!(hint.contains("[models.\"gpt-oss-20b\"]"), "{hint}");
    }

    #[test]
    fn fast_and_priority() {
        let mut cat = Catalogue::builtin().unwrap();
        let err = cat
            .resolve(&req("kimi-k2p6", Tier::Priority, true))
            .unwrap_err();
        assert_eq!(crate::exit::classify(&err), Exit::Usage);

        // From the config file's tier, the priority is dropped with a warning instead.
        let mut r = req("kimi-k2p6", Tier::Priority, true);
        r.tier_explicit = false;
        let (p, w) = cat.resolve(&r).unwrap();
        assert_eq!((p.kind, p.service_tier), (PathKind::Fast, None));
        assert_eq!(w.len(), 1);

        let mut over = BTreeMap::new();
        over.insert(
            "kimi-k2p6".to_string(),
            ModelEntry {
                fast_priority: Some(true),
                ..Default::default()
            },
        );
        cat.apply(&over);
        let (p, _) = cat
            .resolve(&req("kimi-k2p6", Tier::Priority, true))
            .unwrap();
        assert_eq!(p.kind, PathKind::FastPriority);
        assert_eq!(p.service_tier, Some("priority"));
    }

    #[test]
    fn priority_on_unlisted_model_warns_but_sends() {
        let cat = Catalogue::builtin().unwrap();
        for m in ["gpt-oss-20b", "some-new-model"] {
            let (p, w) = cat.resolve(&req(m, Tier::Priority, false)).unwrap();
            assert_eq!(p.service_tier, Some("priority"));
            assert_eq!(w.len(), 1, "{m}");
        }
    }

    #[test]
    fn router_given_directly_is_fast() {
        let cat = Catalogue::builtin().unwrap();
        for fast in [false, true] {
            let (p, _) = cat
                .resolve(&req(
                    "accounts/fireworks/routers/kimi-k2p6-fast",
                    Tier::Standard,
                    fast,
                ))
                .unwrap();
            assert_eq!(p.kind, PathKind::Fast);
            assert_eq!(p.model, "accounts/fireworks/routers/kimi-k2p6-fast");
        }
    }

    #[test]
    fn prices_follow_the_path() {
        let cat = Catalogue::builtin().unwrap();
        let price = |tier, fast| {
            cat.resolve(&req("kimi-k2p6", tier, fast))
                .unwrap()
                .0
                .price
                .unwrap()
        };
        assert_eq!(price(Tier::Standard, false).output, 4.00);
        assert_eq!(price(Tier::Priority, false).output, 6.00);
        assert_eq!(price(Tier::Standard, true).output, 8.00);
        let p = price(Tier::Standard, false);
        // 1,000 prompt tokens of which 400 cached, 500 out.
        let want = (600.0 * 0.95 + 400.0 * 0.16 + 500.0 * 4.00) / 1e6;
        assert!((p.cost(1000, 400, 500) - want).abs() < 1e-12);
        let no_cached = Price {
            input: 1.0,
            cached_input: None,
            output: 0.0,
        };
        assert_eq!(no_cached.cost(1_000_000, 1_000_000, 0), 0.5);
        assert!(cat
            .resolve(&req("brand-new", Tier::Standard, false))
            .unwrap()
            .0
            .price
            .is_none());
    }

    #[test]
    fn config_adds_and_removes_routers() {
        let mut cat = Catalogue::builtin().unwrap();
        let entries: BTreeMap<String, ModelEntry> =
            toml::from_str("[kimi-k2p5]\nfast = \"kimi-k2p5-turbo\"\n[glm-5p1]\nfast = \"\"\n")
                .unwrap();
        cat.apply(&entries);
        let (p, _) = cat
            .resolve(&req("kimi-k2p5", Tier::Standard, true))
            .unwrap();
        assert_eq!(p.model, "accounts/fireworks/routers/kimi-k2p5-turbo");
        assert!(cat.resolve(&req("glm-5p1", Tier::Standard, true)).is_err());
    }
}
