/**
 * The pack answers AnalyzeStack in one pass (stack-fastpath.ts) instead of letting @pulumi/policy
 * deserialize the stack once per stack policy. Both paths must say exactly the same thing.
 */
import { describe, expect, it } from "vitest";
import type { AnalyzedResource } from "../../cli/analyzer/pack-client";
import { launchPack, secret } from "../helpers/pack";
import { doc, oidcTrust, GITHUB_PROVIDER, MODEL_ARN, UNKNOWN } from "../helpers/engine";

const urn = (t: string, n: string) => `urn:pulumi:dev::ai-access-guard-check::${t}::${n}`;
const res = (type: string, name: string, properties: Record<string, unknown>): AnalyzedResource => ({ type, name, urn: urn(type, name), properties });
const GH = "token.actions.githubusercontent.com";
const trust = oidcTrust(GITHUB_PROVIDER, { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:sub`]: "repo:acme/app:ref:refs/heads/main" } });

function mixedStack(): AnalyzedResource[] {
  const out: AnalyzedResource[] = [];
  for (let i = 0; i < 40; i++) {
    const name = i % 9 === 0 ? `break-glass-${i}` : `svc-${i}`;
    out.push(res("aws:iam/role:Role", name, { name, arn: `arn:aws:iam::123456789012:role/${name}`, assumeRolePolicy: trust, maxSessionDuration: i % 4 === 0 ? 43200 : 3600, tags: { owner: "t", purpose: "p", env: i % 2 ? "dev" : "prod" } }));
    out.push(res("aws:iam/rolePolicy:RolePolicy", `${name}-p`, { role: name, policy: doc({ Effect: "Allow", Action: i % 3 === 0 ? ["bedrock:*"] : ["bedrock:InvokeModel", "secretsmanager:GetSecretValue"], Resource: i % 5 === 0 ? "*" : [MODEL_ARN, "arn:aws:secretsmanager:us-east-1:123456789012:secret:shared-openai-AbCdEf"] }) }));
  }
  out.push(res("aws:secretsmanager/secret:Secret", "shared-openai", { name: "shared-openai", arn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:shared-openai-AbCdEf", tags: { owner: "t", purpose: "p" }, description: secret("sk-proj-PLANTEDfastpath0123456789abcd") }));
  out.push(res("aws:secretsmanager/secretRotation:SecretRotation", "rot", { secretId: UNKNOWN, rotationRules: { automaticallyAfterDays: 90 } }));
  return out;
}

describe("one-pass AnalyzeStack", () => {
  it("gives exactly the per-policy path's diagnostics, with configuration applied, and never falls back", async () => {
    const config = { "short-ai-sessions": { enforcementLevel: "advisory" as const, maxSessionSeconds: 7200 }, "environment-isolation": "mandatory" as const, "break-glass-isolated": "disabled" as const };
    const fast = await launchPack({ config, env: { AAG_STACK_BYTES: "require" } });
    const fromMessage = await launchPack({ config, env: { AAG_STACK_BYTES: "0" } });
    const slow = await launchPack({ config, env: { AAG_STACK_FASTPATH: "0" } });
    try {
      const stack = mixedStack();
      const a = await fast.analyzeStack(stack);
      const b = await slow.analyzeStack(stack);
      const key = (d: { policyName: string; urn: string; enforcementLevel: string; message: string; severity: number; policyPackName: string }) =>
        `${d.policyName}|${d.urn}|${d.enforcementLevel}|${d.severity}|${d.policyPackName}|${d.message}`;
      expect(a.length).toBeGreaterThan(20);
      expect(a.map(key).sort()).toEqual(b.map(key).sort());
      // Read from the request's bytes (protobufjs) or from @pulumi/policy's message: the same answer.
      expect((await fromMessage.analyzeStack(stack)).map(key).sort()).toEqual(b.map(key).sort());
      expect(a.some((d) => d.policyName === "environment-isolation" && d.enforcementLevel === "mandatory")).toBe(true);
      expect(a.some((d) => d.policyName === "short-ai-sessions" && d.enforcementLevel === "mandatory")).toBe(false);
      expect(a.some((d) => d.policyName === "break-glass-isolated")).toBe(false);
      expect(a.every((d) => !d.message.includes("PLANTEDfastpath"))).toBe(true);
      expect(fast.stderrText()).not.toContain("one-pass stack analysis failed");
    } finally {
      await Promise.all([fast.close(), fromMessage.close(), slow.close()]);
    }
  });

  it("reads a request its bytes cannot answer exactly (invalid UTF-8 from a lone surrogate) from the message, with the same diagnostics", async () => {
    const fast = await launchPack({});
    const slow = await launchPack({ env: { AAG_STACK_FASTPATH: "0" } });
    try {
      const stack = [...mixedStack().slice(0, 10), res("aws:iam/user:User", "odd\udfffname", { name: "odd\udfffname", tags: { note: "x\ud800y" } })];
      const key = (d: { policyName: string; urn: string; enforcementLevel: string; message: string }) => `${d.policyName}|${d.urn}|${d.enforcementLevel}|${d.message}`;
      const a = await fast.analyzeStack(stack);
      expect(a.length).toBeGreaterThan(0);
      expect(a.map(key).sort()).toEqual((await slow.analyzeStack(stack)).map(key).sort());
      expect(fast.stderrText()).not.toContain("one-pass stack analysis failed");
    } finally {
      await Promise.all([fast.close(), slow.close()]);
    }
  });
});
