/**
 * Checkov, run the way a user runs it on Terraform plans: `checkov -f plan.json --framework
 * terraform_plan secrets -o json`. It is never installed into the repository: the bench looks for
 * it in $CHECKOV_BIN, then in a virtual environment next to the checkout (../venv-checkov), then in
 * /work/venv-checkov, then on PATH.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { timeProcess } from "../common";

export const CHECKOV_INSTALL_HINT = [
  "Checkov was not found. Install it into a virtual environment outside the repository, e.g.",
  "  python3 -m venv ../venv-checkov && ../venv-checkov/bin/pip install checkov",
  "then run again (or point CHECKOV_BIN at the checkov executable):",
  "  CHECKOV_BIN=../venv-checkov/bin/checkov npm run bench -- --compare",
].join("\n");

export function findCheckov(root: string): string | undefined {
  const candidates = [process.env.CHECKOV_BIN, path.join(root, "..", "venv-checkov", "bin", "checkov"), "/work/venv-checkov/bin/checkov"];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  const onPath = spawnSync("sh", ["-c", "command -v checkov"], { encoding: "utf8" });
  return onPath.status === 0 && onPath.stdout.trim() ? onPath.stdout.trim() : undefined;
}

export function checkovVersion(bin: string): string {
  const r = spawnSync(bin, ["--version"], { encoding: "utf8", timeout: 120_000 });
  return (r.stdout || "").trim() || "unknown";
}

export interface CheckovFailure {
  readonly checkId: string;
  readonly checkName: string;
  readonly resource: string;
}

export interface CheckovRun {
  readonly ms: number;
  readonly rssKb: number;
  readonly exitCode: number | null;
  /** Failed checks by absolute file path. */
  readonly failed: Map<string, CheckovFailure[]>;
  readonly parsingErrors: string[];
  readonly note?: string;
}

// Offline: no download of external checks or guidelines from the Prisma Cloud API.
const ARGS = ["--framework", "terraform_plan", "secrets", "-o", "json", "--quiet", "--compact", "--skip-download"];
const ENV = { BC_SKIP_MAPPING: "TRUE", CHECKOV_LOG_LEVEL: "ERROR", LOG_LEVEL: "ERROR" };

/** One Checkov process over all files (`-f a -f b …`), as a CI job scanning several plans does. */
export async function runCheckov(bin: string, files: readonly string[], cwd: string): Promise<CheckovRun> {
  const args = files.flatMap((f) => ["-f", f]).concat(ARGS);
  const r = await timeProcess(bin, args, cwd, ENV);
  const failed = new Map<string, CheckovFailure[]>();
  const parsingErrors: string[] = [];
  let note: string | undefined;
  try {
    const json = JSON.parse(r.stdout);
    for (const report of Array.isArray(json) ? json : [json]) {
      for (const c of report?.results?.failed_checks ?? []) {
        const file = path.resolve(c.file_abs_path ?? c.file_path ?? "");
        const list = failed.get(file) ?? [];
        list.push({ checkId: c.check_id, checkName: c.check_name, resource: c.resource });
        failed.set(file, list);
      }
      for (const e of report?.results?.parsing_errors ?? []) parsingErrors.push(path.resolve(String(e)));
    }
  } catch {
    // Checkov prints a bare summary (not a list) when nothing was scanned.
    note = `Checkov output was not JSON (exit ${r.code}): ${r.stderr.trim().split("\n").slice(-1)[0]?.slice(0, 200) ?? ""}`;
  }
  return { ms: r.ms, rssKb: r.rssKb, exitCode: r.code, failed, parsingErrors, note };
}
