//! The release builds the measuring commands need: `bench`, `gen-corpus`,
//! `pathological` and `spark-demo` time or push bytes, which a debug build
//! does ten times slower.

use std::env;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{bail, Context, Result};

/// Set on the release re-run of an xtask command.
const RELEASE_ENV: &str = "TIDINGS_XTASK_RELEASE";

/// Re-runs `cargo xtask TASK ARGS` from a release build of the xtask,
/// unless this is one. True when it re-ran: the caller is then done. Paths
/// in `args` must be absolute, as the re-run starts in the workspace root.
pub(crate) fn rerun_in_release(task: &str, args: &[String]) -> Result<bool> {
    if !cfg!(debug_assertions) {
        return Ok(false);
    }
    if env::var_os(RELEASE_ENV).is_some() {
        eprintln!("{task}: warning: still a debug build; timings mean little");
        return Ok(false);
    }
    println!("{task}: re-running in release mode (cargo run --release -p xtask)");
    let status = Command::new(crate::cargo())
        .args(["run", "--quiet", "--release", "-p", "xtask", "--", task])
        .args(args)
        .env(RELEASE_ENV, "1")
        .current_dir(crate::workspace_root())
        .status()
        .with_context(|| format!("{task}: cannot run cargo"))?;
    if !status.success() {
        bail!("{task}: the release run failed ({status})");
    }
    Ok(true)
}

/// Cargo's target folder: `CARGO_TARGET_DIR` (relative to the workspace
/// root) or `target`.
pub(crate) fn target_dir() -> PathBuf {
    let root = crate::workspace_root();
    env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir))
}

/// Builds `tidings` in release and returns the binary's path.
pub(crate) fn build_tidings(task: &str) -> Result<PathBuf> {
    println!("==> {task}: cargo build --release -p tidings");
    let root = crate::workspace_root();
    let status = Command::new(crate::cargo())
        .args(["build", "--quiet", "--release", "-p", "tidings"])
        .current_dir(&root)
        .status()
        .with_context(|| format!("{task}: cannot run cargo"))?;
    if !status.success() {
        bail!("{task}: `cargo build --release -p tidings` failed ({status})");
    }
    let tidings = target_dir().join("release/tidings");
    if !tidings.is_file() {
        bail!("{task}: the build left no binary at {}", tidings.display());
    }
    Ok(tidings)
}
