//! The real binary in a real pseudo-terminal: it starts, shows the contact,
//! quits on `q`, and leaves the terminal as it found it — also on SIGTERM
//! and SIGHUP — and a refused key is one clear line that never shows the key.

use std::fs::File;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rolodex_tui::demo::DemoServer;

/// Leaves the alternate screen, shows the cursor, ends bracketed paste.
const RESTORE: [&str; 3] = ["\x1b[?1049l", "\x1b[?25h", "\x1b[?2004l"];

/// A state folder of one run's own, so drafts never cross between tests.
fn fresh_state_dir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "rolodex-pty-state-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

struct Pty {
    child: Child,
    master: File,
    output: Arc<Mutex<Vec<u8>>>,
    /// `(bytes of output before it, rows, cols)` for the size at start and
    /// after every resize, so the screen is replayed as the terminal saw it.
    sizes: Vec<(usize, u16, u16)>,
}

/// A test that fails half way must not leave the program running.
impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn winsize(rows: u16, cols: u16) -> libc::winsize {
    libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    }
}

impl Pty {
    fn spawn(args: &[&str], env: &[(&str, &str)]) -> Pty {
        Pty::spawn_sized(args, env, 30, 100)
    }

    fn spawn_sized(args: &[&str], env: &[(&str, &str)], rows: u16, cols: u16) -> Pty {
        let (mut master, mut slave) = (0, 0);
        let size = winsize(rows, cols);
        // SAFETY: openpty writes two fds into the provided integers.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(rc, 0, "openpty");
        // SAFETY: both fds were just opened and are owned here.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rolodex-tui"));
        cmd.args(args)
            .env_remove("ROLODEX_BASE_URL")
            .env_remove("ROLODEX_API_KEY")
            .env("TERM", "xterm-256color")
            // A UTF-8 terminal unless a test says otherwise (LANG=C).
            .env_remove("LC_ALL")
            .env_remove("LC_CTYPE")
            .env("LANG", "C.UTF-8")
            .env("XDG_CONFIG_HOME", "/nonexistent-rolodex-tui-test")
            .env("XDG_STATE_HOME", fresh_state_dir())
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
        for (k, v) in env {
            cmd.env(k, v);
        }
        // SAFETY: setsid in the child makes the pty its controlling terminal.
        unsafe {
            use std::os::unix::process::CommandExt;
            cmd.pre_exec(|| {
                libc::setsid();
                libc::ioctl(0, libc::TIOCSCTTY as _, 0);
                Ok(())
            });
        }
        let child = cmd.spawn().expect("spawn rolodex-tui");
        let master = File::from(master);
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut reader = master.try_clone().unwrap();
        let mut answer = master.try_clone().unwrap();
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                // Answer cursor position queries as a terminal would.
                if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
                    let _ = answer.write_all(b"\x1b[1;1R");
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            child,
            master,
            output,
            sizes: vec![(0, rows, cols)],
        }
    }

    /// Resizes the terminal as a window manager would: the child gets SIGWINCH.
    fn resize(&mut self, rows: u16, cols: u16) {
        use std::os::fd::AsRawFd;
        let at = self.output.lock().unwrap().len();
        let size = winsize(rows, cols);
        // SAFETY: TIOCSWINSZ on the pty master with a valid winsize.
        let rc = unsafe { libc::ioctl(self.master.as_raw_fd(), libc::TIOCSWINSZ, &size) };
        assert_eq!(rc, 0, "TIOCSWINSZ");
        self.sizes.push((at, rows, cols));
    }

    /// The output written since `from` bytes, raw.
    fn text_since(&self, from: usize) -> String {
        let out = self.output.lock().unwrap();
        String::from_utf8_lossy(&out[from.min(out.len())..]).into_owned()
    }

    fn written(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// Everything the program wrote, escape sequences included.
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    /// The screen as a person sees it now.
    fn screen(&self) -> String {
        let out = self.output.lock().unwrap();
        let size = |r: u16, c: u16| (NonZeroU16::new(r).unwrap(), NonZeroU16::new(c).unwrap());
        let (_, r0, c0) = self.sizes[0];
        let (rows, cols) = size(r0, c0);
        let mut parser = vt100::Parser::new(rows, cols, 0);
        let mut done = 0;
        for &(at, r, c) in &self.sizes[1..] {
            let at = at.min(out.len());
            parser.process(&out[done..at]);
            let (rows, cols) = size(r, c);
            parser.set_size(rows, cols);
            done = at;
        }
        parser.process(&out[done..]);
        parser.screen().contents()
    }

    /// Waits until the screen shows `needle`; returns the screen.
    fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = self.screen();
            if text.contains(needle) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {needle:?} in:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.master.write_all(bytes).unwrap();
    }

    /// Sends each step's keys and waits for what it should show.
    fn walk(&mut self, steps: &[(&[u8], &str)]) {
        for (keys, shown) in steps {
            self.send(keys);
            self.wait_for(shown);
        }
    }

    fn exit_code(&mut self) -> Option<i32> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread collect the last bytes.
                std::thread::sleep(Duration::from_millis(200));
                return status.code();
            }
            assert!(Instant::now() < deadline, "the program did not exit");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn signal(&self, sig: i32) {
        // SAFETY: sending a signal to our own child.
        unsafe {
            libc::kill(self.child.id() as i32, sig);
        }
    }

    fn assert_restored(&self) {
        let text = self.text();
        let entered = text
            .find("\x1b[?1049h")
            .expect("entered the alternate screen");
        for seq in RESTORE {
            let at = text
                .rfind(seq)
                .unwrap_or_else(|| panic!("{seq:?} never sent"));
            assert!(at > entered, "{seq:?} sent before the TUI started");
        }
    }
}

#[test]
fn demo_shows_the_contact_and_q_quits_cleanly() {
    let mut pty = Pty::spawn(&["--demo"], &[]);
    pty.wait_for("Jane Smith");
    pty.wait_for("Lead Score");
    pty.send(b"q");
    assert_eq!(pty.exit_code(), Some(0));
    pty.assert_restored();
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for sig in [libc::SIGTERM, libc::SIGHUP] {
        let mut pty = Pty::spawn(&["--demo"], &[]);
        pty.wait_for("Lead Score");
        // An unsaved edit does not keep the program from ending on a signal.
        pty.send(b"j ");
        std::thread::sleep(Duration::from_millis(200));
        pty.signal(sig);
        assert_eq!(pty.exit_code(), Some(128 + sig), "128 + the signal");
        pty.assert_restored();
    }
}

