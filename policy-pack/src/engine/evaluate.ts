/**
 * Runs rules over resources and judges the findings: effective level, waivers. Never throws for
 * a resource: a rule failure becomes a "cannot validate" finding, so a preview is never broken.
 */
import type { ResourceModel } from "../model/resource";
import type { Finding, JudgedFinding, ResourceRule, RuleContext } from "./types";
import type { RuleSettings, Waiver } from "./config";
import { wildcardMatches } from "../iam/patterns";

export function runRule(rule: ResourceRule, resource: ResourceModel, properties: Readonly<Record<string, unknown>>): Finding[] {
  const findings: Finding[] = [];
  const ref = { type: resource.type, name: resource.name, urn: resource.urn, location: resource.location, source: resource.source };
  const seen = new Set<string>();
  const push = (f: Finding) => {
    const key = `${f.kind}|${f.findingId}|${f.detail}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(f);
  };
  const ctx: RuleContext = {
    config: properties,
    resource,
    violation(findingId, detail, opts) {
      push({ ruleId: rule.id, kind: "violation", findingId, detail, resource: ref, property: opts?.property, advisoryOnly: opts?.advisoryOnly });
    },
    cannotValidate(property, detail) {
      push({ ruleId: rule.id, kind: "cannot-validate", findingId: `Property::${property}`, detail, resource: ref, property });
    },
  };
  try {
    rule.check(resource, ctx);
  } catch (e) {
    // Only the error class is shown: messages of deep errors may quote input values.
    const kind = e instanceof Error ? e.name : "error";
    push({
      ruleId: rule.id,
      kind: "cannot-validate",
      findingId: "Property::*",
      detail: `the rule could not evaluate this resource (${kind}); it was not judged.`,
      resource: ref,
    });
  }
  return findings;
}

export function waiverApplies(w: Waiver, f: Finding): boolean {
  const resourceHit = w.resource === f.resource.urn || wildcardMatches(w.resource, f.resource.name) || wildcardMatches(w.resource, f.resource.urn);
  if (!resourceHit) return false;
  if (w.finding === undefined || w.finding === "") return true;
  return w.finding === f.findingId || wildcardMatches(w.finding, f.findingId);
}

export function isExpired(w: Waiver, now: Date): boolean {
  return Date.parse(`${w.expires}T23:59:59Z`) < now.getTime();
}

/** Applies the rule's level and waivers. Expired waivers do not apply (they are reported by the caller). */
export function judge(findings: Finding[], settings: RuleSettings, now: Date = new Date()): JudgedFinding[] {
  const waivers = (Array.isArray(settings.properties.waivers) ? settings.properties.waivers : []) as Waiver[];
  const out: JudgedFinding[] = [];
  for (const f of findings) {
    const base = settings.level === "disabled" ? "advisory" : settings.level;
    let level: "mandatory" | "advisory" = f.kind === "cannot-validate" || f.advisoryOnly ? "advisory" : base;
    const matching = f.kind === "violation" ? waivers.filter((w) => waiverApplies(w, f)) : [];
    const waiver = matching.find((w) => !isExpired(w, now));
    const expired = waiver ? undefined : matching[0];
    if (waiver) level = "advisory";
    out.push({
      ...f,
      level,
      waiver: waiver ? { reason: waiver.reason, expires: waiver.expires } : undefined,
      expiredWaiver: expired ? { reason: expired.reason, expires: expired.expires } : undefined,
    });
  }
  return out;
}

export function evaluateResource(
  resource: ResourceModel,
  rules: readonly ResourceRule[],
  settings: ReadonlyMap<string, RuleSettings>,
  now: Date = new Date(),
): JudgedFinding[] {
  const out: JudgedFinding[] = [];
  for (const rule of rules) {
    if (!rule.appliesTo.includes(resource.type) && !rule.appliesTo.includes("*")) continue;
    const s = settings.get(rule.name);
    if (!s || s.level === "disabled") continue;
    out.push(...judge(runRule(rule, resource, s.properties), s, now));
  }
  return out;
}
