//! Helpers shared by the integration tests: the [`driver::Driver`] that
//! drives the real app through its key map, a session [`fixture`] for the
//! exports, the Markdown reader ([`markdown`]), databases of older schema
//! versions ([`old_db`]), and the pseudo-terminal harness ([`pty`]) for the
//! end-to-end tests.
#![allow(dead_code)]

pub mod driver;
pub mod fixture;
pub mod laptops;
pub mod markdown;
pub mod memory;
pub mod old_db;
pub mod pty;
