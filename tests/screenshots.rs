//! The committed screenshots are what the code draws today; the data they
//! are built from is what the demo server serves; and the SVG renderer keeps
//! every symbol on the character grid.

#[path = "../dev/scenes.rs"]
mod scenes;
#[path = "../dev/svg.rs"]
mod svg;

use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use rolodex_tui::api::wire::{Contact, CustomFieldDef, WorkspaceUser};
use rolodex_tui::api::{ApiKey, ClientConfig, RolodexClient};
use rolodex_tui::app::{INCLUDE, ORDER, PAGE_SIZE};
use rolodex_tui::demo::{self, DEMO_CONTACT_ID, DemoServer};
use scenes::scenes;
use svg::{CELL_HEIGHT, CELL_WIDTH, PADDING, to_svg};

#[test]
fn committed_svgs_match_the_screens() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    let mut stale = vec![];
    for (name, buffer) in scenes() {
        let path = dir.join(format!("{name}.svg"));
        let drawn = to_svg(&buffer);
        match std::fs::read_to_string(&path) {
            Ok(committed) if committed == drawn => {}
            Ok(committed) => {
                let line = committed
                    .lines()
                    .zip(drawn.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or_else(|| committed.lines().count().min(drawn.lines().count()));
                stale.push(format!("{} differs from line {}", path.display(), line + 1));
            }
            Err(e) => stale.push(format!("{} cannot be read: {e}", path.display())),
        }
    }
    assert!(
        stale.is_empty(),
        "the screenshots are out of date:\n  {}\nRun `cargo run --example screenshots` and commit screenshots/.",
        stale.join("\n  ")
    );
}

#[test]
fn scenes_are_the_same_on_every_run() {
    let svgs = |scenes: Vec<(&str, Buffer)>| -> Vec<String> {
        scenes.iter().map(|(_, b)| to_svg(b)).collect()
    };
    assert_eq!(svgs(scenes()), svgs(scenes()));
}

/// The screenshots are built from the seed data without a server; that data
/// must be exactly what the demo server hands the real client.
#[tokio::test]
async fn offline_seed_data_is_what_the_demo_server_serves() {
    let server = DemoServer::start().await.expect("demo server");
    let client = RolodexClient::new(ClientConfig::new(
        server.base_url(),
        ApiKey::new(server.api_key()),
    ))
    .expect("client");

    let (contact, defs) = client.load(DEMO_CONTACT_ID).await.expect("load");
    let offline: Contact = serde_json::from_value(demo::sample_contact()).unwrap();
    assert_eq!(contact, offline);
    let offline: Vec<CustomFieldDef> = demo::contact_field_definitions()
        .into_iter()
        .map(|d| serde_json::from_value(d).unwrap())
        .collect();
    assert_eq!(defs, offline);

    let users = client.workspace_users().await.expect("users");
    let offline: Vec<WorkspaceUser> = demo::workspace_users()
        .into_iter()
        .map(|u| serde_json::from_value(u).unwrap())
        .collect();
    assert_eq!(users, offline);

    let page = client
        .contacts_page(PAGE_SIZE, 0, ORDER, INCLUDE)
        .await
        .expect("contacts");
    let (total, data) = demo::listed_contacts(PAGE_SIZE as usize);
    let offline: Vec<Contact> = data
        .into_iter()
        .map(|c| serde_json::from_value(c).unwrap())
        .collect();
    assert_eq!(page.pagination.total, total as u64);
    assert_eq!(page.data, offline);
}

/// The x of the middle of `cells` cells from the left edge, as the SVG
/// writes it.
fn x_at(cells: f64) -> String {
    let s = format!("{:.2}", PADDING + cells * CELL_WIDTH);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The rectangles (`M x0 y0 H x1 V y1 H x0 z`) of every path in `svg`.
fn path_rects(svg: &str) -> Vec<[f64; 4]> {
    let mut rects = vec![];
    for d in svg.split(" d=\"").skip(1) {
        let d = &d[..d.find('"').unwrap()];
        for r in d.split('z').filter(|r| !r.is_empty()) {
            let n: Vec<f64> = r
                .split(['M', ' ', 'H', 'V'])
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().unwrap())
                .collect();
            rects.push([n[0], n[1], n[2], n[3]]);
        }
    }
    rects
}

