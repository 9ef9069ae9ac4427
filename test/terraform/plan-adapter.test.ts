import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { UNKNOWN, formatFinding, type JudgedFinding, type ResourceModel } from "../../policy-pack/src";
import {
  TerraformInputError,
  detectTerraformFormat,
  evaluateTerraformResources,
  resourcesFromCdktfJson,
  resourcesFromTerraformPlan,
  ruleById,
} from "../../policy-pack/src/adapters/terraform";
import { planJson } from "../shared/plan-json";

const NOW = new Date("2026-11-28T00:00:00Z");
const fixture = (name: string) => readFileSync(join(__dirname, "../fixtures/terraform", name), "utf8");
const PLAN = fixture("plan-ai-path.json");
const byName = (rs: ResourceModel[], name: string) => rs.find((r) => r.name === name)!;
const at = (fs: JudgedFinding[], urn: string) => fs.filter((f) => f.resource.urn === urn);
const ids = (fs: JudgedFinding[]) => fs.map((f) => `${f.kind === "violation" ? f.level : "cannot-validate"} ${f.ruleId} ${f.findingId}`);
const SECRET = "sk-proj-Zq8vN3xT5wR7yL2mK9pB4cF6hJ1dG0sA";

describe("Terraform plan JSON", () => {
  const resources = resourcesFromTerraformPlan(PLAN);

  it("reads managed resources of the root and nested child modules, skipping deletes, deposed objects and data sources", () => {
    expect(resources.map((r) => r.name).sort()).toEqual(
      [
        "aws_iam_access_key.ci",
        "aws_iam_policy.invoke",
        "aws_iam_role.worker[0]",
        "aws_lambda_function.summariser",
        "aws_secretsmanager_secret_rotation.openai",
        "aws_ssm_parameter.openai",
        "module.ci.aws_iam_role.deploy",
        "module.ci.aws_iam_role_policy_attachment.bedrock",
        "module.ci.module.oidc.aws_iam_openid_connect_provider.github",
      ].sort(),
    );
    for (const r of resources) expect(r).toMatchObject({ source: "terraform", urn: r.name, location: r.name });
  });

  it("maps types to Pulumi tokens and attributes to Pulumi names and shapes", () => {
    const role = byName(resources, "module.ci.aws_iam_role.deploy");
    expect(role.type).toBe("aws:iam/role:Role");
    expect(role.properties).toMatchObject({ namePrefix: "gha-deploy-", maxSessionDuration: 3600, managedPolicyArns: [], tags: { owner: "platform", purpose: "ci" } });
    expect(role.properties.inlinePolicies).toEqual([{ name: "bedrock", policy: expect.stringContaining("bedrock:*") }]);
    expect(role.properties).not.toHaveProperty("id");
    const oidc = byName(resources, "module.ci.module.oidc.aws_iam_openid_connect_provider.github");
    expect(oidc.properties).toMatchObject({ clientIdLists: ["sts.amazonaws.com"], thumbprintLists: ["6938fd4d98bab03faadb97b34396831e3780aea1"] });
    const fn = byName(resources, "aws_lambda_function.summariser");
    expect(fn.type).toBe("aws:lambda/function:Function");
    // Max-1 blocks become objects; map keys are kept as written; an empty block list disappears.
    expect(fn.properties).toMatchObject({ name: "summariser", environment: { variables: { MODEL_ID: expect.any(String), LOG_LEVEL: "info" } }, tracingConfig: { mode: "Active" } });
    expect(fn.properties).not.toHaveProperty("vpcConfig");
    const rot = byName(resources, "aws_secretsmanager_secret_rotation.openai");
    expect(rot.properties).toMatchObject({ rotateImmediately: true, rotationRules: { scheduleExpression: "rate(30 days)" } });
  });

  it("turns after_unknown leaves into the Pulumi unknown sentinel", () => {
    expect(byName(resources, "module.ci.aws_iam_role_policy_attachment.bedrock").properties).toMatchObject({ role: UNKNOWN, policyArn: "arn:aws:iam::aws:policy/AmazonBedrockFullAccess" });
    expect(byName(resources, "aws_iam_policy.invoke").properties.policy).toBe(UNKNOWN);
    expect(byName(resources, "aws_lambda_function.summariser").properties.role).toBe(UNKNOWN);
    expect(byName(resources, "aws_secretsmanager_secret_rotation.openai").properties).toMatchObject({ secretId: UNKNOWN, rotationLambdaArn: UNKNOWN });
  });

  it("judges them: violations with the address, cannot-validate for unknown values, never a silent pass", () => {
    const fs = evaluateTerraformResources(resources, {}, NOW);
    expect(ids(at(fs, "module.ci.aws_iam_role.deploy"))).toEqual(expect.arrayContaining(["mandatory AAG-003 Action::bedrock:*", "mandatory AAG-006 Sub::repo:*"]));
    expect(ids(at(fs, "module.ci.aws_iam_role_policy_attachment.bedrock"))).toContain("mandatory AAG-005 ManagedPolicy::AmazonBedrockFullAccess");
    expect(ids(at(fs, "aws_iam_access_key.ci"))).toContain("mandatory AAG-001 AccessKey::long-lived");
    const unknownDoc = at(fs, "aws_iam_policy.invoke").filter((f) => f.ruleId === "AAG-003" || f.ruleId === "AAG-004");
    expect(unknownDoc.length).toBeGreaterThan(0);
    expect(unknownDoc.every((f) => f.kind === "cannot-validate" && f.level === "advisory" && f.property === "policy")).toBe(true);
    const text = formatFinding(ruleById("AAG-006")!, at(fs, "module.ci.aws_iam_role.deploy").find((f) => f.ruleId === "AAG-006")!);
    expect(text).toContain('Role "module.ci.aws_iam_role.deploy"');
  });

  it("never prints values the plan marks sensitive", () => {
    const fs = evaluateTerraformResources(resources, {}, NOW);
    const all = fs.map((f) => formatFinding(ruleById(f.ruleId)!, f)).join("\n");
    expect(all).not.toContain("svc-bedrock-7731"); // the access key's user comes from a sensitive variable
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(SECRET.slice(9, 30));
    expect(fs.find((f) => f.resource.urn === "aws_iam_access_key.ci" && f.ruleId === "AAG-001")!.detail).toContain('"(sensitive)"');
  });

  it("applies the pack configuration and waivers by Terraform address", () => {
    const cfg = {
      "no-broad-managed-policies": { waivers: [{ resource: "module.ci.*", finding: "ManagedPolicy::*", reason: "migration to AiAccessPolicy, ticket SEC-42", expires: "2026-12-31" }] },
      "no-long-lived-access-keys": "advisory",
    };
    const fs = evaluateTerraformResources(resources, cfg, NOW);
    const waived = fs.find((f) => f.ruleId === "AAG-005")!;
    expect(waived).toMatchObject({ level: "advisory", waiver: { expires: "2026-12-31" } });
    expect(fs.find((f) => f.ruleId === "AAG-001")!.level).toBe("advisory");
    const expired = evaluateTerraformResources(resources, cfg, new Date("2027-01-02T00:00:00Z")).find((f) => f.ruleId === "AAG-005")!;
    expect(expired.level).toBe("mandatory");
    expect(() => evaluateTerraformResources(resources, { "no-such-policy": "mandatory" })).toThrow(/no-such-policy: not a policy/);
  });

  it("merges after_unknown inside nested blocks and lists", () => {
    const [r] = resourcesFromTerraformPlan(
      planJson([
        {
          type: "aws_iam_role",
          name: "r",
          values: { assume_role_policy: "{}", inline_policy: [{ name: "a" }], managed_policy_arns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", null] },
          unknown: { inline_policy: [{ policy: true }], managed_policy_arns: [false, true] },
        },
      ]),
    );
    expect(r.properties.inlinePolicies).toEqual([{ name: "a", policy: UNKNOWN }]);
    expect(r.properties.managedPolicyArns).toEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess", UNKNOWN]);
    const fs = evaluateTerraformResources([r], {}, NOW);
    expect(fs.filter((f) => f.ruleId === "AAG-005").map((f) => f.kind)).toEqual(["cannot-validate"]);
    expect(fs.filter((f) => f.ruleId === "AAG-003").map((f) => f.kind)).toEqual(["cannot-validate"]);
  });

  it("reads resources found only in planned_values, and state JSON (values.root_module)", () => {
    const plan = planJson([{ type: "aws_iam_access_key", name: "k", values: { user: "u" } }]);
    const onlyPlanned = resourcesFromTerraformPlan({ ...plan, resource_changes: undefined });
    expect(onlyPlanned.map((r) => r.type)).toEqual(["aws:iam/accessKey:AccessKey"]);
    const state = { format_version: "1.0", terraform_version: "1.11.4", values: plan.planned_values };
    expect(resourcesFromTerraformPlan(state).map((r) => r.name)).toEqual(["aws_iam_access_key.k"]);
  });

  it("gives unmapped types a best-effort token and keeps reading them", () => {
    const [r] = resourcesFromTerraformPlan(planJson([{ type: "aws_sagemaker_endpoint", name: "e", values: { endpoint_config_name: "c", tags: { Owner_Team: "ml" } } }]));
    expect(r).toMatchObject({ type: "aws:sagemaker/endpoint:Endpoint", properties: { endpointConfigName: "c", tags: { Owner_Team: "ml" } } });
  });

  it.each([
    ["not JSON", "{nope", /not valid JSON/],
    ["an array", [], /must be an object \(got an array\)/],
    ["no format_version", { planned_values: {} }, /format_version is missing/],
    ["a future format", { format_version: "2.0", planned_values: {} }, /unsupported format_version "2.0"/],
    ["neither section", { format_version: "1.2" }, /neither planned_values nor resource_changes/],
    ["resources not a list", { format_version: "1.2", planned_values: { root_module: { resources: {} } } }, /planned_values.root_module.resources must be an array/],
    ["a child module not an object", { format_version: "1.2", planned_values: { root_module: { child_modules: [3] } } }, /planned_values.root_module.child_modules\[0\] must be an object/],
    ["a change without actions", { format_version: "1.2", resource_changes: [{ address: "a.b", type: "a", change: {} }] }, /resource_changes\[0\].change.actions must be an array/],
    ["an address missing", { format_version: "1.2", resource_changes: [{ type: "a", change: { actions: [] } }] }, /resource_changes\[0\].address must be a non-empty string/],
  ])("rejects %s with an error naming what is wrong", (_what, input, message) => {
    expect(() => resourcesFromTerraformPlan(input)).toThrow(TerraformInputError);
    expect(() => resourcesFromTerraformPlan(input)).toThrow(message);
  });

  it("does not quote the input in parse errors", () => {
    try {
      resourcesFromTerraformPlan(`{"k": "${SECRET}" oops}`);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/not valid JSON/);
      expect((e as Error).message).not.toContain(SECRET.slice(0, 12));
    }
  });
});

