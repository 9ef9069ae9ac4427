/**
 * Effective access the way IAM evaluates an identity's request: an action is allowed on a resource
 * when some Allow of the documents that apply covers it, no explicit Deny removes it, and, when the
 * identity has a permissions boundary, the boundary allows it too. Which resources an action can be
 * granted on comes from the catalog's resource types (an `endpoint/*` ARN cannot carry
 * `sagemaker:InvokeEndpoint` of a `model/*`; an action without resource-level permissions needs
 * `Resource: "*"`). Pure functions over parsed documents; no AWS call.
 *
 * Sound for findings: where a question cannot be decided exactly (overlapping patterns, Deny with
 * conditions that may not apply) the answer keeps the reach, never drops it.
 */
import { actionsOf, resourceTypePatterns, type CatalogAction } from "./catalog";
import { covers, intersectPatterns, intersects } from "./glob-sets";
import { coveredActions, coversAction } from "./analysis";
import { hasWildcard } from "./patterns";
import { parseArn, resourceIdOf } from "./arn";
import type { ConditionClause, PolicyDocument, Statement } from "./document";
import { containsUnknown, UNKNOWN } from "../model/values";

/** A document that applies to the identity, with a label for messages. */
export interface PolicySource {
  readonly label: string;
  readonly document: PolicyDocument;
}

/** One action the identity may call, where, and under which conditions. */
export interface AccessEntry {
  readonly action: CatalogAction;
  /** Resource patterns the action is allowed on after Deny and boundary (`*`: every resource). */
  readonly resources: readonly string[];
  /** From an Allow with NotResource: every resource except these. */
  readonly except?: readonly string[];
  /** Conditions of the granting Allow statement (all must hold). */
  readonly conditions: readonly ConditionClause[];
  readonly source: string;
  readonly statement: Statement;
}

export interface EffectiveOptions {
  /** The permissions boundary's documents; `undefined` when the identity has none. */
  readonly boundary?: readonly PolicySource[];
}

/** Resource values of an Allow that can carry `action` (catalog resource types). */
function carriers(stmt: Statement, action: CatalogAction, service: string): { resources: string[]; except?: string[] } {
  const r = stmt.resource;
  if (!r) return { resources: ["*"] };
  if (r.negated) return { resources: ["*"], except: r.values };
  const out: string[] = [];
  // Entries unknown at preview could be anything: kept as one unknown entry.
  if (r.hasUnknown) out.push(UNKNOWN);
  const templates = resourceTypePatterns(service);
  for (const v of r.values) {
    if (containsUnknown(v)) {
      out.push(v);
      continue;
    }
    if (canCarry(v, action, templates)) out.push(v);
  }
  return { resources: out };
}

/** Whether a Resource pattern can match a resource that `action` applies to. */
export function canCarry(value: string, action: CatalogAction, templates = resourceTypePatterns(action.id.split(":")[0])): boolean {
  if (/^[*]+$/.test(value)) return true;
  // Without resource-level permissions the request's resource is `*` itself.
  if (!action.supportsResourceLevel) return covers(value, "*");
  if (!templates) return true;
  return action.resourceTypes.some((t) => {
    const pattern = templates.get(t);
    return pattern === undefined || arnIntersects(value, pattern);
  });
}

/**
 * ARN patterns meet segment by segment (a wildcard in the region does not run into the account);
 * the resource part, which may hold colons, is compared whole. A pattern with fewer than six parts
 * (`arn:aws:bedrock:*`) lets its last wildcard run over the remaining segments, as IAM does.
 */
export function arnIntersects(value: string, template: string): boolean {
  const v = value.split(":");
  const t = template.split(":");
  if (v.length < 6 || t.length < 6 || v[0].toLowerCase() !== "arn") return intersects(value, template);
  for (let i = 1; i < 5; i++) if (!intersects(v[i], t[i])) return false;
  return intersects(v.slice(5).join(":"), t.slice(5).join(":"));
}

function allowEntries(sources: readonly PolicySource[], service: string): AccessEntry[] {
  const out: AccessEntry[] = [];
  for (const src of sources) {
    for (const stmt of src.document.statements) {
      if (stmt.effect !== "Allow") continue;
      for (const action of coveredActions(stmt, service)) {
        const { resources, except } = carriers(stmt, action, service);
        if (resources.length === 0) continue;
        out.push({ action, resources, except, conditions: stmt.conditions, source: src.label, statement: stmt });
      }
    }
  }
  return out;
}