#[test]
fn a_refused_key_is_one_clear_line_without_the_key() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(DemoServer::start()).unwrap();
    let secret = "sk-live-do-not-show-4242";
    let state = fresh_state_dir();
    let mut pty = Pty::spawn(
        &["contact_67890"],
        &[
            ("ROLODEX_BASE_URL", &server.base_url()),
            ("ROLODEX_API_KEY", secret),
            ("XDG_STATE_HOME", &state.to_string_lossy()),
        ],
    );
    let screen = pty.wait_for("refused the API key");
    assert!(screen.contains("ROLODEX_API_KEY"), "{screen}");
    pty.send(b"q");
    // The contact never loaded: quitting says so to the shell.
    assert_eq!(pty.exit_code(), Some(1));
    assert!(!pty.text().contains(secret), "the key reached the terminal");
    let log =
        std::fs::read_to_string(the_workspace(&state).join("rolodex-tui.log")).expect("a log");
    assert!(log.contains("verb=GET path=/user-api/v1/"), "{log}");
    assert!(log.contains("refused the API key"), "{log}");
    assert!(!log.contains(secret), "the key reached the log");
    let _ = std::fs::remove_dir_all(&state);
    drop(server);
}

#[test]
fn missing_settings_are_one_line_and_exit_1() {
    let out = Command::new(env!("CARGO_BIN_EXE_rolodex-tui"))
        .arg("contact_67890")
        .env_remove("ROLODEX_BASE_URL")
        .env_remove("ROLODEX_API_KEY")
        .env("XDG_CONFIG_HOME", "/nonexistent-rolodex-tui-test")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("ROLODEX_BASE_URL"), "{err}");
    assert!(!err.contains("panicked") && !err.contains("backtrace"));
}

#[test]
fn not_a_terminal_is_refused_with_a_reason() {
    let out = Command::new(env!("CARGO_BIN_EXE_rolodex-tui"))
        .arg("--demo")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("terminal"));
}

/// Waits until the program has written nothing for `quiet`, then returns
/// how many bytes it had written in all.
fn settled(pty: &Pty, quiet: Duration) -> usize {
    let mut last = pty.output.lock().unwrap().len();
    let mut since = Instant::now();
    let deadline = Instant::now() + Duration::from_secs(20);
    while since.elapsed() < quiet {
        assert!(Instant::now() < deadline, "the program never went quiet");
        std::thread::sleep(Duration::from_millis(50));
        let now = pty.output.lock().unwrap().len();
        if now != last {
            last = now;
            since = Instant::now();
        }
    }
    last
}

#[test]
fn an_idle_editor_and_an_unbound_key_write_nothing() {
    let mut pty = Pty::spawn(&["--demo"], &[]);
    pty.wait_for("Lead Score");
    // The workspace users arrive on their own; wait until they are drawn.
    pty.wait_for("Alice Johnson");
    let before = settled(&pty, Duration::from_millis(500));
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(
        pty.output.lock().unwrap().len(),
        before,
        "idle means no output"
    );
    pty.send(b"z");
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        pty.output.lock().unwrap().len(),
        before,
        "a key that changes nothing draws nothing"
    );
    // A key that does change the screen is drawn.
    pty.send(b"j");
    let after = settled(&pty, Duration::from_millis(300));
    assert!(after > before);
    pty.send(b"q");
    assert_eq!(pty.exit_code(), Some(0));
}

#[test]
fn ctrl_z_leaves_the_terminal_usable_and_repaints_on_return() {
    let mut pty = Pty::spawn(&["--demo"], &[]);
    pty.wait_for("Lead Score");
    pty.wait_for("Alice Johnson");
    let before = settled(&pty, Duration::from_millis(300));
    pty.send(b"\x1a");
    // Outside a job-control shell the stop signal is discarded, so the
    // program comes straight back; what matters is that it restored the
    // terminal on the way out and repainted everything on the way in.
    settled(&pty, Duration::from_millis(500));
    let text = pty.text();
    let after = &text[before.min(text.len())..];
    let left = after
        .find("\x1b[?1049l")
        .expect("left the alternate screen");
    let back = after.rfind("\x1b[?1049h").expect("came back");
    assert!(left < back);
    assert!(after[back..].contains("Lead"), "repainted in full");
    pty.send(b"q");
    assert_eq!(pty.exit_code(), Some(0));
}

#[test]
fn an_edit_survives_a_dropped_connection_and_is_offered_back() {
    let state = fresh_state_dir();
    let state_env = state.to_string_lossy().into_owned();
    let env = [("XDG_STATE_HOME", state_env.as_str())];

    let mut pty = Pty::spawn(&["--demo"], &env);
    pty.wait_for("Lead Score");
    pty.send(b"j "); // unstar
    pty.wait_for("modified (1)");
    pty.signal(libc::SIGHUP);
    pty.exit_code();
    pty.assert_restored();

    let draft = state.join("rolodex-tui/demo/drafts/contact_67890.json");
    let mode = std::fs::metadata(&draft)
        .expect("a draft on disk")
        .permissions();
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&mode) & 0o777,
        0o600
    );
    let text = std::fs::read_to_string(&draft).unwrap();
    assert!(!text.contains("demo-key"), "no key in a draft");
    assert!(
        !state
            .join("rolodex-tui/demo/drafts/contact_67890.lock")
            .exists(),
        "the hang-up took the editor's lock with it"
    );

    let mut pty = Pty::spawn(&["--demo"], &env);
    pty.wait_for("Restore unsaved changes from");
    pty.send(b"y");
    let screen = pty.wait_for("modified (1)");
    assert!(screen.contains("not starred"), "{screen}");
    pty.send(b"q");
    pty.wait_for("Quit?");
    pty.send(b"d");
    assert_eq!(pty.exit_code(), Some(0));
    assert!(!draft.exists(), "d discards the draft");
    let _ = std::fs::remove_dir_all(&state);
}

/// The parameters of every SGR sequence (`ESC [ … m`) in `text`.
fn sgr_params(text: &str) -> Vec<u16> {
    let mut out = vec![];
    for part in text.split("\x1b[").skip(1) {
        let end = part
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(part.len());
        if part[end..].starts_with('m') {
            out.extend(part[..end].split(';').filter_map(|p| p.parse::<u16>().ok()));
        }
    }
    out
}

/// A whole session as SSH users have it: 80×24, no colour, from the contact
/// list to a saved edit and back to the list.
#[test]
fn picker_open_edit_save_and_back_at_80x24_without_colour() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(DemoServer::start()).unwrap();
    let mut pty = Pty::spawn_sized(
        &[],
        &[
            ("ROLODEX_BASE_URL", &server.base_url()),
            ("ROLODEX_API_KEY", server.api_key()),
            ("NO_COLOR", "1"),
        ],
        24,
        80,
    );
    pty.wait_for("Open a contact");
    pty.wait_for("of 51 loaded");
    pty.send(b"jane smith");
    pty.wait_for("1 shown");
    pty.send(b"\r");
    pty.wait_for("Lead Score");
    let before = pty.written();
    pty.send(b"j"); // Starred
    pty.wait_for("▶   Starred");
    let moved = pty.text_since(before);
    assert!(
        sgr_params(&moved).contains(&7),
        "selection in reverse video: {moved:?}"
    );
    let colours: Vec<u16> = sgr_params(&moved)
        .into_iter()
        .filter(|p| matches!(p, 30..=38 | 40..=48 | 90..=97 | 100..=107))
        .collect();
    assert!(colours.is_empty(), "colour with NO_COLOR: {moved:?}");
    pty.send(b" ");
    pty.wait_for("modified (1)");
    pty.send(b"w");
    pty.wait_for("Send this change?");
    pty.send(b"y");
    pty.wait_for("Saved");
    let stored = server.contact("contact_67890").unwrap();
    assert_eq!(stored["is_starred"], false, "the save reached the server");
    pty.send(b"q");
    let screen = pty.wait_for("Open a contact");
    assert!(
        screen.contains("jane smith"),
        "the list as it was left: {screen}"
    );
    pty.send(b"\x03");
    assert_eq!(pty.exit_code(), Some(0));
    pty.assert_restored();
    drop(server);
}

