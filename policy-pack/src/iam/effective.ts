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
import { actionsOf, findAction, resourceTypePatterns, type CatalogAction } from "./catalog";
import { covers, intersectPatterns, intersects } from "./glob-sets";
import { allowMayReach, coveredActions, coversAction } from "./analysis";
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

const STAR: readonly string[] = Object.freeze(["*"]);
const NO_ACTIONS: readonly CatalogAction[] = Object.freeze([]);

/** Resource values of an Allow that can carry `action` (catalog resource types). */
function carriers(stmt: Statement, action: CatalogAction): readonly string[] {
  const r = stmt.resource;
  // No Resource element, or NotResource (whose values the caller keeps as the exceptions): every resource.
  if (!r || r.negated) return STAR;
  let out: string[] | undefined;
  // Entries unknown at preview could be anything: kept as one unknown entry.
  if (r.hasUnknown) out = [UNKNOWN];
  for (let i = 0; i < r.values.length; i++) {
    const v = r.values[i];
    const keep = containsUnknown(v) || canCarry(v, action);
    if (keep && out) out.push(v);
    else if (!keep && !out) out = r.values.slice(0, i);
  }
  // Most statements keep every value: share the parsed list instead of copying it per action.
  return out ?? r.values;
}

/** Per service, per Resource value: the resource types it can match (`all` for `*`). */
const carriedByValue = new Map<string, Map<string, ReadonlySet<string> | "all">>();

const NO_TYPES: ReadonlySet<string> = new Set();

function carriedTypes(value: string, service: string): ReadonlySet<string> | "all" | undefined {
  const templates = resourceTypePatterns(service);
  if (!templates) return undefined;
  let byValue = carriedByValue.get(service);
  if (!byValue) carriedByValue.set(service, (byValue = new Map()));
  let hit = byValue.get(value);
  if (hit === undefined) {
    if (/^[*]+$/.test(value)) hit = "all";
    else if (outsideTemplateServices(value, templates)) hit = NO_TYPES;
    else {
      const set = new Set<string>();
      const v = splitArn(value);
      for (const t of splitTemplates(templates)) if (splitArnsIntersect(v, t)) set.add(t.name);
      hit = set;
    }
    if (byValue.size > 20_000) byValue.clear();
    byValue.set(value, hit);
  }
  return hit;
}

/** The service segments the resource-type templates name (`q` also has `qdeveloper` and `codewhisperer` types). */
const templateServices = new WeakMap<ReadonlyMap<string, string>, ReadonlySet<string> | "any">();

/**
 * An ARN whose service segment is written without wildcards and is none of the templates' service
 * segments matches none of the resource types: answered without comparing it to each template.
 */
function outsideTemplateServices(value: string, templates: ReadonlyMap<string, string>): boolean {
  if (!value.startsWith("arn:")) return false;
  const a = value.indexOf(":", 4);
  const b = a < 0 ? -1 : value.indexOf(":", a + 1);
  if (b < 0) return false;
  const segment = value.slice(a + 1, b);
  if (hasWildcard(segment)) return false;
  let known = templateServices.get(templates);
  if (!known) {
    const set = new Set<string>();
    for (const t of templates.values()) set.add((t.split(":")[2] ?? "").toLowerCase());
    known = [...set].some((x) => x === "" || hasWildcard(x)) ? "any" : set;
    templateServices.set(templates, known);
  }
  return known !== "any" && !known.has(segment.toLowerCase());
}

/** Whether a Resource pattern can match a resource that `action` applies to. */
export function canCarry(value: string, action: CatalogAction): boolean {
  if (/^[*]+$/.test(value)) return true;
  // Without resource-level permissions the request's resource is `*` itself.
  // (Only a pattern of stars covers the literal `*`, and those returned above.)
  if (!action.supportsResourceLevel) return false;
  const types = carriedTypes(value, action.id.slice(0, action.id.indexOf(":")));
  if (types === undefined || types === "all") return true;
  return action.resourceTypes.some((t) => types.has(t));
}

/**
 * ARN patterns meet segment by segment (a wildcard in the region does not run into the account);
 * the resource part, which may hold colons, is compared whole. A pattern with fewer than six parts
 * (`arn:aws:bedrock:*`) lets its last wildcard run over the remaining segments, as IAM does.
 */
