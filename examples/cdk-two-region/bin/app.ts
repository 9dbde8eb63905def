// Two-region AWS CDK app, as first written: a primary region (eu-central-1)
// and a disaster-recovery region (us-east-1), with the mistakes that
// examples/cdk-two-region/README.md lists (each marked "MISTAKE" below) next to
// parts done right. Synthesized by scripts/synth-cdk.sh without the cdk CLI and
// without AWS access: every stack has an explicit env, so nothing is looked up.
import { App, ArnFormat, Duration, Stack, StackProps } from "aws-cdk-lib";
import * as backup from "aws-cdk-lib/aws-backup";
import * as events from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as logs from "aws-cdk-lib/aws-logs";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

const ACCOUNT = "111122223333";

class PrimaryStack extends Stack {
  readonly dataKey: kms.Key;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);

    // Right: a customer-managed key with rotation, used in its own region
    // (the backup vault below).
    this.dataKey = new kms.Key(this, "DataKey", {
      alias: "alias/acme-data",
      description: "Primary data key",
      enableKeyRotation: true,
    });

    // MISTAKE (kms-key-policy-service-grant): the key policy is CDK's default
    // (the account root only); nothing grants logs.eu-central-1.amazonaws.com,
    // so CloudWatch Logs cannot use the key for the log group.
    const logsKey = new kms.Key(this, "LogsKey", {
      alias: "alias/acme-logs",
      description: "Application log encryption",
      enableKeyRotation: true,
    });
    new logs.LogGroup(this, "AppLogs", {
      logGroupName: "/acme/app",
      encryptionKey: logsKey,
      retention: logs.RetentionDays.ONE_MONTH,
    });

    // MISTAKE (s3-replication-destination-unknown): replication, added through
    // the L1 escape hatch, goes to a hardcoded bucket name; the replica bucket
    // the Dr stack defines gets a generated name, so the destination is a
    // bucket no stack defines.
    const dataBucket = new s3.Bucket(this, "DataBucket", {
      versioned: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
    });
    const replicaArn = "arn:aws:s3:::acme-dr-replica";
    const replicationRole = new iam.Role(this, "ReplicationRole", {
      assumedBy: new iam.ServicePrincipal("s3.amazonaws.com"),
    });
    replicationRole.addToPolicy(new iam.PolicyStatement({
      actions: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
      resources: [dataBucket.bucketArn],
    }));
    replicationRole.addToPolicy(new iam.PolicyStatement({
      actions: [
        "s3:GetObjectVersionForReplication",
        "s3:GetObjectVersionAcl",
        "s3:GetObjectVersionTagging",
      ],
      resources: [dataBucket.arnForObjects("*")],
    }));
    replicationRole.addToPolicy(new iam.PolicyStatement({
      actions: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
      resources: [`${replicaArn}/*`],
    }));
    const cfnDataBucket = dataBucket.node.defaultChild as s3.CfnBucket;
    cfnDataBucket.replicationConfiguration = {
      role: replicationRole.roleArn,
      rules: [
        {
          id: "to-dr",
          status: "Enabled",
          priority: 1,
          filter: { prefix: "" },
          deleteMarkerReplication: { status: "Disabled" },
          destination: { bucket: replicaArn, storageClass: "STANDARD_IA" },
        },
      ],
    };

    // MISTAKE (backup-copy-same-region): the "DR" copy goes to a vault ARN
    // built with formatArn, which fills in this stack's own region
    // (eu-central-1), not the DR region where acme-dr-vault lives.
    const vault = new backup.BackupVault(this, "Vault", {
      backupVaultName: "acme-primary-vault",
      encryptionKey: this.dataKey,
    });
    const drVault = backup.BackupVault.fromBackupVaultArn(
      this,
      "DrVaultRef",
      this.formatArn({
        service: "backup",
        resource: "backup-vault",
        resourceName: "acme-dr-vault",
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    );
    const plan = new backup.BackupPlan(this, "Plan", {
      backupPlanName: "acme-daily",
      backupVault: vault,
    });
    plan.addRule(new backup.BackupPlanRule({
      ruleName: "DailyWithDrCopy",
      scheduleExpression: events.Schedule.cron({ minute: "0", hour: "3" }),
      deleteAfter: Duration.days(35),
      copyActions: [{ destinationBackupVault: drVault, deleteAfter: Duration.days(35) }],
    }));
    plan.addSelection("Selection", {
      resources: [backup.BackupResource.fromArn(dataBucket.bucketArn)],
    });

    // MISTAKE (iam-wildcard-action): a "break glass" policy that allows every
    // action on every resource.
    const opsRole = new iam.Role(this, "OpsRole", {
      assumedBy: new iam.AccountRootPrincipal(),
      description: "Operators' role",
    });
    new iam.Policy(this, "OpsBreakGlassPolicy", {
      roles: [opsRole],
      statements: [new iam.PolicyStatement({ actions: ["*"], resources: ["*"] })],
    });
  }
}