/// A bracketed paste goes into the open field with its newline flattened;
/// it never confirms the field or a dialog.
#[test]
fn a_paste_fills_the_field_and_confirms_nothing() {
    let mut pty = Pty::spawn_sized(&["--demo"], &[("NO_COLOR", "1")], 24, 80);
    pty.wait_for("Lead Score");
    pty.send(b"\r"); // edit Title
    pty.wait_for("keep");
    pty.send(b"\x1b[200~ and Head\r\nof Pasting\r\x1b[201~");
    let screen = pty.wait_for("Head of Pasting");
    assert!(screen.contains("keep"), "the field is still open: {screen}");
    assert!(
        !screen.contains("modified"),
        "nothing committed yet: {screen}"
    );
    pty.send(b"\r");
    pty.wait_for("modified (1)");
    pty.send(b"w");
    pty.wait_for("Send this change?");
    // A paste in the confirmation dialog is not a `y`.
    pty.send(b"\x1b[200~y\r\x1b[201~");
    std::thread::sleep(Duration::from_millis(300));
    let screen = pty.screen();
    assert!(!screen.contains("Saved"), "{screen}");
    assert!(
        screen.contains("Send this change?"),
        "the dialog is still open: {screen}"
    );
    pty.send(b"n");
    pty.send(b"q");
    pty.wait_for("Quit?");
    pty.send(b"d");
    assert_eq!(pty.exit_code(), Some(0));
}

/// Shrinking below the minimum shows why instead of a broken layout;
/// growing again repaints the editor whole.
#[test]
fn a_resize_repaints_and_too_small_says_so() {
    let mut pty = Pty::spawn_sized(&["--demo"], &[("NO_COLOR", "1")], 24, 80);
    pty.wait_for("Lead Score");
    pty.resize(12, 50);
    let small = pty.wait_for("too small");
    assert!(!small.contains("Lead Score"), "{small}");
    pty.resize(30, 100);
    let big = pty.wait_for("Lead Score");
    assert!(!big.contains("too small"), "{big}");
    assert!(big.contains("Jane Smith"), "{big}");
    pty.send(b"q");
    assert_eq!(pty.exit_code(), Some(0));
    pty.assert_restored();
}

/// A window of no size at all is too small too: `?` does not open the help
/// unseen, and Ctrl-C quits.
#[test]
fn a_zero_by_zero_window_opens_nothing_unseen_and_ctrl_c_quits() {
    let mut pty = Pty::spawn_sized(&["--demo"], &[("NO_COLOR", "1")], 24, 80);
    pty.wait_for("Lead Score");
    pty.resize(0, 0);
    std::thread::sleep(Duration::from_millis(300));
    pty.send(b"?");
    std::thread::sleep(Duration::from_millis(300));
    pty.send(b"\x03");
    assert_eq!(pty.exit_code(), Some(0));
    pty.assert_restored();
}

/// Text from the server with escape sequences (clear screen, an OSC 52
/// clipboard write, an OSC 0 title change) is shown escaped, never sent
/// to the terminal raw; the text around it still shows.
#[test]
fn escape_sequences_from_the_server_never_reach_the_terminal() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(DemoServer::start()).unwrap();
    let hostile = ["\x1b[2J", "\x1b]52;c;cm0gLXJmIH4=\x07", "\x1b]0;pwned\x07"];
    assert!(server.modify_contact("contact_67890", |c| {
        c["first_name"] = format!("Mal{}", hostile[0]).into();
        c["full_name"] = format!("Mal{} Ory{}", hostile[0], hostile[2]).into();
        c["title"] = format!("Head{}of Ops", hostile[1]).into();
    }));
    let mut pty = Pty::spawn_sized(
        &["contact_67890"],
        &[
            ("ROLODEX_BASE_URL", &server.base_url()),
            ("ROLODEX_API_KEY", server.api_key()),
        ],
        24,
        80,
    );
    let screen = pty.wait_for("Lead Score");
    assert!(screen.contains("Mal^[[2J"), "{screen}");
    assert!(screen.contains("Head^[]52;c;cm0g"), "{screen}");
    let raw = pty.text();
    // The program clears the screen itself; the server's clear never follows
    // the server's text.
    assert!(
        !raw.contains("Mal\x1b[2J"),
        "the server's clear reached the terminal"
    );
    for seq in &hostile[1..] {
        assert!(
            !raw.contains(seq),
            "the server's {seq:?} reached the terminal"
        );
    }
    assert!(!raw.contains("\x1b]52"), "no clipboard write at all");
    assert!(!raw.contains("\x1b]0;"), "no title change at all");
    pty.send(b"q");
    assert_eq!(pty.exit_code(), Some(0));
    drop(server);
}

/// With a key shaped like a real one: it is sent to the server, and never
/// shown, logged, written in a draft or printed in the dry run.
#[test]
fn a_real_looking_key_never_leaves_the_request() {
    let key = "rk_live_8f3a9c2e7d1b4a6f9e0c3b5d7a2f4e6c";
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(DemoServer::start_with_key(key)).unwrap();
    let state = fresh_state_dir();
    let state_env = state.to_string_lossy().into_owned();
    let mut pty = Pty::spawn(
        &["contact_67890", "--dry-run"],
        &[
            ("ROLODEX_BASE_URL", &server.base_url()),
            ("ROLODEX_API_KEY", key),
            ("XDG_STATE_HOME", &state_env),
        ],
    );
    pty.wait_for("Lead Score");
    pty.send(b"j ");
    pty.wait_for("modified (1)");
    pty.send(b"w");
    pty.wait_for("Dry run: nothing will be sent");
    pty.send(b"y");
    let preview = pty.wait_for("x-rolodex-api-key");
    assert!(preview.contains("***"), "{preview}");
    assert!(
        server.requests().iter().all(|r| r.method != "PUT"),
        "a dry run sends nothing"
    );
    assert!(
        server.requests().iter().all(|r| r.api_key_ok),
        "the key was used"
    );
    pty.send(b"\x1b");
    pty.wait_for("modified (1)");
    pty.signal(libc::SIGHUP);
    assert_eq!(pty.exit_code(), Some(128 + libc::SIGHUP));
    assert!(!pty.text().contains(key), "the key reached the terminal");

    let root = the_workspace(&state);
    let draft = std::fs::read_to_string(root.join("drafts/contact_67890.json")).expect("draft");
    assert!(
        draft.contains("\"starred\": false"),
        "the edit is in the draft"
    );
    assert!(!draft.contains(key), "the key is in the draft");
    let log = std::fs::read_to_string(root.join("rolodex-tui.log")).expect("log");
    assert!(log.contains("GET"), "requests are logged: {log}");
    assert!(!log.contains(key), "the key is in the log");
    let _ = std::fs::remove_dir_all(&state);
    drop(server);
}

