//! The Rolodex client over real loopback HTTP against the demo server: every
//! call, every error class, and the concurrency of the loads.

use std::time::Duration;

use rolodex_tui::api::wire::{CustomFieldWrite, EmailWrite, PutBody};
use rolodex_tui::api::{ApiKey, ClientConfig, RolodexClient};
use rolodex_tui::demo::{DEMO_API_KEY, DEMO_CONTACT_ID, DemoServer, RequestRecord};
use serde_json::{Value, json};

#[path = "client_http/errors.rs"]
mod errors;
#[path = "client_http/list_caps.rs"]
mod list_caps;

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
    assert!(
        !contact.phone_numbers.is_absent(),
        "phone_numbers is missing"
    );
    assert!(!contact.tags.is_absent(), "tags is missing");
    assert!(!contact.lists.is_absent(), "lists is missing");
    for (name, list) in contact.never_sent() {
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
async fn a_contacts_page_has_no_relationship_lists_unless_asked() {
    let server = server().await;
    let page = client(&server)
        .contacts_page(10, 5, "full_name:asc", "")
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
    // Written as the guide writes it: `:` raw, not `%3A`.
    assert!(query_has(request, "order_by=full_name:asc") && !query_has(request, "include"));
    let names: Vec<String> = page.data.iter().map(|c| c.display_name()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted, "ordered by name");

    let with_emails = client(&server)
        .contacts_page(10, 5, "full_name:asc", "emails")
        .await
        .expect("page");
    assert!(with_emails.data.iter().all(|c| c.emails.get().is_some()));
    assert!(with_emails.data.iter().all(|c| c.custom_fields.is_absent()));
    assert!(query_has(&server.requests()[1], "include=emails"));
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
            value: write_form(f.raw()),
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
        emails: Some(vec![EmailWrite {
            email_address: "jane.smith@newcompany.com".into(),
            is_primary: true,
        }]),
        custom_fields: Some(custom_fields),
        ..PutBody::default()
    };
    client
        .put_contact(DEMO_CONTACT_ID, &body)
        .await
        .expect("put");

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
        fields.iter().find(|f| f.id == "field_123").map(|f| f.raw()),
        Some(&json!(88))
    );
    assert!(after.updated_at > before.updated_at);
    assert_eq!(after.phone_numbers, before.phone_numbers);
}
