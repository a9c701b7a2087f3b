//! A contact with hundreds of emails and custom fields: the panes build full
//! rows only near the selection, and wherever the selection is, what they
//! show is the run of rows around it, in order, with exact scroll counts.

mod common;

use common::{Harness, ch, key};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use rolodex_tui::api::wire::{Email, Maybe};
use rolodex_tui::app::{Model, Msg, Pane};
use rolodex_tui::ui::{Theme, view_with};

const EMAILS: usize = 300;

/// Addresses `a0@example.com` …, every 37th one invalid (its row carries a
/// reason line) so rows are not all one line high.
fn address(i: usize) -> String {
    if i % 37 == 5 {
        format!("broken{i} at example")
    } else {
        format!("a{i}@example.com")
    }
}

fn screen(h: &Harness) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal
        .draw(|f| view_with(&h.model, f, &Theme::MONOCHROME))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect()
}

/// The email numbers on screen, top to bottom, and the one marked selected.
fn shown_emails(lines: &[String]) -> (Vec<usize>, Option<usize>) {
    let mut shown = vec![];
    let mut selected = None;
    for line in lines {
        for i in (0..EMAILS).rev() {
            let a = address(i);
            if let Some(at) = line.find(&a) {
                // `a1@` is inside `a11@`: take the whole address only.
                let before = line[..at].chars().last();
                if before.is_some_and(|c| c.is_ascii_alphanumeric()) {
                    continue;
                }
                // A reason line names its address again.
                if shown.last() != Some(&i) {
                    shown.push(i);
                }
                if line[..at].contains('▶') || line[..at].contains('>') {
                    selected = Some(i);
                }
                break;
            }
        }
    }
    (shown, selected)
}

/// The scroll counts in the Emails pane's bottom border: rows above and
/// below what is shown.
fn scroll_counts(lines: &[String]) -> (usize, usize) {
    let count = |text: &str, arrow: char| -> usize {
        text.split(arrow)
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    let pane: String = lines
        .iter()
        .take_while(|l| !l.contains("Custom fields"))
        .map(|l| l.chars().skip(55).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n");
    (count(&pane, '↑'), count(&pane, '↓'))
}

#[test]
fn the_emails_pane_shows_the_rows_around_the_selection_wherever_it_is() {
    let rt = tokio::runtime::Runtime::new().expect("tokio runtime");
    let mut h = rt.block_on(Harness::open(rolodex_tui::demo::DEMO_CONTACT_ID, false));
    let mut contact = h.ed().contact().clone();
    let defs = h.ed().defs().to_vec();
    contact.emails = Maybe::Value(
        (0..EMAILS)
            .map(|i| {
                serde_json::from_value::<Email>(serde_json::json!({
                    "email_address": address(i),
                    "is_primary": i == 0
                }))
                .expect("email")
            })
            .collect(),
    );
    // Open it afresh, as loading this contact would.
    h.model = Model::new(contact.id.clone(), h.server.base_url());
    h.send(Msg::Loaded(Ok((contact, defs))));
    h.focus(Pane::Emails);
    let mut hidden_lines = None;
    for sel in 0..EMAILS {
        let lines = screen(&h);
        let (shown, selected) = shown_emails(&lines);
        assert_eq!(
            selected,
            Some(sel),
            "selection {sel}:\n{}",
            lines.join("\n")
        );
        let first = shown[0];
        let run: Vec<usize> = (first..first + shown.len()).collect();
        assert_eq!(
            shown,
            run,
            "selection {sel}: not a run\n{}",
            lines.join("\n")
        );
        let (above, below) = scroll_counts(&lines);
        let hidden = *hidden_lines.get_or_insert(above + below);
        assert_eq!(above + below, hidden, "selection {sel}: scroll counts");
        h.send(ch('j'));
    }
    assert!(hidden_lines.is_some_and(|n| n > EMAILS - 20));
    h.send(key(KeyCode::Char('g')));
}
