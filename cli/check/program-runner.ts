/**
 * Child process that runs one Pulumi program under the mock runtime and writes every registered
 * resource (type, name, URN, inputs, outputs) as JSON to the file named by argv[3].
 * Usage: node program-runner.js <program-dir> <out-file> [project] [stack]
 * A separate process per program: Pulumi's runtime state is global to a process.
 */
import * as fs from "fs";
import * as path from "path";
import { recordingMocks, recordRegistrations, settleRegistrations, type RecordedResource } from "./mocks";

async function main(): Promise<void> {
  const [programDir, outFile, projectArg, stackArg] = process.argv.slice(2);
  const dir = path.resolve(programDir);
  const project = projectArg || readProjectName(dir) || path.basename(dir);
  const stack = stackArg || "check";
  const pulumi = await import("@pulumi/pulumi");
  const recorded: RecordedResource[] = [];
  await pulumi.runtime.setMocks(recordingMocks(project, stack, recorded), project, stack, false);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  recordRegistrations(require("@pulumi/pulumi/runtime/settings").getMonitor(), recorded, dir, project, stack);
  // TypeScript programs load through tsx (Pulumi itself uses ts-node); JavaScript loads as is.
  if (fs.existsSync(path.join(dir, "index.ts")) || fs.existsSync(path.join(dir, "tsconfig.json"))) require("tsx/cjs");
  const entry = programEntry(dir);
  const mod = require(entry);
  const exported = mod && typeof mod.default === "function" ? mod.default : typeof mod === "function" ? mod : undefined;
  if (exported) await exported();
  await settleRegistrations();
  const tmp = `${outFile}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ project, stack, resources: recorded }));
  fs.renameSync(tmp, outFile);
}

function readProjectName(dir: string): string | undefined {
  for (const f of ["Pulumi.yaml", "Pulumi.yml"]) {
    const p = path.join(dir, f);
    if (!fs.existsSync(p)) continue;
    const m = /^name:\s*["']?([^"'\n#]+?)["']?\s*$/m.exec(fs.readFileSync(p, "utf8"));
    if (m) return m[1].trim();
  }
  return undefined;
}

function programEntry(dir: string): string {
  const pkg = path.join(dir, "package.json");
  if (fs.existsSync(pkg)) {
    const main = JSON.parse(fs.readFileSync(pkg, "utf8")).main;
    if (typeof main === "string") return path.resolve(dir, main);
  }
  for (const f of ["index.ts", "index.js"]) if (fs.existsSync(path.join(dir, f))) return path.join(dir, f);
  throw new Error(`no Pulumi program found in ${dir}: expected index.ts, index.js or a package.json "main"`);
}

main().catch((e) => {
  // The program's own error, shown to the user; secrets are not in stack traces of our code.
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