/// No mouse capture unless asked (the terminal's own selection keeps
/// working), and never the keyboard-enhancement protocol, which tmux and
/// older terminals over SSH do not speak.
#[test]
fn the_mouse_is_captured_only_with_the_flag_and_keys_stay_legacy() {
    for (args, captured) in [(&["--demo"][..], false), (&["--demo", "--mouse"][..], true)] {
        let mut pty = Pty::spawn(args, &[]);
        pty.wait_for("Lead Score");
        let raw = pty.text();
        assert_eq!(raw.contains("\x1b[?1000h"), captured, "{args:?}");
        assert!(
            !raw.contains("\x1b[>"),
            "no keyboard-enhancement flags pushed"
        );
        if captured {
            // The wheel moves the selection like ↓.
            pty.send(b"\x1b[<65;10;10M");
            pty.wait_for("▶   Starred");
        }
        pty.send(b"q");
        assert_eq!(pty.exit_code(), Some(0));
        let raw = pty.text();
        if captured {
            assert!(
                raw.contains("\x1b[?1000l"),
                "mouse capture switched off again"
            );
        }
    }
}

/// `rolodex-tui ARGS` without a terminal (for `--history` and `--reset`),
/// with this state folder: its exit code and what it printed.
fn run_plain(args: &[&str], state: &std::path::Path) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rolodex-tui"))
        .args(args)
        .env_remove("ROLODEX_BASE_URL")
        .env_remove("ROLODEX_API_KEY")
        .env("XDG_CONFIG_HOME", "/nonexistent-rolodex-tui-test")
        .env("XDG_STATE_HOME", state)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

/// Two editors on one contact with one state folder (each `--demo` has a
/// server of its own, which does not matter here): the second is told, can
/// only look, and leaves the first one's draft and lock as they were.
#[test]
fn a_second_editor_on_the_same_contact_is_told_and_leaves_the_first_draft_alone() {
    let state = fresh_state_dir();
    let state_env = state.to_string_lossy().into_owned();
    let env = [("XDG_STATE_HOME", state_env.as_str())];
    let drafts = state.join("rolodex-tui/demo/drafts");
    let (draft, lock) = (
        drafts.join("contact_67890.json"),
        drafts.join("contact_67890.lock"),
    );

    let mut first = Pty::spawn(&["--demo"], &env);
    first.wait_for("Lead Score");
    first.send(b"j "); // unstar
    first.wait_for("modified (1)");
    let first_pid = first.child.id();
    assert_eq!(
        std::fs::read_to_string(&lock).expect("the first editor's lock"),
        format!("{first_pid}\n")
    );
    let before = std::fs::read(&draft).expect("the first editor's draft");

    let mut second = Pty::spawn_sized(&["--demo"], &env, 30, 160);
    let notice = second.wait_for("Open in another editor");
    assert!(notice.contains(&format!("{first_pid})")), "{notice}");
    second.send(b"r");
    second.wait_for("READ-ONLY");
    second.send(b"j "); // the same edit, refused
    let screen = second.wait_for("cannot be edited or saved here");
    assert!(!screen.contains("modified"), "{screen}");
    second.send(b"w");
    std::thread::sleep(Duration::from_millis(300));
    assert!(!second.screen().contains("Send this change?"));
    second.send(b"q");
    assert_eq!(second.exit_code(), Some(0));
    second.assert_restored();

    assert_eq!(
        std::fs::read(&draft).unwrap(),
        before,
        "the first editor's draft is intact"
    );
    assert_eq!(
        std::fs::read_to_string(&lock).unwrap(),
        format!("{first_pid}\n"),
        "the lock is still the first editor's"
    );
    let moved: Vec<_> = std::fs::read_dir(&drafts)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".unreadable-") || n.contains(".newer-"))
        .collect();
    assert!(moved.is_empty(), "nothing was moved aside: {moved:?}");

    // The first one goes on as before, and its lock goes with it.
    first.send(b"q");
    first.wait_for("Quit?");
    first.send(b"y");
    assert_eq!(first.exit_code(), Some(0));
    assert!(!lock.exists(), "the lock went with the editor that held it");
    assert_eq!(std::fs::read(&draft).unwrap(), before, "the draft is kept");
    let _ = std::fs::remove_dir_all(&state);
}

/// A lock left by an editor that was killed names a process that no longer
/// runs: the next editor takes it over and offers the draft back.
#[test]
fn a_lock_left_by_a_killed_editor_is_taken_over() {
    let state = fresh_state_dir();
    let state_env = state.to_string_lossy().into_owned();
    let env = [("XDG_STATE_HOME", state_env.as_str())];
    let lock = state.join("rolodex-tui/demo/drafts/contact_67890.lock");

    let mut first = Pty::spawn(&["--demo"], &env);
    first.wait_for("Lead Score");
    first.send(b"j ");
    first.wait_for("modified (1)");
    first.signal(libc::SIGKILL);
    first.exit_code();
    assert!(lock.exists(), "a kill leaves the lock behind");

    let mut next = Pty::spawn(&["--demo"], &env);
    next.wait_for("Restore unsaved changes from");
    assert!(!next.screen().contains("Open in another editor"));
    assert_eq!(
        std::fs::read_to_string(&lock).unwrap(),
        format!("{}\n", next.child.id())
    );
    next.send(b"n");
    next.wait_for("no changes");
    next.send(b"q");
    assert_eq!(next.exit_code(), Some(0));
    assert!(!lock.exists());
    let _ = std::fs::remove_dir_all(&state);
}

