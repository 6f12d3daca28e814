//! The inputs of a batch: files, folders walked for dumps, standard input.

use std::fmt;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// One input of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file, by the path to read and the name to report.
    File {
        /// Where to read it.
        path: PathBuf,
        /// How the user can recognise it: the path as given, or joined
        /// under the folder the user gave.
        name: String,
    },
    /// Standard input (`-`).
    Stdin,
}

impl Input {
    /// The name used in output (`source`) and messages.
    pub fn name(&self) -> &str {
        match self {
            Input::File { name, .. } => name,
            Input::Stdin => "-",
        }
    }
}

/// A path that gave no input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputProblem {
    /// The path as given.
    pub path: String,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for InputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// The extension dumps have inside folders.
const DUMP_EXTENSION: &str = "txt";

/// Expands the paths a user gave into inputs, in a stable order: the paths
/// in the order given, each folder's `*.txt` files walked recursively and
/// sorted by name. Paths that give nothing are reported, not fatal.
pub fn collect<S: AsRef<str>>(paths: &[S]) -> (Vec<Input>, Vec<InputProblem>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for given in paths {
        let given = given.as_ref();
        if given == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(given);
        match std::fs::metadata(path) {
            Err(e) => problems.push(InputProblem {
                path: given.to_string(),
                reason: e.to_string(),
            }),
            Ok(meta) if meta.is_dir() => {
                let before = inputs.len();
                walk(path, &mut inputs, &mut problems);
                if inputs.len() == before {
                    problems.push(InputProblem {
                        path: given.to_string(),
                        reason: format!("no *.{DUMP_EXTENSION} dumps in this folder"),
                    });
                }
            }
            Ok(_) => inputs.push(Input::File {
                path: path.to_path_buf(),
                name: given.to_string(),
            }),
        }
    }
    (inputs, problems)
}

fn walk(root: &Path, inputs: &mut Vec<Input>, problems: &mut Vec<InputProblem>) {
    for entry in WalkDir::new(root).follow_links(true).sort_by_file_name() {
        match entry {
            Err(e) => problems.push(InputProblem {
                path: e.path().unwrap_or(root).display().to_string(),
                reason: e.to_string(),
            }),
            Ok(entry) => {
                let is_dump = entry.file_type().is_file()
                    && entry
                        .path()
                        .extension()
                        .is_some_and(|x| x == DUMP_EXTENSION);
                if is_dump {
                    inputs.push(Input::File {
                        path: entry.path().to_path_buf(),
                        name: entry.path().display().to_string(),
                    });
                }
            }
        }
    }
}
