//! The editor's reads and saves over HTTPS, from a server that speaks only
//! HTTP/1.1 and from one that speaks h2: the demo's routes behind the TLS
//! front `demo_server --tls` uses, its authority trusted through
//! `SSL_CERT_FILE`, the real binary as a user runs it.

#[path = "support/binary.rs"]
mod binary;
#[path = "../examples/demo_server/tls.rs"]
mod tls;

use std::process::Stdio;
use std::sync::{Arc, Mutex};

use axum::http::{Request, Version};
use rolodex_tui::demo::{DEMO_CONTACT_ID, DemoServer};
use serde_json::Value;

async fn run(args: &[&str], base: &str, ca: &std::path::Path) -> (String, String, i32) {
    let home = std::env::temp_dir().join(format!("rolodex-tls-http-{}", std::process::id()));
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_rolodex-tui"));
    command
        .args(args)
        .env("ROLODEX_BASE_URL", base)
        .env("ROLODEX_API_KEY", "demo-key")
        .env("SSL_CERT_FILE", ca)
        .env_remove("SSL_CERT_DIR")
        .env("XDG_CONFIG_HOME", &home)
        .env("XDG_STATE_HOME", &home)
        .stdin(Stdio::null());
    binary::finish(command).await
}

#[tokio::test]
async fn get_and_set_work_over_http1_and_h2() {
    for (h2, want) in [(false, Version::HTTP_11), (true, Version::HTTP_2)] {
        let server = DemoServer::start().await.expect("demo server");
        let seen: Arc<Mutex<Vec<Version>>> = Arc::default();
        let record = seen.clone();
        let app = server
            .app()
            .layer(tower::util::MapRequestLayer::new(move |req: Request<_>| {
                record.lock().unwrap().push(req.version());
                req
            }));
        let (addr, ca_dir) = tls::serve(app, h2).await.expect("the TLS front");
        let base = format!("https://{addr}/user-api/v1");
        let ca = ca_dir.path().join("ca.pem");

        let (out, err, code) = run(&["get", DEMO_CONTACT_ID, "--json"], &base, &ca).await;
        assert_eq!(code, 0, "{err}");
        let json: Value = serde_json::from_str(&out).expect("JSON");
        assert_eq!(json["id"], DEMO_CONTACT_ID);

        let field = "Lead Score=91";
        let args = ["set", DEMO_CONTACT_ID, "--field", field, "--yes"];
        let (out, err, code) = run(&args, &base, &ca).await;
        assert_eq!(code, 0, "{out}{err}");
        let stored = server.contact(DEMO_CONTACT_ID).expect("the contact");
        let score = stored["custom_fields"]
            .as_array()
            .and_then(|fs| fs.iter().find(|f| f["name"] == "Lead Score"))
            .map(|f| f["value"].clone());
        assert_eq!(score, Some(serde_json::json!(91)), "{stored}");

        let seen = seen.lock().unwrap().clone();
        assert!(
            seen.len() >= 4,
            "a read, the check, the PUT, the read-back: {seen:?}"
        );
        assert!(seen.iter().all(|v| *v == want), "h2 {h2}: {seen:?}");
    }
}
