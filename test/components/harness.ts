/**
 * Pulumi mocks for component tests: records every registered resource (inputs and echoed outputs),
 * answers the data sources from cli/check/mocks. Call `setupMocks()` BEFORE importing components.
 */
import type * as pulumiType from "@pulumi/pulumi";
import { mockCall, mockState, type RecordedResource } from "../../cli/check/mocks";

export const recorded: RecordedResource[] = [];

export async function setupMocks(): Promise<typeof pulumiType> {
  const pulumi = await import("@pulumi/pulumi");
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const { id, state } = mockState(args);
        recorded.push({ type: args.type, name: args.name, urn: `urn:pulumi:test::components::${args.type}::${args.name}`, inputs: args.inputs ?? {}, outputs: state });
        return { id, state };
      },
      call(args) {
        return mockCall(args);
      },
    },
    "components",
    "test",
    false,
  );
  return pulumi;
}

/** The value of an Output (mocks run in update mode, so every value is known). */
export function valueOf<T>(o: pulumiType.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply((v) => { resolve(v); return v; }));
}

/** Waits until every registration has reached the mocks. */
export async function settle(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const settings = require("@pulumi/pulumi/runtime/settings");
  for (let i = 0; i < 5; i++) {
    await settings.waitForRPCs?.();
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function resourceNamed(name: string): RecordedResource {
  const r = recorded.find((x) => x.name === name);
  if (!r) throw new Error(`no resource named ${name}; registered: ${recorded.map((x) => x.name).join(", ")}`);
  return r;
}

/** A JSON-string input parsed. */
export function doc(name: string, prop: string): unknown {
  const v = resourceNamed(name).inputs[prop];
  return typeof v === "string" ? JSON.parse(v) : v;
}
