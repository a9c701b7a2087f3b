//! The user-api v1 endpoints the client uses, with the documented shapes.
//!
//! Query parameters are checked as strictly as the writes: a bad `limit`,
//! `order_by`, `include` or filter is a 422 naming the parameter, so a client
//! that builds a wrong URL finds out in its tests.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use super::Shared;
use super::behaviour::{Bulk, PutAnswer, SingleGet};
use super::intercept::intercept;
use super::seed;
use super::store::{ContactOrder, Paging, UpdateError};
use crate::wire::ALL_INCLUDES;

/// A page holds this many items unless `limit` says otherwise (as documented).
const DEFAULT_LIMIT: usize = 25;
/// The largest page the demo serves; larger requests are refused.
const MAX_LIMIT: usize = 1000;
const FIELD_TYPES: [&str; 7] = [
    "SINGLE_LINE_TEXT",
    "USER",
    "SINGLE_SELECT",
    "MULTI_SELECT",
    "DATE",
    "NUMERIC",
    "BOOLEAN",
];

/// The whole application: the API under `/user-api/v1`, the key check, and
/// the recording and fault layer in front of everything.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let api = Router::new()
        .route("/contacts", get(list_contacts))
        .route("/contacts/{id}", get(get_contact).put(put_contact))
        .route("/custom-fields", get(list_custom_fields))
        .route("/custom-fields/{id}", get(get_custom_field))
        .route("/workspace-users", get(list_users))
        .route("/tags", get(list_tags))
        .route("/lists", get(list_lists))
        .method_not_allowed_fallback(method_not_allowed);
    Router::new()
        .nest("/user-api/v1", api)
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            shared.clone(),
            require_api_key,
        ))
        .layer(middleware::from_fn_with_state(shared.clone(), intercept))
        .with_state(shared)
}

/// An error answer in the one shape used everywhere:
/// `{"error": {"status": N, "message": "..."}}`.
#[derive(Debug)]
pub(crate) struct ErrorReply {
    pub(crate) status: StatusCode,
    pub(crate) message: String,
}

impl ErrorReply {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ErrorReply {
            status,
            message: message.into(),
        }
    }

    fn unprocessable(message: impl Into<String>) -> Self {
        ErrorReply::new(StatusCode::UNPROCESSABLE_ENTITY, message)
    }
}

impl IntoResponse for ErrorReply {
    fn into_response(self) -> Response {
        let body = json!({"error": {"status": self.status.as_u16(), "message": self.message}});
        (self.status, axum::Json(body)).into_response()
    }
}

/// Whether the request carries the demo key, in either documented header.
pub(crate) fn api_key_ok(headers: &HeaderMap, expected: &str) -> bool {
    let header_key = headers
        .get("x-rolodex-api-key")
        .is_some_and(|v| v.as_bytes() == expected.as_bytes());
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .is_some_and(|(scheme, key)| {
            scheme.eq_ignore_ascii_case("bearer") && key.trim() == expected
        });
    header_key || bearer
}

async fn require_api_key(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    if api_key_ok(req.headers(), shared.api_key()) {
        next.run(req).await
    } else {
        ErrorReply::new(StatusCode::UNAUTHORIZED, "missing or invalid API key").into_response()
    }
}

async fn not_found() -> ErrorReply {
    ErrorReply::new(StatusCode::NOT_FOUND, "no such endpoint")
}

async fn method_not_allowed() -> ErrorReply {
    ErrorReply::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed on this endpoint",
    )
}

type Params = Result<Query<HashMap<String, String>>, QueryRejection>;

/// The query parameters, or a 400 when the query string cannot be decoded.
fn params(query: Params) -> Result<HashMap<String, String>, ErrorReply> {
    query
        .map(|Query(q)| q)
        .map_err(|e| ErrorReply::new(StatusCode::BAD_REQUEST, format!("bad query string: {e}")))
}

fn paging(q: &HashMap<String, String>) -> Result<Paging, ErrorReply> {
    let number = |name: &str, default: usize| -> Result<usize, ErrorReply> {
        match q.get(name) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| {
                ErrorReply::unprocessable(format!("{name}: {v:?} is not a non-negative integer"))
            }),
        }
    };
    let limit = number("limit", DEFAULT_LIMIT)?;
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ErrorReply::unprocessable(format!(
            "limit: must be between 1 and {MAX_LIMIT}"
        )));
    }
    Ok(Paging {
        limit,
        offset: number("offset", 0)?,
    })
}

