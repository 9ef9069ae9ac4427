import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Aspects, Fn, TerraformStack, Testing } from "cdktf";
import type { IConstruct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamUser } from "@cdktf/provider-aws/lib/iam-user";
import { IamAccessKey } from "@cdktf/provider-aws/lib/iam-access-key";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AiAccessGuardAspect } from "../../cdktf";
import { ConfigError } from "../../policy-pack/src";
import { evaluateTerraformResources, resourcesFromCdktfJson } from "../../policy-pack/src/adapters/terraform";
import { buildApp } from "../../examples/cdktf-app/main";

const NOW = new Date("2026-11-28T00:00:00Z");
const outdir = () => mkdtempSync(join(tmpdir(), "aag-cdktf-"));

type Note = { path: string; level: "error" | "warning"; ruleId: string; findingId: string; text: string };
function annotations(root: IConstruct): Note[] {
  const out: Note[] = [];
  for (const node of root.node.findAll()) {
    for (const m of node.node.metadata) {
      if (m.type !== "@cdktf/error" && m.type !== "@cdktf/warn") continue;
      const text = String(m.data);
      const f = /^Finding: (\S+) (.*)$/m.exec(text);
      out.push({ path: node.node.path, level: m.type === "@cdktf/error" ? "error" : "warning", ruleId: f?.[1] ?? "", findingId: f?.[2] ?? "", text });
    }
  }
  return out;
}

function stackWith(build: (s: TerraformStack) => void, config: unknown = {}): TerraformStack {
  const app = Testing.app();
  const stack = new TerraformStack(app, "s");
  build(stack);
  Aspects.of(stack).add(new AiAccessGuardAspect(config, { now: NOW }));
  return stack;
}

const BEDROCK_STAR = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "bedrock:*", Resource: "*" }] });
const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });

describe("AiAccessGuardAspect", () => {
  it("lets the safe example synthesise, and the written cdk.tf.json scans clean", () => {
    const dir = outdir();
    const { app, stack } = buildApp(dir);
    app.synth();
    expect(annotations(stack).filter((a) => a.level === "error")).toEqual([]);
    const written = readFileSync(join(dir, "stacks", "ai-path", "cdk.tf.json"), "utf8");
    const fs = evaluateTerraformResources(resourcesFromCdktfJson(written), {}, NOW);
    expect(fs.filter((f) => f.level === "mandatory")).toEqual([]);
  });

  it("fails app.synth() on the unsafe example with error annotations on the offending constructs", () => {
    const { app, stack } = buildApp(outdir(), { unsafe: true });
    expect(() => app.synth()).toThrow(/Encountered Annotations with level "ERROR"[\s\S]*\[AAG-001\][\s\S]*Action::bedrock:\*/);
    const errors = annotations(stack).filter((a) => a.level === "error");
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "ai-path/ci_key", ruleId: "AAG-001", findingId: "AccessKey::long-lived" }),
        expect.objectContaining({ path: "ai-path/everything", ruleId: "AAG-003", findingId: "Action::bedrock:*" }),
        expect.objectContaining({ path: "ai-path/everything", ruleId: "AAG-004", findingId: "Resource::*" }),
      ]),
    );
    // Messages carry the Terraform address, the fix and the frameworks.
    const key = errors.find((e) => e.ruleId === "AAG-001")!.text;
    expect(key).toContain('AccessKey "aws_iam_access_key.ci_key"');
    expect(key).toMatch(/Fix: .*federate/);
  });

  it("gives the same findings as scanning the synthesised cdk.tf.json", () => {
    const { app, stack } = buildApp(outdir(), { unsafe: true });
    Testing.synth(stack); // aspects, no error check
    const fromAspect = annotations(stack).map((a) => `${a.ruleId} ${a.findingId} ${a.level}`).sort();
    const fromJson = evaluateTerraformResources(resourcesFromCdktfJson(stack.toTerraform()), {}, NOW)
      .map((f) => `${f.ruleId} ${f.findingId} ${f.level === "mandatory" ? "error" : "warning"}`)
      .sort();
    expect(fromAspect.length).toBeGreaterThan(0);
    expect(fromAspect).toEqual(fromJson);
    void app;
  });

  it("accepts the pack configuration: levels and waivers turn errors into warnings", () => {
    const waive = (finding: string) => ({ resource: "aws_iam_*", finding, reason: "accepted until the OIDC migration, ticket SEC-7", expires: "2026-12-31" });
    const config = {
      "no-long-lived-access-keys": "advisory",
      "no-wildcard-ai-actions": { waivers: [waive("Action::bedrock:*")] },
      "ai-data-plane-on-named-resources": { waivers: [waive("Resource::*")] },
      "llmjacking-control-actions-allowlisted": "disabled",
      // The unsafe example's bedrock:* on * also lets it use API keys and change agents and guardrails.
      "no-credential-minting-or-escalation": "advisory",
      "ai-control-plane-and-audit-protected": "advisory",
    };
    const { app, stack } = buildApp(outdir(), { unsafe: true, packConfig: config });
    expect(() => app.synth()).not.toThrow();
    const notes = annotations(stack);
    expect(notes.find((n) => n.ruleId === "AAG-001")).toMatchObject({ level: "warning" });
    expect(notes.find((n) => n.ruleId === "AAG-003")).toMatchObject({ level: "warning", text: expect.stringContaining("waived until 2026-12-31") });
    expect(notes.some((n) => n.ruleId === "AAG-011")).toBe(false);
  });

  it("rejects a bad configuration when the aspect is created", () => {
    expect(() => new AiAccessGuardAspect({ "no-such-policy": "mandatory" })).toThrow(ConfigError);
    expect(() => new AiAccessGuardAspect({ "no-wildcard-ai-actions": { waivers: [{ resource: "x", reason: "short", expires: "2026-01-01" }] } })).toThrow(/reason must have at least 10 characters/);
  });

  it("warns 'cannot validate' for Fn.jsonencode and references, never a silent pass", () => {
    const stack = stackWith((s) => {
      const role = new IamRole(s, "r", {
        name: "r",
        assumeRolePolicy: Fn.jsonencode({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Federated: "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com" }, Action: "sts:AssumeRoleWithWebIdentity" }] }),
        tags: { owner: "a", purpose: "b" },
      });
      const other = new IamUser(s, "u", { name: "u", tags: { owner: "a", purpose: "b" } });
      new IamRolePolicy(s, "p", { role: role.name, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: other.arn }] }) });
    });
    Testing.synth(stack);
    const notes = annotations(stack);
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "s/r", level: "warning", ruleId: "AAG-006", findingId: "Property::assumeRolePolicy", text: expect.stringContaining("cannot validate") }),
        expect.objectContaining({ path: "s/p", level: "warning", ruleId: "AAG-004", findingId: "Property::policy" }),
      ]),
    );
    // Unknown documents never become errors of the rules that cannot read them.
    expect(notes.filter((n) => n.level === "error" && ["AAG-004", "AAG-006"].includes(n.ruleId))).toEqual([]);
  });

  it("resolves a reference to a literal name, so messages name the real user", () => {
    const stack = stackWith((s) => {
      const u = new IamUser(s, "u", { name: "ci-bot", tags: { owner: "a", purpose: "b" } });
      new IamAccessKey(s, "k", { user: u.name });
    });
    Testing.synth(stack);
    const f = annotations(stack).find((n) => n.ruleId === "AAG-001");
    expect(f).toMatchObject({ path: "s/k", level: "error", findingId: "AccessKey::long-lived" });
    expect(f?.text).toContain('IAM user "ci-bot"');
  });

  it("re-judges on every synth and sees resources added in between", () => {
    const stack = stackWith((s) => new IamRole(s, "r", { name: "r", assumeRolePolicy: TRUST, tags: { owner: "a", purpose: "b" } }));
    Testing.synth(stack);
    expect(annotations(stack).filter((n) => n.ruleId === "AAG-003")).toEqual([]);
    new IamRolePolicy(stack, "p", { role: "r", policy: BEDROCK_STAR });
    Testing.synth(stack);
    expect(annotations(stack).filter((n) => n.ruleId === "AAG-003").map((n) => n.path)).toEqual(["s/p"]);
  });

  it("works with one aspect instance on several stacks (cdktf applies aspects per stack, not from the App)", () => {
    const app = new App({ outdir: outdir(), skipValidation: true });
    const a = new TerraformStack(app, "a");
    const b = new TerraformStack(app, "b");
    new IamAccessKey(a, "k", { user: "x" });
    new IamRolePolicy(b, "p", { role: "r", policy: BEDROCK_STAR });
    const guard = new AiAccessGuardAspect({}, { now: NOW });
    Aspects.of(app).add(guard);
    expect(() => app.synth()).not.toThrow(); // cdktf 0.21 starts aspect traversal at each stack
    for (const s of [a, b]) Aspects.of(s).add(guard);
    expect(() => app.synth()).toThrow(/\[a\/k\] \[AAG-001\]/);
    Testing.synth(b); // app.synth() stopped at the first failing stack
    expect(annotations(b).filter((n) => n.level === "error").map((n) => `${n.path} ${n.ruleId}`)).toContain("b/p AAG-003");
  });
});
