/** Calls rules directly (not through `runRule`'s safety net), so a thrown error fails the property with its stack. */
import {
  ALL_RULES,
  RESOURCE_RULES,
  STACK_RULES,
  buildStackView,
  formatFinding,
  judge,
  resolveConfig,
  ruleById,
  unwrapSecrets,
  type Finding,
  type JudgedFinding,
  type ResourceModel,
  type ResourceRule,
  type RuleContext,
  type StackRuleContext,
} from "../../policy-pack/src";
import type { GenResource } from "./arbitraries";

export const SETTINGS = resolveConfig(ALL_RULES, {});
export const NOW = new Date("2026-11-28T00:00:00Z");

export function toModel(r: GenResource): ResourceModel {
  return { type: r.type, name: r.name, urn: r.urn, properties: unwrapSecrets(r.properties) as Record<string, unknown>, source: "pulumi" };
}

const refOf = (r: ResourceModel) => ({ type: r.type, name: r.name, urn: r.urn, location: r.location, source: r.source });

/** Every finding of one resource rule; rethrows what the rule throws. */
export function checkResource(rule: ResourceRule, resource: ResourceModel, config: Readonly<Record<string, unknown>> = SETTINGS.get(rule.name)!.properties): Finding[] {
  const out: Finding[] = [];
  const ctx: RuleContext = {
    config,
    resource,
    violation: (findingId, detail, opts) => out.push({ ruleId: rule.id, kind: "violation", findingId, detail, resource: refOf(resource), property: opts?.property, advisoryOnly: opts?.advisoryOnly }),
    cannotValidate: (property, detail) => out.push({ ruleId: rule.id, kind: "cannot-validate", findingId: `Property::${property}`, detail, resource: refOf(resource), property }),
  };
  rule.check(resource, ctx);
  return out;
}

export function applies(rule: { appliesTo: readonly string[] }, type: string): boolean {
  return rule.appliesTo.includes(type) || rule.appliesTo.includes("*");
}

/** All resource rules on each resource, then the stack view and every stack rule; no safety net. */
export function judgeAll(resources: readonly ResourceModel[]): JudgedFinding[] {
  const out: JudgedFinding[] = [];
  for (const r of resources) {
    for (const rule of RESOURCE_RULES) {
      if (!applies(rule, r.type)) continue;
      const s = SETTINGS.get(rule.name)!;
      out.push(...judge(checkResource(rule, r, s.properties), s, NOW));
    }
  }
  const view = buildStackView(resources, SETTINGS.get(STACK_RULES[0].name)!.properties);
  for (const rule of STACK_RULES) {
    const s = SETTINGS.get(rule.name)!;
    const found: Finding[] = [];
    const ctx: StackRuleContext = {
      config: s.properties,
      violation: (res, findingId, detail, opts) => found.push({ ruleId: rule.id, kind: "violation", findingId, detail, resource: refOf(res), property: opts?.property, advisoryOnly: opts?.advisoryOnly }),
      cannotValidate: (res, property, detail) => found.push({ ruleId: rule.id, kind: "cannot-validate", findingId: `Property::${property}`, detail, resource: refOf(res), property }),
    };
    rule.checkStack(view, ctx);
    out.push(...judge(found, s, NOW));
  }
  return out;
}

export const ruleOf = (id: string) => ruleById(id)!;
export const format = (f: JudgedFinding) => formatFinding(ruleOf(f.ruleId), f);

/** The engine's verdict on a finding set, insensitive to how values were spelled. */
export function verdict(findings: readonly JudgedFinding[]): string[] {
  return [...new Set(findings.map((f) => `${f.ruleId}|${f.kind}|${f.level}|${f.property ?? ""}|${f.findingId.toLowerCase()}`))].sort();
}
