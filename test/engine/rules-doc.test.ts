import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { renderRulesMarkdown } from "../../policy-pack/src/docs/rules-markdown";
import { ALL_RULES } from "../../policy-pack/src";

describe("RULES.md", () => {
  it("is up to date with the rule catalog (run `npm run docs:rules`)", () => {
    const onDisk = fs.readFileSync(path.resolve(__dirname, "..", "..", "RULES.md"), "utf8");
    expect(onDisk).toBe(renderRulesMarkdown());
  });
  it("documents every rule", () => {
    const md = renderRulesMarkdown();
    for (const r of ALL_RULES) expect(md).toContain(`## ${r.id} \`${r.name}\``);
  });
});
