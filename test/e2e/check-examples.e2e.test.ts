/** The main job's path: example programs under Pulumi mocks, judged by the real pack process. */
import * as path from "path";
import { describe, expect, it } from "vitest";
import { checkPrograms, runProgram, ProgramError } from "../../cli/check/check";

const examples = path.resolve(__dirname, "..", "..", "examples");

describe("offline check of the example programs", () => {
  it("blocks every unsafe path of the bad example and passes the good one", async () => {
    const [bad, good] = await checkPrograms([path.join(examples, "bad-ai-path"), path.join(examples, "github-actions-bedrock")]);
    const ids = bad.diagnostics.filter((d) => d.enforcementLevel === "mandatory").map((d) => /\[(AAG-\d{3})\]/.exec(d.message)?.[1]);
    // Static key, bedrock:*, invoke on *, full-access policy, unscoped GitHub trust, unrotated OpenAI key.
    for (const id of ["AAG-001", "AAG-003", "AAG-004", "AAG-005", "AAG-006", "AAG-007"]) expect(ids).toContain(id);
    expect(good.run.resources.map((r) => r.type)).toContain("aws:iam/role:Role");
    expect(good.diagnostics.filter((d) => d.enforcementLevel === "mandatory")).toEqual([]);
  });

  it("reports a program that fails under mocks as a clear error", async () => {
    await expect(runProgram(path.join(examples, "does-not-exist"))).rejects.toBeInstanceOf(ProgramError);
  });
});
