/**
 * `npm run bench -- --compare`: this project side by side with what users would pick instead, on
 * the same inputs, in one run.
 *   Terraform: `ai-access-guard scan` and Checkov (`-f plan.json --framework terraform_plan secrets`)
 *              on the project's plan fixtures, the shared case table written as plans, and the
 *              real-world corpus's plans (read in place).
 *   Pulumi:    our pack and @pulumi/awsguard through the analyzer protocol on the case table's
 *              Pulumi shapes and the corpus's stack exports.
 * Per risk (one of our rules, or a peer check no rule of ours covers): caught by whom, false
 * positives by whom (ground truth: the case table's `violating`, the corpus manifest's verdicts);
 * wall time and peak memory per tool. Options: --no-checkov, --no-awsguard, --json FILE.
 * Checkov is looked up outside the repository (see checkov.ts); tests never need it.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ALL_RULES } from "../../policy-pack/src";
import { AWSGUARD_VERSION, awsguardPack, log, mb, median, ms, repoRoot, timeProcess, type PackUnderTest } from "../common";
import { CHECKOV_CHECKS, AWSGUARD_POLICIES, peerCheck, type PeerCheck } from "./risks";
import { planInputs, stackInputs, type PlanInput, type StackInput, type Verdict } from "./inputs";
import { CHECKOV_INSTALL_HINT, checkovVersion, findCheckov, runCheckov, type CheckovRun } from "./checkov";
import { runPack, type PackRun } from "./pulumi-side";
import type { BatchResult } from "./scan-batch";

interface CompareArgs {
  checkov: boolean;
  awsguard: boolean;
  json?: string;
}

function parseCompareArgs(argv: string[]): CompareArgs {
  const a: CompareArgs = { checkov: true, awsguard: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--no-checkov") a.checkov = false;
    else if (argv[i] === "--no-awsguard") a.awsguard = false;
    else if (argv[i] === "--json") a.json = argv[++i];
    else throw new Error(`unknown option ${argv[i]} (--compare takes --no-checkov, --no-awsguard, --json FILE)`);
  }
  return a;
}

const RULE_IDS = new Set(ALL_RULES.map((r) => r.id));
const ruleIdOfPolicy = new Map(ALL_RULES.map((r) => [r.name, r.id]));
/** The rules of ours a peer check covers, among those in this catalog. */
const coveredBy = (c: PeerCheck | undefined) => (c ? c.covers.filter((id) => RULE_IDS.has(id)) : []);

/** Risks each tool reported for one input: our rule IDs, or `peer:<check>` for what no rule of ours covers. */
type Risks = Set<string>;

function oursRisks(r: BatchResult | undefined): Risks | "error" {
  if (!r || "error" in r) return "error";
  return new Set(r.findings.filter((f) => f.kind === "violation" && f.level === "mandatory").map((f) => f.ruleId));
}

function peerRisks(ids: readonly string[], checks: readonly PeerCheck[]): Risks {
  const out: Risks = new Set();
  for (const id of ids) {
    const c = peerCheck(checks, id);
    if (!c) continue; // outside the comparison (not an identity, secret or AI check)
    const covers = coveredBy(c);
    if (covers.length === 0) out.add(`peer:${c.id}`);
    for (const r of covers) out.add(r);
  }
  return out;
}

async function scanOurs(root: string, tmp: string, plans: readonly PlanInput[]): Promise<{ ms: number; rssKb: number; results: Record<string, BatchResult> }> {
  const list = path.join(tmp, "plans.txt");
  const out = path.join(tmp, "ours.json");
  fs.writeFileSync(list, plans.map((p) => p.file).join("\n"));
  const script = require.resolve("./scan-batch");
  const r = await timeProcess(process.execPath, [...process.execArgv, script, list, out], root);
  if (r.code !== 0) throw new Error(`scan batch exited ${r.code}: ${r.stderr.trim().split("\n").slice(-3).join(" ")}`);
  return { ms: r.ms, rssKb: r.rssKb, results: JSON.parse(fs.readFileSync(out, "utf8")) };
}

