//! Rules of the host files (CloudFormation YAML, Terraform) that hold policies.

group! {
    yaml_syntax,
    hcl_syntax,
    not_analysed,
}
