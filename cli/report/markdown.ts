/**
 * Markdown for a pull-request / merge-request comment: status, summary table, access-path map
 * (Mermaid), then findings grouped by rule — why and fix once per rule, the findings in a
 * collapsible list. The whole comment stays under a stated size (GitHub refuses comments over
 * 65,536 characters): what does not fit is counted, and the comment says where the full list is.
 * Every input-derived string goes through `mdText` / `mdCode` (escape.ts); rule text through `mdRuleText`.
 */
import { ruleById } from "../../policy-pack/src";
import { mdCode, mdRuleText, mdText } from "./escape";
import { sortFindings, summarize, type AccessMap, type Category, type Report, type ReportFinding } from "./model";

/** GitHub's limit for an issue or pull-request comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** GitLab's limit for a merge-request note, in characters. */
export const GITLAB_COMMENT_LIMIT = 1_000_000;

/** Text inside a Markdown table cell or inline: literal, one line, linking nothing (kept for callers of the old name). */
export function mdInline(s: string): string {
  return mdText(s);
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
  /** Upper bound on the comment's length in characters (default: GitHub's 65,536). */
  readonly maxChars?: number;
}

const BADGE: Record<Category, string> = { mandatory: "🔴 mandatory", advisory: "🟡 advisory", waived: "⚪ waived", "cannot-validate": "🟠 cannot validate" };
const RANK: Record<Category, number> = { mandatory: 0, advisory: 1, waived: 2, "cannot-validate": 3 };
/** Room kept for the closing lines (the count left out and where the full report is). */
const TAIL_RESERVE = 1_200;
/** Room kept per rule for its "N more not shown" line. */
const PER_RULE_RESERVE = 160;
const NOTE_MAX = 2_000;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Where the finding was declared: the user's source line, or the file and line that holds it. */
function whereOf(f: ReportFinding): string | undefined {
  const p = f.physicalLocation;
  // A Terraform address is already in the message; a source position is not.
  if (f.resource.location && f.resource.location !== f.resource.name) return f.resource.location;
  if (f.resource.location) return p?.line && p.line > 1 ? `${p.uri}:${p.line}` : undefined;
  if (p) return p.line ? `${p.uri}:${p.line}` : p.uri;
  return undefined;
}

/** One finding as a list item (two lines: what, then its key and waiver). */
function findingItem(f: ReportFinding): string {
  const message = f.message.replace(/^\[[A-Z]+-\d+\]\s*/, "");
  const where = whereOf(f);
  // Our messages name the resource; another pack's may not, so say which one it is about.
  const subject = ruleById(f.ruleId) ? "" : `${mdCode(`${f.resource.type.split(":").pop() ?? f.resource.type} ${f.resource.name}`)} — `;
  const lines = [`- **${BADGE[f.category]}** ${subject}${mdText(message)}${where ? ` · ${mdCode(where)}` : ""}`];
  const extra: string[] = [];
  if (f.findingId) extra.push(`finding ${mdCode(`${f.ruleId} ${f.findingId}`)}`);
  if (f.waiver) extra.push(`waiver: ${mdText(f.waiver.reason)}${f.waiver.expires ? ` (until ${mdText(f.waiver.expires)})` : ""}`);
  if (extra.length) lines.push(`  <br>${extra.join(" · ")}`);
  return lines.join("\n");
}

interface RuleGroup {
  readonly ruleId: string;
  readonly header: string[];
  readonly findings: ReportFinding[];
  readonly shown: ReportFinding[];
}

