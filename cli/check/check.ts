/**
 * `check`: runs a Pulumi program offline under mocks, then sends every registered resource through
 * the real policy pack process over the analyzer protocol (Analyze per resource with its inputs,
 * AnalyzeStack once with outputs), the same path the engine takes.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PackProcess, defaultPackDir, killLivePacks, type Diagnostic, type LaunchOptions } from "../analyzer/pack-client";
import { redact } from "../../policy-pack/src/engine/secrets";
import type { RecordedResource } from "./mocks";

export interface ProgramRun {
  project: string;
  stack: string;
  resources: RecordedResource[];
}

export class ProgramError extends Error {}

/** Runs `programDir` in a child process under Pulumi mocks and returns what it registered. */
export async function runProgram(programDir: string, opts: { project?: string; stack?: string; timeoutMs?: number } = {}): Promise<ProgramRun> {
  const dir = path.resolve(programDir);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new ProgramError(`program directory not found: ${programDir}`);
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aag-check-")), "resources.json");
  const fromSource = __filename.endsWith(".ts");
  const runner = path.join(__dirname, `program-runner.${fromSource ? "ts" : "js"}`);
  const args = fromSource ? [require.resolve("tsx/cli"), runner] : [runner];
  const child = spawn(process.execPath, [...args, dir, out, opts.project ?? "", opts.stack ?? ""], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  let stdout = "";
  child.stderr.on("data", (d) => (stderr = (stderr + d.toString()).slice(-20_000)));
  child.stdout.on("data", (d) => (stdout = (stdout + d.toString()).slice(-20_000)));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 120_000);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  try {
    if (code !== 0 || !fs.existsSync(out)) {
      // The program's own output can hold its secrets (a key in an error message): redacted like every message.
      throw new ProgramError(redact(`the program in ${programDir} failed under the mock runtime (exit ${code}):\n${stderr.trim() || stdout.trim()}`));
    }
    return JSON.parse(fs.readFileSync(out, "utf8")) as ProgramRun;
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

export interface CheckResult {
  program: string;
  run: ProgramRun;
  diagnostics: Diagnostic[];
}

/** Sends a program's resources through a (possibly shared) pack process. */
export async function judgeProgram(pack: PackProcess, programDir: string, run: ProgramRun): Promise<CheckResult> {
  const diagnostics: Diagnostic[] = [];
  for (const r of run.resources) {
    const ds = await pack.analyze({ type: r.type, name: r.name, urn: r.urn, properties: r.inputs });
    diagnostics.push(...ds.map((d) => ({ ...d, urn: d.urn || r.urn })));
  }
  diagnostics.push(...(await pack.analyzeStack(run.resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, properties: r.outputs, parent: r.parent })))));
  return { program: programDir, run, diagnostics };
}

/**
 * Ctrl-C (or SIGTERM) while checking: the program runners share the CLI's process group and get the
 * signal themselves, the pack runs in its own group and would be orphaned, so it is killed here.
 */
export function stopPacksOnInterrupt(): () => void {
  const handler = (signal: NodeJS.Signals) => {
    killLivePacks();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}

export async function checkPrograms(programDirs: string[], launch: Partial<LaunchOptions> = {}): Promise<CheckResult[]> {
  const release = stopPacksOnInterrupt();
  try {
    const runs = await Promise.all(programDirs.map((d) => runProgram(d)));
    const pack = await PackProcess.launch({ packDir: defaultPackDir(), dryRun: true, ...launch });
    try {
      const results: CheckResult[] = [];
      for (let i = 0; i < programDirs.length; i++) results.push(await judgeProgram(pack, programDirs[i], runs[i]));
      return results;
    } finally {
      await pack.close();
    }
  } finally {
    release();
  }
}