/// The demo keeps what was saved until `--demo --reset`, so its history and
/// revert work as they do on a workspace; `--history` says where it looked.
#[test]
fn a_demo_save_is_kept_for_history_and_revert_until_reset() {
    let state = fresh_state_dir();
    let state_env = state.to_string_lossy().into_owned();
    let env = [("XDG_STATE_HOME", state_env.as_str())];
    let root = state.join("rolodex-tui");

    let (code, text) = run_plain(&["--demo", "--history", "contact_67890"], &state);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains(&format!(
            "No saved versions of contact_67890 in the demo's own history, {}",
            root.join("demo/history").display()
        )),
        "{text}"
    );

    let mut pty = Pty::spawn(&["--demo"], &env);
    pty.wait_for("Lead Score");
    pty.send(b"j "); // unstar
    pty.wait_for("modified (1)");
    pty.send(b"w");
    pty.wait_for("Send this change?");
    pty.send(b"y");
    pty.wait_for("Saved");
    pty.send(b"q");
    assert_eq!(pty.exit_code(), Some(0));
    assert!(
        root.join("demo/contacts.json").exists(),
        "the demo's contacts are kept"
    );

    let (code, text) = run_plain(&["--demo", "--history", "contact_67890"], &state);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("Versions of contact_67890 kept before each save"),
        "{text}"
    );
    assert!(text.contains("@1"), "{text}");
    assert!(!text.contains("@2"), "{text}");
    assert!(
        text.contains("Open one to review and save: rolodex-tui --demo --revert contact_67890@N"),
        "the hint names --demo, without which it would go to the workspace: {text}"
    );
    // Without --demo and no workspace set up: no workspace's history to
    // list, and a pointer to the demo's.
    let (code, text) = run_plain(&["--history", "contact_67890"], &state);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("ROLODEX_BASE_URL is not set"), "{text}");
    assert!(
        text.contains("The demo keeps its own history:")
            && text.contains("rolodex-tui --demo --history contact_67890"),
        "{text}"
    );

    // The next run starts from the saved contacts, so there is something
    // to revert.
    let mut pty = Pty::spawn(&["--demo"], &env);
    let screen = pty.wait_for("Lead Score");
    assert!(
        screen.contains("not starred"),
        "the save outlived the run: {screen}"
    );
    pty.send(b"q");
    assert_eq!(pty.exit_code(), Some(0));
    let mut pty = Pty::spawn(&["--demo", "--revert", "contact_67890"], &env);
    let screen = pty.wait_for("Filled with the version kept at");
    assert!(screen.contains("modified (1)"), "{screen}");
    pty.send(b"q");
    pty.wait_for("Quit?");
    pty.send(b"d");
    assert_eq!(pty.exit_code(), Some(0));

    let (code, text) = run_plain(&["--demo", "--reset"], &state);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("were removed"), "{text}");
    assert!(!root.join("demo/contacts.json").exists());
    assert!(root.join("demo/history").exists(), "the history is kept");
    let mut pty = Pty::spawn(&["--demo"], &env);
    pty.wait_for("[x] starred");
    pty.send(b"q");
    assert_eq!(pty.exit_code(), Some(0));
    let (code, text) = run_plain(&["--reset"], &state);
    assert_eq!(code, Some(2), "--reset needs --demo: {text}");
    let _ = std::fs::remove_dir_all(&state);
}

/// A draft cut short (the disk filled up, another version's format) is
/// moved aside, said on screen and explained in the log; the next edit is
/// journaled in its place and the moved file keeps its bytes.
#[test]
fn an_unreadable_draft_is_moved_aside_said_and_logged() {
    let state = fresh_state_dir();
    let state_env = state.to_string_lossy().into_owned();
    let env = [("XDG_STATE_HOME", state_env.as_str())];
    let root = state.join("rolodex-tui/demo");
    let drafts = root.join("drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    let cut =
        b"{\n  \"version\": 2,\n  \"contact_id\": \"contact_67890\",\n  \"saved_at\": \"2026-";
    std::fs::write(drafts.join("contact_67890.json"), cut).unwrap();

    let mut pty = Pty::spawn_sized(&["--demo"], &env, 30, 160);
    let screen = pty.wait_for("The draft could not be read; it was moved to");
    assert!(screen.contains("contact_67890.unreadable-"), "{screen}");
    assert!(!screen.contains("Restore unsaved changes"), "{screen}");
    pty.send(b"j ");
    pty.wait_for("modified (1)");
    pty.send(b"q");
    pty.wait_for("Quit?");
    pty.send(b"y");
    assert_eq!(pty.exit_code(), Some(0));

    let moved: Vec<_> = std::fs::read_dir(&drafts)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("contact_67890.unreadable-"))
        .collect();
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert_eq!(std::fs::read(&moved[0]).unwrap(), cut, "moved, not changed");
    let journaled = std::fs::read_to_string(drafts.join("contact_67890.json")).unwrap();
    assert!(
        journaled.contains("\"starred\": false"),
        "the new edit: {journaled}"
    );
    let log = std::fs::read_to_string(root.join("rolodex-tui.log")).expect("a log");
    assert!(log.contains("moved aside"), "{log}");
    assert!(log.contains("it ends too early"), "the log says why: {log}");
    assert!(
        !log.contains("saved_at"),
        "nothing of the draft quoted: {log}"
    );
    let _ = std::fs::remove_dir_all(&state);
}

/// `set` on a terminal prints the review and asks; `n` sends nothing, `y`
/// saves; and the version it replaced is in the history, so `--revert`
/// in the editor undoes the shell's edit.
#[test]
fn set_on_a_terminal_asks_n_sends_nothing_y_saves_and_revert_undoes_it() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(DemoServer::start()).unwrap();
    let state = fresh_state_dir();
    let state_env = state.to_string_lossy().into_owned();
    let base_url = server.base_url();
    let env = [
        ("ROLODEX_BASE_URL", base_url.as_str()),
        ("ROLODEX_API_KEY", server.api_key()),
        ("XDG_STATE_HOME", state_env.as_str()),
    ];
    let lead_score = || {
        let c = server.contact("contact_67890").expect("the contact");
        c["custom_fields"]
            .as_array()
            .and_then(|l| l.iter().find(|f| f["id"] == "field_123"))
            .map(|f| f["value"].clone())
    };
    let puts = || {
        server
            .requests()
            .iter()
            .filter(|r| r.method == "PUT")
            .count()
    };
    let set = ["set", "contact_67890", "--field", "Lead Score=88"];

    let mut pty = Pty::spawn(&set, &env);
    let screen = pty.wait_for("Send? [y/N]");
    assert!(screen.contains("~ Lead Score: 72 → 88"), "{screen}");
    assert!(
        screen.contains("REPLACES the custom field list with exactly"),
        "{screen}"
    );
    pty.send(b"n\r");
    assert_eq!(pty.exit_code(), Some(1));
    assert!(pty.screen().contains("Nothing was sent."));
    assert_eq!(puts(), 0, "n sends nothing");

    let mut pty = Pty::spawn(&set, &env);
    pty.wait_for("Send? [y/N]");
    pty.send(b"y\r");
    pty.wait_for("Saved contact_67890");
    assert_eq!(pty.exit_code(), Some(0));
    assert_eq!(puts(), 1);
    assert_eq!(lead_score(), Some(serde_json::json!(88)));

    let mut pty = Pty::spawn(&["--revert", "contact_67890"], &env);
    let screen = pty.wait_for("Filled with the version kept at");
    assert!(screen.contains("modified (1)"), "{screen}");
    pty.send(b"w");
    let screen = pty.wait_for("Send this change?");
    assert!(screen.contains("88 → 72"), "{screen}");
    pty.send(b"y");
    pty.wait_for("Saved");
    pty.send(b"q");
    assert_eq!(pty.exit_code(), Some(0));
    assert_eq!(lead_score(), Some(serde_json::json!(72)));
    assert!(!pty.text().contains(server.api_key()));
    let _ = std::fs::remove_dir_all(&state);
}

