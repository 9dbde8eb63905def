//! Amazon CloudWatch: metric alarms (their actions name topics of their own region).

use super::{Row, TAGS, p};

pub const ROWS: &[Row] = &[Row {
    cfn: "AWS::CloudWatch::Alarm",
    terraform: "aws_cloudwatch_metric_alarm",
    properties: &[
        p("AlarmName", "alarm_name"),
        p("AlarmActions", "alarm_actions"),
        p("OKActions", "ok_actions"),
        p("InsufficientDataActions", "insufficient_data_actions"),
        TAGS,
    ],
}];
