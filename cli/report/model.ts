/**
 * The report every subcommand produces and every format renders. Built from judged findings
 * (`scan`), from the pack's diagnostics (`check`) or from an event log (`report`); every string
 * that could carry an input value goes through `redact()` before it lands here.
 */
import * as fs from "fs";
import * as path from "path";
import {
  ALL_RULES,
  ruleById,
  findingGuidance,
  findingHeadline,
  frameworkTags,
  redact,
  type Frameworks,
  type JudgedFinding,
  type Rule,
  type Severity,
  type StackView,
} from "../../policy-pack/src";

export const REPORT_SCHEMA_VERSION = 1;
export const TOOL_NAME = "ai-access-guard";
export const INFORMATION_URI = "https://github.com/ai-access-guard/ai-access-guard";

export function toolVersion(): string {
  for (const p of [path.join(__dirname, "..", "..", "package.json"), path.join(__dirname, "..", "..", "..", "package.json")]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(p, "utf8"));
      if (pkg.name === "ai-access-guard" && typeof pkg.version === "string") return pkg.version;
    } catch {
      /* try the next */
    }
  }
  return "0.0.0";
}

export type ReportLevel = "mandatory" | "advisory";
export type Category = "mandatory" | "advisory" | "waived" | "cannot-validate";

export interface ReportResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Declared at: `index.ts#7,23`, a Terraform address, a file. */
  readonly location?: string;
}

/** A physical place a SARIF result (and the text report) can point at. */
export interface PhysicalLocation {
  readonly uri: string;
  readonly line?: number;
  readonly column?: number;
}

export interface ReportFinding {
  readonly ruleId: string;
  /** CrossGuard policy name (kebab-case). */
  readonly policyName: string;
  readonly severity?: Severity;
  readonly level: ReportLevel;
  readonly kind: "violation" | "cannot-validate";
  readonly category: Category;
  readonly findingId: string;
  /** First line of the pack's message: `[AAG-003] UserPolicy "x" …`. */
  readonly message: string;
  readonly waiver?: { readonly reason: string; readonly expires?: string };
  readonly resource: ReportResource;
  readonly property?: string;
  readonly why?: string;
  readonly fix?: string;
  readonly frameworks?: string;
  readonly physicalLocation?: PhysicalLocation;
}

export interface AccessMapEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  /** Findings (rule + finding ID) that make this edge unsafe; empty when it is fine. */
  readonly violations: readonly string[];
}

export interface AccessMapNode {
  readonly id: string;
  /** `compute`, `agent`, `tool` and `data` come from the access graph (front doors, agents, tools, vector stores, AI secrets). */
  readonly kind: "entry" | "principal" | "ai" | "compute" | "agent" | "tool" | "data";
  readonly label: string;
}

export interface AccessMap {
  readonly nodes: readonly AccessMapNode[];
  readonly edges: readonly AccessMapEdge[];
  /** Principals that reach AI services but were left out to keep the map readable. */
  readonly omittedPrincipals: number;
}

export type InputKind =
  | "pulumi-program"
  | "pulumi-stack-export"
  | "pulumi-checkpoint"
  | "pulumi-preview-json"
  | "terraform-plan-json"
  | "cdktf-json"
  | "pulumi-event-log";

export interface Report {
  readonly command: "check" | "scan" | "report";
  readonly input: { readonly kind: InputKind; readonly path: string };
  readonly resourceCount?: number;
  readonly findings: ReportFinding[];
  /** Undefined when there was nothing to build it from (a note says why). */
  readonly accessMap?: AccessMap;
  readonly notes: string[];
}

export { ruleById };

export function categoryOf(f: { kind: string; level: ReportLevel; waiver?: unknown }): Category {
  if (f.kind === "cannot-validate") return "cannot-validate";
  if (f.waiver) return "waived";
  return f.level === "mandatory" ? "mandatory" : "advisory";
}

