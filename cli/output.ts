/**
 * Writing a report: a regular file, whole or not at all (temp file in the same directory, then
 * rename), never over an input, never over a file of the program being checked, never over a device,
 * FIFO, socket or anything a symlink points at (`-o /dev/stdout` would otherwise replace the link, and
 * as root `-o /dev/null` the system's device, with a regular file).
 */
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

/** True when `file` lies inside the directory `dir` (after resolving symlinks of the directory). */
function isInside(file: string, dir: string): boolean {
  let real: string;
  try {
    if (!fs.statSync(dir).isDirectory()) return false;
    real = fs.realpathSync(dir);
  } catch {
    return false;
  }
  let target: string;
  try {
    target = path.join(fs.realpathSync(path.dirname(path.resolve(file))), path.basename(file));
  } catch {
    target = path.resolve(file);
  }
  const rel = path.relative(real, target);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** Refuses what is not a plain file to replace: only a missing path or a regular file (not a link) is written. */
function checkTarget(file: string): void {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    return; // does not exist yet
  }
  if (st.isSymbolicLink()) throw new UsageError(`--output ${file} is a symbolic link; give the path of a regular file (the link, or what it points at, would be replaced).`);
  if (st.isDirectory()) throw new UsageError(`--output ${file} is a directory; give a file name.`);
  if (!st.isFile()) throw new UsageError(`--output ${file} is not a regular file (a device, FIFO or socket); reports are written to regular files only. To print the report, leave out --output.`);
}

/** Joins small pieces into writes of about this many characters. */
const WRITE_BATCH = 1 << 20;

/** Calls `write` with the pieces joined into batches (few system calls, and never the whole text at once). */
export function writeInBatches(content: string | Iterable<string>, write: (text: string) => void): void {
  if (typeof content === "string") return write(content);
  let batch: string[] = [];
  let size = 0;
  for (const piece of content) {
    batch.push(piece);
    size += piece.length;
    if (size >= WRITE_BATCH) {
      write(batch.join(""));
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) write(batch.join(""));
}

export function writeReportFile(file: string, content: string | Iterable<string>, inputs: readonly string[]): void {
  for (const input of inputs) {
    if (sameFile(file, input)) throw new UsageError(`--output ${file} is the input file; choose another path (inputs are only read, never overwritten).`);
    if (fs.existsSync(file) && isInside(file, input)) throw new UsageError(`--output ${file} is a file of the program being checked (${input}); choose a path that does not exist there (inputs are only read, never overwritten).`);
  }
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) throw new UsageError(`--output ${file}: the directory ${dir} does not exist; create it first.`);
  checkTarget(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    // Written piece by piece to a new file beside the target, then renamed over it: whole or not at all.
    const fd = fs.openSync(tmp, "wx", 0o644);
    try {
      writeInBatches(content, (text) => fs.writeSync(fd, text));
    } finally {
      fs.closeSync(fd);
    }
    // Checked again just before the rename: the target must not have become a link or device meanwhile.
    checkTarget(file);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* nothing left to clean */
    }
    if (e instanceof UsageError) throw e;
    const code = (e as { code?: string }).code;
    throw new UsageError(`--output ${file} could not be written (${code ?? (e instanceof Error ? e.message : "error")}); nothing was written. Check the directory's permissions and free space.`);
  }
}
