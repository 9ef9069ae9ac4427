/**
 * The shared table (test/shared/cases.ts) judged four ways must give the same rule IDs and finding
 * IDs: Pulumi-shaped properties (the pack), Terraform plan JSON, cdk.tf.json, and the cdktf aspect.
 */
import { describe, expect, it } from "vitest";
import { App, Aspects, TerraformStack, Testing } from "cdktf";
import { ALL_RULES, evaluateStack, resolveConfig, type JudgedFinding, type ResourceModel } from "../../policy-pack/src";
import { evaluateTerraformResources, resourcesFromCdktfJson, resourcesFromTerraformPlan } from "../../policy-pack/src/adapters/terraform";
import { AiAccessGuardAspect } from "../../cdktf";
import { SHARED_CASES, type SharedCase } from "../shared/cases";
import { planJson } from "../shared/plan-json";

const NOW = new Date("2026-11-28T00:00:00Z");
type Summary = { ruleIds: string[]; findings: string[] };

function summarise(fs: Array<Pick<JudgedFinding, "ruleId" | "findingId" | "kind" | "level">>): Summary {
  const v = fs.filter((f) => f.kind === "violation" && f.level === "mandatory");
  return {
    ruleIds: [...new Set(v.map((f) => f.ruleId))].sort(),
    // Every finding, of any kind or level: the sides must agree on cannot-validate too.
    findings: fs.map((f) => `${f.kind} ${f.level} ${f.ruleId} ${f.findingId}`).sort(),
  };
}

function pulumiSide(c: SharedCase): Summary {
  const r: ResourceModel = { type: c.pulumi.type, name: "subject", urn: `urn:pulumi:dev::p::${c.pulumi.type}::subject`, properties: c.pulumi.properties, source: "pulumi" };
  return summarise(evaluateStack([r], ALL_RULES, resolveConfig(ALL_RULES, {}), NOW).findings);
}

function planSide(c: SharedCase): Summary & { models: ResourceModel[] } {
  const models = resourcesFromTerraformPlan(JSON.stringify(planJson([{ type: c.terraform.type, name: "subject", values: c.terraform.values }])));
  return { ...summarise(evaluateTerraformResources(models, {}, NOW)), models };
}

function cdktfSides(c: SharedCase): { json: Summary; aspect: Summary; errors: number } {
  const app = new App({ outdir: "/tmp/aag-unused", skipValidation: true });
  const stack = new TerraformStack(app, "stack");
  const subject = c.cdktf(stack, "subject");
  Aspects.of(stack).add(new AiAccessGuardAspect({}, { now: NOW }));
  Testing.synth(stack); // runs the aspects (but not the error check)
  const annotations = subject.node.metadata.filter((m) => m.type === "@cdktf/error" || m.type === "@cdktf/warn");
  const fromAspect = annotations.map((m) => {
    const line = String(m.data).split("\n").find((l) => l.startsWith("Finding: "))!;
    const [, ruleId, findingId] = /^Finding: (\S+) (.*)$/.exec(line)!;
    const kind = /^\[[^\]]+\] cannot validate:/.test(String(m.data)) ? "cannot-validate" : "violation";
    return { ruleId, findingId, kind, level: m.type === "@cdktf/error" ? "mandatory" : "advisory" } as const;
  });
  const json = summarise(evaluateTerraformResources(resourcesFromCdktfJson(stack.toTerraform()), {}, NOW));
  return { json, aspect: summarise(fromAspect), errors: annotations.filter((m) => m.type === "@cdktf/error").length };
}

describe("shared cases: the same rule IDs on Pulumi, Terraform plan JSON and cdktf", () => {
  it("has a violating and a compliant case for each of the credential, IAM and AI-path rules", () => {
    for (const id of ["AAG-001", "AAG-002", "AAG-003", "AAG-004", "AAG-005", "AAG-006", "AAG-020", "AAG-024", "AAG-025"]) {
      expect(SHARED_CASES.some((c) => c.rule === id && c.violating), `${id} violating`).toBe(true);
      expect(SHARED_CASES.some((c) => c.rule === id && !c.violating), `${id} compliant`).toBe(true);
    }
  });

  it.each(SHARED_CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const pulumi = pulumiSide(c);
    expect(pulumi.ruleIds.includes(c.rule)).toBe(c.violating);
    if (!c.violating) expect(pulumi.findings.filter((f) => f.includes(` ${c.rule} `))).toEqual([]);

    const plan = planSide(c);
    expect(plan.models).toHaveLength(1);
    expect(plan.models[0]).toMatchObject({ type: c.pulumi.type, name: `${c.terraform.type}.subject`, urn: `${c.terraform.type}.subject`, source: "terraform" });
    expect(plan.ruleIds).toEqual(pulumi.ruleIds);
    expect(plan.findings).toEqual(pulumi.findings);

    const cdktf = cdktfSides(c);
    expect(cdktf.json.findings).toEqual(pulumi.findings);
    expect(cdktf.aspect.findings).toEqual(pulumi.findings);
    expect(cdktf.aspect.ruleIds).toEqual(pulumi.ruleIds);
    expect(cdktf.errors).toBe(pulumi.findings.filter((f) => f.startsWith("violation mandatory")).length);
  });
});
