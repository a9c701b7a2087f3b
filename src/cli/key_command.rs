//! The API key from a command (`--api-key-cmd`, `api_key_cmd`), read as a
//! key and not as a file: its first line only, at most [`MAX_KEY_LINE`]
//! bytes, taken as soon as it arrives. A command that keeps running after
//! that (`echo KEY; sleep 3`) is not waited for: it is stopped and reaped.
//! One that prints nothing is waited for with a notice on stderr, and given
//! up on after a while.
//!
//! The command runs with `sh -c`; its stdin and stderr stay on the terminal
//! so it can prompt (gpg, pass) and explain its own failures. Neither the
//! command's text nor anything it printed is ever echoed: people sometimes
//! put secrets in the one, and the other is the key.

use std::io::{ErrorKind, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The longest first line taken as a key. Real keys are tens of bytes.
pub(crate) const MAX_KEY_LINE: usize = 4096;

/// How long the key command is waited for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KeyWait {
    /// Without a line after this long, say on stderr what is being waited for.
    pub notice_after: Duration,
    /// Without a line after this long, give up.
    pub give_up_after: Duration,
    /// After the line, how long the command may take to exit, so that one
    /// that prints and then fails is still reported as failing.
    pub exit_grace: Duration,
}

/// The waits of a real run.
pub(crate) const KEY_WAIT: KeyWait = KeyWait {
    notice_after: Duration::from_secs(1),
    give_up_after: Duration::from_secs(60),
    exit_grace: Duration::from_millis(200),
};

/// What the command's stdout gave.
enum FirstLine {
    /// A whole line, without its line break.
    Line(Vec<u8>),
    /// The output ended before a line break: all of it.
    Ended(Vec<u8>),
    /// More than [`MAX_KEY_LINE`] bytes without a line break.
    TooLong,
    Unreadable(std::io::Error),
}

/// Runs `cmd` and returns its first line, trimmed (possibly empty only when
/// it is an error). `origin` names where the command came from, for the
/// messages; `notice` is handed the waiting notice, one line.
pub(crate) fn first_line(
    cmd: &str,
    origin: &str,
    wait: &KeyWait,
    notice: &mut dyn FnMut(&str),
) -> Result<String, String> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(Stdio::inherit())
        .stderr(Stdio::inherit())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not be started with sh ({e})"))?;
    let Some(stdout) = child.stdout.take() else {
        stop(&mut child);
        return Err("gave no output to read".to_string());
    };
    let (sender, lines) = mpsc::channel();
    // Reads on a thread of its own so the wait can be timed. If the command
    // left a process behind that holds its output open, the thread waits
    // on it, detached; it ends when that output closes.
    let reader = std::thread::Builder::new()
        .name("key-command".into())
        .spawn(move || {
            let _ = sender.send(read_first_line(stdout));
        });
    if let Err(e) = reader {
        stop(&mut child);
        return Err(format!("could not be read ({e})"));
    }

    let started = Instant::now();
    let mut noticed = false;
    let first = loop {
        let elapsed = started.elapsed();
        if elapsed >= wait.give_up_after {
            break None;
        }
        let until = if noticed {
            wait.give_up_after
        } else {
            wait.notice_after.min(wait.give_up_after)
        };
        match lines.recv_timeout(until.saturating_sub(elapsed)) {
            Ok(first) => break Some(first),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if !noticed && started.elapsed() >= wait.notice_after {
                    noticed = true;
                    notice(&format!(
                        "waiting for {} to print the API key; Ctrl-C cancels",
                        which(cmd, origin)
                    ));
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                break Some(FirstLine::Unreadable(ErrorKind::BrokenPipe.into()));
            }
        }
    };

    match first {
        None => {
            stop(&mut child);
            Err(format!(
                "printed no line in {}; gave up waiting for it",
                seconds(wait.give_up_after)
            ))
        }
        Some(FirstLine::TooLong) => {
            stop(&mut child);
            Err(format!(
                "printed a first line longer than {} KiB, which is not an API key \
                 (nothing more of it was read)",
                MAX_KEY_LINE / 1024
            ))
        }
        Some(FirstLine::Unreadable(e)) => {
            stop(&mut child);
            Err(format!("its output could not be read ({e})"))
        }
        Some(FirstLine::Line(line)) => {
            let status = exit_within(&mut child, wait.exit_grace);
            key_or_failure(&line, status)
        }
        Some(FirstLine::Ended(all)) => {
            // Its output is closed: it has exited, or is about to.
            let left = wait.give_up_after.saturating_sub(started.elapsed());
            let status = exit_within(&mut child, left.max(wait.exit_grace));
            key_or_failure(&all, status)
        }
    }
}

