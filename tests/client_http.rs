//! The Rolodex client over real loopback HTTP against the demo server: every
//! call, every error class, and the concurrency of the loads.

use std::time::Duration;

use rolodex_tui::api::wire::{CustomFieldWrite, EmailWrite, Maybe, PutBody};
use rolodex_tui::api::{ApiError, ApiKey, ClientConfig, RolodexClient};
use rolodex_tui::demo::{DEMO_API_KEY, DEMO_CONTACT_ID, DemoServer, RequestRecord};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

async fn server() -> DemoServer {
    DemoServer::start().await.expect("demo server starts")
}

fn config(server: &DemoServer) -> ClientConfig {
    ClientConfig::new(server.base_url(), ApiKey::new(server.api_key()))
}

fn client_with(config: ClientConfig) -> RolodexClient {
    RolodexClient::new(config).expect("client builds")
}

fn client(server: &DemoServer) -> RolodexClient {
    client_with(config(server))
}

fn overlap(a: &RequestRecord, b: &RequestRecord) -> bool {
    a.started < b.finished && b.started < a.finished
}

fn query_has(record: &RequestRecord, pair: &str) -> bool {
    record
        .query
        .as_deref()
        .unwrap_or("")
        .split('&')
        .any(|p| p == pair)
}

/// The total the server reports for CONTACT definitions, read independently
/// of the client under test.
async fn definitions_total(server: &DemoServer) -> u64 {
    let url = format!(
        "{}/custom-fields?entity_type=CONTACT&limit=1",
        server.base_url()
    );
    let page: Value = reqwest::Client::new()
        .get(url)
        .header("x-rolodex-api-key", DEMO_API_KEY)
        .send()
        .await
        .expect("page")
        .json()
        .await
        .expect("json");
    page["pagination"]["total"].as_u64().expect("total")
}

/// A custom field value in write form, from its read form.
fn write_form(value: &Value) -> Value {
    match value {
        Value::Object(o) => o.get("id").cloned().unwrap_or(Value::Null),
        Value::Array(items) => Value::Array(items.iter().map(write_form).collect()),
        other => other.clone(),
    }
}

#[tokio::test]
async fn contact_arrives_with_every_relationship_list() {
    let server = server().await;
    let contact = client(&server)
        .contact(DEMO_CONTACT_ID)
        .await
        .expect("contact");
    assert_eq!(contact.id, DEMO_CONTACT_ID);
    assert_eq!(contact.display_name(), "Jane Smith");
    assert_eq!(contact.emails.get().map(Vec::len), Some(2));
    let fields = contact.custom_fields.get().expect("custom_fields present");
    assert!(fields.iter().any(|f| f.id == "field_123"));
    for (name, list) in contact.untouched_relationships() {
        assert!(!list.is_absent(), "{name} is missing");
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].path,
        format!("/user-api/v1/contacts/{DEMO_CONTACT_ID}")
    );
    assert!(requests[0].api_key_ok);
    let query = requests[0].query.clone().unwrap_or_default();
    for include in rolodex_tui::api::wire::ALL_INCLUDES {
        assert!(
            query.contains(include),
            "{include} not asked for in {query}"
        );
    }
}

#[tokio::test]
async fn bearer_auth_is_accepted() {
    let server = server().await;
    let mut config = config(&server);
    config.auth = rolodex_tui::api::AuthScheme::Bearer;
    client_with(config)
        .contact(DEMO_CONTACT_ID)
        .await
        .expect("contact with bearer auth");
}

#[tokio::test]
async fn definitions_are_read_across_several_pages() {
    let server = server().await;
    let total = definitions_total(&server).await;
    assert!(
        total > 25,
        "the seed should need several pages, has {total}"
    );
    let mut config = config(&server);
    config.page_size = 10;
    server.clear_requests();
    let paged = client_with(config)
        .contact_custom_fields()
        .await
        .expect("definitions");
    assert_eq!(paged.len() as u64, total);

    let requests = server.requests();
    assert_eq!(requests.len() as u64, total.div_ceil(10));
    for (i, r) in requests.iter().enumerate() {
        assert!(r.path.ends_with("/custom-fields") && query_has(r, "entity_type=CONTACT"));
        assert!(
            requests
                .iter()
                .any(|r| query_has(r, &format!("offset={}", i * 10)))
        );
    }
    let whole = client(&server)
        .contact_custom_fields()
        .await
        .expect("one page");
    assert_eq!(paged, whole, "pages concatenate in the server's order");
}

