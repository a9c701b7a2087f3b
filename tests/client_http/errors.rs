//! Every error class over real HTTP: what the server (or the network) does,
//! and the one `ApiError` the client turns it into.

use std::time::Duration;

use rolodex_tui::api::client::ReadEvent;
use rolodex_tui::api::wire::{EmailWrite, PutBody};
use rolodex_tui::api::{ApiError, ApiKey, ClientConfig};
use rolodex_tui::demo::{DEMO_API_KEY, DEMO_CONTACT_ID, RetryAfter};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::{client, client_with, config, server};

#[tokio::test]
async fn a_wrong_key_is_unauthorized_and_never_shown() {
    let server = server().await;
    let secret = "sk_wrong_but_secret_4242";
    let client = client_with(ClientConfig::new(server.base_url(), ApiKey::new(secret)));
    let error = client
        .contact(DEMO_CONTACT_ID)
        .await
        .expect_err("wrong key refused");
    assert_eq!(error, ApiError::Unauthorized { status: 401 });
    assert!(error.to_string().contains("ROLODEX_API_KEY"));
    assert!(!error.to_string().contains(secret) && !format!("{error:?}").contains(secret));
}

#[tokio::test]
async fn an_unknown_contact_is_not_found_and_its_id_is_encoded() {
    let server = server().await;
    let error = client(&server)
        .contact("no such/contact")
        .await
        .expect_err("404");
    match &error {
        ApiError::NotFound { what, message } => {
            assert!(what.contains("no such/contact"), "{what}");
            assert!(
                message.as_deref().is_some_and(|m| m.contains("no contact")),
                "{message:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(error.status(), Some(404));
    assert_eq!(
        server.requests()[0].path,
        "/user-api/v1/contacts/no%20such%2Fcontact"
    );
}

#[tokio::test]
async fn an_invalid_write_is_rejected_with_the_server_message() {
    let server = server().await;
    let body = PutBody {
        title: None,
        is_starred: false,
        emails: Some(vec![EmailWrite {
            email_address: "not-an-email".into(),
            is_primary: true,
        }]),
        custom_fields: Some(vec![]),
        ..PutBody::default()
    };
    let error = client(&server)
        .put_contact(DEMO_CONTACT_ID, &body)
        .await
        .expect_err("422");
    match &error {
        ApiError::Rejected {
            status: 422,
            message,
        } => assert!(message.contains("emails[0]"), "{message}"),
        other => panic!("{other:?}"),
    }
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn server_failures_are_server_errors() {
    let server = server().await;
    server.faults().fail_next_puts(1);
    let body = PutBody {
        title: None,
        is_starred: true,
        emails: Some(vec![]),
        custom_fields: Some(vec![]),
        ..PutBody::default()
    };
    let before = server.contact(DEMO_CONTACT_ID);
    let error = client(&server)
        .put_contact(DEMO_CONTACT_ID, &body)
        .await
        .expect_err("500");
    assert!(
        matches!(&error, ApiError::Server { status: 500, message } if message.contains("nothing was saved")),
        "{error:?}"
    );
    assert!(error.is_retryable());
    assert_eq!(server.contact(DEMO_CONTACT_ID), before);

    server
        .faults()
        .respond_raw_next(1, 502, "text/html", "<h1>Bad\r\ngateway</h1>".into());
    let error = client(&server)
        .contact(DEMO_CONTACT_ID)
        .await
        .expect_err("502");
    assert_eq!(
        error,
        ApiError::Server {
            status: 502,
            message: "<h1>Bad gateway</h1>".into()
        }
    );
}

#[tokio::test]
async fn a_dropped_connection_is_lost_not_a_timeout() {
    let server = server().await;
    server.faults().drop_next(Some("GET"), 1);
    let error = client(&server)
        .contact(DEMO_CONTACT_ID)
        .await
        .expect_err("dropped");
    assert!(
        matches!(
            error,
            ApiError::ConnectionLost { .. } | ApiError::Connect { .. }
        ),
        "{error:?}"
    );
    assert!(error.is_retryable());
}

#[tokio::test]
async fn a_closed_port_is_a_connect_error() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let config = ClientConfig::new(format!("http://{addr}/user-api/v1"), ApiKey::new("k"));
    let error = client_with(config)
        .contact("c1")
        .await
        .expect_err("refused");
    assert!(
        matches!(&error, ApiError::Connect { detail } if detail.contains(&addr.to_string())),
        "{error:?}"
    );
    // Said in words a person acts on, not as the socket's error chain.
    let said = error.to_string();
    assert!(
        said.contains(&format!(
            "nothing is listening at {addr} (connection refused)"
        )),
        "{said}"
    );
    assert!(!said.contains("os error"), "{said}");
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout() {
    let server = server().await;
    server.faults().set_latency(Duration::from_millis(800));
    let mut config = config(&server);
    config.request_timeout = Duration::from_millis(150);
    let error = client_with(config)
        .contact(DEMO_CONTACT_ID)
        .await
        .expect_err("timeout");
    assert_eq!(error, ApiError::Timeout);
}

#[tokio::test]
async fn a_body_that_is_not_json_is_invalid() {
    let server = server().await;
    server
        .faults()
        .respond_raw_next(1, 200, "text/html", "<html>maintenance</html>".into());
    let error = client(&server)
        .contact(DEMO_CONTACT_ID)
        .await
        .expect_err("not JSON");
    assert!(
        matches!(&error, ApiError::InvalidResponse { path, detail } if path.is_empty() && detail.contains("not JSON")),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_wrong_shape_names_the_json_path() {
    let server = server().await;
    let mut contact = server.contact(DEMO_CONTACT_ID).expect("seeded");
    contact["custom_fields"][3]["id"] = Value::Null;
    let body = json!({ "data": contact }).to_string();
    server
        .faults()
        .respond_raw_next(1, 200, "application/json", body);
    let error = client(&server)
        .contact(DEMO_CONTACT_ID)
        .await
        .expect_err("bad shape");
    assert_eq!(
        error.to_string(),
        "the server's answer could not be read at data.custom_fields[3].id: invalid type: null, expected a string"
    );
}

#[tokio::test]
async fn a_body_over_the_cap_is_refused() {
    let server = server().await;
    let mut config = config(&server);
    config.max_body_bytes = 1024;
    let client = client_with(config);
    server.faults().respond_raw_next(
        1,
        200,
        "application/json",
        format!("\"{}\"", "x".repeat(4000)),
    );
    assert_eq!(
        client.contact(DEMO_CONTACT_ID).await,
        Err(ApiError::TooLarge { limit: 1024 })
    );
    // The real contact is larger than 1 KiB too.
    assert_eq!(
        client.contact(DEMO_CONTACT_ID).await,
        Err(ApiError::TooLarge { limit: 1024 })
    );
}

/// A one-shot HTTP server that answers with a chunked body of `size` bytes
/// and no Content-Length, so only counting while streaming can catch it.
async fn chunked_server(size: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let Ok((mut socket, _)) = listener.accept().await else {
            return;
        };
        let mut buf = [0u8; 4096];
        let _ = socket.read(&mut buf).await;
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
        let _ = socket.write_all(head.as_bytes()).await;
        let chunk = format!("400\r\n{}\r\n", " ".repeat(0x400));
        for _ in 0..size.div_ceil(0x400) {
            if socket.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
        }
        let _ = socket.write_all(b"0\r\n\r\n").await;
    });
    format!("http://{addr}/user-api/v1")
}

#[tokio::test]
async fn a_chunked_body_over_the_cap_is_refused_while_streaming() {
    let mut config = ClientConfig::new(chunked_server(64 * 1024).await, ApiKey::new("k"));
    config.max_body_bytes = 8 * 1024;
    let error = client_with(config).contact("c1").await;
    assert_eq!(error, Err(ApiError::TooLarge { limit: 8 * 1024 }));
}

#[tokio::test]
async fn rate_limiting_reports_retry_after() {
    let server = server().await;
    // A PUT is never retried by itself: the 429 is the answer.
    server
        .faults()
        .rate_limit_matching(Some("PUT"), None, 1, RetryAfter::Seconds(7));
    let body = PutBody {
        title: None,
        is_starred: true,
        emails: None,
        custom_fields: None,
        ..PutBody::default()
    };
    let error = client(&server)
        .put_contact(DEMO_CONTACT_ID, &body)
        .await
        .expect_err("429");
    assert_eq!(
        error,
        ApiError::RateLimited {
            retry_after: Some(Duration::from_secs(7))
        }
    );
    assert!(error.to_string().contains("7 s"));
    assert_eq!(server.requests().len(), 1, "tried once");
}

#[tokio::test]
async fn a_rate_limited_get_waits_out_retry_after_then_succeeds() {
    let server = server().await;
    server
        .faults()
        .rate_limit_matching(Some("GET"), Some("/contacts"), 2, RetryAfter::Seconds(1));
    let events = std::sync::Mutex::new(vec![]);
    let started = std::time::Instant::now();
    let page = client(&server)
        .load_with(DEMO_CONTACT_ID, &|e| events.lock().unwrap().push(e))
        .await
        .expect("loaded after the waits");
    assert_eq!(page.0.id, DEMO_CONTACT_ID);
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "waited 1 s twice"
    );
    let events = events.into_inner().unwrap();
    let countdowns: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            ReadEvent::RateLimited { attempt, of, .. } => Some((*attempt, *of)),
            _ => None,
        })
        .collect();
    assert_eq!(countdowns, vec![(1, 3), (2, 3)], "{events:?}");
    let gets = server
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/contacts/contact_67890"))
        .count();
    assert_eq!(gets, 3, "two 429s, then the answer");
}

#[tokio::test]
async fn a_rate_limit_with_an_http_date_is_waited_out_and_given_up_after_three_tries() {
    let server = server().await;
    server
        .faults()
        .rate_limit_matching(Some("GET"), Some("/contacts/"), 10, RetryAfter::Date(5));
    let mut config = config(&server);
    config.max_rate_limit_wait = Duration::from_millis(300);
    let started = std::time::Instant::now();
    let error = client_with(config)
        .contact(DEMO_CONTACT_ID)
        .await
        .expect_err("still limited after 3 retries");
    assert!(matches!(error, ApiError::RateLimited { .. }), "{error}");
    assert!(
        started.elapsed() >= Duration::from_millis(800),
        "3 capped waits"
    );
    let gets = server
        .requests()
        .iter()
        .filter(|r| r.path.contains("/contacts/"))
        .count();
    assert_eq!(gets, 4, "the first try and 3 retries, then it asks");
}

#[tokio::test]
async fn a_missing_endpoint_is_reported_as_not_available() {
    let server = server().await;
    server
        .faults()
        .respond_raw_next(1, 405, "text/plain", String::new());
    let error = client(&server).workspace_users().await.expect_err("405");
    assert!(
        matches!(&error, ApiError::NotFound { what, .. } if what.contains("GET /workspace-users") && what.contains("405")),
        "{error:?}"
    );
}

#[tokio::test]
async fn server_text_is_cleaned_and_the_key_redacted() {
    let server = server().await;
    let hostile =
        json!({"error": {"message": format!("key {DEMO_API_KEY} is\u{1b}[2J\nsuspended")}})
            .to_string();
    server
        .faults()
        .respond_raw_next(1, 400, "application/json", hostile);
    let error = client(&server)
        .contact(DEMO_CONTACT_ID)
        .await
        .expect_err("400");
    assert_eq!(
        error,
        ApiError::Rejected {
            status: 400,
            message: "key *** is suspended".into()
        }
    );
}

/// A TLS server on loopback presenting `cert`, accepting one connection at a
/// time and answering nothing (the handshake is what is tested).
async fn tls_server(cert: rcgen::Certificate, key: rcgen::KeyPair) -> std::net::SocketAddr {
    use tokio_rustls::rustls;
    let provider = std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_single_cert(
            vec![cert.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
        )
        .expect("server config");
    let acceptor = tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let _ = acceptor.accept(stream).await;
            });
        }
    });
    addr
}

