/**
 * ModelInvocationLogging: Bedrock model invocation logging for the account and region, to
 * CloudWatch Logs (KMS-encrypted, with retention) and/or S3, with the service role Bedrock uses,
 * trusted only for this account's Bedrock (`aws:SourceAccount`, `aws:SourceArn`). There is one
 * logging configuration per account and region: create this once.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { fail, who } from "../common/errors";
import { checkOwnership } from "../common/ownership";
import { awsContext, type AwsContextArgs } from "../common/context";
import { known, knownTags, withOwnership, type Tags } from "../common/inputs";
import { bedrockLoggingRolePolicy, bedrockLoggingTrustPolicy, checkRetention, logGroupKeyPolicy } from "./documents";

export const DEFAULT_LOG_GROUP = "/aws/bedrock/model-invocations";

export interface ModelInvocationLoggingArgs extends AwsContextArgs {
  /** Deliver to CloudWatch Logs. Give this, `s3`, or both. */
  readonly cloudWatch?: {
    /** @default "/aws/bedrock/model-invocations" */
    readonly logGroupName?: string;
    /** @default 365 */
    readonly retentionInDays?: number;
    /** Existing KMS key ARN for the log group (its policy must allow CloudWatch Logs). @default a new key with rotation */
    readonly kmsKeyArn?: pulumi.Input<string>;
    /** Bucket for payloads larger than CloudWatch accepts. */
    readonly largeDataBucket?: { readonly bucketName: pulumi.Input<string>; readonly keyPrefix?: pulumi.Input<string> };
  };
  /** Deliver to S3 (the bucket policy must allow bedrock.amazonaws.com: see bedrockLogDeliveryBucketStatement). */
  readonly s3?: { readonly bucketName: pulumi.Input<string>; readonly keyPrefix?: pulumi.Input<string> };
  /** What to log. @default all true */
  readonly deliver?: { readonly text?: boolean; readonly image?: boolean; readonly embedding?: boolean; readonly video?: boolean };
  /** Tag `owner`. Required. */
  readonly owner: pulumi.Input<string>;
  /** Tag `purpose`. Required. */
  readonly purpose: pulumi.Input<string>;
  readonly tags?: Tags;
}

export class ModelInvocationLogging extends pulumi.ComponentResource {
  public readonly configuration: aws.bedrockmodel.InvocationLoggingConfiguration;
  public readonly logGroup?: aws.cloudwatch.LogGroup;
  public readonly role?: aws.iam.Role;
  public readonly key?: aws.kms.Key;
  /** Where logs go, e.g. `cloudwatch:/aws/bedrock/model-invocations`, `s3:bucket/prefix`. */
  public readonly destinations: pulumi.Output<string[]>;
  public readonly trustPolicy?: pulumi.Output<string>;
  public readonly rolePolicy?: pulumi.Output<string>;

  constructor(name: string, args: ModelInvocationLoggingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ai-access-guard:logging:ModelInvocationLogging", name, {}, opts);
    const s = who("ModelInvocationLogging", name);
    checkOwnership(s, known(args.owner) ?? (args.owner === undefined ? undefined : "?"), known(args.purpose) ?? (args.purpose === undefined ? undefined : "?"), knownTags(args.tags));
    if (!args.cloudWatch && !args.s3) fail(s, "give cloudWatch, s3 or both: invocation logging needs a destination");
    const tags = withOwnership(args.tags, args.owner, args.purpose);
    const ctx = awsContext(this, args);
    const destinations: pulumi.Input<string>[] = [];
    let cloudwatchConfig: aws.types.input.bedrockmodel.InvocationLoggingConfigurationLoggingConfigCloudwatchConfig | undefined;
    const dependsOn: pulumi.Resource[] = [];

    if (args.cloudWatch) {
      const cw = args.cloudWatch;
      const groupName = cw.logGroupName ?? DEFAULT_LOG_GROUP;
      if (!/^[\w\-./#]{1,512}$/.test(groupName)) fail(s, `cloudWatch.logGroupName ${JSON.stringify(groupName)} is not a log group name`);
      const retention = checkRetention(s, cw.retentionInDays ?? 365);
      let kmsKeyArn = cw.kmsKeyArn;
      if (kmsKeyArn === undefined) {
        const policy = pulumi.all([ctx.partition, ctx.accountId, ctx.region]).apply(([p, a, r]) => JSON.stringify(logGroupKeyPolicy(p, a, r, groupName)));
        this.key = new aws.kms.Key(`${name}-key`, { description: `Encrypts Bedrock model invocation logs in ${groupName} (ai-access-guard)`, enableKeyRotation: true, deletionWindowInDays: 30, policy, tags }, { parent: this });
        kmsKeyArn = this.key.arn;
      }
      this.logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, { name: groupName, retentionInDays: retention, kmsKeyId: kmsKeyArn, tags }, { parent: this });
      const large = cw.largeDataBucket;
      this.trustPolicy = pulumi.all([ctx.partition, ctx.accountId, ctx.region]).apply(([p, a, r]) => JSON.stringify(bedrockLoggingTrustPolicy(p, a, r)));
      this.rolePolicy = pulumi
        .all([ctx.partition, ctx.accountId, ctx.region, large?.bucketName, large?.keyPrefix])
        .apply(([p, a, r, bucketName, keyPrefix]) =>
          JSON.stringify(bedrockLoggingRolePolicy({ partition: p, account: a, region: r, logGroupName: groupName, largeDataBucket: bucketName ? { bucketName, keyPrefix } : undefined })),
        );
      this.role = new aws.iam.Role(
        `${name}-role`,
        { description: "Bedrock writes model invocation logs with this role (ai-access-guard)", assumeRolePolicy: this.trustPolicy, maxSessionDuration: 3600, tags },
        { parent: this },
      );
      dependsOn.push(new aws.iam.RolePolicy(`${name}-role-policy`, { role: this.role.name, policy: this.rolePolicy }, { parent: this }));
      cloudwatchConfig = { logGroupName: this.logGroup.name, roleArn: this.role.arn, largeDataDeliveryS3Config: large ? { bucketName: large.bucketName, keyPrefix: large.keyPrefix } : undefined };
      destinations.push(`cloudwatch:${groupName}`);
    }
    if (args.s3) destinations.push(pulumi.interpolate`s3:${args.s3.bucketName}${args.s3.keyPrefix ? pulumi.interpolate`/${args.s3.keyPrefix}` : ""}`);
    const d = args.deliver ?? {};
    this.configuration = new aws.bedrockmodel.InvocationLoggingConfiguration(
      `${name}-configuration`,
      {
        region: args.region,
        loggingConfig: {
          cloudwatchConfig,
          s3Config: args.s3 ? { bucketName: args.s3.bucketName, keyPrefix: args.s3.keyPrefix } : undefined,
          textDataDeliveryEnabled: d.text ?? true,
          imageDataDeliveryEnabled: d.image ?? true,
          embeddingDataDeliveryEnabled: d.embedding ?? true,
          videoDataDeliveryEnabled: d.video ?? true,
        },
      },
      { parent: this, dependsOn },
    );
    this.destinations = pulumi.output(destinations);
    this.registerOutputs({ destinations: this.destinations, trustPolicy: this.trustPolicy, rolePolicy: this.rolePolicy });
  }
}
