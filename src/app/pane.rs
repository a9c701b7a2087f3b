//! The editor's panes and the fixed rows of the Details pane: the names the
//! key table, the editor and the view all share.

/// The editor panes, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Details,
    Emails,
    Fields,
}

impl Pane {
    pub const ORDER: [Pane; 3] = [Pane::Details, Pane::Emails, Pane::Fields];

    pub fn index(self) -> usize {
        match self {
            Pane::Details => 0,
            Pane::Emails => 1,
            Pane::Fields => 2,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Details => "Details",
            Pane::Emails => "Emails",
            Pane::Fields => "Custom fields",
        }
    }

    /// The pane after this one in Tab order (`forward`) or before it.
    pub fn next(self, forward: bool) -> Pane {
        let n = Pane::ORDER.len();
        let step = if forward { 1 } else { n - 1 };
        Pane::ORDER[(self.index() + step) % n]
    }
}

/// The selectable rows of the Details pane (the rest is read-only context).
pub const DETAILS_TITLE: usize = 0;
pub const DETAILS_STARRED: usize = 1;

/// The pane and row a form row is shown in.
pub fn row_of(row: crate::contact::RowRef) -> (Pane, usize) {
    use crate::contact::RowRef;
    match row {
        RowRef::Title => (Pane::Details, DETAILS_TITLE),
        RowRef::Starred => (Pane::Details, DETAILS_STARRED),
        RowRef::Email(i) => (Pane::Emails, i),
        RowRef::Field(i) => (Pane::Fields, i),
    }
}
