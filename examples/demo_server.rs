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
use rolodex_tui::demo::{Behaviour, DemoServer, PutAnswer, RetryAfter, SingleGet};

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
    server.set_behaviour(Behaviour {
        single_get: args.single_get,
        no_lists_anywhere: args.no_lists_anywhere,
        put_answer: args.put_answer,
        ignore_entity_type: args.ignore_entity_type,
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

/// The HTTPS front: a certificate authority and a certificate for
/// 127.0.0.1 made at start, and the demo's routes served over TLS.
mod tls {
    use std::net::{Ipv4Addr, SocketAddr};
    use std::sync::Arc;

    use hyper_util::rt::{TokioExecutor, TokioIo};
    use hyper_util::server::conn::auto;
    use hyper_util::service::TowerToHyperService;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
    use tokio::net::TcpListener;

    /// A folder that is removed when dropped.
    pub struct TempDir(std::path::PathBuf);

    impl TempDir {
        pub fn path(&self) -> &std::path::Path {
            &self.0
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn made(e: rcgen::Error) -> std::io::Error {
        std::io::Error::other(format!("the certificate could not be made: {e}"))
    }

    pub async fn serve(app: axum::Router, h2: bool) -> std::io::Result<(SocketAddr, TempDir)> {
        let ca_key = rcgen::KeyPair::generate().map_err(made)?;
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).map_err(made)?;
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "rolodex-tui demo CA");
        let ca = ca_params.self_signed(&ca_key).map_err(made)?;
        let key = rcgen::KeyPair::generate().map_err(made)?;
        let params = rcgen::CertificateParams::new(vec![
            "127.0.0.1".into(),
            "localhost".into(),
            // The name scripts/measure-startup.py --rtt reaches it by,
            // through its delaying proxy.
            "api.rolodex-demo.test".into(),
        ])
        .map_err(made)?;
        let cert = params.signed_by(&key, &ca, &ca_key).map_err(made)?;

        let dir = std::env::temp_dir().join(format!("rolodex-demo-tls-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let dir = TempDir(dir);
        std::fs::write(dir.path().join("ca.pem"), ca.pem())?;

        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_protocol_versions(&[&rustls::version::TLS13])
            .map_err(std::io::Error::other)?
            .with_no_client_auth()
            .with_single_cert(
                vec![CertificateDer::from(cert.der().to_vec())],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
            )
            .map_err(std::io::Error::other)?;
        config.alpn_protocols = match h2 {
            true => vec![b"h2".to_vec(), b"http/1.1".to_vec()],
            false => vec![b"http/1.1".to_vec()],
        };
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let _ = tcp.set_nodelay(true);
                let acceptor = acceptor.clone();
                let app = app.clone();
                tokio::spawn(async move {
                    let Ok(tls) = acceptor.accept(tcp).await else {
                        return;
                    };
                    let service = TowerToHyperService::new(app);
                    let _ = auto::Builder::new(TokioExecutor::new())
                        .serve_connection(TokioIo::new(tls), service)
                        .await;
                });
            }
        });
        Ok((addr, dir))
    }
}
