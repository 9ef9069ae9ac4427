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
  stackTrace?: unknown;
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

/**
 * Where the user's program created the resource: the first frame of the recorded stack trace that
 * lies in the project and outside node_modules (for a component's child, the line that created the
 * component), else the source position itself (the first frame, which may be inside a library).
 */
export function programLocation(sourcePosition: unknown, stackTrace: unknown): string | undefined {
  if (Array.isArray(stackTrace)) {
    for (const frame of stackTrace) {
      const pos = isRecord(frame) ? frame.sourcePosition : undefined;
      if (typeof pos === "string" && pos.startsWith("project:///") && !pos.includes("/node_modules/")) return locationFrom(pos);
    }
  }
  return locationFrom(sourcePosition);
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
    location: programLocation(s.sourcePosition, s.stackTrace),
    parent: typeof s.parent === "string" ? s.parent : undefined,
  };
}

export class InputFormatError extends Error {}

/**
 * Optional features a version-4 deployment may list (apitype `features`). Pulumi refuses a
 * deployment that lists any other (ErrDeploymentUnsupportedFeatures), and so do we: its meaning is unknown.
 */
export const SUPPORTED_DEPLOYMENT_FEATURES: ReadonlySet<string> = new Set(["refreshBeforeUpdate", "views", "hooks", "taint", "replaceWith", "byteString"]);

function checkFeatures(features: unknown, where: string): void {
  if (features === undefined || features === null) return;
  if (!Array.isArray(features)) throw new InputFormatError(`${where} "features" must be a list of feature names (got ${typeof features}).`);
  const unknown = features.filter((f) => typeof f !== "string" || !SUPPORTED_DEPLOYMENT_FEATURES.has(f)).map((f) => JSON.stringify(f).slice(0, 60));
  if (unknown.length > 0) {
    throw new InputFormatError(
      `the deployment uses features Pulumi does not support: ${unknown.join(", ")} (Pulumi refuses this file too: ErrDeploymentUnsupportedFeatures). Known features: ${[...SUPPORTED_DEPLOYMENT_FEATURES].join(", ")}. Export the stack again with the Pulumi CLI that wrote it.`,
    );
  }
}

export interface DeploymentResources {
  readonly resources: ResourceModel[];
  readonly notes: string[];
}

/** Pending operation types (apitype.OperationType) whose resource may exist in the cloud although the state does not list it. */
const PENDING_MAY_EXIST = new Set(["creating", "updating", "importing"]);

/**
 * A `deployment` object (DeploymentV3 shape) → models, with the resources of interrupted
 * operations: a create cut short may have made the resource (an access key, say) without the
 * state recording it, so it is judged like the others and a note names it.
 */
export function resourcesFromDeployment(deployment: Record<string, unknown>, onProgress?: (done: number, total: number) => void): DeploymentResources {
  const resources = deployment.resources ?? [];
  if (!Array.isArray(resources)) throw new InputFormatError(`"deployment.resources" must be an array (got ${typeof resources})`);
  const out: ResourceModel[] = [];
  const urns = new Set<string>();
  resources.forEach((r, i) => {
    if (isRecord(r)) {
      const m = modelFromState(r);
      if (m) {
        out.push(m);
        urns.add(m.urn);
      }
    }
    if (onProgress && i % 2000 === 0) onProgress(i, resources.length);
  });
  const notes: string[] = [];
  const pending = deployment.pending_operations ?? [];
  if (!Array.isArray(pending)) throw new InputFormatError(`"deployment.pending_operations" must be an array (got ${typeof pending})`);
  const listed: string[] = [];
  for (const op of pending) {
    if (!isRecord(op) || !isRecord(op.resource)) continue;
    const type = String(op.type ?? "");
    const m = modelFromState(op.resource);
    const urn = typeof op.resource.urn === "string" ? op.resource.urn : "(no urn)";
    listed.push(`${type || "unknown"} ${urn}`);
    if (m && PENDING_MAY_EXIST.has(type) && !urns.has(m.urn)) {
      out.push(m);
      urns.add(m.urn);
    }
  }
  if (listed.length > 0) {
    notes.push(
      `The state lists ${listed.length} pending operation${listed.length === 1 ? "" : "s"} (an update was interrupted): ${listed.slice(0, 10).join("; ")}${listed.length > 10 ? `; and ${listed.length - 10} more` : ""}. Resources being created, updated or imported may exist in the cloud without the state recording them; they were judged like the others. Run \`pulumi refresh\` (or \`pulumi stack export\` / \`pulumi cancel\`) to settle them.`,
    );
  }
  return { resources: out, notes };
}

export function resourcesFromStackExport(json: Record<string, unknown>, onProgress?: (done: number, total: number) => void): ResourceModel[] {
  return stackExportResources(json, onProgress).resources;
}