export function summarize(findings: readonly ReportFinding[]): Record<Category, number> & { total: number } {
  const s = { mandatory: 0, advisory: 0, waived: 0, "cannot-validate": 0, total: findings.length };
  for (const f of findings) s[f.category]++;
  return s;
}

/** `[AAG-003] …` → a report finding, from a judged engine finding (`scan`). */
export function fromJudged(f: JudgedFinding, rules: readonly Rule[] = ALL_RULES): ReportFinding {
  const rule = ruleById(f.ruleId, rules);
  // The message's first line and the rule's guidance, as formatFinding writes them (without building
  // and splitting the whole message per finding).
  const guidance = rule ? findingGuidance(rule, f) : undefined;
  return {
    ruleId: f.ruleId,
    policyName: rule?.name ?? f.ruleId,
    severity: rule?.severity,
    level: f.level,
    kind: f.kind,
    category: categoryOf(f),
    findingId: redact(f.findingId),
    message: rule ? findingHeadline(rule, f) : redact(`[${f.ruleId}] ${f.detail}`),
    waiver: f.waiver ? { reason: redact(f.waiver.reason), expires: f.waiver.expires } : undefined,
    resource: { urn: redact(f.resource.urn), type: f.resource.type, name: redact(f.resource.name), location: f.resource.location ? redact(f.resource.location) : undefined },
    property: f.property === undefined ? undefined : redact(f.property),
    why: guidance?.why,
    fix: guidance?.fix,
    frameworks: guidance?.frameworks,
  };
}

/** `a.localeCompare(b)` with one collator made once (localeCompare builds one per call: slow on 40,000 findings). */
const COLLATOR = new Intl.Collator();

/** Mandatory first, then advisory, waived, cannot validate; stable within each. */
const ORDER: Record<Category, number> = { mandatory: 0, advisory: 1, waived: 2, "cannot-validate": 3 };
export function sortFindings(findings: readonly ReportFinding[]): ReportFinding[] {
  // Each distinct URN and rule ID is ranked once by the collator; findings then sort on numbers.
  const rank = (values: Iterable<string>) => {
    const sorted = [...new Set(values)].sort(COLLATOR.compare);
    const out = new Map<string, number>();
    // Values the collator holds equal share a rank, so ties fall to the next key as before.
    sorted.forEach((v, i) => out.set(v, i > 0 && COLLATOR.compare(sorted[i - 1], v) === 0 ? out.get(sorted[i - 1])! : i));
    return out;
  };
  const urnRank = rank(findings.map((f) => f.resource.urn));
  const ruleRank = rank(findings.map((f) => f.ruleId));
  return findings
    .map((f, i) => ({ f, i, urn: urnRank.get(f.resource.urn)!, rule: ruleRank.get(f.ruleId)! }))
    .sort((a, b) => ORDER[a.f.category] - ORDER[b.f.category] || a.urn - b.urn || a.rule - b.rule || a.i - b.i)
    .map((x) => x.f);
}

/** Groups by resource URN; resources with a mandatory finding first. */
export function groupByResource(findings: readonly ReportFinding[]): Array<{ resource: ReportResource; findings: ReportFinding[] }> {
  const groups = new Map<string, { resource: ReportResource; findings: ReportFinding[]; first: number }>();
  findings.forEach((f, i) => {
    const g = groups.get(f.resource.urn);
    if (g) g.findings.push(f);
    else groups.set(f.resource.urn, { resource: f.resource, findings: [f], first: i });
  });
  const rank = (g: { findings: ReportFinding[] }) => Math.min(...g.findings.map((f) => ORDER[f.category]));
  return [...groups.values()]
    .sort((a, b) => rank(a) - rank(b) || a.first - b.first)
    .map((g) => ({ resource: g.resource, findings: sortFindings(g.findings) }));
}

export function frameworksOf(rule: { frameworks: Frameworks }): string[] {
  return frameworkTags(rule);
}

export type { StackView };
