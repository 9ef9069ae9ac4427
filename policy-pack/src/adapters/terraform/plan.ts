/**
 * Reader for `terraform show -json PLANFILE` (format_version 0.x/1.x): managed resources from
 * `resource_changes[].change.after` merged with `after_unknown` (unknown leaves become the Pulumi
 * sentinel) and `after_sensitive`, plus any resource found only in
 * `planned_values.root_module` (and its `child_modules`, recursively). Deletes, forgets, deposed
 * objects and data sources are skipped. State JSON (`terraform show -json` without a plan:
 * `values.root_module`) is read the same way, every value known.
 */
import type { ResourceModel } from "../../model/resource";
import { MAX_INPUT_DEPTH, isRecord, nestsDeeperThan } from "../../model/values";
import { redact } from "../../engine/secrets";
import { toResourceModel } from "./convert";
import { configAddress, configuredResources } from "./configuration";

export class TerraformInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TerraformInputError";
  }
}

const what = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : typeof v);

/** Parses JSON text, or returns an already parsed value; never quotes the input in errors. */
export function parseJsonInput(input: unknown, label: string): unknown {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (e) {
      const where = e instanceof SyntaxError ? ` (${e.message.replace(/"[^"]*"/g, "…").slice(0, 80)})` : "";
      throw new TerraformInputError(`${label}: the input is not valid JSON${where}`);
    }
  }
  if (nestsDeeperThan(value, MAX_INPUT_DEPTH)) throw new TerraformInputError(`${label}: values are nested more than ${MAX_INPUT_DEPTH} levels deep, which Terraform and cdktf never write; produce the file again`);
  return value;
}

interface PlannedResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly values: Record<string, unknown>;
  readonly sensitive?: unknown;
}

function readModule(mod: unknown, path: string, out: Map<string, PlannedResource>, depth: number): void {
  if (depth > 64) throw new TerraformInputError(`Terraform plan JSON: ${path}: modules nested more than 64 deep`);
  if (!isRecord(mod)) throw new TerraformInputError(`Terraform plan JSON: ${path} must be an object (got ${what(mod)})`);
  const resources = mod.resources ?? [];
  if (!Array.isArray(resources)) throw new TerraformInputError(`Terraform plan JSON: ${path}.resources must be an array (got ${what(resources)})`);
  resources.forEach((r, i) => {
    const at = `${path}.resources[${i}]`;
    if (!isRecord(r)) throw new TerraformInputError(`Terraform plan JSON: ${at} must be an object (got ${what(r)})`);
    for (const f of ["address", "type"] as const) {
      if (typeof r[f] !== "string" || r[f] === "") throw new TerraformInputError(`Terraform plan JSON: ${at}.${f} must be a non-empty string (got ${what(r[f])})`);
    }
    const values = r.values ?? {};
    if (!isRecord(values)) throw new TerraformInputError(`Terraform plan JSON: ${at}.values must be an object (got ${what(values)})`);
    out.set(r.address as string, { address: r.address as string, mode: typeof r.mode === "string" ? r.mode : "managed", type: r.type as string, values, sensitive: r.sensitive_values });
  });
  const children = mod.child_modules ?? [];
  if (!Array.isArray(children)) throw new TerraformInputError(`Terraform plan JSON: ${path}.child_modules must be an array (got ${what(children)})`);
  children.forEach((c, i) => readModule(c, `${path}.child_modules[${i}]`, out, depth + 1));
}

const SKIPPED_ACTIONS = new Set(["delete", "forget"]);

/** Reads a Terraform plan (or state) JSON document into the rule engine's model. */
export function resourcesFromTerraformPlan(input: unknown): ResourceModel[] {
  const plan = parseJsonInput(input, "Terraform plan JSON");
  if (!isRecord(plan)) throw new TerraformInputError(`Terraform plan JSON: the document must be an object (got ${what(plan)})`);
  const version = plan.format_version;
  if (typeof version !== "string") throw new TerraformInputError("Terraform plan JSON: format_version is missing; expected the output of `terraform show -json PLANFILE`");
  if (!/^[01]\.\d+$/.test(version)) throw new TerraformInputError(`Terraform plan JSON: unsupported format_version ${JSON.stringify(redact(version).slice(0, 20))} (supported: 0.x and 1.x)`);
  const root = isRecord(plan.planned_values) ? plan.planned_values : isRecord(plan.values) ? plan.values : undefined;
  if (plan.planned_values !== undefined && !isRecord(plan.planned_values)) throw new TerraformInputError(`Terraform plan JSON: planned_values must be an object (got ${what(plan.planned_values)})`);
  if (!root && plan.resource_changes === undefined) throw new TerraformInputError("Terraform plan JSON: neither planned_values nor resource_changes is present; expected the output of `terraform show -json PLANFILE`");

  // What the user wrote (plans only; state JSON has no configuration): unset attributes are left out.
  const configured = configuredResources(plan);
  const expressionsOf = (address: string) => configured?.get(configAddress(address));
  const planned = new Map<string, PlannedResource>();
  if (root && root.root_module !== undefined) readModule(root.root_module, `${root === plan.planned_values ? "planned_values" : "values"}.root_module`, planned, 0);

  const out: ResourceModel[] = [];
  const changes = plan.resource_changes ?? [];
  if (!Array.isArray(changes)) throw new TerraformInputError(`Terraform plan JSON: resource_changes must be an array (got ${what(changes)})`);
  const handled = new Set<string>();
  changes.forEach((rc, i) => {
    const at = `resource_changes[${i}]`;
    if (!isRecord(rc)) throw new TerraformInputError(`Terraform plan JSON: ${at} must be an object (got ${what(rc)})`);
    for (const f of ["address", "type"] as const) {
      if (typeof rc[f] !== "string" || rc[f] === "") throw new TerraformInputError(`Terraform plan JSON: ${at}.${f} must be a non-empty string (got ${what(rc[f])})`);
    }
    const address = rc.address as string;
    const change = rc.change;
    if (!isRecord(change)) throw new TerraformInputError(`Terraform plan JSON: ${at}.change must be an object (got ${what(change)})`);
    if (!Array.isArray(change.actions) || !change.actions.every((a) => typeof a === "string")) throw new TerraformInputError(`Terraform plan JSON: ${at}.change.actions must be an array of strings`);
    // A deposed object is an old instance being destroyed; its address is shared with the live one.
    if (rc.deposed !== undefined) return;
    handled.add(address);
    if ((rc.mode ?? "managed") !== "managed") return;
    const actions = change.actions as string[];
    if (actions.length > 0 && actions.every((a) => SKIPPED_ACTIONS.has(a))) return;
    if (change.after === null || change.after === undefined) return;
    if (!isRecord(change.after)) throw new TerraformInputError(`Terraform plan JSON: ${at}.change.after must be an object or null (got ${what(change.after)})`);
    out.push(
      toResourceModel({
        type: rc.type as string,
        address,
        values: change.after,
        unknown: change.after_unknown,
        sensitive: change.after_sensitive,
        source: "terraform",
        configured: expressionsOf(address),
      }),
    );
  });
  for (const r of planned.values()) {
    if (handled.has(r.address) || r.mode !== "managed") continue;
    out.push(toResourceModel({ type: r.type, address: r.address, values: r.values, sensitive: r.sensitive, source: "terraform", configured: expressionsOf(r.address) }));
  }
  return out;
}
