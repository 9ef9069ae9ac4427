import * as path from "path";
import { PackProcess, type LaunchOptions } from "../../cli/analyzer/pack-client";

export const PACK_DIR = path.resolve(__dirname, "..", "..", "policy-pack");
export const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
export const secret = (value: unknown) => ({ ...SECRET_SIG, value });

export function launchPack(opts: Partial<LaunchOptions> = {}): Promise<PackProcess> {
  return PackProcess.launch({ packDir: PACK_DIR, ...opts });
}

/** First line of each diagnostic, prefixed with its level: compact for assertions. */
export const summary = (ds: { enforcementLevel: string; message: string; policyName: string }[]) =>
  ds.map((d) => `${d.enforcementLevel} ${d.policyName} ${d.message.split("\n")[0]}`);
