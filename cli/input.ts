/** Reading input files: every failure becomes a UsageError that names the problem and the fix. */
import * as fs from "fs";
import { MAX_INPUT_DEPTH, nestsDeeperThan } from "../policy-pack/src/model/values";

/** Exit code 2: the message says what is wrong and how to fix it; no stack trace is printed. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function readInputText(file: string, what: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ENOENT") throw new UsageError(`${file}: no such file. Check the path; ${what}`);
    if (code === "EACCES") throw new UsageError(`${file}: permission denied. Make the file readable.`);
    throw new UsageError(`${file}: cannot be read (${code ?? "error"}).`);
  }
  if (stat.isDirectory()) throw new UsageError(`${file} is a directory, not a file. ${what}`);
  const text = fs.readFileSync(file, "utf8");
  if (text.trim() === "") throw new UsageError(`${file} is empty. ${what}`);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** JSON.parse with a message that says where it broke and whether the file looks cut short; never quotes content. */
export function parseJsonText(text: string, file: string, hint: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    const at = pos ? Number(pos[1]) : undefined;
    const line = at !== undefined ? text.slice(0, at).split("\n").length : undefined;
    const truncated = /Unexpected end of JSON input|Unterminated/i.test(msg) || (at !== undefined && at >= text.trimEnd().length - 1);
    if (truncated) throw new UsageError(`${file} is not complete JSON: it ends in the middle of a value (truncated?). Produce the file again and let the command finish. ${hint}`);
    throw new UsageError(`${file} is not valid JSON${line ? ` (syntax error on line ${line})` : ""}. ${hint}`);
  }
  rejectDeepNesting(value, file, hint);
  return value;
}

/** No deployment, plan or event nests hundreds of levels deep; such input is refused up front, not half-read. */
export function rejectDeepNesting(value: unknown, where: string, hint: string): void {
  if (nestsDeeperThan(value, MAX_INPUT_DEPTH)) {
    throw new UsageError(`${where}: values are nested more than ${MAX_INPUT_DEPTH} levels deep, which no tool-generated file does; it was not judged. Produce the file again with the command that writes it. ${hint}`);
  }
}
