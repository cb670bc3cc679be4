//! `fw models`: the serverless model list, live from the control plane (every page), merged
//! with the serving-path catalogue; or one model in full.

use std::io::Write;

use anyhow::Result;

use crate::api::client::Client;
use crate::api::models::{control_page, control_page_url, openai_list, Listed};
use crate::api::request::Request;
use crate::exit::{classify, Exit, Failure};
use crate::models;
use crate::models::{ListFormat, ListSource};
use crate::output;
use crate::pipeline;
use crate::settings::Settings;

/// More pages than this means the server is looping.
const MAX_PAGES: usize = 500;

pub fn run(settings: &Settings, args: models::Query) -> Result<Exit> {
    let key = settings.key.obtain()?;
    let tls = match args.source {
        ListSource::Openai => settings.base_url.scheme() == "https",
        _ => [&settings.control_url, &settings.base_url]
            .iter()
            .any(|u| u.scheme() == "https"),
    };
    let client = Client::new(&settings.client_options(), &key, tls)?;
    let listed = pipeline::runtime()?.block_on(fetch(&client, settings, &args))?;
    let rows = models::rows(&listed, &settings.catalogue);

    let format = args.format;
    let mut out = crate::output::stdout();
    if let Some(row) = args.query.as_deref().and_then(|q| models::find(&rows, q)) {
        let d = models::detail(row, &settings.catalogue);
        match format {
            ListFormat::Json => {
                serde_json::to_writer_pretty(&mut out, &d)?;
                out.write_all(b"\n")?;
            }
            _ => out.write_all(models::detail_text(&d).as_bytes())?,
        }
        out.flush()?;
        return Ok(Exit::Success);
    }

    let rows = models::filter(rows, args.query.as_deref(), args.fast, args.priority);
    if rows.is_empty() && args.query.is_some() {
        return Err(Failure::new(
            Exit::NotFound,
            format!("no model matches {:?}", args.query.unwrap_or_default()),
        )
        .hint("run fw models with no argument to see every serverless model")
        .into());
    }
    match format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            out.write_all(b"\n")?;
        }
        ListFormat::Table => out.write_all(models::table(&rows).as_bytes())?,
        _ => out.write_all(models::tsv(&rows).as_bytes())?,
    }
    out.flush()?;
    Ok(Exit::Success)
}

async fn fetch(client: &Client, settings: &Settings, args: &models::Query) -> Result<Vec<Listed>> {
    let verbose = settings.verbose > 0;
    let openai = || async {
        let text = client
            .fetch(&Request::get(settings.url("models")), &head(verbose))
            .await?;
        openai_list(&text)
    };
    match args.source {
        ListSource::Openai => openai().await,
        ListSource::Control => all_pages(client, settings, &args.account)
            .await
            .map_err(|(_, e)| e),
        ListSource::Auto => match all_pages(client, settings, &args.account).await {
            Ok(list) => Ok(list),
            // Only a first page that could not be had at all falls back; a key the control
            // plane refuses is refused on /models too, and a later page failing is an error.
            Err((1, e)) if !matches!(classify(&e), Exit::Auth | Exit::Usage) => {
                output::warn(&format!(
                    "the control plane's model list failed ({e}); falling back to {}, which \
                     may be incomplete",
                    settings.url("models")
                ));
                match openai().await {
                    Ok(list) => Ok(list),
                    // Both failed: the one that says more wins (a refused key over an
                    // unreachable control plane), and the other is a warning.
                    Err(fallback)
                        if classify(&e) == Exit::Network
                            && classify(&fallback) != Exit::Network =>
                    {
                        output::warn(&format!("the control plane's list failed: {e}"));
                        Err(fallback)
                    }
                    Err(fallback) => {
                        output::warn(&format!("the fallback failed too: {fallback}"));
                        Err(e)
                    }
                }
            }
            Err((_, e)) => Err(e),
        },
    }
}

/// What `-v` shows of a reply's head.
fn head(verbose: bool) -> impl Fn(u16, &http::header::HeaderMap) {
    move |status, headers| {
        if verbose {
            output::print_head(status, headers);
        }
    }
}

/// Every page of the control plane's serverless list. On failure, the page number with the
/// error, so a failure after the first page is never mistaken for a short list.
async fn all_pages(
    client: &Client,
    settings: &Settings,
    account: &str,
) -> std::result::Result<Vec<Listed>, (usize, anyhow::Error)> {
    let control = settings.control_url.as_str();
    let mut all = Vec::new();
    let mut token: Option<String> = None;
    let mut seen = std::collections::HashSet::new();
    for page in 1..=MAX_PAGES {
        let req = Request::get(control_page_url(control, account, token.as_deref()));
        let result = async {
            let text = client.fetch(&req, &head(settings.verbose > 0)).await?;
            control_page(&text)
        }
        .await;
        let p = result.map_err(|e| (page, on_page(e, page, control)))?;
        all.extend(p.models);
        match p.next {
            None => return Ok(all),
            Some(t) if !seen.insert(t.clone()) => {
                let e = Failure::new(
                    Exit::Server,
                    format!("the model list repeats page token {t:?} (page {page}): the server is looping"),
                );
                return Err((page, e.into()));
            }
            Some(t) => token = Some(t),
        }
    }
    let e = Failure::new(
        Exit::Server,
        format!("the model list did not end after {MAX_PAGES} pages"),
    );
    Err((MAX_PAGES, e.into()))
}

/// Names the page in a failure, keeping its exit code and hint; a first page that could not
/// be reached names the control URL in its hint.
fn on_page(e: anyhow::Error, page: usize, control: &str) -> anyhow::Error {
    if page == 1 {
        if classify(&e) != Exit::Network {
            return e;
        }
        let mut f = Failure::new(Exit::Network, format!("{e}"));
        f.retryable = false;
        return f
            .hint(format!(
                "check the control-plane URL {} (--control-url, FIREWORKS_CONTROL_URL or \
                 control_url) and the network",
                crate::proxy::redact_url(control)
            ))
            .into();
    }
    let exit = classify(&e);
    let mut f = Failure::new(
        exit,
        format!("the model list failed on page {page}, so it is incomplete: {e}"),
    );
    f.hint = crate::exit::hint(&e).map(str::to_string);
    f.into()
}
