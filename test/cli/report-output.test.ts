/**
 * What reviewers read: Markdown for PR/MR comments (checked with the CommonMark reference parser,
 * as GitHub renders it) and terminal text. Properties over hostile names: control characters,
 * CR/LF, ESC sequences (SGR 8 conceal, OSC 52, OSC 8), bidi overrides, Markdown and HTML syntax,
 * images, links, @mentions and #123 references — none may change the document's structure.
 */
import { Parser, type Node } from "commonmark";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mdCode, mdRuleText, mdText, visibleControls } from "../../cli/report/escape";
import { GITHUB_COMMENT_LIMIT, GITLAB_COMMENT_LIMIT, renderMarkdown } from "../../cli/report/markdown";
import { categoryOf, type Report, type ReportFinding } from "../../cli/report/model";
import { renderText } from "../../cli/report/text";
import { renderJson, reportToJson } from "../../cli/report/json";
import { ALL_RULES, ruleById } from "../../policy-pack/src";
import { fuzzParams, fuzzTimeout } from "../fuzz/arbitraries";

const parser = new Parser();
/** The tags the renderer itself writes; any other HTML in the tree came from a value. */
const OUR_HTML = /^(<details( open)?>(<summary>[^<]*<\/summary>)?|<\/details>|<br>|<sub>|<\/sub>)$/;

function nodes(md: string): Node[] {
  const out: Node[] = [];
  const w = parser.parse(md).walker();
  for (let e = w.next(); e; e = w.next()) if (e.entering) out.push(e.node);
  return out;
}
function renderedText(md: string): string {
  return nodes(md)
    .filter((n) => n.type === "text" || n.type === "code")
    .map((n) => n.literal ?? "")
    .join("");
}

function finding(i: number, over: Partial<ReportFinding> = {}): ReportFinding {
  const rule = ALL_RULES[i % 5];
  const level = i % 3 === 0 ? "advisory" : "mandatory";
  const name = over.resource?.name ?? `user-${i}`;
  const f: ReportFinding = {
    ruleId: rule.id,
    policyName: rule.name,
    severity: rule.severity,
    level,
    kind: "violation",
    category: categoryOf({ kind: "violation", level }),
    findingId: `Key::${name}`,
    message: `[${rule.id}] User "${name}" has an access key that never expires and was created outside the pipeline.`,
    resource: { urn: `urn:pulumi:prod::p::aws:iam/user:User::${name}`, type: "aws:iam/user:User", name, location: `index.ts#${10 + i},3` },
    why: rule.why,
    fix: rule.fix,
    frameworks: "OWASP NHI Top 10 2025: NHI2",
    ...over,
  };
  return f;
}

function report(findings: ReportFinding[], extra: Partial<Report> = {}): Report {
  return { command: "scan", input: { kind: "pulumi-stack-export", path: "stack.json" }, resourceCount: findings.length, findings, notes: [], ...extra };
}

describe("Markdown fits a comment", () => {
  const many = Array.from({ length: 2000 }, (_, i) => finding(i));
  it("2,000 findings stay under GitHub's 65,536 characters, mandatory first, with the count left out and where the rest is", () => {
    const md = renderMarkdown(report(many));
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    const items = nodes(md).filter((n) => n.type === "item");
    const shownFindings = md.split("\n").filter((l) => /^- \*\*(🔴|🟡)/.test(l));
    const more = [...md.matchAll(/- … and (\d+) more of this rule/g)].reduce((a, m) => a + Number(m[1]), 0);
    const notShown = Number(/\*\*(\d+) findings of 2000 not shown\*\*/.exec(md)?.[1]);
    expect(notShown).toBeGreaterThan(0);
    expect(shownFindings.length + notShown).toBe(2000);
    expect(more + [...md.matchAll(/: (\d+) findings not shown \(size limit\)/g)].reduce((a, m) => a + Number(m[1]), 0)).toBe(notShown);
    expect(items.length).toBeGreaterThanOrEqual(shownFindings.length);
    expect(md).toMatch(/--format sarif --output results\.sarif/);
    // Every mandatory finding is listed before any advisory one is.
    const mandatory = many.filter((f) => f.category === "mandatory").length;
    const shownAdvisory = shownFindings.filter((l) => l.includes("🟡")).length;
    if (shownAdvisory > 0) expect(shownFindings.filter((l) => l.includes("🔴")).length).toBe(mandatory);
  });
  it("with GitLab's 1,000,000 characters all 2,000 are listed", () => {
    const md = renderMarkdown(report(many), { maxChars: GITLAB_COMMENT_LIMIT });
    expect(md.length).toBeLessThanOrEqual(GITLAB_COMMENT_LIMIT);
    expect(md.split("\n").filter((l) => /^- \*\*(🔴|🟡)/.test(l)).length).toBe(2000);
    expect(md).not.toMatch(/not shown/);
  });
  it("says why and how to fix once per rule, and puts the findings in collapsible lists", () => {
    const md = renderMarkdown(report(many), { maxChars: GITLAB_COMMENT_LIMIT });
    const rules = new Set(many.map((f) => f.ruleId));
    expect(md.split("**Why:**").length - 1).toBe(rules.size);
    expect(md.split("**Fix:**").length - 1).toBe(rules.size);
    expect(md.split("<details").length - 1).toBe(rules.size);
    expect(md.split("</details>").length - 1).toBe(rules.size);
  });
  it("stays under the limit whatever the names (long, hostile, many notes)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3000 }), { minLength: 1, maxLength: 60 }), fc.array(fc.string({ maxLength: 5000 }), { maxLength: 5 }), fc.integer({ min: 4000, max: 70000 }), (names, notes, limit) => {
        const fs = names.map((n, i) => finding(i, { resource: { urn: `urn:pulumi:s::p::aws:iam/user:User::${n}`, type: "aws:iam/user:User", name: n }, message: `[AAG-001] User "${n}" has a key`, findingId: `Key::${n}` }));
        expect(renderMarkdown(report(fs, { notes }), { maxChars: limit }).length).toBeLessThanOrEqual(limit);
      }),
      fuzzParams(40),
    );
  }, fuzzTimeout());
});

