/**
 * The thin CrossGuard layer: one Pulumi policy per rule, resources converted to the framework-free
 * model by type token (no `@pulumi/aws` import, so the pack starts fast).
 */
import type { Policy, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import type { ResourceModel } from "../model/resource";
import type { JudgedFinding, ResourceRule, Rule, RuleMeta, StackRule } from "../engine/types";
import { defaultsOf, schemaOf } from "../engine/config";
import { judge, runRule } from "../engine/evaluate";
import { runStackRule } from "../engine/evaluate-stack";
import { buildStackView } from "../stack/view";
import { configEpoch } from "./observed-config";
import { formatFinding, frameworksLine, frameworkTags } from "../engine/format";

const PROXY_TARGET = "__getSpecialProxyTarget";

/** The raw inputs behind @pulumi/policy's unknown-checking proxy: unknowns stay sentinels, no throw. */
export function rawProps(args: Pick<ResourceValidationArgs, "props">): Record<string, unknown> {
  const p = args.props as Record<string, unknown>;
  const target = p?.[PROXY_TARGET];
  return (target ?? p ?? {}) as Record<string, unknown>;
}

export function toModel(args: Pick<ResourceValidationArgs, "type" | "props" | "urn" | "name">): ResourceModel {
  return { type: args.type, name: args.name, urn: args.urn, properties: rawProps(args), source: "pulumi" };
}

type ViolationInfo = { message: string; enforcementLevel?: "advisory"; urn?: string };

/** Metadata every policy carries: description, level, severity, framework tags, remediation, schema. */
function policyMeta(rule: RuleMeta) {
  return {
    name: rule.name,
    description: `${rule.id}: ${rule.title}`,
    enforcementLevel: rule.defaultLevel,
    severity: rule.severity,
    tags: [rule.id, ...frameworkTags(rule)],
    framework: { name: "OWASP NHI Top 10", version: "2025", reference: rule.frameworks.owaspNhi.join(","), specification: frameworksLine(rule) },
    remediationSteps: rule.fix,
    configSchema: { properties: schemaOf(rule) as never },
  };
}

function report(rule: RuleMeta, judged: JudgedFinding[], reportViolation: ReportViolation, withUrn: boolean): void {
  for (const f of judged) {
    const info: ViolationInfo = { message: formatFinding(rule, f) };
    // The configured level is applied by @pulumi/policy; only downgrades are set per finding.
    if (f.level === "advisory") info.enforcementLevel = "advisory";
    if (withUrn) info.urn = f.resource.urn;
    // @pulumi/policy accepts a violation object carrying its own level and URN (server.js makeReportViolationFun).
    (reportViolation as unknown as (v: ViolationInfo) => void)(info);
  }
}

const settingsCache = new Map<string, { epoch: number; settings: { level: "mandatory"; properties: Record<string, unknown> } }>();

/** Schema defaults merged with the configured properties; merged once per Configure when it is observed. */
function settingsFor(rule: RuleMeta, getConfig: () => unknown) {
  const epoch = configEpoch();
  const hit = epoch === undefined ? undefined : settingsCache.get(rule.name);
  if (hit && hit.epoch === epoch) return hit.settings;
  const settings = { level: "mandatory" as const, properties: { ...defaultsOf(rule), ...(getConfig() as Record<string, unknown>) } };
  if (epoch !== undefined) settingsCache.set(rule.name, { epoch, settings });
  return settings;
}

export function resourcePolicy(rule: ResourceRule): ResourceValidationPolicy {
  const types = new Set(rule.appliesTo);
  const any = types.has("*");
  return {
    ...policyMeta(rule),
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
      if (!any && !types.has(args.type)) return;
      const s = settingsFor(rule, args.getConfig);
      report(rule, judge(runRule(rule, toModel(args), s.properties), s), reportViolation, false);
    },
  };
}

export function stackPolicy(rule: StackRule): StackValidationPolicy {
  return {
    ...policyMeta(rule),
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      // Normally AnalyzeStack is answered in one pass by stack-fastpath.ts; this per-policy path is
      // its fallback (and what AAG_STACK_FASTPATH=0 runs), so it stays plain.
      const s = settingsFor(rule, args.getConfig);
      const resources = args.resources.map((r): ResourceModel => {
        const deps: Record<string, string[]> = {};
        for (const [k, v] of Object.entries(r.propertyDependencies ?? {})) deps[k] = (v as { urn: string }[]).map((d) => d.urn);
        return { ...toModel({ type: r.type, props: r.props, urn: r.urn, name: r.name }), parent: r.parent?.urn, propertyDependencies: deps };
      });
      const view = buildStackView(resources, s.properties);
      report(rule, judge(runStackRule(rule, view, s.properties), s), reportViolation, true);
    },
  };
}

export function buildPolicies(rules: readonly Rule[]): Policy[] {
  return rules.map((r) => (r.kind === "resource" ? resourcePolicy(r) : stackPolicy(r)));
}
