#!/usr/bin/env node
/**
 * `ai-access-guard`: the policy pack's rules from the command line.
 *   check <program-dir>   run a Pulumi program offline under mocks, through the real pack process
 *   scan <file>           judge a stack export, preview JSON, Terraform plan JSON or cdk.tf.json
 *   report <event-log>    turn a real run's --event-log into the same reports
 *   rules                 list the rules
 * Exit codes: 0 clean or advisory only, 1 mandatory findings, 2 usage or input error.
 */
import * as fs from "fs";
import * as v8 from "v8";
import { ALL_RULES, ConfigError, frameworksLine, redact, resolveConfig, type RuleSettings } from "../policy-pack/src";
import { PackLaunchError } from "./analyzer/pack-client";
import { ProgramError } from "./check/check";
import { parseJsonText, readInputText, UsageError } from "./input";
import { writeInBatches, writeReportFile } from "./output";
import { renderReportChunks, type Format, FORMATS } from "./report/render";
import { GITHUB_COMMENT_LIMIT, GITLAB_COMMENT_LIMIT, mdInline } from "./report/markdown";
import { summarize, toolVersion, type Report } from "./report/model";

export const USAGE = `Usage: ai-access-guard <command> [options]

Commands:
  check <program-dir>   Run a Pulumi TypeScript/JavaScript program offline (Pulumi's mock runtime, no
                        cloud credentials, no Pulumi CLI) and judge every resource with the real
                        policy pack process.
  scan <file>           Judge a saved deployment: pulumi stack export (v3/v4), a DIY-backend checkpoint
                        (.pulumi/stacks/*.json), pulumi preview --json, terraform show -json (plan),
                        cdktf cdk.tf.json. UTF-8 or UTF-16 (with a BOM).
  report <event-log>    Report on a real run: pulumi preview --policy-pack <dir> --event-log events.json
  rules                 List the rules (ID, policy name, default level, severity, frameworks).

Options:
  --format text|markdown|json|sarif   Report format (default text; rules: text|markdown|json)
  --output, -o FILE                   Write the report to FILE (whole or not at all)
  --config FILE                       Policy configuration, same file as --policy-pack-config
                                      (check and scan; report takes levels from the run)
  --comment-limit github|gitlab|N     Markdown: longest comment to write (default github = 65,536
                                      characters; gitlab = 1,000,000); findings left out are counted
  --no-color                          No colour in text output (also NO_COLOR=1)
  --help, -h                          This help
  --version                           Print the version

Exit codes: 0 clean or advisory only, 1 mandatory findings, 2 usage or input error.`;

export interface ParsedArgs {
  command?: string;
  positional: string[];
  format: Format;
  output?: string;
  config?: string;
  color?: boolean;
  /** Markdown size limit in characters. */
  commentLimit?: number;
  help: boolean;
  version: boolean;
}

const COMMANDS = ["check", "scan", "report", "rules"];

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { positional: [], format: "text", help: false, version: false };
  let formatSet = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string): string => {
      const eq = a.indexOf("=");
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || (v.startsWith("-") && v !== "-")) throw new UsageError(`${name} needs a value. See ai-access-guard --help.`);
      return v;
    };
    const flag = a.startsWith("--") ? a.split("=")[0] : a;
    switch (flag) {
      case "--format":
      case "-f": {
        const v = value(flag);
        if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")} (got ${JSON.stringify(v.slice(0, 40))}).`);
        out.format = v as Format;
        formatSet = true;
        break;
      }
      case "--output":
      case "-o":
        out.output = value(flag);
        break;
      case "--config":
      case "--policy-pack-config":
        out.config = value(flag);
        break;
      case "--comment-limit": {
        const v = value(flag);
        const n = v === "github" ? GITHUB_COMMENT_LIMIT : v === "gitlab" ? GITLAB_COMMENT_LIMIT : /^[0-9]+$/.test(v) ? Number(v) : NaN;
        if (!(n >= 4000)) throw new UsageError(`--comment-limit must be github, gitlab or a number of characters (at least 4000); got ${JSON.stringify(v.slice(0, 40))}.`);
        out.commentLimit = n;
        break;
      }
      case "--no-color":
        out.color = false;
        break;
      case "--color":
        out.color = true;
        break;
      case "--help":
      case "-h":
        out.help = true;
        break;
      case "--version":
        out.version = true;
        break;
      case "--":
        out.positional.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (a.startsWith("-") && a !== "-") throw new UsageError(`unknown option ${a.slice(0, 60)}. See ai-access-guard --help.`);
        if (out.command === undefined) out.command = a;
        else out.positional.push(a);
    }
  }
  void formatSet;
  return out;
}

