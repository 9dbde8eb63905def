// The secure-infra-single-region story of shared/corpus/cdktf (its main.ts, with a
// LocalBackend instead of the S3 one): one KMS key whose policy has only the root
// statement, used by an encrypted CloudWatch log group and an encrypted CloudTrail
// trail. kms-key-policy-service-grant: two findings on the key (logs.us-east-1 and
// cloudtrail principals). CDKTF-only case: the addresses are CDKTF logical ids.
// Secure infrastructure stack, as first written: single region, no backup, incomplete KMS and CloudTrail wiring.
// Single AWS provider (us-east-1), KMS key with only the root-account statement,
// CloudWatch log group + CloudTrail trail encrypted with that key, a log bucket
// without any bucket policy, and no AWS Backup resources at all.
import { Construct } from "constructs";
import { App, LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";

interface SecureInfraConfig {
  region: string;
  environment: string;
  projectName: string;
  vpcCidr: string;
}

class SecureInfrastructureStack extends TerraformStack {
  constructor(scope: Construct, id: string, config: SecureInfraConfig) {
    super(scope, id);

    new LocalBackend(this, { path: `terraform.${id}.tfstate` });

    const prefix = `${config.projectName}-${config.environment}`;

    new AwsProvider(this, "aws", {
      region: config.region,
      defaultTags: [
        {
          tags: {
            Project: config.projectName,
            Environment: config.environment,
            ManagedBy: "cdktf",
          },
        },
      ],
    });

    const current = new DataAwsCallerIdentity(this, "current", {});

    // KMS key: only the root-account statement, no service grants.
    const kmsKey = new KmsKey(this, "Main-KMS-Key", {
      description: `${prefix} main encryption key`,
      enableKeyRotation: true,
      deletionWindowInDays: 10,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "Enable IAM User Permissions",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${current.accountId}:root` },
            Action: "kms:*",
            Resource: "*",
          },
        ],
      }),
    });

    new KmsAlias(this, "Main-KMS-Alias", {
      name: `alias/${prefix}-main`,
      targetKeyId: kmsKey.keyId,
    });

    // Networking for the database tier.
    const vpc = new Vpc(this, "Main-VPC", {
      cidrBlock: config.vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: `${prefix}-vpc` },
    });

    const privateSubnetA = new Subnet(this, "Private-Subnet-A", {
      vpcId: vpc.id,
      cidrBlock: "10.20.10.0/24",
      availabilityZone: `${config.region}a`,
      tags: { Name: `${prefix}-private-a` },
    });

    const privateSubnetB = new Subnet(this, "Private-Subnet-B", {
      vpcId: vpc.id,
      cidrBlock: "10.20.11.0/24",
      availabilityZone: `${config.region}b`,
      tags: { Name: `${prefix}-private-b` },
    });

    const dbSecurityGroup = new SecurityGroup(this, "DB-Security-Group", {
      name: `${prefix}-db-sg`,
      description: "PostgreSQL access from inside the VPC",
      vpcId: vpc.id,
    });

    new VpcSecurityGroupIngressRule(this, "DB-Ingress-Postgres", {
      securityGroupId: dbSecurityGroup.id,
      description: "PostgreSQL from VPC",
      ipProtocol: "tcp",
      fromPort: 5432,
      toPort: 5432,
      cidrIpv4: config.vpcCidr,
    });

    const dbSubnetGroup = new DbSubnetGroup(this, "DB-Subnet-Group", {
      name: `${prefix}-db-subnets`,
      subnetIds: [privateSubnetA.id, privateSubnetB.id],
    });

    const database = new DbInstance(this, "App-Database", {
      identifier: `${prefix}-postgres`,
      engine: "postgres",
      engineVersion: "15.7",
      instanceClass: "db.t3.medium",
      allocatedStorage: 50,
      storageEncrypted: true,
      kmsKeyId: kmsKey.arn,
      dbSubnetGroupName: dbSubnetGroup.name,
      vpcSecurityGroupIds: [dbSecurityGroup.id],
      username: "appadmin",
      manageMasterUserPassword: true,
      backupRetentionPeriod: 7,
      multiAz: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${prefix}-postgres-final`,
      deletionProtection: true,
    });

    // Log bucket for CloudTrail -- no bucket policy is attached.
    const logBucket = new S3Bucket(this, "Log-Bucket", {
      bucket: `${prefix}-cloudtrail-logs-${current.accountId}`,
      forceDestroy: false,
    });

    new S3BucketVersioningA(this, "Log-Bucket-Versioning", {
      bucket: logBucket.id,
      versioningConfiguration: { status: "Enabled" },
    });

    new S3BucketServerSideEncryptionConfigurationA(this, "Log-Bucket-Encryption", {
      bucket: logBucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: {
            sseAlgorithm: "aws:kms",
            kmsMasterKeyId: kmsKey.arn,
          },
          bucketKeyEnabled: true,
        },
      ],
    });

    new S3BucketPublicAccessBlock(this, "Log-Bucket-PAB", {
      bucket: logBucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });

    // CloudWatch log group for CloudTrail, encrypted with the main key.
    const trailLogGroup = new CloudwatchLogGroup(this, "CloudTrail-Log-Group", {
      name: `/aws/cloudtrail/${prefix}`,
      retentionInDays: 90,
      kmsKeyId: kmsKey.arn,
    });

    const trailLogsRole = new IamRole(this, "CloudTrail-Logs-Role", {
      name: `${prefix}-cloudtrail-logs`,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "sts:AssumeRole",
          },
        ],
      }),
    });

    new IamRolePolicy(this, "CloudTrail-Logs-Role-Policy", {
      name: "cloudtrail-to-cloudwatch",
      role: trailLogsRole.id,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `${trailLogGroup.arn}:*`,
          },
        ],
      }),
    });

    const trail = new Cloudtrail(this, "Main-CloudTrail", {
      name: `${prefix}-trail`,
      s3BucketName: logBucket.id,
      kmsKeyId: kmsKey.arn,
      cloudWatchLogsGroupArn: `${trailLogGroup.arn}:*`,
      cloudWatchLogsRoleArn: trailLogsRole.arn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
    });

    new TerraformOutput(this, "kms_key_arn", { value: kmsKey.arn });
    new TerraformOutput(this, "log_bucket_name", { value: logBucket.bucket });
    new TerraformOutput(this, "cloudtrail_arn", { value: trail.arn });
    new TerraformOutput(this, "database_endpoint", { value: database.endpoint });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new SecureInfrastructureStack(app, "secure-infrastructure", {
  region: "us-east-1",
  environment: "prod",
  projectName: "secure-infra",
  vpcCidr: "10.20.0.0/16",
});
app.synth();
