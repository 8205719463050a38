//! The shape of the ARN a typed hole stands for: `!GetAtt Queue.Arn` (and `!Ref` of
//! the types whose `Ref` is their ARN) in CloudFormation, `aws_sqs_queue.q.arn` in
//! Terraform. The virtual document writes such a hole as an ARN whose fixed fields are
//! known and whose variable fields are `${...}` placeholders, so resource matching sees
//! an SQS queue ARN where the template says so.
//!
//! Facts, not code: the ARN formats are those of the Service Authorization Reference
//! (the catalog's resource types); which attribute or `Ref` returns the ARN is from the
//! CloudFormation resource reference ("Return values") and the Terraform AWS provider's
//! attribute reference.

/// (CloudFormation type, Terraform type, ARN shape; `{}` is where the hole's own
/// `${name}` goes.)
const SHAPES: &[(&str, &str, &str)] = &[
    (
        "AWS::S3::Bucket",
        "aws_s3_bucket",
        "arn:${AWS.Partition}:s3:::{}",
    ),
    (
        "AWS::SQS::Queue",
        "aws_sqs_queue",
        "arn:${AWS.Partition}:sqs:${AWS.Region}:${AWS.AccountId}:{}",
    ),
    (
        "AWS::SNS::Topic",
        "aws_sns_topic",
        "arn:${AWS.Partition}:sns:${AWS.Region}:${AWS.AccountId}:{}",
    ),
    (
        "AWS::KMS::Key",
        "aws_kms_key",
        "arn:${AWS.Partition}:kms:${AWS.Region}:${AWS.AccountId}:key/{}",
    ),
    (
        "AWS::DynamoDB::Table",
        "aws_dynamodb_table",
        "arn:${AWS.Partition}:dynamodb:${AWS.Region}:${AWS.AccountId}:table/{}",
    ),
    (
        "AWS::Lambda::Function",
        "aws_lambda_function",
        "arn:${AWS.Partition}:lambda:${AWS.Region}:${AWS.AccountId}:function:{}",
    ),
    (
        "AWS::IAM::Role",
        "aws_iam_role",
        "arn:${AWS.Partition}:iam::${AWS.AccountId}:role/{}",
    ),
    (
        "AWS::IAM::User",
        "aws_iam_user",
        "arn:${AWS.Partition}:iam::${AWS.AccountId}:user/{}",
    ),
    (
        "AWS::Kinesis::Stream",
        "aws_kinesis_stream",
        "arn:${AWS.Partition}:kinesis:${AWS.Region}:${AWS.AccountId}:stream/{}",
    ),
    (
        "AWS::SecretsManager::Secret",
        "aws_secretsmanager_secret",
        "arn:${AWS.Partition}:secretsmanager:${AWS.Region}:${AWS.AccountId}:secret:{}",
    ),
    (
        "AWS::StepFunctions::StateMachine",
        "aws_sfn_state_machine",
        "arn:${AWS.Partition}:states:${AWS.Region}:${AWS.AccountId}:stateMachine:{}",
    ),
    (
        "AWS::ECR::Repository",
        "aws_ecr_repository",
        "arn:${AWS.Partition}:ecr:${AWS.Region}:${AWS.AccountId}:repository/{}",
    ),
    (
        "AWS::Logs::LogGroup",
        "aws_cloudwatch_log_group",
        "arn:${AWS.Partition}:logs:${AWS.Region}:${AWS.AccountId}:log-group:{}",
    ),
    (
        "AWS::Events::EventBus",
        "aws_cloudwatch_event_bus",
        "arn:${AWS.Partition}:events:${AWS.Region}:${AWS.AccountId}:event-bus/{}",
    ),
];

/// CloudFormation types whose `Ref` returns the resource's ARN.
const REF_IS_ARN: &[&str] = &[
    "AWS::SNS::Topic",
    "AWS::SecretsManager::Secret",
    "AWS::StepFunctions::StateMachine",
];

/// The ARN shape for a CloudFormation or Terraform resource type, if known.
pub fn shape(resource_type: &str) -> Option<&'static str> {
    SHAPES
        .iter()
        .find(|(cfn, tf, _)| *cfn == resource_type || *tf == resource_type)
        .map(|(_, _, s)| *s)
}

/// Whether `!Ref` of a resource of this CloudFormation type is its ARN.
pub fn ref_is_arn(resource_type: &str) -> bool {
    REF_IS_ARN.contains(&resource_type)
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;

    /// Each shape, with its holes filled as the virtual document writes them, is an ARN
    /// of exactly the intended resource type of the catalog.
    #[test]
    fn every_shape_is_an_arn_of_its_resource_type() {
        let catalog = Catalog::builtin();
        let want = [
            "bucket",
            "queue",
            "topic",
            "key",
            "table",
            "function",
            "role",
            "user",
            "stream",
            "Secret",
            "statemachine",
            "repository",
            "log-group",
            "event-bus",
        ];
        assert_eq!(super::SHAPES.len(), want.len());
        for ((cfn, tf, s), want) in super::SHAPES.iter().zip(want) {
            assert!(
                cfn.starts_with("AWS::") && tf.starts_with("aws_"),
                "{cfn} {tf}"
            );
            assert_eq!(s.matches("{}").count(), 1, "{s}");
            let arn = s.replace("{}", "${R.Arn}");
            let service = arn.split(':').nth(2).unwrap_or_default();
            let types: Vec<&str> = catalog
                .resource_types_for_arn(service, &arn)
                .iter()
                .map(|t| t.name.as_str())
                .collect();
            assert!(types.contains(&want), "{arn}: {types:?}");
        }
        assert!(super::REF_IS_ARN.iter().all(|t| super::shape(t).is_some()));
    }
}