interface DrStackProps extends StackProps {
  readonly sharedKey: kms.IKey;
}

class DrStack extends Stack {
  constructor(scope: Construct, id: string, props: DrStackProps) {
    super(scope, id, props);

    // Right: the DR region has its own key, with rotation and a key policy
    // statement for CloudWatch Logs in this region; the log group and the
    // backup vault here use it.
    const drKey = new kms.Key(this, "DrKey", {
      alias: "alias/acme-dr",
      description: "DR region key",
      enableKeyRotation: true,
    });
    drKey.addToResourcePolicy(new iam.PolicyStatement({
      sid: "AllowCloudWatchLogs",
      principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
      actions: [
        "kms:Encrypt*",
        "kms:Decrypt*",
        "kms:ReEncrypt*",
        "kms:GenerateDataKey*",
        "kms:Describe*",
      ],
      resources: ["*"],
      conditions: {
        ArnLike: {
          "kms:EncryptionContext:aws:logs:arn":
            `arn:aws:logs:${this.region}:${this.account}:log-group:*`,
        },
      },
    }));
    new logs.LogGroup(this, "DrLogs", {
      logGroupName: "/acme/dr",
      encryptionKey: drKey,
      retention: logs.RetentionDays.ONE_MONTH,
    });
    new backup.BackupVault(this, "DrVault", {
      backupVaultName: "acme-dr-vault",
      encryptionKey: drKey,
    });

    // The bucket the primary's replication was meant to reach (its name is
    // generated, not acme-dr-replica).
    new s3.Bucket(this, "ReplicaBucket", {
      versioned: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
    });

    // MISTAKE (kms-cross-region-reference): the queue in us-east-1 is
    // encrypted with the Primary stack's key from eu-central-1, passed across
    // regions (crossRegionReferences: CDK writes the key ARN to an SSM
    // parameter in us-east-1 and reads it back with a custom resource).
    new sqs.Queue(this, "JobsQueue", {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.sharedKey,
    });
  }
}

const app = new App({
  outdir: process.env.CDK_OUTDIR ?? "cdk.out",
  analyticsReporting: false,
  // What the cdk CLI passes by default: aws:cdk:path metadata on every
  // resource, asset metadata, and no stack traces (paths of the machine that
  // synthesized) in the metadata.
  context: {
    "aws:cdk:enable-path-metadata": true,
    "aws:cdk:enable-asset-metadata": true,
    "aws:cdk:disable-stack-trace": true,
    "aws:cdk:disable-creation-stack-traces": true,
  },
});
const primary = new PrimaryStack(app, "Primary", {
  env: { account: ACCOUNT, region: "eu-central-1" },
});
new DrStack(app, "Dr", {
  env: { account: ACCOUNT, region: "us-east-1" },
  crossRegionReferences: true,
  sharedKey: primary.dataKey,
});
app.synth();
