/**
 * `scan <file>`: judges a saved deployment without running anything. Detects the format (Pulumi
 * stack export, `pulumi preview --json`, Terraform plan JSON, cdktf `cdk.tf.json`), maps it to the
 * engine's model (Pulumi here, Terraform/cdktf through their adapter) and runs every rule with
 * `evaluateStack`, as the pack would.
 */
import * as path from "path";
import { ALL_RULES, evaluateStack, isRecord, type ResourceModel, type RuleSettings } from "../../policy-pack/src";
import { parseJsonText, readInputText, UsageError } from "../input";
import { buildAccessMap } from "../report/access-map";
import { fromJudged, type InputKind, type PhysicalLocation, type Report, type ReportFinding } from "../report/model";
import { checkpointResources, InputFormatError, isCheckpoint, resourcesFromPreviewJson, stackExportResources } from "./pulumi";
import { terraformAdapter, terraformKind } from "./terraform-route";
import { describeOrigin, valueOriginOf } from "../../policy-pack/src/adapters/terraform";

export const ACCEPTED_FORMATS = [
  "a Pulumi stack export (pulumi stack export --file stack.json; deployment version 3 or 4)",
  "a DIY-backend checkpoint (.pulumi/stacks/<stack>.json, its .bak, history and backups)",
  "Pulumi preview JSON (pulumi preview --json > preview.json)",
  "a Terraform plan in JSON (terraform show -json plan.tfplan > plan.json)",
  "a cdktf synthesised stack (cdktf.out/stacks/<stack>/cdk.tf.json)",
];

const ACCEPTED = `scan accepts: ${ACCEPTED_FORMATS.join("; ")}.`;

export interface ScanOptions {
  readonly settings: ReadonlyMap<string, RuleSettings>;
  readonly now?: Date;
  readonly progress?: (message: string) => void;
}

export function detectFormat(json: unknown, text: string): InputKind {
  if (isRecord(json)) {
    if ("deployment" in json && "version" in json) return "pulumi-stack-export";
    if (isCheckpoint(json)) return "pulumi-checkpoint";
    if (Array.isArray(json.steps)) return "pulumi-preview-json";
    const tf = terraformKind(json);
    if (tf) return tf;
    if ("sequence" in json && "timestamp" in json) {
      throw new UsageError(`this looks like a Pulumi engine event log (--event-log), not a saved deployment: use \`ai-access-guard report <file>\`. ${ACCEPTED}`);
    }
    if ("resources" in json && "version" in json && !("deployment" in json)) {
      throw new UsageError(`this looks like a bare deployment (the "deployment" object of a stack export, without its version envelope); export the stack with pulumi stack export --file stack.json. ${ACCEPTED}`);
    }
  }
  void text;
  throw new UsageError(`the file is JSON but not a format ai-access-guard can scan. ${ACCEPTED}`);
}

