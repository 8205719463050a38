//! Rules that enforce the team's governance settings.

pub mod kms_no_root_admin;
pub mod s3_missing_required_encryption;
pub mod s3_missing_secure_transport;
pub mod scp_missing_audit_protection;
