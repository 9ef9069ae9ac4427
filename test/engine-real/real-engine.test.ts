// The real Pulumi CLI against this package's policy pack, installed from the packed tarball: preview with
// --policy-pack (real exit code and output), --policy-pack-config validation and waivers, --event-log →
// `report`, preview --json → `scan`, up + stack export → `scan`, the backend's checkpoint → `scan`, each
// compared with `check` on the TypeScript twin of the program. Runs when a pulumi binary is found (PATH or
// scripts/pulumi-cli.sh); otherwise says so in one line. `.ci/run` sets AAG_REQUIRE_REAL_ENGINE=1, which
// turns a missing binary into a failure.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, SDK_ENDS, makeConsumer, type Consumer } from "../packaging/consumer";
import { aag, findPulumi, findingKeys, gitVersion, keepFixture, makeWorkspace, packLauncher, type Workspace } from "./real-cli";

const pulumiBin = findPulumi();
const DEBUG_COMMANDS = { PULUMI_DEBUG_COMMANDS: "true" };
const ENABLE = "build it with `bash scripts/pulumi-cli.sh` (Go 1.26 and the Go module proxy), or put pulumi on PATH";

if (!pulumiBin) {
  if (process.env.AAG_REQUIRE_REAL_ENGINE === "1") {
    it("needs the real Pulumi CLI (AAG_REQUIRE_REAL_ENGINE=1)", () => {
      throw new Error(`no pulumi binary found: ${ENABLE}`);
    });
  } else {
    process.stderr.write(`\nai-access-guard: real Pulumi CLI suite SKIPPED: no pulumi binary found; to run it, ${ENABLE}\n\n`);
    it.skip(`real Pulumi CLI suite (no pulumi binary found; ${ENABLE})`, () => {});
  }
} else {
  describe(`the real Pulumi CLI (${path.basename(pulumiBin)} ${gitVersion(pulumiBin)}) with the installed pack`, () => {
    let consumer: Consumer;
    let ws: Workspace;
    let launcher: string;
    let bad: string;
    let safe: string;
    /** `check` on the TypeScript program the YAML one mirrors: the reference every path must agree with. */
    let checkBad: string[];

    beforeAll(() => {
      consumer = makeConsumer(SDK_ENDS[1]);
      ws = makeWorkspace(pulumiBin);
      launcher = packLauncher(ws.root, consumer.packDir);
      bad = ws.program("bad-ai-path");
      safe = ws.program("safe-ai-path");
      checkBad = findingKeys(aag(["check", "examples/bad-ai-path"]).report);
    }, 600_000);
    afterAll(() => {
      consumer?.remove();
      ws?.remove();
    });

    const writeConfig = (dir: string, config: unknown) => {
      const file = path.join(dir, "policy-config.json");
      fs.writeFileSync(file, JSON.stringify(config, null, 2));
      return file;
    };
    /** Every policy advisory: `up` then creates everything and the findings are still reported. */
    const allAdvisory = (dir: string) => writeConfig(dir, { all: "advisory" });

    it("preview --policy-pack fails the unsafe program with the pack's mandatory findings", () => {
      const r = ws.pulumi(["preview", "--policy-pack", launcher], bad);
      const out = r.stdout + r.stderr;
      expect(r.status, out).toBe(1);
      expect(out).toMatch(/❌ ai-access-guard@v0\.1\.0/);
      expect(out).toMatch(/\[mandatory\] \[severity: critical\] +no-long-lived-access-keys +\(aws:iam:AccessKey: ci-bot-key\)/);
      expect(out).toMatch(/\[AAG-003\] UserPolicy "ci-bot-bedrock" policy document statement 1 allows Action::bedrock:\*/);
      expect(out).toMatch(/\[mandatory\].*no-broad-managed-policies +\(aws:iam:RolePolicyAttachment: gha-deploy-bedrock\)/);
      // In a real preview the trust policy waits for the provider's ARN: the pack says it cannot validate it.
      expect(out).toMatch(/\[advisory\].*federated-trust-pinned +\(aws:iam:Role: gha-deploy\)\n +\[AAG-006\] cannot validate: Role "gha-deploy" trust policy: the document is not known until apply/);
      expect(out).not.toMatch(/Error: |at .*\.js:\d+/);
    });

    it("preview --policy-pack passes the safe program (exit 0); only the trust policy preview cannot know is left open", () => {
      const r = ws.pulumi(["preview", "--policy-pack", launcher], safe);
      const out = r.stdout + r.stderr;
      expect(r.status, out).toBe(0);
      expect(out).not.toMatch(/\[mandatory\]/);
      expect(out).toMatch(/⚠️ ai-access-guard@v0\.1\.0/);
      // The role's trust names the OIDC provider's ARN, unknown until apply: said, never passed silently.
      const advisories = [...out.matchAll(/\[advisory\].*\n +(\[AAG-\d+\].*)/g)].map((m) => m[1]);
      expect(advisories.length).toBeGreaterThan(0);
      for (const a of advisories) expect(a).toMatch(/cannot validate: Role "gha-bedrock-identity-role" trust policy: the document is not known until apply/);
    });

    it("up --policy-pack deploys the safe program, and its stack export scans clean", () => {
      const r = ws.pulumi(["up", "--yes", "--policy-pack", launcher], safe);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      const file = path.join(safe, "stack.json");
      expect(ws.pulumi(["stack", "export", "--file", file], safe).status).toBe(0);
      keepFixture(file, "stack-export-safe-ai-path.json");
      const scan = aag(["scan", file]);
      expect(scan.status).toBe(0);
      expect(findingKeys(scan.report)).toEqual([]);
      expect(scan.report.resourceCount).toBe(8); // the eight resources of the program
    });

    it("the real CLI rejects a bad --policy-pack-config against configSchema, and the pack rejects an unknown setting by name", () => {
      const low = ws.pulumi(["preview", "--policy-pack", launcher, "--policy-pack-config", writeConfig(bad, { "short-ai-sessions": { maxSessionSeconds: 10 } })], bad);
      expect(low.status).not.toBe(0);
      expect(low.stdout + low.stderr).toMatch(/validating policy config: ai-access-guard 0\.1\.0 +short-ai-sessions: maxSessionSeconds: Must be greater than or equal to 900/);

      const typo = ws.pulumi(["preview", "--policy-pack", launcher, "--policy-pack-config", writeConfig(bad, { "short-ai-sessions": { maxSessionSecondz: 3600 } })], bad);
      expect(typo.status).not.toBe(0);
      expect(typo.stdout + typo.stderr).toMatch(/short-ai-sessions\.maxSessionSecondz: not a setting of this policy \(allowed: [^)]*maxSessionSeconds\)/);
    });

    it("honours a waiver given in --policy-pack-config (reported as waived, advisory)", () => {
      const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      const waiver = { resource: "ci-bot-key", finding: "AccessKey::long-lived", reason: "vendor has no OIDC support yet, ticket SEC-42", expires };
      const r = ws.pulumi(["preview", "--policy-pack", launcher, "--policy-pack-config", writeConfig(bad, { "no-long-lived-access-keys": { waivers: [waiver] } })], bad);
      const out = r.stdout + r.stderr;
      expect(out).toMatch(new RegExp(`\\[advisory\\].*no-long-lived-access-keys +\\(aws:iam:AccessKey: ci-bot-key\\)\\n +\\[AAG-001\\] waived until ${expires} \\(vendor has no OIDC support yet, ticket SEC-42\\)`));
      expect(out).not.toMatch(/\[mandatory\].*no-long-lived-access-keys/);
    });

    it("preview --json → `scan` finds what `check` finds on the same program, where preview knows the values", () => {
      const r = ws.pulumi(["preview", "--json"], bad);
      expect(r.status, r.stderr).toBe(0);
      const file = path.join(bad, "preview.json");
      fs.writeFileSync(file, r.stdout);
      keepFixture(file, "preview-bad-ai-path.json");
      const scan = aag(["scan", file]);
      expect(scan.status).toBe(1);
      const known = findingKeys(scan.report, { kinds: ["violation"] });
      // Preview cannot know the trust policy (it waits for the OIDC provider's ARN): those two rules say
      // "cannot validate" instead; everything else matches check.
      const trustRules = (k: string) => /^AAG-00[6]|^AAG-013/.test(k) && k.includes("gha-deploy");
      expect(known).toEqual(checkBad.filter((k) => !trustRules(k)));
      expect(findingKeys(scan.report, { kinds: ["cannot-validate"] }).some((k) => k.startsWith("AAG-006 aws:iam/role:Role gha-deploy"))).toBe(true);
    });

    it("preview --policy-pack --event-log → `report` gives the preview's findings, and fails on its mandatory ones", () => {
      const events = path.join(bad, "events-preview.jsonl");
      const r = ws.pulumi(["preview", "--policy-pack", launcher, "--event-log", events], bad, DEBUG_COMMANDS);
      expect(r.status).toBe(1);
      keepFixture(events, "events-preview-bad-ai-path.jsonl");
      const report = aag(["report", events]);
      expect(report.status).toBe(1);
      // The same violations as `check`, except the trust policy preview cannot know (reported as cannot validate).
      const trustRules = (k: string) => /^AAG-00[6]|^AAG-013/.test(k) && k.includes("gha-deploy");
      expect(findingKeys(report.report, { kinds: ["violation"] })).toEqual(checkBad.filter((k) => !trustRules(k)));
    });

    it("up --policy-pack --event-log → `report` gives the same findings as `check` on the same program", () => {
      const events = path.join(bad, "events.jsonl");
      // `--event-log` exists only with PULUMI_DEBUG_COMMANDS=true (pkg/cmd/pulumi/operations/up.go).
      const r = ws.pulumi(["up", "--yes", "--skip-preview", "--policy-pack", launcher, "--policy-pack-config", allAdvisory(bad), "--event-log", events], bad, DEBUG_COMMANDS);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      keepFixture(events, "events-up-bad-ai-path.jsonl");
      const report = aag(["report", events]);
      expect(findingKeys(report.report)).toEqual(checkBad);
    });

    it("stack export after up → `scan` gives the same findings as `check`", () => {
      const file = path.join(bad, "stack.json");
      const r = ws.pulumi(["stack", "export", "--file", file], bad);
      expect(r.status, r.stderr).toBe(0);
      keepFixture(file, "stack-export-bad-ai-path.json");
      const scan = aag(["scan", file]);
      expect(scan.status).toBe(1);
      expect(findingKeys(scan.report)).toEqual(checkBad);
    });

    it("the local backend's own checkpoint file → `scan` gives the same findings as the export", () => {
      const checkpoint = path.join(ws.backend, ".pulumi", "stacks", "bad-ai-path", "dev.json");
      expect(fs.existsSync(checkpoint)).toBe(true);
      keepFixture(checkpoint, "checkpoint-bad-ai-path.json");
      const scan = aag(["scan", checkpoint]);
      expect(scan.status).toBe(1);
      expect(findingKeys(scan.report)).toEqual(checkBad);
    });

    it("the secret the stand-in provider returned never appears in any report", () => {
      const file = path.join(bad, "stack-plain.json");
      expect(ws.pulumi(["stack", "export", "--show-secrets", "--file", file], bad).status).toBe(0);
      const plain = fs.readFileSync(file, "utf8");
      const secret = /fabricated-[0-9a-f]{32}/.exec(plain)?.[0];
      expect(secret).toBeDefined();
      for (const format of ["text", "markdown", "json", "sarif"]) {
        const r = spawnSync(process.execPath, [path.join(REPO, "dist", "cli", "main.js"), "scan", file, "--show-secrets", "--format", format], { encoding: "utf8" });
        expect(r.stdout + r.stderr).not.toContain(secret);
      }
    });
  });
}
