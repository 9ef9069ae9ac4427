/**
 * Exact questions about statements, answered against the IAM action catalog instead of by
 * pattern-matching JSON: which actions of a service a statement allows, whether a pattern covers
 * a whole service, whether a resource element names resources or leaves them open.
 */
import { actionsOf, type CatalogAction } from "./catalog";
import { hasWildcard, splitAction, wildcardMatches } from "./patterns";
import { parseArn, resourceIdOf } from "./arn";
import type { PolicyDocument, Statement, ValueList } from "./document";
import { containsUnknown } from "../model/values";

/** Patterns of the statement's Action/NotAction element that can reach `service` at all. */
function patternsFor(list: ValueList, service: string): string[] {
  return list.values.filter((p) => {
    const parts = splitAction(p);
    return parts !== undefined && wildcardMatches(parts.service, service);
  });
}

/*
 * Memos keyed by what an action element says (NotAction or not, its patterns as JSON: ["a,b"] and
 * ["a","b"] differ), not by object: stacks repeat the same action lists in thousands of documents
 * that are each parsed anew, and each miss matches patterns against a whole service catalog.
 */
const elementKeys = new WeakMap<ValueList, string>();
const coveredCache = new Map<string, CatalogAction[]>();
const coversCache = new Map<string, Map<string, boolean>>();
const MEMO_LIMIT = 8192;

function elementKey(list: ValueList): string {
  let key = elementKeys.get(list);
  if (key === undefined) {
    key = `${list.negated}|${JSON.stringify(list.values)}`;
    elementKeys.set(list, key);
  }
  return key;
}

/*
 * The shared answers are also kept per element object, so a repeated question costs one WeakMap and
 * one Map lookup instead of building and hashing a key string.
 */
const coveredByList = new WeakMap<ValueList, Map<string, CatalogAction[]>>();
const coversByList = new WeakMap<ValueList, Map<string, boolean>>();

/** Actions of `service` the statement's action element covers (NotAction inverted). Shared array: read only. */
export function coveredActions(stmt: Statement, service: string): CatalogAction[] {
  let byService = coveredByList.get(stmt.action);
  if (!byService) coveredByList.set(stmt.action, (byService = new Map()));
  let hit = byService.get(service);
  if (!hit) {
    const key = `${service}|${elementKey(stmt.action)}`;
    hit = coveredCache.get(key);
    if (!hit) {
      if (coveredCache.size > MEMO_LIMIT) coveredCache.clear();
      hit = coveredActionsUncached(stmt, service);
      coveredCache.set(key, hit);
    }
    byService.set(service, hit);
  }
  return hit;
}

function coveredActionsUncached(stmt: Statement, service: string): CatalogAction[] {
  const actions = actionsOf(service);
  if (!actions) return [];
  const patterns = patternsFor(stmt.action, service);
  // Most statements never mention the service: nothing to match against the whole catalog.
  if (patterns.length === 0) return stmt.action.negated ? actions.slice() : [];
  const hit = (a: CatalogAction) => patterns.some((p) => wildcardMatches(p, a.id));
  return stmt.action.negated ? actions.filter((a) => !hit(a)) : actions.filter(hit);
}

/** True when the statement's action element covers the given action. */
export function coversAction(stmt: Statement, actionId: string): boolean {
  let answers = coversByList.get(stmt.action);
  if (!answers) {
    const key = elementKey(stmt.action);
    answers = coversCache.get(key);
    if (!answers) {
      if (coversCache.size > MEMO_LIMIT) coversCache.clear();
      answers = new Map();
      coversCache.set(key, answers);
    }
    coversByList.set(stmt.action, answers);
  }
  let covered = answers.get(actionId);
  if (covered === undefined) {
    const hit = stmt.action.values.some((p) => wildcardMatches(p, actionId));
    covered = stmt.action.negated ? !hit : hit;
    answers.set(actionId, covered);
  }
  return covered;
}

const reachesByList = new WeakMap<ValueList, Map<string, boolean>>();

/**
 * False only when the statement's action element can cover no action of `service` (a necessary
 * condition of `coversAction`): NotAction, `*`, a pattern whose service part matches, or a pattern
 * without a plain `service:` part (matched against whole ids) may.
 */
export function statementMayReach(stmt: Statement, service: string): boolean {
  if (stmt.action.negated) return true;
  let byService = reachesByList.get(stmt.action);
  if (!byService) reachesByList.set(stmt.action, (byService = new Map()));
  let hit = byService.get(service);
  if (hit === undefined) {
    const lower = service.toLowerCase();
    hit = stmt.action.values.some((v) => {
      const i = v.indexOf(":");
      if (i <= 0 || v.indexOf(":", i + 1) !== -1) return hasWildcard(v);
      return wildcardMatches(v.slice(0, i), lower);
    });
    byService.set(service, hit);
  }
  return hit;
}

/** Which services a document's Allow statements can reach at all, read from their action patterns once. */
interface AllowReach {
  /** A NotAction Allow, or a pattern whose service part is not plain (`*`, `b*Invoke`). */
  readonly anyService: boolean;
  readonly services: ReadonlySet<string>;
  readonly servicePatterns: readonly string[];
}

