/**
 * Documents for a trail that joins token issuance (STS) with model and tool calls (pure): event
 * selectors, the bucket and key policies CloudTrail needs, and the trust change that makes a role
 * require `sts:SourceIdentity` so a person's or job's name follows every call made with the session.
 */
import { fail, quote } from "../common/errors";
import { policyDocument, uniq, type PolicyDocument, type PolicyStatement } from "../common/documents";
import { accountAdministration } from "../logging/documents";

/** Bedrock resource types CloudTrail logs data events for (agents, knowledge bases, flows, guardrails, prompts, models). */
export const BEDROCK_DATA_EVENT_TYPES = [
  "AWS::Bedrock::AgentAlias",
  "AWS::Bedrock::FlowAlias",
  "AWS::Bedrock::Guardrail",
  "AWS::Bedrock::InlineAgent",
  "AWS::Bedrock::KnowledgeBase",
  "AWS::Bedrock::Model",
  "AWS::Bedrock::PromptVersion",
] as const;
/** AgentCore resource types with data events (agent invocations and tool calls through gateways). */
export const AGENTCORE_DATA_EVENT_TYPES = ["AWS::BedrockAgentCore::Runtime", "AWS::BedrockAgentCore::Gateway"] as const;
export const MIN_RETENTION_DAYS = 365;

export interface FieldSelector {
  field: string;
  equals: string[];
}
export interface AdvancedEventSelector {
  name: string;
  fieldSelectors: FieldSelector[];
}

/**
 * All management events (STS AssumeRole*, GetFederationToken, Bedrock InvokeModel/Converse, IAM
 * changes: CloudTrail records these as management events, read and write) plus one data-event
 * selector per AI resource type (CloudTrail accepts one `resources.type` per selector).
 */
