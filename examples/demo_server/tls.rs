//! The HTTPS front: a certificate authority and a certificate for
//! 127.0.0.1 made at start, and the demo's routes served over TLS.

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

    static SERVED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = SERVED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("rolodex-demo-tls-{}-{n}", std::process::id());
    let dir = std::env::temp_dir().join(name);
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
