/** Markdown for a pull-request comment: summary table, access-path map (Mermaid), findings. */
import { groupByResource, summarize, type AccessMap, type Report } from "./model";

/** Text inside a Markdown table cell or inline: no pipes, no raw HTML, no line breaks. */
export function mdInline(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r?\n/g, " ");
}

/** A Mermaid label inside double quotes: every character that Mermaid or Markdown could read as syntax becomes an entity code. */
export function mermaidLabel(s: string): string {
  let out = "";
  for (const ch of s) {
    if (/[A-Za-z0-9 .,:/*_+=@()-]/.test(ch)) out += ch;
    else out += `#${ch.codePointAt(0)};`;
  }
  return out;
}

export function renderMermaid(map: AccessMap): string {
  const lines = ["flowchart LR"];
  for (const n of map.nodes) {
    const shape = n.kind === "entry" ? [`(["`, `"])`] : n.kind === "principal" ? [`["`, `"]`] : [`[("`, `")]`];
    lines.push(`  ${n.id}${shape[0]}${mermaidLabel(n.label)}${shape[1]}`);
  }
  const red: number[] = [];
  map.edges.forEach((e, i) => {
    const violating = e.violations.length > 0;
    const ids = [...new Set(e.violations.map((v) => v.split(" ")[0]))];
    const label = [violating ? `✗ ${ids.join(", ")}` : undefined, e.label].filter(Boolean).join(" · ");
    const arrow = violating ? "==>" : "-->";
    lines.push(`  ${e.from} ${arrow}${label ? `|"${mermaidLabel(label)}"|` : ""} ${e.to}`);
    if (violating) red.push(i);
  });
  if (red.length) lines.push(`  linkStyle ${red.join(",")} stroke:#d73a49,stroke-width:3px,color:#d73a49`);
  lines.push("  classDef entry fill:#f6f8fa,stroke:#57606a", "  classDef ai fill:#ddf4ff,stroke:#0969da");
  const entries = map.nodes.filter((n) => n.kind === "entry").map((n) => n.id);
  const ais = map.nodes.filter((n) => n.kind === "ai").map((n) => n.id);
  if (entries.length) lines.push(`  class ${entries.join(",")} entry`);
  if (ais.length) lines.push(`  class ${ais.join(",")} ai`);
  return lines.join("\n");
}

export interface MarkdownOptions {
  /** Heading level of the report title (2 when several reports share a document). */
  readonly headingLevel?: number;
  readonly title?: string;
}

export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const h = (n: number) => "#".repeat(Math.min(6, (opts.headingLevel ?? 1) + n));
  const s = summarize(report.findings);
  const out: string[] = [];
  out.push(`${h(0)} ${mdInline(opts.title ?? `ai-access-guard ${report.command}: ${report.input.path}`)}`, "");
  out.push(`${s.mandatory > 0 ? "❌ **Blocked**" : "✅ **Passes**"}: ${s.mandatory} mandatory finding${s.mandatory === 1 ? "" : "s"}` + (report.resourceCount !== undefined ? ` in ${report.resourceCount} resources` : "") + ` (input: ${mdInline(report.input.kind)}).`, "");
  out.push("| Mandatory | Advisory | Waived | Cannot validate |", "|---:|---:|---:|---:|", `| ${s.mandatory} | ${s.advisory} | ${s.waived} | ${s["cannot-validate"]} |`, "");
  for (const n of report.notes) out.push(`> ${mdInline(n)}`, "");

  out.push(`${h(1)} Access paths to AI services`, "");
  if (report.accessMap && report.accessMap.nodes.length > 0) {
    out.push("Entry point → identity → AI resources. Thick red edges carry a finding.", "");
    out.push("```mermaid", renderMermaid(report.accessMap), "```", "");
    if (report.accessMap.omittedPrincipals > 0) out.push(`_${report.accessMap.omittedPrincipals} more identities reach AI services; see the JSON report._`, "");
  } else if (report.accessMap) {
    out.push("_No identity in this deployment reaches an AI service._", "");
  } else {
    out.push("_No map: the input holds no resource states to build it from._", "");
  }

  out.push(`${h(1)} Findings`, "");
  if (report.findings.length === 0) out.push("No findings.", "");
  for (const g of groupByResource(report.findings)) {
    out.push(`${h(2)} \`${mdInline(g.resource.type.split(":").pop() ?? g.resource.type)}\` ${mdInline(g.resource.name)}`, "");
    out.push(`<sub>${mdInline(g.resource.urn)}${g.resource.location ? ` · ${mdInline(g.resource.location)}` : ""}</sub>`, "");
    for (const f of g.findings) {
      const badge = { mandatory: "🔴 mandatory", advisory: "🟡 advisory", waived: "⚪ waived", "cannot-validate": "🟠 cannot validate" }[f.category];
      out.push(`- **${badge}** ${mdInline(f.message)}`);
      if (f.findingId) out.push(`  - Finding: \`${mdInline(`${f.ruleId} ${f.findingId}`).replace(/`/g, "'")}\`${f.severity ? ` · severity ${f.severity}` : ""}`);
      if (f.waiver) out.push(`  - Waiver: ${mdInline(f.waiver.reason)}${f.waiver.expires ? ` (until ${f.waiver.expires})` : ""}`);
      if (f.why) out.push(`  - **Why:** ${mdInline(f.why)}`);
      if (f.fix) out.push(`  - **Fix:** ${mdInline(f.fix)}`);
      if (f.frameworks) out.push(`  - Frameworks: ${mdInline(f.frameworks)}`);
    }
    out.push("");
  }
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
