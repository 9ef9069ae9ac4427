/**
 * The inputs both sides judge: Terraform plans (the project's fixtures, the shared case table
 * written as plans, the real-world corpus read in place) and Pulumi stacks (the case table's
 * Pulumi shapes, the corpus's stack exports). Ground truth: the case table's `violating` and the
 * corpus manifest's reviewer verdicts. Corpus files are only read, never copied.
 */
import * as fs from "fs";
import * as path from "path";
import { SHARED_CASES } from "../../test/shared/cases";
import { planJson } from "../../test/shared/plan-json";

export type Verdict = "block" | "pass" | "unsure" | "fixture";

export interface PlanInput {
  readonly id: string;
  readonly file: string;
  readonly group: "fixture" | "case" | "corpus";
  readonly verdict: Verdict;
  /** Case table only: the rule under test and whether the case violates it. */
  readonly rule?: string;
  readonly violating?: boolean;
  readonly reason?: string;
}

export interface StackResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly inputs: Record<string, unknown>;
  readonly outputs: Record<string, unknown>;
}

export interface StackInput {
  readonly id: string;
  readonly group: "case" | "corpus";
  readonly verdict: Verdict;
  readonly rule?: string;
  readonly violating?: boolean;
  readonly resources: readonly StackResource[];
}

export const CORPUS_DIR = process.env.AAG_CORPUS_DIR ?? "/work/shared/corpus/real-world";

interface ManifestRow {
  file: string;
  format: string;
  verdict: string;
  reason: string;
}

export function manifest(dir = CORPUS_DIR): ManifestRow[] {
  const file = path.join(dir, "manifest.tsv");
  if (!fs.existsSync(file)) return [];
  const [head, ...rows] = fs.readFileSync(file, "utf8").split("\n").filter(Boolean);
  const cols = head.split("\t");
  const at = (name: string) => cols.indexOf(name);
  return rows.map((r) => r.split("\t")).map((c) => ({ file: c[at("file")], format: c[at("format")], verdict: c[at("expected_verdict")], reason: c[at("reason")] }));
}

const isVerdict = (v: string): v is "block" | "pass" | "unsure" => v === "block" || v === "pass" || v === "unsure";

/** Every plan, the case table's written into `tmp`. */
export function planInputs(root: string, tmp: string): PlanInput[] {
  const out: PlanInput[] = [];
  for (const f of ["test/fixtures/plan/plan.json", "test/fixtures/terraform/plan-ai-path.json"]) {
    const file = path.join(root, f);
    if (fs.existsSync(file)) out.push({ id: f, file, group: "fixture", verdict: "fixture" });
  }
  const dir = path.join(tmp, "cases");
  fs.mkdirSync(dir, { recursive: true });
  SHARED_CASES.forEach((c, i) => {
    const file = path.join(dir, `case-${String(i).padStart(2, "0")}.json`);
    fs.writeFileSync(file, JSON.stringify(planJson([{ type: c.terraform.type, name: "subject", values: c.terraform.values }]), null, 2));
    out.push({ id: c.name, file, group: "case", verdict: c.violating ? "block" : "pass", rule: c.rule, violating: c.violating });
  });
  for (const row of manifest()) {
    if (!row.format.startsWith("terraform-plan-json") || !isVerdict(row.verdict)) continue;
    out.push({ id: row.file, file: path.join(CORPUS_DIR, row.file), group: "corpus", verdict: row.verdict, reason: row.reason });
  }
  return out;
}

const urnOf = (type: string, name: string) => `urn:pulumi:dev::compare::${type}::${name}`;

const SECRET_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * A stack export's value as the engine would send it to a pack: the engine decrypts secrets and
 * sends `{sig, value}`. An export's `ciphertext` cannot be decrypted here, so its value is sent as
 * unknown; `plaintext` (--show-secrets) is sent as the value it holds.
 */
function asEngineSends(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(asEngineSends);
  if (v === null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  if (o[SECRET_KEY] === SECRET_SIG && !("value" in o)) {
    let value: unknown = UNKNOWN;
    if (typeof o.plaintext === "string") {
      try {
        value = JSON.parse(o.plaintext);
      } catch {
        /* stays unknown */
      }
    }
    return { [SECRET_KEY]: SECRET_SIG, value: asEngineSends(value) };
  }
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, asEngineSends(x)]));
}

/** The case table's Pulumi shapes (one resource each) and the corpus's stack exports. */
export function stackInputs(): StackInput[] {
  const out: StackInput[] = SHARED_CASES.map((c, i) => {
    const name = `case-${i}`;
    const r: StackResource = { type: c.pulumi.type, name, urn: urnOf(c.pulumi.type, name), inputs: c.pulumi.properties, outputs: c.pulumi.properties };
    return { id: c.name, group: "case", verdict: c.violating ? "block" : "pass", rule: c.rule, violating: c.violating, resources: [r] };
  });
  for (const row of manifest()) {
    if (!row.format.startsWith("pulumi-stack-export") || !isVerdict(row.verdict)) continue;
    let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    try {
      json = JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, row.file), "utf8"));
    } catch {
      continue;
    }
    const states: any[] = Array.isArray(json?.deployment?.resources) ? json.deployment.resources : []; // eslint-disable-line @typescript-eslint/no-explicit-any
    const resources = states
      .filter((s) => typeof s?.urn === "string" && typeof s?.type === "string" && !s.type.startsWith("pulumi:"))
      .map((s) => ({ type: s.type, name: String(s.urn).split("::").slice(3).join("::"), urn: s.urn, inputs: asEngineSends(s.inputs ?? {}) as Record<string, unknown>, outputs: asEngineSends(s.outputs ?? {}) as Record<string, unknown> }));
    out.push({ id: row.file, group: "corpus", verdict: row.verdict, resources });
  }
  return out;
}
