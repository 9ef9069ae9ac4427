/**
 * The thin CrossGuard layer: one Pulumi policy per rule, resources converted to the framework-free
 * model by type token (no `@pulumi/aws` import, so the pack starts fast).
 */
import type { Policy, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import type { ResourceModel } from "../model/resource";
import type { ResourceRule } from "../engine/types";
import { defaultsOf, schemaOf } from "../engine/config";
import { judge, runRule } from "../engine/evaluate";
import { formatFinding, frameworksLine } from "../engine/format";

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

type ViolationInfo = { message: string; enforcementLevel?: "advisory" };

export function resourcePolicy(rule: ResourceRule): ResourceValidationPolicy {
  const types = new Set(rule.appliesTo);
  return {
    name: rule.name,
    description: `${rule.id}: ${rule.title}`,
    enforcementLevel: rule.defaultLevel,
    severity: rule.severity,
    tags: [
      rule.id,
      ...rule.frameworks.owaspNhi.map((x) => `owasp-nhi:${x}`),
      ...rule.frameworks.owaspAgentic.map((x) => `owasp-agentic:${x}`),
      ...rule.frameworks.nistCsf.map((x) => `nist-csf:${x}`),
    ],
    framework: { name: "OWASP NHI Top 10", version: "2025", reference: rule.frameworks.owaspNhi.join(","), specification: frameworksLine(rule) },
    remediationSteps: rule.fix,
    configSchema: { properties: schemaOf(rule) as never },
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
      if (!types.has(args.type)) return;
      const properties = { ...defaultsOf(rule), ...(args.getConfig() as Record<string, unknown>) };
      // The configured level is applied by @pulumi/policy; only downgrades are set per finding.
      const judged = judge(runRule(rule, toModel(args), properties), { level: "mandatory", properties });
      for (const f of judged) {
        const info: ViolationInfo = { message: formatFinding(rule, f) };
        if (f.level === "advisory") info.enforcementLevel = "advisory";
        // @pulumi/policy accepts a violation object carrying its own level (server.js makeReportViolationFun).
        (reportViolation as unknown as (v: ViolationInfo) => void)(info);
      }
    },
  };
}

export function buildPolicies(rules: readonly ResourceRule[]): Policy[] {
  return rules.map(resourcePolicy);
}
