/**
 * AiAuditTrail: a CloudTrail trail that joins token issuance with model and tool calls. Multi-region,
 * log file validation, KMS (a key that only this trail encrypts with), all management events (STS
 * AssumeRole*, Bedrock InvokeModel/Converse, IAM) and the Bedrock and AgentCore data events, delivered
 * to a versioned, encrypted, non-public bucket that keeps logs at least a year (optionally locked).
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { fail, quote, who } from "../common/errors";
import { awsContext, type AwsContextArgs } from "../common/context";
import { checkOwned, withOwnership, type OwnedArgs } from "../common/inputs";
import { AGENTCORE_DATA_EVENT_TYPES, aiEventSelectors, BEDROCK_DATA_EVENT_TYPES, checkTrailRetention, trailBucketPolicy, trailKeyPolicy } from "./documents";

export interface AiAuditTrailArgs extends AwsContextArgs, OwnedArgs {
  /** Trail name. @default the component name */
  readonly trailName?: string;
  /** Bucket name. @default `<trail name>-<account>-audit` */
  readonly bucketName?: string;
  /** Key prefix for log files. @default none */
  readonly keyPrefix?: string;
  /** Days log files are kept (current and previous versions). At least 365 unless allowed. @default 400 */
  readonly retentionDays?: number;
  /** Accept retentionDays under 365. @default false */
  readonly allowRetentionUnderOneYear?: boolean;
  /** Write-once storage: S3 Object Lock with a default retention (COMPLIANCE cannot be shortened by anyone). @default none */
  readonly objectLock?: { readonly mode: "GOVERNANCE" | "COMPLIANCE"; readonly days: number };
  /** Data event resource types. @default every Bedrock and AgentCore type (BEDROCK_DATA_EVENT_TYPES, AGENTCORE_DATA_EVENT_TYPES) */
  readonly dataEventTypes?: readonly string[];
  /**
   * Organisation id (`o-…`): make it an organisation trail that logs every member account (create it
   * in the management or delegated administrator account). @default none (this account only)
   */
  readonly organizationId?: string;
}

export class AiAuditTrail extends pulumi.ComponentResource {
  public readonly trail: aws.cloudtrail.Trail;
  public readonly bucket: aws.s3.Bucket;
  public readonly key: aws.kms.Key;
  public readonly trailArn: pulumi.Output<string>;
  public readonly bucketPolicy: pulumi.Output<string>;
  public readonly keyPolicy: pulumi.Output<string>;

  constructor(name: string, args: AiAuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ai-access-guard:logging:AiAuditTrail", name, {}, opts);
    const s = who("AiAuditTrail", name);
    checkOwned(s, args);
    const trailName = args.trailName ?? name;
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/.test(trailName)) fail(s, `trailName ${quote(trailName)} must be 3-128 letters, digits, '.', '_' or '-'`);
    const retention = checkTrailRetention(s, args.retentionDays ?? 400, args.allowRetentionUnderOneYear);
    if (args.objectLock) {
      if (!["GOVERNANCE", "COMPLIANCE"].includes(args.objectLock.mode)) fail(s, `objectLock.mode must be GOVERNANCE or COMPLIANCE, got ${quote(String(args.objectLock.mode))}`);
      if (!Number.isInteger(args.objectLock.days) || args.objectLock.days < 1) fail(s, `objectLock.days must be a whole number of days, got ${JSON.stringify(args.objectLock.days)}`);
      if (args.objectLock.days > retention) fail(s, `objectLock.days (${args.objectLock.days}) is longer than retentionDays (${retention}); the lifecycle rule could never delete a locked version. Lower objectLock.days or raise retentionDays`);
    }
    if (args.organizationId !== undefined && !/^o-[a-z0-9]{10,32}$/.test(args.organizationId)) fail(s, `organizationId ${quote(String(args.organizationId))} is not an organisation id (o-…)`);
    if (args.keyPrefix !== undefined && !/^[A-Za-z0-9!_.*'()/-]{1,200}$/.test(args.keyPrefix)) fail(s, `keyPrefix ${quote(args.keyPrefix)} is not an S3 key prefix`);
    const selectors = aiEventSelectors(s, args.dataEventTypes ?? [...BEDROCK_DATA_EVENT_TYPES, ...AGENTCORE_DATA_EVENT_TYPES]);
    const tags = withOwnership(args.tags, args.owner, args.purpose);
    const ctx = awsContext(this, args);
    const o = { parent: this };
    const bucketName = pulumi.output(ctx.accountId).apply((a) => args.bucketName ?? `${trailName.toLowerCase().replace(/[^a-z0-9-]/g, "-")}-${a}-audit`);
    const spec = pulumi.all([ctx.partition, ctx.accountId, ctx.region, bucketName]).apply(([partition, account, region, bucket]) => ({ partition, account, region, trailName, bucketName: bucket, keyPrefix: args.keyPrefix, organizationId: args.organizationId }));

    this.keyPolicy = spec.apply((sp) => JSON.stringify(trailKeyPolicy(sp)));
    this.key = new aws.kms.Key(`${name}-key`, { description: `Encrypts CloudTrail trail ${trailName} (ai-access-guard)`, enableKeyRotation: true, deletionWindowInDays: 30, policy: this.keyPolicy, tags }, o);
    this.bucket = new aws.s3.Bucket(`${name}-bucket`, { bucket: bucketName, objectLockEnabled: args.objectLock ? true : undefined, tags }, o);
    // The bucket's name (its id in AWS): what the policy, the trail and every part refer to.
    const bucket = this.bucket.bucket;
    const block = new aws.s3.BucketPublicAccessBlock(`${name}-public-access-block`, { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, o);
    const parts: pulumi.Resource[] = [block];
    parts.push(new aws.s3.BucketVersioning(`${name}-versioning`, { bucket, versioningConfiguration: { status: "Enabled" } }, o));
    parts.push(
      new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, { bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.key.arn }, bucketKeyEnabled: true }] }, o),
    );
    parts.push(
      new aws.s3.BucketLifecycleConfiguration(
        `${name}-retention`,
        { bucket, rules: [{ id: "retain-audit-logs", status: "Enabled", filter: {}, expiration: { days: retention }, noncurrentVersionExpiration: { noncurrentDays: retention } }] },
        o,
      ),
    );
    if (args.objectLock) {
      parts.push(new aws.s3.BucketObjectLockConfiguration(`${name}-object-lock`, { bucket, objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: args.objectLock.mode, days: args.objectLock.days } } }, o));
    }
    this.bucketPolicy = spec.apply((sp) => JSON.stringify(trailBucketPolicy(sp)));
    const policy = new aws.s3.BucketPolicy(`${name}-bucket-policy`, { bucket, policy: this.bucketPolicy }, { parent: this, dependsOn: [block] });

    this.trail = new aws.cloudtrail.Trail(
      `${name}-trail`,
      {
        name: trailName,
        s3BucketName: bucket,
        s3KeyPrefix: args.keyPrefix,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        isOrganizationTrail: args.organizationId !== undefined,
        kmsKeyId: this.key.arn,
        advancedEventSelectors: selectors,
        region: args.region,
        tags,
      },
      { parent: this, dependsOn: [policy, ...parts] },
    );
    this.trailArn = spec.apply((sp) => `arn:${sp.partition}:cloudtrail:${sp.region}:${sp.account}:trail/${trailName}`);
    this.registerOutputs({ trailArn: this.trailArn, bucketPolicy: this.bucketPolicy, keyPolicy: this.keyPolicy });
  }
}
