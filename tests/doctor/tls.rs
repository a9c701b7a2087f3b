//! The TLS checks against a real handshake: a TLS front (test certificate
//! from `tests/fixtures/tls`) before the demo server, trusted through
//! `SSL_CERT_FILE` or not at all, offering TLS 1.3 or only 1.2.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use rolodex_tui::api::client::probe::{CertificateProblem, TlsProbe, TlsVersion};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::net::{TcpListener, TcpStream};

use super::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tls")
        .join(name)
}

/// Accepts TLS on a port of its own and passes the bytes to `backend`.
async fn tls_front(
    backend: SocketAddr,
    versions: &[&'static rustls::SupportedProtocolVersion],
) -> SocketAddr {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(fixture("server.pem"))
        .expect("server.pem")
        .collect::<Result<_, _>>()
        .expect("certificates");
    let key = PrivateKeyDer::from_pem_file(fixture("server.key")).expect("server.key");
    let config = rustls::ServerConfig::builder_with_protocol_versions(versions)
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .expect("server config");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                if let Ok(mut plain) = TcpStream::connect(backend).await {
                    let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
                }
            });
        }
    });
    addr
}

fn demo_addr(server: &DemoServer) -> SocketAddr {
    let url = reqwest::Url::parse(&server.base_url()).expect("demo URL");
    let port = url.port().expect("a port");
    SocketAddr::from(([127, 0, 0, 1], port))
}

fn https_base(front: SocketAddr) -> String {
    format!("https://{front}/user-api/v1")
}

#[tokio::test]
async fn a_certificate_from_an_unknown_authority_is_not_trusted_and_says_how_to_fix_it() {
    let server = server().await;
    let front = tls_front(demo_addr(&server), rustls::ALL_VERSIONS).await;
    let client = RolodexClient::new(ClientConfig::new(https_base(front), ApiKey::new(KEY)))
        .expect("client builds");
    assert!(
        matches!(
            client.probe_tls().await,
            TlsProbe::Untrusted {
                problem: CertificateProblem::NotTrusted,
                ..
            }
        ),
        "the test CA is in no system store"
    );
    let report = doctor::run(&client, None).await;
    let table = render::table(&report, WIDTH);
    let tls = entry(checks(&table), "TLS");
    assert!(
        tls.starts_with("TLS FAIL") && tls.contains("certificate not trusted"),
        "{tls}"
    );
    let list = entry(checks(&table), "contacts list");
    assert!(
        list.contains("the server's certificate is not trusted"),
        "{list}"
    );
    assert!(tls.contains("SSL_CERT_FILE"), "{tls}");
    assert_eq!(report.exit_code(), 1);
    assert!(!table.contains(KEY));
    assert_plain(&table);
    // Nothing got past the handshake, so nothing but GETs could be sent.
    assert!(server.requests().iter().all(|r| r.method == "GET"));
}

#[tokio::test]
async fn a_trusted_certificate_reports_the_tls_version_the_server_takes() {
    for (versions, expected, words) in [
        (
            rustls::ALL_VERSIONS,
            TlsVersion::Tls13,
            "TLS 1.3, certificate trusted",
        ),
        (
            &[&rustls::version::TLS12][..],
            TlsVersion::Tls12,
            "TLS 1.2 (the server refused TLS 1.3), certificate trusted",
        ),
    ] {
        let server = server().await;
        let front = tls_front(demo_addr(&server), versions).await;
        let base = https_base(front);
        let ca = fixture("ca.pem");
        let ca = ca.to_str().expect("a UTF-8 path");
        let (out, err, code) = run_binary(
            &["doctor", "--json"],
            &[
                ("ROLODEX_BASE_URL", &base),
                ("ROLODEX_API_KEY", KEY),
                ("SSL_CERT_FILE", ca),
            ],
        )
        .await;
        assert_eq!(code, 0, "{out}{err}");
        assert!(!out.contains(KEY) && !err.contains(KEY));
        let json: Value = serde_json::from_str(&out).expect("JSON");
        let tls = &json["findings"]["tls"];
        let version = match expected {
            TlsVersion::Tls13 => "1.3",
            TlsVersion::Tls12 => "1.2",
        };
        assert_eq!(tls["version"], version, "{out}");
        assert_eq!(tls["certificate"], "trusted");
        let row = json["checks"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["name"] == "tls"))
            .cloned()
            .unwrap_or_default();
        assert_eq!(row["detail"], words);
        assert_eq!(json["findings"]["http_version"], "HTTP/1.1");
        assert_only_gets(&server);
    }
}
