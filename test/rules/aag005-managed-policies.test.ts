import { describe, expect, it } from "vitest";
import { findings, resource, violations, cannotValidate, UNKNOWN } from "../helpers/engine";
import { buildStackView } from "../../policy-pack/src";

const ATTACH = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const compliant = { role: "ci", policyArn: "arn:aws:iam::123456789012:policy/bedrock-invoke-claude" };

describe("AAG-005 no-broad-managed-policies", () => {
  it("passes a customer-managed policy", () => expect(findings("AAG-005", resource(ATTACH, compliant))).toEqual([]));
  it.each(["AmazonBedrockFullAccess", "AmazonSageMakerFullAccess", "AdministratorAccess", "PowerUserAccess"])("flags %s on a role attachment", (name) => {
    const f = violations(findings("AAG-005", resource(ATTACH, { ...compliant, policyArn: `arn:aws:iam::aws:policy/${name}` })));
    expect(f).toEqual([expect.objectContaining({ findingId: `ManagedPolicy::${name}`, level: "mandatory" })]);
    expect(f[0].detail).toContain('role "ci"');
  });
  it("flags job-function paths and other partitions", () => {
    const f = violations(findings("AAG-005", resource(ATTACH, { ...compliant, policyArn: "arn:aws-us-gov:iam::aws:policy/job-function/AdministratorAccess" })));
    expect(f).toHaveLength(1);
  });
  it("does not confuse a customer policy that happens to share the name", () => {
    expect(findings("AAG-005", resource(ATTACH, { ...compliant, policyArn: "arn:aws:iam::123456789012:policy/AdministratorAccess" }))).toEqual([]);
  });
  it("reads the exclusive attachment sets (role, user, group) and links them in the stack view", () => {
    for (const [type, props] of [
      ["aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", { roleName: "ci" }],
      ["aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", { userName: "u" }],
      ["aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", { groupName: "g" }],
    ] as const) {
      const f = violations(findings("AAG-005", resource(type, { ...props, policyArns: ["arn:aws:iam::123456789012:policy/own", "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"] })));
      expect(f).toEqual([expect.objectContaining({ findingId: "ManagedPolicy::AmazonBedrockFullAccess", property: "policyArns" })]);
      expect(f[0].detail).toContain(`"${Object.values(props)[0]}"`);
    }
    const role = resource("aws:iam/role:Role", { name: "ci", assumeRolePolicy: "{}" }, "ci");
    const set = resource("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", { roleName: "ci", policyArns: ["arn:aws:iam::aws:policy/AmazonBedrockFullAccess"] }, "ci-set");
    const view = buildStackView([role, set]);
    expect(view.principals[0].grants.map((g) => g.source)).toEqual(["AWS-managed AmazonBedrockFullAccess"]);
    expect(view.principals[0].reachesAi).toBe(true);
  });
  it("reads user, group and multi-principal attachments and Role.managedPolicyArns", () => {
    for (const [type, props] of [
      ["aws:iam/userPolicyAttachment:UserPolicyAttachment", { user: "u" }],
      ["aws:iam/groupPolicyAttachment:GroupPolicyAttachment", { group: "g" }],
      ["aws:iam/policyAttachment:PolicyAttachment", { roles: ["a", "b"] }],
    ] as const) {
      expect(violations(findings("AAG-005", resource(type, { ...props, policyArn: "arn:aws:iam::aws:policy/AmazonBedrockFullAccess" })))).toHaveLength(1);
    }
    const role = findings("AAG-005", resource("aws:iam/role:Role", { assumeRolePolicy: "{}", managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/PowerUserAccess"] }));
    expect(violations(role).map((x) => x.findingId)).toEqual(["ManagedPolicy::PowerUserAccess"]);
  });
  it("uses the configured list", () => {
    const cfg = { "no-broad-managed-policies": { broadManagedPolicies: ["ReadOnlyAccess"] } };
    expect(violations(findings("AAG-005", resource(ATTACH, { ...compliant, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }), cfg))).toHaveLength(1);
    expect(violations(findings("AAG-005", resource(ATTACH, { ...compliant, policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }), cfg))).toHaveLength(0);
  });
  it.each([
    ["AmazonBedrockLimitedAccess", /bedrock:InvokeModel/],
    ["AmazonBedrockMantleFullAccess", /every action of bedrock-mantle/],
    ["job-function/DataScientist", /every action of sagemaker/],
    ["IAMFullAccess", /iam:CreateAccessKey|iam:PutRolePolicy/],
    ["AWSElasticBeanstalkWebTier", /bedrock:InvokeModel on arn:aws:bedrock:\*::foundation-model\/anthropic\.claude-\*/],
    ["AWSElasticBeanstalkWorkerTier", /bedrock:InvokeModel/],
    ["AWSElasticBeanstalkMulticontainerDocker", /bedrock:InvokeModel/],
  ])("judges %s by its real document", (name, reach) => {
    const f = violations(findings("AAG-005", resource(ATTACH, { ...compliant, policyArn: `arn:aws:iam::aws:policy/${name}` })));
    expect(f).toHaveLength(1);
    expect(f[0].level).toBe("mandatory");
    expect(f[0].detail).toMatch(reach);
  });
  it.each(["AmazonS3ReadOnlyAccess", "AmazonBedrockReadOnly", "CloudWatchLogsReadOnlyAccess"])("passes %s, which reaches no AI data plane and mints nothing", (name) => {
    expect(violations(findings("AAG-005", resource(ATTACH, { ...compliant, policyArn: `arn:aws:iam::aws:policy/${name}` })))).toEqual([]);
  });
  it("leaves ReadOnlyAccess's memory reads to AAG-018, which knows whether the holder is an AI workload", () => {
    expect(violations(findings("AAG-005", resource(ATTACH, { ...compliant, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" })))).toEqual([]);
  });
  it("says it cannot validate an AWS-managed name the catalog does not know", () => {
    const f = findings("AAG-005", resource(ATTACH, { ...compliant, policyArn: "arn:aws:iam::aws:policy/NoSuchPolicyAnywhere" }));
    expect(cannotValidate(f)[0].detail).toContain("NoSuchPolicyAnywhere");
    expect(cannotValidate(f)[0].detail).toContain("cannot be judged");
  });
  it("says it cannot validate an unknown ARN", () => {
    expect(cannotValidate(findings("AAG-005", resource(ATTACH, { ...compliant, policyArn: UNKNOWN })))).toHaveLength(1);
  });
});
