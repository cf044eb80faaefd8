import { describe, expect, it } from "vitest";
import { parseScenario, Run } from "../sim";
import { type HostEnv, SimHost } from "./host";
import type { ExportResult, Frame, FromWorker } from "./protocol";

function host() {
  const posted: FromWorker[] = [];
  const env: HostEnv = {
    post: (m) => posted.push(structuredClone(m)),
    now: () => 0,
    setTimer: () => 0,
    clearTimer: () => {},
  };
  const h = new SimHost(env);
  let request = 0;
  return {
    h,
    lastFrame(): Frame {
      const f = posted.filter((m) => m.type === "frame").at(-1);
      if (f?.type !== "frame") throw new Error("no frame");
      return f.frame;
    },
    errors: () => posted.filter((m) => m.type === "error"),
    exportRun(what: "scenario" | "trace" | "shiviz"): ExportResult {
      h.handle({ type: "export", what, request: ++request });
      const answer = posted.find((m) => m.type === "export" && m.request === request);
      if (answer?.type !== "export") throw new Error("no answer");
      return answer.result;
    },
  };
}

describe("exporting the run from the worker", () => {
  it("writes the scenario with the user's interventions: loaded with the seed, it replays this run", () => {
    const t = host();
    t.h.handle({ type: "load", source: { preset: "default", sloppy: false }, seed: 11 });
    t.h.handle({ type: "seek", ms: 120 });
    t.h.handle({ type: "intervene", intervention: { kind: "crash", node: "C" } });
    t.h.handle({ type: "seek", ms: 400 });
    const frame = t.lastFrame();
    const result = t.exportRun("scenario");
    if (!result.ok) throw new Error(result.problem);
    expect(result.note).toMatch(/with your intervention; load it with seed 11/);
    const parsed = parseScenario(JSON.parse(result.text));
    if (!parsed.ok) throw new Error(parsed.problems.join("; "));
    expect(parsed.scenario.quorum.sloppy).toBe(false);
    expect(parsed.scenario.timeline.at(-1)).toMatchObject({ kind: "crash", node: "C", atMs: 120 });
    const again = new Run(parsed.scenario, 11);
    again.runUntilMs(400);
    expect(again.summary().traceHash).toBe(frame.traceHash);

    // and the file loads back into the worker as a scenario, to the same run
    const u = host();
    u.h.handle({ type: "load", source: { scenario: result.text, atMs: 400 }, seed: 11 });
    expect(u.errors()).toEqual([]);
    expect(u.lastFrame().traceHash).toBe(frame.traceHash);
  });

  it("writes the trace to now as JSON (with the run's trace hash) and as a ShiViz log", () => {
    const t = host();
    t.h.handle({ type: "load", source: { preset: "sloppy-quorum" }, seed: 2 });
    t.h.handle({ type: "seek", ms: 250 });
    const frame = t.lastFrame();
    const json = t.exportRun("trace");
    if (!json.ok) throw new Error(json.problem);
    const file = JSON.parse(json.text);
    expect(file.format).toBe("ringlab-trace");
    expect(file.traceHash).toBe(frame.traceHash);
    expect(file.events.length).toBe(file.total);
    expect(json.note).toContain(`trace ${frame.traceHash}`);
    const shiviz = t.exportRun("shiviz");
    if (!shiviz.ok) throw new Error(shiviz.problem);
    expect(shiviz.text.split("\n")[0]).toBe(String.raw`(?<event>.*)\n(?<host>\S*) (?<clock>{.*})`);
  });

  it("says so when nothing is loaded", () => {
    const t = host();
    expect(t.exportRun("trace")).toEqual({
      ok: false,
      what: "trace",
      problem: "No run is loaded.",
    });
  });
});
