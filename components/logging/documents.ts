/** Documents for Bedrock model invocation logging (pure). */
import { fail } from "../common/errors";
import { policyDocument, type PolicyDocument, type PolicyStatement } from "../common/documents";
import { serviceTrustPolicy } from "../trust/service";

export const BEDROCK_SERVICE = "bedrock.amazonaws.com";
/** The log stream Bedrock writes to inside the configured log group. */
export const BEDROCK_LOG_STREAM = "aws/bedrock/modelinvocations";
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** Trust for the logging role: bedrock.amazonaws.com, only for this account's Bedrock resources. */
export function bedrockLoggingTrustPolicy(partition: string, account: string, region: string): PolicyDocument {
  return serviceTrustPolicy("BedrockInvocationLogging", BEDROCK_SERVICE, account, `arn:${partition}:bedrock:${region}:${account}:*`);
}

export interface LoggingRoleSpec {
  partition: string;
  account: string;
  region: string;
  logGroupName: string;
  /** Bucket (and prefix) for large payloads delivered next to CloudWatch. */
  largeDataBucket?: { bucketName: string; keyPrefix?: string };
}

/** What the logging role may do: write the Bedrock log stream (and large payloads to S3). */
export function bedrockLoggingRolePolicy(spec: LoggingRoleSpec): PolicyDocument {
  const statements: PolicyStatement[] = [
    {
      Sid: "WriteModelInvocationLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: `arn:${spec.partition}:logs:${spec.region}:${spec.account}:log-group:${spec.logGroupName}:log-stream:${BEDROCK_LOG_STREAM}`,
    },
  ];
  if (spec.largeDataBucket) {
    const prefix = spec.largeDataBucket.keyPrefix ? `${spec.largeDataBucket.keyPrefix.replace(/\/$/, "")}/` : "";
    statements.push({
      Sid: "WriteLargeInvocationPayloads",
      Effect: "Allow",
      Action: "s3:PutObject",
      Resource: `arn:${spec.partition}:s3:::${spec.largeDataBucket.bucketName}/${prefix}*`,
      Condition: { StringEquals: { "aws:ResourceAccount": spec.account } },
    });
  }
  return policyDocument(statements);
}

/** Key policy for the log group's CMK: account administration plus CloudWatch Logs for this log group only. */
export function logGroupKeyPolicy(partition: string, account: string, region: string, logGroupName: string): PolicyDocument {
  return policyDocument([
    accountAdministration(partition, account),
    {
      Sid: "CloudWatchLogsForInvocationLogGroup",
      Effect: "Allow",
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${region}:${account}:log-group:${logGroupName}` } },
    },
  ]);
}

/** Statement a bucket policy needs so Bedrock can deliver invocation logs to S3 (merge it into yours). */
export function bedrockLogDeliveryBucketStatement(partition: string, account: string, region: string, bucketName: string, keyPrefix?: string): PolicyStatement {
  const prefix = keyPrefix ? `${keyPrefix.replace(/\/$/, "")}/` : "";
  return {
    Sid: "AmazonBedrockLogsWrite",
    Effect: "Allow",
    Principal: { Service: BEDROCK_SERVICE },
    Action: "s3:PutObject",
    Resource: `arn:${partition}:s3:::${bucketName}/${prefix}AWSLogs/${account}/BedrockModelInvocationLogs/*`,
    Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": `arn:${partition}:bedrock:${region}:${account}:*` } },
  };
}

/** The key administration statement every key policy needs so the key stays manageable through IAM. */
export function accountAdministration(partition: string, account: string): PolicyStatement {
  return { Sid: "AccountAdministration", Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: "kms:*", Resource: "*" };
}

export function checkRetention(subject: string, days: number): number {
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(days)) fail(subject, `cloudWatch.retentionInDays ${days} is not a CloudWatch Logs retention value (${LOG_RETENTION_DAYS.join(", ")})`);
  return days;
}
