import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PackProcess } from "../../cli/analyzer/pack-client";
import { launchPack } from "../helpers/pack";
import { ALL_RULES as RESOURCE_RULES } from "../../policy-pack/src";

let pack: PackProcess;
beforeAll(async () => {
  pack = await launchPack();
});
afterAll(async () => pack?.close());

describe("the pack's policy list", () => {
  it("announces one policy per rule with its metadata", () => {
    expect(pack.info.name).toBe("ai-access-guard");
    expect(pack.info.version).toMatch(/^\d+\.\d+\.\d+/);
    const names = pack.info.policies.map((p) => p.name);
    expect(names).toEqual(RESOURCE_RULES.map((r) => r.name));
    for (const p of pack.info.policies) {
      const rule = RESOURCE_RULES.find((r) => r.name === p.name)!;
      expect(p.description).toBe(`${rule.id}: ${rule.title}`);
      expect(p.enforcementLevel).toBe(rule.defaultLevel);
      expect(p.policyType).toBe(rule.kind);
      expect(p.severity).toBeGreaterThan(0);
      expect(p.tags).toContain(rule.id);
      for (const x of rule.frameworks.nistAiRmf) expect(p.tags).toContain(`nist-ai-rmf:${x}`);
      expect(p.remediationSteps.length).toBeGreaterThan(40);
      expect(Object.keys(p.configSchema)).toContain("waivers");
    }
  });
});

/** NIST AI 100-1 (AI RMF 1.0) core: subcategories per category of each function. */
const AI_RMF: Record<string, number[]> = { GOVERN: [7, 3, 2, 3, 2, 2], MAP: [6, 3, 5, 2, 2], MEASURE: [3, 13, 3, 3], MANAGE: [4, 4, 2, 3] };
function isAiRmfSubcategory(x: string): boolean {
  const m = /^(GOVERN|MAP|MEASURE|MANAGE) (\d+)\.(\d+)$/.exec(x);
  if (!m) return false;
  const count = AI_RMF[m[1]][Number(m[2]) - 1];
  return count !== undefined && Number(m[3]) >= 1 && Number(m[3]) <= count;
}

describe("rule catalog integrity", () => {
  it("has unique, well-formed IDs and names and complete metadata", () => {
    const ids = RESOURCE_RULES.map((r) => r.id);
    const names = RESOURCE_RULES.map((r) => r.name);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(names).size).toBe(names.length);
    for (const r of RESOURCE_RULES) {
      expect(r.id).toMatch(/^AAG-\d{3}$/);
      expect(r.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.name).not.toBe("all");
      expect(r.why.length).toBeGreaterThan(80);
      expect(r.fix.length).toBeGreaterThan(60);
      expect(r.appliesTo.length).toBeGreaterThan(0);
      for (const x of r.frameworks.owaspNhi) expect(x).toMatch(/^NHI([1-9]|10)$/);
      for (const x of r.frameworks.owaspAgentic) expect(x).toMatch(/^ASI(0[1-9]|10)$/);
      for (const x of r.frameworks.nistCsf) expect(x).toMatch(/^(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-\d{2}$/);
      expect(r.frameworks.owaspNhi.length + r.frameworks.owaspAgentic.length + r.frameworks.nistCsf.length).toBeGreaterThan(1);
      // Every rule says which AI RMF function and subcategory it serves, and each one exists.
      expect(r.frameworks.nistAiRmf.length, r.id).toBeGreaterThan(0);
      for (const x of r.frameworks.nistAiRmf) expect(isAiRmfSubcategory(x), `${r.id} ${x}`).toBe(true);
    }
  });
});
