/** Violation messages a reviewer can act on: what, exactly where, why, how to fix, which framework items. */
import type { JudgedFinding, RuleMeta } from "./types";
import { redact, vouchRedacted } from "./secrets";

export function frameworksLine(rule: RuleMeta): string {
  const f = rule.frameworks;
  const parts: string[] = [];
  if (f.owaspNhi.length) parts.push(`OWASP NHI Top 10 2025: ${f.owaspNhi.join(", ")}`);
  if (f.owaspAgentic.length) parts.push(`OWASP Agentic Top 10 2026: ${f.owaspAgentic.join(", ")}`);
  if (f.nistCsf.length) parts.push(`NIST CSF 2.0: ${f.nistCsf.join(", ")}`);
  if (f.nistAiRmf.length) parts.push(`NIST AI RMF 1.0: ${f.nistAiRmf.join(", ")}`);
  return parts.join(" · ");
}

/** Machine-readable framework tags (`owasp-nhi:NHI5`, `nist-ai-rmf:MEASURE 2.7`) for policy tags, SARIF and JSON. */
export function frameworkTags(rule: Pick<RuleMeta, "frameworks">): string[] {
  const f = rule.frameworks;
  return [
    ...f.owaspNhi.map((x) => `owasp-nhi:${x}`),
    ...f.owaspAgentic.map((x) => `owasp-agentic:${x}`),
    ...f.nistCsf.map((x) => `nist-csf:${x}`),
    ...f.nistAiRmf.map((x) => `nist-ai-rmf:${x}`),
  ];
}

const CANNOT_VALIDATE_WHY =
  "The value is unknown during preview or cannot be parsed, so the rule could not judge it. This is not a pass.";
const CANNOT_VALIDATE_FIX =
  "Build the document from values known at preview (or run the check again after apply, when outputs are known); fix the document if it is malformed.";

export function shortType(type: string): string {
  const last = type.split(":").pop() ?? type;
  return last;
}

/** Longest echo of input text in one message line (a 1 MB Sid must not become a 1 MB CI log line). */
export const MAX_ECHO = 2000;

/**
 * Input text as it may appear in a message: redacted first (so clipping can never cut a key below
 * what the detectors recognise), then kept to one line (a newline in a Sid or name must not forge a
 * `Fix:` line) and clipped.
 */
export function echo(text: string, max = MAX_ECHO): string {
  const one = redact(text).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ");
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** The first line of a finding's message: `[AAG-003] UserPolicy "x" statement 1 allows …`. */
export function findingHeadline(rule: RuleMeta, f: JudgedFinding): string {
  const subject = `${echo(shortType(f.resource.type), 200)} "${echo(f.resource.name, 200)}"`;
  const tag = f.kind === "cannot-validate" ? " cannot validate:" : f.waiver ? ` waived until ${f.waiver.expires} (${echo(f.waiver.reason, 200)}):` : "";
  return `[${rule.id}]${tag} ${subject} ${echo(f.detail)}`.replace(/\s+$/, "");
}

/** The Why, Fix and Frameworks lines of a finding's message (the rule's own text). */
export function findingGuidance(rule: RuleMeta, f: Pick<JudgedFinding, "kind">): { why: string; fix: string; frameworks: string } {
  const cannot = f.kind === "cannot-validate";
  return { why: cannot ? CANNOT_VALIDATE_WHY : rule.why, fix: cannot ? CANNOT_VALIDATE_FIX : rule.fix, frameworks: frameworksLine(rule) };
}

/** The message text sent to CrossGuard (and shown by the CLI's text format). */
export function formatFinding(rule: RuleMeta, f: JudgedFinding): string {
  const guidance = findingGuidance(rule, f);
  const lines = [findingHeadline(rule, f)];
  lines.push(`Finding: ${rule.id} ${echo(f.findingId, 500)}`);
  lines.push(`Why: ${guidance.why}`);
  lines.push(`Fix: ${guidance.fix}`);
  lines.push(`Frameworks: ${guidance.frameworks}`);
  if (f.expiredWaiver) lines.push(`Waiver: expired on ${f.expiredWaiver.expires} (${echo(f.expiredWaiver.reason, 200)}); it no longer applies.`);
  // Every part taken from input went through echo() (redacted, one line, clipped); the rest is the rule's own text.
  return vouchRedacted(lines.join("\n"));
}
