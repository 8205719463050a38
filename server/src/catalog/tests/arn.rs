//! ARN formats: resource types found for an ARN, globs, empty fields, joined formats.

use super::*;

#[test]
fn arn_resource_types() {
    let c = cat();
    let rt = |svc: &str, arn: &str| names(&c.resource_types_for_arn(svc, arn));
    // S3 bucket vs object
    assert_eq!(rt("s3", "arn:aws:s3:::my-bucket"), ["bucket"]);
    assert_eq!(rt("s3", "arn:aws:s3:::my-bucket/key.txt"), ["object"]);
    assert_eq!(rt("s3", "arn:aws:s3:::my-bucket/a/b/c.txt"), ["object"]);
    assert_eq!(rt("s3", "arn:aws:s3:::my-bucket/*"), ["object"]);
    assert_eq!(
        rt("s3", "arn:aws:s3:::my-bucket/${aws:username}/*"),
        ["object"]
    );
    let both = rt("s3", "arn:aws:s3:::my-bucket*");
    assert!(both.contains(&"bucket".into()) && both.contains(&"object".into()));
    // IAM role with and without path
    assert_eq!(rt("iam", "arn:aws:iam::123456789012:role/MyRole"), ["role"]);
    assert_eq!(
        rt(
            "iam",
            "arn:aws:iam::123456789012:role/service-role/team/MyRole"
        ),
        ["role"]
    );
    assert_eq!(rt("iam", "arn:aws:iam::123456789012:role/*"), ["role"]);
    assert_eq!(rt("iam", "arn:aws:iam::123456789012:user/alice"), ["user"]);
    // EC2 instance
    assert_eq!(
        rt("ec2", "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc"),
        ["instance"]
    );
    assert_eq!(rt("ec2", "arn:aws:ec2:us-east-1::image/ami-123"), ["image"]);
    // KMS key and alias
    assert_eq!(
        rt(
            "kms",
            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab"
        ),
        ["key"]
    );
    assert_eq!(
        rt("kms", "arn:aws:kms:us-east-1:123456789012:alias/my-alias"),
        ["alias"]
    );
    // Lambda function with and without qualifier
    assert_eq!(
        rt(
            "lambda",
            "arn:aws:lambda:us-east-1:123456789012:function:my-fn"
        ),
        ["function"]
    );
    assert_eq!(
        rt(
            "lambda",
            "arn:aws:lambda:us-east-1:123456789012:function:my-fn:prod"
        ),
        ["function alias", "function version"]
    );
    let q = rt(
        "lambda",
        "arn:aws:lambda:us-east-1:123456789012:function:my-fn*",
    );
    assert!(q.contains(&"function".into()) && q.contains(&"function alias".into()));
}

#[test]
fn arn_resource_types_queues_tables_logs_and_wildcards() {
    let c = cat();
    let rt = |svc: &str, arn: &str| names(&c.resource_types_for_arn(svc, arn));
    // SQS queue
    assert_eq!(
        rt("sqs", "arn:aws:sqs:us-east-1:123456789012:my-queue"),
        ["queue"]
    );
    // DynamoDB table vs index
    assert_eq!(
        rt(
            "dynamodb",
            "arn:aws:dynamodb:us-east-1:123456789012:table/Orders"
        ),
        ["table"]
    );
    assert_eq!(
        rt(
            "dynamodb",
            "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/index/ByDate"
        ),
        ["index"]
    );
    let t = rt(
        "dynamodb",
        "arn:aws:dynamodb:us-east-1:123456789012:table/Orders*",
    );
    assert!(t.contains(&"table".into()) && t.contains(&"index".into()));
    // Logs
    assert_eq!(
        rt(
            "logs",
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn"
        ),
        ["log-group"]
    );
    let lg = rt(
        "logs",
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*",
    );
    assert!(lg.contains(&"log-group".into()) && lg.contains(&"log-stream".into()));
    assert_eq!(rt("kms", "arn:aws:kms:*:*:key/*"), ["key"]);
    assert_eq!(rt("iam", "arn:aws:iam::*:role/*"), ["role"]);
    assert_eq!(rt("s3", "arn:aws:s3:::*/*"), ["object"]);
    // `*` may span `:`, but the most plausible reading wins
    assert_eq!(rt("kms", "arn:aws:kms:*:*:alias/*"), ["alias"]);
    let all_kms = rt("kms", "arn:aws:kms:us-east-1:123456789012:*");
    assert!(all_kms.contains(&"key".into()) && all_kms.contains(&"alias".into()));
    assert_eq!(
        rt("sns", "arn:aws:sns:us-east-1:123456789012:alerts"),
        ["topic"]
    );
    assert_eq!(
        rt(
            "secretsmanager",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"
        ),
        ["Secret"]
    );
    // Service taken from the ARN, wildcard everything, mismatches
    assert_eq!(rt("", "arn:aws:sqs:us-east-1:123456789012:q"), ["queue"]);
    assert_eq!(
        c.resource_types_for_arn("s3", "*").len(),
        c.service("s3").map_or(0, |s| s.resources.len())
    );
    assert!(rt("s3", "arn:aws:s3:us-east-1::bucket").is_empty());
    assert!(rt("kms", "arn:aws:kms:us-east-1:123456789012:keys/x").is_empty());
    assert!(rt("nosuch", "arn:aws:nosuch:::x").is_empty());
}