function ruleHeader(ruleId: string, findings: readonly ReportFinding[], h: (n: number) => string): string[] {
  const rule = ruleById(ruleId);
  const counts = (["mandatory", "advisory", "waived", "cannot-validate"] as const)
    .map((c) => [c, findings.filter((f) => f.category === c).length] as const)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${n} ${c === "cannot-validate" ? "cannot validate" : c}`)
    .join(", ");
  const icon = BADGE[findings[0].category].split(" ")[0];
  if (!rule) {
    // Another pack's policy: its name is not ours to trust.
    return [`${h(2)} ${icon} ${mdText(ruleId)} (${counts})`, ""];
  }
  // `[AAG-00N]` is literal: no link reference definition can exist (a value never starts a line).
  const out = [`${h(2)} ${icon} [${rule.id}] ${mdRuleText(rule.title)} (${counts})`, ""];
  const why = findings.some((f) => f.kind === "violation") ? rule.why : undefined;
  if (why) out.push(`**Why:** ${mdRuleText(why)}`, "");
  if (findings.some((f) => f.kind === "violation")) out.push(`**Fix:** ${mdRuleText(rule.fix)}`, "");
  else out.push("**Cannot validate:** the value is unknown until deployment or could not be read; check it after the update, or give the value in the program.", "");
  const fw = findings.find((f) => f.frameworks)?.frameworks;
  if (fw) out.push(`<sub>Frameworks: ${mdRuleText(fw)}</sub>`, "");
  return out;
}

export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const limit = Math.max(4_000, opts.maxChars ?? GITHUB_COMMENT_LIMIT);
  const h = (n: number) => "#".repeat(Math.min(6, (opts.headingLevel ?? 1) + n));
  const s = summarize(report.findings);
  const head: string[] = [];
  head.push(`${h(0)} ${opts.title !== undefined ? mdText(opts.title) : `ai-access-guard ${report.command}: ${mdText(report.input.path)}`}`, "");
  head.push(`${s.mandatory > 0 ? "❌ **Blocked**" : "✅ **Passes**"}: ${plural(s.mandatory, "mandatory finding")}` + (report.resourceCount !== undefined ? ` in ${report.resourceCount} resources` : "") + ` (input: ${mdText(report.input.kind)}).`, "");
  head.push("| Mandatory | Advisory | Waived | Cannot validate |", "|---:|---:|---:|---:|", `| ${s.mandatory} | ${s.advisory} | ${s.waived} | ${s["cannot-validate"]} |`, "");
  for (const n of report.notes) head.push(`> ${mdText(n.length > NOTE_MAX ? `${n.slice(0, NOTE_MAX)}…` : n)}`, "");

  const map: string[] = [`${h(1)} Access paths to AI services`, ""];
  if (report.accessMap && report.accessMap.nodes.length > 0) {
    map.push("Entry point → identity → AI resources. Thick red edges carry a finding.", "");
    map.push("```mermaid", renderMermaid(report.accessMap), "```", "");
    if (report.accessMap.omittedPrincipals > 0) map.push(`_${report.accessMap.omittedPrincipals} more identities reach AI services; see the JSON report._`, "");
  } else if (report.accessMap) {
    map.push("_No identity in this deployment reaches an AI service._", "");
  } else {
    map.push("_No map: the input holds no resource states to build it from._", "");
  }
  let mapText = map.join("\n");
  // The map may take at most half the comment; findings come first.
  if (mapText.length > limit / 2) {
    mapText = [`${h(1)} Access paths to AI services`, "", `_The access-path map (${report.accessMap?.nodes.length ?? 0} nodes) is too large for a comment; see the JSON report (\`--format json\`)._`, ""].join("\n");
  }
  let headText = head.join("\n");
  if (headText.length > limit / 4) headText = `${headText.slice(0, limit / 4)}…\n`;

  // Group by rule, in the order of the most severe finding of each rule; findings in report order.
  const sorted = sortFindings(report.findings);
  const groups = new Map<string, RuleGroup>();
  for (const f of sorted) {
    let g = groups.get(f.ruleId);
    if (!g) groups.set(f.ruleId, (g = { ruleId: f.ruleId, header: [], findings: [], shown: [] }));
    g.findings.push(f);
  }
  const ordered = [...groups.values()].sort((a, b) => RANK[a.findings[0].category] - RANK[b.findings[0].category] || b.findings.length - a.findings.length || a.ruleId.localeCompare(b.ruleId));
  for (const g of ordered) g.header.push(...ruleHeader(g.ruleId, g.findings, h));

  // Fill the budget in priority order (mandatory first across rules); a rule's header is paid with its first finding.
  const budget = limit - headText.length - mapText.length - TAIL_RESERVE - PER_RULE_RESERVE * ordered.length - 200;
  let used = 0;
  const opened = new Set<string>();
  const items = new Map<ReportFinding, string>();
  for (const f of sorted) {
    const item = findingItem(f);
    const g = groups.get(f.ruleId)!;
    const cost = item.length + 1 + (opened.has(g.ruleId) ? 0 : g.header.join("\n").length + 80);
    if (used + cost > budget) continue;
    used += cost;
    opened.add(g.ruleId);
    g.shown.push(f);
    items.set(f, item);
  }

  const out: string[] = [headText, mapText, `${h(1)} Findings`, ""];
  if (report.findings.length === 0) out.push("No findings.", "");
  let left = 0;
  for (const g of ordered) {
    const omitted = g.findings.length - g.shown.length;
    left += omitted;
    if (g.shown.length === 0) {
      out.push(`${h(2)} ${mdText(g.ruleId)}: ${plural(g.findings.length, "finding")} not shown (size limit)`, "");
      continue;
    }
    out.push(...g.header);
    const open = g.findings.some((f) => f.category === "mandatory") && g.findings.length <= 20 ? " open" : "";
    out.push(`<details${open}><summary>${plural(g.findings.length, "finding")}</summary>`, "");
    for (const f of g.shown) out.push(items.get(f)!);
    if (omitted > 0) out.push(`- … and ${omitted} more of this rule, not shown (size limit)`);
    out.push("", "</details>", "");
  }
  if (left > 0) {
    const cmd = `ai-access-guard ${report.command} ${report.input.path} --format sarif --output results.sarif`;
    out.push(
      "---",
      "",
      `**${plural(left, "finding")} of ${s.total} not shown** to keep this comment under ${limit.toLocaleString("en-US")} characters (mandatory findings are listed first). The full list is in the JSON report or SARIF: ${mdCode(cmd.length > 400 ? `ai-access-guard ${report.command} <file> --format sarif --output results.sarif` : cmd)}.`,
      "",
    );
  }
  const text = `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
  // The budget above is computed from the parts; this is the promise itself.
  return text.length <= limit ? text : `${text.slice(0, limit - 80).replace(/\n[^\n]*$/, "")}\n\n_Comment cut at ${limit} characters; see the JSON report._\n`;
}
