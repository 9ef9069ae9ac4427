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
      expect(p.remediationSteps.length).toBeGreaterThan(40);
      expect(Object.keys(p.configSchema)).toContain("waivers");
    }
  });
});

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
    }
  });
});
