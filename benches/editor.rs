//! Speed and memory of the work done per keystroke and per save, on the
//! demo's sample contact and on a synthetic contact with 500 custom fields.
//!
//! `cargo bench` prints, per operation: the median time of many runs, and the
//! bytes and allocations it makes (counted by a wrapping global allocator,
//! so the memory figures are exact and repeatable).

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolodex_tui::api::wire::{Contact, CustomFieldDef, Envelope};
use rolodex_tui::app::{Model, Msg, update};
use rolodex_tui::contact::{ContactForm, diff, put_body};
use rolodex_tui::ui::{Theme, view_with};
use serde_json::{Value, json};

struct Counting;

static BYTES: AtomicUsize = AtomicUsize::new(0);
static ALLOCS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Runs `f` repeatedly for about half a second; prints the median time per
/// run and the bytes and allocations of one run.
fn bench(name: &str, mut f: impl FnMut()) {
    f();
    let (b0, a0) = (
        BYTES.load(Ordering::Relaxed),
        ALLOCS.load(Ordering::Relaxed),
    );
    f();
    let bytes = BYTES.load(Ordering::Relaxed) - b0;
    let allocs = ALLOCS.load(Ordering::Relaxed) - a0;
    let mut samples = vec![];
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(500) || samples.len() < 10 {
        let t = Instant::now();
        for _ in 0..10 {
            f();
        }
        samples.push(t.elapsed() / 10);
    }
    samples.sort();
    let median = samples[samples.len() / 2];
    println!(
        "{name:<48} {:>9.1} µs   {:>9} B  {:>6} allocs",
        median.as_secs_f64() * 1e6,
        bytes,
        allocs
    );
}

/// A contact with `n` custom field definitions of every type, each with a value.
fn synthetic(n: usize) -> (Value, Vec<CustomFieldDef>) {
    let types = [
        "SINGLE_LINE_TEXT",
        "NUMERIC",
        "DATE",
        "BOOLEAN",
        "SINGLE_SELECT",
        "MULTI_SELECT",
        "USER",
    ];
    let mut defs = vec![];
    let mut values = vec![];
    for i in 0..n {
        let t = types[i % types.len()];
        let options = json!([{"id": format!("o{i}a"), "value": "Alpha"}, {"id": format!("o{i}b"), "value": "Beta"}]);
        defs.push(json!({"id": format!("f{i}"), "name": format!("Field {i}"), "field_type": t, "entity_type": "CONTACT", "multi_select_options": options}));
        let value = match t {
            "NUMERIC" => json!(i),
            "DATE" => json!("2025-03-01"),
            "BOOLEAN" => json!(i % 2 == 0),
            "SINGLE_SELECT" => json!({"id": format!("o{i}a"), "value": "Alpha"}),
            "MULTI_SELECT" => {
                json!([{"id": format!("o{i}a"), "value": "Alpha"}, {"id": format!("o{i}b"), "value": "Beta"}])
            }
            "USER" => json!("user_alice"),
            _ => json!(format!("text value number {i}")),
        };
        values.push(json!({"id": format!("f{i}"), "name": format!("Field {i}"), "field_type": t, "value": value}));
    }
    let mut contact = rolodex_tui::demo::sample_contact();
    contact["custom_fields"] = Value::Array(values);
    let defs = defs
        .into_iter()
        .map(|d| serde_json::from_value(d).unwrap())
        .collect();
    (contact, defs)
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn main() {
    for n in [8, 500] {
        let (raw, defs) = synthetic(n);
        let text = serde_json::to_string(&json!({"data": raw})).unwrap();
        println!("\n{n} custom fields ({} KiB of JSON):", text.len() / 1024);
        bench("parse the contact", || {
            let page: Envelope<Contact> = serde_json::from_str(black_box(&text)).unwrap();
            black_box(page);
        });
        let contact: Contact = serde_json::from_value(raw.clone()).unwrap();
        bench("build the form", || {
            black_box(ContactForm::from_contact(black_box(&contact), &defs));
        });
        let form = ContactForm::from_contact(&contact, &defs);
        let mut edited = form.clone();
        edited.title = Some("Senior Product Manager".into());
        edited.fields[0].value = rolodex_tui::contact::FieldValue::Empty;
        bench("diff an edit", || {
            black_box(diff(black_box(&form), black_box(&edited)));
        });
        bench("build the PUT body", || {
            black_box(put_body(black_box(&edited)).unwrap());
        });

        let mut model = Model::new("contact_67890", "http://127.0.0.1:1/user-api/v1");
        update(&mut model, Msg::Loaded(Ok((contact.clone(), defs.clone()))));
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        bench("draw the editor at 100x30", || {
            terminal
                .draw(|f| view_with(&model, f, &Theme::COLOR))
                .unwrap();
        });
        bench("a keystroke: update + draw (j in Custom fields)", || {
            update(
                &mut model,
                Msg::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)),
            );
            update(&mut model, key('j'));
            terminal
                .draw(|f| view_with(&model, f, &Theme::COLOR))
                .unwrap();
        });
        let store = rolodex_tui::store::Store::new(std::env::temp_dir().join("rolodex-bench"));
        let draft = rolodex_tui::store::Draft {
            contact_id: contact.id.clone(),
            saved_at: "2026-11-28T00:00:00Z".into(),
            loaded: contact.clone(),
            form: edited.clone(),
        };
        bench("journal an edit (draft written, synced, renamed)", || {
            store.write_draft(black_box(&draft)).unwrap();
        });
        bench("open the review (Ctrl-S)", || {
            let mut m = model.clone();
            update(&mut m, key(' '));
            update(&mut m, key('w'));
            black_box(&m);
        });
    }
}
