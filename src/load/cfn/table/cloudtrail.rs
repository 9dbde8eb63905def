//! AWS CloudTrail: trails.

use super::{Row, TAGS, flag, p};

pub const ROWS: &[Row] = &[Row {
    cfn: "AWS::CloudTrail::Trail",
    terraform: "aws_cloudtrail",
    properties: &[
        p("TrailName", "name"),
        p("S3BucketName", "s3_bucket_name"),
        p("S3KeyPrefix", "s3_key_prefix"),
        p("KMSKeyId", "kms_key_id"),
        flag("IsMultiRegionTrail", "is_multi_region_trail"),
        flag(
            "IncludeGlobalServiceEvents",
            "include_global_service_events",
        ),
        flag("EnableLogFileValidation", "enable_log_file_validation"),
        flag("IsLogging", "enable_logging"),
        flag("IsOrganizationTrail", "is_organization_trail"),
        p("CloudWatchLogsLogGroupArn", "cloud_watch_logs_group_arn"),
        p("CloudWatchLogsRoleArn", "cloud_watch_logs_role_arn"),
        p("SnsTopicName", "sns_topic_name"),
        TAGS,
    ],
}];
