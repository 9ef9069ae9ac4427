import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { ALL_RULES, resolveConfig } from "../../policy-pack/src";

describe("the README's configuration example", () => {
  it("is accepted as written, with the waiver and settings applied", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### Configuration and waivers"));
    const block = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBeDefined();
    const settings = resolveConfig(ALL_RULES, JSON.parse(block!));
    expect(settings.get("llmjacking-control-actions-allowlisted")!.properties.allowedPrincipals).toEqual(["model-access-admin"]);
    expect((settings.get("no-long-lived-access-keys")!.properties.waivers as unknown[]).length).toBe(1);
  });
});