async fn tls_error(cert: rcgen::Certificate, key: rcgen::KeyPair) -> ApiError {
    let addr = tls_server(cert, key).await;
    let base = format!("https://{addr}/user-api/v1");
    client_with(ClientConfig::new(base, ApiKey::new(DEMO_API_KEY)))
        .contacts_page(1, 0, "full_name:asc", "")
        .await
        .expect_err("the certificate is refused")
}

#[tokio::test]
async fn an_untrusted_certificate_is_said_in_plain_words_with_the_fix() {
    let key = rcgen::KeyPair::generate().expect("key");
    let params = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string()]).expect("params");
    let cert = params.self_signed(&key).expect("self-signed");
    let error = tls_error(cert, key).await;
    assert!(
        matches!(&error, ApiError::Tls { problem: rolodex_tui::api::TlsProblem::NotTrusted, host } if host == "127.0.0.1"),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(
        text.contains("not trusted") && text.contains("SSL_CERT_FILE"),
        "{text}"
    );
    assert!(
        !text.contains("UnknownIssuer") && !text.contains("Other("),
        "{text}"
    );
}

#[tokio::test]
async fn an_authority_certificate_used_by_the_server_is_said_in_plain_words() {
    let key = rcgen::KeyPair::generate().expect("key");
    let mut params = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string()]).expect("params");
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let cert = params.self_signed(&key).expect("self-signed CA");
    let error = tls_error(cert, key).await;
    let text = error.to_string();
    assert!(
        matches!(
            error,
            ApiError::Tls {
                problem: rolodex_tui::api::TlsProblem::AuthorityAsServer,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        !text.contains("CaUsedAsEndEntity") && !text.contains("OtherError"),
        "{text}"
    );
    assert!(text.contains("certificate authority"), "{text}");
}

/// A server on loopback that answers every request with a 302 to
/// `location`, counting the requests it gets.
async fn redirecting_server(
    location: impl Fn(&str) -> String + Send + Sync + 'static,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let base = format!("http://{addr}");
    let seen = Arc::new(AtomicUsize::new(0));
    let (count, to) = (seen.clone(), Arc::new(location));
    let app = axum::Router::new().fallback(move |uri: axum::http::Uri| {
        let (count, to) = (count.clone(), to.clone());
        async move {
            count.fetch_add(1, Ordering::SeqCst);
            axum::response::Redirect::to(&to(&uri.to_string()))
        }
    });
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("{base}/user-api/v1"), seen)
}