/// `include=a,b`: the relationship lists asked for; unknown names are refused.
fn includes(q: &HashMap<String, String>) -> Result<Vec<&'static str>, ErrorReply> {
    let Some(raw) = q.get("include") else {
        return Ok(Vec::new());
    };
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|name| {
            ALL_INCLUDES
                .iter()
                .copied()
                .find(|k| *k == name)
                .ok_or_else(|| {
                    ErrorReply::unprocessable(format!(
                        "include: unknown relationship {name:?}; known: {}",
                        ALL_INCLUDES.join(",")
                    ))
                })
        })
        .collect()
}

/// `order_by=FIELD[:asc|:desc]`, checked against the fields allowed.
fn order_by<'a>(
    q: &'a HashMap<String, String>,
    default: &'a str,
    allowed: &[&str],
) -> Result<(&'a str, bool), ErrorReply> {
    let raw = q.get("order_by").map_or(default, String::as_str);
    let (field, dir) = raw.split_once(':').unwrap_or((raw, "asc"));
    let descending = match dir {
        "asc" => false,
        "desc" => true,
        _ => {
            return Err(ErrorReply::unprocessable(format!(
                "order_by: direction {dir:?} is not asc or desc"
            )));
        }
    };
    if !allowed.contains(&field) {
        return Err(ErrorReply::unprocessable(format!(
            "order_by: {field:?} is not one of {}",
            allowed.join(", ")
        )));
    }
    Ok((field, descending))
}

fn page(paging: Paging, total: usize, data: Vec<Value>) -> Response {
    axum::Json(json!({
        "pagination": {"limit": paging.limit, "offset": paging.offset, "total": total},
        "data": data,
    }))
    .into_response()
}

/// A page of `real` followed by `bulk`'s made-up items (made by `made_up`
/// from their number, only those on this page), at most `bulk.per_page`
/// to a page.
fn page_with_bulk(
    paging: Paging,
    real: &[Value],
    bulk: Option<Bulk>,
    made_up: impl Fn(&Bulk, usize) -> Value,
) -> Response {
    let Some(bulk) = bulk else {
        return page(paging, real.len(), paging.slice(real).to_vec());
    };
    let paging = Paging {
        limit: paging.limit.min(bulk.per_page.max(1)),
        offset: paging.offset,
    };
    let total = real.len() + bulk.count;
    let end = paging.offset.saturating_add(paging.limit).min(total);
    let data = (paging.offset.min(total)..end)
        .map(|i| match real.get(i) {
            Some(item) => item.clone(),
            None => made_up(&bulk, i - real.len()),
        })
        .collect();
    page(paging, total, data)
}

fn one(data: Value) -> Response {
    axum::Json(json!({ "data": data })).into_response()
}

fn no_contact(id: &str) -> ErrorReply {
    ErrorReply::new(StatusCode::NOT_FOUND, format!("no contact {id:?}"))
}

async fn list_contacts(
    State(shared): State<Arc<Shared>>,
    query: Params,
) -> Result<Response, ErrorReply> {
    let q = params(query)?;
    let paging = paging(&q)?;
    let include = includes(&q)?;
    let allowed = [
        "updated_at",
        "created_at",
        "last_team_interaction",
        "full_name",
    ];
    let (field, descending) = order_by(&q, "updated_at:desc", &allowed)?;
    let order = ContactOrder::parse(field).ok_or_else(|| ErrorReply::unprocessable("order_by"))?;
    let include = shared.behaviour().list_includes(&include).to_vec();
    let (total, data) = shared
        .store()
        .contacts_page(order, descending, paging, &include);
    Ok(page(paging, total, data))
}

async fn get_contact(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    query: Params,
) -> Result<Response, ErrorReply> {
    let behaviour = shared.behaviour();
    match behaviour.single_get {
        SingleGet::Missing => return Err(not_found().await),
        SingleGet::NotAllowed => return Err(method_not_allowed().await),
        SingleGet::WithLists | SingleGet::WithoutLists => {}
    }
    let include = includes(&params(query)?)?;
    let include = behaviour.single_get_includes(&include);
    let contact = shared.store().contact_with(&id, include);
    let answer = contact.map(one).ok_or_else(|| no_contact(&id))?;
    if let Some(title) = shared.faults.teammate_edit() {
        shared
            .store()
            .modify_contact(&id, |c| c["title"] = Value::String(title));
    }
    Ok(answer)
}

