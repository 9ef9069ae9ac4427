/** The JSON report, `schemaVersion` 1 — documented in docs/report-json.md. Keys are stable; new optional keys may be added within a version. */
import { ALL_RULES } from "../../policy-pack/src";
import { frameworksOf, REPORT_SCHEMA_VERSION, sortFindings, summarize, TOOL_NAME, toolVersion, type Report } from "./model";

export function reportToJson(report: Report): unknown {
  const s = summarize(report.findings);
  const usedRules = new Set(report.findings.map((f) => f.ruleId));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: toolVersion() },
    command: report.command,
    input: report.input,
    resourceCount: report.resourceCount ?? null,
    passed: s.mandatory === 0,
    summary: { mandatory: s.mandatory, advisory: s.advisory, waived: s.waived, cannotValidate: s["cannot-validate"], total: s.total },
    rules: ALL_RULES.filter((r) => usedRules.has(r.id)).map((r) => ({ id: r.id, name: r.name, title: r.title, severity: r.severity, defaultLevel: r.defaultLevel, tags: frameworksOf(r) })),
    findings: sortFindings(report.findings).map((f) => ({
      ruleId: f.ruleId,
      policyName: f.policyName,
      severity: f.severity ?? null,
      level: f.level,
      category: f.category,
      kind: f.kind,
      findingId: f.findingId,
      message: f.message,
      resource: { urn: f.resource.urn, type: f.resource.type, name: f.resource.name, location: f.resource.location ?? null },
      property: f.property ?? null,
      waiver: f.waiver ? { reason: f.waiver.reason, expires: f.waiver.expires ?? null } : null,
      why: f.why ?? null,
      fix: f.fix ?? null,
      frameworks: f.frameworks ?? null,
      physicalLocation: f.physicalLocation ?? null,
    })),
    accessMap: report.accessMap ?? null,
    notes: report.notes,
  };
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(reportToJson(report), null, 2)}\n`;
}
