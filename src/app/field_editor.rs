//! The state of an open field editor: a one-line text editor
//! (ratatui-textarea) or an option picker. While one is open, keys go to it
//! first. How they open, take keys and commit is in `fields.rs`.

use ratatui_textarea::TextArea;

/// An open find line (`/`, see `find.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    pub text: String,
    /// The pane focused when `/` was pressed, and its selection then: the
    /// search starts in that pane (and goes on through the panes after it),
    /// and Esc goes back to both.
    pub pane: super::pane::Pane,
    pub from: usize,
}

/// What a text editor that is open will change when it commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextTarget {
    Title,
    /// An existing email row.
    Email(usize),
    /// A new email row, appended on commit (nothing is added on Esc).
    NewEmail,
    /// A custom field row (text, number, date, or user id typed by hand).
    Field(usize),
    /// One of the other scalars of the Details pane.
    Detail(crate::contact::Detail),
    /// An existing phone row.
    Phone(usize),
    /// A new phone row, appended on commit.
    NewPhone,
}

/// What an option picker chooses, which decides the value it commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    /// Options of a SINGLE_SELECT or MULTI_SELECT definition.
    Option,
    /// A workspace user, for a USER field.
    User,
    /// The contact's tags (many).
    Tags,
    /// The contact's lists (many).
    Lists,
}

/// A picker of this many options or more filters as you type: letters go
/// to its filter line and the arrow keys move, as in the contact list.
pub const FILTER_FROM: usize = 10;

/// An open option picker for a select or user field.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionPicker {
    /// The custom field row being edited.
    pub field: usize,
    /// `(id, label)` for every option, in the definition's order.
    pub options: Vec<(String, String)>,
    /// The row under the cursor, among the options the filter leaves.
    pub cursor: usize,
    /// Multi-select: Space toggles; the set is committed on Enter.
    pub multi: bool,
    /// For multi-select: which options are chosen.
    pub chosen: Vec<bool>,
    pub kind: PickerKind,
    /// What has been typed to narrow a long picker (see [`FILTER_FROM`]).
    pub filter: String,
}

impl OptionPicker {
    /// A picker of one option, its cursor on the current choice.
    pub fn single(
        field: usize,
        options: Vec<(String, String)>,
        current: Option<&str>,
        kind: PickerKind,
    ) -> Self {
        let cursor = current
            .and_then(|c| options.iter().position(|(id, _)| id == c))
            .unwrap_or(0);
        OptionPicker {
            field,
            chosen: vec![false; options.len()],
            options,
            cursor,
            multi: false,
            kind,
            filter: String::new(),
        }
    }

    /// A picker of several options, the current ones chosen.
    pub fn multi(field: usize, options: Vec<(String, String)>, chosen: &[String]) -> Self {
        OptionPicker {
            field,
            chosen: options.iter().map(|(id, _)| chosen.contains(id)).collect(),
            options,
            cursor: 0,
            multi: true,
            kind: PickerKind::Option,
            filter: String::new(),
        }
    }

    /// Whether typing filters this picker (it holds many options).
    pub fn filters(&self) -> bool {
        self.options.len() >= FILTER_FROM
    }

    /// The options the filter leaves, as indexes into `options`, in order:
    /// those whose label has every typed word, ignoring case and accents
    /// (as the contact list filters).
    pub fn visible(&self) -> Vec<usize> {
        let matcher = crate::app::matching::Matcher::new(&self.filter);
        (0..self.options.len())
            .filter(|&i| matcher.matches(&[&self.options[i].1]))
            .collect()
    }

    /// The option under the cursor, as an index into `options`.
    pub fn current(&self) -> Option<usize> {
        self.visible().get(self.cursor).copied()
    }

    /// Changes the filter, keeping the cursor on the same option while the
    /// filter still shows it (else on the first match).
    pub fn set_filter(&mut self, filter: String) {
        let was = self.current();
        self.filter = filter;
        let visible = self.visible();
        self.cursor = was
            .and_then(|w| visible.iter().position(|&i| i == w))
            .unwrap_or(0);
    }
}

/// An open field editor.
#[derive(Debug, Clone)]
pub enum FieldEditor {
    Text {
        target: TextTarget,
        area: Box<TextArea<'static>>,
    },
    Options(OptionPicker),
}

impl FieldEditor {
    /// A text editor holding `text`, the cursor at its end.
    pub fn text(target: TextTarget, text: &str) -> Self {
        let mut area = TextArea::new(vec![text.to_string()]);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        FieldEditor::Text {
            target,
            area: Box::new(area),
        }
    }
}