function withPhysical(f: ReportFinding, file: string, lines: Map<string, number>): ReportFinding {
  let loc: PhysicalLocation | undefined;
  const m = f.resource.location ? /^(.*?)(?:#(\d+)(?:,(\d+))?)?$/.exec(f.resource.location) : null;
  if (m && m[1] && f.resource.location && f.resource.location.includes("#")) loc = { uri: m[1], line: m[2] ? Number(m[2]) : undefined, column: m[3] ? Number(m[3]) : undefined };
  else loc = { uri: file, line: lines.get(f.resource.urn) };
  return { ...f, physicalLocation: loc };
}

/** Rules whose message says "literal": on a plan, say where the configuration really takes the value from. */
const ORIGIN_RULES = new Set(["AAG-008"]);

function withOrigin(f: ReportFinding, byUrn: ReadonlyMap<string, ResourceModel> | undefined): ReportFinding {
  if (!byUrn || !f.property || !ORIGIN_RULES.has(f.ruleId) || f.kind !== "violation") return f;
  const model = byUrn.get(f.resource.urn);
  const origin = model ? valueOriginOf(model, f.property) : undefined;
  if (!origin || origin.kind === "constant") return f;
  return { ...f, message: `${f.message} ${describeOrigin(origin)}` };
}

/**
 * First line on which each `"urn": "…"` / `"address": "…"` value appears, for SARIF regions. One
 * pass: newlines are counted only between one match and the next, so a one-line file (what
 * `terraform show -json` writes) costs the same as a pretty-printed one.
 */
export function lineIndex(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const re = /"(?:urn|address)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
  let line = 1;
  // The next newline not yet counted (-1: none left); each newline is found once.
  let nextNewline = text.indexOf("\n");
  for (let m = re.exec(text); m; m = re.exec(text)) {
    while (nextNewline !== -1 && nextNewline < m.index) {
      line++;
      nextNewline = text.indexOf("\n", nextNewline + 1);
    }
    let v: string;
    try {
      v = m[1].includes("\\") ? JSON.parse(`"${m[1]}"`) : m[1];
    } catch {
      continue;
    }
    if (!out.has(v)) out.set(v, line);
  }
  return out;
}

interface ReadInput {
  readonly kind: InputKind;
  readonly resources: ResourceModel[];
  readonly notes: string[];
  readonly lines: Map<string, number>;
}

export function scanFile(file: string, opts: ScanOptions): Report {
  // Read in a function of its own: once it returns, neither the text nor the parsed document (the
  // inputs a stack export also holds, the plan's prior state) is reachable from this frame, so their
  // memory is free for the evaluation and the report (a 50,000-resource export is ~60 MB of text).
  const { kind, resources, notes, lines } = readResources(file, opts);
  opts.progress?.(`evaluating ${resources.length} resources against ${ALL_RULES.length} rules`);
  const { findings, view } = evaluateStack(resources, ALL_RULES, opts.settings, opts.now ?? new Date());
  const shownPath = path.relative(process.cwd(), path.resolve(file)).split(path.sep).join("/") || file;
  const byUrn = kind === "terraform-plan-json" ? new Map(resources.map((r) => [r.urn, r])) : undefined;
  const reportFindings = findings.map((f) => withPhysical(withOrigin(fromJudged(f), byUrn), shownPath, lines));
  return {
    command: "scan",
    input: { kind, path: shownPath },
    resourceCount: resources.length,
    findings: reportFindings,
    accessMap: buildAccessMap(view, reportFindings, opts.settings),
    notes,
  };
}

function readResources(file: string, opts: ScanOptions): ReadInput {
  const text = readInputText(file, ACCEPTED);
  opts.progress?.(`read ${(text.length / 1e6).toFixed(1)} MB`);
  if (startsAsJsonLines(text) && /"sequence"\s*:/.test(text.slice(0, 2000))) {
    throw new UsageError(`${file} holds JSON lines — a Pulumi engine event log (--event-log) or streamed preview events, not a saved deployment: use \`ai-access-guard report ${file}\`. ${ACCEPTED}`);
  }
  const json = parseJsonText(text, file, ACCEPTED);
  let kind: InputKind;
  try {
    kind = detectFormat(json, text);
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
  const notes: string[] = [];
  let resources: ResourceModel[];
  try {
    if (kind === "pulumi-stack-export" || kind === "pulumi-checkpoint") {
      const onProgress = (d: number, t: number) => opts.progress?.(`mapping resources ${d}/${t}`);
      const r = kind === "pulumi-stack-export" ? stackExportResources(json as Record<string, unknown>, onProgress) : checkpointResources(json as Record<string, unknown>, onProgress);
      resources = r.resources;
      notes.push(...r.notes);
      if (/"plaintext"\s*:/.test(text) && text.includes("1b47061264138c4ac30d75fd1eb44270")) notes.push("The export holds plaintext secrets (--show-secrets): they were judged like any value and are never printed; keep the file out of logs and artifacts.");
      else notes.push("Secrets in the export were not decrypted: encrypted values count as unknown, and no value of any kind is printed.");
    } else if (kind === "pulumi-preview-json") {
      const r = resourcesFromPreviewJson(json as Record<string, unknown>);
      resources = r.resources;
      if (!r.showsSames) notes.push("Preview JSON lists only resources the preview would change; run `pulumi preview --json --show-sames` to judge unchanged ones too.");
      notes.push('Values shown as "[secret]" in preview JSON count as unknown.');
    } else {
      const a = terraformAdapter();
      const fn = kind === "terraform-plan-json" ? a.resourcesFromTerraformPlan : a.resourcesFromCdktfJson;
      resources = fn(json);
    }
  } catch (e) {
    if (e instanceof InputFormatError || (e instanceof Error && /InputError$/.test(e.name))) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
  if (resources.length === 0) notes.push("The input holds no resources the rules read: nothing was judged (is this the right stack or plan?).");
  return { kind, resources, notes, lines: linesOfResources(lineIndex(text), resources) };
}

/**
 * Whether the text starts with a one-line JSON object followed by another line that opens one (what
 * `/^\s*\{[^\n]*\}\s*\n\s*\{/` says), reading only the first two lines: the regular expression took
 * tens of milliseconds on a 60 MB export.
 */
export function startsAsJsonLines(text: string): boolean {
  let i = 0;
  while (i < text.length && /\s/.test(text[i])) i++;
  if (text[i] !== "{") return false;
  const nl = text.indexOf("\n", i);
  if (nl < 0 || !text.slice(i, nl).trimEnd().endsWith("}")) return false;
  let j = nl + 1;
  while (j < text.length && /\s/.test(text[j])) j++;
  return text[j] === "{";
}

/**
 * The line index keyed by the resources' own URN strings. The index's keys are cut out of the text,
 * and V8 keeps a whole string alive for each piece cut out of it (a 60 MB export for the whole run).
 */
function linesOfResources(lines: ReadonlyMap<string, number>, resources: readonly ResourceModel[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of resources) {
    const line = lines.get(r.urn);
    if (line !== undefined) out.set(r.urn, line);
  }
  return out;
}
