/** AiAuditTrail and sts:SourceIdentity: pure documents (against the IAM catalog), then the components under mocks. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { doc, recorded, resourceNamed, settle, setupMocks, valueOf } from "./harness";
import { catalogProblems } from "./iam-catalog";
import { aiEventSelectors, requireSourceIdentity, trailBucketPolicy, trailKeyPolicy, checkTrailRetention, AGENTCORE_DATA_EVENT_TYPES, BEDROCK_DATA_EVENT_TYPES } from "../../components/audit-trail/documents";
import { oidcTrustPolicy } from "../../components/trust/oidc";

const spec = { partition: "aws", account: "123456789012", region: "us-east-1", trailName: "ai-audit", bucketName: "ai-audit-123456789012-audit" };

describe("documents (pure)", () => {
  it("management events plus one data selector per Bedrock and AgentCore type", () => {
    const selectors = aiEventSelectors("T", [...BEDROCK_DATA_EVENT_TYPES, ...AGENTCORE_DATA_EVENT_TYPES]);
    expect(selectors[0].fieldSelectors).toEqual([{ field: "eventCategory", equals: ["Management"] }]);
    expect(selectors.slice(1).map((x) => x.fieldSelectors[1].equals[0])).toEqual([...BEDROCK_DATA_EVENT_TYPES, ...AGENTCORE_DATA_EVENT_TYPES]);
    expect(selectors.slice(1).every((x) => x.fieldSelectors[0].equals[0] === "Data")).toBe(true);
    expect(() => aiEventSelectors("T", ["AWS::S3::Object"])).toThrow('T: dataEventTypes value "AWS::S3::Object" is not a Bedrock or AgentCore resource type');
  });

  it("bucket and key policies: this trail only, TLS only; catalog knows every action, key and ARN", async () => {
    const bucket = trailBucketPolicy({ ...spec, keyPrefix: "trail/" });
    expect(bucket.Statement[1].Resource).toBe("arn:aws:s3:::ai-audit-123456789012-audit/trail/AWSLogs/123456789012/*");
    expect(bucket.Statement[1].Condition).toEqual({ StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:123456789012:trail/ai-audit", "s3:x-amz-acl": "bucket-owner-full-control" } });
    expect(await catalogProblems(bucket)).toEqual([]);
    const org = trailBucketPolicy({ ...spec, organizationId: "o-a1b2c3d4e5" });
    expect(org.Statement[1].Resource).toEqual(["arn:aws:s3:::ai-audit-123456789012-audit/AWSLogs/123456789012/*", "arn:aws:s3:::ai-audit-123456789012-audit/AWSLogs/o-a1b2c3d4e5/*"]);
    expect(await catalogProblems(org)).toEqual([]);
    expect(await catalogProblems(trailKeyPolicy(spec))).toEqual([]);
  });

  it("retention of at least a year unless explicitly allowed", () => {
    expect(checkTrailRetention("T", 400, false)).toBe(400);
    expect(() => checkTrailRetention("T", 90, false)).toThrow("T: retentionDays 90 is under 365");
    expect(checkTrailRetention("T", 90, true)).toBe(90);
  });

  it("requireSourceIdentity adds sts:SetSourceIdentity and one condition operator for all values", async () => {
    const trust = oidcTrustPolicy("R", { providerArn: "arn:aws:iam::123456789012:oidc-provider/idp.example.com", subjects: ["svc"], audiences: ["aws"] });
    const exact = requireSourceIdentity(trust, { values: ["emp-1", "emp-2"] });
    expect(exact.Statement[0].Action).toEqual(["sts:AssumeRoleWithWebIdentity", "sts:SetSourceIdentity"]);
    expect(exact.Statement[0].Condition!.StringEquals["sts:SourceIdentity"]).toEqual(["emp-1", "emp-2"]);
    const mixed = requireSourceIdentity(trust, { values: ["admin-1"], patterns: ["emp-*"] });
    expect(mixed.Statement[0].Condition!.StringLike).toEqual({ "sts:SourceIdentity": ["admin-1", "emp-*"] });
    expect(mixed.Statement[0].Condition!.StringEquals["sts:SourceIdentity"]).toBeUndefined();
    expect(await catalogProblems(mixed)).toEqual([]);
  });
});

describe("components under mocks", () => {
  type C = typeof import("../../components");
  let c: C;
  beforeAll(async () => {
    await setupMocks();
    c = await import("../../components");
  });
  const own = { owner: "security", purpose: "audit" };

  it("trail: multi-region, validated, KMS, selectors; bucket versioned, encrypted, private, retained", async () => {
    const t = new c.AiAuditTrail("trail1", { objectLock: { mode: "COMPLIANCE", days: 365 }, ...own });
    expect(await valueOf(t.trailArn)).toBe("arn:aws:cloudtrail:us-east-1:123456789012:trail/trail1");
    await valueOf(t.bucketPolicy);
    await settle();
    expect(resourceNamed("trail1-trail").inputs).toMatchObject({ name: "trail1", isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableLogFileValidation: true, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/trail1-key-0a1b2c3", s3BucketName: "trail1-123456789012-audit" });
    expect((resourceNamed("trail1-trail").inputs.advancedEventSelectors as unknown[]).length).toBe(1 + BEDROCK_DATA_EVENT_TYPES.length + AGENTCORE_DATA_EVENT_TYPES.length);
    expect(resourceNamed("trail1-public-access-block").inputs).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    expect(resourceNamed("trail1-versioning").inputs.versioningConfiguration).toEqual({ status: "Enabled" });
    expect(resourceNamed("trail1-retention").inputs.rules).toMatchObject([{ expiration: { days: 400 }, noncurrentVersionExpiration: { noncurrentDays: 400 } }]);
    expect(resourceNamed("trail1-object-lock").inputs.rule).toEqual({ defaultRetention: { mode: "COMPLIANCE", days: 365 } });
    expect(await catalogProblems(doc("trail1-key", "policy") as never)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["short retention", { retentionDays: 30 }, 'AiAuditTrail "bad": retentionDays 30 is under 365'],
    ["lock longer than retention", { objectLock: { mode: "COMPLIANCE", days: 500 } }, "objectLock.days (500) is longer than retentionDays (400)"],
    ["bad lock mode", { objectLock: { mode: "SOFT", days: 10 } }, "objectLock.mode must be GOVERNANCE or COMPLIANCE"],
    ["no purpose", { purpose: undefined }, 'AiAuditTrail "bad": give purpose'],
    ["bad organisation", { organizationId: "acme" }, 'AiAuditTrail "bad": organizationId "acme" is not an organisation id'],
  ])("refuses: %s", (_l, extra, message) => {
    expect(() => new c.AiAuditTrail("bad", { ...own, ...extra } as never)).toThrow(message);
    expect(recorded.some((r) => r.name.startsWith("bad-"))).toBe(false);
  });

  it("OidcRole can require sts:SourceIdentity; a pattern without prefix is refused", async () => {
    const r = new c.OidcRole("si", { oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/idp.example.com", subjects: ["svc"], requireSourceIdentity: { patterns: ["emp-*"] }, ...own });
    const trust = JSON.parse(await valueOf(r.trustPolicy));
    expect(trust.Statement[0].Action).toEqual(["sts:AssumeRoleWithWebIdentity", "sts:SetSourceIdentity"]);
    expect(trust.Statement[0].Condition.StringLike).toEqual({ "sts:SourceIdentity": "emp-*" });
    expect(() => new c.OidcRole("si-bad", { oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/idp.example.com", subjects: ["svc"], requireSourceIdentity: { patterns: ["*"] }, ...own })).toThrow('OidcRole "si-bad": requireSourceIdentity.patterns entry "*" has no fixed prefix');
  });
  // The next block resets the mocks: let this block's registrations finish first, or their
  // registerOutputs calls reach a monitor that no longer knows them (unhandled rejections).
  afterAll(settle);
});

describe("BreakGlassRole can require the person's user name as source identity", () => {
  type C = typeof import("../../components");
  let c: C;
  beforeAll(async () => {
    await setupMocks();
    c = await import("../../components");
  });
  const own = { owner: "security", purpose: "break-glass" };

  it("adds sts:SetSourceIdentity and sts:SourceIdentity == ${aws:username}; refuses role principals", async () => {
    const r = new c.BreakGlassRole("bg-si", { principals: ["arn:aws:iam::123456789012:user/alice"], requireSourceIdentity: true, ...own });
    const trust = JSON.parse(await valueOf(r.trustPolicy));
    expect(trust.Statement[0].Action).toEqual(["sts:AssumeRole", "sts:SetSourceIdentity"]);
    expect(trust.Statement[0].Condition.StringEquals).toEqual({ "sts:SourceIdentity": "${aws:username}" });
    expect(trust.Statement[0].Condition.Bool).toEqual({ "aws:MultiFactorAuthPresent": "true" });
    expect(await catalogProblems(trust)).toEqual([]);
    expect(() => new c.BreakGlassRole("bg-si-bad", { principals: ["arn:aws:iam::123456789012:role/sso-admin"], requireSourceIdentity: true, ...own })).toThrow(
      'BreakGlassRole "bg-si-bad": requireSourceIdentity needs IAM users as principals (the source identity is their user name); "arn:aws:iam::123456789012:role/sso-admin" is a role',
    );
  });
});
