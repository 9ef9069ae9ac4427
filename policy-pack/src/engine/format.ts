/** Violation messages a reviewer can act on: what, exactly where, why, how to fix, which framework items. */
import type { JudgedFinding, RuleMeta } from "./types";
import { redact } from "./secrets";

export function frameworksLine(rule: RuleMeta): string {
  const f = rule.frameworks;
  const parts: string[] = [];
  if (f.owaspNhi.length) parts.push(`OWASP NHI Top 10 2025: ${f.owaspNhi.join(", ")}`);
  if (f.owaspAgentic.length) parts.push(`OWASP Agentic Top 10 2026: ${f.owaspAgentic.join(", ")}`);
  if (f.nistCsf.length) parts.push(`NIST CSF 2.0: ${f.nistCsf.join(", ")}`);
  return parts.join(" · ");
}

const CANNOT_VALIDATE_WHY =
  "The value is unknown during preview or cannot be parsed, so the rule could not judge it. This is not a pass.";
const CANNOT_VALIDATE_FIX =
  "Build the document from values known at preview (or run the check again after apply, when outputs are known); fix the document if it is malformed.";

export function shortType(type: string): string {
  const last = type.split(":").pop() ?? type;
  return last;
}

/** The message text sent to CrossGuard (and shown by the CLI's text format). */
export function formatFinding(rule: RuleMeta, f: JudgedFinding): string {
  const subject = `${shortType(f.resource.type)} "${f.resource.name}"`;
  const tag = f.kind === "cannot-validate" ? " cannot validate:" : f.waiver ? ` waived until ${f.waiver.expires} (${f.waiver.reason}):` : "";
  const lines = [`[${rule.id}]${tag} ${subject} ${f.detail}`.replace(/\s+$/, "")];
  lines.push(`Finding: ${rule.id} ${f.findingId}`);
  lines.push(`Why: ${f.kind === "cannot-validate" ? CANNOT_VALIDATE_WHY : rule.why}`);
  lines.push(`Fix: ${f.kind === "cannot-validate" ? CANNOT_VALIDATE_FIX : rule.fix}`);
  lines.push(`Frameworks: ${frameworksLine(rule)}`);
  if (f.expiredWaiver) lines.push(`Waiver: expired on ${f.expiredWaiver.expires} (${f.expiredWaiver.reason}); it no longer applies.`);
  // Last line of defence: inputs may hold secrets the engine no longer marks as such.
  return redact(lines.join("\n"));
}
