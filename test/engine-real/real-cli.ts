/**
 * Drives the real Pulumi CLI (built from Go modules by scripts/pulumi-cli.sh, or one on PATH) against a
 * local file:// backend with a passphrase secrets provider, the stand-in AWS provider and this package's
 * policy pack as installed from the packed tarball. Nothing here talks to a network or to AWS.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO, cleanEnv } from "../packaging/consumer";

export const STAND_IN_AWS_VERSION = "7.48.0";

/** The pulumi binary to drive: $AAG_PULUMI, then what scripts/pulumi-cli.sh built, then PATH. */
export function findPulumi(): string | undefined {
  if (process.env.AAG_PULUMI) return process.env.AAG_PULUMI;
  const built = spawnSync("bash", [path.join(REPO, "scripts", "pulumi-cli.sh"), "--find"], { encoding: "utf8" });
  if (built.status === 0 && built.stdout.trim()) return built.stdout.trim().split("\n").pop();
  const onPath = spawnSync("bash", ["-c", "command -v pulumi"], { encoding: "utf8" });
  return onPath.status === 0 ? onPath.stdout.trim() : undefined;
}

export interface Workspace {
  readonly root: string;
  readonly backend: string;
  /** Runs `pulumi …` in `cwd` with this workspace's home, backend and passphrase. */
  pulumi(args: string[], cwd: string, extraEnv?: Record<string, string>): SpawnSyncReturns<string>;
  /** A copy of test/engine-real/programs/<name> with a fresh `dev` stack. */
  program(name: "bad-ai-path" | "safe-ai-path"): string;
  remove(): void;
}

export function makeWorkspace(pulumiBin: string): Workspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "aag-engine-"));
  const backend = path.join(root, "backend");
  fs.mkdirSync(backend);
  const env = cleanEnv({
    // The CLI's own directory first: it finds pulumi-language-yaml there.
    PATH: `${path.dirname(pulumiBin)}${path.delimiter}${process.env.PATH}`,
    PULUMI_HOME: path.join(root, "home"),
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: "aag-real-engine-test",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    NO_COLOR: "1",
  });
  const pulumi = (args: string[], cwd: string, extraEnv: Record<string, string> = {}) =>
    spawnSync(pulumiBin, [...args, "--color", "never"], { cwd, env: { ...env, ...extraEnv }, encoding: "utf8", timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });

  // The stand-in provider, installed the way a local provider plugin is: `plugin install … --file <dir>`.
  const plugin = path.join(root, "stand-in-aws");
  fs.mkdirSync(plugin);
  const tsx = require.resolve("tsx/cli", { paths: [REPO] });
  const provider = path.join(REPO, "test", "engine-real", "stand-in-aws", "provider.ts");
  fs.writeFileSync(path.join(plugin, "pulumi-resource-aws"), `#!/bin/sh\nexec ${sh(process.execPath)} ${sh(tsx)} ${sh(provider)} "$@"\n`, { mode: 0o755 });
  const installed = pulumi(["plugin", "install", "resource", "aws", STAND_IN_AWS_VERSION, "--file", plugin], root);
  if (installed.status !== 0) throw new Error(`pulumi plugin install failed:\n${installed.stdout}${installed.stderr}`);

  return {
    root,
    backend,
    pulumi,
    program(name) {
      const dir = path.join(root, name);
      fs.cpSync(path.join(REPO, "test", "engine-real", "programs", name), dir, { recursive: true });
      const init = pulumi(["stack", "init", "dev", "--secrets-provider", "passphrase"], dir);
      if (init.status !== 0) throw new Error(`pulumi stack init failed:\n${init.stdout}${init.stderr}`);
      return dir;
    },
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * The policy pack as the CLI launches it. A released CLI runs a directory pack through the Node.js
 * language host (`RunPlugin`: the runner resolved from the pack's directory, started there with the pack
 * directory as argument). That host cannot be built here (see scripts/pulumi-cli.sh), so this launcher
 * does the same two steps and the CLI starts it through its binary-analyzer path
 * (`--policy-pack <executable>`). Everything after the launch (Handshake, ConfigureStack, GetAnalyzerInfo,
 * config validation against configSchema, Configure, Analyze, AnalyzeStack, output) is the real CLI's.
 */
export function packLauncher(root: string, packDir: string): string {
  const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
  const dir = path.join(root, "launcher");
  fs.mkdirSync(dir, { recursive: true });
  // The CLI loads PulumiPolicy.yaml from the launcher's directory for the pack's description.
  fs.copyFileSync(path.join(packDir, "PulumiPolicy.yaml"), path.join(dir, "PulumiPolicy.yaml"));
  const file = path.join(dir, "ai-access-guard");
  fs.writeFileSync(file, `#!/bin/sh\ncd ${sh(packDir)} && exec ${sh(process.execPath)} ${sh(runner)} "$1" ${sh(packDir)}\n`, { mode: 0o755 });
  return file;
}

const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** `ai-access-guard <args>` from the repository's build, JSON report parsed. */
export function aag(args: string[], cwd = REPO): { status: number | null; report: AagReport; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(REPO, "dist", "cli", "main.js"), ...args, "--format", "json"], { cwd, encoding: "utf8", env: cleanEnv({ NO_COLOR: "1" }), maxBuffer: 64 * 1024 * 1024 });
  let report: AagReport;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    throw new Error(`ai-access-guard ${args.join(" ")} printed no JSON report (exit ${r.status}):\n${r.stderr}`);
  }
  return { status: r.status, report, stderr: r.stderr };
}

export interface AagFinding {
  ruleId: string;
  level: string;
  kind: string;
  findingId: string;
  resource: { type: string; name: string };
}
export interface AagReport {
  findings: AagFinding[];
  resourceCount: number;
}

/**
 * One line per finding: rule, resource, finding id. Auto-name suffixes differ between providers (the
 * stand-in's, the mocks' of `check`), so a `-<7 hex>` suffix is normalised; nothing else is.
 */
export function findingKeys(report: AagReport, opts: { kinds?: string[] } = {}): string[] {
  return report.findings
    .filter((f) => !opts.kinds || opts.kinds.includes(f.kind))
    .map((f) => `${f.ruleId} ${f.resource.type} ${f.resource.name} ${f.findingId}`.replace(/-[0-9a-f]{7}\b/g, "-<suffix>"))
    .sort();
}

/** Copies a real output into test/fixtures/pulumi/real/ when AAG_UPDATE_FIXTURES=1 (how the fixtures were made). */
export function keepFixture(file: string, name: string): void {
  if (process.env.AAG_UPDATE_FIXTURES !== "1") return;
  const dest = path.join(REPO, "test", "fixtures", "pulumi", "real", name);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(file, dest);
}

export function gitVersion(pulumiBin: string): string {
  return execFileSync(pulumiBin, ["version"], { encoding: "utf8" }).trim();
}
