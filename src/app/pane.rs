//! The editor's panes and the fixed rows of the Details pane: the names the
//! key table, the editor and the view all share.

use crate::contact::Detail;

/// The editor panes, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Details,
    Emails,
    Phones,
    Fields,
}

impl Pane {
    pub const ORDER: [Pane; 4] = [Pane::Details, Pane::Emails, Pane::Phones, Pane::Fields];

    pub fn index(self) -> usize {
        match self {
            Pane::Details => 0,
            Pane::Emails => 1,
            Pane::Phones => 2,
            Pane::Fields => 3,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Details => "Details",
            Pane::Emails => "Emails",
            Pane::Phones => "Phones",
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
/// The first of the other scalars, in [`Detail::ALL`] order.
pub const DETAILS_FIRST: usize = 2;
pub const DETAILS_TAGS: usize = DETAILS_FIRST + Detail::ALL.len();
pub const DETAILS_LISTS: usize = DETAILS_TAGS + 1;
/// How many selectable rows the Details pane has.
pub const DETAILS_ROWS: usize = DETAILS_LISTS + 1;

/// The detail shown in Details row `row`, if it is one.
pub fn detail_at(row: usize) -> Option<Detail> {
    row.checked_sub(DETAILS_FIRST)
        .and_then(|i| Detail::ALL.get(i))
        .copied()
}

/// The Details row of a detail.
pub fn detail_row(detail: Detail) -> usize {
    DETAILS_FIRST + Detail::ALL.iter().position(|&d| d == detail).unwrap_or(0)
}

/// The pane and row a form row is shown in.
pub fn row_of(row: crate::contact::RowRef) -> (Pane, usize) {
    use crate::contact::RowRef;
    match row {
        RowRef::Title => (Pane::Details, DETAILS_TITLE),
        RowRef::Starred => (Pane::Details, DETAILS_STARRED),
        RowRef::Detail(d) => (Pane::Details, detail_row(d)),
        RowRef::Tags => (Pane::Details, DETAILS_TAGS),
        RowRef::Lists => (Pane::Details, DETAILS_LISTS),
        RowRef::Email(i) => (Pane::Emails, i),
        RowRef::Phone(i) => (Pane::Phones, i),
        RowRef::Field(i) => (Pane::Fields, i),
    }
}
