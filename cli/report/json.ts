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
  const strings = new Map<string, string>();
  for (let i = 0; i < findings.length; i++) yield `${i === 0 ? "" : ","}\n${findingItem(findingToJson(findings[i]) as Record<string, unknown>, strings)}`;
  yield `\n  ]${head.slice(at + FINDINGS_SLOT.length)}\n`;
}

const ITEM_INDENT = "    ";
const FIELD_INDENT = "      ";

/**
 * One finding as `JSON.stringify(…, null, 2)` writes it as an item of the top-level findings array
 * (four spaces deep). Every finding repeats its rule's long texts (why, fix, frameworks): their JSON
 * form is made once per distinct string. Nested objects are stringified whole and indented: JSON text
 * has no raw newline inside a string, so each newline of it is a line break of the layout.
 */
function findingItem(item: Record<string, unknown>, strings: Map<string, string>): string {
  let out = `${ITEM_INDENT}{`;
  let first = true;
  for (const key of Object.keys(item)) {
    const value = item[key];
    let text: string | undefined;
    if (typeof value === "string") {
      text = strings.get(value);
      if (text === undefined) {
        text = JSON.stringify(value);
        if (strings.size < 50_000) strings.set(value, text);
      }
    } else if (value !== null && typeof value === "object") {
      const nested = JSON.stringify(value, null, 2);
      text = nested === undefined ? undefined : nested.includes("\n") ? nested.replace(/\n/g, `\n${FIELD_INDENT}`) : nested;
    } else text = JSON.stringify(value);
    // JSON.stringify leaves out keys whose value it cannot write (undefined, functions).
    if (text === undefined) continue;
    out += `${first ? "" : ","}\n${FIELD_INDENT}${JSON.stringify(key)}: ${text}`;
    first = false;
  }
  return first ? `${ITEM_INDENT}{}` : `${out}\n${ITEM_INDENT}}`;
}

export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join("");
}
