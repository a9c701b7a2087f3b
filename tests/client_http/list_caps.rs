//! A whole list is capped, not only each answer: a workspace (or a server)
//! that pages out more items or bytes than the client reads is refused with
//! one error naming the list, and the reading stops there.

use rolodex_tui::api::client::{DEFAULT_LIST_CAPS, DEFAULT_LOOKUP_CAPS, ListCaps};
use rolodex_tui::api::{ApiError, ListExcess, PagedList};
use rolodex_tui::demo::{Behaviour, Bulk, DemoServer, SingleGet};

use super::{client_with, config, server};

fn gets_of(server: &DemoServer, path: &str) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.ends_with(path))
        .count()
}

#[tokio::test]
async fn definitions_listed_over_the_item_cap_are_refused_after_the_first_page() {
    let server = server().await;
    server.set_behaviour(Behaviour {
        bulk_definitions: Some(Bulk {
            count: 100,
            name_bytes: 0,
            per_page: 10,
        }),
        ..Behaviour::default()
    });
    let mut config = config(&server);
    config.list_caps = ListCaps {
        items: 50,
        bytes: DEFAULT_LIST_CAPS.bytes,
    };
    let error = client_with(config)
        .contact_custom_fields()
        .await
        .expect_err("over the cap");
    let ApiError::ListTooLarge {
        list,
        max_items,
        found: ListExcess::Listed(total),
        ..
    } = error
    else {
        panic!("{error:?}");
    };
    assert_eq!((list, max_items), (PagedList::CustomFieldDefinitions, 50));
    assert!(total > 100, "{total}");
    let text = error.to_string();
    assert!(
        text.starts_with(
            "the workspace's custom field definitions are larger than rolodex-tui reads \
             (more than 50 items / 64 MiB): the server lists 1"
        ),
        "{text}"
    );
    assert_eq!(gets_of(&server, "/custom-fields"), 1, "read past the cap");
}

#[tokio::test]
async fn tags_over_the_byte_cap_stop_at_the_page_that_passes_it() {
    let server = server().await;
    server.set_behaviour(Behaviour {
        bulk_tags: Some(Bulk {
            count: 60,
            name_bytes: 32 * 1024,
            per_page: 1,
        }),
        ..Behaviour::default()
    });
    let mut config = config(&server);
    config.list_caps = ListCaps {
        items: DEFAULT_LIST_CAPS.items,
        bytes: 256 * 1024,
    };
    let error = client_with(config).tags().await.expect_err("over the cap");
    let ApiError::ListTooLarge {
        list: PagedList::Tags,
        found: ListExcess::Bytes { pages },
        ..
    } = error
    else {
        panic!("{error:?}");
    };
    // Eight 32 KiB names pass 256 KiB; the seeded tags come first.
    assert!((8..=16).contains(&pages), "{pages}");
    let text = error.to_string();
    assert!(
        text.contains("tags are larger than rolodex-tui reads (more than 10,000 items / 256 KiB)")
            && text.contains(&format!("over 256 KiB arrived in the first {pages} pages")),
        "{text}"
    );
    // The pages in flight when the cap was passed are dropped, the rest
    // never asked for.
    let asked = gets_of(&server, "/tags");
    assert!(asked < 30, "{asked} pages asked for");
}

#[tokio::test]
async fn a_contact_lookup_stops_at_its_cap() {
    let server = server().await;
    server.set_behaviour(Behaviour {
        single_get: SingleGet::Missing,
        ..Behaviour::default()
    });
    let mut config = config(&server);
    config.page_size = 5;
    config.lookup_caps = ListCaps {
        items: 20,
        bytes: DEFAULT_LIST_CAPS.bytes,
    };
    let error = client_with(config)
        .contact("contact_nobody")
        .await
        .expect_err("over the cap");
    assert!(
        matches!(
            error,
            ApiError::ListTooLarge {
                list: PagedList::Contacts,
                found: ListExcess::Listed(_),
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("contacts are larger"), "{error}");
    assert_eq!(gets_of(&server, "/contacts"), 1);
}

#[test]
fn the_default_caps_are_the_ones_the_readme_states() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .expect("README.md");
    // Compared as words, whatever the line breaks.
    let readme = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        DEFAULT_LIST_CAPS,
        ListCaps {
            items: 10_000,
            bytes: 64 * 1024 * 1024
        }
    );
    let defaults = rolodex_tui::api::ClientConfig::new(
        "http://127.0.0.1/user-api/v1",
        rolodex_tui::api::ApiKey::new("k"),
    );
    assert_eq!(defaults.list_caps, DEFAULT_LIST_CAPS);
    assert_eq!(
        (defaults.lookup_caps, DEFAULT_LOOKUP_CAPS),
        (
            DEFAULT_LOOKUP_CAPS,
            ListCaps {
                items: 20_000,
                bytes: 256 * 1024 * 1024
            }
        )
    );
    for stated in [
        "more than 10,000 items or 64 MiB",
        "20,000 contacts or 256 MiB",
        "8 MiB",
    ] {
        assert!(
            readme.contains(stated),
            "the README does not say {stated:?}"
        );
    }
}
