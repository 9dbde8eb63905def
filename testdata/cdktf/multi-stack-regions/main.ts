// One App, two stacks, many ways for a resource to pick its region.
//
// Stack "network-euc1": one default provider in eu-central-1 (construct id "aws-euc1").
// Stack "app-use1": default provider in us-east-1 (construct id "primary") plus alias "dr" in us-west-2
// (construct id "aws-dr"); AWS provider 6 per-resource `region` on some resources; global services
// (IAM, Route 53 zones, WAFv2 with scope CLOUDFRONT); a nested construct instantiated twice; the
// default provider passed explicitly (`provider: primary` -> "provider": "aws").
// The two stacks do not reference each other (no remote state).
import { Construct } from "constructs";
import { App, Fn, LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { Route53ResolverRule } from "@cdktf/provider-aws/lib/route53-resolver-rule";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { Wafv2IpSet } from "@cdktf/provider-aws/lib/wafv2-ip-set";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";

// ---------------------------------------------------------------------------------------------
// Stack 1: network in eu-central-1
// ---------------------------------------------------------------------------------------------

class NetworkStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    new LocalBackend(this, { path: `terraform.${id}.tfstate` });

    new AwsProvider(this, "aws-euc1", {
      region: "eu-central-1",
      defaultTags: [{ tags: { Project: "multi", Stack: id } }],
    });

    const azs = new DataAwsAvailabilityZones(this, "available", { state: "available" });
    new DataAwsPartition(this, "partition", {});
    // aws_region data source with its own `region` argument (provider 6): reports eu-west-1.
    new DataAwsRegion(this, "peer-region", { region: "eu-west-1" });

    const vpc = new Vpc(this, "Core-VPC", {
      cidrBlock: "10.30.0.0/16",
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: "core-euc1" },
    });

    new Subnet(this, "Core-Subnet-a", {
      vpcId: vpc.id,
      cidrBlock: "10.30.1.0/24",
      availabilityZone: Fn.element(azs.names, 0),
    });

    new Subnet(this, "Core-Subnet-b", {
      vpcId: vpc.id,
      cidrBlock: "10.30.2.0/24",
      availabilityZone: Fn.element(azs.names, 1),
    });

    // Route 53 hosted zones are global ...
    new Route53Zone(this, "Internal-Zone", {
      name: "internal.example.com",
      vpc: [{ vpcId: vpc.id, vpcRegion: "eu-central-1" }],
    });

    // ... but Route 53 Resolver is regional.
    new Route53ResolverRule(this, "Internal-System-Rule", {
      domainName: "svc.internal.example.com",
      ruleType: "SYSTEM",
      name: "svc-system",
    });

    const flowLogGroup = new CloudwatchLogGroup(this, "Flow-Log-Group", {
      name: "/vpc/core-euc1/flow-logs",
      retentionInDays: 30,
    });

    const flowLogRole = new IamRole(this, "Flow-Log-Role", {
      name: "core-euc1-flow-logs",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "vpc-flow-logs.amazonaws.com" },
            Action: "sts:AssumeRole",
          },
        ],
      }),
    });

    new FlowLog(this, "Core-VPC-Flow-Log", {
      vpcId: vpc.id,
      trafficType: "ALL",
      logDestination: flowLogGroup.arn,
      iamRoleArn: flowLogRole.arn,
    });

    new TerraformOutput(this, "vpc_id", { value: vpc.id });
  }
}

// ---------------------------------------------------------------------------------------------
// Stack 2: application in us-east-1 with a DR alias in us-west-2
// ---------------------------------------------------------------------------------------------

interface DataStoreProps {
  provider: AwsProvider;
  bucketName: string;
}

// Nested construct: resources get logical ids <Store id>_<Child>_<HASH>, with the provider passed
// explicitly (so the default provider shows up as "provider": "aws").
class DataStore extends Construct {
  public readonly key: KmsKey;
  public readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: DataStoreProps) {
    super(scope, id);

    this.key = new KmsKey(this, "Key", {
      provider: props.provider,
      description: `${props.bucketName} data key`,
      enableKeyRotation: true,
    });

    this.bucket = new S3Bucket(this, "Bucket", {
      provider: props.provider,
      bucket: props.bucketName,
    });

    new S3BucketServerSideEncryptionConfigurationA(this, "Encryption", {
      provider: props.provider,
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: {
            sseAlgorithm: "aws:kms",
            kmsMasterKeyId: this.key.arn,
          },
          bucketKeyEnabled: true,
        },
      ],
    });
  }
}

class AppStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    new LocalBackend(this, { path: `terraform.${id}.tfstate` });

    const primary = new AwsProvider(this, "primary", {
      region: "us-east-1",
      defaultTags: [{ tags: { Project: "multi", Stack: id } }],
    });

    const dr = new AwsProvider(this, "aws-dr", {
      alias: "dr",
      region: "us-west-2",
      defaultTags: [{ tags: { Project: "multi", Stack: id, Purpose: "dr" } }],
    });

    // Data sources.
    const current = new DataAwsCallerIdentity(this, "current", {});
    const drRegion = new DataAwsRegion(this, "dr-region", { provider: dr });
    const assumeRole = new DataAwsIamPolicyDocument(this, "app-assume-role", {
      statement: [
        {
          effect: "Allow",
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }],
        },
      ],
    });

    // IAM is global, whichever provider creates it.
    new IamRole(this, "App-Role", {
      name: "multi-app",
      assumeRolePolicy: assumeRole.json,
    });

    new IamPolicy(this, "Dr-Replication-Policy", {
      provider: dr,
      name: "multi-dr-replication",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["s3:ReplicateObject"],
            Resource: `arn:aws:s3:::multi-dr-${drRegion.region}-${current.accountId}/*`,
          },
        ],
      }),
    });

    // Default provider passed explicitly: "provider": "aws", us-east-1.
    const appKey = new KmsKey(this, "App-KMS-Key", {
      provider: primary,
      description: "multi app key (us-east-1)",
      enableKeyRotation: true,
    });

    // No provider, no region: us-east-1.
    new S3Bucket(this, "App-Bucket", {
      bucket: `multi-app-${current.accountId}`,
    });

    // Default provider (us-east-1) but per-resource region eu-west-1.
    const logsBucket = new S3Bucket(this, "Logs-Bucket", {
      region: "eu-west-1",
      bucket: `multi-logs-euw1-${current.accountId}`,
    });

    // Lands in eu-west-1 (own region), encrypted with the us-east-1 App-KMS-Key.
    new S3BucketServerSideEncryptionConfigurationA(this, "Logs-Bucket-Encryption", {
      region: "eu-west-1",
      bucket: logsBucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: {
            sseAlgorithm: "aws:kms",
            kmsMasterKeyId: appKey.arn,
          },
        },
      ],
    });

    // Alias, no region: us-west-2.
    new S3Bucket(this, "Dr-Bucket", {
      provider: dr,
      bucket: `multi-dr-bucket-${current.accountId}`,
    });

    // Nested construct, twice: once with the default provider passed explicitly, once on the alias.
    new DataStore(this, "Primary-Store", {
      provider: primary,
      bucketName: `multi-primary-store-${current.accountId}`,
    });
    const drStore = new DataStore(this, "Dr-Store", {
      provider: dr,
      bucketName: `multi-dr-store-${current.accountId}`,
    });

    // Alias (us-west-2) with its own region ap-southeast-2, encrypted with the us-west-2 Dr-Store key.
    new SqsQueue(this, "Dr-Queue", {
      provider: dr,
      region: "ap-southeast-2",
      name: "multi-dr-events",
      kmsMasterKeyId: drStore.key.arn,
    });

    // WAFv2 with scope CLOUDFRONT is global; this one is created through the us-west-2 alias.
    new Wafv2WebAcl(this, "Edge-WAF", {
      provider: dr,
      name: "multi-edge",
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudwatchMetricsEnabled: true,
        metricName: "multi-edge",
        sampledRequestsEnabled: true,
      },
      rule: [
        {
          name: "aws-common",
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managed_rule_group_statement: {
              name: "AWSManagedRulesCommonRuleSet",
              vendor_name: "AWS",
            },
          },
          visibilityConfig: {
            cloudwatchMetricsEnabled: true,
            metricName: "aws-common",
            sampledRequestsEnabled: true,
          },
        },
      ],
    });

    // CLOUDFRONT-scoped IP set on the default provider: global.
    new Wafv2IpSet(this, "Edge-Blocklist", {
      name: "multi-edge-blocklist",
      scope: "CLOUDFRONT",
      ipAddressVersion: "IPV4",
      addresses: ["192.0.2.0/24"],
    });

    // REGIONAL scope on the alias: us-west-2.
    new Wafv2WebAcl(this, "Regional-WAF", {
      provider: dr,
      name: "multi-regional",
      scope: "REGIONAL",
      defaultAction: { block: {} },
      visibilityConfig: {
        cloudwatchMetricsEnabled: false,
        metricName: "multi-regional",
        sampledRequestsEnabled: false,
      },
    });

    new TerraformOutput(this, "dr_region", { value: drRegion.region });
    new TerraformOutput(this, "logs_bucket", { value: logsBucket.bucket });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new NetworkStack(app, "network-euc1");
new AppStack(app, "app-use1");
app.synth();
