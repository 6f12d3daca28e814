//! The library side of `cargo xtask`: the port of the reference scorer that
//! `cargo xtask eval` and `cargo xtask score` use. See `src/main.rs` for the
//! commands.

pub mod score;