export function aiEventSelectors(subject: string, dataEventTypes: readonly string[]): AdvancedEventSelector[] {
  const types = uniq(dataEventTypes);
  for (const t of types) if (!/^AWS::(Bedrock|BedrockAgentCore)::[A-Za-z]+$/.test(t)) fail(subject, `dataEventTypes value ${quote(t)} is not a Bedrock or AgentCore resource type (AWS::Bedrock::<Type> or AWS::BedrockAgentCore::<Type>)`);
  return [
    { name: "All management events (STS token issuance, Bedrock runtime calls, IAM changes)", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
    ...types.map((t) => ({
      name: `Data events for ${t}`,
      fieldSelectors: [
        { field: "eventCategory", equals: ["Data"] },
        { field: "resources.type", equals: [t] },
      ],
    })),
  ];
}

export interface TrailDeliverySpec {
  partition: string;
  account: string;
  region: string;
  trailName: string;
  bucketName: string;
  keyPrefix?: string;
  /** For an organisation trail: member accounts' logs land under `AWSLogs/<organisation id>/`. */
  organizationId?: string;
}

const trailArn = (s: TrailDeliverySpec) => `arn:${s.partition}:cloudtrail:${s.region}:${s.account}:trail/${s.trailName}`;

/** Bucket policy: only this trail writes (`aws:SourceArn`), with owner-full-control; no plain HTTP. */
export function trailBucketPolicy(spec: TrailDeliverySpec): PolicyDocument {
  const bucket = `arn:${spec.partition}:s3:::${spec.bucketName}`;
  const prefix = spec.keyPrefix ? `${spec.keyPrefix.replace(/\/$/, "")}/` : "";
  const source = { "aws:SourceArn": trailArn(spec) };
  return policyDocument([
    { Sid: "CloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: bucket, Condition: { StringEquals: source } },
    {
      Sid: "CloudTrailWrite",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: spec.organizationId ? [`${bucket}/${prefix}AWSLogs/${spec.account}/*`, `${bucket}/${prefix}AWSLogs/${spec.organizationId}/*`] : `${bucket}/${prefix}AWSLogs/${spec.account}/*`,
      Condition: { StringEquals: { ...source, "s3:x-amz-acl": "bucket-owner-full-control" } },
    },
    { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket, `${bucket}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
  ]);
}

/** Key policy: account administration, CloudTrail encrypts for this trail only, the account's principals decrypt log files. */
export function trailKeyPolicy(spec: Omit<TrailDeliverySpec, "bucketName">): PolicyDocument {
  const statements: PolicyStatement[] = [
    accountAdministration(spec.partition, spec.account),
    {
      Sid: "CloudTrailEncryptsThisTrail",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceArn": trailArn(spec as TrailDeliverySpec) },
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${spec.partition}:cloudtrail:*:${spec.account}:trail/*` },
      },
    },
    { Sid: "CloudTrailDescribesKey", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:DescribeKey", Resource: "*", Condition: { StringEquals: { "aws:SourceArn": trailArn(spec as TrailDeliverySpec) } } },
    {
      Sid: "AccountReadsLogFiles",
      Effect: "Allow",
      Principal: { AWS: `arn:${spec.partition}:iam::${spec.account}:root` },
      Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
      Resource: "*",
      Condition: { StringEquals: { "kms:CallerAccount": spec.account }, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${spec.partition}:cloudtrail:*:${spec.account}:trail/*` } },
    },
  ];
  return policyDocument(statements);
}

export function checkTrailRetention(subject: string, days: number, allowShorter: boolean | undefined): number {
  if (!Number.isInteger(days) || days < 1) fail(subject, `retentionDays must be a whole number of days, got ${JSON.stringify(days)}`);
  if (days < MIN_RETENTION_DAYS && !allowShorter) fail(subject, `retentionDays ${days} is under ${MIN_RETENTION_DAYS}: an intrusion found months later has no trail left. Raise it, or set allowRetentionUnderOneYear: true`);
  return days;
}

/** Source identities a role requires: exact values and/or patterns with a fixed prefix. */
export interface SourceIdentitySpec {
  readonly values?: readonly string[];
  readonly patterns?: readonly string[];
}

export function checkSourceIdentity(subject: string, spec: SourceIdentitySpec): void {
  const values = spec.values ?? [];
  const patterns = spec.patterns ?? [];
  if (values.length + patterns.length === 0) fail(subject, "requireSourceIdentity names no value: give values (exact) or patterns (with a fixed prefix, e.g. user-*)");
  for (const v of values) if (!v || /[*?]/.test(v)) fail(subject, `requireSourceIdentity.values entry ${quote(v)} is empty or has a wildcard; put patterns in requireSourceIdentity.patterns`);
  for (const p of patterns) if (!/^[^*?]{2,}/.test(p)) fail(subject, `requireSourceIdentity.patterns entry ${quote(p)} has no fixed prefix; it would accept any source identity`);
}

/**
 * Makes every Allow statement of a trust policy require a source identity and allow setting it
 * (`sts:SetSourceIdentity`): the identity is then stamped on every CloudTrail event of the session
 * and of any role it chains to, so token issuance and model calls join on one value.
 */
export function requireSourceIdentity(document: PolicyDocument, spec: SourceIdentitySpec): PolicyDocument {
  return policyDocument(
    document.Statement.map((s) => {
      if (s.Effect !== "Allow") return s;
      const actions = uniq([...(Array.isArray(s.Action) ? s.Action : [s.Action]), "sts:SetSourceIdentity"]);
      const condition = { ...(s.Condition ?? {}) };
      // One operator for all values: two operators on one key would have to match both (AND).
      const all = uniq([...(spec.values ?? []), ...(spec.patterns ?? [])]);
      const op = spec.patterns?.length ? "StringLike" : "StringEquals";
      condition[op] = { ...(condition[op] ?? {}), "sts:SourceIdentity": all.length === 1 ? all[0] : all };
      return { ...s, Action: actions, Condition: condition };
    }),
  );
}
