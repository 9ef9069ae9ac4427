/**
 * Test-only preload for a pack process (NODE_OPTIONS="--require …/gc-probe.cjs"): on SIGUSR2 it runs
 * a full garbage collection and writes process.memoryUsage() to $AAG_GC_PROBE_OUT, so a test can
 * compare what the process retains at two points (RSS alone also counts garbage not yet collected).
 */
"use strict";
const fs = require("fs");
const v8 = require("v8");
const vm = require("vm");

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");
const out = process.env.AAG_GC_PROBE_OUT;
if (out) {
  process.on("SIGUSR2", () => {
    gc();
    gc();
    const tmp = `${out}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(process.memoryUsage()));
    fs.renameSync(tmp, out);
  });
}
