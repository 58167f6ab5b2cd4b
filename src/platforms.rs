//! The platforms permcheck judges, one folder each.

pub mod azure_devops;
