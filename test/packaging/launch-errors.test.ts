// A pack that cannot start says why, in the CLI's one-line error: the cause from the pack's own stderr,
// or the missing entry point, never a generic "build it first".
import * as fs from "fs";
import * as path from "path";
import { afterEach, describe, expect, it } from "vitest";
import { PackLaunchError, PackProcess } from "../../cli/analyzer/pack-client";
import { errorMessage } from "../../cli/main";
import { REPO } from "./consumer";

// Inside the repository's node_modules, so the runner resolves from the pack directory as it would in a project.
const scratch = () => fs.mkdtempSync(path.join(REPO, "node_modules", ".cache-aag-broken-pack-"));
let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function brokenPack(main: string | undefined): string {
  const dir = scratch();
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "broken", version: "0.0.1", main: "bin/index.js" }));
  fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
  if (main !== undefined) {
    fs.mkdirSync(path.join(dir, "bin"));
    fs.writeFileSync(path.join(dir, "bin", "index.js"), main);
  }
  return dir;
}

describe("launch errors name the cause", () => {
  it("a pack whose code needs a module that is not installed: the missing module, by name", async () => {
    const e = await PackProcess.launch({ packDir: brokenPack('require("@acme/not-installed");\n'), timeoutMs: 60_000 }).catch((x) => x);
    expect(e).toBeInstanceOf(PackLaunchError);
    expect(errorMessage(e)).toMatch(/exited with code \d+ before serving: .*Cannot find module '@acme\/not-installed'/);
    expect(errorMessage(e)).not.toMatch(/npm run build/);
  });

  it("a pack without its compiled entry point: which file is missing", async () => {
    const e = await PackProcess.launch({ packDir: brokenPack(undefined) }).catch((x) => x);
    expect(e).toBeInstanceOf(PackLaunchError);
    expect(errorMessage(e)).toMatch(/has no entry point bin\/index\.js/);
  });
});
