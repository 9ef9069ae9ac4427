/**
 * Whole-stack evaluation for callers that have every resource at once (the CLI's `scan`, the
 * Terraform adapter, the cdktf aspect): resource rules on each resource, then stack rules on the
 * stack view. The pack does the same split over Analyze and AnalyzeStack.
 */
import type { ResourceModel } from "../model/resource";
import type { Finding, JudgedFinding, ResourceRule, Rule, StackRule, StackRuleContext } from "./types";
import type { RuleSettings } from "./config";
import { evaluateResource, judge } from "./evaluate";
import { buildStackView, type StackView } from "../stack/view";
import { withParseScope } from "../iam/document";
import { redact } from "./secrets";

export function runStackRule(rule: StackRule, view: StackView, properties: Readonly<Record<string, unknown>>): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const ref = (r: ResourceModel) => ({ type: r.type, name: r.name, urn: r.urn, location: r.location, source: r.source });
  const push = (f: Finding) => {
    const k = `${f.resource.urn}|${f.kind}|${f.findingId}|${f.detail}`;
    if (!seen.has(k)) {
      seen.add(k);
      findings.push(f);
    }
  };
  const ctx: StackRuleContext = {
    config: properties,
    violation(resource, findingId, detail, opts) {
      push({ ruleId: rule.id, kind: "violation", findingId, detail, resource: ref(resource), property: opts?.property, advisoryOnly: opts?.advisoryOnly });
    },
    cannotValidate(resource, property, detail) {
      push({ ruleId: rule.id, kind: "cannot-validate", findingId: `Property::${property}`, detail, resource: ref(resource), property });
    },
  };
  try {
    rule.checkStack(view, ctx);
  } catch (e) {
    const kind = e instanceof Error ? e.name : "error";
    const first = view.resources[0];
    if (first) push({ ruleId: rule.id, kind: "cannot-validate", findingId: "Property::*", detail: `the stack rule could not evaluate the stack (${kind}); it was not judged.`, resource: ref(first) });
  }
  return findings;
}

/**
 * The stack view as the stack rules see it: built with the first stack rule's settings (the view
 * depends only on the shared AI-service setting). For callers that draw maps from the same view.
 */
export function stackViewFor(resources: readonly ResourceModel[], rules: readonly Rule[], settings?: ReadonlyMap<string, RuleSettings>): StackView {
  const first = rules.find((r) => r.kind === "stack");
  return buildStackView(resources, (first && settings?.get(first.name)?.properties) ?? {});
}

/**
 * A finding whose detail and ID hold no secret (they are shown and used as waiver targets). Values
 * secret by origin and the detectors' matches are masked in one pass over the original text:
 * masking by origin first could remove the context a detector needs (a registered `API_TOKEN` label
 * in front of a hexadecimal key), and the key would then be shown whole.
 */
export function withoutSecretValues(f: JudgedFinding): JudgedFinding {
  const detail = redact(f.detail);
  const findingId = redact(f.findingId);
  return detail === f.detail && findingId === f.findingId ? f : { ...f, detail, findingId };
}

export interface StackEvaluation {
  readonly findings: JudgedFinding[];
  readonly view: StackView;
}

export function evaluateStack(
  resources: readonly ResourceModel[],
  rules: readonly Rule[],
  settings: ReadonlyMap<string, RuleSettings>,
  now: Date = new Date(),
): StackEvaluation {
  return withParseScope(() => evaluateStackInScope(resources, rules, settings, now));
}

function evaluateStackInScope(resources: readonly ResourceModel[], rules: readonly Rule[], settings: ReadonlyMap<string, RuleSettings>, now: Date): StackEvaluation {
  const resourceRules = rules.filter((r): r is ResourceRule => r.kind === "resource");
  const stackRules = rules.filter((r): r is StackRule => r.kind === "stack");
  const findings: JudgedFinding[] = [];
  for (const r of resources) findings.push(...evaluateResource(r, resourceRules, settings, now));
  // Shared settings (AI services) come from the first stack rule's config; each rule still gets its own.
  const view = stackViewFor(resources, stackRules, settings);
  for (const rule of stackRules) {
    const s = settings.get(rule.name);
    if (!s || s.level === "disabled") continue;
    findings.push(...judge(runStackRule(rule, view, s.properties), s, now));
  }
  // The view outlives the rules (reports draw maps from it); what the rules asked is not kept with it.
  for (const p of view.principals) p.access.forget();
  return { findings: findings.map(withoutSecretValues), view };
}
