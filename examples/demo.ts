/**
 * The main job (`npm run demo`): checks the unsafe example and the safe one offline — Pulumi's mock
 * runtime, then every resource through the real policy pack process — prints the text report and
 * writes the Markdown report (with the access-path map) to reports/demo-report.md. Exits non-zero
 * if the safe example draws a mandatory finding or the unsafe one draws none (the demo checks itself).
 */
import * as fs from "fs";
import * as path from "path";
import { checkPrograms } from "../cli/check/check";
import { reportFromCheck } from "../cli/check/report";
import { renderMarkdown } from "../cli/report/markdown";
import { renderText } from "../cli/report/text";
import { summarize } from "../cli/report/model";
import { writeReportFile } from "../cli/output";

const repo = path.resolve(__dirname, "..", "..");
const examples = path.join(repo, "examples");
const BAD = path.join(examples, "bad-ai-path");
const GOOD = path.join(examples, "github-actions-bedrock");
const REPORT = path.join(repo, "reports", "demo-report.md");

async function main(): Promise<number> {
  process.chdir(repo); // paths in the reports are relative to the repository
  const results = await checkPrograms([BAD, GOOD]);
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  let ok = true;
  const sections: string[] = [
    "# ai-access-guard demo report",
    "",
    "`npm run demo` checked two example programs offline. `examples/bad-ai-path` is what the policy pack exists to stop; `examples/github-actions-bedrock` is the safe path for the same job.",
    "",
  ];
  for (const r of results) {
    const report = reportFromCheck(r);
    const s = summarize(report.findings);
    process.stdout.write(`\n${renderText(report, { color })}`);
    sections.push(renderMarkdown(report, { headingLevel: 2, title: `${path.basename(r.program)} (${s.mandatory > 0 ? "blocked" : "passes"})` }));
    if (r.program === BAD && s.mandatory === 0) ok = false;
    if (r.program === GOOD && s.mandatory > 0) ok = false;
  }
  fs.mkdirSync(path.dirname(REPORT), { recursive: true });
  writeReportFile(REPORT, `${sections.join("\n")}\n`, []);
  console.log(`\nMarkdown report (summary, access-path map, findings): ${path.relative(process.cwd(), REPORT)}`);
  console.log(ok ? "demo: the unsafe path is blocked, the safe path passes." : "demo: UNEXPECTED RESULT — the unsafe example must be blocked and the safe one must pass (see above).");
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`demo failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