/// `c` in the Emails pane writes an OSC 52 clipboard request holding the
/// address, base64-encoded, to the real terminal.
#[test]
fn c_sends_the_value_to_the_terminal_clipboard() {
    let mut pty = Pty::spawn(&["--demo"], &[]);
    pty.wait_for("Lead Score");
    pty.send(b"\t");
    let before = pty.written();
    pty.send(b"c");
    pty.wait_for("Copied the address");
    // "jane.smith@oldcompany.com", base64.
    let osc = "\x1b]52;c;amFuZS5zbWl0aEBvbGRjb21wYW55LmNvbQ==\x07";
    assert!(pty.text_since(before).contains(osc), "no OSC 52 request");
    pty.send(b"q");
    assert_eq!(pty.exit_code(), Some(0));
}

/// A login with `LANG=C`: everything the program draws itself is ASCII,
/// across the editor, find, an invalid value, the review, the help and
/// the quit prompt. The only other bytes are the contact's own text.
#[test]
fn under_lang_c_only_the_contacts_own_text_is_not_ascii() {
    let data = rolodex_tui::demo::sample_text_beyond_ascii();
    let mut pty = Pty::spawn_sized(&["--demo"], &[("LANG", "C")], 24, 80);
    pty.wait_for("Lead Score");
    let steps: &[(&[u8], &str)] = &[
        (b"?", "Help: keys"),
        (b"q", "Lead Score"),
        (b"\t\t\t", "Custom fields (1 of"),
        // The find looks in every pane; from Custom fields, it starts there.
        (b"/sta", "in Custom fields"),
        (b"\r", "Down/Up move"),
        (b"g\r", "Lead Score"),
        (b"\x15abc\r", "is not a number"),
        (b"w", "Cannot save yet"),
        (b"u", "Lead Score"),
        (b"\r\x1588\r", "~ Lead Score"),
        (b"w", "Send this change?"),
        (b"n", "Lead Score"),
        (b"q", "Quit?"),
    ];
    pty.walk(steps);
    pty.send(b"y");
    assert!(pty.exit_code().is_some());
    let text = pty.text();
    let drawn: std::collections::BTreeSet<char> = text.chars().filter(|c| !c.is_ascii()).collect();
    let own: Vec<&char> = drawn.iter().filter(|c| !data.contains(c)).collect();
    assert!(own.is_empty(), "drawn under LANG=C: {own:?}");
    assert!(
        drawn.contains(&'東'),
        "the contact's text is shown as it is"
    );
    assert!(
        text.contains("+-") && text.contains("Down/Up"),
        "ASCII boxes and keys"
    );
}

/// `--ascii` asks for the same on a UTF-8 terminal.
#[test]
fn ascii_forces_ascii_on_a_utf8_terminal() {
    let mut pty = Pty::spawn_sized(&["--demo", "--ascii"], &[], 24, 80);
    let screen = pty.wait_for("Down/Up move");
    assert!(
        screen.contains("+ Details =") && !screen.contains('┌'),
        "{screen}"
    );
    pty.send(b"q");
    assert_eq!(pty.exit_code(), Some(0));
}

/// A `[keys]` table in the config file remaps the editor's keys; a bad one
/// stops the program at start with one line naming the file and the fix.
#[test]
fn keys_from_the_config_file_are_used_and_bad_ones_refused() {
    let dir = fresh_state_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config.toml");
    for (table, says) in [
        (
            "[keys]\nreview = [\"u\"]\n",
            "u is bound to both review and undo",
        ),
        ("[keys]\nhalp = \"h\"\n", "no action \"halp\""),
        ("[keys]\nhelp = [\"alt-h\"]\n", "cannot send it"),
        ("[keys]\nhelp = 5\n", "[keys] wants a key such as"),
    ] {
        std::fs::write(&config, table).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_rolodex-tui"))
            .args(["--demo", "--config"])
            .arg(&config)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{table}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains(says) && err.contains("config.toml"), "{err}");
    }
    std::fs::write(&config, "[keys]\nhelp = [\"h\"]\nreview = \"ctrl-o\"\n").unwrap();
    let config = config.display().to_string();
    let mut pty = Pty::spawn_sized(&["--demo", "--config", &config], &[], 24, 80);
    let screen = pty.wait_for("Lead Score");
    let footer = screen.lines().last().unwrap_or_default().to_string();
    assert!(
        footer.contains("Ctrl-O review & save") && footer.ends_with("h help"),
        "{footer}"
    );
    pty.walk(&[
        (b"h", "Help: keys"),
        (b"q", "Ctrl-O review & save"),
        (b"\x0f", "Nothing changed"),
    ]);
    pty.send(b"q");
    assert_eq!(pty.exit_code(), Some(0));
}

#[path = "support/read_only.rs"]
mod read_only;

/// The state folder made read-only after the editor opened: the edit is
/// marked as in memory only, the quit prompt says quitting loses it and
/// writes the draft to `$TMPDIR` instead, `--draft FILE` opens it again,
/// and its save first asks about the history it cannot keep.
#[test]
fn a_read_only_state_folder_sends_the_draft_elsewhere_and_asks_before_saving() {
    let state = fresh_state_dir();
    let elsewhere = fresh_state_dir();
    std::fs::create_dir_all(&elsewhere).unwrap();
    let state_env = state.to_string_lossy().into_owned();
    let tmp_env = elsewhere.to_string_lossy().into_owned();
    let env = [
        ("XDG_STATE_HOME", state_env.as_str()),
        ("TMPDIR", tmp_env.as_str()),
    ];

    let mut pty = Pty::spawn(&["--demo"], &env);
    pty.wait_for("Lead Score");
    let Some(read_only) = read_only::ReadOnly::make(&state.join("rolodex-tui/demo")) else {
        return;
    };
    pty.send(b"\r");
    pty.send(b"\x15Shell Title\r");
    let screen = pty.wait_for("IN MEMORY ONLY");
    assert!(screen.contains("Shell Title"), "{screen}");
    pty.send(b"q");
    let screen = pty.wait_for("Quit?");
    assert!(screen.contains("quitting now loses"), "{screen}");
    assert!(!screen.contains("stays in a draft"), "{screen}");
    pty.send(b"s");
    let screen = pty.wait_for("Write the draft elsewhere");
    assert!(screen.contains(&tmp_env), "$TMPDIR proposed:\n{screen}");
    pty.send(b"\r");
    assert_eq!(pty.exit_code(), Some(0));
    pty.assert_restored();
    let file = elsewhere.join("rolodex-tui-draft-contact_67890.json");
    let file_env = file.to_string_lossy().into_owned();
    assert!(
        pty.text()
            .contains(&format!("rolodex-tui --draft {file_env} opens them again")),
        "said on the way out"
    );

    let mut pty = Pty::spawn(&["--demo", "--draft", &file_env], &env);
    pty.wait_for("Restore unsaved changes from");
    pty.send(b"y");
    pty.wait_for("IN MEMORY ONLY");
    pty.send(b"w");
    pty.wait_for("Send this change?");
    pty.send(b"y");
    let screen = pty.wait_for("Save without history?");
    assert!(screen.contains("--revert cannot put it back"), "{screen}");
    pty.send(b"y");
    let screen = pty.wait_for("Saved");
    assert!(screen.contains("Shell Title"), "{screen}");
    assert!(
        !screen.contains("IN MEMORY ONLY"),
        "nothing unsaved:\n{screen}"
    );
    assert!(
        !screen.contains("could not be removed"),
        "no draft was there to remove:\n{screen}"
    );
    pty.send(b"q");
    assert_eq!(pty.exit_code(), Some(0));
    drop(read_only);
    let _ = std::fs::remove_dir_all(&state);
    let _ = std::fs::remove_dir_all(&elsewhere);
}

