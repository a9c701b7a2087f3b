//! Time and memory of the work behind every frame, keystroke and save, on
//! the demo's sample contact and on a large one (500 emails, 300 custom
//! fields, long values full of wide characters), at 80×24 and 200×60.
//!
//! `cargo bench --bench editor` prints divan's table: median time per run
//! and, from divan's `AllocProfiler`, the allocations and bytes of one run.
//! Drawing goes through the runtime's own `Screen` (view, then diff against
//! what the terminal shows, then the escape sequences), writing to a sink.

mod support;

use std::fmt;
use std::hint::black_box;
use std::sync::LazyLock;

use divan::{AllocProfiler, Bencher};
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Size;
use rolodex_tui::api::wire::{Contact, Envelope, Page, Pagination};
use rolodex_tui::app::{Model, Msg, update};
use rolodex_tui::contact::{ContactForm, FieldValue, diff, put_body};
use rolodex_tui::runtime::Screen;
use rolodex_tui::ui::{Theme, view_with};
use support::{Fixture, key, loaded};

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    divan::main();
}

static SAMPLE: LazyLock<Fixture> = LazyLock::new(support::small);
static LARGE: LazyLock<Fixture> = LazyLock::new(support::large);

/// Which contact, at which terminal size.
#[derive(Clone, Copy)]
struct Case {
    large: bool,
    width: u16,
    height: u16,
}

impl Case {
    fn fixture(self) -> &'static Fixture {
        if self.large { &LARGE } else { &SAMPLE }
    }

    fn size(self) -> Size {
        Size::new(self.width, self.height)
    }
}

impl fmt::Display for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let which = if self.large { "large" } else { "sample" };
        write!(f, "{which} {}x{}", self.width, self.height)
    }
}

const CASES: [Case; 4] = [
    Case {
        large: false,
        width: 80,
        height: 24,
    },
    Case {
        large: false,
        width: 200,
        height: 60,
    },
    Case {
        large: true,
        width: 80,
        height: 24,
    },
    Case {
        large: true,
        width: 200,
        height: 60,
    },
];

fn view(model: &Model, frame: &mut ratatui::Frame) {
    view_with(model, frame, &Theme::COLOR);
}

/// A screen that already shows `model`.
fn screen_showing(model: &Model, size: Size) -> Screen<Vec<u8>> {
    let mut screen = Screen::new(Vec::with_capacity(64 * 1024), size);
    screen.draw(|f| view(model, f)).expect("draw");
    screen.writer_mut().clear();
    screen
}

/// The editor after `keys`.
fn editor_after(fixture: &Fixture, keys: &[KeyCode]) -> Model {
    let mut model = loaded(fixture);
    for code in keys {
        update(&mut model, key(*code));
    }
    model
}

/// The review of an edit: starred toggled, then `w`.
fn review(fixture: &Fixture) -> Model {
    editor_after(
        fixture,
        &[KeyCode::Char('j'), KeyCode::Char(' '), KeyCode::Char('w')],
    )
}

/// The contact picker with `n` contacts loaded.
fn picker(n: u64) -> Model {
    let mut model = Model::picking("https://rolodex.example.com/user-api/v1");
    let data: Vec<Contact> = (0..n)
        .map(|i| serde_json::from_value(rolodex_tui::demo::generated_contact(i)).expect("contact"))
        .collect();
    let page = Page {
        pagination: Pagination {
            limit: n,
            offset: 0,
            total: n,
        },
        data,
    };
    update(&mut model, Msg::ContactsLoaded(Ok(page)));
    model
}

/// Drawing a frame as the runtime does when something changed elsewhere:
/// the view renders the whole frame, the diff against what the terminal
/// shows finds nothing, nothing is written.
mod render {
    use super::*;

    fn bench_render(bencher: Bencher, model: &Model, size: Size) {
        let mut screen = screen_showing(model, size);
        bencher.bench_local(|| screen.draw(|f| view(black_box(model), f)).expect("draw"));
    }

    #[divan::bench(args = CASES)]
    fn editor(bencher: Bencher, case: Case) {
        bench_render(bencher, &loaded(case.fixture()), case.size());
    }

    #[divan::bench(args = CASES)]
    fn review(bencher: Bencher, case: Case) {
        bench_render(bencher, &super::review(case.fixture()), case.size());
    }

    /// 51 contacts for the sample (the demo's workspace), 2000 for large.
    #[divan::bench(args = CASES)]
    fn picker(bencher: Bencher, case: Case) {
        let n = if case.large { 2000 } else { 51 };
        bench_render(bencher, &super::picker(n), case.size());
    }
}

/// A full repaint (after a resize or Ctrl-Z): every cell that is not blank
/// is written.
mod repaint {
    use super::*;

    #[divan::bench(args = CASES)]
    fn editor(bencher: Bencher, case: Case) {
        let model = loaded(case.fixture());
        let mut screen = screen_showing(&model, case.size());
        bencher.bench_local(|| {
            screen.forget();
            screen.writer_mut().clear();
            screen.draw(|f| view(&model, f)).expect("draw")
        });
    }
}

/// `update` alone for one key.
mod update_only {
    use super::*;

    fn bench_key(bencher: Bencher, model: &Model, code: KeyCode) {
        bencher
            .with_inputs(|| model.clone())
            .bench_local_values(|mut m| {
                black_box(update(&mut m, key(code)));
                m
            });
    }

