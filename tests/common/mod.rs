//! Helpers shared by the integration tests: the [`driver::Driver`] that
//! drives the real app through its key map, a session [`fixture`] for the
//! exports, the Markdown readers ([`markdown`], and [`pandoc`] where it is
//! installed), databases of older schema versions ([`old_db`]), a database
//! of one person in two sessions ([`people`]), and the pseudo-terminal
//! harness ([`pty`]) for the end-to-end tests.
#![allow(dead_code)]

pub mod app;
pub mod cli;
pub mod driver;
pub mod fixture;
pub mod html;
pub mod laptops;
pub mod markdown;
pub mod memory;
pub mod old_db;
pub mod pandoc;
pub mod people;
pub mod pty;
