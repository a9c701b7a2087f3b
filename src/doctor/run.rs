//! The probe itself: the requests in order, each read into its finding.

use serde_json::Value;

use super::contacts::{self, page_items, pagination_u64};
use super::requests::Prober;
use super::verdict;
use super::{
    ContactList, Counted, Definitions, KeyCheck, LARGE_PAGE, MAX_PAGES, Outcome, PAGE, PageCap,
    PhoneForms, Report, Skip, Step, ValueForms,
};
use crate::api::RolodexClient;
use crate::api::wire::{ALL_INCLUDES, CustomFieldDef};

/// Runs every check against the client's workspace, one request at a time
/// (so each time is its own), GET only. `contact_id` is the contact to read;
/// without it, the contact list's first.
pub async fn run(client: &RolodexClient, contact_id: Option<&str>) -> Report {
    let mut prober = Prober::new(client);
    let tls = client.probe_tls().await;

    let large = LARGE_PAGE.to_string();
    let mut first = prober
        .get("GET /contacts", &["contacts"], &[("limit", &large)])
        .await;
    let key = match &first.answer {
        Ok(a) if a.is_success() => KeyCheck::Accepted,
        Ok(a) if matches!(a.status, 401 | 403) => KeyCheck::Refused { status: a.status },
        _ => KeyCheck::Unknown,
    };
    let skip = match (&key, &first.answer) {
        (KeyCheck::Refused { .. }, _) => Some(Skip::KeyRefused),
        (_, Err(_)) => Some(Skip::Unreachable),
        _ => None,
    };
    if let Some(why) = skip {
        let contact_list = first.into_step(|_| None::<ContactList>);
        return Report {
            base_url: client.base_url().to_string(),
            tls,
            http_version: prober.http_version(),
            key,
            contact_list,
            contact_id: contact_id.map(str::to_string),
            single_get: Step::not_checked(why),
            list_include: Step::not_checked(why),
            definitions: Step::not_checked(why),
            value_forms: ValueForms::default(),
            phone_forms: PhoneForms::default(),
            users: Step::not_checked(why),
            tags: Step::not_checked(why),
            lists: Step::not_checked(why),
            rate_limits: prober.into_rate_limits(),
            verdicts: verdict::verdicts(&key, &Outcome::NotChecked(why), None, false, None),
        };
    }

    // A server that refuses a page that large still has a list to check.
    let mut refused_large = None;
    if let Ok(a) = &first.answer
        && matches!(a.status, 400 | 422)
    {
        refused_large = Some(a.status);
        let fallback = PAGE.to_string();
        let times = std::mem::take(&mut first.times_ms);
        first = prober
            .get("GET /contacts", &["contacts"], &[("limit", &fallback)])
            .await;
        first.times_ms.splice(0..0, times);
    }
    let listed: Vec<Value> = first
        .body()
        .and_then(page_items)
        .cloned()
        .unwrap_or_default();
    let contact_list = first.into_step(|body| {
        let items = page_items(body)?;
        let total = pagination_u64(body, "total");
        let limit = pagination_u64(body, "limit");
        let returned = items.len() as u64;
        let cap = match refused_large {
            Some(status) => PageCap::RefusedLarge {
                status,
                fallback: PAGE,
            },
            None => match limit {
                Some(l) if l < LARGE_PAGE => PageCap::At(l),
                _ if returned < LARGE_PAGE && total.is_some_and(|t| t > returned) => {
                    PageCap::At(returned)
                }
                _ => PageCap::NoneUpTo(LARGE_PAGE),
            },
        };
        Some(ContactList {
            cap,
            returned: items.len(),
            total,
        })
    });
    let complete_list = contact_list
        .found()
        .is_some_and(|l| l.total.is_none_or(|t| t <= l.returned as u64));

    let chosen = contact_id.map(str::to_string).or_else(|| {
        listed
            .first()
            .and_then(|c| c.get("id"))
            .and_then(Value::as_str)
            .map(str::to_string)
    });
    let includes = ALL_INCLUDES.join(",");
    let include_query = [("include", includes.as_str())];

    let (single_get, single_contact) = match &chosen {
        None => (Step::not_checked(Skip::NoContact), None),
        Some(id) => {
            let asked = prober
                .get("GET /contacts/:id", &["contacts", id], &include_query)
                .await;
            let in_list = listed
                .iter()
                .any(|c| c.get("id").and_then(Value::as_str) == Some(id));
            let contact = asked
                .body()
                .filter(|_| asked.succeeded())
                .and_then(|b| b.get("data"))
                .filter(|d| d.is_object())
                .cloned();
            let step = asked.into_single_get(complete_list && !in_list);
            (step, contact)
        }
    };

    let page = PAGE.to_string();
    let included = prober
        .get(
            "GET /contacts?include",
            &["contacts"],
            &[("limit", page.as_str()), ("include", includes.as_str())],
        )
        .await;
    let included_items: Vec<Value> = included
        .body()
        .filter(|_| included.succeeded())
        .and_then(page_items)
        .cloned()
        .unwrap_or_default();
    let list_include = included.into_step(|body| {
        let items = page_items(body)?;
        Some(contacts::list_include(items))
    });

    let (definitions, defs) = read_definitions(&mut prober).await;

    let mut examined: Vec<&Value> = included_items.iter().collect();
    if let Some(c) = &single_contact
        && !examined.iter().any(|e| e.get("id") == c.get("id"))
    {
        examined.push(c);
    }
    let value_forms = contacts::value_forms(&examined, &defs, &|t| client.scrub(t));
    let phone_forms = contacts::phone_forms(&examined);

    let users = counted(&mut prober, "GET /workspace-users", "workspace-users", &[]).await;
    let tags = counted(&mut prober, "GET /tags", "tags", &[]).await;
    let lists = counted(&mut prober, "GET /lists", "lists", &[("type", "CONTACT")]).await;

    let verdicts = verdict::verdicts(
        &key,
        &single_get.outcome,
        list_include.found(),
        contact_list.found().is_some() || list_include.found().is_some(),
        definitions.found(),
    );
    Report {
        base_url: client.base_url().to_string(),
        tls,
        http_version: prober.http_version(),
        key,
        contact_list,
        // Shown to people: an id from the server is server text.
        contact_id: chosen.map(|id| client.scrub(&id)),
        single_get,
        list_include,
        definitions,
        value_forms,
        phone_forms,
        users,
        tags,
        lists,
        rate_limits: prober.into_rate_limits(),
        verdicts,
    }
}

