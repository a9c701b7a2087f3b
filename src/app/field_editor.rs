//! The state of an open field editor: a one-line text editor
//! (ratatui-textarea) or an option picker. While one is open, keys go to it
//! first. How they open, take keys and commit is in `fields.rs`.

use ratatui_textarea::TextArea;

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

/// An open option picker for a select or user field.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionPicker {
    /// The custom field row being edited.
    pub field: usize,
    /// `(id, label)` for every option, in the definition's order.
    pub options: Vec<(String, String)>,
    pub cursor: usize,
    /// Multi-select: Space toggles; the set is committed on Enter.
    pub multi: bool,
    /// For multi-select: which options are chosen.
    pub chosen: Vec<bool>,
    pub kind: PickerKind,
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
        }
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
