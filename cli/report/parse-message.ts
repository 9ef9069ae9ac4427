/**
 * Reads the pack's messages back into report findings (`check` gets them over gRPC, `report` from
 * the event log). Message shape (policy-pack/src/engine/format.ts):
 *   [AAG-00N] Type "name" detail            (or `[AAG-00N] cannot validate: …`,
 *   Finding: AAG-00N <findingId>             `[AAG-00N] waived until YYYY-MM-DD (reason): …`)
 *   Why: …  Fix: …  Frameworks: …
 * The engine may put the policy description before it and a newline after it, and keeps colour
 * tags when the CLI ran with colour; both are tolerated. Messages of other packs are kept as
 * plain advisory/mandatory findings with their text (redacted).
 */
import { ALL_RULES, redact, shortType, type Rule } from "../../policy-pack/src";
import { categoryOf, ruleById, type ReportFinding, type ReportLevel, type ReportResource } from "./model";

/** `urn:pulumi:stack::project::parent$type::name` → type and name (the name may contain `::`). */
export function resourceFromUrn(urn: string | undefined): ReportResource {
  if (!urn) return { urn: "(stack)", type: "pulumi:pulumi:Stack", name: "(stack)" };
  const parts = urn.split("::");
  if (!urn.startsWith("urn:pulumi:") || parts.length < 4) return { urn: redact(urn), type: "unknown", name: redact(urn) };
  const qualified = parts[2];
  const type = qualified.split("$").pop() ?? qualified;
  return { urn: redact(urn), type, name: redact(parts.slice(3).join("::")) };
}

const COLOR_TAG = /<\{%[^%]*%\}>/g;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export function stripColor(s: string): string {
  return s.replace(COLOR_TAG, "").replace(ANSI, "");
}

export interface RawDiagnostic {
  readonly policyName: string;
  readonly policyPackName?: string;
  readonly message: string;
  readonly enforcementLevel: string;
  readonly urn?: string;
  readonly severity?: string;
}

function level(l: string): ReportLevel {
  // remediate is reported as mandatory by the engine; disabled policies do not report.
  return l === "mandatory" || l === "remediate" ? "mandatory" : "advisory";
}

/** Parses one diagnostic; never throws. */
export function parseDiagnostic(d: RawDiagnostic, rules: readonly Rule[] = ALL_RULES): ReportFinding {
  const lines = stripColor(d.message).replace(/\r/g, "").split("\n").map((l) => l.trimEnd());
  const headAt = lines.findIndex((l) => /^\[[A-Z]+-\d+\]/.test(l));
  const resource = resourceFromUrn(d.urn);
  const lvl = level(d.enforcementLevel);
  if (headAt < 0) {
    // Not one of our messages (another pack, or @pulumi/policy's own "can't run policy" note).
    const text = redact(lines.filter((l) => l.trim() !== "").join(" ").trim() || d.policyName);
    return { ruleId: d.policyName, policyName: d.policyName, level: lvl, kind: "violation", category: categoryOf({ kind: "violation", level: lvl }), findingId: "", message: text, resource };
  }
  const head = lines[headAt];
  const ruleId = /^\[([A-Z]+-\d+)\]/.exec(head)![1];
  const rest = lines.slice(headAt + 1);
  const field = (p: string) => rest.find((l) => l.startsWith(p))?.slice(p.length).trim();
  const findingLine = field("Finding: ");
  const findingId = findingLine?.startsWith(`${ruleId} `) ? findingLine.slice(ruleId.length + 1) : (findingLine ?? "");
  const afterTag = head.slice(ruleId.length + 2).trimStart();
  let kind: "violation" | "cannot-validate" = "violation";
  let waiver: ReportFinding["waiver"];
  if (afterTag.startsWith("cannot validate:")) kind = "cannot-validate";
  const w = /^waived until (\d{4}-\d{2}-\d{2}) \(/.exec(afterTag);
  if (w) {
    // The reason may itself hold "): "; the subject after it starts with `Type "`.
    const subject = `): ${shortType(resource.type)} "`;
    let end = afterTag.indexOf(subject, w[0].length);
    if (end < 0) end = afterTag.indexOf("): ", w[0].length);
    waiver = { expires: w[1], reason: end > 0 ? afterTag.slice(w[0].length, end) : "" };
  }
  const rule = ruleById(ruleId, rules);
  return {
    ruleId,
    policyName: rule?.name ?? d.policyName,
    severity: rule?.severity ?? (["low", "medium", "high", "critical"].includes(d.severity ?? "") ? (d.severity as ReportFinding["severity"]) : undefined),
    level: waiver || kind === "cannot-validate" ? "advisory" : lvl,
    kind,
    category: categoryOf({ kind, level: lvl, waiver }),
    findingId: redact(findingId),
    message: redact(head),
    waiver: waiver ? { reason: redact(waiver.reason), expires: waiver.expires } : undefined,
    resource,
    property: kind === "cannot-validate" && findingId.startsWith("Property::") ? findingId.slice(10) : undefined,
    why: redact(field("Why: ") ?? rule?.why ?? ""),
    fix: redact(field("Fix: ") ?? rule?.fix ?? ""),
    frameworks: field("Frameworks: "),
  };
}
