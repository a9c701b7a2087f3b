//! The real binary's answer, as a shell sees it.

use std::time::Duration;

/// Runs `command` (the binary, set up by the test) to its end, at most a
/// minute: its stdout, stderr and exit code.
pub async fn finish(mut command: tokio::process::Command) -> (String, String, i32) {
    command.kill_on_drop(true);
    let output = tokio::time::timeout(Duration::from_secs(60), command.output())
        .await
        .expect("the binary finishes")
        .expect("the binary runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}
