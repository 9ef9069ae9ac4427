/** SARIF regions: the first line of each URN/address, found in one pass whatever the layout. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineIndex, startsAsJsonLines } from "../../cli/scan/scan";

describe("lineIndex", () => {
  const doc = { resources: Array.from({ length: 50 }, (_, i) => ({ address: `aws_iam_role.r${i}`, values: { urn: `urn:pulumi:s::p::t::n\\"${i}`, x: "\n" } })) };
  it("gives line 1 to everything in a one-line file", () => {
    const m = lineIndex(JSON.stringify(doc));
    expect(m.size).toBe(100);
    expect([...m.values()].every((l) => l === 1)).toBe(true);
  });
  it("gives the line each value first appears on in a pretty-printed file", () => {
    const text = JSON.stringify(doc, null, 2);
    const m = lineIndex(text);
    const lines = text.split("\n");
    for (const [value, line] of m) expect(lines[line - 1]).toContain(JSON.stringify(value));
    expect(m.get('urn:pulumi:s::p::t::n\\"7')).toBeGreaterThan(m.get("aws_iam_role.r7")!);
  });
});

describe("source lines of Pulumi resources", () => {
  it("a component's child points at the program line that created the component, not the library", async () => {
    const { programLocation } = await import("../../cli/scan/pulumi");
    const trace = [{ sourcePosition: "project:///node_modules/ai-access-guard/dist/components/x.js#40,9" }, { sourcePosition: "project:///components/key-holder.ts#12,5" }, { sourcePosition: "project:///index.ts#7,23" }];
    expect(programLocation("project:///node_modules/ai-access-guard/dist/components/x.js#40,9", trace)).toBe("components/key-holder.ts#12,5");
    expect(programLocation("project:///index.ts#3,1", undefined)).toBe("index.ts#3,1");
    expect(programLocation(undefined, [{ sourcePosition: "file:///usr/lib/x.js#1,1" }])).toBeUndefined();
  });
});

describe("JSON-lines detection", () => {
  it("answers what /^\\s*\\{[^\\n]*\\}\\s*\\n\\s*\\{/ answers, reading only the first lines", () => {
    const re = /^\s*\{[^\n]*\}\s*\n\s*\{/;
    fc.assert(
      fc.property(fc.array(fc.constantFrom("{", "}", " ", "\n", "\r", "\t", "a", '"'), { maxLength: 24 }), (chars) => {
        const text = chars.join("");
        expect(startsAsJsonLines(text)).toBe(re.test(text));
      }),
      { numRuns: 5000 },
    );
  });
});
