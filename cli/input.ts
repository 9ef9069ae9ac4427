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
  const text = decodeInput(fs.readFileSync(file), file);
  if (text.trim() === "") throw new UsageError(`${file} is empty. ${what}`);
  return text;
}

/**
 * Bytes → text the way the tools that write these files encode them: UTF-8 (BOM optional), or
 * UTF-16 LE/BE with a BOM (Windows PowerShell 5 writes `terraform show -json plan > plan.json` as
 * UTF-16LE). A binary Terraform plan (a zip) or other binary data is refused with what to run.
 */
export function decodeInput(bytes: Buffer, file: string): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return swapBytes(bytes.subarray(2)).toString("utf16le");
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString("utf8");
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new UsageError(
      `${file} is a binary Terraform plan (the file \`terraform plan -out\` writes, a zip archive), not JSON, whatever its name. Convert it first: terraform show -json ${file} > plan.json, then scan plan.json.`,
    );
  }
  // UTF-16 without a BOM: every other byte of the ASCII JSON is NUL.
  if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return bytes.toString("utf16le");
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) return swapBytes(bytes).toString("utf16le");
  if (bytes.subarray(0, 8192).includes(0)) throw new UsageError(`${file} is binary data, not a JSON text file. Give the JSON the tool writes (terraform show -json, pulumi stack export, pulumi preview --json).`);
  return bytes.toString("utf8");
}

function swapBytes(b: Buffer): Buffer {
  const even = b.length - (b.length % 2);
  const out = Buffer.from(b.subarray(0, even));
  out.swap16();
  return out;
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
