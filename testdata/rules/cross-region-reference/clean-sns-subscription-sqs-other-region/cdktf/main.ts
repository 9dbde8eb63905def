// CDKTF form of the HCL case: SNS topic in us-east-1, SQS queue (and its policy) in eu-west-1,
// subscription on the topic's side. Cross-region SNS -> SQS delivery is supported.
import { Construct } from "constructs";
import { App, Fn, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";

class Main extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.main.tfstate" });
    new AwsProvider(this, "aws", { region: "us-east-1" });
    const eu = new AwsProvider(this, "aws-eu", { alias: "eu", region: "eu-west-1" });
    const topic = new SnsTopic(this, "events", { name: "events" });
    const queue = new SqsQueue(this, "events_eu", { provider: eu, name: "events-eu" });
    new SnsTopicSubscription(this, "events_eu_sub", {
      topicArn: topic.arn,
      protocol: "sqs",
      endpoint: queue.arn,
    }).overrideLogicalId("events_eu");
    new SqsQueuePolicy(this, "events_eu_policy", {
      provider: eu,
      queueUrl: queue.id,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "sns.amazonaws.com" },
            Action: "sqs:SendMessage",
            Resource: queue.arn,
            Condition: { ArnEquals: { "aws:SourceArn": topic.arn } },
          },
        ],
      }),
    }).overrideLogicalId("events_eu");
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new Main(app, "main");
app.synth();
