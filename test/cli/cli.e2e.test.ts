/** The `ai-access-guard` command end to end: spawned as `node dist/cli/main.js`, on fixtures in the real formats. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { ALL_RULES } from "../../policy-pack/src";
import { cli, FIX, leaks, requireBuild, ROOT } from "./helpers";
import { sarifValidator } from "./sarif-schema";

// What the real Pulumi CLI wrote (test/engine-real): `pulumi stack export` after `up`, and `preview --json`.
const EXPORT = path.join(FIX, "pulumi", "real", "stack-export-bad-ai-path.json");
const EXPORT_PLAIN = path.join(FIX, "pulumi", "stack-export-v3-show-secrets.json");
const PREVIEW = path.join(FIX, "pulumi", "real", "preview-bad-ai-path.json");
const EVENTS = path.join(FIX, "pulumi", "events.jsonl");
const EVENTS_COLOR = path.join(FIX, "pulumi", "events-color.jsonl");
const EMPTY_STACK = path.join(FIX, "pulumi", "stack-export-empty.json");
const PLAN = path.join(FIX, "plan", "plan.json");
const BAD = (f: string) => path.join(FIX, "bad", f);
const FORMATS = ["text", "markdown", "json", "sarif"];

type JsonReport = {
  schemaVersion: number;
  command: string;
  input: { kind: string; path: string };
  passed: boolean;
  summary: { mandatory: number; advisory: number; waived: number; cannotValidate: number; total: number };
  findings: Array<{ ruleId: string; findingId: string; level: string; category: string; message: string; resource: { urn: string; type: string; name: string }; waiver: { reason: string } | null; fix: string | null }>;
  accessMap: { nodes: Array<{ id: string; kind: string; label: string }>; edges: Array<{ from: string; to: string; violations: string[] }> } | null;
  notes: string[];
};

function json(args: string[]): { code: number | null; report: JsonReport } {
  const r = cli([...args, "--format", "json"]);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return { code: r.code, report: JSON.parse(r.stdout) };
}

const key = (f: JsonReport["findings"][number]) => `${f.ruleId} ${f.resource.name} ${f.findingId}`;

beforeAll(() => requireBuild());

describe("rules", () => {
  it("lists every rule with ID, name, default level, severity and frameworks", () => {
    const r = cli(["rules"]);
    expect(r.code).toBe(0);
    for (const rule of ALL_RULES) {
      const line = r.stdout.split("\n").find((l) => l.startsWith(rule.id));
      expect(line, rule.id).toContain(rule.name);
      expect(line).toContain(rule.defaultLevel);
      expect(line).toContain(rule.severity);
      expect(line).toContain(rule.frameworks.nistCsf[0]);
      expect(line).toContain(`NIST AI RMF 1.0: ${rule.frameworks.nistAiRmf.join(", ")}`);
    }
    const j = JSON.parse(cli(["rules", "--format", "json"]).stdout);
    expect(j.rules.map((x: { id: string }) => x.id)).toEqual(ALL_RULES.map((x) => x.id));
    expect(cli(["rules", "--format", "markdown"]).stdout).toContain(`| ${ALL_RULES[0].id} | \`${ALL_RULES[0].name}\``);
  });
});

describe("scan", () => {
  it("judges a stack export v3: the pack's finding IDs, exit 1, physical locations from sourcePosition", () => {
    const { code, report } = json(["scan", EXPORT]);
    expect(code).toBe(1);
    expect(report.schemaVersion).toBe(1);
    expect(report.input.kind).toBe("pulumi-stack-export");
    expect(report.passed).toBe(false);
    const keys = report.findings.map(key);
    expect(keys).toEqual(expect.arrayContaining(["AAG-001 ci-bot-key AccessKey::long-lived", "AAG-003 ci-bot-bedrock Action::bedrock:*", "AAG-004 ci-bot-bedrock Resource::*", "AAG-005 gha-deploy-bedrock ManagedPolicy::AmazonBedrockFullAccess", "AAG-006 gha-deploy Sub::repo:*"]));
    // Providers and the stack resource are not judged; an access key's id (its key ID) is not judged as an input.
    expect(report.findings.some((f) => f.resource.type.startsWith("pulumi:"))).toBe(false);
    expect(keys.some((k) => k.startsWith("AAG-008 ci-bot-key"))).toBe(false);
    expect(report.summary.mandatory).toBe(report.findings.filter((f) => f.category === "mandatory").length);
    // The access-path map marks the unpinned GitHub trust and the static key as violating edges.
    const entry = (label: string) => report.accessMap!.nodes.find((n) => n.kind === "entry" && n.label.includes(label))!.id;
    expect(report.accessMap!.edges.find((e) => e.from === entry("GitHub"))!.violations.join(" ")).toContain("AAG-006");
    expect(report.accessMap!.edges.find((e) => e.from === entry("access key"))!.violations.join(" ")).toContain("AAG-001");
  });

  it("reads preview JSON (\"[secret]\" is unknown, only changed resources listed)", () => {
    const { code, report } = json(["scan", PREVIEW]);
    expect(code).toBe(1);
    expect(report.input.kind).toBe("pulumi-preview-json");
    expect(report.findings.map(key)).toEqual(expect.arrayContaining(["AAG-001 ci-bot-key AccessKey::long-lived"]));
    // A real preview does not know the trust policy yet (it names the OIDC provider's ARN): cannot validate, not a pass.
    const trust = report.findings.find((f) => key(f) === "AAG-006 gha-deploy Property::assumeRolePolicy");
    expect(trust?.category).toBe("cannot-validate");
    expect(report.notes.join(" ")).toContain("--show-sames");
  });

  it("routes a Terraform plan (terraform show -json) to the Terraform adapter", () => {
    const r = cli(["scan", PLAN, "--format", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.input.kind).toBe("terraform-plan-json");
    expect(report.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(["AAG-001", "AAG-003"]));
  });

  it("routes a cdktf cdk.tf.json to the cdktf adapter, findings named by Terraform address", () => {
    const r = cli(["scan", path.join(FIX, "terraform", "cdk.tf.json"), "--format", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.input.kind).toBe("cdktf-json");
    const keyFinding = report.findings.find((f) => f.ruleId === "AAG-001");
    expect(keyFinding?.resource.name).toMatch(/^aws_iam_access_key\./);
  });

  it("an empty stack is judged as empty: exit 0 and a note that nothing was judged", () => {
    const { code, report } = json(["scan", EMPTY_STACK]);
    expect(code).toBe(0);
    expect(report.summary.total).toBe(0);
    expect(report.notes.join(" ")).toContain("nothing was judged");
  });

  it("exit 0 when only advisory findings remain (configuration file, same format as --policy-pack-config)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aag-cfg-"));
    const cfg = path.join(dir, "policy-config.json");
    fs.writeFileSync(cfg, JSON.stringify({ all: "advisory" }));
    const { code, report } = json(["scan", EXPORT, "--config", cfg]);
    expect(code).toBe(0);
    expect(report.summary.mandatory).toBe(0);
    expect(report.summary.advisory).toBeGreaterThan(0);
  });

  it("rejects a bad configuration with the policy, the field and what is allowed (exit 2)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aag-cfg-"));
    const cfg = path.join(dir, "policy-config.json");
    fs.writeFileSync(cfg, JSON.stringify({ "no-wildcard-ai-actions": { enforcementLevel: "loud" }, "not-a-policy": "advisory" }));
    const r = cli(["scan", EXPORT, "--config", cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no-wildcard-ai-actions.enforcementLevel must be one of");
    expect(r.stderr).toContain("not-a-policy: not a policy of this pack");
    expect(r.stdout).toBe("");
  });
});

describe("report (event log of a real run)", () => {
  it("parses the pack's messages back, keeps the events' levels, waived and cannot-validate variants", () => {
    const { code, report } = json(["report", EVENTS]);
    expect(code).toBe(1);
    expect(report.input.kind).toBe("pulumi-event-log");
    const lines = fs.readFileSync(EVENTS, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const events = lines.filter((e) => e.policyEvent).map((e) => e.policyEvent);
    expect(report.findings).toHaveLength(events.length);
    expect(report.summary.mandatory).toBe(events.filter((e) => e.enforcementLevel === "mandatory").length);
    const waived = report.findings.filter((f) => f.category === "waived");
    expect(waived.map(key)).toEqual(["AAG-005 gha-deploy-bedrock ManagedPolicy::AmazonBedrockFullAccess"]);
    expect(waived[0].waiver!.reason).toBe("migration to AiAccessPolicy tracked in PLAT-142");
    expect(report.findings.filter((f) => f.category === "cannot-validate").map(key)).toContain("AAG-006 agent-runtime Property::assumeRolePolicy");
    // A message preceded by the policy description line parses the same.
    expect(report.findings.map(key)).toContain("AAG-003 ci-bot-bedrock Action::bedrock:*");
    expect(report.findings.every((f) => f.fix && f.message.startsWith("["))).toBe(true);
    // The access map comes from resourcePreEvent states.
    expect(report.accessMap!.nodes.some((n) => n.kind === "principal" && n.label.includes("gha-deploy"))).toBe(true);
  });

  it("colour-tagged messages (CLI colour on) give the same findings", () => {
    const plain = json(["report", EVENTS]).report;
    const colored = json(["report", EVENTS_COLOR]).report;
    expect(colored.findings.map((f) => [key(f), f.category, f.message])).toEqual(plain.findings.map((f) => [key(f), f.category, f.message]));
  });

  it("a truncated log, a stack export, and --config are input/usage errors (exit 2)", () => {
    const t = cli(["report", BAD("events-truncated.jsonl")]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain("truncated");
    const s = cli(["report", EXPORT]);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain("scan");
    expect(cli(["report", EVENTS, "--config", EXPORT]).code).toBe(2);
  });
});

describe("formats real tools write", () => {
  it("reads a DIY-backend checkpoint of a stack never updated, and says so", () => {
    const r = cli(["scan", path.join(FIX, "pulumi", "checkpoint-never-updated.json"), "--format", "json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.input.kind).toBe("pulumi-checkpoint");
    expect(report.notes.join(" ")).toMatch(/never updated/);
  });
  it("reads a UTF-16 plan (LE and BE, with a BOM) like its UTF-8 original", () => {
    const utf8 = fs.readFileSync(PLAN, "utf8");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aag-utf16-"));
    const le = path.join(dir, "le.json");
    const be = path.join(dir, "be.json");
    fs.writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8, "utf16le")]));
    const swapped = Buffer.from(utf8, "utf16le").swap16();
    fs.writeFileSync(be, Buffer.concat([Buffer.from([0xfe, 0xff]), swapped]));
    const want = JSON.parse(cli(["scan", PLAN, "--format", "json"]).stdout);
    for (const f of [le, be]) {
      const got = JSON.parse(cli(["scan", f, "--format", "json"]).stdout);
      expect(got.summary).toEqual(want.summary);
      expect(got.findings.map((x: { findingId: string }) => x.findingId)).toEqual(want.findings.map((x: { findingId: string }) => x.findingId));
    }
  });
});

describe("bad input and usage (exit 2, a message that names the problem and the fix, no stack trace)", () => {
  const cases: Array<[string, string[], RegExp]> = [
    ["not JSON", ["scan", BAD("not-json.txt")], /not valid JSON/],
    ["truncated JSON", ["scan", BAD("stack-export-truncated.json")], /truncated/],
    ["empty file", ["scan", BAD("empty.json")], /is empty/],
    ["JSON of another kind", ["scan", BAD("wrong-format.json")], /scan accepts: a Pulumi stack export.*preview.*Terraform plan.*cdk\.tf\.json/],
    ["checkpoint of a version Pulumi does not read", ["scan", BAD("checkpoint-v9.json")], /unsupported checkpoint version 9/],
    ["version-4 export with a feature Pulumi does not know", ["scan", BAD("stack-export-v4-unknown-feature.json")], /features Pulumi does not support: "timeTravel"/],
    ["binary Terraform plan saved as .json", ["scan", BAD("binary-tfplan.json")], /binary Terraform plan.*terraform show -json/],
    ["unsupported export version", ["scan", BAD("stack-export-v7.json")], /version 7.*version 3/],
    ["event log given to scan", ["scan", EVENTS], /use `ai-access-guard report/],
    ["missing file", ["scan", path.join(FIX, "nope.json")], /no such file/],
    ["directory", ["scan", FIX], /is a directory/],
    ["unknown flag", ["scan", EXPORT, "--frobnicate"], /unknown option --frobnicate/],
    ["unknown command", ["scna", EXPORT], /unknown command "scna"/],
    ["missing argument", ["scan"], /scan needs a file/],
    ["extra argument", ["scan", EXPORT, PREVIEW], /one argument/],
    ["bad format", ["scan", EXPORT, "--format", "html"], /--format must be one of text, markdown, json, sarif/],
    ["format without value", ["scan", EXPORT, "--format"], /--format needs a value/],
    ["comment limit too small", ["scan", EXPORT, "--format", "markdown", "--comment-limit", "12"], /--comment-limit must be github, gitlab or a number/],
    ["check of a missing directory", ["check", path.join(FIX, "no-such-program")], /not a directory/],
  ];
  for (const [name, args, message] of cases) {
    it(name, () => {
      const r = cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/^ai-access-guard: error: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe("");
    });
  }
  it("no command prints the usage and exits 2; --help exits 0", () => {
    expect(cli([]).code).toBe(2);
    const h = cli(["--help"]);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain("Exit codes: 0 clean or advisory only, 1 mandatory findings, 2 usage or input error.");
  });
});

describe("SARIF 2.1.0 (schema-valid, GitHub code scanning shape)", () => {
  const validate = sarifValidator();
  for (const [name, args] of [
    ["scan stack export", ["scan", EXPORT]],
    ["scan preview", ["scan", PREVIEW]],
    ["report event log", ["report", EVENTS]],
    ["scan empty stack", ["scan", EMPTY_STACK]],
  ] as const) {
    it(name, () => {
      const r = cli([...args, "--format", "sarif"]);
      const doc = JSON.parse(r.stdout);
      expect(validate(doc)).toEqual([]);
      const run = doc.runs[0];
      expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(ALL_RULES.map((x) => x.id)));
      for (const rule of run.tool.driver.rules.slice(0, ALL_RULES.length)) {
        expect(rule.help.text).toContain("Fix:");
        expect(rule.properties.tags.some((t: string) => t.startsWith("nist-csf:"))).toBe(true);
        expect(rule.properties.tags.some((t: string) => t.startsWith("nist-ai-rmf:"))).toBe(true);
      }
      for (const res of run.results) {
        expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
        expect(["error", "warning", "note"]).toContain(res.level);
        expect(res.locations[0].logicalLocations[0].fullyQualifiedName).toMatch(/^urn:pulumi:/);
        if (args[0] === "scan") expect(res.locations[0].physicalLocation.artifactLocation.uri).toBeTruthy();
      }
      expect(run.results.filter((x: { level: string }) => x.level === "error").length).toBe(r.code === 1 ? run.results.filter((x: { properties: { category: string } }) => x.properties.category === "mandatory").length : 0);
    });
  }
  it("the validator rejects a broken document (so a pass means something)", () => {
    expect(validate({ version: "2.1.0", runs: [{ tool: { driver: {} }, results: [{ ruleId: "AAG-001", level: "fatal" }] }] }).length).toBeGreaterThan(0);
  });
  it("waived findings are accepted suppressions", () => {
    const doc = JSON.parse(cli(["report", EVENTS, "--format", "sarif"]).stdout);
    const sup = doc.runs[0].results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
    expect(sup).toHaveLength(1);
    expect(sup[0].suppressions[0]).toMatchObject({ kind: "external", status: "accepted" });
  });
});

describe("secrets never appear in any format", () => {
  for (const file of [EXPORT, EXPORT_PLAIN, PREVIEW, EVENTS, PLAN]) {
    for (const format of FORMATS) {
      it(`${path.basename(file)} as ${format}`, () => {
        const cmd = file.endsWith(".jsonl") ? "report" : "scan";
        const r = cli([cmd, file, "--format", format]);
        expect([0, 1]).toContain(r.code);
        expect(r.stdout.length).toBeGreaterThan(100);
        expect(leaks(r.stdout + r.stderr)).toEqual([]);
      });
    }
  }
  it("the planted secrets really are in the inputs (the test would catch a leak)", () => {
    const text = fs.readFileSync(EXPORT_PLAIN, "utf8");
    expect(leaks(text).sort()).toEqual(["akid", "anthropic", "ghp", "hf", "openai", "secret"]);
    // and the plaintext export is judged on them: the embedded-secret findings name only prefixes
    const r = JSON.parse(cli(["scan", EXPORT_PLAIN, "--format", "json"]).stdout) as JsonReport;
    expect(r.findings.filter((f) => f.ruleId === "AAG-008").map((f) => f.message).join("\n")).toMatch(/sk-ant-\*\*\*\*/);
  });
});