/// The key, unless the command failed or printed only blanks.
fn key_or_failure(line: &[u8], status: Option<ExitStatus>) -> Result<String, String> {
    if let Some(status) = status.filter(|s| !s.success()) {
        return Err(format!(
            "{} (its own message, if any, is above)",
            status_words(Some(status))
        ));
    }
    let key = String::from_utf8_lossy(line).trim().to_string();
    if key.is_empty() {
        return Err(format!(
            "printed no key on its first line ({})",
            status_words(status)
        ));
    }
    Ok(key)
}

fn status_words(status: Option<ExitStatus>) -> String {
    match status.map(|s| s.code()) {
        Some(Some(code)) => format!("exited with status {code}"),
        Some(None) => "was killed by a signal".to_string(),
        None => "it was still running".to_string(),
    }
}

/// Reads up to the first line break, never more than a key's worth.
fn read_first_line(mut from: impl Read) -> FirstLine {
    let mut buf = vec![0u8; MAX_KEY_LINE + 1];
    let mut filled = 0;
    loop {
        if filled == buf.len() {
            return FirstLine::TooLong;
        }
        match from.read(&mut buf[filled..]) {
            Ok(0) => {
                buf.truncate(filled);
                return FirstLine::Ended(buf);
            }
            Ok(n) => {
                if let Some(at) = buf[filled..filled + n].iter().position(|b| *b == b'\n') {
                    buf.truncate(filled + at);
                    return FirstLine::Line(buf);
                }
                filled += n;
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return FirstLine::Unreadable(e),
        }
    }
}

/// The command's exit status if it exits within `grace`; else it is
/// stopped (and reaped), and `None`.
fn exit_within(child: &mut Child, grace: Duration) -> Option<ExitStatus> {
    let until = Instant::now() + grace;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < until => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                stop(child);
                return None;
            }
        }
    }
}

/// Kills the command and reaps it, so no zombie is left behind.
fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// The command as the notice names it: where it came from, and its
/// program's name when that is a plain word (never the rest, which may
/// hold a secret).
fn which(cmd: &str, origin: &str) -> String {
    let program = cmd.split_whitespace().next().filter(|word| {
        word.len() <= 60
            && !word.contains('=')
            && word
                .chars()
                .all(|c| c.is_alphanumeric() || "/._-+".contains(c))
    });
    match program {
        Some(program) => format!("{origin} ({program})"),
        None => origin.to_string(),
    }
}

fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: KeyWait = KeyWait {
        notice_after: Duration::from_millis(100),
        give_up_after: Duration::from_millis(600),
        exit_grace: Duration::from_millis(200),
    };

    fn run(cmd: &str) -> (Result<String, String>, Vec<String>, Duration) {
        let mut notices = Vec::new();
        let started = Instant::now();
        let got = first_line(cmd, "--api-key-cmd", &FAST, &mut |n| {
            notices.push(n.to_string())
        });
        (got, notices, started.elapsed())
    }

    #[test]
    fn the_first_line_is_taken_as_soon_as_it_arrives() {
        let (got, notices, took) = run("echo sk_first; sleep 3");
        assert_eq!(got.as_deref(), Ok("sk_first"));
        assert!(notices.is_empty(), "{notices:?}");
        // The line arrives at once; only the grace for an exit status is
        // waited out, not the sleep.
        assert!(took < Duration::from_millis(1500), "{took:?}");
        let (got, _, took) = run("printf 'sk_no_newline'");
        assert_eq!(got.as_deref(), Ok("sk_no_newline"));
        assert!(took < Duration::from_millis(1500), "{took:?}");
    }

    #[test]
    fn an_endless_first_line_is_too_long_and_never_shown() {
        let (got, _, took) = run("head -c 300000000 /dev/zero");
        let problem = got.expect_err("too long");
        assert!(problem.contains("longer than 4 KiB"), "{problem}");
        assert!(took < Duration::from_millis(1500), "{took:?}");
        let (got, ..) = run("printf 'sk_%.0s' $(seq 2000)");
        let problem = got.expect_err("too long");
        assert!(
            problem.contains("longer than 4 KiB") && !problem.contains("sk_"),
            "{problem}"
        );
        let exactly = format!("printf '%s\\n' {}", "k".repeat(MAX_KEY_LINE));
        assert_eq!(run(&exactly).0.map(|k| k.len()), Ok(MAX_KEY_LINE));
    }

    #[test]
    fn a_silent_command_is_noticed_then_given_up_on_in_one_line() {
        let (got, notices, took) = run("sleep 100");
        let problem = got.expect_err("given up");
        assert_eq!(problem, "printed no line in 0.6 s; gave up waiting for it");
        assert_eq!(
            notices,
            ["waiting for --api-key-cmd (sleep) to print the API key; Ctrl-C cancels"]
        );
        assert!(took < Duration::from_secs(3), "{took:?}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_command_given_up_on_is_killed_and_reaped() {
        let pid_file = std::env::temp_dir().join(format!("rolodex-key-pid-{}", std::process::id()));
        let cmd = format!("echo $$ > '{}'; exec sleep 100", pid_file.display());
        let (got, ..) = run(&cmd);
        assert!(got.is_err());
        let pid = std::fs::read_to_string(&pid_file).unwrap_or_default();
        let _ = std::fs::remove_file(&pid_file);
        let pid = pid.trim();
        assert!(!pid.is_empty());
        // Neither running nor a zombie: no entry is left at all.
        assert!(
            !std::path::Path::new(&format!("/proc/{pid}")).exists(),
            "process {pid} is still there"
        );
        // And one that printed its key and went on running is stopped too.
        let cmd = format!(
            "echo $$ > '{}'; echo sk_k; exec sleep 100",
            pid_file.display()
        );
        assert_eq!(run(&cmd).0.as_deref(), Ok("sk_k"));
        let pid = std::fs::read_to_string(&pid_file).unwrap_or_default();
        let _ = std::fs::remove_file(&pid_file);
        assert!(!std::path::Path::new(&format!("/proc/{}", pid.trim())).exists());
    }

    #[test]
    fn failures_give_the_status_never_the_output() {
        let (got, ..) = run("echo sk_never_shown; exit 3");
        let problem = got.expect_err("failed");
        assert!(problem.contains("status 3"), "{problem}");
        assert!(!problem.contains("sk_never_shown"));
        let (got, ..) = run("exit 2");
        assert!(got.expect_err("failed").contains("status 2"));
        let (got, ..) = run("echo; sleep 3");
        let problem = got.expect_err("empty");
        assert!(problem.contains("no key on its first line"), "{problem}");
        let (got, ..) = run("true");
        assert_eq!(
            got.expect_err("empty"),
            "printed no key on its first line (exited with status 0)"
        );
    }

    #[test]
    fn the_notice_names_the_program_but_not_the_rest_of_the_command() {
        assert_eq!(which("pass show rolodex", "o"), "o (pass)");
        assert_eq!(which("KEY=sk_secret cmd", "o"), "o");
        assert_eq!(which("'quoted' x", "o"), "o");
    }
}