/** One plan, the way a CI step runs each tool: a fresh process each, interleaved, 3 times. */
async function singlePlan(root: string, tmp: string, checkov: string | undefined, plan: string) {
  const main = path.join(root, "dist", "cli", "main.js");
  const ours: { ms: number; rssKb: number }[] = [];
  const peer: { ms: number; rssKb: number }[] = [];
  for (let i = 0; i < 3; i++) {
    ours.push(await timeProcess(process.execPath, [main, "scan", plan, "--format", "json", "--output", path.join(tmp, "single.json")], root));
    if (checkov) peer.push(await timeProcess(checkov, ["-f", plan, "--framework", "terraform_plan", "secrets", "-o", "json", "--quiet", "--compact", "--skip-download"], tmp, { BC_SKIP_MAPPING: "TRUE" }));
  }
  const fig = (xs: { ms: number; rssKb: number }[]) => (xs.length ? { ms: median(xs.map((x) => x.ms)), rssKb: median(xs.map((x) => x.rssKb)) } : undefined);
  return { ours: fig(ours)!, checkov: fig(peer) };
}

const frac = (n: number, d: number) => (d === 0 ? "–" : `${n}/${d}`);

interface Row {
  risk: string;
  peerChecks: string;
  /** [ours, peer] counts. */
  casesCaught: [number, number];
  casesViolating: number;
  casesFp: [number, number];
  casesCompliant: number;
  corpusBlock: [number, number];
  corpusPass: [number, number];
  corpusUnsure: [number, number];
}

function riskRows(
  plans: readonly PlanInput[],
  ours: (p: PlanInput) => Risks | "error",
  peer: ((p: PlanInput) => Risks) | undefined,
  checks: readonly PeerCheck[],
): Row[] {
  const risks = [...ALL_RULES.map((r) => r.id), ...checks.filter((c) => coveredBy(c).length === 0).map((c) => `peer:${c.id}`)];
  return risks.map((risk) => {
    const rule = ALL_RULES.find((r) => r.id === risk);
    const row: Row = {
      risk: rule ? `${rule.id} ${rule.name}` : `${risk.slice(5)} ${checks.find((c) => `peer:${c.id}` === risk)?.title} (peer only)`,
      peerChecks: rule ? checks.filter((c) => coveredBy(c).includes(risk)).map((c) => c.id).join(", ") || "none" : "",
      casesCaught: [0, 0],
      casesViolating: 0,
      casesFp: [0, 0],
      casesCompliant: 0,
      corpusBlock: [0, 0],
      corpusPass: [0, 0],
      corpusUnsure: [0, 0],
    };
    for (const p of plans) {
      const o = ours(p);
      const hit: [boolean, boolean] = [o !== "error" && o.has(risk), peer ? peer(p).has(risk) : false];
      const add = (k: [number, number]) => hit.forEach((h, i) => (k[i] += h ? 1 : 0));
      if (p.group === "case" && p.rule === risk) {
        if (p.violating) {
          row.casesViolating++;
          add(row.casesCaught);
        } else {
          row.casesCompliant++;
          add(row.casesFp);
        }
      }
      if (p.group === "corpus") add(p.verdict === "block" ? row.corpusBlock : p.verdict === "pass" ? row.corpusPass : row.corpusUnsure);
    }
    return row;
  });
}

function riskTable(rows: Row[], peerName: string, hasPeer: boolean): string[] {
  const pair = (k: [number, number], d?: number) => (d === undefined ? `${k[0]} / ${hasPeer ? k[1] : "–"}` : `${frac(k[0], d)} / ${hasPeer ? frac(k[1], d) : "–"}`);
  const lines = [
    `| risk | ${peerName} checks mapped to it | cases caught (ours / ${peerName}) | cases false positives (ours / ${peerName}) | corpus "block" files flagged | corpus "pass" files flagged (false positives) | corpus "unsure" files flagged |`,
    "|---|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    const used = r.casesViolating + r.casesCompliant + r.corpusBlock[0] + r.corpusBlock[1] + r.corpusPass[0] + r.corpusPass[1] + r.corpusUnsure[0] + r.corpusUnsure[1];
    if (r.risk.endsWith("(peer only)") && used === 0) continue;
    lines.push(`| ${r.risk} | ${r.peerChecks} | ${pair(r.casesCaught, r.casesViolating)} | ${pair(r.casesFp, r.casesCompliant)} | ${pair(r.corpusBlock)} | ${pair(r.corpusPass)} | ${pair(r.corpusUnsure)} |`);
  }
  return lines;
}