describe("--output", () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "aag-out-"));
  it("writes the whole report to the file, nothing to stdout, exit code unchanged", () => {
    const dir = tmp();
    const out = path.join(dir, "report.md");
    const r = cli(["scan", EXPORT, "--format", "markdown", "--output", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const md = fs.readFileSync(out, "utf8");
    expect(md).toContain("```mermaid\nflowchart LR");
    expect(md).toContain("| Mandatory | Advisory | Waived | Cannot validate |");
    expect(fs.readdirSync(dir)).toEqual(["report.md"]);
  });
  it("on failure leaves no partial file and an existing report untouched", () => {
    const dir = tmp();
    const out = path.join(dir, "report.json");
    fs.writeFileSync(out, "previous report");
    const r = cli(["scan", BAD("stack-export-truncated.json"), "--format", "json", "--output", out]);
    expect(r.code).toBe(2);
    expect(fs.readFileSync(out, "utf8")).toBe("previous report");
    expect(fs.readdirSync(dir)).toEqual(["report.json"]);
    const missingDir = path.join(dir, "no-such-dir", "r.json");
    expect(cli(["scan", EXPORT, "--output", missingDir]).code).toBe(2);
    expect(fs.existsSync(missingDir)).toBe(false);
  });
  it("never overwrites the input", () => {
    const dir = tmp();
    const input = path.join(dir, "stack.json");
    fs.copyFileSync(EXPORT, input);
    const before = fs.readFileSync(input, "utf8");
    const r = cli(["scan", input, "--output", input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is the input file");
    const viaLink = path.join(dir, "link.json");
    fs.symlinkSync(input, viaLink);
    expect(cli(["scan", input, "--output", viaLink]).code).toBe(2);
    expect(fs.readFileSync(input, "utf8")).toBe(before);
  });
});

describe("check (offline program through the real pack process)", () => {
  it("points a finding on a component's child at the program line that created the component, with the URN a preview gives", () => {
    const r = cli(["check", "test/fixtures/check/component-child", "--format", "json"]);
    expect(r.code).toBe(1);
    const f = JSON.parse(r.stdout).findings.find((x: { ruleId: string }) => x.ruleId === "AAG-001");
    expect(f.resource.urn).toBe("urn:pulumi:check::component-child::fixture:index:KeyHolder$aws:iam/accessKey:AccessKey::vendor-sync-key");
    expect(f.physicalLocation).toMatchObject({ uri: "test/fixtures/check/component-child/index.ts", line: 4 });
    expect(f.resource.location).toBe("test/fixtures/check/component-child/index.ts#4");
    // Keyed by logical names only: the mock's physical user name (vendor-sync-user-0a1b2c3) is not in the key.
    expect(f.findingId).toBe("AccessKey::long-lived");
  });
  it("reports the bad example with the pack's findings, the synthetic note, a map and valid SARIF", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aag-check-"));
    const md = path.join(dir, "check.md");
    const r = cli(["check", "examples/bad-ai-path", "--format", "markdown", "--output", md]);
    expect(r.code).toBe(1);
    const text = fs.readFileSync(md, "utf8");
    expect(text).toContain("Offline check: resources were registered under Pulumi's mock runtime");
    expect(text).toContain("```mermaid");
    for (const id of ["AAG-001", "AAG-003", "AAG-005", "AAG-006"]) expect(text).toContain(`[${id}]`);
    const sarif = JSON.parse(cli(["check", "examples/bad-ai-path", "--format", "sarif"]).stdout);
    expect(sarifValidator()(sarif)).toEqual([]);
    const loc = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === "AAG-001").locations[0].physicalLocation;
    expect(loc.artifactLocation.uri).toBe("examples/bad-ai-path/index.ts");
    expect(loc.region.startLine).toBeGreaterThan(0);
  }, 120_000);
  it("text report: grouped by resource, mandatory first, one-line summary last, no colour off a TTY", () => {
    const r = cli(["check", path.join(ROOT, "examples", "bad-ai-path")], { env: { NO_COLOR: "" } });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("\u001b[");
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[lines.length - 1]).toMatch(/^\d+ resources, \d+ mandatory, \d+ advisory, \d+ waived, \d+ cannot validate — FAIL$/);
    const levels = lines.filter((l) => /^ {2}(MANDATORY|ADVISORY|WAIVED|CANNOT)/.test(l)).map((l) => l.trim().split(" ")[0]);
    expect(levels[0]).toBe("MANDATORY");
  }, 120_000);
});
