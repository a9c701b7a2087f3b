//! The README's key table is the application's: both come from the table
//! the key handling uses (`src/app/keys.rs`).

const START: &str = "<!-- keys: generated from src/app/keys.rs -->\n";
const END: &str = "<!-- end of keys -->";

fn readme_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

#[test]
fn the_readme_key_table_is_the_applications() {
    let readme = std::fs::read_to_string(readme_path()).expect("README.md");
    let start = readme.find(START).expect("the README marks its key table") + START.len();
    let end = start
        + readme[start..]
            .find(END)
            .expect("the README marks the end of its key table");
    let expected = rolodex_tui::app::keys::standard().markdown();
    if readme[start..end] != expected {
        if std::env::var_os("UPDATE_README").is_some() {
            let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
            std::fs::write(readme_path(), updated).expect("write README.md");
            return;
        }
        panic!(
            "the README's key table differs from the application's; \
             run `UPDATE_README=1 cargo test --test readme` and commit README.md.\n\
             expected:\n{expected}"
        );
    }
}

#[test]
fn the_key_table_names_every_key_the_spec_promises() {
    let table = rolodex_tui::app::keys::standard().markdown();
    for needle in [
        "`Tab`",
        "`Shift-Tab`",
        "`j`",
        "`k`",
        "`Enter`",
        "`Esc`",
        "`Space`",
        "`a`",
        "`d`",
        "`p`",
        "`x`",
        "`u`",
        "`Ctrl-R`",
        "`Ctrl-S`",
        "`w`",
        "`y`",
        "`n`",
        "`r`",
        "`o`",
        "`J`",
        "`?`",
        "`q`",
        "`Ctrl-C`",
    ] {
        assert!(table.contains(needle), "{needle} is missing from the keys");
    }
}
