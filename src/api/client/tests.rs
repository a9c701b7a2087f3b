use super::*;
use crate::wire::{CustomFieldWrite, EmailWrite, Envelope};
use serde_json::json;

const KEY: &str = "sk_test_5ecret";

fn client_for(base: &str, auth: AuthScheme) -> RolodexClient {
    let mut config = ClientConfig::new(base, ApiKey::new(KEY));
    config.auth = auth;
    match RolodexClient::new(config) {
        Ok(client) => client,
        Err(e) => panic!("client for {base}: {e}"),
    }
}

fn client() -> RolodexClient {
    client_for("https://api.example.com/user-api/v1", AuthScheme::Header)
}

fn body() -> PutBody {
    PutBody {
        title: Some("CTO".into()),
        is_starred: true,
        emails: Some(vec![EmailWrite {
            email_address: "jane@example.com".into(),
            is_primary: true,
        }]),
        custom_fields: Some(vec![CustomFieldWrite {
            id: "field_123".into(),
            value: json!(88),
        }]),
        ..PutBody::default()
    }
}

#[test]
fn base_url_joins_with_or_without_a_trailing_slash() {
    for base in [
        "https://api.example.com/user-api/v1",
        "https://api.example.com/user-api/v1/",
        "  https://api.example.com/user-api/v1/ ",
    ] {
        let c = client_for(base, AuthScheme::Header);
        assert_eq!(
            c.url(&["contacts", "c1"], &[]).as_str(),
            "https://api.example.com/user-api/v1/contacts/c1",
            "base {base:?}"
        );
    }
}

#[test]
fn ids_are_percent_encoded_as_one_segment() {
    let url = client().url(&["contacts", "a/b c?d#e%f\u{e9}"], &[]);
    assert_eq!(
        url.as_str(),
        "https://api.example.com/user-api/v1/contacts/a%2Fb%20c%3Fd%23e%25f%C3%A9"
    );
}

#[test]
fn query_pairs_are_encoded_in_order() {
    let url = client().url(
        &["custom-fields"],
        &[
            ("entity_type", "CONTACT"),
            ("limit", "100"),
            ("offset", "0"),
        ],
    );
    assert_eq!(
        url.as_str(),
        "https://api.example.com/user-api/v1/custom-fields?entity_type=CONTACT&limit=100&offset=0"
    );
    let url = client().url(
        &["contacts"],
        &[
            ("order_by", "updated_at:desc"),
            ("include", "emails,phone_numbers"),
            ("x", "a&b =?#é"),
        ],
    );
    // `,` and `:` go out raw, as the guide writes them; the rest is encoded.
    assert_eq!(
        url.query(),
        Some("order_by=updated_at:desc&include=emails,phone_numbers&x=a%26b%20%3D%3F%23%C3%A9")
    );
}

#[tokio::test]
async fn ids_that_would_address_another_resource_are_refused() {
    for id in ["", ".", ".."] {
        let got = client().contact(id).await;
        assert!(
            matches!(got, Err(ApiError::NotFound { .. })),
            "{id:?}: {got:?}"
        );
    }
}

#[test]
fn bad_base_urls_are_config_errors() {
    for base in [
        "api.example.com/user-api/v1",
        "ftp://api.example.com/user-api/v1",
        "https://api.example.com/user-api/v1?x=1",
        "mailto:someone@example.com",
    ] {
        let got = RolodexClient::new(ClientConfig::new(base, ApiKey::new(KEY)));
        assert!(matches!(got, Err(ApiError::Config { .. })), "{base}");
    }
    let got = RolodexClient::new(ClientConfig::new(
        "https://me:hunter2@api.example.com/user-api/v1",
        ApiKey::new(KEY),
    ));
    match got {
        Err(e @ ApiError::Config { .. }) => assert!(!e.to_string().contains("hunter2")),
        other => panic!("credentials in the URL were accepted: {other:?}"),
    }
}

