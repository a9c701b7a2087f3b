//! The demo server over real loopback HTTP: the documented shapes, the
//! replace-all save semantics, validation of write forms, and every injected
//! fault, seen from an ordinary HTTP client.

use std::time::{Duration, Instant};

use reqwest::{Client, Method, StatusCode};
use rolodex_tui::demo::{DEMO_API_KEY, DEMO_CONTACT_ID, DemoServer};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const UNTOUCHED: [&str; 5] = ["phone_numbers", "companies", "tags", "lists", "notes"];

struct Harness {
    server: DemoServer,
    http: Client,
}

impl Harness {
    async fn start() -> Harness {
        let server = DemoServer::start().await.expect("demo server starts");
        let http = Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .expect("client builds");
        Harness { server, http }
    }

    fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.server.base_url()))
            .header("x-rolodex-api-key", self.server.api_key())
    }

    /// Status and JSON body of a request.
    async fn send(&self, req: reqwest::RequestBuilder) -> (StatusCode, Value) {
        let resp = req.send().await.expect("request is answered");
        let status = resp.status();
        let body = resp.json().await.expect("body is JSON");
        (status, body)
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(self.request(Method::GET, path)).await
    }

    async fn put(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(self.request(Method::PUT, path).json(&body)).await
    }

    fn jane(&self) -> Value {
        self.server
            .contact(DEMO_CONTACT_ID)
            .expect("seeded contact")
    }
}

const JANE: &str = "/contacts/contact_67890";

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .expect("an array")
        .iter()
        .map(|i| i["id"].as_str().expect("an id"))
        .collect()
}

#[tokio::test]
async fn put_with_one_custom_field_leaves_only_that_one() {
    let h = Harness::start().await;
    assert!(h.jane()["custom_fields"].as_array().unwrap().len() > 1);

    let (status, _) = h
        .put(
            JANE,
            json!({"custom_fields": [{"id": "field_123", "value": 88}]}),
        )
        .await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        h.jane()["custom_fields"],
        json!([{"id": "field_123", "name": "Lead Score", "field_type": "NUMERIC", "value": 88}])
    );
}

#[tokio::test]
async fn put_keeps_lists_it_does_not_send_and_answers_scalars_only() {
    let h = Harness::start().await;
    let before = h.jane();

    let guide_example = json!({
        "title": "Senior Product Manager",
        "is_starred": false,
        "emails": [{"email_address": "jane.smith@newcompany.com", "is_primary": true}],
        "custom_fields": [{"id": "field_123", "value": 88}]
    });
    let (status, answer) = h
        .put(
            &format!("{JANE}?include=emails,custom_fields"),
            guide_example,
        )
        .await;

    assert_eq!(status, StatusCode::OK);
    let data = answer["data"].as_object().unwrap();
    assert_eq!(data["title"], "Senior Product Manager");
    assert_eq!(data["is_starred"], false);
    for list in rolodex_tui::api::wire::ALL_INCLUDES {
        assert!(!data.contains_key(list), "answer carries {list}");
    }
    let after = h.jane();
    for list in UNTOUCHED {
        assert_eq!(after[list], before[list], "{list} changed");
        assert!(
            !after[list].as_array().unwrap().is_empty(),
            "{list} is empty in the seed"
        );
    }
    assert_eq!(after["description"], before["description"]);
    let emails = after["emails"].as_array().unwrap();
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0]["email_address"], "jane.smith@newcompany.com");
    assert_eq!(emails[0]["is_primary"], true);
    assert!(!ids(&before["emails"]).contains(&emails[0]["id"].as_str().unwrap()));
}

