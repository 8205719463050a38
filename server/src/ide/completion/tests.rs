//! Completion lists as the client sees them (`check_completion`: the first items in
//! full, then the labels of the rest, in order).

use super::*;
use crate::config::Config;
use crate::ide::test_utils::check_completion;
use expect_test::expect;

#[test]
fn select_is_the_head_of_the_whole_ranking() {
    // The definition: rank every candidate (labels starting with what was typed
    // first, then sort key, then label), drop later duplicates of a label, cut.
    fn by_definition(typed: &str, v: &[(String, String)]) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = v
            .iter()
            .filter(|(l, _)| l.to_ascii_lowercase().contains(typed) || l.starts_with('*'))
            .cloned()
            .collect();
        v.sort_by_key(|(l, s)| {
            (
                !l.to_ascii_lowercase().starts_with(typed),
                s.clone(),
                l.clone(),
            )
        });
        let mut seen = std::collections::HashSet::new();
        v.retain(|(l, _)| seen.insert(l.clone()));
        v.truncate(MAX_ITEMS);
        v
    }
    let catalog = Config::default();
    let mut all: Vec<(String, String)> = Vec::new();
    for (i, k) in catalog.catalog().global_keys().iter().enumerate() {
        all.push((k.name.clone(), format!("{}", i % 3)));
        all.push((k.name.to_uppercase(), "1".into())); // same key, other casing
    }
    all.push(("aws:SourceIp".into(), "0".into())); // a duplicate ranked higher
    all.push(("*".into(), "5".into()));
    assert!(all.len() > 2 * MAX_ITEMS);
    for typed in ["", "aws:", "tag", "source", "zzz", "p"] {
        let mut got = all.clone();
        select(typed, &mut got, |(l, s)| (l, s));
        assert_eq!(got, by_definition(typed, &all), "typed {typed:?}");
    }
}