async fn put_contact(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    query: Params,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ErrorReply> {
    // Checked so a bad URL is reported even though the answer carries scalars only.
    includes(&params(query)?)?;
    let json_content = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if !json_content {
        return Err(ErrorReply::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type must be application/json",
        ));
    }
    let body: Value = serde_json::from_slice(&body).map_err(|e| {
        ErrorReply::new(
            StatusCode::BAD_REQUEST,
            format!("body is not valid JSON: {e}"),
        )
    })?;
    let answer = shared.behaviour().put_answer;
    let saved = shared.store().update_contact(&id, &body);
    if saved.is_ok() {
        shared.keep_contacts();
    }
    match saved {
        Ok(saved) => Ok(match answer {
            PutAnswer::Scalars => one(saved),
            PutAnswer::Full => one(shared.store().contact(&id).unwrap_or(saved)),
            PutAnswer::NoContent => StatusCode::NO_CONTENT.into_response(),
            PutAnswer::EmptyObject => axum::Json(json!({})).into_response(),
            PutAnswer::NullData => one(Value::Null),
        }),
        Err(UpdateError::NotFound) => Err(no_contact(&id)),
        Err(UpdateError::Invalid(why)) => Err(ErrorReply::unprocessable(why)),
    }
}

async fn list_custom_fields(
    State(shared): State<Arc<Shared>>,
    query: Params,
) -> Result<Response, ErrorReply> {
    let q = params(query)?;
    let paging = paging(&q)?;
    let (field, descending) =
        order_by(&q, "created_at:asc", &["created_at", "updated_at", "name"])?;
    let field_type = q.get("field_type").map(String::as_str);
    if let Some(t) = field_type.filter(|t| !FIELD_TYPES.contains(t)) {
        return Err(ErrorReply::unprocessable(format!(
            "field_type: unknown type {t:?}"
        )));
    }
    let entity_type = q.get("entity_type").map(String::as_str);
    if let Some(t) = entity_type.filter(|t| !["CONTACT", "COMPANY"].contains(t)) {
        return Err(ErrorReply::unprocessable(format!(
            "entity_type: {t:?} is not CONTACT or COMPANY"
        )));
    }
    let entity_type = entity_type.filter(|_| !shared.behaviour().ignore_entity_type);
    let store = shared.store();
    let mut defs = store.field_defs(field_type, entity_type);
    defs.sort_by(|a, b| {
        let key = match field {
            "name" => a.name.cmp(b.name),
            "updated_at" => a.updated_at.cmp(&b.updated_at),
            _ => a.created_at.cmp(&b.created_at),
        };
        let key = if descending { key.reverse() } else { key };
        key.then_with(|| a.id.cmp(b.id))
    });
    let defs: Vec<Value> = defs.iter().map(|d| d.to_json()).collect();
    drop(store);
    // Made-up definitions are CONTACT text fields: other filters get none.
    let bulk = shared.behaviour().bulk_definitions.filter(|_| {
        entity_type != Some("COMPANY") && field_type.is_none_or(|t| t == "SINGLE_LINE_TEXT")
    });
    Ok(page_with_bulk(paging, &defs, bulk, |bulk, n| {
        let (id, name) = bulk.item("field", n);
        json!({
            "id": id, "name": name, "field_type": "SINGLE_LINE_TEXT", "entity_type": "CONTACT",
            "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z",
        })
    }))
}

async fn get_custom_field(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Result<Response, ErrorReply> {
    let def = shared.store().field_def(&id).map(|d| d.to_json());
    def.map(one)
        .ok_or_else(|| ErrorReply::new(StatusCode::NOT_FOUND, format!("no custom field {id:?}")))
}

async fn list_users(
    State(shared): State<Arc<Shared>>,
    query: Params,
) -> Result<Response, ErrorReply> {
    let paging = paging(&params(query)?)?;
    let store = shared.store();
    let users = store.users();
    Ok(page(paging, users.len(), paging.slice(users).to_vec()))
}

/// `GET /tags`: the seeded tags, which never change, and any made-up ones.
async fn list_tags(
    State(shared): State<Arc<Shared>>,
    query: Params,
) -> Result<Response, ErrorReply> {
    let paging = paging(&params(query)?)?;
    let tags = seed::tags();
    let bulk = shared.behaviour().bulk_tags;
    Ok(page_with_bulk(paging, &tags, bulk, |bulk, n| {
        let (id, name) = bulk.item("tag", n);
        json!({
            "id": id, "name": name,
            "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z",
        })
    }))
}

/// `GET /lists?type=CONTACT|COMPANY`: the seeded lists, of one type or all.
async fn list_lists(query: Params) -> Result<Response, ErrorReply> {
    let q = params(query)?;
    let paging = paging(&q)?;
    let kind = q.get("type").map(String::as_str);
    if let Some(t) = kind.filter(|t| !["CONTACT", "COMPANY"].contains(t)) {
        return Err(ErrorReply::unprocessable(format!(
            "type: {t:?} is not CONTACT or COMPANY"
        )));
    }
    let lists: Vec<Value> = seed::lists()
        .into_iter()
        .filter(|l| kind.is_none_or(|t| l["type"] == t))
        .collect();
    Ok(page(paging, lists.len(), paging.slice(&lists).to_vec()))
}
