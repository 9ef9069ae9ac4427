/**
 * A user's project, made the way a user makes it: `npm pack` of this repository, the tarball installed
 * into a fresh directory outside the repository (so nothing resolves through the repository's own
 * node_modules), with the Pulumi SDK versions the user chose. Installs are offline-first: `npm ci`
 * of this repository has put every version named here (the lockfile's) into the npm cache.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const REPO = path.resolve(__dirname, "..", "..");
const rootPackage = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));

/** One end of the supported SDK range: the versions a consumer project installs. */
export interface SdkEnd {
  readonly label: "oldest supported" | "newest for Node 20";
  readonly pulumi: string;
  readonly aws: string;
}

const aliased = (name: string) => String(rootPackage.devDependencies[name]).replace(/^npm:@pulumi\/[a-z]+@/, "");

/**
 * The ends come from package.json: the oldest are the `*-oldest-supported` aliases (kept in the lockfile so
 * the cache holds them), the newest are the versions this repository develops against.
 */
export const SDK_ENDS: readonly SdkEnd[] = [
  { label: "oldest supported", pulumi: aliased("@pulumi/pulumi-oldest-supported"), aws: aliased("@pulumi/aws-oldest-supported") },
  { label: "newest for Node 20", pulumi: rootPackage.devDependencies["@pulumi/pulumi"], aws: rootPackage.devDependencies["@pulumi/aws"] },
];

export const peerRange = (name: string): string => rootPackage.peerDependencies[name];

/** The environment of a child npm/node: without the npm_* variables `npm test` sets for this repository. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== "INIT_CWD" && k !== "NODE_OPTIONS") env[k] = v;
  return { ...env, ...extra };
}

export function npm(args: string[], cwd: string): string {
  return execFileSync("npm", [...args, "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
    cwd,
    env: cleanEnv(),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** `npm pack` of this repository (already built by `npm test`), once per process. */
let tarball: string | undefined;
export function packRepository(): string {
  if (tarball && fs.existsSync(tarball)) return tarball;
  if (!fs.existsSync(path.join(REPO, "policy-pack", "bin", "index.js")) || !fs.existsSync(path.join(REPO, "dist", "cli", "main.js"))) {
    throw new Error("dist/ and policy-pack/bin/ are missing: run `npm run build` before these tests (npm test does)");
  }
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), "aag-tarball-"));
  // --ignore-scripts: the build already ran; prepack would only rebuild the same files.
  const out = JSON.parse(npm(["pack", "--json", "--ignore-scripts", "--pack-destination", dest], REPO));
  tarball = path.join(dest, out[0].filename);
  return tarball;
}

/** The files the tarball holds, as npm lists them. */
export function tarballFiles(): string[] {
  const out = JSON.parse(npm(["pack", "--json", "--dry-run", "--ignore-scripts"], REPO));
  return out[0].files.map((f: { path: string }) => f.path);
}

export interface Consumer {
  readonly dir: string;
  readonly end: SdkEnd;
  /** `npx ai-access-guard …` from the project. */
  cli(args: string[]): SpawnSyncReturns<string>;
  /** The installed pack, where `pulumi preview --policy-pack` is pointed. */
  readonly packDir: string;
  remove(): void;
}

/** A fresh project with the tarball and the given SDK versions installed (plus `extraDev`, e.g. vitest). */
export function makeConsumer(end: SdkEnd, extraDev: Record<string, string> = {}): Consumer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aag-consumer-"));
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify(
      {
        name: "consumer",
        version: "1.0.0",
        private: true,
        main: "index.ts",
        dependencies: { "ai-access-guard": `file:${packRepository()}`, "@pulumi/pulumi": end.pulumi, "@pulumi/aws": end.aws },
        devDependencies: extraDev,
      },
      null,
      2,
    ),
  );
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: consumer\nruntime: nodejs\n");
  npm(["install"], dir);
  const bin = path.join(dir, "node_modules", ".bin", "ai-access-guard");
  return {
    dir,
    end,
    packDir: path.join(dir, "node_modules", "ai-access-guard", "policy-pack"),
    cli: (args) => spawnSync(bin, args, { cwd: dir, env: cleanEnv({ NO_COLOR: "1" }), encoding: "utf8", timeout: 180_000 }),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** The repository's examples, rewritten to import the package by name as a user's program does. */
export function writeProgram(dir: string, example: "bad-ai-path" | "github-actions-bedrock"): void {
  const source = fs.readFileSync(path.join(REPO, "examples", example, "index.ts"), "utf8").replace(/"\.\.\/\.\.\/components"/g, '"ai-access-guard"');
  fs.writeFileSync(path.join(dir, "index.ts"), source);
}

/** The README's test-helper snippet, verbatim (the ```ts block that imports ai-access-guard/testing). */
export function readmeHelperSnippet(): string {
  const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/^( *)```ts\n([\s\S]*?)^\1```/gm)].map((m) => m[2].replace(new RegExp(`^${m[1]}`, "gm"), ""));
  const snippet = blocks.find((b) => b.includes('from "ai-access-guard/testing"'));
  if (!snippet) throw new Error("README.md has no ```ts block importing ai-access-guard/testing");
  return snippet;
}

/** Runs a command in a consumer project; output for assertions and failure messages. */
export function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env: cleanEnv({ NO_COLOR: "1", CI: "1" }), encoding: "utf8", timeout: 300_000 });
}