/// `set` with a state folder that cannot keep the history: answered y on a
/// terminal it still sends nothing without `--yes` (exit 1), and says why.
#[test]
fn set_without_a_history_sends_nothing_unless_yes() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(DemoServer::start()).unwrap();
    let state = fresh_state_dir();
    std::fs::create_dir_all(state.join("rolodex-tui")).unwrap();
    let state_env = state.to_string_lossy().into_owned();
    let base_url = server.base_url();
    let env = [
        ("ROLODEX_BASE_URL", base_url.as_str()),
        ("ROLODEX_API_KEY", server.api_key()),
        ("XDG_STATE_HOME", state_env.as_str()),
    ];
    let Some(read_only) = read_only::ReadOnly::make(&state.join("rolodex-tui")) else {
        return;
    };
    let mut pty = Pty::spawn(&["set", "contact_67890", "--title", "CTO"], &env);
    pty.wait_for("Send? [y/N]");
    pty.send(b"y\r");
    assert_eq!(pty.exit_code(), Some(1));
    let screen = pty.screen();
    assert!(
        screen.contains("nothing was sent: the version this save replaces cannot be"),
        "{screen}"
    );
    assert!(screen.contains("--yes to save anyway"), "{screen}");
    let puts = server
        .requests()
        .iter()
        .filter(|r| r.method == "PUT")
        .count();
    assert_eq!(puts, 0);
    drop(read_only);
    let _ = std::fs::remove_dir_all(&state);
}

/// With nothing listening at the base URL, the contact list never looks
/// like an empty workspace: at 80×24 it says it could not load, why in
/// plain words, and the key that retries (the user's own, from `[keys]`);
/// quitting then exits 1.
#[test]
fn an_unreachable_server_is_a_list_that_could_not_load_and_exit_1() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let dir = fresh_state_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config.toml");
    std::fs::write(&config, "[keys]\nretry = \"ctrl-t\"\n").unwrap();
    let config = config.display().to_string();
    let base_url = format!("http://{addr}/user-api/v1");
    let mut pty = Pty::spawn_sized(
        &["--config", &config],
        &[
            ("ROLODEX_BASE_URL", &base_url),
            ("ROLODEX_API_KEY", "k-test"),
        ],
        24,
        80,
    );
    let screen = pty.wait_for("Could not load the contacts.");
    assert!(!screen.contains("no contacts"), "{screen}");
    // Every word on screen, whatever line it wrapped onto.
    let words = screen
        .replace('┃', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        words.contains(&format!(
            "nothing is listening at {addr} (connection refused)"
        )),
        "{screen}"
    );
    assert!(words.contains("Ctrl-T tries again."), "{screen}");
    assert!(
        !words.contains("Ctrl-R"),
        "the default, not the user's key:\n{screen}"
    );
    // Retrying against the same closed port fails the same way, still said.
    pty.send(b"\x14");
    std::thread::sleep(Duration::from_millis(300));
    pty.wait_for("Could not load the contacts.");
    pty.send(b"\x03");
    assert_eq!(
        pty.exit_code(),
        Some(1),
        "a list that never loaded is no success"
    );
    pty.assert_restored();
    let _ = std::fs::remove_dir_all(&dir);
}

/// The drafts of the state folder under test, wherever the workspace's
/// folder is: `(path, text)` of each `CONTACT_ID.json` under `workspaces/`.
fn workspace_drafts(state: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = vec![];
    let Ok(workspaces) = std::fs::read_dir(state.join("rolodex-tui/workspaces")) else {
        return found;
    };
    for ws in workspaces.filter_map(Result::ok) {
        let draft = ws.path().join("drafts/contact_67890.json");
        if draft.exists() {
            found.push(draft);
        }
    }
    found
}

