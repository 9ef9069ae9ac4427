/**
 * The main job (`npm run demo`): checks the unsafe example and the safe one offline, through the
 * real policy pack process, and prints what a reviewer would see. Exits non-zero if the safe
 * example draws a mandatory finding or the unsafe one draws none (the demo checks itself).
 */
import * as path from "path";
import { checkPrograms } from "../cli/check/check";
import { SYNTHETIC_NOTE } from "../cli/check/mocks";

const root = path.resolve(__dirname, "..", "..", "examples");
const BAD = path.join(root, "bad-ai-path");
const GOOD = path.join(root, "github-actions-bedrock");

async function main(): Promise<number> {
  const results = await checkPrograms([BAD, GOOD]);
  let ok = true;
  for (const r of results) {
    const name = path.basename(r.program);
    const mandatory = r.diagnostics.filter((d) => d.enforcementLevel === "mandatory");
    const advisory = r.diagnostics.filter((d) => d.enforcementLevel !== "mandatory");
    console.log(`\n== ${name}: ${r.run.resources.length} resources, ${mandatory.length} mandatory, ${advisory.length} advisory`);
    for (const d of [...mandatory, ...advisory]) {
      const [first, ...rest] = d.message.split("\n");
      console.log(`  ${d.enforcementLevel.toUpperCase().padEnd(9)} ${first}`);
      const fix = rest.find((l) => l.startsWith("Fix: "));
      if (fix && d.enforcementLevel === "mandatory") console.log(`            ${fix.slice(0, 160)}${fix.length > 160 ? "…" : ""}`);
    }
    if (r.program === BAD && mandatory.length === 0) ok = false;
    if (r.program === GOOD && mandatory.length > 0) ok = false;
  }
  console.log(`\n${SYNTHETIC_NOTE}`);
  console.log(ok ? "\ndemo: the unsafe path is blocked, the safe path passes." : "\ndemo: UNEXPECTED RESULT (see above)");
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`demo failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