#[tokio::test]
async fn a_redirect_loop_on_the_same_server_is_called_a_loop() {
    // Every answer sends the client back to where it asked.
    let (base, seen) = redirecting_server(|asked| asked.to_string()).await;
    let client = client_with(ClientConfig::new(base.clone(), ApiKey::new("k")));
    let Err(error) = client.contact("c1").await else {
        panic!("a loop has no contact to give");
    };
    let text = error.to_string();
    assert!(text.contains("redirect loop"), "{text}");
    assert!(
        text.contains(base.trim_end_matches("/user-api/v1")),
        "{text}"
    );
    assert!(
        !text.contains("not followed") && !text.contains("key"),
        "a loop on the configured server is not a key kept from another: {text}"
    );
    // The first request and the four redirects followed on the same server.
    assert_eq!(seen.load(std::sync::atomic::Ordering::SeqCst), 5);

    // A redirect to another server is still refused for the key's sake.
    let (base, seen) = redirecting_server(|_| "http://elsewhere.invalid/x".to_string()).await;
    let client = client_with(ClientConfig::new(base, ApiKey::new("k")));
    let text = client.contact("c1").await.unwrap_err().to_string();
    assert!(
        text.contains("http://elsewhere.invalid/x") && text.contains("API key stays"),
        "{text}"
    );
    assert_eq!(seen.load(std::sync::atomic::Ordering::SeqCst), 1);
}