    /// A character typed into the open Title editor.
    #[divan::bench(args = [false, true])]
    fn type_character(bencher: Bencher, large: bool) {
        let fixture = if large { &*LARGE } else { &*SAMPLE };
        let model = editor_after(fixture, &[KeyCode::Enter]);
        bench_key(bencher, &model, KeyCode::Char('x'));
    }

    /// `j` in the Custom fields pane.
    #[divan::bench(args = [false, true])]
    fn selection_down(bencher: Bencher, large: bool) {
        let fixture = if large { &*LARGE } else { &*SAMPLE };
        let model = editor_after(fixture, &[KeyCode::Tab, KeyCode::Tab]);
        bench_key(bencher, &model, KeyCode::Char('j'));
    }
}

/// Key to frame complete: `update`, the view, the diff and the bytes.
mod keystroke {
    use super::*;

    fn bench_key(bencher: Bencher, model: &Model, size: Size, code: KeyCode) {
        bencher
            .with_inputs(|| (model.clone(), screen_showing(model, size)))
            .bench_local_values(|(mut m, mut screen)| {
                update(&mut m, key(code));
                screen.draw(|f| view(&m, f)).expect("draw");
                (m, screen)
            });
    }

    #[divan::bench(args = CASES)]
    fn type_character(bencher: Bencher, case: Case) {
        let model = editor_after(case.fixture(), &[KeyCode::Enter]);
        bench_key(bencher, &model, case.size(), KeyCode::Char('x'));
    }

    #[divan::bench(args = CASES)]
    fn selection_down(bencher: Bencher, case: Case) {
        let model = editor_after(case.fixture(), &[KeyCode::Tab, KeyCode::Tab]);
        bench_key(bencher, &model, case.size(), KeyCode::Char('j'));
    }

    #[divan::bench(args = CASES)]
    fn open_review(bencher: Bencher, case: Case) {
        let model = editor_after(case.fixture(), &[KeyCode::Char('j'), KeyCode::Char(' ')]);
        bench_key(bencher, &model, case.size(), KeyCode::Char('w'));
    }
}

/// An edit of every kind: title changed, starred toggled, the first email
/// deleted, the first custom field cleared.
fn edited(form: &ContactForm) -> ContactForm {
    let mut edited = form.clone();
    edited.title = Some("Senior Product Manager".into());
    edited.starred = !edited.starred;
    if !edited.emails.is_empty() {
        edited.emails.remove(0);
        if let Some(first) = edited.emails.first_mut() {
            first.primary = true;
        }
    }
    edited.fields[0].value = FieldValue::Empty;
    edited
}

/// The domain work of a save, without any drawing.
mod save {
    use super::*;

    fn forms(large: bool) -> (ContactForm, ContactForm) {
        let fixture = if large { &*LARGE } else { &*SAMPLE };
        let form = ContactForm::from_contact(&fixture.contact, &fixture.defs);
        let changed = edited(&form);
        (form, changed)
    }

    #[divan::bench(args = [false, true])]
    fn diff_and_put_body(bencher: Bencher, large: bool) {
        let (form, changed) = forms(large);
        bencher.bench_local(|| {
            let changes = diff(black_box(&form), black_box(&changed));
            let body = put_body(black_box(&form), black_box(&changed)).expect("valid");
            (changes, body)
        });
    }

    #[divan::bench(args = [false, true])]
    fn diff_only(bencher: Bencher, large: bool) {
        let (form, changed) = forms(large);
        bencher.bench_local(|| diff(black_box(&form), black_box(&changed)));
    }

    #[divan::bench(args = [false, true])]
    fn put_body_only(bencher: Bencher, large: bool) {
        let (form, changed) = forms(large);
        bencher.bench_local(|| put_body(black_box(&form), black_box(&changed)).expect("valid"));
    }

    /// Parsing the contact's JSON as it arrives over HTTP.
    #[divan::bench(args = [false, true])]
    fn parse_contact(bencher: Bencher, large: bool) {
        let fixture = if large { &*LARGE } else { &*SAMPLE };
        let text = serde_json::to_string(&Envelope {
            data: fixture.contact.clone(),
        })
        .expect("json");
        bencher.bench_local(|| {
            serde_json::from_str::<Envelope<Contact>>(black_box(&text)).expect("contact")
        });
    }

    #[divan::bench(args = [false, true])]
    fn build_form(bencher: Bencher, large: bool) {
        let fixture = if large { &*LARGE } else { &*SAMPLE };
        bencher.bench_local(|| ContactForm::from_contact(&fixture.contact, &fixture.defs));
    }

    /// Journaling an edit: the draft written, synced and renamed into place.
    #[divan::bench(args = [false, true], sample_count = 30)]
    fn write_draft(bencher: Bencher, large: bool) {
        let fixture = if large { &*LARGE } else { &*SAMPLE };
        let form = ContactForm::from_contact(&fixture.contact, &fixture.defs);
        let dir = std::env::temp_dir().join(format!("rolodex-bench-{}", std::process::id()));
        let store = rolodex_tui::store::Store::new(dir.clone());
        let draft = rolodex_tui::store::Draft {
            contact_id: fixture.contact.id.clone(),
            base_url: None,
            saved_at: "2026-11-28T00:00:00Z".into(),
            loaded: fixture.contact.clone(),
            form: edited(&form),
        };
        bencher.bench_local(|| store.write_draft(black_box(&draft)).expect("draft"));
        let _ = std::fs::remove_dir_all(dir);
    }
}
