/**
 * Effective access of one principal: every document that applies to it (inline, attached,
 * customer- and AWS-managed, inherited from groups) evaluated together, so a Deny anywhere removes
 * what an Allow elsewhere grants, intersected with its permissions boundary. Memoised per service:
 * stack rules ask the same principal about iam, sts, bedrock… in turn.
 */
import { effectiveAccess, effectiveAccessTo, type AccessEntry, type PolicySource } from "./effective";
import type { PolicyDocument, Statement } from "./document";
import { allowMayReach, coversAction, statementMayReach } from "./analysis";
import { findAction, type CatalogAction } from "./catalog";

const NONE: readonly AccessEntry[] = Object.freeze([]);

/** A document that applies to a principal (the stack view's grant, or a test's). */
export interface GrantedDocument {
  readonly source: string;
  readonly document?: PolicyDocument;
  readonly viaGroup?: string;
}

/** Effective access of one principal: a whole service, or one action (cheaper, and memoised). */
export interface AccessOf {
  (service: string): readonly AccessEntry[];
  /** Entries granting exactly this action (`iam:PassRole`). */
  to(actionId: string): readonly AccessEntry[];
  /** Drops what `to` keeps (answers are computed again when asked): a view outlives the rules that asked. */
  forget(): void;
}

function sourcesOf(grants: readonly GrantedDocument[]): PolicySource[] {
  const out: PolicySource[] = [];
  for (const g of grants) if (g.document) out.push({ label: g.viaGroup ? `${g.source} via group ${g.viaGroup}` : g.source, document: g.document });
  return out;
}

/**
 * `boundary`: the boundary's documents when the principal has one whose document is known;
 * `undefined` when it has none or it cannot be read (then reach is not narrowed: never understated).
 */
export function principalAccess(grants: readonly GrantedDocument[], boundary?: readonly GrantedDocument[]): AccessOf {
  const sources = sourcesOf(grants);
  const limit = boundary ? sourcesOf(boundary) : undefined;
  const opts = limit && limit.length > 0 ? { boundary: limit } : {};
  // Whole services are expanded on demand and not kept (an admin principal holds thousands of
  // actions); single actions, which the stack rules ask about, are kept.
  const byAction = new Map<string, readonly AccessEntry[]>();
  // Rules ask about tables of actions across many services; most principals' Allows never name most
  // of those services, and that is answered per service once instead of per action.
  const reachable = new Map<string, boolean>();
  const mayReach = (service: string): boolean => {
    let hit = reachable.get(service);
    if (hit === undefined) reachable.set(service, (hit = sources.some((src) => allowMayReach(src.document, service))));
    return hit;
  };
  // Rules ask about many actions a principal's Allows never name. Per service, the Allow statements
  // that can reach it at all are listed once; an action none of them covers is answered at once.
  const allowsByService = new Map<string, readonly Statement[]>();
  const allowsIn = (service: string): readonly Statement[] => {
    let list = allowsByService.get(service);
    if (!list) {
      const out: Statement[] = [];
      for (const src of sources) {
        if (!allowMayReach(src.document, service)) continue;
        for (const stmt of src.document.statements) if (stmt.effect === "Allow" && statementMayReach(stmt, service)) out.push(stmt);
      }
      allowsByService.set(service, (list = out));
    }
    return list;
  };
  const to = (actionId: string): readonly AccessEntry[] => {
    if (sources.length === 0) return NONE;
    const action = findAction(actionId);
    if (!action) return NONE;
    const service = serviceOf(action);
    if (!mayReach(service) || !allowsIn(service).some((stmt) => coversAction(stmt, action.id))) return NONE;
    let hit = byAction.get(action.id);
    if (!hit) byAction.set(action.id, (hit = effectiveAccessTo(sources, action.id, opts)));
    return hit;
  };
  const forget = () => {
    byAction.clear();
    reachable.clear();
    allowsByService.clear();
  };
  return Object.assign((service: string) => (sources.length === 0 ? [] : effectiveAccess(sources, service.toLowerCase(), opts)), { to, forget });
}

/** Keyed by the catalog id (a string key hashes once; catalog entries are frozen objects). */
const services = new Map<string, string>();

/** The service prefix of a catalog action, lower-case (`bedrock` of `bedrock:InvokeModel`). */
function serviceOf(action: CatalogAction): string {
  let hit = services.get(action.id);
  if (hit === undefined) services.set(action.id, (hit = action.id.slice(0, action.id.indexOf(":")).toLowerCase()));
  return hit;
}

/** Access of a principal with no grants. */
export const NO_ACCESS: AccessOf = Object.assign(() => [], { to: () => [], forget: () => undefined });
