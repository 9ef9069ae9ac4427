/** The JSON report, `schemaVersion` 1 — documented in docs/report-json.md. Keys are stable; new optional keys may be added within a version. */
import { ALL_RULES } from "../../policy-pack/src";
import { frameworksOf, REPORT_SCHEMA_VERSION, sortFindings, summarize, TOOL_NAME, toolVersion, type Report, type ReportFinding } from "./model";

function findingToJson(f: ReportFinding): unknown {
  return {
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
  };
}

/** Everything but the findings, which keep their place (an empty list) in the key order. */
function reportHead(report: Report): Record<string, unknown> {
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
    findings: [],
    accessMap: report.accessMap ?? null,
    notes: report.notes,
  };
}

export function reportToJson(report: Report): unknown {
  return { ...reportHead(report), findings: sortFindings(report.findings).map(findingToJson) };
}

/** The top-level findings key as `JSON.stringify(…, null, 2)` writes it (raw quotes occur only outside strings). */
const FINDINGS_SLOT = '\n  "findings": []';
const WRAP_OPEN = "[\n  [\n";
const WRAP_CLOSE = "\n  ]\n]";

/**
 * The report as `JSON.stringify(reportToJson(report), null, 2)` writes it, in pieces: one per finding,
 * so a 40,000-finding report is never built as one string (nor copied whole) before it is written.
 */
export function* renderJsonChunks(report: Report): Generator<string> {
  const head = JSON.stringify(reportHead(report), null, 2);
  const at = head.indexOf(FINDINGS_SLOT);
  const findings = sortFindings(report.findings);
  if (at < 0 || findings.length === 0) {
    yield `${JSON.stringify(reportToJson(report), null, 2)}\n`;
    return;
  }
  yield `${head.slice(0, at)}\n  "findings": [`;
  for (let i = 0; i < findings.length; i++) {
    // Array items sit two levels deep: stringified inside two arrays, an item comes out indented as
    // it is in the whole document (`[\n  [\n    {…}\n  ]\n]`), and the wrappers are cut off.
    const nested = JSON.stringify([[findingToJson(findings[i])]], null, 2);
    yield `${i === 0 ? "" : ","}\n${nested.slice(WRAP_OPEN.length, nested.length - WRAP_CLOSE.length)}`;
  }
  yield `\n  ]${head.slice(at + FINDINGS_SLOT.length)}\n`;
}

export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join("");
}