#[test]
fn arn_wildcards_are_plain_globs() {
    let c = cat();
    let rt = |svc: &str, arn: &str| names(&c.resource_types_for_arn(svc, arn));
    // `*` in the account field spans `:secret`
    assert_eq!(
        rt(
            "secretsmanager",
            "arn:aws:secretsmanager:*:*:sqlworkbench!*"
        ),
        ["Secret"]
    );
    assert_eq!(
        rt(
            "secretsmanager",
            "arn:aws:secretsmanager:us-east-1:111122223333:secret:sqlworkbench!x"
        ),
        ["Secret"]
    );
    // `*` in the account field spans `:log-group`
    let lg = rt("logs", "arn:aws:logs:*:*:/aws-glue/*");
    assert!(lg.contains(&"log-group".into()), "{lg:?}");
    // `?` matches `:` and `/` too
    assert_eq!(
        rt(
            "secretsmanager",
            "arn:aws:secretsmanager:us-east-1:111122223333?secret?x"
        ),
        ["Secret"]
    );
    // precision kept: buckets are not objects and vice versa
    assert_eq!(rt("s3", "arn:aws:s3:::my-bucket"), ["bucket"]);
    assert_eq!(rt("s3", "arn:aws:s3:::my-bucket/*"), ["object"]);
    let lb = c.action("s3", "ListBucket").expect("s3:ListBucket");
    let objs = c.resource_types_for_arn("s3", "arn:aws:s3:::my-bucket/*");
    assert!(!objs
        .iter()
        .any(|r| lb.resource_types.iter().any(|(n, _)| *n == r.name)));
}

#[test]
fn arn_region_and_account_may_be_empty() {
    let c = cat();
    let rt = |svc: &str, arn: &str| names(&c.resource_types_for_arn(svc, arn));
    assert_eq!(
        rt("ssm", "arn:aws:ssm:*::parameter/aws/service/*"),
        ["parameter"]
    );
    assert_eq!(
        rt(
            "ssm",
            "arn:aws:ssm:us-east-1::parameter/aws/service/ami-amazon-linux-latest/x"
        ),
        ["parameter"]
    );
    assert_eq!(
        rt("ssm", "arn:aws:ssm:*::document/AWS-RunShellScript"),
        ["document"]
    );
    assert_eq!(
        rt(
            "resource-explorer-2",
            "arn:aws:resource-explorer-2:*::view/AWSManagedView/*"
        ),
        ["view"]
    );
    let kms = rt("kms", "arn:aws:kms:*::*");
    assert!(kms.contains(&"key".into()) && kms.contains(&"alias".into()));
    // S3 has no region: a region there still matches nothing
    assert!(rt("s3", "arn:aws:s3:us-east-1::bucket").is_empty());
}

#[test]
fn arn_joined_formats_and_aliases() {
    let c = cat();
    let rt = |svc: &str, arn: &str| names(&c.resource_types_for_arn(svc, arn));
    // the source joins two formats of Stage into one string
    let stage = c
        .service("apigateway")
        .and_then(|s| s.resource_type("Stage"))
        .expect("apigateway Stage");
    assert_eq!(stage.arn_formats.len(), 2, "{:?}", stage.arn_formats);
    let hits = rt("apigateway", "arn:aws:apigateway:*::/restapis/*/stages/*");
    assert!(hits.contains(&"Stage".into()), "{hits:?}");
    let set = c.action("apigateway", "SetWebACL").expect("SetWebACL");
    assert!(set.resource_types.iter().any(|(n, _)| n == "Stage"));
    // codestar-connections was renamed codeconnections: ARNs of both names fit
    assert_eq!(
        rt(
            "codestar-connections",
            "arn:aws:codeconnections:us-east-1:111122223333:connection/abc"
        ),
        ["Connection"]
    );
    assert_eq!(
        rt(
            "codeconnections",
            "arn:aws:codestar-connections:*:*:connection/*"
        ),
        ["Connection"]
    );
    assert!(is_service_alias("CodeStar-Connections", "codeconnections"));
    assert!(!is_service_alias("codeconnections", "codeconnections"));
    assert!(rt("s3", "arn:aws:codeconnections:*:*:connection/*").is_empty());
    // the Rust side splits joined formats of user-supplied files too
    assert_eq!(
        split_formats(vec![
            "arn:a:x:::a/${A}, arn:a:x:::b/${B}".into(),
            "arn:a:x:::c,d".into()
        ]),
        ["arn:a:x:::a/${A}", "arn:a:x:::b/${B}", "arn:a:x:::c,d"]
    );
}