describe("Markdown escaping, as CommonMark parses it", () => {
  it("rule text keeps its code spans literally: <issuer> shows as written", () => {
    const aag006 = ruleById("AAG-006")!;
    const md = renderMarkdown(report([finding(0, { ruleId: "AAG-006", policyName: aag006.name, message: '[AAG-006] Role "r" trusts any subject' })]));
    const codes = nodes(md).filter((n) => n.type === "code").map((n) => n.literal);
    expect(codes).toContain("<issuer>:aud");
    expect(md).not.toContain("&lt;issuer&gt;");
    expect(renderedText(mdRuleText("Add `<x>` and <y> & `a|b`"))).toBe("Add <x> and <y> & a|b");
  });
  it("code spans hold any value exactly", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("`", " ", "a", "<", "&", "\\", "|", "*") , maxLength: 20 }), (s) => {
        const code = nodes(`x ${mdCode(s)} y`).filter((n) => n.type === "code");
        expect(code).toHaveLength(1);
        // CommonMark strips one leading and trailing space when both are present; mdCode adds them only then.
        expect(code[0].literal).toBe(s === "" ? " " : s);
        expect(renderedText(`x ${mdCode(s)} y`)).toBe(`x ${s === "" ? " " : s} y`);
      }),
      fuzzParams(500),
    );
  });

  const hostile = fc.oneof(
    fc.string(),
    fc.constantFrom(
      "x\r# ✅ Passes",
      "x\n\n## ✅ Passes: 0 mandatory findings",
      "![t](https://evil.example/pixel.gif)",
      "[click](https://evil.example)",
      "<img src=x onerror=alert(1)>",
      "<details><summary>",
      "@platform-team please approve",
      "fixes #123 and org/repo#4",
      "https://evil.example/a www.evil.example mail@evil.example",
      "`code` **bold** _em_ ~~s~~ $x$ | a | b |",
      "\u001b[8mhidden\u001b[0m",
      "\u001b]52;c;ZXZpbA==\u0007",
      "\u001b]8;;https://evil\u001b\\link\u001b]8;;\u001b\\",
      "\u202eevil\u202c",
      "a\u2028b",
    ),
    fc.array(fc.constantFrom("\r", "\n", "#", "!", "[", "]", "(", ")", "<", ">", "@", "`", "*", "_", "|", "\\", "&", "a", "1", " ", "\u001b", "-", ":", "/", "w", "."), { maxLength: 40 }).map((a) => a.join("")),
  );

  it("no value changes the structure: no heading, block, link, image or HTML of its own; mentions, references and autolinks broken", () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (name, reason, note) => {
        const f = finding(1, { resource: { urn: `urn:pulumi:s::p::aws:iam/user:User::${name}`, type: "aws:iam/user:User", name, location: name }, message: `[AAG-001] User "${name}" has a key`, findingId: `Key::${name}`, waiver: { reason } });
        const clean = finding(2);
        const md = renderMarkdown(report([f, clean], { notes: [note], input: { kind: "pulumi-stack-export", path: name } }));
        const ns = nodes(md);
        // Headings: title, map, findings, one per rule — nothing else.
        expect(ns.filter((n) => n.type === "heading").length).toBe(3 + new Set([f.ruleId, clean.ruleId]).size);
        expect(ns.filter((n) => n.type === "link" || n.type === "image")).toEqual([]);
        for (const n of ns.filter((x) => x.type === "html_inline" || x.type === "html_block")) {
          for (const part of (n.literal ?? "").trim().split("\n")) expect(part.trim()).toMatch(OUR_HTML);
        }
        const text = renderedText(md);
        // GitHub links these in text, not in code spans.
        const prose = ns.filter((n) => n.type === "text").map((n) => n.literal ?? "").join("");
        expect(prose).not.toMatch(/@[A-Za-z0-9]/);
        expect(prose).not.toMatch(/#[0-9]/);
        expect(prose).not.toMatch(/:\/\/|www\./i);
        // eslint-disable-next-line no-control-regex
        expect(md).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
        // The value is still there to read (visible escapes, zero-width spaces aside).
        expect(text.replace(/\u200b/g, "")).toContain(visibleControls(name).replace(/\u200b/g, ""));
      }),
      fuzzParams(300),
    );
  }, fuzzTimeout());
  it("mdText at the start of a line (a note after `> `) is literal text too", () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const ns = nodes(`> ${mdText(s)}`);
        expect(ns.filter((n) => !["document", "block_quote", "paragraph", "text", "softbreak"].includes(n.type))).toEqual([]);
      }),
      fuzzParams(500),
    );
  });
  it("mdText is literal text in a paragraph", () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const ns = nodes(`a ${mdText(s)} b`);
        expect(ns.filter((n) => !["document", "paragraph", "text", "softbreak"].includes(n.type))).toEqual([]);
        expect(ns.filter((n) => n.type === "paragraph")).toHaveLength(1);
      }),
      fuzzParams(500),
    );
  });
});

