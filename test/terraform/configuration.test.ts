/**
 * The plan's `configuration` section: values judged as the user wrote them. Attributes the user did
 * not set (provider-computed: SES DKIM and verification tokens, WAF lock tokens, a role's refreshed
 * inline_policy) are neither findings nor "cannot validate"; a credential from a variable is still
 * a finding (the plan holds it in clear) but is said to come from the variable, and never printed.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { scanFile } from "../../cli/scan/scan";
import { renderReport, FORMATS } from "../../cli/report/render";
import { ALL_RULES, resolveConfig } from "../../policy-pack/src";
import { configAddress, originOf, resourcesFromTerraformPlan } from "../../policy-pack/src/adapters/terraform";

const TOKEN = "Qm9yZ2VzLUxpYnJhcnktb2YtQmFiZWwtMjAyNi1rN3pQ";
const PASSWORD = "Zx9!vR2#mQ7$wL4^tK8&nB3*";
const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });

function rc(type: string, name: string, after: Record<string, unknown>, afterUnknown: Record<string, unknown> = {}, afterSensitive: Record<string, unknown> = {}, module?: string) {
  const address = `${module ? `${module}.` : ""}${type}.${name}`;
  return { address, mode: "managed", type, name, provider_name: "registry.terraform.io/hashicorp/aws", change: { actions: ["create"], before: null, after, after_unknown: afterUnknown, before_sensitive: false, after_sensitive: afterSensitive } };
}
const cfg = (type: string, name: string, expressions: Record<string, unknown>) => ({ address: `${type}.${name}`, mode: "managed", type, name, provider_config_key: "aws", expressions, schema_version: 0 });

function plan(withConfiguration: boolean): Record<string, unknown> {
  return {
    format_version: "1.2",
    terraform_version: "1.9.0",
    variables: { db_password: { value: PASSWORD } },
    resource_changes: [
      rc("aws_iam_role", "app", { name: "app", assume_role_policy: trust, tags: { owner: "t", purpose: "p" } }, { arn: true, id: true, inline_policy: true, managed_policy_arns: true, unique_id: true }),
      rc("aws_ses_domain_dkim", "main", { domain: "example.com", dkim_tokens: [TOKEN, `${TOKEN}x`, `${TOKEN}y`] }, { id: true }),
      rc("aws_ses_domain_identity", "main", { domain: "example.com", verification_token: TOKEN }, { id: true, arn: true }),
      rc("aws_wafv2_web_acl", "main", { name: "acl", scope: "REGIONAL", lock_token: TOKEN }, { id: true, arn: true }),
      rc("aws_db_instance", "from_var", { identifier: "a", password: PASSWORD, username: "admin" }, { id: true }, { password: true }),
      rc("aws_db_instance", "literal", { identifier: "b", password: PASSWORD, username: "admin" }, { id: true }, { password: true }),
      rc("aws_iam_role", "in_module", { name: "m", assume_role_policy: trust, tags: { owner: "t", purpose: "p" } }, { arn: true, inline_policy: true }, {}, 'module.svc["a"]'),
    ],
    ...(withConfiguration
      ? {
          configuration: {
            provider_config: { aws: { name: "aws", full_name: "registry.terraform.io/hashicorp/aws" } },
            root_module: {
              resources: [
                cfg("aws_iam_role", "app", { name: { constant_value: "app" }, assume_role_policy: { constant_value: trust }, tags: { constant_value: { owner: "t", purpose: "p" } } }),
                cfg("aws_ses_domain_dkim", "main", { domain: { references: ["aws_ses_domain_identity.main.domain", "aws_ses_domain_identity.main"] } }),
                cfg("aws_ses_domain_identity", "main", { domain: { constant_value: "example.com" } }),
                cfg("aws_wafv2_web_acl", "main", { name: { constant_value: "acl" }, scope: { constant_value: "REGIONAL" } }),
                cfg("aws_db_instance", "from_var", { identifier: { constant_value: "a" }, password: { references: ["var.db_password"] }, username: { constant_value: "admin" } }),
                cfg("aws_db_instance", "literal", { identifier: { constant_value: "b" }, password: { constant_value: PASSWORD }, username: { constant_value: "admin" } }),
              ],
              module_calls: { svc: { source: "./svc", for_each_expression: { constant_value: { a: 1 } }, module: { resources: [cfg("aws_iam_role", "in_module", { name: { constant_value: "m" }, assume_role_policy: { constant_value: trust }, tags: { constant_value: { owner: "t", purpose: "p" } } })] } } },
              variables: { db_password: { sensitive: true } },
            },
          },
        }
      : {}),
    applyable: true,
    complete: true,
    errored: false,
  };
}

function scan(doc: unknown) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aag-config-"));
  const file = path.join(dir, "plan.json");
  fs.writeFileSync(file, JSON.stringify(doc));
  return scanFile(file, { settings: resolveConfig(ALL_RULES, {}), now: new Date("2026-12-01T00:00:00Z") });
}

describe("Terraform plan configuration", () => {
  it("instance addresses map to the block that made them", () => {
    expect(configAddress('module.a["k]"].module.b[0].aws_iam_role.x[3]')).toBe("module.a.module.b.aws_iam_role.x");
  });
  it("computed attributes the user did not set are neither findings nor cannot-validate", () => {
    const r = scan(plan(true));
    const on = (address: string) => r.findings.filter((f) => f.resource.urn === address);
    for (const a of ["aws_ses_domain_dkim.main", "aws_ses_domain_identity.main", "aws_wafv2_web_acl.main"]) expect(on(a).filter((f) => f.ruleId === "AAG-008")).toEqual([]);
    for (const a of ["aws_iam_role.app", 'module.svc["a"].aws_iam_role.in_module']) expect(on(a).filter((f) => f.kind === "cannot-validate")).toEqual([]);
  });
  it("without a configuration section the plan's values are all judged (as before)", () => {
    const models = resourcesFromTerraformPlan(plan(false));
    expect(models.find((m) => m.urn === "aws_ses_domain_dkim.main")?.properties.dkimTokens).toBeDefined();
  });
  it("a credential written as a literal and one from a variable are both findings; the variable is named, the value never printed", () => {
    const r = scan(plan(true));
    const literal = r.findings.find((f) => f.resource.urn === "aws_db_instance.literal" && f.ruleId === "AAG-008");
    const fromVar = r.findings.find((f) => f.resource.urn === "aws_db_instance.from_var" && f.ruleId === "AAG-008");
    expect(literal?.category).toBe("mandatory");
    expect(literal?.message).not.toMatch(/Not a literal/);
    expect(fromVar?.category).toBe("mandatory");
    expect(fromVar?.message).toMatch(/Not a literal in the configuration: it is set from variable var\.db_password/);
    for (const format of FORMATS) {
      const out = renderReport(r, format);
      expect(out).not.toContain(PASSWORD);
      expect(out).not.toContain(PASSWORD.slice(4, 16));
    }
  });
  it("origins follow nested blocks down to the nearest expression", () => {
    const expressions = { environment: [{ variables: { references: ["var.api_key", "var.env"] } }], name: { constant_value: "f" }, inline_policy: [{ policy: { constant_value: "{}" } }] };
    expect(originOf(expressions, "environment.variables.API_KEY")).toEqual({ kind: "expression", references: ["var.api_key", "var.env"] });
    expect(originOf(expressions, "name")).toEqual({ kind: "constant" });
    expect(originOf(expressions, "inlinePolicies[0].policy", { inline_policy: "inlinePolicies" })).toEqual({ kind: "constant" });
    expect(originOf(expressions, "dkimTokens[0]")).toBeUndefined();
  });
});
