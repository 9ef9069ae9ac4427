/**
 * The example pipelines: parsed, with the steps, commands and permissions that matter asserted,
 * the role they assume checked through the real pack, and their exact `report` command lines run
 * against a fixture event log.
 */
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkPrograms } from "../../cli/check/check";

const dir = path.resolve(__dirname, "..", "..", "examples", "pipelines");
const githubText = fs.readFileSync(path.join(dir, "github", "pulumi-preview.yml"), "utf8");
const gitlabText = fs.readFileSync(path.join(dir, "gitlab", ".gitlab-ci.yml"), "utf8");
const github = parse(githubText);
const gitlab = parse(gitlabText);

/* eslint-disable @typescript-eslint/no-explicit-any */
const ghSteps: any[] = github.jobs.preview.steps;
const ghRun = ghSteps.map((s) => String(s.run ?? "")).join("\n");
const glJob: any = gitlab["pulumi-preview"];
const glScript: string[] = [...glJob.before_script, ...glJob.script];

/** No stored AWS credentials anywhere: the project practises what it enforces. */
const STORED_AWS_KEY = /AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID|aws-secret-access-key|aws-access-key-id|AKIA[A-Z0-9]{16}/;

describe("GitHub Actions workflow", () => {
  it("federates to AWS with OIDC only", () => {
    expect(github.permissions["id-token"]).toBe("write");
    expect(github.permissions.contents).toBe("read");
    const auth = ghSteps.find((s) => String(s.uses ?? "").startsWith("aws-actions/configure-aws-credentials@"));
    expect(auth.with["role-to-assume"]).toBeDefined();
    expect(Number(auth.with["role-duration-seconds"])).toBeLessThanOrEqual(3600);
    expect(githubText).not.toMatch(STORED_AWS_KEY);
    expect(githubText).not.toMatch(/secrets\.AWS_/);
  });
  it("previews with the installed policy pack, its config and an event log (a debug flag: PULUMI_DEBUG_COMMANDS)", () => {
    expect(github.env.PULUMI_DEBUG_COMMANDS).toBe("true");
    expect(ghRun).toMatch(/pulumi preview[\s\S]*--policy-pack node_modules\/ai-access-guard\/policy-pack[\s\S]*--policy-pack-config policy-config\.json[\s\S]*--event-log events\.json/);
  });
  it("turns the event log into a PR comment and a SARIF upload, and fails on mandatory findings", () => {
    expect(ghRun).toContain("ai-access-guard report events.json --format markdown --output policy-report.md");
    expect(ghRun).toContain("ai-access-guard report events.json --format sarif --output policy-report.sarif");
    expect(github.permissions["pull-requests"]).toBe("write");
    expect(github.permissions["security-events"]).toBe("write");
    const upload = ghSteps.find((s) => String(s.uses ?? "").startsWith("github/codeql-action/upload-sarif@"));
    expect(upload.with.sarif_file).toBe("policy-report.sarif");
    const gate = ghSteps.find((s) => s.name === "Fail on mandatory findings");
    expect(gate.run).toBe("npx ai-access-guard report events.json --format text");
    expect(gate["continue-on-error"]).toBeUndefined();
    expect(ghSteps.indexOf(gate)).toBeGreaterThan(ghSteps.indexOf(upload));
  });
  it("caches the pack's install", () => {
    const cache = ghSteps.find((s) => String(s.uses ?? "").startsWith("actions/cache@"));
    expect(cache.with.path).toContain("node_modules");
    expect(cache.with.key).toContain("hashFiles('package-lock.json'");
    const install = ghSteps.find((s) => s.name === "Install");
    expect(install.if).toContain("cache-hit != 'true'");
  });
});

describe("GitLab CI pipeline", () => {
  it("federates to AWS with an ID token only", () => {
    expect(glJob.id_tokens.AWS_ID_TOKEN.aud).toBe("sts.amazonaws.com");
    expect(glScript.join("\n")).toContain('export AWS_WEB_IDENTITY_TOKEN_FILE=');
    expect(glScript.join("\n")).toContain('export AWS_ROLE_ARN="$AWS_PREVIEW_ROLE_ARN"');
    expect(gitlabText).not.toMatch(STORED_AWS_KEY);
  });
  it("previews with the pack and reports, failing on mandatory findings and on a failed preview", () => {
    expect(gitlab.variables.PULUMI_DEBUG_COMMANDS).toBe("true");
    const s = glJob.script as string[];
    expect(s[0]).toMatch(/pulumi preview .*--policy-pack node_modules\/ai-access-guard\/policy-pack --policy-pack-config policy-config\.json --event-log events\.json/);
    expect(s).toContain("npx ai-access-guard report events.json --format markdown --output policy-report.md || test $? -eq 1");
    expect(s).toContain("npx ai-access-guard report events.json --format text");
    expect(s[s.length - 1]).toBe('test "${PREVIEW_EXIT:-0}" -eq 0');
    expect(glJob.artifacts.paths).toEqual(expect.arrayContaining(["policy-report.md", "policy-report.sarif"]));
  });
  it("caches the install on the lockfile", () => {
    expect(glJob.cache.key.files).toEqual(["package-lock.json"]);
    expect(glJob.cache.paths).toContain("node_modules/");
  });
});