/** Applies one unconditional Deny to an entry: what remains, or `undefined` when nothing does. */
function applyDeny(entry: AccessEntry, deny: Statement): AccessEntry | undefined {
  const r = deny.resource;
  if (!r || (!r.negated && r.values.some((v) => /^[*]+$/.test(v)))) return undefined;
  if (r.negated) {
    // Deny NotResource N: only N survives.
    const resources = intersectPatterns(entry.resources.map(widenUnknown), r.values);
    return resources.length === 0 ? undefined : { ...entry, resources };
  }
  const resources = entry.resources.filter((res) => containsUnknown(res) || !r.values.some((d) => covers(d, res)));
  return resources.length === 0 ? undefined : { ...entry, resources };
}

/** A value unknown at preview could be anything: `*` for intersections. */
function widenUnknown(v: string): string {
  return containsUnknown(v) ? "*" : v;
}

function denies(sources: readonly PolicySource[]): Statement[] {
  const out: Statement[] = [];
  for (const src of sources) for (const s of src.document.statements) if (s.effect === "Deny" && s.conditions.length === 0) out.push(s);
  return out;
}

/** Effective access to the actions of `service` (catalog-known actions only). */
export function effectiveAccess(sources: readonly PolicySource[], service: string, opts: EffectiveOptions = {}): AccessEntry[] {
  if (!actionsOf(service)) return [];
  let entries = allowEntries(sources, service);
  if (entries.length === 0) return entries;
  const allDenies = denies(opts.boundary ? [...sources, ...opts.boundary] : sources);
  if (allDenies.length > 0) {
    const kept: AccessEntry[] = [];
    for (const e of entries) {
      let cur: AccessEntry | undefined = e;
      for (const d of allDenies) {
        if (!cur) break;
        if (coversAction(d, e.action.id)) cur = applyDeny(cur, d);
      }
      if (cur) kept.push(cur);
    }
    entries = kept;
  }
  if (opts.boundary) {
    const limits = new Map<string, string[]>();
    for (const b of allowEntries(opts.boundary, service)) {
      const list = limits.get(b.action.id) ?? [];
      list.push(...b.resources.map(widenUnknown));
      limits.set(b.action.id, list);
    }
    const kept: AccessEntry[] = [];
    for (const e of entries) {
      const limit = limits.get(e.action.id);
      if (!limit) continue;
      const resources = intersectPatterns(e.resources.map(widenUnknown), limit);
      if (resources.length > 0) kept.push({ ...e, resources });
    }
    entries = kept;
  }
  return entries;
}

/** Distinct actions in a list of entries. */
export function actionIds(entries: readonly AccessEntry[]): string[] {
  return [...new Set(entries.map((e) => e.action.id))];
}

/** True when some entry grants `actionId` (case-insensitive). */
export function grants(entries: readonly AccessEntry[], actionId: string): AccessEntry[] {
  const lower = actionId.toLowerCase();
  return entries.filter((e) => e.action.id.toLowerCase() === lower);
}

/**
 * Whether a resource pattern leaves the resource open for `service`: `*`, a pattern with too few
 * ARN parts to name anything (`arn:aws:bedrock:*`), a wildcard service or a wildcard resource id.
 */
export function isOpenResource(value: string, service: string): boolean {
  if (containsUnknown(value)) return false;
  if (/^[*?]+$/.test(value)) return true;
  const arn = parseArn(value);
  if (!arn) return hasWildcard(value);
  if (hasWildcard(arn.service)) return true;
  const id = resourceIdOf(arn);
  const typeOnly = !arn.resource.includes("/") && !arn.resource.includes(":");
  if (id === "" || hasWildcard(id) || (typeOnly && hasWildcard(arn.resource))) return true;
  void service;
  return false;
}

const NARROWING_OPERATORS = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"]);

/**
 * The values a condition key is pinned to by the entry's conditions, or `undefined` when no clause
 * pins it soundly (negated operators, IfExists, ForAllValues, which are true when the key is absent).
 */
export function pinnedValues(conditions: readonly ConditionClause[], key: string): string[] | undefined {
  const k = key.toLowerCase();
  let out: string[] | undefined;
  for (const c of conditions) {
    if (c.key !== k || !NARROWING_OPERATORS.has(c.base) || c.ifExists || c.setQualifier === "ForAllValues" || c.hasUnknown) continue;
    // Conditions are ANDed: the tightest clause wins; keep the first that pins.
    if (!out) out = c.values.slice();
  }
  return out;
}
