//! The one decision of whether a request goes through a proxy, and which. The proxy variables
//! are read once, here, as curl reads them (lowercase first, an empty value is unset); the HTTP
//! client is built with every automatic proxy off and asks `ProxyRules::for_url` for each
//! request, so what fw decides is exactly what it does. A loopback URL never goes through a
//! proxy: it is this machine, and a plain-http loopback request through a proxy would carry the
//! key in clear text to the proxy's host.

use url::Url;

/// The proxies from the environment and the hosts that bypass them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProxyRules {
    /// The variable that gave the proxy for http URLs, and its value.
    http: Option<(&'static str, String)>,
    https: Option<(&'static str, String)>,
    /// `NO_PROXY` entries, lowercased, without leading `*.` or `.`.
    bypass: Vec<String>,
    bypass_all: bool,
}

impl ProxyRules {
    pub fn from_env(env: &dyn Fn(&str) -> Option<String>) -> ProxyRules {
        let first = |names: &[&'static str]| names.iter().find_map(|n| env(n).map(|v| (*n, v)));
        let all = first(&["all_proxy", "ALL_PROXY"]);
        let list = first(&["no_proxy", "NO_PROXY"])
            .map(|(_, v)| v)
            .unwrap_or_default();
        let mut rules = ProxyRules {
            http: first(&["http_proxy", "HTTP_PROXY"]).or_else(|| all.clone()),
            https: first(&["https_proxy", "HTTPS_PROXY"]).or(all),
            ..ProxyRules::default()
        };
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            if entry == "*" {
                rules.bypass_all = true;
            }
            let entry = entry.trim_start_matches("*.").trim_start_matches('.');
            rules.bypass.push(entry.to_ascii_lowercase());
        }
        rules
    }

    /// The proxy a request to `url` goes through, or `None` for a direct connection. A proxy
    /// variable that applies but does not parse is an error naming it (never its value, which
    /// may hold a password): going direct instead would bypass the proxy the user set.
    pub fn for_url(&self, url: &Url) -> Result<Option<Url>, String> {
        if is_loopback(url) || self.bypass_all {
            return Ok(None);
        }
        let Some(host) = url.host_str() else {
            return Ok(None);
        };
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_ascii_lowercase();
        if self.bypass.iter().any(|e| bypasses(e, &host)) {
            return Ok(None);
        }
        let set = match url.scheme() {
            "https" => &self.https,
            _ => &self.http,
        };
        let Some((name, raw)) = set else {
            return Ok(None);
        };
        parse_proxy(raw).map(Some).ok_or_else(|| {
            format!("{name} is not a proxy address fw can use: give it as http://HOST:PORT")
        })
    }
}

/// A proxy URL; `host:port` alone means http.
fn parse_proxy(raw: &str) -> Option<Url> {
    let url = if raw.contains("://") {
        Url::parse(raw).ok()?
    } else {
        Url::parse(&format!("http://{raw}")).ok()?
    };
    url.host_str()?;
    Some(url)
}

/// Whether one `NO_PROXY` entry exempts `host`: the same name, a parent domain, the same IP
/// address, or an IPv4 network (`10.0.0.0/8`). A port on the entry is ignored.
fn bypasses(entry: &str, host: &str) -> bool {
    let entry = match entry.rsplit_once(':') {
        // `host:port`, not an IPv6 address.
        Some((h, port)) if !h.contains(':') && port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => entry,
    };
    let entry = entry.trim_start_matches('[').trim_end_matches(']');
    if entry == host {
        return true;
    }
    if host.parse::<std::net::IpAddr>().is_err() && host.ends_with(&format!(".{entry}")) {
        return true;
    }
    in_cidr(host, entry)
}

/// Whether `host` is an IPv4 address inside `cidr` (`a.b.c.d/n`).
fn in_cidr(host: &str, cidr: &str) -> bool {
    let Some((net, bits)) = cidr.split_once('/') else {
        return false;
    };
    let (Ok(ip), Ok(net), Ok(bits)) = (
        host.parse::<std::net::Ipv4Addr>(),
        net.parse::<std::net::Ipv4Addr>(),
        bits.parse::<u32>(),
    ) else {
        return false;
    };
    let mask = match bits {
        0 => 0,
        b => u32::MAX << (32 - b.min(32)),
    };
    u32::from(ip) & mask == u32::from(net) & mask
}

/// `localhost`, `*.localhost`, 127.0.0.0/8 and ::1.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => {
            let d = d.to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost")
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// A URL as it may be printed: any user name and password replaced by `***`. Works on text
/// that does not parse, too.
pub fn redact_url(raw: &str) -> String {
    let (scheme, rest) = match raw.split_once("://") {
        Some((s, r)) => (Some(s), r),
        None => (None, raw),
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let authority = match authority.rfind('@') {
        Some(at) => format!("***@{}", &authority[at + 1..]),
        None => authority.to_string(),
    };
    match scheme {
        Some(s) => format!("{s}://{authority}{tail}"),
        None => format!("{authority}{tail}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(vars: &[(&str, &str)]) -> ProxyRules {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ProxyRules::from_env(&move |k: &str| {
            vars.iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
                .filter(|v| !v.is_empty())
        })
    }

    fn via(r: &ProxyRules, url: &str) -> Option<String> {
        r.for_url(&Url::parse(url).unwrap())
            .unwrap()
            .map(|u| u.to_string())
    }

    #[test]
    fn a_proxy_that_does_not_parse_is_an_error_not_a_direct_connection() {
        let r = rules(&[("HTTPS_PROXY", "http://user:secret@proxy:port")]);
        let e = r
            .for_url(&Url::parse("https://api.fireworks.ai/v1").unwrap())
            .unwrap_err();
        assert!(e.starts_with("HTTPS_PROXY is not a proxy address"), "{e}");
        assert!(!e.contains("secret"), "{e}");
        // It only matters where it applies: plain http to elsewhere, loopback, NO_PROXY.
        assert_eq!(via(&r, "http://example.com/"), None);
        assert_eq!(via(&r, "https://127.0.0.1:8/v1"), None);
        let r = rules(&[
            ("HTTPS_PROXY", "http://proxy:port"),
            ("NO_PROXY", "fireworks.ai"),
        ]);
        assert_eq!(via(&r, "https://api.fireworks.ai/v1"), None);
    }

    #[test]
    fn loopback_is_never_proxied() {
        let r = rules(&[
            ("HTTP_PROXY", "http://proxy.corp:3128"),
            ("ALL_PROXY", "http://proxy.corp:3128"),
        ]);
        for url in [
            "http://127.0.0.1:8080/v1",
            "http://127.9.9.9/v1",
            "http://localhost:1/v1",
            "http://api.localhost/v1",
            "http://[::1]:8/v1",
        ] {
            assert_eq!(via(&r, url), None, "{url}");
        }
    }

    #[test]
    fn the_cases_that_used_to_leak() {
        // `NO_PROXY=*` bypasses IP addresses too, and an empty NO_PROXY counts as unset, so a
        // lowercase no_proxy applies.
        let http = "http://proxy.corp:3128";
        for vars in [
            vec![("HTTP_PROXY", http), ("NO_PROXY", "*")],
            vec![("HTTP_PROXY", http), ("NO_PROXY", ""), ("no_proxy", "*")],
            vec![("ALL_PROXY", http), ("no_proxy", "10.1.2.3")],
        ] {
            let r = rules(&vars);
            assert_eq!(via(&r, "https://10.1.2.3/v1"), None, "{vars:?}");
        }
    }

    #[test]
    fn scheme_picks_the_variable() {
        let r = rules(&[
            ("http_proxy", "http://h:1"),
            ("HTTPS_PROXY", "s:2"),
            ("ALL_PROXY", "http://a:3"),
        ]);
        assert_eq!(
            via(&r, "https://api.fireworks.ai/v1").as_deref(),
            Some("http://s:2/")
        );
        assert_eq!(
            via(&r, "http://example.com/").as_deref(),
            Some("http://h:1/")
        );
        let r = rules(&[("ALL_PROXY", "http://a:3")]);
        assert_eq!(
            via(&r, "https://api.fireworks.ai/v1").as_deref(),
            Some("http://a:3/")
        );
        assert_eq!(via(&rules(&[]), "https://api.fireworks.ai/v1"), None);
    }

    #[test]
    fn no_proxy_entries() {
        let r = rules(&[
            ("HTTPS_PROXY", "http://p:1"),
            (
                "NO_PROXY",
                " .corp.example , fireworks.ai:443, 192.168.0.0/16,*.internal,[2001:db8::1]",
            ),
        ]);
        for direct in [
            "https://a.corp.example/",
            "https://corp.example/",
            "https://api.fireworks.ai/",
            "https://fireworks.ai/",
            "https://192.168.4.5/",
            "https://x.internal/",
            "https://[2001:db8::1]/",
        ] {
            assert_eq!(via(&r, direct), None, "{direct}");
        }
        for proxied in [
            "https://notfireworks.ai/",
            "https://192.169.0.1/",
            "https://example.com/",
        ] {
            assert!(via(&r, proxied).is_some(), "{proxied}");
        }
    }

    #[test]
    fn redaction() {
        assert_eq!(
            redact_url("http://user:pw@host:8/v1?q=1"),
            "http://***@host:8/v1?q=1"
        );
        assert_eq!(redact_url("user:pw@host"), "***@host");
        assert_eq!(redact_url("https://h/a@b"), "https://h/a@b");
        assert_eq!(redact_url("not a url"), "not a url");
    }
}