#[tokio::test]
async fn load_asks_for_the_contact_and_every_page_concurrently() {
    let server = server().await;
    server.faults().set_latency(Duration::from_millis(200));
    let mut config = config(&server);
    config.page_size = 10;
    let (contact, defs) = client_with(config)
        .load(DEMO_CONTACT_ID)
        .await
        .expect("load");
    assert_eq!(contact.id, DEMO_CONTACT_ID);
    assert_eq!(defs.len() as u64, {
        server.faults().set_latency(Duration::ZERO);
        definitions_total(&server).await
    });

    let requests = server.requests();
    let contact_get = requests
        .iter()
        .find(|r| r.path.contains("/contacts/"))
        .expect("contact GET");
    let first_page = requests
        .iter()
        .find(|r| r.path.ends_with("/custom-fields") && query_has(r, "offset=0"))
        .expect("first definitions page");
    assert!(
        overlap(contact_get, first_page),
        "contact and definitions were fetched one after the other"
    );
    let rest: Vec<&RequestRecord> = requests
        .iter()
        .filter(|r| {
            r.path.ends_with("/custom-fields")
                && !query_has(r, "offset=0")
                && query_has(r, "limit=10")
        })
        .collect();
    assert!(
        rest.len() >= 2,
        "expected at least two further pages, got {}",
        rest.len()
    );
    for pair in rest.windows(2) {
        assert!(
            overlap(pair[0], pair[1]),
            "later definition pages were fetched one after the other"
        );
    }
}

#[tokio::test]
async fn workspace_users_are_read_across_pages() {
    let server = server().await;
    let mut config = config(&server);
    config.page_size = 2;
    let users = client_with(config).workspace_users().await.expect("users");
    let all = client(&server)
        .workspace_users()
        .await
        .expect("users in one page");
    assert!(users.len() > 2, "the seed should have a few users");
    assert_eq!(users, all);
    let pages = server
        .requests()
        .iter()
        .filter(|r| query_has(r, "limit=2"))
        .count();
    assert_eq!(pages, users.len().div_ceil(2));
}

#[tokio::test]
async fn a_contacts_page_has_no_relationship_lists() {
    let server = server().await;
    let page = client(&server)
        .contacts_page(10, 5, "full_name:asc")
        .await
        .expect("page");
    assert_eq!(page.data.len(), 10);
    assert_eq!((page.pagination.limit, page.pagination.offset), (10, 5));
    assert!(page.pagination.total > 50);
    assert!(
        page.data
            .iter()
            .all(|c| c.emails.is_absent() && c.custom_fields.is_absent())
    );
    let request = &server.requests()[0];
    assert!(query_has(request, "order_by=full_name%3Aasc") && !query_has(request, "include"));
}