describe("the role the pipelines assume", () => {
  it("is built with this project's components and draws no mandatory finding from the pack", async () => {
    const [r] = await checkPrograms([path.join(dir, "ci-role")]);
    const types = r.run.resources.map((x) => x.type);
    expect(types).toContain("ai-access-guard:identity:GithubActionsRole");
    expect(types).toContain("ai-access-guard:identity:GitlabCiRole");
    expect(types).not.toContain("aws:iam/accessKey:AccessKey");
    expect(r.diagnostics.filter((d) => d.enforcementLevel === "mandatory")).toEqual([]);
    // Accepted risks, advisory: GitLab merge-request subjects vary by source branch; the preview
    // roles' ReadOnlyAccess reads every AgentCore memory (not an AI workload, so not mandatory).
    expect(r.diagnostics.map((d) => d.message.split("\n")[0]).sort()).toEqual(
      [
        expect.stringContaining('"project_path:acme/support-bot:ref_type:branch:ref:*"'),
        expect.stringMatching(/^\[AAG-018\] Role "github-preview-role" may call bedrock-agentcore:RetrieveMemoryRecords.*ReadOnlyAccess/),
        expect.stringMatching(/^\[AAG-018\] Role "gitlab-preview-role" may call bedrock-agentcore:RetrieveMemoryRecords.*ReadOnlyAccess/),
      ],
    );
    const gh = r.run.resources.find((x) => x.type === "aws:iam/role:Role" && x.name.startsWith("github-preview"))!;
    expect(String(gh.inputs.assumeRolePolicy)).toContain("repo:acme/support-bot:pull_request");
    expect(gh.inputs.maxSessionDuration).toBe(3600);
  });
});

describe("the pipelines' report command lines, run as written against a fixture event log", () => {
  const root = path.resolve(__dirname, "..", "..");
  const main = path.join(root, "dist", "cli", "main.js");
  // What the real CLI wrote for `pulumi preview --policy-pack … --event-log` (test/engine-real).
  const fixture = path.join(root, "test", "fixtures", "pulumi", "real", "events-preview-bad-ai-path.jsonl");
  const lines = (text: string) =>
    text
      .split("\n")
      .map((l) => l.replace(/^\s*(-\s+|run:\s+)?/, "").trim())
      .filter((l) => l.startsWith("npx ai-access-guard report"));

  it.each([
    ["GitHub Actions", lines(githubText)],
    ["GitLab CI", lines(gitlabText)],
  ])("%s: writes the comment and SARIF, then fails the job on mandatory findings", (_name, commands) => {
    const { spawnSync } = require("child_process") as typeof import("child_process");
    const os = require("os") as typeof import("os");
    expect(commands.length).toBe(3);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "aag-pipeline-"));
    try {
      fs.copyFileSync(fixture, path.join(work, "events.json"));
      const codes = commands.map((c) => spawnSync("bash", ["-c", c.replace(/^npx ai-access-guard/, `node ${JSON.stringify(main)}`)], { cwd: work, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } }));
      // Markdown and SARIF steps tolerate exit 1 (mandatory findings) and must produce their files.
      expect(codes[0].status).toBe(0);
      expect(codes[1].status).toBe(0);
      const md = fs.readFileSync(path.join(work, "policy-report.md"), "utf8");
      expect(md).toMatch(/mandatory/i);
      const sarif = JSON.parse(fs.readFileSync(path.join(work, "policy-report.sarif"), "utf8"));
      expect(sarif.version).toBe("2.1.0");
      expect(sarif.runs[0].results.length).toBeGreaterThan(0);
      // The gate: the event log holds mandatory findings, so the job fails (exit 1), printing them.
      expect(codes[2].status).toBe(1);
      expect(codes[2].stdout).toContain("MANDATORY");
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
