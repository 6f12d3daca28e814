//! Helpers shared by the end-to-end tests in this folder.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// A command running the real `tidings` binary.
///
/// A test crate cannot depend on another package's binary target, so the
/// binary is built once per test process with the same cargo and profile,
/// next to the test executable.
pub fn tidings() -> Command {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    let bin = BIN.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--quiet", "-p", "tidings", "--bin", "tidings"])
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the tidings binary failed");
        let exe = std::env::current_exe().expect("the test executable has a path");
        // target/<profile>/deps/<test>-<hash> → target/<profile>/tidings
        let dir = exe
            .parent()
            .and_then(|deps| deps.parent())
            .expect("tests run from target/<profile>/deps");
        dir.join(format!("tidings{}", std::env::consts::EXE_SUFFIX))
    });
    Command::new(bin)
}

/// Runs `tidings ARGS` with `input` on standard input, and waits for it.
pub fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = tidings()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the tidings binary starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input)
        .expect("tidings reads its input");
    child.wait_with_output().expect("tidings runs to the end")
}
