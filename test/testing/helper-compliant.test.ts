import { describe, expect, it } from "vitest";
import { expectNoMandatoryFindings, runWithPolicyPack } from "../../testing";

describe("expectNoMandatoryFindings on a compliant program", () => {
  it("passes and returns what the program registered and what the pack said", async () => {
    const run = await expectNoMandatoryFindings(() => import("../../examples/rotated-openai-key/index"), { programDir: "examples/rotated-openai-key" });
    expect(run.resources.map((r) => r.type)).toContain("aws:secretsmanager/secretRotation:SecretRotation");
    expect(run.mandatory).toEqual([]);
    expect(run.text).toMatch(/0 mandatory/);
  });
  it("applies pack configuration like --policy-pack-config to an inline program", async () => {
    const program = async () => {
      const aws = await import("@pulumi/aws");
      new aws.iam.Role("untagged-lambda", {
        assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
      });
    };
    const strict = await runWithPolicyPack(program, { config: { "ownership-tags": "mandatory" } });
    expect(strict.resources.map((r) => r.name)).toEqual(["untagged-lambda"]);
    expect(strict.mandatory.map((f) => f.ruleId)).toEqual(["AAG-015"]);
    await expect(expectNoMandatoryFindings(program, { config: { "ownership-tags": "mandatory" } })).rejects.toThrow(/\[AAG-015\] Role "untagged-lambda" has no `owner` or `purpose` tag/);
    const relaxed = await expectNoMandatoryFindings(program);
    expect(relaxed.findings.map((f) => `${f.level} ${f.ruleId}`)).toEqual(["advisory AAG-015"]);
  });
});
