//! Rules of the host files (CloudFormation YAML, Terraform) that hold policies.

pub mod hcl_syntax;
pub mod not_analysed;
pub mod yaml_syntax;
