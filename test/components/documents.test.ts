/** Pure documents and checks for secrets, logging, JIT grants and ownership. */
import { describe, expect, it } from "vitest";
import { rotationRules, scheduleMaxDays, secretKeyPolicy, secretResourcePolicy, checkRoleArns } from "../../components/secrets/documents";
import { bedrockLoggingRolePolicy, bedrockLoggingTrustPolicy, logGroupKeyPolicy, bedrockLogDeliveryBucketStatement } from "../../components/logging/documents";
import { checkExpiry } from "../../components/jit/grant";
import { checkOwnership, checkSessionDuration } from "../../components/common/ownership";
import { describeAiAccessPath } from "../../components/path/describe";

const R1 = "arn:aws:iam::123456789012:role/chat-api";
const ROT = "arn:aws:iam::123456789012:role/rotator";

describe("rotated secret documents", () => {
  it("resource policy: named readers, the rotation function, and a deny for everyone else", () => {
    expect(secretResourcePolicy([R1], ROT)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "NamedReaders", Effect: "Allow", Principal: { AWS: R1 }, Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: "*" },
        {
          Sid: "RotationFunction",
          Effect: "Allow",
          Principal: { AWS: ROT },
          Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"],
          Resource: "*",
        },
        { Sid: "DenyReadingToEveryoneElse", Effect: "Deny", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*", Condition: { StringNotEquals: { "aws:PrincipalArn": [R1, ROT] } } },
      ],
    });
  });
  it("key policy: decrypt only through Secrets Manager in this account", () => {
    const via = { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com", "kms:CallerAccount": "123456789012" } };
    expect(secretKeyPolicy("aws", "123456789012", "us-east-1", [R1], ROT).Statement).toEqual([
      { Sid: "AccountAdministration", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
      { Sid: "ReadersDecryptThroughSecretsManager", Effect: "Allow", Principal: { AWS: R1 }, Action: "kms:Decrypt", Resource: "*", Condition: via },
      { Sid: "RotationThroughSecretsManager", Effect: "Allow", Principal: { AWS: ROT }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*", Condition: via },
    ]);
  });
  it("readers must be role ARNs", () => {
    expect(() => checkRoleArns("X", "readers", ["*"])).toThrow('X: readers entry "*" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>) without wildcards');
    expect(() => checkRoleArns("X", "readers", [])).toThrow("X: readers is empty; name the roles that may read the key (nobody else can)");
  });
  it.each([
    ["rate(30 days)", 30],
    ["rate(12 hours)", 0.5],
    ["cron(0 4 * * ? *)", 1],
    ["cron(0 4 ? * MON *)", 7],
    ["cron(0 4 1,15 * ? *)", 17],
    ["cron(0 4 1 * ? *)", 31],
    ["cron(0 4 */10 * ? *)", 10],
    ["cron(0 4 1 1 ? *)", 366],
  ])("schedule %s allows up to %d days between rotations", (expr, days) => {
    expect(scheduleMaxDays("X", expr)).toBe(days);
  });
  it("rotation rules: 30 days by default, refuses longer without the override, and both inputs at once", () => {
    expect(rotationRules("X", {})).toEqual({ automaticallyAfterDays: 30 });
    expect(rotationRules("X", { schedule: "rate(7 days)" })).toEqual({ scheduleExpression: "rate(7 days)" });
    expect(() => rotationRules("X", { days: 90 })).toThrow("X: rotationDays 90 is more than 30; a leaked key stays valid that long. Rotate more often, or set allowRotationLongerThan30Days: true to accept the risk explicitly");
    expect(rotationRules("X", { days: 90, allowLonger: true })).toEqual({ automaticallyAfterDays: 90 });
    expect(() => rotationRules("X", { schedule: "cron(0 4 1 * ? *)" })).toThrow('X: rotationSchedule "cron(0 4 1 * ? *)" can leave up to 31 days between rotations, more than 30');
    expect(() => rotationRules("X", { days: 7, schedule: "rate(7 days)" })).toThrow("X: give rotationDays or rotationSchedule, not both");
    expect(() => rotationRules("X", { schedule: "every week" })).toThrow('X: rotationSchedule "every week" is not rate(N days) or cron(minutes hours day-of-month month day-of-week year)');
  });
});

describe("invocation logging documents", () => {
  it("bedrock.amazonaws.com trust scoped by aws:SourceAccount and aws:SourceArn", () => {
    expect(bedrockLoggingTrustPolicy("aws", "123456789012", "us-east-1").Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "123456789012" },
      ArnLike: { "aws:SourceArn": "arn:aws:bedrock:us-east-1:123456789012:*" },
    });
  });
  it("role policy writes only the Bedrock log stream (and large payloads to one prefix)", () => {
    expect(bedrockLoggingRolePolicy({ partition: "aws", account: "123456789012", region: "us-east-1", logGroupName: "/aws/bedrock/x", largeDataBucket: { bucketName: "logs", keyPrefix: "bedrock/" } }).Statement).toEqual([
      {
        Sid: "WriteModelInvocationLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock/x:log-stream:aws/bedrock/modelinvocations",
      },
      { Sid: "WriteLargeInvocationPayloads", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::logs/bedrock/*", Condition: { StringEquals: { "aws:ResourceAccount": "123456789012" } } },
    ]);
  });
  it("log group key: CloudWatch Logs may use it for this log group only", () => {
    expect(logGroupKeyPolicy("aws-cn", "123456789012", "cn-north-1", "/aws/bedrock/x").Statement[1]).toEqual({
      Sid: "CloudWatchLogsForInvocationLogGroup",
      Effect: "Allow",
      Principal: { Service: "logs.cn-north-1.amazonaws.com" },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": "arn:aws-cn:logs:cn-north-1:123456789012:log-group:/aws/bedrock/x" } },
    });
  });
  it("S3 delivery statement for the user's bucket policy", () => {
    expect(bedrockLogDeliveryBucketStatement("aws", "123456789012", "us-east-1", "logs", "p").Resource).toBe("arn:aws:s3:::logs/p/AWSLogs/123456789012/BedrockModelInvocationLogs/*");
  });
});

describe("JIT expiry, ownership and sessions", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  it("accepts a near-future expiry and normalises it", () => {
    expect(checkExpiry("J", "2026-06-02T12:00:00.000+00:00", now)).toBe("2026-06-02T12:00:00Z");
  });
  it.each([
    ["2026-06-01T11:00:00Z", 72, "J: expiresAt 2026-06-01T11:00:00.000Z is in the past; a time-boxed grant must end in the future. Remove the grant, or give a new expiry"],
    ["2026-06-10T12:00:00Z", 72, "J: expiresAt 2026-06-10T12:00:00.000Z is 216 hours away, more than maxGrantHours (72); give an earlier expiry or raise maxGrantHours"],
    ["tomorrow", 72, 'J: expiresAt "tomorrow" is not an ISO 8601 time with a time zone (e.g. 2026-12-01T18:00:00Z)'],
    ["2026-06-02T00:00:00", 72, 'J: expiresAt "2026-06-02T00:00:00" is not an ISO 8601 time with a time zone'],
  ])("refuses expiry %s", (at, max, message) => {
    expect(() => checkExpiry("J", at, now, max)).toThrow(message);
  });
  it("ownership and session limits", () => {
    expect(() => checkOwnership("R", "", undefined, undefined)).toThrow("R: give owner and purpose: every non-human identity is tagged with who owns it and what it is for, so a leaked credential can be traced and revoked");
    expect(() => checkOwnership("R", "a", "b", { owner: "c" })).toThrow('R: tags.owner ("c") conflicts with owner ("a"); give it once, as owner');
    expect(checkSessionDuration("R", undefined, false)).toBe(3600);
    expect(checkSessionDuration("R", 900, false)).toBe(900);
    expect(checkSessionDuration("R", 7200, true)).toBe(7200);
    expect(() => checkSessionDuration("R", 7200, false)).toThrow(
      "R: maxSessionDuration 7200 is above 3600 seconds (60 minutes); stolen session credentials stay usable that long. Lower it, or set allowSessionLongerThanOneHour: true to accept the risk explicitly",
    );
    expect(() => checkSessionDuration("R", 600, false)).toThrow("R: maxSessionDuration must be a whole number of seconds of at least 900 (15 minutes), got 600");
  });
  it("path description summary", () => {
    const d = describeAiAccessPath({
      name: "bot",
      entryPoint: { kind: "github-actions", subjects: ["repo:acme/bot:environment:prod"] },
      role: { arn: "arn:aws:iam::123456789012:role/bot", maxSessionSeconds: 3600 },
      resources: [{ kind: "foundation-model", actions: ["bedrock:InvokeModel"], resources: ["arn:aws:bedrock:us-east-1::foundation-model/m1"] }],
      logging: ["cloudwatch:/aws/bedrock/model-invocations"],
      owner: "o",
      purpose: "p",
    });
    expect(d.summary).toBe("github-actions [repo:acme/bot:environment:prod] -> arn:aws:iam::123456789012:role/bot -> foundation-model/m1 (us-east-1)");
  });
});