describe("terminal text", () => {
  const hostileName = fc.oneof(
    fc.string(),
    fc.constantFrom("x\n0 resources, 0 mandatory, 0 advisory, 0 waived, 0 cannot validate — PASS", "\u001b[8m", "\u001b]52;c;ZXZpbA==\u0007", "\u001b]8;;https://evil\u0007x\u001b]8;;\u0007", "a\rb", "\u202e", "\u009b31m"),
  );
  it("no value prints a line break, an escape sequence or a bidi override; one verdict line, last", () => {
    fc.assert(
      fc.property(hostileName, hostileName, (name, reason) => {
        const f = finding(1, { resource: { urn: `urn:pulumi:s::p::aws:iam/user:User::${name}`, type: "aws:iam/user:User", name, location: name }, message: `[AAG-001] User "${name}" has a key`, findingId: `Key::${name}`, waiver: { reason }, fix: `fix ${name}` });
        const base = renderText(report([finding(1)], { notes: ["n"] }));
        const out = renderText(report([f], { notes: [name] }));
        // eslint-disable-next-line no-control-regex
        expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
        expect(out.split("\n").length).toBe(base.split("\n").length + 1); // + the waiver line
        // A value never starts a line, so only the renderer's summary line reads as a verdict.
        expect(out.split("\n").filter((l) => /^(\d+ resources?, )?\d+ mandatory, .* — (PASS|FAIL)$/.test(l))).toHaveLength(1);
        expect(out.trimEnd().split("\n").pop()).toMatch(/ — (PASS|FAIL)$/);
      }),
      fuzzParams(500),
    );
  });
  it("colour codes are the renderer's own", () => {
    const out = renderText(report([finding(1, { resource: { urn: "u", type: "aws:iam/user:User", name: "\u001b[8mx" } })]), { color: true });
    expect(out).not.toContain("\u001b[8m");
    expect(out).toContain("\\x1b[8mx");
  });
});

describe("the JSON report, written finding by finding", () => {
  it("is byte for byte what JSON.stringify(…, null, 2) writes of the whole report, whatever the strings and optional fields", () => {
    const text = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: "binary", maxLength: 40 }), fc.constantFrom("", "\n", "\r\n", '"', "\\", "\u2028", "\ud800", "a\u0000b"));
    const one = fc.record({
      i: fc.nat(40),
      name: text,
      message: text,
      property: fc.option(text, { nil: undefined }),
      waiver: fc.option(fc.record({ reason: text, expires: fc.option(fc.constant("2027-01-01"), { nil: undefined }) }), { nil: undefined }),
      location: fc.option(text, { nil: undefined }),
      line: fc.option(fc.nat(100000), { nil: undefined }),
      why: fc.option(text, { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(one, { maxLength: 25 }), fc.array(text, { maxLength: 3 }), (items, notes) => {
        const findings = items.map((x) =>
          finding(x.i, {
            message: x.message,
            property: x.property,
            waiver: x.waiver,
            resource: { urn: `urn:${x.name}`, type: "aws:iam/user:User", name: x.name, location: x.location },
            physicalLocation: x.line === undefined ? undefined : { uri: x.name, line: x.line },
            ...(x.why === undefined ? {} : { why: x.why }),
          }),
        );
        const r = report(findings, { notes });
        expect(renderJson(r)).toBe(`${JSON.stringify(reportToJson(r), null, 2)}\n`);
      }),
      fuzzParams(300),
    );
  }, fuzzTimeout(60_000));
});
