//! Runs the built-in demo Rolodex server on its own, so the editor (or
//! `rolodex-tui doctor`) can be pointed at it the way it is pointed at a
//! real workspace:
//!
//! ```sh
//! cargo run --example demo_server -- --help
//! cargo run --example demo_server -- --single-get without-lists
//! # then, in another terminal, with the two lines it prints:
//! ROLODEX_BASE_URL=… ROLODEX_API_KEY=… cargo run --release
//! ```
//!
//! The switches make it answer as the Rolodex guide's own examples do where
//! they differ from what a client would like to assume, so each of those
//! behaviours can be rehearsed by hand. `--tls` serves HTTPS instead, with a
//! certificate authority made at start that `SSL_CERT_FILE` (printed as a
//! third export) trusts: HTTP/1.1 only, or h2 too with `--h2`.

use clap::Parser;
use rolodex_tui::demo::{Behaviour, Bulk, DemoServer, PutAnswer, RetryAfter, SingleGet};

/// The demo Rolodex API on 127.0.0.1, with switches for the ways a real
/// server might answer.
#[derive(Debug, Parser)]
#[command(name = "demo_server")]
struct Args {
    /// How `GET /contacts/:id` answers: with-lists (every list asked for),
    /// without-lists (scalars only, as the guide's single-object examples),
    /// missing (404, no such endpoint) or not-allowed (405).
    #[arg(long, default_value_t = SingleGet::WithLists)]
    single_get: SingleGet,
    /// No contact read returns a relationship list, the contact list
    /// (`GET /contacts?include=…`) neither.
    #[arg(long)]
    no_lists_anywhere: bool,
    /// How a stored PUT is answered: scalars (the guide's example), full,
    /// no-content (204), empty-object (`{}`) or null-data (`{"data": null}`).
    #[arg(long, default_value_t = PutAnswer::Scalars)]
    put_answer: PutAnswer,
    /// `GET /custom-fields?entity_type=CONTACT` returns COMPANY fields too.
    #[arg(long)]
    ignore_entity_type: bool,
    /// Serve N made-up CONTACT custom field definitions after the real ones
    /// (a workspace, or a broken server, far larger than a real one).
    #[arg(long, value_name = "N", default_value_t = 0)]
    bulk_definitions: usize,
    /// Serve N made-up tags after the real ones.
    #[arg(long, value_name = "N", default_value_t = 0)]
    bulk_tags: usize,
    /// Pad each made-up definition's or tag's name to this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 0)]
    bulk_name_bytes: usize,
    /// Serve at most this many items per page of those lists.
    #[arg(long, value_name = "N", default_value_t = 100)]
    bulk_per_page: usize,
    /// Answer the first N GETs of a contact (`/contacts/…`) with 429.
    #[arg(long, value_name = "N", default_value_t = 0)]
    rate_limit_gets: usize,
    /// The `Retry-After` of those 429s, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 2)]
    retry_after: u64,
    /// Write that `Retry-After` as an HTTP date instead of seconds.
    #[arg(long)]
    retry_after_date: bool,
    /// Delay every answer by this many milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    latency_ms: u64,
    /// Serve HTTPS (TLS 1.3, HTTP/1.1 by ALPN) with a certificate made at
    /// start; its authority is written to a file SSL_CERT_FILE names.
    #[arg(long)]
    tls: bool,
    /// With --tls: offer h2 as well (ALPN h2, http/1.1).
    #[arg(long, requires = "tls")]
    h2: bool,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let server = DemoServer::start().await?;
    let bulk = |count: usize| {
        (count > 0).then_some(Bulk {
            count,
            name_bytes: args.bulk_name_bytes,
            per_page: args.bulk_per_page,
        })
    };
    server.set_behaviour(Behaviour {
        single_get: args.single_get,
        no_lists_anywhere: args.no_lists_anywhere,
        put_answer: args.put_answer,
        ignore_entity_type: args.ignore_entity_type,
        bulk_definitions: bulk(args.bulk_definitions),
        bulk_tags: bulk(args.bulk_tags),
    });
    if args.rate_limit_gets > 0 {
        let retry_after = if args.retry_after_date {
            RetryAfter::Date(args.retry_after)
        } else {
            RetryAfter::Seconds(args.retry_after)
        };
        server.faults().rate_limit_matching(
            Some("GET"),
            Some("/contacts/"),
            args.rate_limit_gets,
            retry_after,
        );
    }
    server
        .faults()
        .set_latency(std::time::Duration::from_millis(args.latency_ms));
    let _ca_dir;
    if args.tls {
        let (addr, ca_dir) = tls::serve(server.app(), args.h2).await?;
        println!("export ROLODEX_BASE_URL=https://{addr}/user-api/v1");
        println!("export ROLODEX_API_KEY={}", server.api_key());
        let ca = ca_dir.path().join("ca.pem");
        println!("export SSL_CERT_FILE={}", ca.display());
        _ca_dir = ca_dir;
    } else {
        println!("export ROLODEX_BASE_URL={}", server.base_url());
        println!("export ROLODEX_API_KEY={}", server.api_key());
    }
    eprintln!(
        "demo server running ({:?}); Ctrl-C stops it",
        server.behaviour()
    );
    tokio::signal::ctrl_c().await?;
    Ok(())
}

/// The HTTPS front (shared with the tests that load over it).
#[path = "demo_server/tls.rs"]
mod tls;
