/**
 * `report <event-log>`: the engine event log of a real run (`pulumi preview|up --policy-pack …
 * --event-log events.json`): JSON lines, one EngineEvent each (`{sequence, timestamp, <kind>: {…}}`,
 * pulumi/pulumi sdk/go/common/apitype/events.go). Policy results arrive as `policyEvent`
 * `{resourceUrn?, message, color, policyName, policyPackName, policyPackVersion, enforcementLevel,
 * severity?}`; our messages are parsed back into findings, the level is the event's. Resource states
 * for the access map come from `resourcePreEvent`/`resOutputsEvent` metadata (`new.inputs/outputs`).
 */
import * as path from "path";
import { ALL_RULES, stackViewFor, isRecord, type ResourceModel, type RuleSettings } from "../../policy-pack/src";
import { readInputText, rejectDeepNesting, UsageError } from "../input";
import { buildAccessMap } from "../report/access-map";
import type { Report, ReportFinding } from "../report/model";
import { parseDiagnostic } from "../report/parse-message";
import { modelFromState } from "../scan/pulumi";

export const PACK_NAME = "ai-access-guard";

const HINT = "report reads the file written by `pulumi preview --policy-pack <dir> --event-log events.json` (JSON lines).";

export interface EventLogOptions {
  /** Only findings of these packs (default: every pack in the log; ours are parsed into rules). */
  readonly packs?: readonly string[];
  readonly settings?: ReadonlyMap<string, RuleSettings>;
}

export function reportFromEventLog(file: string, opts: EventLogOptions = {}): Report {
  const text = readInputText(file, HINT);
  const lines = text.split("\n");
  const findings: ReportFinding[] = [];
  const states = new Map<string, ResourceModel>();
  const packsSeen = new Set<string>();
  const notes: string[] = [];
  let events = 0;
  let summary: Record<string, unknown> | undefined;
  let sawStates = false;
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    let ev: unknown;
    try {
      ev = JSON.parse(line);
    } catch {
      const last = lines.slice(i + 1).every((l) => l.trim() === "");
      if (last) throw new UsageError(`${file}: line ${i + 1} is not complete JSON — the event log looks truncated (did the run stop early?). Run the preview again and let it finish. ${HINT}`);
      if (i === 0 && /^\s*[{[]/.test(line)) throw new UsageError(`${file} is not JSON lines: line 1 is not a complete JSON value. A multi-line document (stack export, preview JSON, plan JSON) goes to \`ai-access-guard scan\`. ${HINT}`);
      throw new UsageError(`${file}: line ${i + 1} is not valid JSON. ${HINT}`);
    }
    rejectDeepNesting(ev, `${file}: line ${i + 1}`, HINT);
    if (!isRecord(ev) || typeof ev.sequence !== "number" || !("timestamp" in ev)) {
      throw new UsageError(`${file}: line ${i + 1} is not an engine event (no "sequence"/"timestamp")${isRecord(ev) && ("deployment" in ev || "steps" in ev || "format_version" in ev) ? "; this is a saved deployment: use `ai-access-guard scan`" : ""}. ${HINT}`);
    }
    events++;
    if (isRecord(ev.policyEvent)) {
      const p = ev.policyEvent;
      const pack = String(p.policyPackName ?? "");
      packsSeen.add(pack);
      if (opts.packs && !opts.packs.includes(pack)) continue;
      const key = `${p.resourceUrn ?? ""}|${p.policyName}|${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(
        parseDiagnostic({
          policyName: String(p.policyName ?? ""),
          policyPackName: pack,
          message: String(p.message ?? ""),
          enforcementLevel: String(p.enforcementLevel ?? "advisory"),
          urn: typeof p.resourceUrn === "string" && p.resourceUrn !== "" ? p.resourceUrn : undefined,
          severity: typeof p.severity === "string" ? p.severity : undefined,
        }),
      );
    }
    for (const k of ["resourcePreEvent", "resOutputsEvent"]) {
      const payload = ev[k];
      if (!isRecord(payload) || !isRecord(payload.metadata)) continue;
      const md = payload.metadata;
      if (md.op === "delete" || md.op === "discard" || md.op === "delete-replaced") continue;
      const state = isRecord(md.new) ? md.new : undefined;
      if (!state) continue;
      sawStates = true;
      const m = modelFromState(state, { previewSecrets: true });
      if (m) {
        const prev = states.get(m.urn);
        // resOutputsEvent may add outputs a pre-event did not have; keep the richer state.
        states.set(m.urn, prev ? { ...m, properties: { ...prev.properties, ...m.properties } } : m);
      }
    }
    if (isRecord(ev.summaryEvent)) summary = ev.summaryEvent;
  }
  if (events === 0) throw new UsageError(`${file} holds no engine events. ${HINT}`);
  const packs = summary && isRecord(summary.PolicyPacks) ? Object.keys(summary.PolicyPacks).map((k) => k.split("|")[0]) : [];
  const ours = packs.includes(PACK_NAME) || packsSeen.has(PACK_NAME);
  if (!ours) notes.push(`The run did not report the ${PACK_NAME} policy pack${packs.length ? ` (packs: ${packs.join(", ")})` : ""}: pass --policy-pack <path to policy-pack> to pulumi preview.`);
  if (!summary) notes.push("The log has no summaryEvent: the run may not have finished.");
  else if (summary.result && summary.result !== "succeeded") notes.push(`The run ended with result "${String(summary.result)}".`);
  const shownPath = path.relative(process.cwd(), path.resolve(file)).split(path.sep).join("/") || file;
  let accessMap: Report["accessMap"];
  const resources = [...states.values()];
  if (resources.length > 0) {
    const view = stackViewFor(resources, ALL_RULES, opts.settings);
    accessMap = buildAccessMap(view, findings);
  } else {
    notes.push(sawStates ? "The log's resource events carry no resource states the map can use." : "No access-path map: the event log has no resource states (resourcePreEvent metadata).");
  }
  return {
    command: "report",
    input: { kind: "pulumi-event-log", path: shownPath },
    resourceCount: resources.length > 0 ? resources.length : undefined,
    findings,
    accessMap,
    notes,
  };
}