/// Every page of the CONTACT definitions, stepping by what each page held.
async fn read_definitions(prober: &mut Prober<'_>) -> (Step<Definitions>, Vec<CustomFieldDef>) {
    let limit = PAGE.to_string();
    let mut items: Vec<Value> = Vec::new();
    let mut times = Vec::new();
    let mut total = None;
    let mut pages = 0;
    let mut incomplete = false;
    loop {
        let offset = items.len().to_string();
        let page = prober
            .get(
                "GET /custom-fields",
                &["custom-fields"],
                &[
                    ("entity_type", "CONTACT"),
                    ("limit", &limit),
                    ("offset", &offset),
                ],
            )
            .await;
        times.extend(page.times_ms.iter().copied());
        let data = match page.body().filter(|_| page.succeeded()) {
            Some(body) => {
                if pages == 0 {
                    total = pagination_u64(body, "total");
                }
                page_items(body).cloned()
            }
            None => None,
        };
        let Some(data) = data else {
            if pages == 0 {
                let mut step = page.into_step(|_| None::<Definitions>);
                step.times_ms = times;
                return (step, Vec::new());
            }
            // A later page failed: what was read is not all there is.
            incomplete = true;
            break;
        };
        pages += 1;
        let got = data.len();
        items.extend(data);
        let done = total.is_none_or(|t| items.len() as u64 >= t);
        if done {
            break;
        }
        if got == 0 || pages >= MAX_PAGES {
            incomplete = true;
            break;
        }
    }
    let defs: Vec<CustomFieldDef> = items
        .iter()
        .filter_map(|d| serde_json::from_value(d.clone()).ok())
        .collect();
    let found = contacts::definitions(&items, pages, total, incomplete, &|t| prober.scrub(t));
    (
        Step {
            outcome: Outcome::Found(found),
            times_ms: times,
        },
        defs,
    )
}

/// The first page of a list endpoint, for its total.
async fn counted(
    prober: &mut Prober<'_>,
    label: &'static str,
    resource: &str,
    filter: &[(&str, &str)],
) -> Step<Counted> {
    let limit = PAGE.to_string();
    let mut query = filter.to_vec();
    query.push(("limit", &limit));
    let answer = prober.get(label, &[resource], &query).await;
    answer.into_step(|body| {
        let items = page_items(body)?;
        let off_filter = match filter.iter().find(|(k, _)| *k == "type") {
            Some((_, wanted)) => items
                .iter()
                .filter(|i| i.get("type").and_then(Value::as_str) != Some(wanted))
                .count(),
            None => 0,
        };
        Some(Counted {
            total: pagination_u64(body, "total").unwrap_or(items.len() as u64),
            off_filter,
        })
    })
}
