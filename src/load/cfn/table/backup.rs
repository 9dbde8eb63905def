//! AWS Backup: vaults, plans (rules, lifecycles, copy actions) and selections.

use super::{Property, Row, blocks, p};

const LIFECYCLE: &[Property] = &[
    p("MoveToColdStorageAfterDays", "cold_storage_after"),
    p("DeleteAfterDays", "delete_after"),
];

const COPY_ACTION: &[Property] = &[
    p("DestinationBackupVaultArn", "destination_vault_arn"),
    blocks("Lifecycle", "lifecycle", LIFECYCLE),
];

const RULE: &[Property] = &[
    p("RuleName", "rule_name"),
    p("TargetBackupVault", "target_vault_name"),
    p("ScheduleExpression", "schedule"),
    blocks("Lifecycle", "lifecycle", LIFECYCLE),
    blocks("CopyActions", "copy_action", COPY_ACTION),
];

const KEY_VALUE: &[Property] = &[p("ConditionKey", "key"), p("ConditionValue", "value")];

pub const ROWS: &[Row] = &[
    Row {
        cfn: "AWS::Backup::BackupVault",
        terraform: "aws_backup_vault",
        properties: &[
            p("BackupVaultName", "name"),
            p("EncryptionKeyArn", "kms_key_arn"),
            p("BackupVaultTags", "tags"),
        ],
    },
    Row {
        cfn: "AWS::Backup::BackupPlan",
        terraform: "aws_backup_plan",
        properties: &[
            p("BackupPlan.BackupPlanName", "name"),
            blocks("BackupPlan.BackupPlanRule", "rule", RULE),
            p("BackupPlanTags", "tags"),
        ],
    },
    Row {
        cfn: "AWS::Backup::BackupSelection",
        terraform: "aws_backup_selection",
        properties: &[
            p("BackupPlanId", "plan_id"),
            p("BackupSelection.SelectionName", "name"),
            p("BackupSelection.IamRoleArn", "iam_role_arn"),
            p("BackupSelection.Resources", "resources"),
            p("BackupSelection.NotResources", "not_resources"),
            blocks(
                "BackupSelection.ListOfTags",
                "selection_tag",
                &[
                    p("ConditionType", "type"),
                    p("ConditionKey", "key"),
                    p("ConditionValue", "value"),
                ],
            ),
            blocks(
                "BackupSelection.Conditions",
                "condition",
                &[
                    blocks("StringEquals", "string_equals", KEY_VALUE),
                    blocks("StringLike", "string_like", KEY_VALUE),
                    blocks("StringNotEquals", "string_not_equals", KEY_VALUE),
                    blocks("StringNotLike", "string_not_like", KEY_VALUE),
                ],
            ),
        ],
    },
];
