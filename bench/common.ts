/** Helpers shared by the benchmarks (bench/run.ts) and the side-by-side comparison (bench/compare/). */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/* eslint-disable @typescript-eslint/no-explicit-any */
export const AWSGUARD_VERSION = "0.3.1";

export function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const pj = path.join(dir, "package.json");
    if (fs.existsSync(pj) && JSON.parse(fs.readFileSync(pj, "utf8")).name === "ai-access-guard") return dir;
    dir = path.dirname(dir);
  }
  throw new Error("cannot find the ai-access-guard repository root");
}

export const median = (xs: number[]) => quantile(xs, 0.5);
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
export const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
export const mb = (kb: number) => (kb / 1024).toFixed(0);

export function peakRssKb(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

/**
 * CPU time a process has used so far (user + system, ms; /proc/<pid>/stat, 10 ms ticks). On a
 * shared machine the time a call waits for a core is noise; the CPU it burns is the pack's own cost.
 */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

export function log(msg: string): void {
  process.stderr.write(`bench: ${msg}\n`);
}

// ---------------------------------------------------------------------------------------------
// Packs to compare against, written to a temp dir at bench time.

export interface PackUnderTest {
  label: string;
  dir: string;
  /** Extra environment for the pack process. */
  env?: Record<string, string>;
}

export function writePack(dir: string, name: string, indexJs: string, nodeModules: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version: "0.0.1", main: "index.js" }, null, 2));
  fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), `runtime: nodejs\ndescription: ${name} (benchmark floor)\n`);
  fs.writeFileSync(path.join(dir, "index.js"), indexJs);
  const link = path.join(dir, "node_modules");
  if (!fs.existsSync(link)) fs.symlinkSync(nodeModules, link, "dir");
}

export function trivialPack(tmp: string, root: string): PackUnderTest {
  const dir = path.join(tmp, "trivial-pack");
  writePack(
    dir,
    "trivial",
    `const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("trivial", {
  policies: [
    { name: "noop", description: "does nothing", enforcementLevel: "advisory", validateResource: () => {} },
    { name: "noop-stack", description: "does nothing", enforcementLevel: "advisory", validateStack: () => {} },
  ],
});
`,
    path.join(root, "node_modules"),
  );
  return { label: "trivial pack (1 no-op resource + 1 no-op stack policy)", dir };
}

/** No-op policies in the same number as ours: what @pulumi/policy itself costs per policy. */
export function shapePack(tmp: string, root: string, resourcePolicies: number, stackPolicies: number): PackUnderTest {
  const dir = path.join(tmp, "shape-pack");
  writePack(
    dir,
    "shape",
    `const { PolicyPack } = require("@pulumi/policy");
const policies = [];
for (let i = 0; i < ${resourcePolicies}; i++) policies.push({ name: "noop-" + i, description: "does nothing", enforcementLevel: "advisory", validateResource: () => {} });
for (let i = 0; i < ${stackPolicies}; i++) policies.push({ name: "noop-stack-" + i, description: "does nothing", enforcementLevel: "advisory", validateStack: () => {} });
new PolicyPack("shape", { policies });
`,
    path.join(root, "node_modules"),
  );
  return { label: `no-op pack of our shape (${resourcePolicies} resource + ${stackPolicies} stack no-op policies)`, dir };
}

export function awsguardPack(tmp: string): PackUnderTest | string {
  const dir = path.join(tmp, "awsguard-pack");
  fs.mkdirSync(dir, { recursive: true });
  log(`installing @pulumi/awsguard@${AWSGUARD_VERSION} into ${dir} (temp dir; not part of the repo)`);
  const r = spawnSync("npm", ["install", "--prefix", dir, `@pulumi/awsguard@${AWSGUARD_VERSION}`, "--no-audit", "--no-fund", "--loglevel=error"], {
    encoding: "utf8",
    timeout: 300_000,
  });
  if (r.error) return `npm install failed: ${r.error.message}`;
  if (r.status !== 0) return `npm install exited ${r.status}: ${(r.stderr || r.stdout || "").trim().split("\n").slice(-1)[0]?.slice(0, 160)}`;
  // npm install --prefix writes a package.json of its own; the pack needs a name, version and main.
  const pj = path.join(dir, "package.json");
  const current = fs.existsSync(pj) ? JSON.parse(fs.readFileSync(pj, "utf8")) : {};
  fs.writeFileSync(pj, JSON.stringify({ ...current, name: "awsguard-bench", version: "0.0.1", main: "index.js" }, null, 2));
  fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\ndescription: AWSGuard (benchmark comparison)\n");
  fs.writeFileSync(path.join(dir, "index.js"), `const { AwsGuard } = require("@pulumi/awsguard");\nnew AwsGuard({ all: "mandatory" });\n`);
  return { label: `@pulumi/awsguard ${AWSGUARD_VERSION} (all: mandatory)`, dir };
}

/** RSS of a process and all its descendants now (kB): tools that fork workers (Checkov) are measured whole. */
export function treeRssKb(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, "utf8");
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      rss.set(Number(entry), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      /* the process ended while we looked */
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export interface TimedProcess {
  ms: number;
  /** Peak of the summed RSS of the process tree, sampled every 50 ms (kB). */
  rssKb: number;
  /** CPU (user + system) of the process itself, as last sampled before it exited (within 50 ms; ms). */
  cpuMs: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to the end: wall time, peak RSS of its whole process tree, exit code, output. */
export async function timeProcess(cmd: string, args: string[], cwd: string, env?: Record<string, string>): Promise<TimedProcess> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...(env ?? {}) } });
    const out: Buffer[] = [];
    let stderr = "";
    let rss = 0;
    let cpu = NaN;
    child.stdout!.on("data", (d: Buffer) => out.push(d));
    child.stderr!.on("data", (d) => (stderr = (stderr + d.toString()).slice(-4000)));
    const sample = () => {
      rss = Math.max(rss, child.pid ? treeRssKb(child.pid) : 0);
      const c = cpuMs(child.pid);
      if (!Number.isNaN(c)) cpu = c;
    };
    const poll = setInterval(sample, 50);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(poll);
      resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, rssKb: rss, cpuMs: cpu, code, stdout: Buffer.concat(out).toString("utf8"), stderr });
    });
  });
}