function fileSummary(plans: readonly PlanInput[], ours: (p: PlanInput) => Risks | "error", peer: ((p: PlanInput) => Risks) | undefined, peerAll: ((p: PlanInput) => number) | undefined, peerName: string): string[] {
  const groups: Verdict[] = ["block", "pass", "unsure"];
  const lines = [`| corpus verdict | files | flagged by ours (a mandatory finding) | flagged by ${peerName} (a mapped identity/secret check failed) | ${peerName}: any check failed | ours: not read (exit 2) |`, "|---|---|---|---|---|---|"];
  for (const v of groups) {
    const fs_ = plans.filter((p) => p.group === "corpus" && p.verdict === v);
    const o = fs_.map(ours);
    lines.push(
      `| ${v} | ${fs_.length} | ${o.filter((x) => x !== "error" && x.size > 0).length} | ${peer ? fs_.filter((p) => peer(p).size > 0).length : "–"} | ${peerAll ? fs_.filter((p) => peerAll(p) > 0).length : "–"} | ${o.filter((x) => x === "error").length} |`,
    );
  }
  return lines;
}

export async function compareMain(argv: string[]): Promise<void> {
  const args = parseCompareArgs(argv);
  const root = repoRoot();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aag-compare-"));
  const lines: string[] = [];
  const raw: Record<string, unknown> = {};
  try {
    const plans = planInputs(root, tmp);
    log(`${plans.length} plans (${plans.filter((p) => p.group === "fixture").length} fixtures, ${plans.filter((p) => p.group === "case").length} cases, ${plans.filter((p) => p.group === "corpus").length} corpus)`);

    // --- Terraform side
    const checkovBin = args.checkov ? findCheckov(root) : undefined;
    if (args.checkov && !checkovBin) process.stderr.write(`bench: ${CHECKOV_INSTALL_HINT}\n`);
    const version = checkovBin ? checkovVersion(checkovBin) : undefined;
    log("scanning every plan with ai-access-guard (one process)");
    const ours = await scanOurs(root, tmp, plans);
    let checkov: CheckovRun | undefined;
    if (checkovBin) {
      log(`scanning every plan with Checkov ${version} (one process; this takes a minute or two)`);
      checkov = await runCheckov(checkovBin, plans.map((p) => p.file), tmp);
      if (checkov.note) log(checkov.note);
    }
    const single = await singlePlan(root, tmp, checkovBin, path.join(root, "test/fixtures/terraform/plan-ai-path.json"));

    const oursOf = (p: PlanInput) => oursRisks(ours.results[p.file]);
    const checkovIds = (p: PlanInput) => (checkov?.failed.get(path.resolve(p.file)) ?? []).map((f) => f.checkId);
    const checkovOf = checkov ? (p: PlanInput) => peerRisks(checkovIds(p), CHECKOV_CHECKS) : undefined;
    const rows = riskRows(plans, oursOf, checkovOf, CHECKOV_CHECKS);

    // --- Pulumi side
    const stacks = stackInputs();
    const ourPack: PackUnderTest = { label: "ai-access-guard pack", dir: path.join(root, "policy-pack") };
    const guard = args.awsguard ? awsguardPack(tmp) : "skipped (--no-awsguard)";
    const offlineAws = { AWS_EC2_METADATA_DISABLED: "true", AWS_REGION: "us-east-1", AWS_SDK_LOAD_CONFIG: "0" };
    log(`judging ${stacks.length} Pulumi stacks through the analyzer protocol`);
    const packRuns: PackRun[] = [await runPack(ourPack, stacks)];
    if (typeof guard !== "string") packRuns.push(await runPack({ ...guard, env: offlineAws }, stacks));
    const pulumiOurs = (s: StackInput): Risks => new Set(packRuns[0].byInput.get(s.id)!.diagnostics.filter((d) => d.level === "mandatory").map((d) => ruleIdOfPolicy.get(d.policy) ?? d.policy));
    const pulumiGuard = packRuns[1] ? (s: StackInput) => peerRisks(packRuns[1].byInput.get(s.id)!.diagnostics.map((d) => d.policy), AWSGUARD_POLICIES) : undefined;
    const asPlan = (s: StackInput): PlanInput => ({ id: s.id, file: s.id, group: s.group, verdict: s.verdict, rule: s.rule, violating: s.violating });
    const stackById = new Map(stacks.map((s) => [s.id, s]));
    const pulumiRows = riskRows(stacks.map(asPlan), (p) => pulumiOurs(stackById.get(p.id)!), pulumiGuard ? (p) => pulumiGuard(stackById.get(p.id)!) : undefined, AWSGUARD_POLICIES);

    // --- report
    const cpus = os.cpus();
    const py = spawnSync("python3", ["--version"], { encoding: "utf8" }).stdout.trim();
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    lines.push(`Machine: ${cpus.length} × ${cpus[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} at the end`);
    lines.push(`Versions: ai-access-guard ${pkg.version} (${ALL_RULES.length} rules), node ${process.version}; Checkov ${version ?? "not run"} (${py}); @pulumi/awsguard ${typeof guard === "string" ? `not run (${guard})` : AWSGUARD_VERSION}`);
    lines.push("");
    lines.push("Terraform plans, ai-access-guard `scan` vs Checkov:");
    lines.push("");
    lines.push(...riskTable(rows, "Checkov", !!checkov));
    lines.push("");
    lines.push(...fileSummary(plans, oursOf, checkovOf, checkov ? (p) => checkovIds(p).length : undefined, "Checkov"));
    lines.push("");
    const both = (p: PlanInput) => ({ o: oursOf(p), c: checkovOf ? checkovOf(p) : new Set<string>() });
    if (checkov) {
      const missed = plans.filter((p) => p.verdict === "block" || p.violating).filter((p) => {
        const { o, c } = both(p);
        return (o === "error" || o.size === 0) && c.size > 0;
      });
      lines.push(`Checkov flags, ours does not (block verdicts and violating cases): ${missed.length ? "" : "none"}`);
      for (const p of missed) lines.push(`- ${p.id}: ${[...new Set(checkovIds(p).filter((id) => peerCheck(CHECKOV_CHECKS, id)))].join(", ")}${oursOf(p) === "error" ? " (ours: not read, exit 2)" : ""}`);
      const onlyOurs = plans.filter((p) => p.verdict === "block" || p.violating).filter((p) => {
        const { o, c } = both(p);
        return o !== "error" && o.size > 0 && c.size === 0;
      });
      lines.push(`Ours flags, Checkov does not: ${onlyOurs.length ? "" : "none"}`);
      for (const p of onlyOurs) lines.push(`- ${p.id}: ${[...(oursOf(p) as Risks)].join(", ")}`);
      const caseMiss = plans.filter((p) => p.group === "case" && p.violating && p.rule && !checkovOf!(p).has(p.rule));
      lines.push(`Violating cases no mapped Checkov check catches: ${caseMiss.map((p) => p.rule).filter((v, i, a) => a.indexOf(v) === i).join(", ") || "none"}`);
      lines.push("");
    }
    lines.push("Pulumi, our pack vs @pulumi/awsguard (analyzer protocol: Analyze per resource, then AnalyzeStack):");
    lines.push("");
    lines.push(...riskTable(pulumiRows, "awsguard", packRuns.length > 1));
    lines.push("");
    for (const r of packRuns) {
      const errs = [...r.byInput.values()].flatMap((x) => x.errors);
      if (errs.length) lines.push(`- ${r.label}: ${errs.length} calls failed, e.g. "${errs[0]}"`);
    }
    lines.push("");
    lines.push("| tool | run | wall time | peak memory |");
    lines.push("|---|---|---|---|");
    lines.push(`| ai-access-guard scan | all ${plans.length} plans, one process | ${ms(ours.ms)} ms | ${mb(ours.rssKb)} MB |`);
    if (checkov) lines.push(`| Checkov ${version} | all ${plans.length} plans, one process (-f … -f …) | ${ms(checkov.ms)} ms | ${mb(checkov.rssKb)} MB (process tree) |`);
    lines.push(`| ai-access-guard scan | one plan (plan-ai-path.json), CLI, median of 3 | ${ms(single.ours.ms)} ms | ${mb(single.ours.rssKb)} MB |`);
    if (single.checkov) lines.push(`| Checkov ${version} | one plan, median of 3 | ${ms(single.checkov.ms)} ms | ${mb(single.checkov.rssKb)} MB (process tree) |`);
    for (const r of packRuns) lines.push(`| ${r.label} | ${stacks.length} stacks (${stacks.reduce((n, s) => n + s.resources.length, 0)} resources), after a ${ms(r.startMs)} ms start | ${ms(r.ms)} ms | ${mb(r.rssKb)} MB |`);
    process.stdout.write(`${lines.join("\n")}\n`);
    Object.assign(raw, { rows, pulumiRows, ours: { ms: ours.ms, rssKb: ours.rssKb }, checkov: checkov && { ms: checkov.ms, rssKb: checkov.rssKb, version }, single, packs: packRuns.map((r) => ({ label: r.label, ms: r.ms, startMs: r.startMs, rssKb: r.rssKb })) });
    if (args.json) fs.writeFileSync(args.json, JSON.stringify(raw, null, 2));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
