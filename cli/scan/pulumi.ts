/**
 * Pulumi saved formats → the engine's resource model.
 * - `pulumi stack export` (deployment version 3; 4 when newer features are used): resources with
 *   inputs and outputs; secrets are `{sig, ciphertext}` (opaque → unknown, never decrypted) or,
 *   with `--show-secrets`, `{sig, plaintext}` (judged like any value, never printed: messages are redacted).
 * - `pulumi preview --json`: `steps[].newState` (ResourceV3; secrets are the string "[secret]", which
 *   becomes unknown). Only changed resources are listed unless the preview ran with `--show-sames`.
 * Inputs are what the rules judge; outputs only add the identifiers used for linking (arn, name, id…).
 */
import { UNKNOWN, setOwn, unwrapSecrets, isRecord, type ResourceModel } from "../../policy-pack/src";

/** Output keys merged into properties so references between resources resolve (view.ts links by these). */
const LINK_KEYS = ["arn", "name"];
/** Principals and policies are also referenced by id / unique id (an access key's id is its key ID: not merged). */
const ID_LINKED = new Set(["aws:iam/role:Role", "aws:iam/user:User", "aws:iam/group:Group", "aws:iam/policy:Policy"]);

export interface PulumiStateLike {
  urn?: unknown;
  type?: unknown;
  custom?: unknown;
  delete?: unknown;
  id?: unknown;
  inputs?: unknown;
  outputs?: unknown;
  parent?: unknown;
  sourcePosition?: unknown;
}

function replacePreviewSecrets(v: unknown): unknown {
  if (v === "[secret]") return UNKNOWN;
  if (Array.isArray(v)) return v.map(replacePreviewSecrets);
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) setOwn(out, k, replacePreviewSecrets(x));
    return out;
  }
  return v;
}

/** `urn:pulumi:stack::project::type::name` → name (everything after the type; names may contain `::`). */
export function nameFromUrn(urn: string): string {
  const parts = urn.split("::");
  return parts.length >= 4 ? parts.slice(3).join("::") : urn;
}

/** `project:///index.ts#7,23` → `index.ts#7,23`. */
export function locationFrom(sourcePosition: unknown): string | undefined {
  if (typeof sourcePosition !== "string" || sourcePosition === "") return undefined;
  return sourcePosition.replace(/^project:\/\/\//, "").replace(/^file:\/\//, "");
}

/** One resource state → model, or undefined for what the rules never judge (providers, the stack, deletions). */
export function modelFromState(s: PulumiStateLike, opts: { previewSecrets?: boolean } = {}): ResourceModel | undefined {
  if (typeof s.urn !== "string" || typeof s.type !== "string") return undefined;
  if (s.type.startsWith("pulumi:")) return undefined;
  if (s.delete === true) return undefined;
  const fix = (v: unknown) => (opts.previewSecrets ? replacePreviewSecrets(v) : v);
  const inputs = unwrapSecrets(fix(isRecord(s.inputs) ? s.inputs : {})) as Record<string, unknown>;
  const outputs = unwrapSecrets(fix(isRecord(s.outputs) ? s.outputs : {})) as Record<string, unknown>;
  const properties: Record<string, unknown> = { ...inputs };
  const keys = ID_LINKED.has(s.type) ? [...LINK_KEYS, "id", "uniqueId"] : LINK_KEYS;
  for (const k of keys) if (properties[k] === undefined && outputs[k] !== undefined) properties[k] = outputs[k];
  if (ID_LINKED.has(s.type) && properties.id === undefined && typeof s.id === "string" && s.id !== "") properties.id = s.id;
  return {
    type: s.type,
    name: nameFromUrn(s.urn),
    urn: s.urn,
    properties,
    source: "pulumi",
    location: locationFrom(s.sourcePosition),
    parent: typeof s.parent === "string" ? s.parent : undefined,
  };
}

export class InputFormatError extends Error {}

export function resourcesFromStackExport(json: Record<string, unknown>, onProgress?: (done: number, total: number) => void): ResourceModel[] {
  const version = json.version;
  if (version !== 3 && version !== 4) {
    throw new InputFormatError(`this is a Pulumi stack export with deployment version ${JSON.stringify(version)}; ai-access-guard reads version 3 (and 4). Export it again with a current Pulumi CLI: pulumi stack export --file stack.json`);
  }
  const deployment = json.deployment;
  if (!isRecord(deployment)) throw new InputFormatError(`the stack export has no "deployment" object: export it again with pulumi stack export --file stack.json`);
  const resources = deployment.resources ?? [];
  if (!Array.isArray(resources)) throw new InputFormatError(`"deployment.resources" must be an array in a stack export (got ${typeof resources})`);
  const out: ResourceModel[] = [];
  resources.forEach((r, i) => {
    if (isRecord(r)) {
      const m = modelFromState(r);
      if (m) out.push(m);
    }
    if (onProgress && i % 2000 === 0) onProgress(i, resources.length);
  });
  return out;
}

export function resourcesFromPreviewJson(json: Record<string, unknown>): { resources: ResourceModel[]; showsSames: boolean } {
  const steps = json.steps;
  if (!Array.isArray(steps)) throw new InputFormatError(`the preview output has no "steps" array: run pulumi preview --json > preview.json`);
  const out = new Map<string, ResourceModel>();
  let showsSames = false;
  for (const step of steps) {
    if (!isRecord(step)) continue;
    const op = String(step.op ?? "");
    if (op === "same") showsSames = true;
    if (["delete", "delete-replaced", "discard", "discard-replaced", "remove-pending-replace", "read-discard"].includes(op)) continue;
    const state = isRecord(step.newState) ? step.newState : undefined;
    if (!state) continue;
    const m = modelFromState(state, { previewSecrets: true });
    if (m) out.set(m.urn, m);
  }
  return { resources: [...out.values()], showsSames };
}