#[test]
fn a_key_that_cannot_be_a_header_is_refused_without_echoing_it() {
    let got = RolodexClient::new(ClientConfig::new(
        "https://api.example.com/user-api/v1",
        ApiKey::new("sk_bad\nkey"),
    ));
    match got {
        Err(e @ ApiError::Config { .. }) => {
            assert!(!e.to_string().contains("sk_bad") && !format!("{e:?}").contains("sk_bad"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_key_never_shows_in_debug_or_display() {
    let key = ApiKey::new(KEY);
    assert_eq!(format!("{key}"), "ApiKey(***)");
    assert_eq!(format!("{key:?}"), "ApiKey(***)");
    let config = ClientConfig::new("https://api.example.com/user-api/v1", key);
    assert!(!format!("{config:?}").contains(KEY));
    assert!(!format!("{:?}", client()).contains(KEY));
}

#[test]
fn the_auth_header_is_sensitive_in_both_schemes() {
    let header = client().headers(false);
    let value = header
        .get(KEY_HEADER)
        .map(|v| (v.as_bytes().to_vec(), v.is_sensitive()));
    assert_eq!(value, Some((KEY.as_bytes().to_vec(), true)));

    let bearer =
        client_for("https://api.example.com/user-api/v1", AuthScheme::Bearer).headers(false);
    assert!(bearer.get(KEY_HEADER).is_none());
    let value = bearer
        .get(AUTHORIZATION)
        .map(|v| (v.as_bytes().to_vec(), v.is_sensitive()));
    assert_eq!(value, Some((format!("Bearer {KEY}").into_bytes(), true)));
}

#[test]
fn the_dry_run_preview_shows_the_request_without_the_key() {
    for auth in [AuthScheme::Header, AuthScheme::Bearer] {
        let c = client_for("https://api.example.com/user-api/v1/", auth);
        let preview = c.preview_put("contact 1", &body());
        assert_eq!(preview.method, "PUT");
        assert_eq!(
            preview.url,
            "https://api.example.com/user-api/v1/contacts/contact%201"
        );
        let auth_name = match auth {
            AuthScheme::Header => KEY_HEADER,
            AuthScheme::Bearer => "authorization",
        };
        assert!(
            preview
                .headers
                .contains(&(auth_name.to_string(), "***".to_string()))
        );
        assert!(
            preview
                .headers
                .contains(&("content-type".into(), "application/json".into()))
        );
        let text = preview.to_string();
        assert!(!text.contains(KEY) && !format!("{preview:?}").contains(KEY));
        let sent: serde_json::Value = serde_json::from_str(&preview.body_json).unwrap_or_default();
        assert_eq!(sent, serde_json::to_value(body()).unwrap_or_default());
        assert!(preview.body_json.contains("\n  \"title\": \"CTO\""));
    }
}

#[test]
fn server_text_is_redacted_and_flattened() {
    let c = client();
    let cleaned = c.clean(&format!(
        "key {KEY} refused\n\u{1b}[31mred sk_test\u{1b}[0m_5ecret"
    ));
    assert_eq!(cleaned, "key *** refused red ***");
}

#[test]
fn bad_bodies_name_the_json_path() {
    let c = client();
    let bad = json!({"data": {"id": "c1", "is_starred": false, "created_at": "t", "updated_at": "t",
        "custom_fields": [{"id": "a", "value": 1}, {"id": null, "value": 2}]}});
    let got = c.parse::<Envelope<Contact>>(bad.to_string().as_bytes());
    assert_eq!(
        got.err(),
        Some(ApiError::InvalidResponse {
            path: "data.custom_fields[1].id".into(),
            detail: "invalid type: null, expected a string".into(),
        })
    );
    let got = c.parse::<Envelope<Contact>>(b"<html>\x1b[2Jdown</html>");
    match got {
        Err(ApiError::InvalidResponse { path, detail }) => {
            assert!(path.is_empty());
            assert!(
                detail.contains("not JSON") && detail.contains("<html>down</html>"),
                "{detail}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn client_futures_can_run_on_other_tasks() {
    fn assert_send<T: Send>(_: T) {}
    let c = client();
    assert_send(c.load("c1"));
    assert_send(c.put_contact("c1", &body()));
    assert_send(c.workspace_users());
    assert_send(c.contacts_page(25, 0, "updated_at:desc", ""));
}

#[test]
fn loopback_means_this_machine_only() {
    let check = |u: &str| Url::parse(u).map(|url| is_loopback(&url)).unwrap_or(false);
    for local in [
        "http://localhost:1/",
        "http://127.1.2.3/",
        "http://[::1]/",
        "http://app.localhost/",
    ] {
        assert!(check(local), "{local}");
    }
    for remote in [
        "http://localhost.example.com/",
        "http://10.0.0.1/",
        "http://[::2]/",
    ] {
        assert!(!check(remote), "{remote}");
    }
}
