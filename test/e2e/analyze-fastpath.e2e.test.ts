/**
 * The pack answers Analyze in one pass (analyze-fastpath.ts) instead of letting @pulumi/policy
 * deserialize the inputs once per resource policy. Both paths must give the same response: the
 * same diagnostics, in the same order, with every field (description, version, levels).
 */
import { describe, expect, it } from "vitest";
import { buildAnalyzeRequest, type AnalyzedResource } from "../../cli/analyzer/pack-client";
import { generateStack } from "../../bench/generate";
import { SHARED_CASES } from "../shared/cases";
import { launchPack, secret } from "../helpers/pack";
import { UNKNOWN } from "../helpers/engine";

const urn = (t: string, n: string) => `urn:pulumi:dev::ai-access-guard-check::${t}::${n}`;

function resources(): AnalyzedResource[] {
  const out: AnalyzedResource[] = SHARED_CASES.map((c, i) => ({ type: c.pulumi.type, name: `case-${i}`, urn: urn(c.pulumi.type, `case-${i}`), properties: c.pulumi.properties }));
  for (const r of generateStack(400, 3)) out.push({ type: r.type, name: r.name, urn: r.urn, properties: r.inputs });
  // Secrets, unknowns and a type no rule reads.
  out.push({ type: "aws:lambda/function:Function", name: "s", urn: urn("aws:lambda/function:Function", "s"), properties: { role: UNKNOWN, environment: { variables: { OPENAI_API_KEY: secret("sk-proj-PLANTEDanalyze0123456789abcdef") } } } });
  out.push({ type: "aws:iam/role:Role", name: "u", urn: urn("aws:iam/role:Role", "u"), properties: { assumeRolePolicy: UNKNOWN, inlinePolicies: UNKNOWN } });
  out.push({ type: "aws:s3/bucket:Bucket", name: "b", urn: urn("aws:s3/bucket:Bucket", "b"), properties: { bucket: "b" } });
  return out;
}

describe("one-pass Analyze", () => {
  it("gives exactly the per-policy path's responses, with configuration applied, and never falls back", async () => {
    const config = { "short-ai-sessions": { enforcementLevel: "advisory" as const, maxSessionSeconds: 7200 }, "no-long-lived-access-keys": "disabled" as const, "no-wildcard-ai-actions": "remediate" as const };
    const fast = await launchPack({ config });
    const slow = await launchPack({ config, env: { AAG_ANALYZE_FASTPATH: "0" } });
    try {
      let diagnostics = 0;
      const levels = new Set<number>();
      for (const r of resources()) {
        const req = buildAnalyzeRequest(r);
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const [a, b] = await Promise.all([fast.send<any>("analyze", req), slow.send<any>("analyze", req)]);
        expect(a.toObject(), r.name).toEqual(b.toObject());
        diagnostics += a.getDiagnosticsList().length;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        for (const d of a.getDiagnosticsList() as any[]) {
          levels.add(d.getEnforcementlevel());
          expect(d.getMessage()).not.toContain("PLANTEDanalyze");
          expect(d.getPolicyname()).not.toBe("no-long-lived-access-keys");
        }
      }
      expect(diagnostics).toBeGreaterThan(50);
      expect(levels).toEqual(new Set([0, 1])); // advisory and mandatory both seen (remediate reports as mandatory)
      expect(fast.stderrText()).not.toContain("one-pass analysis failed");
    } finally {
      await Promise.all([fast.close(), slow.close()]);
    }
  });
});
