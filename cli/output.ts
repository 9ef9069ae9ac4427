/** Writing a report: whole or not at all (temp file in the same directory, then rename); never over an input. */
import * as fs from "fs";
import * as path from "path";
import { UsageError } from "./input";

function sameFile(a: string, b: string): boolean {
  const ra = path.resolve(a);
  const rb = path.resolve(b);
  if (ra === rb) return true;
  try {
    const sa = fs.statSync(ra);
    const sb = fs.statSync(rb);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

export function writeReportFile(file: string, content: string, inputs: readonly string[]): void {
  for (const input of inputs) {
    if (sameFile(file, input)) throw new UsageError(`--output ${file} is the input file; choose another path (inputs are only read, never overwritten).`);
  }
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) throw new UsageError(`--output ${file}: the directory ${dir} does not exist; create it first.`);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UsageError(`--output ${file} is a directory; give a file name.`);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    fs.writeFileSync(tmp, content, { flag: "wx" });
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* nothing left to clean */
    }
    const code = (e as { code?: string }).code;
    throw new UsageError(`--output ${file} could not be written (${code ?? (e instanceof Error ? e.message : "error")}); nothing was written. Check the directory's permissions and free space.`);
  }
}