/// The same contact id in two workspaces (and in the demo) is two
/// contacts: a draft made in one is offered there only, quitting says how
/// to come back to it, and `--draft FILE` refuses it in another workspace.
#[test]
fn a_draft_made_in_one_workspace_is_offered_there_only() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (a, b) = (
        rt.block_on(DemoServer::start()).unwrap(),
        rt.block_on(DemoServer::start()).unwrap(),
    );
    let state = fresh_state_dir();
    let state_env = state.to_string_lossy().into_owned();
    let (url_a, url_b) = (a.base_url(), b.base_url());
    let env_of = |url: &'static str, key: &'static str| {
        [
            ("ROLODEX_BASE_URL", url),
            ("ROLODEX_API_KEY", key),
            ("XDG_STATE_HOME", state_env.as_str()),
        ]
    };
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let env_a = env_of(leak(url_a.clone()), leak(a.api_key().to_string()));
    let env_b = env_of(leak(url_b.clone()), leak(b.api_key().to_string()));
    let demo_env = [("XDG_STATE_HOME", state_env.as_str())];

    let mut pty = Pty::spawn(&["contact_67890"], &env_a);
    pty.wait_for("Lead Score");
    pty.send(b"j "); // unstar
    pty.wait_for("modified (1)");
    pty.send(b"q");
    pty.wait_for("Quit?");
    pty.send(b"y");
    assert_eq!(pty.exit_code(), Some(0));
    pty.assert_restored();
    assert!(
        pty.text().contains(
            "The unsaved changes to contact_67890 are kept in a draft: rolodex-tui \
             contact_67890 offers them again"
        ),
        "said on the way out: {:?}",
        pty.text_since(pty.text().rfind("\x1b[?1049l").unwrap_or(0))
    );
    let drafts = workspace_drafts(&state);
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    let text = std::fs::read_to_string(&drafts[0]).unwrap();
    assert!(
        text.contains(&format!("\"base_url\": \"{url_a}\"")),
        "{text}"
    );

    // Another workspace, and the demo, with the same contact id: nothing
    // offered.
    for (args, env) in [
        (&["contact_67890"][..], &env_b[..]),
        (&["--demo"][..], &demo_env[..]),
    ] {
        let mut pty = Pty::spawn(args, env);
        pty.wait_for("Lead Score");
        settled(&pty, Duration::from_millis(500));
        let screen = pty.screen();
        assert!(!screen.contains("Restore unsaved"), "{args:?}: {screen}");
        assert!(!screen.contains("modified"), "{args:?}: {screen}");
        pty.send(b"q");
        assert_eq!(pty.exit_code(), Some(0));
        assert!(!pty.text().contains("kept in a draft"), "nothing kept");
    }

    // Its own workspace offers it; leaving the prompt keeps it and says so.
    let mut pty = Pty::spawn(&["contact_67890"], &env_a);
    let screen = pty.wait_for("Restore unsaved changes from");
    assert!(screen.contains("keep it for later and quit"), "{screen}");
    pty.send(b"q");
    assert_eq!(pty.exit_code(), Some(0));
    assert!(
        pty.text()
            .contains("are kept in a draft: rolodex-tui contact_67890 offers them again"),
        "said on the way out"
    );
    assert!(drafts[0].exists(), "kept");

    // The draft file opened elsewhere is refused in one clear line.
    let copy = state.join("copied-draft.json");
    std::fs::copy(&drafts[0], &copy).unwrap();
    let copy_env = copy.to_string_lossy().into_owned();
    for (args, env, not_in) in [
        (
            vec!["--draft", copy_env.as_str()],
            &env_b[..],
            format!("not in the workspace {url_b}"),
        ),
        (
            vec!["--demo", "--draft", copy_env.as_str()],
            &demo_env[..],
            "not in the demo".to_string(),
        ),
    ] {
        let mut pty = Pty::spawn(&args, env);
        assert_eq!(pty.exit_code(), Some(1));
        let screen = pty.screen();
        assert!(
            screen.contains(&format!(
                "rolodex-tui: {copy_env} holds changes made in the workspace {url_a}, {not_in}: \
                 it opens only there"
            )),
            "{screen}"
        );
        assert_eq!(screen.trim().lines().count(), 1, "one line: {screen}");
    }
    let _ = std::fs::remove_dir_all(&state);
}

/// History is listed per workspace, and what an older version left in the
/// shared layout is moved to `unknown-workspace/` and pointed at, never
/// offered as this workspace's.
#[test]
fn history_is_per_workspace_and_the_old_layout_is_set_apart() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (a, b) = (
        rt.block_on(DemoServer::start()).unwrap(),
        rt.block_on(DemoServer::start()).unwrap(),
    );
    let state = fresh_state_dir();
    let root = state.join("rolodex-tui");
    let run = |server: &DemoServer, args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_rolodex-tui"))
            .args(args)
            .env("ROLODEX_BASE_URL", server.base_url())
            .env("ROLODEX_API_KEY", server.api_key())
            .env("XDG_CONFIG_HOME", "/nonexistent-rolodex-tui-test")
            .env("XDG_STATE_HOME", &state)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code(), text)
    };

    // What an older version left: a draft and a kept version, no workspace.
    let old_draft = root.join("drafts/contact_67890.json");
    std::fs::create_dir_all(old_draft.parent().unwrap()).unwrap();
    std::fs::create_dir_all(root.join("history")).unwrap();
    let contact = b.contact("contact_67890").unwrap();
    let form = serde_json::json!({"title": "Old draft title", "starred": true, "emails": [], "fields": []});
    let draft = serde_json::json!({
        "version": 3, "contact_id": "contact_67890", "saved_at": "2026-11-20T09:00:00Z",
        "loaded": contact, "form": form
    });
    std::fs::write(&old_draft, serde_json::to_vec_pretty(&draft).unwrap()).unwrap();
    std::fs::write(
        root.join("history/contact_67890-2026-11-20T09%3A00%3A00Z.json"),
        serde_json::to_vec_pretty(&contact).unwrap(),
    )
    .unwrap();

    let set = ["set", "contact_67890", "--field", "Lead Score=88", "--yes"];
    let (code, text) = run(&a, &set);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("1 draft(s) and 1 saved version(s) from before drafts were kept per workspace were moved to"),
        "{text}"
    );
    assert!(!old_draft.exists(), "moved");
    let unknown = root.join("unknown-workspace");
    assert!(unknown.join("drafts/contact_67890.json").exists());

    let (code, text) = run(&a, &["--history", "contact_67890"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("@1"), "{text}");
    assert!(
        !text.contains("@2"),
        "the old version is not this workspace's: {text}"
    );
    assert!(
        text.contains(
            "1 more version(s) of contact_67890 from before history was kept per workspace are in"
        ),
        "{text}"
    );
    let (code, text) = run(&b, &["--history", "contact_67890"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("No saved versions of contact_67890 in"),
        "{text}"
    );
    assert!(
        text.contains("/rolodex-tui/workspaces/127.0.0.1-"),
        "{text}"
    );

    // Opening the contact points at the old draft but does not offer it.
    let state_env = state.to_string_lossy().into_owned();
    let url = b.base_url();
    let env = [
        ("ROLODEX_BASE_URL", url.as_str()),
        ("ROLODEX_API_KEY", b.api_key()),
        ("XDG_STATE_HOME", state_env.as_str()),
    ];
    let mut pty = Pty::spawn_sized(&["contact_67890"], &env, 30, 220);
    let screen = pty.wait_for("from before drafts were kept per workspace is at");
    assert!(screen.contains("rolodex-tui --draft"), "{screen}");
    assert!(!screen.contains("Restore unsaved"), "{screen}");
    pty.send(b"q");
    assert_eq!(pty.exit_code(), Some(0));

    // Opened with --draft in the workspace the person says it belongs to.
    let file = unknown.join("drafts/contact_67890.json");
    let mut pty = Pty::spawn(&["--draft", &file.to_string_lossy()], &env);
    pty.wait_for("Restore unsaved changes from");
    pty.send(b"y");
    let screen = pty.wait_for("modified");
    assert!(screen.contains("Old draft title"), "{screen}");
    pty.send(b"q");
    pty.wait_for("Quit?");
    pty.send(b"d");
    assert_eq!(pty.exit_code(), Some(0));
    let _ = std::fs::remove_dir_all(&state);
}

/// The folder of the one workspace a test's state folder has (its
/// drafts, history and log).
fn the_workspace(state: &std::path::Path) -> std::path::PathBuf {
    let found: Vec<_> = std::fs::read_dir(state.join("rolodex-tui/workspaces"))
        .expect("a workspace folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}
