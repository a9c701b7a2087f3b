//! A long session's memory is bounded: the bytes still allocated after
//! thousands of keys (edits, undo, redo, pickers) stop growing once the
//! undo history is full ([`UNDO_DEPTH`] steps), and stay within a stated
//! bound. Measured with a counting allocator, so this file holds one test.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolodex_tui::app::editor::UNDO_DEPTH;
use rolodex_tui::app::{Model, Msg, update};
use rolodex_tui::demo::sample_workspace;

/// Counts the bytes allocated and not yet freed.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: forwarded as given.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: forwarded as given.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        // SAFETY: forwarded as given.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn live() -> isize {
    LIVE.load(Ordering::Relaxed)
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ch(c: char) -> Msg {
    key(KeyCode::Char(c))
}

/// A session of edits in every pane: toggles, typed values, picks, undo
/// and redo, from a fixed pseudo-random sequence (the same every run).
fn session(model: &mut Model, keys: usize, seed: &mut u64) {
    let mut sent = 0;
    while sent < keys {
        *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let msgs: Vec<Msg> = match (*seed >> 33) % 9 {
            0 => vec![key(KeyCode::Tab)],
            1 | 2 => vec![ch('j')],
            3 => vec![ch('k')],
            4 => vec![ch(' ')],
            5 => {
                // Type a value into whatever text field the row opens.
                let n = (*seed >> 40) % 1000;
                let mut m = vec![key(KeyCode::Enter)];
                m.extend(n.to_string().chars().map(ch));
                m.push(key(KeyCode::Enter));
                m
            }
            6 => vec![ch('u')],
            7 => vec![Msg::Key(KeyEvent::new(
                KeyCode::Char('r'),
                KeyModifiers::CONTROL,
            ))],
            _ => vec![key(KeyCode::Esc)],
        };
        sent += msgs.len();
        for msg in msgs {
            update(model, msg);
        }
    }
}

#[test]
fn a_long_session_stays_within_its_bound() {
    let (contact, defs, users) = sample_workspace();
    let mut model = Model::new(contact.id.clone(), "http://127.0.0.1:9/user-api/v1");
    update(&mut model, Msg::Loaded(Ok((contact, defs))));
    update(&mut model, Msg::UsersLoaded(Ok(users)));
    let mut seed = 7;
    let start = live();
    session(&mut model, 3_000, &mut seed);
    let after_3000 = live();
    session(&mut model, 3_000, &mut seed);
    let after_6000 = live();
    let (undo, _) = model.editor().map(|e| e.history()).unwrap_or_default();
    assert!(undo <= UNDO_DEPTH, "{undo} undo steps kept");
    let mib = |b: isize| b as f64 / (1024.0 * 1024.0);
    let grown = after_6000 - start;
    eprintln!(
        "live bytes: start {start}, +{} after 3000 keys, +{} after 6000 ({:.2} MiB); {undo} undo steps",
        after_3000 - start,
        grown,
        mib(grown)
    );
    // The stated bound: 2 MiB over the loaded editor for the sample
    // contact, however long the session.
    assert!(grown < 2 * 1024 * 1024, "grew {:.2} MiB", mib(grown));
    // And no growth with the session's length once the history is full.
    let more = after_6000 - after_3000;
    assert!(more < 256 * 1024, "the second 3000 keys grew {more} bytes");
}
