// Runs before `npm pack` (which `pulumi policy publish` uses): builds the pack from its sources when
// they are here, and refuses to pack without the compiled entry point, so a publish can never upload
// a pack with nothing to run.
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const here = __dirname;
const main = path.join(here, "bin", "index.js");
if (fs.existsSync(path.join(here, "index.ts")) && fs.existsSync(path.join(here, "tsconfig.json"))) {
  let tsc;
  try {
    tsc = require.resolve("typescript/bin/tsc", { paths: [here] });
  } catch {
    console.error("ai-access-guard-policy: cannot build the pack: TypeScript is not installed. Run `npm install` in the repository root first.");
    process.exit(1);
  }
  execFileSync(process.execPath, [tsc, "-b", here], { stdio: "inherit" });
  execFileSync(process.execPath, [path.join(here, "scripts", "build-managed-index.js"), path.join(here, "bin", "src", "stack")], { stdio: "inherit", cwd: here });
}
if (!fs.existsSync(main)) {
  console.error(`ai-access-guard-policy: ${path.relative(process.cwd(), main) || main} is missing, so the pack has nothing to run. Build it with \`npm run build\` in the repository root.`);
  process.exit(1);
}