const reachByDocument = new WeakMap<PolicyDocument, AllowReach>();

function allowReachOf(doc: PolicyDocument): AllowReach {
  let reach = reachByDocument.get(doc);
  if (reach) return reach;
  let anyService = false;
  const services = new Set<string>();
  const servicePatterns: string[] = [];
  for (const s of doc.statements) {
    if (s.effect !== "Allow") continue;
    if (s.action.negated) {
      anyService = true;
      break;
    }
    for (const v of s.action.values) {
      const i = v.indexOf(":");
      // A catalog action id has exactly one colon, so a pattern with one colon matches only ids whose
      // service matches its service part; anything else is kept as "may reach any service".
      if (i > 0 && v.indexOf(":", i + 1) === -1) {
        const service = v.slice(0, i).toLowerCase();
        if (hasWildcard(service)) servicePatterns.push(service);
        else services.add(service);
      } else if (hasWildcard(v)) anyService = true;
    }
  }
  reach = { anyService, services, servicePatterns };
  reachByDocument.set(doc, reach);
  return reach;
}

/**
 * False only when no Allow statement of the document can cover any action of `service` (a necessary
 * condition of `coversAction`/`coveredActions`), so callers skip documents that never mention it.
 */
export function allowMayReach(doc: PolicyDocument, service: string): boolean {
  const reach = allowReachOf(doc);
  if (reach.anyService) return true;
  const lower = service.toLowerCase();
  return reach.services.has(lower) || reach.servicePatterns.some((p) => wildcardMatches(p, lower));
}

/** How much of a service's catalog one wildcard pattern matches: some action, every action. */
export interface PatternCoverage {
  readonly some: boolean;
  readonly every: boolean;
}

const coverageCache = new Map<string, PatternCoverage>();
const NO_COVERAGE: PatternCoverage = Object.freeze({ some: false, every: false });

/** Memoised per service and pattern: stacks repeat the same few patterns in thousands of statements. */
export function patternCoverage(pattern: string, service: string): PatternCoverage {
  const actions = actionsOf(service);
  if (!actions || actions.length === 0) return NO_COVERAGE;
  const key = `${service}\u0000${pattern}`;
  let hit = coverageCache.get(key);
  if (!hit) {
    let some = false;
    let every = true;
    for (const a of actions) {
      if (wildcardMatches(pattern, a.id)) some = true;
      else every = false;
    }
    hit = { some, every };
    if (coverageCache.size > MEMO_LIMIT) coverageCache.clear();
    coverageCache.set(key, hit);
  }
  return hit;
}

/** Patterns in an Action element that cover every action the catalog lists for `service`. */
export function wholeServicePatterns(stmt: Statement, service: string): string[] {
  if (stmt.action.negated) return [];
  const actions = actionsOf(service);
  if (!actions || actions.length === 0) return [];
  return patternsFor(stmt.action, service).filter((p) => hasWildcard(p) && patternCoverage(p, service).every);
}

export interface ResourceScope {
  /** Entries that leave the resource open for this service: `*`, or an ARN with a wildcard id. */
  readonly open: string[];
  /** Entries that cannot be judged yet (unknown at preview, Terraform references). */
  readonly unknown: string[];
  /** Whether any entry can match a resource of this service at all. */
  readonly reachesService: boolean;
}

/**
 * How a Resource element scopes actions of `service`. A missing element (trust policies) or
 * `NotResource` in an Allow counts as open: both grant everything not listed.
 */
export function resourceScope(stmt: Statement, service: string): ResourceScope {
  const r = stmt.resource;
  if (!r) return { open: ["(no Resource element)"], unknown: [], reachesService: true };
  if (r.negated) return { open: [`NotResource ${JSON.stringify(r.values)}`], unknown: [], reachesService: true };
  const open: string[] = [];
  const unknown: string[] = [];
  let reachesService = false;
  if (r.hasUnknown && r.values.length === 0) unknown.push("(whole Resource element)");
  for (const value of r.values) {
    if (value === "*") {
      open.push(value);
      reachesService = true;
      continue;
    }
    if (containsUnknown(value)) {
      unknown.push(value);
      reachesService = true;
      continue;
    }
    const arn = parseArn(value);
    if (!arn || !wildcardMatches(arn.service, service)) continue;
    reachesService = true;
    const id = resourceIdOf(arn);
    const typeOnly = !arn.resource.includes("/") && !arn.resource.includes(":");
    if (hasWildcard(arn.service) || id === "" || hasWildcard(id) || (typeOnly && hasWildcard(arn.resource))) open.push(value);
  }
  return { open, unknown, reachesService };
}

/** An unconditional Deny in the same document that removes `actionId` everywhere. */
export function deniedEverywhere(doc: PolicyDocument, actionId: string): boolean {
  return doc.statements.some(
    (s) =>
      s.effect === "Deny" &&
      s.conditions.length === 0 &&
      !s.action.hasUnknown &&
      coversAction(s, actionId) &&
      s.resource !== undefined &&
      !s.resource.negated &&
      s.resource.values.includes("*"),
  );
}