export function arnIntersects(value: string, template: string): boolean {
  return splitArnsIntersect(splitArn(value), splitArn(template));
}

/** An ARN pattern cut into partition…account and the resource part, or whole when it has fewer than six parts. */
interface SplitArn {
  readonly whole: string;
  /** Segments 1–4 and the resource part (index 4), or undefined when it is not a six-part ARN. */
  readonly parts?: readonly string[];
}

function splitArn(value: string): SplitArn {
  const v = value.split(":");
  if (v.length < 6 || v[0].toLowerCase() !== "arn") return { whole: value };
  return { whole: value, parts: [v[1], v[2], v[3], v[4], v.slice(5).join(":")] };
}

function splitArnsIntersect(v: SplitArn, t: SplitArn): boolean {
  if (!v.parts || !t.parts) return intersects(v.whole, t.whole);
  for (let i = 0; i < 5; i++) if (!intersects(v.parts[i], t.parts[i])) return false;
  return true;
}

const splitByTemplates = new WeakMap<ReadonlyMap<string, string>, ReadonlyArray<SplitArn & { name: string }>>();

/** A service's resource-type templates, split once. */
function splitTemplates(templates: ReadonlyMap<string, string>): ReadonlyArray<SplitArn & { name: string }> {
  let hit = splitByTemplates.get(templates);
  if (!hit) splitByTemplates.set(templates, (hit = [...templates].map(([name, pattern]) => ({ ...splitArn(pattern), name }))));
  return hit;
}

function allowEntries(sources: readonly PolicySource[], service: string, only?: CatalogAction): AccessEntry[] {
  const out: AccessEntry[] = [];
  const onlyList = only ? [only] : NO_ACTIONS;
  for (const src of sources) {
    for (const stmt of src.document.statements) {
      if (stmt.effect !== "Allow") continue;
      const actions = only ? (coversAction(stmt, only.id) ? onlyList : NO_ACTIONS) : coveredActions(stmt, service);
      for (const action of actions) {
        const resources = carriers(stmt, action);
        const except = stmt.resource?.negated ? stmt.resource.values : undefined;
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

/**
 * One document judged alone is asked about by several rules (and the stack view) in turn; parsed
 * documents are shared and never mutated, so its answer is kept per document, label and service.
 */
const single = new Map<PolicyDocument, Map<string, AccessEntry[]>>();
/** Bounded: the rules of one resource share it; a stack of many documents must not retain them all. */
const SINGLE_DOCS = 64;

/** Effective access to the actions of `service` (catalog-known actions only). */
export function effectiveAccess(sources: readonly PolicySource[], service: string, opts: EffectiveOptions = {}): AccessEntry[] {
  if (sources.length === 1 && !opts.boundary) {
    const doc = sources[0].document;
    let byKey = single.get(doc);
    if (!byKey) {
      if (single.size >= SINGLE_DOCS) single.clear();
      single.set(doc, (byKey = new Map()));
    }
    const key = `${service}\u0000${sources[0].label}`;
    let hit = byKey.get(key);
    if (!hit) byKey.set(key, (hit = evaluate(sources, service, opts)));
    return hit;
  }
  return evaluate(sources, service, opts);
}

/** Effective access to one action (`iam:PassRole`), without expanding its whole service. */
export function effectiveAccessTo(sources: readonly PolicySource[], actionId: string, opts: EffectiveOptions = {}): AccessEntry[] {
  const action = findAction(actionId);
  if (!action) return [];
  return evaluate(sources, action.id.slice(0, action.id.indexOf(":")), opts, action);
}

function evaluate(sources: readonly PolicySource[], service: string, opts: EffectiveOptions, only?: CatalogAction): AccessEntry[] {
  // Nothing is allowed unless some Allow can reach the service; Deny and boundary only take away.
  if (!sources.some((src) => allowMayReach(src.document, service))) return [];
  if (!actionsOf(service)) return [];
  let entries = allowEntries(sources, service, only);
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
    for (const b of allowEntries(opts.boundary, service, only)) {
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
    // Conditions are ANDed: a value must pass every pinning clause, whatever order they are written
    // in. The intersection over-approximates (never drops a value both admit); empty means no value can.
    out = out ? intersectPatterns(out, c.values) : c.values.slice();
  }
  return out;
}
