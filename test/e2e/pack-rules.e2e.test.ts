/**
 * Every rule end to end through the real pack process, spoken to over the analyzer protocol as
 * the Pulumi engine does: a violating case, a compliant case, a preview-time unknown and a secret.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PackProcess } from "../../cli/analyzer/pack-client";
import { launchPack, secret, summary } from "../helpers/pack";
import { doc, oidcTrust, GITHUB_PROVIDER, MODEL_ARN, UNKNOWN } from "../helpers/engine";

let pack: PackProcess;
beforeAll(async () => {
  pack = await launchPack();
});
afterAll(async () => {
  await pack?.close();
});

const GH = "token.actions.githubusercontent.com";
const goodTrust = oidcTrust(GITHUB_PROVIDER, { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:sub`]: "repo:acme/app:ref:refs/heads/main" } });
const goodPolicy = doc({ Effect: "Allow", Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], Resource: [MODEL_ARN] });

interface Case {
  rule: string;
  policy: string;
  type: string;
  violating: Record<string, unknown>;
  compliant: Record<string, unknown>;
  /** Type of the compliant resource when the rule's own type can never comply. */
  compliantType?: string;
  unknown: Record<string, unknown>;
  /** Violating inputs with a secret-marked value; `planted` must never appear in a message. */
  secret: Record<string, unknown>;
  planted: string;
  expect: RegExp;
}

