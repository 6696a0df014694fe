//! tafel: capture what a Multi-Stakeholder Forum's thematic tables say, per
//! action point and policy question, and export it as minutes.

pub mod agenda;
pub mod app;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod error;
pub mod export;
pub mod fsutil;
pub mod gdpr;
pub mod i18n;
pub mod import;
pub mod log;
pub mod paths;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;

pub use error::{Error, Result};