describe("format detection", () => {
  it("tells a plan from cdk.tf.json from anything else", () => {
    expect(detectTerraformFormat(PLAN)).toBe("terraform-plan");
    expect(detectTerraformFormat(JSON.parse(PLAN))).toBe("terraform-plan");
    expect(detectTerraformFormat(fixture("cdk.tf.json"))).toBe("cdktf");
    expect(detectTerraformFormat({ "//": { metadata: { version: "0.21.0" } } })).toBe("cdktf");
    expect(detectTerraformFormat({ version: 3, checkpoint: {}, deployment: {} })).toBeUndefined();
    expect(detectTerraformFormat("not json")).toBeUndefined();
    expect(detectTerraformFormat([])).toBeUndefined();
  });
});

describe("cdk.tf.json", () => {
  const resources = resourcesFromCdktfJson(fixture("cdk.tf.json"));

  it("reads resource blocks with the address as name/urn and the construct path as location", () => {
    expect(resources).toHaveLength(8);
    const key = byName(resources, "aws_iam_access_key.ci_key");
    expect(key).toMatchObject({ type: "aws:iam/accessKey:AccessKey", urn: "aws_iam_access_key.ci_key", location: "ai-path/ci_key", source: "cdktf" });
    // A reference to a literal attribute of a resource in the same document is resolved, as Terraform would.
    expect(key.properties.user).toBe("svc-bedrock");
    const att = byName(resources, "aws_iam_role_policy_attachment.gha_full");
    expect(att.properties).toEqual({ policyArn: "arn:aws:iam::aws:policy/AmazonBedrockFullAccess", role: "gha-deploy" });
    const fn = byName(resources, "aws_lambda_function.summariser");
    expect(fn.properties).toEqual({ name: "summariser", environment: { variables: { MODEL_ID: "anthropic.claude-3-5-sonnet-20240620-v1:0" } }, role: "${aws_iam_role.worker.arn}" });
  });

  it("judges jsonencode(), references and dynamic blocks as cannot validate, never a pass", () => {
    const fs = evaluateTerraformResources(resources, {}, NOW);
    expect(ids(at(fs, "aws_iam_role.gha"))).toContain("cannot-validate AAG-006 Property::assumeRolePolicy");
    expect(ids(at(fs, "aws_iam_role.worker"))).toEqual(expect.arrayContaining(["cannot-validate AAG-003 Property::inlinePolicies"]));
    expect(ids(at(fs, "aws_iam_role.invoker"))).toContain("cannot-validate AAG-004 Property::inlinePolicies[0].policy");
    expect(ids(at(fs, "aws_iam_access_key.ci_key"))).toContain("mandatory AAG-001 AccessKey::long-lived");
    expect(ids(at(fs, "aws_iam_role_policy_attachment.gha_full"))).toContain("mandatory AAG-005 ManagedPolicy::AmazonBedrockFullAccess");
  });

  it("keeps $${ escapes and unresolvable references as references", () => {
    const [r] = resourcesFromCdktfJson({
      resource: {
        aws_iam_user_policy: { p: { user: "${aws_iam_user.missing.name}", policy: "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/$${aws:username}/*\"}]}" } },
      },
    });
    expect(r.properties.user).toBe("${aws_iam_user.missing.name}");
    expect(r.properties.policy).toContain("$${aws:username}");
  });

  it.each([
    ["an array", [], /the document must be an object/],
    ["resource not an object", { resource: [] }, /resource must be an object/],
    ["a type not an object", { resource: { aws_iam_role: 1 } }, /resource.aws_iam_role must be an object/],
    ["a block not an object", { resource: { aws_iam_role: { r: "x" } } }, /resource.aws_iam_role.r must be an object of attributes/],
  ])("rejects %s", (_w, input, message) => {
    expect(() => resourcesFromCdktfJson(input)).toThrow(message);
  });

  it("returns nothing for a configuration without resources", () => {
    expect(resourcesFromCdktfJson({ "//": { metadata: {} }, provider: { aws: [{}] } })).toEqual([]);
  });
});
