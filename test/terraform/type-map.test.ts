/** The type map re-checked against the installed @pulumi/aws declarations: tokens and renamed names exist. */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { T } from "../../policy-pack/src";
import { TERRAFORM_TYPES, camelCase, pulumiTokenFor } from "../../policy-pack/src/adapters/terraform";

const AWS = dirname(require.resolve("@pulumi/aws/package.json"));
const CDKTF = join(dirname(require.resolve("@cdktf/provider-aws/package.json")), "lib");

/** `aws:iam/role:Role` → the .d.ts of the resource and the JS that declares its token. */
function pulumiFiles(token: string): { dts: string; js: string } {
  const [, modAndFile] = token.split(":");
  const [mod, file] = modAndFile.split("/");
  return { dts: readFileSync(join(AWS, mod, `${file}.d.ts`), "utf8"), js: readFileSync(join(AWS, mod, `${file}.js`), "utf8") };
}

describe("Terraform → Pulumi type map", () => {
  it("covers every type token the rules know", () => {
    const mapped = new Set(Object.values(TERRAFORM_TYPES).map((s) => s.token));
    // @cdktf/provider-aws 21 has no aws_bedrockagentcore_resource_policy: Pulumi-only until it does.
    const pulumiOnly = new Set<string>([T.agentcoreResourcePolicy]);
    for (const token of Object.values(T)) if (!pulumiOnly.has(token)) expect(mapped.has(token), token).toBe(true);
    expect(existsSync(join(CDKTF, "bedrockagentcore-resource-policy")), "cdktf gained the resource policy: map it").toBe(false);
  });

  it.each(Object.entries(TERRAFORM_TYPES))("%s exists in @cdktf/provider-aws with the renamed attributes", (tf, spec) => {
    const dir = join(CDKTF, tf.replace(/^aws_/, "").replace(/_/g, "-"));
    const js = readFileSync(join(dir, "index.js"), "utf8");
    expect(js).toContain(`tfResourceType = "${tf}"`);
    const attributes = new Set([...js.matchAll(/^\s+([a-z_0-9]+): (?:cdktf\.|[a-zA-Z0-9]+ToTerraform)/gm)].map((m) => m[1]));
    for (const path of [...Object.keys(spec.renames ?? {}), ...(spec.singles ?? []), ...(spec.maps ?? [])]) {
      expect(attributes.has(path.split(".").pop()!), `${tf} ${path}`).toBe(true);
    }
  });

  it.each(Object.entries(TERRAFORM_TYPES))("%s matches @pulumi/aws", (_tf, spec) => {
    const { dts, js } = pulumiFiles(spec.token);
    expect(js).toContain(`__pulumiType = '${spec.token}'`);
    const args = /export interface \w+Args \{([\s\S]*?)\n\}/.exec(dts)?.[1] ?? "";
    const props = new Set([...args.matchAll(/\n {4}(\w+)\??:/g)].map((m) => m[1]));
    for (const [path, name] of Object.entries(spec.renames ?? {})) {
      if (path.includes(".")) continue; // nested names live in types/input.d.ts
      expect(props.has(name), `${path} → ${name}`).toBe(true);
    }
    for (const path of spec.singles ?? []) {
      if (path.includes(".")) continue;
      const name = spec.renames?.[path] ?? camelCase(path);
      const decl = new RegExp(`\\n {4}${name}\\??: pulumi\\.Input<([^\\n]*)>;`).exec(args)?.[1];
      expect(decl, `${path} → ${name}`).toBeDefined();
      expect(decl, `${path} is a single object in Pulumi`).not.toMatch(/\[\]/);
    }
  });

  it("guesses tokens for unmapped types", () => {
    expect(pulumiTokenFor("aws_s3_bucket")).toEqual({ token: "aws:s3/bucket:Bucket", mapped: false });
    expect(pulumiTokenFor("aws_vpc")).toEqual({ token: "aws:index/vpc:Vpc", mapped: false });
    expect(pulumiTokenFor("aws_iam_role")).toEqual({ token: "aws:iam/role:Role", mapped: true });
  });

  it("converts snake_case names and leaves others alone", () => {
    expect(camelCase("assume_role_policy")).toBe("assumeRolePolicy");
    expect(camelCase("policy")).toBe("policy");
    expect(camelCase("OPENAI_API_KEY")).toBe("OPENAI_API_KEY");
  });
});