function loadSettings(file: string | undefined): ReadonlyMap<string, RuleSettings> {
  if (!file) return resolveConfig(ALL_RULES, {});
  const text = readInputText(file, "Give the policy configuration file (the same JSON as --policy-pack-config).");
  const json = parseJsonText(text, file, "The configuration is the JSON object given to --policy-pack-config: policy name → level or settings.");
  try {
    return resolveConfig(ALL_RULES, json);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
}

function rulesText(format: Format): string {
  if (format === "json") {
    return `${JSON.stringify(
      {
        schemaVersion: 1,
        rules: ALL_RULES.map((r) => ({ id: r.id, name: r.name, title: r.title, kind: r.kind, defaultLevel: r.defaultLevel, severity: r.severity, frameworks: r.frameworks, why: r.why, fix: r.fix })),
      },
      null,
      2,
    )}\n`;
  }
  if (format === "markdown") {
    const rows = ALL_RULES.map((r) => `| ${r.id} | \`${r.name}\` | ${r.defaultLevel} | ${r.severity} | ${mdInline(frameworksLine(r))} |`);
    return `| ID | Policy | Default | Severity | Frameworks |\n|---|---|---|---|---|\n${rows.join("\n")}\n`;
  }
  if (format === "sarif") throw new UsageError("rules prints text, markdown or json; SARIF is for findings (check, scan, report).");
  const w = Math.max(...ALL_RULES.map((r) => r.name.length));
  const lines = ALL_RULES.map((r) => `${r.id}  ${r.name.padEnd(w)}  ${r.defaultLevel.padEnd(9)}  ${r.severity.padEnd(8)}  ${frameworksLine(r)}`);
  return `${"ID".padEnd(7)}  ${"POLICY".padEnd(w)}  ${"DEFAULT".padEnd(9)}  ${"SEVERITY".padEnd(8)}  FRAMEWORKS\n${lines.join("\n")}\n`;
}

function progressReporter(): ((m: string) => void) & { done(): void } {
  const tty = process.stderr.isTTY === true;
  let shown = false;
  const fn = ((m: string) => {
    if (!tty) return;
    process.stderr.write(`\r\u001b[2K${m}`);
    shown = true;
  }) as ((m: string) => void) & { done(): void };
  fn.done = () => {
    if (shown) process.stderr.write("\r\u001b[2K");
  };
  return fn;
}

export async function run(argv: readonly string[], io: { stdout: NodeJS.WritableStream & { isTTY?: boolean } } = { stdout: process.stdout }): Promise<number> {
  const args = parseArgs(argv);
  if (args.version) {
    io.stdout.write(`${toolVersion()}\n`);
    return 0;
  }
  if (args.help || args.command === undefined) {
    io.stdout.write(`${USAGE}\n`);
    return args.help ? 0 : 2;
  }
  if (!COMMANDS.includes(args.command)) throw new UsageError(`unknown command ${JSON.stringify(args.command.slice(0, 40))}; commands: ${COMMANDS.join(", ")}. See ai-access-guard --help.`);
  const want = args.command === "rules" ? 0 : 1;
  if (args.positional.length < want) throw new UsageError(`${args.command} needs ${args.command === "check" ? "a program directory" : args.command === "scan" ? "a file to scan" : "an event log file"}: ai-access-guard ${args.command} <${args.command === "check" ? "program-dir" : args.command === "scan" ? "file" : "event-log"}>`);
  if (args.positional.length > want) throw new UsageError(`${args.command} takes ${want === 0 ? "no arguments" : "one argument"}; unexpected ${JSON.stringify(args.positional[want].slice(0, 60))}.`);
  const color = args.color ?? (!args.output && io.stdout.isTTY === true && !process.env.NO_COLOR);
  const emit = (content: string | Iterable<string>, inputs: string[]) => {
    if (args.output) writeReportFile(args.output, content, args.config ? [...inputs, args.config] : inputs);
    else writeInBatches(content, (text) => io.stdout.write(text));
  };

  if (args.command === "rules") {
    emit(rulesText(args.format), []);
    return 0;
  }
  if (args.command === "report" && args.config) throw new UsageError("report takes levels and waivers from the run it reads; --config applies to check and scan.");

  const progress = progressReporter();
  let report: Report;
  const input = args.positional[0];
  try {
    if (args.command === "scan") {
      const settings = loadSettings(args.config);
      const { scanFile } = await import("./scan/scan");
      report = scanFile(input, { settings, progress });
    } else if (args.command === "report") {
      const { reportFromEventLog } = await import("./events/event-log");
      report = reportFromEventLog(input);
    } else {
      const settings = loadSettings(args.config);
      const { runProgram, judgeProgram, stopPacksOnInterrupt } = await import("./check/check");
      const { reportFromCheck } = await import("./check/report");
      const { PackProcess, defaultPackDir } = await import("./analyzer/pack-client");
      if (!fs.existsSync(input) || !fs.statSync(input).isDirectory()) throw new UsageError(`${input}: not a directory. check takes the directory of a Pulumi program (with index.ts or a package.json "main").`);
      const release = stopPacksOnInterrupt();
      try {
        progress(`running ${input} under Pulumi mocks`);
        const run = await runProgram(input);
        progress(`judging ${run.resources.length} resources with the policy pack`);
        const config: Record<string, { enforcementLevel: "advisory" | "mandatory" | "disabled"; [k: string]: unknown }> = {};
        for (const [name, s] of settings) config[name] = { ...s.properties, enforcementLevel: s.level };
        const pack = await PackProcess.launch({ packDir: defaultPackDir(), dryRun: true, config });
        try {
          report = reportFromCheck(await judgeProgram(pack, input, run), settings);
        } finally {
          await pack.close();
        }
      } finally {
        release();
      }
    }
  } finally {
    progress.done();
  }
  emit(renderReportChunks(report, args.format, { color, commentLimit: args.commentLimit }), [input]);
  if (args.output) process.stderr.write(`ai-access-guard: ${args.format} report written to ${args.output}\n`);
  return summarize(report.findings).mandatory > 0 ? 1 : 0;
}

export function errorMessage(e: unknown): string {
  if (e instanceof UsageError || e instanceof ProgramError) return e.message;
  if (e instanceof PackLaunchError) return `the policy pack could not start: ${e.message.split("\n")[0]}`;
  if (e instanceof ConfigError) return e.message;
  return `internal error (${e instanceof Error ? e.name : "error"}): ${redact(e instanceof Error ? e.message.split("\n")[0] : String(e)).slice(0, 300)}. Set AAG_DEBUG=1 for details.`;
}

if (require.main === module) {
  // V8 lets the heap grow to about four times what survived the last full collection before it
  // collects again; a run holds one large stack from start to end, so that is mostly garbage kept in
  // memory. Growth capped at 2.5×, measured on the 50,000-resource bench export (three runs each):
  // 2× peaked at 418–425 MB in 5.2–5.4 s, 2.5× at 452–465 MB in 4.8–5.0 s, 3× at 541–545 MB in 5.0 s,
  // V8's default at ~570–670 MB. (Read by V8 at every collection, so setting it here takes effect.)
  v8.setFlagsFromString("--heap-growing-percent=150");
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`ai-access-guard: error: ${errorMessage(e)}\n`);
      if (process.env.AAG_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
      process.exitCode = 2;
    },
  );
}
