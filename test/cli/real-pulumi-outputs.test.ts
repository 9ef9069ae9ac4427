// What the real Pulumi CLI (v3.276.0, built by scripts/pulumi-cli.sh) wrote for the YAML twin of
// examples/bad-ai-path and the safe path, kept in test/fixtures/pulumi/real/ by the real-engine suite
// (AAG_UPDATE_FIXTURES=1 npm run test:engine). These run everywhere, with or without a pulumi binary:
// every reader agrees with `check` on the TypeScript program.
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { aag, findingKeys } from "../engine-real/real-cli";

const REAL = path.join(__dirname, "..", "fixtures", "pulumi", "real");
const fixture = (name: string) => path.join(REAL, name);
// Preview cannot know the role's trust policy (it names the OIDC provider's ARN): "cannot validate" there.
const knownAtPreview = (k: string) => !(/^AAG-00[6]|^AAG-013/.test(k) && k.includes("gha-deploy"));

describe("real Pulumi CLI outputs", () => {
  let checkBad: string[];
  beforeAll(() => {
    checkBad = findingKeys(aag(["check", "examples/bad-ai-path"]).report);
  });

  it.each([
    ["report", "events-up-bad-ai-path.jsonl"],
    ["scan", "stack-export-bad-ai-path.json"],
    ["scan", "checkpoint-bad-ai-path.json"],
  ])("%s %s: the same findings as check", (command, file) => {
    const r = aag([command, fixture(file)]);
    expect(findingKeys(r.report)).toEqual(checkBad);
  });

  it.each([
    ["report", "events-preview-bad-ai-path.jsonl"],
    ["scan", "preview-bad-ai-path.json"],
  ])("%s %s: check's findings that preview can know, and exit 1", (command, file) => {
    const r = aag([command, fixture(file)]);
    expect(r.status).toBe(1);
    expect(findingKeys(r.report, { kinds: ["violation"] })).toEqual(checkBad.filter(knownAtPreview));
    expect(findingKeys(r.report, { kinds: ["cannot-validate"] }).length).toBeGreaterThan(0);
  });

  it("scan of the safe path's export after `pulumi up` is clean", () => {
    const r = aag(["scan", fixture("stack-export-safe-ai-path.json")]);
    expect(r.status).toBe(0);
    expect(r.report.findings).toEqual([]);
  });
});