#[test]
fn wide_and_box_drawing_characters_sit_on_the_grid() {
    let mut buffer = Buffer::empty(Rect::new(0, 0, 8, 1));
    // `a` in column 0, `東` across columns 1 and 2, `b` in 3, `┃` in 4.
    buffer.set_string(0, 0, "a東b┃", Style::new());
    let svg = to_svg(&buffer);

    // `a` and `b` are one run, each centred on its own cell: `b` is three
    // cells after `a`, not two.
    let run = format!("<text x=\"{} {}\" ", x_at(0.5), x_at(3.5));
    assert!(svg.contains(&run), "no run {run:?} in\n{svg}");
    assert!(svg.contains(">ab</text>"), "{svg}");
    // The wide character is centred on the boundary of its two cells.
    let wide = format!("<text x=\"{}\" ", x_at(2.0));
    let at = svg
        .find(&wide)
        .unwrap_or_else(|| panic!("no {wide:?} in\n{svg}"));
    assert!(svg[at..].starts_with(&wide) && svg[at..].contains(">東</text>"));

    // The box-drawing line is drawn, not left to a font: centred on column
    // 4 and running from the top of the row to its bottom.
    assert!(!svg.contains(">┃<"), "{svg}");
    let rects = path_rects(&svg);
    assert!(!rects.is_empty(), "{svg}");
    let centre = PADDING + 4.5 * CELL_WIDTH;
    for [x0, _, x1, _] in &rects {
        assert!(
            ((x0 + x1) / 2.0 - centre).abs() < 0.02,
            "{rects:?} {centre}"
        );
    }
    let top = rects.iter().map(|r| r[1]).fold(f64::MAX, f64::min);
    let bottom = rects.iter().map(|r| r[3]).fold(f64::MIN, f64::max);
    assert_eq!((top, bottom), (PADDING, PADDING + CELL_HEIGHT));
}

#[test]
fn corners_meet_the_lines_beside_them() {
    let mut buffer = Buffer::empty(Rect::new(0, 0, 3, 2));
    buffer.set_string(0, 0, "┌─┐", Style::new());
    buffer.set_string(0, 1, "│ │", Style::new());
    let rects = path_rects(&to_svg(&buffer));
    // The top edge is continuous from the middle of the first cell to the
    // middle of the last: every horizontal piece ends where the next starts
    // (or overlaps it).
    let mut horizontal: Vec<[f64; 4]> = rects
        .iter()
        .copied()
        .filter(|r| r[3] - r[1] < 2.0 && r[1] < PADDING + CELL_HEIGHT)
        .collect();
    horizontal.sort_by(|a, b| a[0].total_cmp(&b[0]));
    assert!(horizontal.len() >= 3, "{rects:?}");
    for pair in horizontal.windows(2) {
        assert!(pair[1][0] <= pair[0][2], "a gap between {pair:?}");
    }
}

#[test]
fn text_is_escaped_keeps_its_spaces_and_reverse_video_swaps_colours() {
    let mut buffer = Buffer::empty(Rect::new(0, 0, 8, 1));
    buffer.set_string(
        0,
        0,
        "<&  >\"'",
        Style::new().fg(Color::Red).add_modifier(Modifier::REVERSED),
    );
    let svg = to_svg(&buffer);
    assert!(svg.contains(">&lt;&amp;  &gt;&quot;&apos;</text>"), "{svg}");
    // Red becomes the background, the default background the text colour.
    let background = format!("height=\"{CELL_HEIGHT}\" fill=\"#cd3131\"/>");
    assert!(svg.contains(&background), "{svg}");
    assert!(svg.contains("fill=\"#1e1e1e\">&lt;"), "{svg}");
}
