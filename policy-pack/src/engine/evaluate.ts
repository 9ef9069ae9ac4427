/**
 * Runs rules over resources and judges the findings: effective level, waivers. Never throws for
 * a resource: a rule failure becomes a "cannot validate" finding, so a preview is never broken.
 */
import type { ResourceModel } from "../model/resource";
import type { Finding, JudgedFinding, ResourceRule, RuleContext } from "./types";
import type { RuleSettings, Waiver } from "./config";
import { wildcardMatches } from "../iam/patterns";

export function runRule(rule: ResourceRule, resource: ResourceModel, properties: Readonly<Record<string, unknown>>): readonly Finding[] {
  const run = new RuleRun(rule, resource, properties);
  try {
    rule.check(resource, run);
  } catch (e) {
    // Only the error class is shown: messages of deep errors may quote input values.
    const kind = e instanceof Error ? e.name : "error";
    run.push({
      ruleId: rule.id,
      kind: "cannot-validate",
      findingId: "Property::*",
      detail: `the rule could not evaluate this resource (${kind}); it was not judged.`,
      resource: run.ref(),
    });
  }
  return run.findings;
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/**
 * One rule on one resource: the context the rule reports to. A class, not an object of closures: it
 * is made once per rule and resource (tens of thousands per stack), and most runs report nothing.
 */
class RuleRun implements RuleContext {
  findings: Finding[] = NO_FINDINGS as Finding[]; // shared and frozen until the first finding
  private seen: Set<string> | undefined;
  private resourceRef: Finding["resource"] | undefined;

  constructor(
    private readonly rule: ResourceRule,
    readonly resource: ResourceModel,
    readonly config: Readonly<Record<string, unknown>>,
  ) {}

  ref(): Finding["resource"] {
    const r = this.resource;
    return (this.resourceRef ??= { type: r.type, name: r.name, urn: r.urn, location: r.location, source: r.source });
  }

  push(f: Finding): void {
    const key = `${f.kind}|${f.findingId}|${f.detail}`;
    if (!this.seen) {
      this.seen = new Set();
      this.findings = [];
    }
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.findings.push(f);
  }

  violation(findingId: string, detail: string, opts?: { property?: string; advisoryOnly?: boolean }): void {
    this.push({ ruleId: this.rule.id, kind: "violation", findingId, detail, resource: this.ref(), property: opts?.property, advisoryOnly: opts?.advisoryOnly });
  }

  cannotValidate(property: string, detail: string): void {
    this.push({ ruleId: this.rule.id, kind: "cannot-validate", findingId: `Property::${property}`, detail, resource: this.ref(), property });
  }
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
const NO_WAIVERS: readonly Waiver[] = Object.freeze([]);

export function judge(findings: readonly Finding[], settings: RuleSettings, now: Date = new Date()): JudgedFinding[] {
  const waivers = (Array.isArray(settings.properties.waivers) ? settings.properties.waivers : []) as Waiver[];
  const out: JudgedFinding[] = [];
  for (const f of findings) {
    const base = settings.level === "disabled" ? "advisory" : settings.level;
    let level: "mandatory" | "advisory" = f.kind === "cannot-validate" || f.advisoryOnly ? "advisory" : base;
    const matching = f.kind === "violation" && waivers.length > 0 ? waivers.filter((w) => waiverApplies(w, f)) : NO_WAIVERS;
    const waiver = matching.length === 0 ? undefined : matching.find((w) => !isExpired(w, now));
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

const byTypeOf = new WeakMap<readonly ResourceRule[], Map<string, readonly ResourceRule[]>>();

/** The rules that apply to a type token, in their order; worked out once per rule list and type. */
function rulesForType(rules: readonly ResourceRule[], type: string): readonly ResourceRule[] {
  let byType = byTypeOf.get(rules);
  if (!byType) byTypeOf.set(rules, (byType = new Map()));
  let hit = byType.get(type);
  if (!hit) {
    hit = rules.filter((rule) => rule.appliesTo.includes(type) || rule.appliesTo.includes("*"));
    // Type tokens come from the input: a stack of thousands of distinct ones must not grow this without bound.
    if (byType.size >= 4096) byType.clear();
    byType.set(type, hit);
  }
  return hit;
}

export function evaluateResource(
  resource: ResourceModel,
  rules: readonly ResourceRule[],
  settings: ReadonlyMap<string, RuleSettings>,
  now: Date = new Date(),
): JudgedFinding[] {
  const out: JudgedFinding[] = [];
  for (const rule of rulesForType(rules, resource.type)) {
    const s = settings.get(rule.name);
    if (!s || s.level === "disabled") continue;
    const found = runRule(rule, resource, s.properties);
    if (found.length > 0) for (const f of judge(found, s, now)) out.push(f);
  }
  return out;
}