const cases: Case[] = [
  {
    rule: "AAG-001",
    policy: "no-long-lived-access-keys",
    type: "aws:iam/accessKey:AccessKey",
    violating: { user: "ci-bot" },
    compliant: { name: "ci-bot" },
    compliantType: "aws:iam/user:User",
    unknown: { user: UNKNOWN },
    secret: { user: "ci-bot", pgpKey: secret("AKIAIOSFODNN7EXAMPLE") },
    planted: "AKIAIOSFODNN7EXAMPLE",
    expect: /long-lived IAM access key/,
  },
  {
    rule: "AAG-002",
    policy: "no-long-term-bedrock-api-keys",
    type: "aws:iam/serviceSpecificCredential:ServiceSpecificCredential",
    violating: { userName: "svc", serviceName: "bedrock.amazonaws.com" },
    compliant: { userName: "svc", serviceName: "codecommit.amazonaws.com" },
    unknown: { userName: "svc", serviceName: UNKNOWN },
    secret: { userName: "svc", serviceName: secret("bedrock.amazonaws.com"), servicePassword: secret("ABSKQmVkcm9ja0FQSUtleS1zZWNyZXQ=") },
    planted: "ABSKQmVkcm9ja0FQSUtleS1zZWNyZXQ=",
    expect: /long-term Bedrock API key/,
  },
  {
    rule: "AAG-003",
    policy: "no-wildcard-ai-actions",
    type: "aws:iam/rolePolicy:RolePolicy",
    violating: { role: "r", policy: doc({ Effect: "Allow", Action: "bedrock:*", Resource: MODEL_ARN }) },
    compliant: { role: "r", policy: goodPolicy },
    unknown: { role: "r", policy: UNKNOWN },
    secret: { role: "r", policy: secret(doc({ Sid: "sk-proj-PLANTEDSECRETabcdefghijklmnop", Effect: "Allow", Action: "bedrock:*", Resource: MODEL_ARN })) },
    planted: "sk-proj-PLANTEDSECRETabcdefghijklmnop",
    expect: /Action::bedrock:\*/,
  },
  {
    rule: "AAG-004",
    policy: "ai-data-plane-on-named-resources",
    type: "aws:iam/policy:Policy",
    violating: { policy: doc({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*" }) },
    compliant: { policy: goodPolicy },
    unknown: { policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: UNKNOWN }] } },
    secret: { policy: secret(doc({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*" })), description: secret("hf_PLANTEDhuggingfacetokenvalue1234") },
    planted: "hf_PLANTEDhuggingfacetokenvalue1234",
    expect: /on Resource::\*/,
  },
  {
    rule: "AAG-005",
    policy: "no-broad-managed-policies",
    type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    violating: { role: "ci", policyArn: "arn:aws:iam::aws:policy/AmazonBedrockFullAccess" },
    compliant: { role: "ci", policyArn: "arn:aws:iam::123456789012:policy/invoke-claude" },
    unknown: { role: "ci", policyArn: UNKNOWN },
    secret: { role: secret("ghp_PLANTEDgithubtoken0123456789abcdefABCD"), policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
    planted: "ghp_PLANTEDgithubtoken0123456789abcdefABCD",
    expect: /AdministratorAccess|AmazonBedrockFullAccess/,
  },
  {
    rule: "AAG-006",
    policy: "federated-trust-pinned",
    type: "aws:iam/role:Role",
    violating: { assumeRolePolicy: oidcTrust(GITHUB_PROVIDER, { StringLike: { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:sub`]: "repo:*" } }) },
    compliant: { assumeRolePolicy: goodTrust },
    unknown: { assumeRolePolicy: UNKNOWN },
    secret: { assumeRolePolicy: secret(oidcTrust(GITHUB_PROVIDER, { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" } })), description: secret("sk-ant-api03-PLANTEDanthropic") },
    planted: "sk-ant-api03-PLANTEDanthropic",
    expect: /no `sub` condition|repo:\*/,
  },
];

describe.each(cases)("$rule $policy through the pack process", (c) => {
  const mine = (ds: Awaited<ReturnType<PackProcess["analyze"]>>) => ds.filter((d) => d.policyName === c.policy);

  it("reports a mandatory violation with the rule ID, finding, why, fix and frameworks", async () => {
    const ds = mine(await pack.analyze({ type: c.type, name: "bad", properties: c.violating }));
    expect(ds.length).toBeGreaterThan(0);
    expect(ds[0].enforcementLevel).toBe("mandatory");
    expect(ds[0].policyPackName).toBe("ai-access-guard");
    expect(ds[0].message).toMatch(c.expect);
    expect(ds[0].message).toContain(`[${c.rule}]`);
    expect(ds[0].message).toMatch(/\nFinding: AAG-\d{3} .+\nWhy: .+\nFix: .+\nFrameworks: .*OWASP/);
  });

  it("passes the compliant resource", async () => {
    expect(summary(mine(await pack.analyze({ type: c.compliantType ?? c.type, name: "good", properties: c.compliant })))).toEqual([]);
  });

  it("turns a preview-time unknown into an advisory cannot-validate finding, never a crash", async () => {
    const ds = mine(await pack.analyze({ type: c.type, name: "pending", properties: c.unknown }));
    if (c.rule === "AAG-001") {
      // An access key is a violation whoever it belongs to: unknown user changes nothing.
      expect(ds.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
      return;
    }
    expect(ds.length).toBeGreaterThan(0);
    expect(ds.every((d) => d.enforcementLevel === "advisory")).toBe(true);
    expect(ds[0].message).toContain("cannot validate");
    expect(ds[0].message).not.toContain(UNKNOWN);
  });

  it("judges secret-marked inputs and never echoes the secret", async () => {
    const ds = mine(await pack.analyze({ type: c.type, name: "secretive", properties: c.secret }));
    expect(ds.some((d) => d.enforcementLevel === "mandatory")).toBe(true);
    for (const d of ds) expect(d.message).not.toContain(c.planted);
  });
});

describe("pack configuration over Configure", () => {
  it("applies a level from the policy-pack config (mandatory → advisory)", async () => {
    const p = await launchPack({ config: { "no-long-lived-access-keys": "advisory" } });
    try {
      const ds = await p.analyze({ type: "aws:iam/accessKey:AccessKey", name: "k", properties: { user: "u" } });
      expect(ds.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
    } finally {
      await p.close();
    }
  });

  it("rejects bad configuration at Configure, naming the policy, the field and what is allowed", async () => {
    const err = await launchPack({ config: { "no-broad-managed-policies": { enforcementLevel: "mandatory", broadManagedPolicies: "AdministratorAccess" } } }).then(
      () => undefined,
      (e: { details?: string; code?: number }) => e,
    );
    expect(err?.code).toBe(3);
    expect(err?.details).toContain("no-broad-managed-policies.broadManagedPolicies must be an array");
  });

  it("does not answer resources it does not read", async () => {
    expect(await pack.analyze({ type: "aws:s3/bucket:Bucket", name: "b", properties: { bucket: "x" } })).toEqual([]);
  });
});
