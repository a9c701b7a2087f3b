//! The one cursor mover: every list and every scrolled text (panes,
//! pickers, the contact list, the help, the JSON body, the dry run) moves
//! with the same keys and clamps the same way.

use super::keys::Action;

/// How far PgDn and PgUp move.
pub const PAGE: usize = 10;

/// Where a cursor at `at` in a list of `len` rows goes for a movement
/// action: never before the first row, never past the last (0 in an empty
/// list). `None` for an action that does not move.
pub fn moved(at: usize, action: Action, len: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    let to = match action {
        Action::Down => at.saturating_add(1),
        Action::Up => at.saturating_sub(1),
        Action::PageDown => at.saturating_add(PAGE),
        Action::PageUp => at.saturating_sub(PAGE),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    };
    Some(to.min(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_clamp_at_both_ends() {
        assert_eq!(moved(0, Action::Up, 5), Some(0));
        assert_eq!(moved(4, Action::Down, 5), Some(4));
        assert_eq!(moved(3, Action::PageDown, 5), Some(4));
        assert_eq!(moved(3, Action::PageUp, 50), Some(0));
        assert_eq!(moved(13, Action::PageUp, 50), Some(3));
        assert_eq!(moved(2, Action::Bottom, 5), Some(4));
        assert_eq!(moved(9, Action::Top, 5), Some(0));
        assert_eq!(
            moved(0, Action::Down, 0),
            Some(0),
            "an empty list stays at 0"
        );
        assert_eq!(
            moved(7, Action::Down, 3),
            Some(2),
            "a cursor past the end comes back"
        );
        assert_eq!(moved(1, Action::Edit, 5), None);
    }
}