/** `pulumi stack export` output: `{version: 3|4, features?, deployment}`. */
export function stackExportResources(json: Record<string, unknown>, onProgress?: (done: number, total: number) => void): DeploymentResources {
  const version = json.version;
  if (version === 0 || version === 1 || version === 2) {
    throw new InputFormatError(
      `this is a Pulumi stack export with deployment version ${version}, older than ai-access-guard reads (3 and 4)${version === 0 ? ` (Pulumi refuses it too: "this stack's deployment is too old")` : ""}. Import it into a stack and export it again with a current Pulumi CLI, which migrates it: pulumi stack import --file <this file> && pulumi stack export --file stack.json`,
    );
  }
  if (typeof version === "number" && Number.isInteger(version) && version > 4) {
    throw new InputFormatError(`this is a Pulumi stack export with deployment version ${version}, newer than any Pulumi release writes today (Pulumi refuses it too: "this stack's deployment version is too new"); ai-access-guard reads version 3 (and 4).`);
  }
  if (version !== 3 && version !== 4) {
    throw new InputFormatError(`this is a Pulumi stack export with deployment version ${JSON.stringify(version)}; ai-access-guard reads version 3 (and 4). Export it again with a current Pulumi CLI: pulumi stack export --file stack.json`);
  }
  if (version === 4) checkFeatures(json.features, "the stack export's");
  const deployment = json.deployment;
  if (!isRecord(deployment)) throw new InputFormatError(`the stack export has no "deployment" object: export it again with pulumi stack export --file stack.json`);
  return resourcesFromDeployment(deployment, onProgress);
}

/** Is this a DIY-backend checkpoint (`.pulumi/stacks/<stack>.json`, `.bak`, history, backups)? */
export function isCheckpoint(json: Record<string, unknown>): boolean {
  if ("checkpoint" in json && "version" in json && !("deployment" in json)) return true;
  // Version 0: no envelope, a CheckpointV1 `{target, config?, latest?}`.
  return "target" in json && !("version" in json) && !("deployment" in json) && (json.latest === undefined || json.latest === null || isRecord(json.latest));
}

/** A version-1/2 resource (ResourceV1/V2) in version-3 shape: V1 `defaults` were provider-filled inputs. */
function upgradeResource(r: unknown): unknown {
  if (!isRecord(r) || !isRecord(r.defaults)) return r;
  const { defaults, ...rest } = r;
  return { ...rest, inputs: { ...defaults, ...(isRecord(r.inputs) ? r.inputs : {}) } };
}

/**
 * A DIY-backend checkpoint → its latest deployment, read the way Pulumi reads it
 * (pkg/resource/stack/checkpoint.go UnmarshalVersionedCheckpointToLatestCheckpoint): no version →
 * the whole file is a CheckpointV1; versions 1–3 wrap a checkpoint whose `latest` is a deployment of
 * that version; 4 adds `features`; anything else is refused with Pulumi's reason.
 */
export function checkpointResources(json: Record<string, unknown>, onProgress?: (done: number, total: number) => void): DeploymentResources & { stack?: string } {
  const version = json.version ?? 0;
  let checkpoint: unknown;
  if (version === 0) checkpoint = json;
  else if (version === 1 || version === 2 || version === 3 || version === 4) checkpoint = json.checkpoint;
  else throw new InputFormatError(`unsupported checkpoint version ${JSON.stringify(version)} (Pulumi refuses it with the same reason); ai-access-guard reads checkpoint versions 0 to 4.`);
  if (version === 4) checkFeatures(json.features, "the checkpoint's");
  if (!isRecord(checkpoint)) throw new InputFormatError(`the checkpoint has no "checkpoint" object (got ${checkpoint === null ? "null" : typeof checkpoint}); is the file complete?`);
  const stackName = typeof checkpoint.stack === "string" ? checkpoint.stack : typeof checkpoint.target === "string" ? checkpoint.target : undefined;
  const latest = checkpoint.latest;
  if (latest === undefined || latest === null) return { resources: [], notes: ["The checkpoint has no deployment yet (`latest` is empty): the stack was never updated."], stack: stackName };
  if (!isRecord(latest)) throw new InputFormatError(`the checkpoint's "latest" must be a deployment object (got ${typeof latest}).`);
  const deployment = version === 0 || version === 1 ? { ...latest, resources: Array.isArray(latest.resources) ? latest.resources.map(upgradeResource) : latest.resources } : latest;
  const r = resourcesFromDeployment(deployment, onProgress);
  return { ...r, notes: [`Read as a DIY-backend checkpoint (version ${version}${stackName ? `, stack ${JSON.stringify(stackName)}` : ""}): its latest deployment was judged.`, ...r.notes], stack: stackName };
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
