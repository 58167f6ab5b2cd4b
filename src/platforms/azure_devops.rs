//! Azure DevOps Services and Server.

pub mod acl;