#[tokio::test]
async fn a_save_is_sent_whole_and_reads_back() {
    let server = server().await;
    let client = client(&server);
    let before = client.contact(DEMO_CONTACT_ID).await.expect("contact");
    let mut custom_fields: Vec<CustomFieldWrite> = before
        .custom_fields
        .get()
        .expect("fields")
        .iter()
        .map(|f| CustomFieldWrite {
            id: f.id.clone(),
            value: write_form(&f.value),
        })
        .collect();
    let lead_score = custom_fields
        .iter_mut()
        .find(|f| f.id == "field_123")
        .expect("Lead Score");
    lead_score.value = json!(88);
    let body = PutBody {
        title: Some("Senior Product Manager".into()),
        is_starred: !before.is_starred,
        emails: vec![EmailWrite {
            email_address: "jane.smith@newcompany.com".into(),
            is_primary: true,
        }],
        custom_fields,
    };
    let answer = client
        .put_contact(DEMO_CONTACT_ID, &body)
        .await
        .expect("put");
    assert_eq!(answer.title, Maybe::Value("Senior Product Manager".into()));
    assert!(answer.emails.is_absent(), "the answer carries scalars only");

    let put = server
        .requests()
        .into_iter()
        .find(|r| r.method == "PUT")
        .expect("PUT sent");
    assert_eq!(put.body, Some(serde_json::to_value(&body).expect("body")));
    let after = client.contact(DEMO_CONTACT_ID).await.expect("re-read");
    assert_eq!(after.is_starred, body.is_starred);
    assert_eq!(after.emails.get().map(Vec::len), Some(1));
    let fields = after.custom_fields.get().expect("fields");
    assert_eq!(fields.len(), before.custom_fields.get().map_or(0, Vec::len));
    assert_eq!(
        fields
            .iter()
            .find(|f| f.id == "field_123")
            .map(|f| &f.value),
        Some(&json!(88))
    );
    assert!(after.updated_at > before.updated_at);
    assert_eq!(after.phone_numbers, before.phone_numbers);
}

#[tokio::test]
async fn a_wrong_key_is_unauthorized_and_never_shown() {
    let server = server().await;
    let secret = "sk_wrong_but_secret_4242";
    let client = client_with(ClientConfig::new(server.base_url(), ApiKey::new(secret)));
    let error = client
        .contact(DEMO_CONTACT_ID)
        .await
        .expect_err("wrong key refused"); eprintln!("ERR wrong key refused: {error} | {error:?}");
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
        .expect_err("404"); eprintln!("ERR 404: {error} | {error:?}");
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
        emails: vec![EmailWrite {
            email_address: "not-an-email".into(),
            is_primary: true,
        }],
        custom_fields: vec![],
    };
    let error = client(&server)
        .put_contact(DEMO_CONTACT_ID, &body)
        .await
        .expect_err("422"); eprintln!("ERR 422: {error} | {error:?}");
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
        emails: vec![],
        custom_fields: vec![],
    };
    let before = server.contact(DEMO_CONTACT_ID);
    let error = client(&server)
        .put_contact(DEMO_CONTACT_ID, &body)
        .await
        .expect_err("500"); eprintln!("ERR 500: {error} | {error:?}");
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
        .expect_err("502"); eprintln!("ERR 502: {error} | {error:?}");
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
        .expect_err("dropped"); eprintln!("ERR dropped: {error} | {error:?}");
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
        .expect_err("refused"); eprintln!("ERR refused: {error} | {error:?}");
    assert!(
        matches!(&error, ApiError::Connect { detail } if detail.contains(&addr.to_string())),
        "{error:?}"
    );
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
        .expect_err("timeout"); eprintln!("ERR timeout: {error} | {error:?}");
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
        .expect_err("not JSON"); eprintln!("ERR not JSON: {error} | {error:?}");
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
        .expect_err("bad shape"); eprintln!("ERR bad shape: {error} | {error:?}");
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
    server.faults().rate_limit_next(1, 7);
    let error = client(&server)
        .contacts_page(25, 0, "updated_at:desc")
        .await
        .expect_err("429"); eprintln!("ERR 429: {error} | {error:?}");
    assert_eq!(
        error,
        ApiError::RateLimited {
            retry_after: Some(Duration::from_secs(7))
        }
    );
    assert!(error.to_string().contains("7 s"));
}

#[tokio::test]
async fn a_missing_endpoint_is_reported_as_not_available() {
    let server = server().await;
    server
        .faults()
        .respond_raw_next(1, 405, "text/plain", String::new());
    let error = client(&server).workspace_users().await.expect_err("405"); eprintln!("ERR 405: {error} | {error:?}");
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
        .expect_err("400"); eprintln!("ERR 400: {error} | {error:?}");
    assert_eq!(
        error,
        ApiError::Rejected {
            status: 400,
            message: "key *** is suspended".into()
        }
    );
}
