/** SessionRevocation and TaskScopedAiGrant: pure window and deny (against the IAM catalog), then the components under mocks. */
import { beforeAll, describe, expect, it } from "vitest";
import { doc, recorded, resourceNamed, settle, setupMocks } from "./harness";
import { catalogProblems } from "./iam-catalog";
import { checkRevokeBefore, revokeSessionsPolicy, taskWindow } from "../../components/jit/revocation";

const now = new Date("2026-12-01T12:00:00Z");

describe("documents (pure)", () => {
  it("the aws:TokenIssueTime deny that 'revoke active sessions' uses; the catalog knows its key", async () => {
    const d = revokeSessionsPolicy("2026-12-01T11:30:00Z");
    expect(d).toEqual({ Version: "2012-10-17", Statement: [{ Sid: "RevokeSessionsIssuedBefore", Effect: "Deny", Action: "*", Resource: "*", Condition: { DateLessThan: { "aws:TokenIssueTime": "2026-12-01T11:30:00Z" } } }] });
    expect(await catalogProblems(d)).toEqual([]);
  });

  it("revocation time: ISO with zone, not in the future", () => {
    expect(checkRevokeBefore("S", "revokeBefore", "2026-12-01T13:00:00+02:00", now)).toBe("2026-12-01T11:00:00Z");
    expect(() => checkRevokeBefore("S", "revokeBefore", "2026-12-01T14:00:00Z", now)).toThrow("S: revokeBefore 2026-12-01T14:00:00Z is in the future");
    expect(() => checkRevokeBefore("S", "revokeBefore", "yesterday", now)).toThrow('S: revokeBefore "yesterday" is not an ISO 8601 time');
  });

  it("task window in hours: running, ended early, or over", () => {
    expect(taskWindow("T", { startedAt: "2026-12-01T10:00:00Z", hours: 4 }, now)).toEqual({ expiresAt: "2026-12-01T14:00:00Z" });
    expect(taskWindow("T", { startedAt: "2026-12-01T10:00:00Z", hours: 4, endedAt: "2026-12-01T11:15:00Z" }, now)).toEqual({ expiresAt: "2026-12-01T14:00:00Z", endedAt: "2026-12-01T11:15:00Z" });
    expect(taskWindow("T", { startedAt: "2026-12-01T06:00:00Z", hours: 2 }, now)).toEqual({ expiresAt: "2026-12-01T08:00:00Z", endedAt: "2026-12-01T08:00:00Z" });
    expect(() => taskWindow("T", { startedAt: "2026-12-01T10:00:00Z", hours: 72 }, now)).toThrow("T: hours must be more than 0 and at most 12, got 72");
    expect(() => taskWindow("T", { startedAt: "2026-12-01T18:00:00Z", hours: 1 }, now)).toThrow("T: startedAt 2026-12-01T18:00:00Z is in the future");
    expect(() => taskWindow("T", { startedAt: "2026-12-01T10:00:00Z", hours: 1, endedAt: "2026-12-01T09:00:00Z" }, now)).toThrow("T: endedAt 2026-12-01T09:00:00Z is before startedAt 2026-12-01T10:00:00Z");
  });
});

describe("components under mocks", () => {
  type C = typeof import("../../components");
  let c: C;
  beforeAll(async () => {
    await setupMocks();
    c = await import("../../components");
  });
  const access = { foundationModels: ["anthropic.claude-3-5-haiku-20241022-v1:0"] };

  it("SessionRevocation: AWSRevokeOlderSessions on every role", async () => {
    new c.SessionRevocation("rv", { roles: ["a", "b"], revokeBefore: "2026-12-01T11:00:00Z", now });
    await settle();
    expect(resourceNamed("rv-revocation-1").inputs).toMatchObject({ role: "b", name: "AWSRevokeOlderSessions" });
    expect(doc("rv-revocation-0", "policy")).toEqual(revokeSessionsPolicy("2026-12-01T11:00:00Z"));
  });

  it("TaskScopedAiGrant while running: grant until start+hours, sessions before the start revoked", async () => {
    const g = new c.TaskScopedAiGrant("task1", { role: "job", access, startedAt: "2026-12-01T10:00:00Z", hours: 4, now });
    expect(g.expiresAt).toBe("2026-12-01T14:00:00Z");
    await settle();
    const grant = doc("task1-grant-policy", "policy") as { Statement: Array<{ Condition: Record<string, Record<string, string>> }> };
    expect(grant.Statement[0].Condition.DateLessThan["aws:CurrentTime"]).toBe("2026-12-01T14:00:00Z");
    expect((doc("task1-revocation-revocation-0", "policy") as ReturnType<typeof revokeSessionsPolicy>).Statement[0].Condition!.DateLessThan["aws:TokenIssueTime"]).toBe("2026-12-01T10:00:00Z");
  });

  it("TaskScopedAiGrant once ended: no grant, sessions before the end revoked", async () => {
    const g = new c.TaskScopedAiGrant("task2", { role: "job", access, startedAt: "2026-12-01T10:00:00Z", hours: 4, endedAt: "2026-12-01T11:30:00Z", now });
    expect(g.grant).toBeUndefined();
    await settle();
    expect(recorded.some((r) => r.name.startsWith("task2-grant"))).toBe(false);
    expect((doc("task2-revocation-revocation-0", "policy") as ReturnType<typeof revokeSessionsPolicy>).Statement[0].Condition!.DateLessThan["aws:TokenIssueTime"]).toBe("2026-12-01T11:30:00Z");
  });

  it("refuses missing fields, days-long windows and future revocations, naming the fields", () => {
    expect(() => new c.TaskScopedAiGrant("bad1", { role: "job", access } as never)).toThrow('TaskScopedAiGrant "bad1": give startedAt, hours');
    expect(() => new c.TaskScopedAiGrant("bad2", { role: "job", access, startedAt: "2026-12-01T10:00:00Z", hours: 48, now })).toThrow("hours must be more than 0 and at most 12");
    expect(() => new c.SessionRevocation("bad3", { roles: [], revokeBefore: now })).toThrow('SessionRevocation "bad3": give roles');
    expect(() => new c.SessionRevocation("bad4", { roles: ["a"], revokeBefore: "2027-01-01T00:00:00Z", now })).toThrow("is in the future");
    expect(recorded.some((r) => r.name.startsWith("bad"))).toBe(false);
  });
});