#[tokio::test]
async fn scalars_sent_as_null_are_cleared_and_absent_ones_kept() {
    let h = Harness::start().await;
    let (status, answer) = h
        .put(JANE, json!({"title": null, "location": "Boston, MA"}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answer["data"]["title"], Value::Null);
    let jane = h.jane();
    assert_eq!(jane["title"], Value::Null);
    assert_eq!(jane["location"], "Boston, MA");
    assert_eq!(jane["linkedin_slug"], "janesmith");
    assert_eq!(jane["is_starred"], true);
}

#[tokio::test]
async fn invalid_write_forms_are_refused_naming_the_field_and_store_nothing() {
    let h = Harness::start().await;
    let keep = [
        json!({"id": "field_renewal", "value": "2025-10-01"}),
        json!({"id": "field_stage", "value": "opt_stage_won"}),
    ];
    let cases = [
        (
            json!({"custom_fields": [keep[0], keep[1], {"id": "field_123", "value": "88"}]}),
            "custom_fields[2].value: Lead Score (field_123) is NUMERIC and needs a number, got a string",
        ),
        (
            json!({"custom_fields": [{"id": "field_stage", "value": "opt_nope"}]}),
            "custom_fields[0].value: Deal Stage (field_stage) has no option \"opt_nope\"",
        ),
        (
            json!({"custom_fields": [{"id": "field_interests", "value": ["opt_int_mobile", "opt_gone"]}]}),
            "custom_fields[0].value: Interests (field_interests) has no option \"opt_gone\"",
        ),
        (
            json!({"title": "Changed", "emails": [{"email_address": "foo", "is_primary": true}]}),
            "emails[0].email_address: \"foo\" is not an email address",
        ),
        (
            json!({"custom_fields": [{"id": "field_x", "value": 1}]}),
            "custom_fields[0].id: no CONTACT custom field \"field_x\"",
        ),
        (
            json!({"custom_fields": [{"id": "field_co_revenue", "value": 1}]}),
            "custom_fields[0].id: no CONTACT custom field \"field_co_revenue\"",
        ),
        (
            json!({"custom_fields": [{"id": "field_renewal", "value": "2025-02-30"}]}),
            "custom_fields[0].value: Renewal Date (field_renewal) is DATE and needs YYYY-MM-DD, got \"2025-02-30\"",
        ),
        (
            json!({"custom_fields": [{"id": "field_newsletter", "value": "true"}]}),
            "custom_fields[0].value: Newsletter Opt-in (field_newsletter) is BOOLEAN",
        ),
        (
            json!({"is_starred": null}),
            "is_starred: needs true or false, got null",
        ),
        (
            json!({"nickname": "J"}),
            "nickname: not a field a contact update takes",
        ),
    ];
    let before = h.jane();
    for (body, message) in cases {
        let (status, answer) = h.put(JANE, body.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(answer["error"]["status"], 422);
        let got = answer["error"]["message"].as_str().unwrap();
        assert!(
            got.starts_with(message),
            "{body}: {got:?} does not start with {message:?}"
        );
        assert_eq!(h.jane(), before, "{body} changed the contact");
    }
}

#[tokio::test]
async fn write_forms_are_stored_in_read_form() {
    let h = Harness::start().await;
    let body = json!({"emails": ["a@example.com"], "custom_fields": [
        {"id": "field_stage", "value": "opt_stage_won"},
        {"id": "field_interests", "value": ["opt_int_launch", "opt_int_tokyo"]},
        {"id": "field_newsletter", "value": false},
        {"id": "field_owner", "value": "user_chen"},
        {"id": "field_renewal", "value": "2026-01-31"},
        {"id": "field_preferred", "value": "Zoë"},
        {"id": "field_123", "value": 12.5},
        {"id": "field_vip", "value": null}
    ]});
    assert_eq!(h.put(JANE, body).await.0, StatusCode::OK);
    let jane = h.jane();
    assert_eq!(jane["emails"][0]["email_address"], "a@example.com");
    assert_eq!(jane["emails"][0]["is_primary"], false);
    let values: Vec<(&str, &Value)> = jane["custom_fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["id"].as_str().unwrap(), &f["value"]))
        .collect();
    assert_eq!(values.len(), 7, "the null value is dropped: {values:?}");
    assert_eq!(
        *values[0].1,
        json!({"id": "opt_stage_won", "value": "Won ✅"})
    );
    assert_eq!(
        *values[1].1,
        json!([{"id": "opt_int_launch", "value": "🚀 Launch"}, {"id": "opt_int_tokyo", "value": "東京 office"}])
    );
    assert_eq!(values[6], ("field_123", &json!(12.5)));
}

#[tokio::test]
async fn a_wrong_or_missing_key_is_401_and_bearer_works() {
    let h = Harness::start().await;
    let url = format!("{}{JANE}", h.server.base_url());
    let no_key = h.http.get(&url).send().await.unwrap();
    assert_eq!(no_key.status(), StatusCode::UNAUTHORIZED);
    let body: Value = no_key.json().await.unwrap();
    assert_eq!(body["error"]["status"], 401);
    assert!(!body["error"]["message"].as_str().unwrap().is_empty());

    let wrong = h
        .http
        .get(&url)
        .header("x-rolodex-api-key", "nope")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let wrong_bearer = h.http.get(&url).bearer_auth("nope").send().await.unwrap();
    assert_eq!(wrong_bearer.status(), StatusCode::UNAUTHORIZED);
    let bearer = h
        .http
        .get(&url)
        .bearer_auth(DEMO_API_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(bearer.status(), StatusCode::OK);

    let log = h.server.requests();
    let flags: Vec<bool> = log.iter().map(|r| r.api_key_ok).collect();
    assert_eq!(flags, [false, false, false, true]);
}

#[tokio::test]
async fn custom_field_definitions_page_with_a_total() {
    let h = Harness::start().await;
    let (status, first) = h.get("/custom-fields?entity_type=CONTACT").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        first["pagination"],
        json!({"limit": 25, "offset": 0, "total": 32})
    );
    assert_eq!(first["data"].as_array().unwrap().len(), 25);
    let (_, rest) = h
        .get("/custom-fields?entity_type=CONTACT&limit=25&offset=25")
        .await;
    assert_eq!(rest["data"].as_array().unwrap().len(), 7);
    let all: Vec<&Value> = first["data"]
        .as_array()
        .unwrap()
        .iter()
        .chain(rest["data"].as_array().unwrap())
        .collect();
    assert!(all.iter().all(|d| d["entity_type"] == "CONTACT"));
    let mut unique: Vec<&str> = all.iter().map(|d| d["id"].as_str().unwrap()).collect();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 32);

    let (_, everything) = h.get("/custom-fields?limit=100").await;
    assert_eq!(everything["pagination"]["total"], 37);
    let (_, selects) = h
        .get("/custom-fields?field_type=SINGLE_SELECT&entity_type=CONTACT")
        .await;
    for def in selects["data"].as_array().unwrap() {
        assert_eq!(def["field_type"], "SINGLE_SELECT");
        assert!(
            def["multi_select_options"].as_array().unwrap().len() >= 3,
            "{def}"
        );
    }
    let (_, by_name) = h.get("/custom-fields?order_by=name:desc&limit=2").await;
    assert_eq!(by_name["data"][0]["name"], "X Handle");

    let (status, one) = h.get("/custom-fields/field_123").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["data"]["name"], "Lead Score");
    assert!(one["data"].get("multi_select_options").is_none());
    assert_eq!(
        h.get("/custom-fields/field_nope").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        h.get("/custom-fields?field_type=RATING").await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        h.get("/custom-fields?entity_type=DEAL").await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn contacts_page_in_the_order_asked() {
    let h = Harness::start().await;
    let (status, page) = h.get("/contacts").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        page["pagination"],
        json!({"limit": 25, "offset": 0, "total": 51})
    );
    assert_eq!(page["data"].as_array().unwrap().len(), 25);

    let (_, last) = h.get("/contacts?limit=20&offset=40").await;
    assert_eq!(last["data"].as_array().unwrap().len(), 11);
    let (_, beyond) = h.get("/contacts?offset=500").await;
    assert_eq!(beyond["data"], json!([]));

    let (_, by_name) = h.get("/contacts?order_by=full_name:asc&limit=100").await;
    let names: Vec<&str> = by_name["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["full_name"].as_str().unwrap())
        .collect();
    assert!(names.is_sorted(), "{names:?}");
    let (_, newest) = h.get("/contacts?order_by=updated_at:desc&limit=100").await;
    let stamps: Vec<&str> = newest["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["updated_at"].as_str().unwrap())
        .collect();
    assert!(stamps.windows(2).all(|w| w[0] >= w[1]), "{stamps:?}");
    let titles = by_name["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["title"].is_null())
        .count();
    assert!(titles > 0, "some contacts have no title");

    for bad in [
        "order_by=name",
        "order_by=updated_at:up",
        "limit=0",
        "limit=x",
        "offset=-1",
    ] {
        let (status, body) = h.get(&format!("/contacts?{bad}")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(body["error"]["status"], 422);
    }
}

#[tokio::test]
async fn include_chooses_the_relationship_lists() {
    let h = Harness::start().await;
    let (_, bare) = h.get(JANE).await;
    for list in rolodex_tui::api::wire::ALL_INCLUDES {
        assert!(bare["data"].get(list).is_none(), "{list} without include");
    }
    let (_, some) = h.get(&format!("{JANE}?include=emails,tags")).await;
    assert!(some["data"]["emails"].is_array() && some["data"]["tags"].is_array());
    assert!(some["data"].get("custom_fields").is_none());
    let all = rolodex_tui::api::wire::ALL_INCLUDES.join(",");
    let (_, full) = h.get(&format!("{JANE}?include={all}")).await;
    assert_eq!(full["data"], h.jane());

    let (_, listed) = h.get("/contacts?include=custom_fields&limit=100").await;
    for c in listed["data"].as_array().unwrap() {
        assert!(c["custom_fields"].is_array() && c.get("emails").is_none());
    }
    assert_eq!(
        h.get(&format!("{JANE}?include=friends")).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let (status, missing) = h.get("/contacts/contact_nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(missing["error"]["status"], 404);
}

#[tokio::test]
async fn updated_at_moves_forward_on_every_save() {
    let h = Harness::start().await;
    let mut last = h.jane()["updated_at"].as_str().unwrap().to_string();
    for starred in [false, true, false] {
        let (_, answer) = h.put(JANE, json!({"is_starred": starred})).await;
        let now = answer["data"]["updated_at"].as_str().unwrap().to_string();
        assert!(now > last, "{now} is not after {last}");
        assert!(now.ends_with('Z') && now.len() == 20, "{now}");
        assert_eq!(h.jane()["updated_at"], now.as_str());
        last = now;
    }
}

/// The demo is a server of today: a save is stamped with the time now
/// (the seeded contacts keep their own dates), unless a test fixes the
/// clock, which then counts on from just after the seed.
#[tokio::test]
async fn a_save_is_stamped_with_the_time_now_unless_the_clock_is_fixed() {
    let h = Harness::start().await;
    let seeded = h.jane()["updated_at"].as_str().unwrap().to_string();
    assert!(seeded.starts_with("2025-"), "{seeded}");
    let (status, answer) = h.put(JANE, json!({"is_starred": false})).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let stamped = answer["data"]["updated_at"].as_str().unwrap().to_string();
    let at: jiff::Timestamp = stamped.parse().expect("a timestamp");
    let off = jiff::Timestamp::now().as_second() - at.as_second();
    assert!(off.abs() <= 60, "{stamped} is {off} s from now");
    assert_eq!(h.jane()["updated_at"], stamped.as_str());

    let h = Harness::start().await;
    h.server.fix_clock();
    let (_, answer) = h.put(JANE, json!({"is_starred": false})).await;
    assert_eq!(answer["data"]["updated_at"], "2025-06-30T09:00:01Z");
}

#[tokio::test]
async fn workspace_users_and_unknown_paths() {
    let h = Harness::start().await;
    let (_, users) = h.get("/workspace-users?limit=2").await;
    assert_eq!(users["pagination"]["total"], 4);
    let user = &users["data"][0];
    for key in [
        "id",
        "workspace_id",
        "full_name",
        "first_name",
        "last_name",
        "email",
        "avatar_url",
        "role",
        "created_at",
    ] {
        assert!(user.get(key).is_some(), "user lacks {key}");
    }
    assert!(user["id"].as_str().unwrap().starts_with("user_"));

    let (status, body) = h.get("/deals").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["status"], 404);
    let (status, body) = h.send(h.request(Method::DELETE, JANE)).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body["error"]["status"], 405);
}

#[tokio::test]
async fn requests_are_recorded_in_order() {
    let h = Harness::start().await;
    h.get("/custom-fields?limit=1").await;
    h.put(JANE, json!({"title": "x"})).await;
    let log = h.server.requests();
    assert_eq!(log.len(), 2);
    assert_eq!(
        (log[0].method.as_str(), log[0].path.as_str()),
        ("GET", "/user-api/v1/custom-fields")
    );
    assert_eq!(log[0].query.as_deref(), Some("limit=1"));
    assert_eq!(log[0].body, None);
    assert_eq!(log[1].method, "PUT");
    assert_eq!(log[1].body, Some(json!({"title": "x"})));
    assert!(log[1].api_key_ok);
    assert!(log[0].finished >= log[0].started && log[1].started >= log[0].finished);
    h.server.clear_requests();
    assert!(h.server.requests().is_empty());
}

#[tokio::test]
async fn latency_delays_every_answer() {
    let h = Harness::start().await;
    h.server.faults().set_latency(Duration::from_millis(300));
    let t = Instant::now();
    assert_eq!(h.get(JANE).await.0, StatusCode::OK);
    assert!(t.elapsed() >= Duration::from_millis(300));
    let record = &h.server.requests()[0];
    assert!(record.finished - record.started >= Duration::from_millis(300));

    h.server.faults().set_latency(Duration::ZERO);
    h.get(JANE).await;
    let record = &h.server.requests()[1];
    assert!(record.finished - record.started < Duration::from_millis(300));
}

#[tokio::test]
async fn failed_puts_answer_500_and_store_nothing() {
    let h = Harness::start().await;
    let before = h.jane();
    h.server.faults().fail_next_puts(1);
    assert_eq!(h.get(JANE).await.0, StatusCode::OK, "GETs are not affected");
    let (status, body) = h.put(JANE, json!({"title": "Lost"})).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(body["error"]["status"], 500);
    assert_eq!(h.jane(), before);
    assert_eq!(
        h.put(JANE, json!({"title": "Kept"})).await.0,
        StatusCode::OK
    );
    assert_eq!(h.jane()["title"], "Kept");
}

#[tokio::test]
async fn dropped_connections_send_no_answer() {
    let h = Harness::start().await;
    h.server.faults().drop_next(Some("PUT"), 1);
    assert_eq!(h.get(JANE).await.0, StatusCode::OK, "GETs are not dropped");

    let err = h
        .request(Method::PUT, JANE)
        .json(&json!({"title": "Dropped"}))
        .send()
        .await
        .expect_err("the connection closes without an answer");
    assert!(!err.is_timeout(), "{err:?}");
    assert!(err.status().is_none(), "{err:?}");
    let puts = h
        .server
        .requests()
        .iter()
        .filter(|r| r.method == "PUT")
        .count();
    assert_eq!(puts, 1, "the client did not retry a PUT");

    h.server.faults().drop_next(None, 1);
    assert!(h.request(Method::GET, JANE).send().await.is_err());

    // On the wire: the request is read, then the socket closes with nothing written.
    h.server.faults().drop_next(Some("GET"), 1);
    let addr = h.server.base_url()["http://".len()..]
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let mut socket = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "GET /user-api/v1{JANE} HTTP/1.1\r\nHost: x\r\nx-rolodex-api-key: {DEMO_API_KEY}\r\n\r\n"
    );
    socket.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let _ = socket.read_to_end(&mut answer).await;
    assert!(answer.is_empty(), "{}", String::from_utf8_lossy(&answer));

    assert_eq!(
        h.get(JANE).await.0,
        StatusCode::OK,
        "only the next one is dropped"
    );
}

#[tokio::test]
async fn raw_answers_are_sent_as_given() {
    let h = Harness::start().await;
    let big = "x".repeat(3 * 1024 * 1024);
    h.server
        .faults()
        .respond_raw_next(1, 502, "text/html", "<h1>Bad gateway</h1>".into());
    let resp = h.request(Method::GET, JANE).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(resp.headers()["content-type"], "text/html");
    assert_eq!(resp.text().await.unwrap(), "<h1>Bad gateway</h1>");

    h.server
        .faults()
        .respond_raw_next(2, 200, "application/json", big.clone());
    for _ in 0..2 {
        let resp = h.request(Method::GET, JANE).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(resp.bytes().await.unwrap().len(), big.len());
    }
    assert!(h.get(JANE).await.1["data"].is_object());
}

#[tokio::test]
async fn rate_limiting_answers_429_with_retry_after() {
    let h = Harness::start().await;
    h.server.faults().rate_limit_next(1, 7);
    let resp = h.request(Method::GET, JANE).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(resp.headers()["retry-after"], "7");
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["status"], 429);
    assert_eq!(h.get(JANE).await.0, StatusCode::OK);

    h.server.faults().rate_limit_next(5, 1);
    h.server.faults().reset();
    assert_eq!(h.get(JANE).await.0, StatusCode::OK, "reset disarms");
}

#[tokio::test]
async fn changes_behind_the_clients_back_show_up() {
    let h = Harness::start().await;
    let (_, before) = h.get(JANE).await;
    assert!(h.server.modify_contact(DEMO_CONTACT_ID, |c| {
        c["title"] = json!("Changed elsewhere");
        c["tags"] = json!([]);
    }));
    let (_, after) = h.get(&format!("{JANE}?include=tags")).await;
    assert_eq!(after["data"]["title"], "Changed elsewhere");
    assert_eq!(after["data"]["tags"], json!([]));
    assert!(after["data"]["updated_at"].as_str() > before["data"]["updated_at"].as_str());
    assert!(!h.server.modify_contact("contact_nope", |_| {}));
}

#[tokio::test]
async fn dropping_the_server_stops_it() {
    let server = DemoServer::start().await.unwrap();
    let url = format!("{}/contacts", server.base_url());
    drop(server);
    tokio::time::sleep(Duration::from_millis(100)).await;
    let result = Client::new()
        .get(url)
        .header("x-rolodex-api-key", DEMO_API_KEY)
        .send()
        .await;
    assert!(result.is_err(), "still answering: {result:?}");
}
