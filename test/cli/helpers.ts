import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const FIX = path.join(ROOT, "test", "fixtures");
export const MAIN = path.join(ROOT, "dist", "cli", "main.js");
export const SECRETS: Record<string, string> = JSON.parse(fs.readFileSync(path.join(FIX, "secrets.json"), "utf8"));

export function requireBuild(): void {
  if (!fs.existsSync(MAIN)) throw new Error("dist/cli/main.js is missing: run `npm run build` before these tests (npm test does it).");
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command as a user would (`node dist/cli/main.js …`), from the repository root. */
export function cli(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd: opts.cwd ?? ROOT, env: { ...process.env, NO_COLOR: "1", ...opts.env }, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every planted secret, and its tail after the well-known prefix (what a partial leak would show). */
export function leaks(text: string): string[] {
  const found: string[] = [];
  for (const [k, v] of Object.entries(SECRETS)) {
    const tail = v.slice(Math.min(8, v.length - 12));
    if (text.includes(v) || text.includes(tail)) found.push(k);
  }
  return found;
}
