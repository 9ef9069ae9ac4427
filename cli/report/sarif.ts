/**
 * SARIF 2.1.0 for GitHub code scanning: every rule with help text and framework tags, results with
 * rule IDs, levels and locations (physical when the source position or the scanned file is known,
 * logical — the URN — always), waived findings as accepted suppressions.
 */
import { createHash } from "crypto";
import { ALL_RULES, frameworksLine, type Rule } from "../../policy-pack/src";
import { frameworksOf, INFORMATION_URI, TOOL_NAME, toolVersion, type Report, type ReportFinding } from "./model";
import { mdRuleText } from "./escape";

const SECURITY_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

function ruleDescriptor(rule: Rule) {
  const fw = frameworksLine(rule);
  return {
    id: rule.id,
    name: rule.name.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.why },
    help: {
      text: `${rule.title}\n\nWhy: ${rule.why}\n\nFix: ${rule.fix}\n\nFrameworks: ${fw}`,
      markdown: `**${mdRuleText(rule.title)}**\n\n**Why:** ${mdRuleText(rule.why)}\n\n**Fix:** ${mdRuleText(rule.fix)}\n\nFrameworks: ${mdRuleText(fw)}`,
    },
    defaultConfiguration: { level: rule.defaultLevel === "mandatory" ? "error" : "warning" },
    properties: { tags: ["security", ...frameworksOf(rule)], precision: "high", "problem.severity": rule.defaultLevel === "mandatory" ? "error" : "warning", "security-severity": SECURITY_SEVERITY[rule.severity] ?? "5.0", policyName: rule.name },
  };
}

function level(f: ReportFinding): "error" | "warning" | "note" {
  if (f.kind === "cannot-validate") return "note";
  return f.level === "mandatory" ? "error" : "warning";
}

export function reportToSarif(report: Report): unknown {
  const rules = [...ALL_RULES];
  const extra = new Map<string, ReportFinding>();
  for (const f of report.findings) if (!rules.some((r) => r.id === f.ruleId) && !extra.has(f.ruleId)) extra.set(f.ruleId, f);
  const descriptors: unknown[] = rules.map(ruleDescriptor);
  for (const [id, f] of extra) descriptors.push({ id, name: id, shortDescription: { text: `policy ${f.policyName} (not an ai-access-guard rule)` }, help: { text: f.message }, properties: { tags: ["security"] } });
  const index = new Map<string, number>();
  [...rules.map((r) => r.id), ...extra.keys()].forEach((id, i) => index.set(id, i));

  const results = report.findings.map((f) => {
    const logical = { fullyQualifiedName: f.resource.urn, name: f.resource.name, kind: "resource" };
    const location: Record<string, unknown> = { logicalLocations: [logical] };
    if (f.physicalLocation) {
      const region = f.physicalLocation.line ? { startLine: f.physicalLocation.line, ...(f.physicalLocation.column ? { startColumn: f.physicalLocation.column } : {}) } : undefined;
      location.physicalLocation = { artifactLocation: { uri: f.physicalLocation.uri, uriBaseId: "%SRCROOT%" }, ...(region ? { region } : {}) };
    }
    const fingerprint = createHash("sha256").update(`${f.ruleId}|${f.resource.urn}|${f.findingId}|${f.kind}`).digest("hex");
    return {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: level(f),
      kind: "fail",
      message: { text: [f.message, f.fix ? `Fix: ${f.fix}` : ""].filter(Boolean).join("\n") },
      locations: [location],
      partialFingerprints: { "aagFinding/v1": fingerprint },
      properties: { findingId: f.findingId, category: f.category, enforcementLevel: f.level, resourceType: f.resource.type, ...(f.severity ? { severity: f.severity } : {}) },
      ...(f.waiver ? { suppressions: [{ kind: "external", status: "accepted", justification: `${f.waiver.reason}${f.waiver.expires ? ` (until ${f.waiver.expires})` : ""}` }] } : {}),
    };
  });

  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: toolVersion(), semanticVersion: toolVersion(), informationUri: INFORMATION_URI, rules: descriptors } },
        automationDetails: { id: `${TOOL_NAME}/${report.command}/` },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.notes.map((n) => ({ level: "note", message: { text: n } })),
          },
        ],
        ...(report.findings.some((f) => f.physicalLocation) ? { originalUriBaseIds: { "%SRCROOT%": { description: { text: "The directory ai-access-guard ran in." } } } } : {}),
        results,
        properties: { input: report.input, resourceCount: report.resourceCount ?? null },
      },
    ],
  };
}

export function renderSarif(report: Report): string {
  return `${JSON.stringify(reportToSarif(report), null, 2)}\n`;
}
