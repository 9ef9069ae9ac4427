/**
 * Plain text for terminals and logs: grouped by resource, mandatory first, one-line summary last.
 * Every input-derived value goes through `textValue` (escape.ts): no value prints a line break,
 * an escape sequence or a bidi override, so none can forge a "— PASS" line or hide a FAIL.
 */
import { textValue as v } from "./escape";
import { groupByResource, summarize, type Category, type Report } from "./model";

export interface TextOptions {
  readonly color: boolean;
}

const CODES: Record<string, [number, number]> = { red: [31, 39], yellow: [33, 39], cyan: [36, 39], dim: [2, 22], bold: [1, 22], green: [32, 39] };

export function renderText(report: Report, opts: TextOptions = { color: false }): string {
  const c = (name: keyof typeof CODES, s: string) => (opts.color ? `\u001b[${CODES[name][0]}m${s}\u001b[${CODES[name][1]}m` : s);
  const label: Record<Category, string> = {
    mandatory: c("red", "MANDATORY"),
    advisory: c("yellow", "ADVISORY "),
    waived: c("cyan", "WAIVED   "),
    "cannot-validate": c("yellow", "CANNOT   "),
  };
  const out: string[] = [];
  out.push(c("bold", `ai-access-guard ${report.command}: ${v(report.input.path)} (${report.input.kind})`));
  for (const n of report.notes) out.push(c("dim", `note: ${v(n)}`));
  for (const g of groupByResource(report.findings)) {
    out.push("");
    const where = g.resource.location ? c("dim", ` (${v(g.resource.location)})`) : "";
    out.push(`${c("bold", `${v(g.resource.type.split(":").pop() ?? g.resource.type)} "${v(g.resource.name)}"`)}${where}`);
    out.push(c("dim", `  ${v(g.resource.urn)}`));
    for (const f of g.findings) {
      out.push(`  ${label[f.category]} ${v(f.message)}`);
      if (f.findingId) out.push(`            ${c("dim", "finding:")} ${v(f.ruleId)} ${v(f.findingId)}`);
      if (f.category === "mandatory" && f.fix) out.push(`            ${c("dim", "fix:")} ${v(f.fix)}`);
      if (f.waiver) out.push(`            ${c("dim", "waiver:")} ${v(f.waiver.reason)}${f.waiver.expires ? ` (until ${v(f.waiver.expires)})` : ""}`);
    }
  }
  out.push("");
  out.push(summaryLine(report, opts.color));
  return `${out.join("\n")}\n`;
}

export function summaryLine(report: Report, color = false): string {
  const s = summarize(report.findings);
  const res = report.resourceCount !== undefined ? `${report.resourceCount} resource${report.resourceCount === 1 ? "" : "s"}, ` : "";
  const text = `${res}${s.mandatory} mandatory, ${s.advisory} advisory, ${s.waived} waived, ${s["cannot-validate"]} cannot validate — ${s.mandatory > 0 ? "FAIL" : "PASS"}`;
  if (!color) return text;
  return s.mandatory > 0 ? `\u001b[31m${text}\u001b[39m` : `\u001b[32m${text}\u001b[39m`;
}