/// A key real policies use with PutObject (s3:x-amz-server-side-encryption) comes
/// before one they rarely use (aws:SourceIp); unrelated service keys (ec2:) are not
/// offered before typing.
#[test]
fn condition_keys_ranked_by_statement_actions() {
    check_completion(
        r#"//- p.iam.json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*", "Condition": {"StringEquals": {"$0"}}}]}"#,
        expect![[r#"
            90 items, replacing ""
             0 Key      aws:ResourceAccount · String
             1 Key      aws:PrincipalTag/${TagKey} · String => snippet "aws:PrincipalTag/${1:TagKey}"
             2 Key      s3:ResourceAccount · String
             3 Key      aws:CalledVia · String (multi-valued)
             4 Key      aws:ResourceTag/${TagKey} · String => snippet "aws:ResourceTag/${1:TagKey}"
             5 Key      aws:RequestTag/${TagKey} · String => snippet "aws:RequestTag/${1:TagKey}"
             6 Key      aws:SourceAccount · String
             7 Key      s3:DataAccessPointArn · ARN
             8 Key      s3:AccessGrantsInstanceArn · ARN
             9 Key      aws:ResourceOrgID · String
            then: s3:RequestObjectTag/<key>, aws:SourceArn, aws:TagKeys, aws:CalledViaFirst, aws:PrincipalArn,
                aws:PrincipalAccount, s3:x-amz-server-side-encryption, aws:CalledViaLast, aws:RequestedRegion,
                s3:RequestObjectTagKeys, s3:x-amz-acl, s3:x-amz-server-side-encryption-aws-kms-key-id,
                aws:PrincipalType, aws:PrincipalOrgID, s3:authType, s3:signatureversion, aws:UserAgent,
                aws:referer, aws:userid, aws:SecureTransport, aws:ViaAWSService, aws:SourceIp,
                aws:MultiFactorAuthPresent, s3:TlsVersion, aws:PrincipalOrgMasterAccountId,
                aws:IsMcpServiceAction, s3:AccessPointNetworkOrigin, s3:AccessPointTag/${TagKey},
                s3:BucketTag/${TagKey}, s3:DataAccessPointAccount, s3:if-match, s3:if-none-match,
                s3:object-lock-event-hold, s3:object-lock-legal-hold, s3:object-lock-mode,
                s3:x-amz-content-sha256, s3:x-amz-copy-source, s3:x-amz-grant-full-control, s3:x-amz-grant-read,
                s3:x-amz-grant-read-acp, s3:x-amz-grant-write, s3:x-amz-grant-write-acp,
                s3:x-amz-metadata-directive, s3:x-amz-object-annotation-directive,
                s3:x-amz-server-side-encryption-customer-algorithm, s3:x-amz-storage-class,
                s3:x-amz-website-redirect-location, aws:CalledViaAWSMCP, aws:ChatbotSourceArn,
                aws:Ec2InstanceSourceVpc, aws:FederatedProvider, aws:PrincipalOrgPaths,
                aws:PrincipalServiceName, aws:PrincipalServiceNamesList, aws:ResourceOrgPaths,
                aws:SignInSessionArn, aws:SourceIdentity, aws:SourceOrgID, aws:SourceOrgPaths, aws:SourceVpc,
                aws:SourceVpcArn, aws:SourceVpce, aws:VpceAccount, aws:VpceOrgID, aws:VpceOrgPaths,
                aws:username, s3:ObjectCreationOperation, s3:object-lock-event-hold-duration-days,
                s3:object-lock-remaining-retention-days, s3:object-lock-retain-until-date, s3:signatureAge,
                aws:AssumedRoot, aws:CurrentTime, aws:Ec2InstanceSourcePrivateIPv4, aws:EpochTime,
                aws:MultiFactorAuthAge, aws:PrincipalIsAWSService, aws:TokenIssueTime, aws:ViaAWSMCPService,
                aws:VpcSourceIp
        "#]],
    );
}

/// Issue #16's measure: with nothing typed, kms:ViaService among the first 10, the
/// resource-policy staples (aws:SecureTransport, aws:SourceIp, aws:PrincipalOrgID) in
/// the list, no numbered family spread over items (kms:RecipientAttestation:PCR{0..31}
/// is one).
#[test]
fn condition_keys_ranked_by_real_use() {
    check_completion(
        r#"//- p.iam.json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "kms:Decrypt"], "Resource": "*", "Condition": {"StringEquals": {"$0"}}}]}"#,
        expect![[r#"
            81 items, replacing ""
             0 Key      kms:ViaService · String
             1 Key      aws:ResourceAccount · String
             2 Key      kms:EncryptionContext:${EncryptionContextKey} · String => snippet "kms:EncryptionContext:${1:EncryptionContextKey}"
             3 Key      kms:EncryptionContextKeys · String (multi-valued)
             4 Key      aws:ResourceTag/${TagKey} · String => snippet "aws:ResourceTag/${1:TagKey}"
             5 Key      aws:PrincipalTag/${TagKey} · String => snippet "aws:PrincipalTag/${1:TagKey}"
             6 Key      s3:ExistingObjectTag/<key> · String => snippet "s3:ExistingObjectTag/${1:key}"
             7 Key      aws:CalledVia · String (multi-valued)
             8 Key      s3:ResourceAccount · String
             9 Key      aws:RequestTag/${TagKey} · String => snippet "aws:RequestTag/${1:TagKey}"
            then: aws:SourceAccount, aws:SourceArn, aws:CalledViaFirst, aws:TagKeys, s3:DataAccessPointArn,
                aws:ResourceOrgID, aws:PrincipalAccount, kms:ResourceAliases, aws:PrincipalArn,
                aws:CalledViaLast, s3:AccessGrantsInstanceArn, aws:PrincipalOrgID, aws:RequestedRegion,
                kms:CallerAccount, aws:PrincipalType, aws:ViaAWSService, aws:UserAgent, aws:referer, aws:userid,
                aws:SecureTransport, s3:authType, s3:signatureversion, aws:SourceIp, aws:MultiFactorAuthPresent,
                aws:PrincipalOrgMasterAccountId, s3:TlsVersion, aws:IsMcpServiceAction, kms:EncryptionAlgorithm,
                kms:KeyOrigin, kms:KeySpec, kms:KeyUsage, kms:MultiRegionKeyType,
                kms:RecipientAttestation:ImageSha384, kms:RecipientAttestation:NitroTPMPCR{0..23},
                kms:RecipientAttestation:PCR{0..31}, kms:RequestAlias, s3:AccessPointNetworkOrigin,
                s3:AccessPointTag/${TagKey}, s3:BucketTag/${TagKey}, s3:DataAccessPointAccount,
                s3:x-amz-content-sha256, aws:CalledViaAWSMCP, aws:ChatbotSourceArn, aws:Ec2InstanceSourceVpc,
                aws:FederatedProvider, aws:PrincipalOrgPaths, aws:PrincipalServiceName,
                aws:PrincipalServiceNamesList, aws:ResourceOrgPaths, aws:SignInSessionArn, aws:SourceIdentity,
                aws:SourceOrgID, aws:SourceOrgPaths, aws:SourceVpc, aws:SourceVpcArn, aws:SourceVpce,
                aws:VpceAccount, aws:VpceOrgID, aws:VpceOrgPaths, aws:username, kms:MultiRegion,
                s3:signatureAge, aws:AssumedRoot, aws:CurrentTime, aws:Ec2InstanceSourcePrivateIPv4,
                aws:EpochTime, aws:MultiFactorAuthAge, aws:PrincipalIsAWSService, aws:TokenIssueTime,
                aws:ViaAWSMCPService, aws:VpcSourceIp
        "#]],
    );
    // In a bucket policy, the keys of resource policies come first.
    check_completion(
        r#"//- b.s3.json
{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"$0"}}}]}"#,
        expect![[r#"
            100 items, replacing ""
             0 Key      aws:SecureTransport · Bool
             1 Key      aws:MultiFactorAuthPresent · Bool
             2 Key      aws:SourceAccount · String
             3 Key      aws:ResourceAccount · String
             4 Key      aws:ViaAWSService · Bool
             5 Key      aws:SourceArn · ARN
             6 Key      aws:PrincipalArn · ARN
             7 Key      s3:x-amz-server-side-encryption · String
             8 Key      s3:ExistingObjectTag/<key> · String => snippet "s3:ExistingObjectTag/${1:key}"
             9 Key      aws:SourceIp · IPAddress
            then: aws:ResourceTag/${TagKey}, aws:PrincipalTag/${TagKey}, aws:PrincipalAccount, s3:x-amz-acl,
                s3:x-amz-server-side-encryption-aws-kms-key-id, aws:PrincipalType, s3:ResourceAccount,
                aws:RequestTag/${TagKey}, aws:CalledVia, aws:TagKeys, s3:AccessGrantsInstanceArn, s3:prefix,
                aws:UserAgent, aws:referer, aws:userid, aws:CalledViaFirst, s3:DataAccessPointArn,
                aws:ResourceOrgID, aws:CalledViaLast, s3:RequestObjectTag/<key>, aws:RequestedRegion,
                s3:RequestObjectTagKeys, aws:IsMcpServiceAction, aws:PrincipalOrgID, s3:AccessGrantScope,
                s3:AccessGrantsLocationScope, s3:TlsVersion, s3:authType, s3:signatureversion,
                aws:PrincipalOrgMasterAccountId, s3:ObjectCreationOperation, s3:isReplicationPauseRequest,
                aws:AssumedRoot, aws:PrincipalIsAWSService, aws:ViaAWSMCPService, s3:AccessPointNetworkOrigin,
                s3:AccessPointTag/${TagKey}, s3:BucketTag/${TagKey}, s3:DataAccessPointAccount,
                s3:ExistingJobOperation, s3:ExistingJobPriority, s3:InventoryAccessibleOptionalFields,
                s3:JobSuspendedCause, s3:RequestJobOperation, s3:RequestJobPriority, s3:annotation-prefix,
                s3:delimiter, s3:deliverySourceArn, s3:destinationRegion, s3:if-match, s3:if-none-match,
                s3:locationconstraint, s3:logType, s3:max-annotation-results, s3:max-keys,
                s3:object-lock-event-hold, s3:object-lock-event-hold-duration-days, s3:object-lock-legal-hold,
                s3:object-lock-mode, s3:object-lock-remaining-retention-days, s3:object-lock-retain-until-date,
                s3:resourceArnBeingAuthorized, s3:signatureAge, s3:versionid, s3:x-amz-bucket-namespace,
                s3:x-amz-content-sha256, s3:x-amz-copy-source, s3:x-amz-grant-full-control, s3:x-amz-grant-read,
                s3:x-amz-grant-read-acp, s3:x-amz-grant-write, s3:x-amz-grant-write-acp,
                s3:x-amz-metadata-directive, s3:x-amz-object-annotation-directive, s3:x-amz-object-if-match,
                s3:x-amz-object-ownership, s3:x-amz-server-side-encryption-customer-algorithm,
                s3:x-amz-storage-class, s3:x-amz-website-redirect-location, aws:CalledViaAWSMCP,
                aws:ChatbotSourceArn, aws:CurrentTime, aws:Ec2InstanceSourcePrivateIPv4,
                aws:Ec2InstanceSourceVpc, aws:EpochTime, aws:FederatedProvider, aws:MultiFactorAuthAge,
                aws:PrincipalOrgPaths, aws:PrincipalServiceName, aws:PrincipalServiceNamesList
        "#]],
    );
}

#[test]
fn numbered_family_is_one_snippet_until_a_number_is_typed() {
    check_completion(
        r#"//- p.iam.json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:RecipientAttestation:P$0"}}}]}"#,
        expect![[r#"
            1 items, replacing "kms:RecipientAttestation:P"
             0 Key      kms:RecipientAttestation:PCR{0..31} · String · 32 numbered keys, 0 to 31 => snippet "kms:RecipientAttestation:PCR${1:0}"
        "#]],
    );
    // PCR1 and PCR10..19.
    check_completion(
        r#"//- p.iam.json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:RecipientAttestation:PCR1$0"}}}]}"#,
        expect![[r#"
            11 items, replacing "kms:RecipientAttestation:PCR1"
             0 Key      kms:RecipientAttestation:PCR1 · String
             1 Key      kms:RecipientAttestation:PCR10 · String
             2 Key      kms:RecipientAttestation:PCR11 · String
             3 Key      kms:RecipientAttestation:PCR12 · String
             4 Key      kms:RecipientAttestation:PCR13 · String
             5 Key      kms:RecipientAttestation:PCR14 · String
             6 Key      kms:RecipientAttestation:PCR15 · String
             7 Key      kms:RecipientAttestation:PCR16 · String
             8 Key      kms:RecipientAttestation:PCR17 · String
             9 Key      kms:RecipientAttestation:PCR18 · String
            then: kms:RecipientAttestation:PCR19
        "#]],
    );
}

/// s3:GetObject among the first 5 actions and before s3:AbortMultipartUpload; ec2: among
/// the first 10 services, s3: among the first 20 and before a2c:.
#[test]
fn actions_most_used_first() {
    check_completion(
        r#"//- p.iam.json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:$0", "Resource": "*"}]}"#,
        expect![[r#"
            100 items, replacing "s3:"
             0 Action   s3:GetObject · Read
             1 Action   s3:ListBucket · List
             2 Action   s3:PutObject · Write
             3 Action   s3:GetBucketLocation · Read
             4 Action   s3:DeleteObject · Write
             5 Action   s3:ListAllMyBuckets · List
             6 Action   s3:GetObjectVersion · Read
             7 Action   s3:PutObjectAcl · Permissions management
             8 Action   s3:AbortMultipartUpload · Write
             9 Action   s3:CreateBucket · Write
            then: s3:GetObjectAcl, s3:DeleteObjectVersion, s3:GetBucketAcl, s3:ListMultipartUploadParts,
                s3:ListBucketMultipartUploads, s3:GetBucketPolicy, s3:PutBucketPolicy, s3:GetBucketVersioning,
                s3:ListBucketVersions, s3:GetObjectTagging, s3:PutBucketTagging, s3:DeleteBucket,
                s3:PutObjectTagging, s3:GetObjectVersionTagging, s3:GetEncryptionConfiguration,
                s3:PutEncryptionConfiguration, s3:GetReplicationConfiguration, s3:GetBucketTagging,
                s3:PutBucketPublicAccessBlock, s3:PutBucketVersioning, s3:GetAccelerateConfiguration,
                s3:GetObjectVersionAcl, s3:PutLifecycleConfiguration, s3:GetBucketLogging,
                s3:GetLifecycleConfiguration, s3:GetBucketPublicAccessBlock, s3:GetBucketCORS,
                s3:GetBucketNotification, s3:PutBucketCORS, s3:DeleteBucketPolicy,
                s3:GetAccountPublicAccessBlock, s3:PutBucketNotification, s3:ReplicateObject,
                s3:GetBucketObjectLockConfiguration, s3:GetBucketOwnershipControls, s3:PutBucketAcl,
                s3:PutObjectVersionAcl, s3:GetInventoryConfiguration, s3:GetBucketWebsite,
                s3:GetAnalyticsConfiguration, s3:GetIntelligentTieringConfiguration, s3:GetMetricsConfiguration,
                s3:PutBucketLogging, s3:ListMultiRegionAccessPoints, s3:GetBucketAbac,
                s3:GetBucketMetadataTableConfiguration, s3:ListTagsForResource,
                s3:GetObjectVersionForReplication, s3:PutObjectVersionTagging, s3:GetAccessPoint,
                s3:GetBucketPolicyStatus, s3:RestoreObject, s3:ListAccessGrantsInstances,
                s3:PutBucketOwnershipControls, s3:ReplicateDelete, s3:ReplicateTags, s3:GetAccessPointPolicy,
                s3:GetMultiRegionAccessPoint, s3:GetMultiRegionAccessPointPolicy,
                s3:GetMultiRegionAccessPointPolicyStatus, s3:ListAccessPoints, s3:GetAccessPointForObjectLambda,
                s3:GetAccessPointPolicyStatusForObjectLambda, s3:GetStorageLensConfiguration,
                s3:ListStorageLensConfigurations, s3:PutAccelerateConfiguration, s3:PutBucketWebsite,
                s3:GetAccessGrantsInstance, s3:GetAccessGrantsLocation, s3:GetAccessPointPolicyForObjectLambda,
                s3:ListCallerAccessGrants, s3:PutBucketObjectLockConfiguration, s3:PutReplicationConfiguration,
                s3:TagResource, s3:GetAccessGrant, s3:GetAccessPointConfigurationForObjectLambda,
                s3:GetAccessPointPolicyStatus, s3:GetObjectAttributes, s3:GetStorageLensConfigurationTagging,
                s3:GetStorageLensGroup, s3:ListAccessPointsForObjectLambda, s3:PutObjectRetention,
                s3:DeleteBucketWebsite, s3:GetDataAccess, s3:PutInventoryConfiguration, s3:UntagResource,
                s3:ListAccessGrants, s3:ListStorageLensGroups, s3:CreateBucketMetadataTableConfiguration,
                s3:DeleteBucketMetadataTableConfiguration
        "#]],
    );
    check_completion(
        r#"//- p.iam.json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "$0", "Resource": "*"}]}"#,
        expect![[r#"
            100 items, replacing ""
             0 Service  ec2: · Amazon EC2 (retrigger)
             1 Service  s3: · Amazon S3 (retrigger)
             2 Service  iam: · AWS Identity and Access Management (IAM) (retrigger)
             3 Service  sagemaker: · Amazon SageMaker (retrigger)
             4 Service  logs: · Amazon CloudWatch Logs (retrigger)
             5 Service  kms: · AWS Key Management Service (retrigger)
             6 Service  glue: · AWS Glue (retrigger)
             7 Service  lambda: · AWS Lambda (retrigger)
             8 Service  ssm: · AWS Systems Manager (retrigger)
             9 Service  rds: · Amazon RDS (retrigger)
            then: elasticloadbalancing:, cloudformation:, bedrock:, organizations:, datazone:, cloudwatch:,
                iot:, sts:, dynamodb:, events:, secretsmanager:, ecr:, ecs:, sns:, autoscaling:, eks:,
                cloudfront:, athena:, backup:, sqs:, connect:, aws-marketplace:, network-firewall:, route53:,
                cognito-idp:, quicksight:, deadline:, sso:, bedrock-agentcore:, redshift:, sqlworkbench:,
                appsync:, fsx:, cleanrooms:, codecommit:, config:, apigateway:, xray:, elasticache:,
                cloudtrail:, ses:, elasticfilesystem:, lex:, lightsail:, greengrass:, elasticmapreduce:,
                kinesis:, servicecatalog:, aidevops:, redshift-serverless:, mgn:, vpc-lattice:,
                application-autoscaling:, es:, drs:, tag:, iotsitewise:, s3tables:, aoss:, wafv2:, ram:,
                route53resolver:, ds:, appconfig:, lakeformation:, securityhub:, globalaccelerator:, dms:, odb:,
                resource-groups:, securityagent:, acm:, partnercentral:, redshift-data:, codepipeline:,
                gamelift:, networkmanager:, acm-pca:, aps:, guardduty:, proton:, codebuild:, chime:, ce:,
                iotwireless:, states:, databrew:, ivs:, q:, identitystore:
        "#]],
    );
}

#[test]
fn condition_key_in_broken_json() {
    check_completion(
        "//- p.iam.json\n{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"s3:Exi$0\n",
        expect![[r#"
            3 items, replacing "s3:Exi"
             0 Key      s3:ExistingObjectTag/<key> · String => snippet "s3:ExistingObjectTag/${1:key}"
             1 Key      s3:ExistingJobOperation · String
             2 Key      s3:ExistingJobPriority · Numeric
        "#]],
    );
}

#[test]
fn tag_key_templates_are_snippets() {
    check_completion(
        r#"//- p.iam.json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*", "Condition": {"StringEquals": {"aws:Req$0"}}}]}"#,
        expect![[r#"
            2 items, replacing "aws:Req"
             0 Key      aws:RequestTag/${TagKey} · String => snippet "aws:RequestTag/${1:TagKey}"
             1 Key      aws:RequestedRegion · String
        "#]],
    );
}

#[test]
fn operators_and_effect_and_version() {
    check_completion(
        r#"//- p.iam.json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEq$0"}}]}"#,
        expect![[r#"
            12 items, replacing "StringEq"
             0 Operator StringEquals · condition operator
             1 Operator StringEqualsIgnoreCase · condition operator
             2 Operator StringEqualsIfExists · condition operator
             3 Operator StringEqualsIgnoreCaseIfExists · condition operator
             4 Operator ForAllValues:StringEquals · condition operator
             5 Operator ForAnyValue:StringEquals · condition operator
             6 Operator ForAllValues:StringEqualsIfExists · condition operator
             7 Operator ForAnyValue:StringEqualsIfExists · condition operator
             8 Operator ForAllValues:StringEqualsIgnoreCase · condition operator
             9 Operator ForAnyValue:StringEqualsIgnoreCase · condition operator
            then: ForAllValues:StringEqualsIgnoreCaseIfExists, ForAnyValue:StringEqualsIgnoreCaseIfExists
        "#]],
    );
    check_completion(
        r#"//- p.iam.json
{"Statement": [{"Effect": "$0"}]}"#,
        expect![[r#"
            2 items, replacing ""
             0 Value    Allow
             1 Value    Deny
        "#]],
    );
    check_completion(
        r#"//- p.iam.json
{"Version": "$0"}"#,
        expect![[r#"
            2 items, replacing ""
             0 Value    2012-10-17 · current policy language
             1 Value    2008-10-17 · legacy: no policy variables
        "#]],
    );
}

#[test]
fn services_then_actions() {
    check_completion(
        r#"//- p.iam.json
{"Statement": [{"Action": ["s3:GetObj$0"]}]}"#,
        expect![[r#"
            16 items, replacing "s3:GetObj"
             0 Action   s3:GetObject · Read
             1 Action   s3:GetObjectVersion · Read
             2 Action   s3:GetObjectAcl · Read
             3 Action   s3:GetObjectTagging · Read
             4 Action   s3:GetObjectVersionTagging · Read
             5 Action   s3:GetObjectVersionAcl · Read
             6 Action   s3:GetObjectVersionForReplication · Read
             7 Action   s3:GetObjectAttributes · Read
             8 Action   s3:GetObjectLegalHold · Read
             9 Action   s3:GetObjectRetention · Read
            then: s3:GetObjectVersionAttributes, s3:GetObjectVersionTorrent, s3:GetObjectAnnotation,
                s3:GetObjectTorrent, s3:GetObjectVersionAnnotation, s3:GetObjectVersionAnnotationForReplication
        "#]],
    );
    check_completion(
        r#"//- p.iam.json
{"Statement": [{"Action": "kms$0"}]}"#,
        expect![[r#"
            2 items, replacing "kms"
             0 Service  kms: · AWS Key Management Service (retrigger)
             1 Value    * · every action of every service
        "#]],
    );
}

/// Effect but no Principal in an identity policy; Principal but not the Effect already
/// there in a bucket policy.
#[test]
fn element_names_fit_the_kind() {
    check_completion(
        r#"//- p.iam.json
{"Version": "2012-10-17", "Statement": [{"$0"}]}"#,
        expect![[r#"
            7 items, replacing ""
             0 Property Sid · policy element
             1 Property Effect · policy element
             2 Property Action · policy element
             3 Property NotAction · policy element
             4 Property Resource · policy element
             5 Property NotResource · policy element
             6 Property Condition · policy element
        "#]],
    );
    check_completion(
        r#"//- b.bucket-policy.json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", $0}]}"#,
        expect![[r#"
            8 items, replacing ""
             0 Property Sid · policy element => snippet "\"Sid\": \"$1\""
             1 Property Principal · policy element => snippet "\"Principal\": {\n\t\"${1|AWS,Service,Federated,CanonicalUser|}\": \"$2\"\n}"
             2 Property NotPrincipal · policy element => snippet "\"NotPrincipal\": {\n\t\"${1|AWS,Service,Federated,CanonicalUser|}\": \"$2\"\n}"
             3 Property Action · policy element => snippet "\"Action\": [\n\t\"$1\"\n]"
             4 Property NotAction · policy element => snippet "\"NotAction\": [\n\t\"$1\"\n]"
             5 Property Resource · policy element => snippet "\"Resource\": [\n\t\"$1\"\n]"
             6 Property NotResource · policy element => snippet "\"NotResource\": [\n\t\"$1\"\n]"
             7 Property Condition · policy element => snippet "\"Condition\": {\n\t\"$1\": {\n\t\t\"$2\": \"$3\"\n\t}\n}"
        "#]],
    );
}

#[test]
fn values_for_known_keys_and_resources() {
    check_completion(
        r#"//- b.bucket-policy.json
{"Statement": [{"Effect": "Deny", "Action": "s3:PutObject", "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "$0"}}}]}"#,
        expect![[r#"
            3 items, replacing ""
             0 Value    AES256 · SSE-S3: keys managed by S3
             1 Value    aws:kms · SSE-KMS: an AWS KMS key
             2 Value    aws:kms:dsse · DSSE-KMS: dual-layer encryption with KMS
        "#]],
    );
    check_completion(
        r#"//- p.iam.json
{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "$0"}]}"#,
        expect![[r#"
            3 items, replacing ""
             0 Snippet  arn:aws:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName} · s3 accesspointobject => snippet "arn:aws:s3:${1:Region}:${2:Account}:accesspoint/${3:AccessPointName}/object/${4:ObjectName}"
             1 Snippet  arn:aws:s3:::${BucketName}/${ObjectName} · s3 object => snippet "arn:aws:s3:::${1:BucketName}/${2:ObjectName}"
             2 Value    * · every resource
        "#]],
    );
}
