import { describe, expect, it } from "vitest";
import {
  detectFormat,
  type History,
  HistoryError,
  type HistoryFormat,
  pairOperations,
  parseHistory,
  readHistory,
} from "./history";
import { type Keyword, readEdn, readJson, Seq, type Tagged } from "./reader";

/** The error a parse throws, for asserting on its message and line. */
function parseError(text: string, format?: HistoryFormat): HistoryError {
  try {
    parseHistory(text, format);
  } catch (err) {
    if (err instanceof HistoryError) return err;
    throw err;
  }
  throw new Error("expected the text to be unreadable");
}

const CAS_EDN = `; a cas register
[{:process 0, :type :invoke, :f :write, :value 3}
 {:process 0, :type :ok, :f :write, :value 3}
 {:process 1, :type :invoke, :f :cas, :value [3 4]}
 {:process :nemesis, :type :info, :f :start, :value "partition [:n1 :n2]"}
 {:process 1, :type :ok, :f :cas, :value [3 4]}
 {:process 2, :type :invoke, :f :read, :value nil}
 {:process 2, :type :ok, :f :read, :value 4}]
`;

describe("reading histories", () => {
  it("reads Jepsen EDN: keywords, nil, integers, vectors, comments, and skips the nemesis", () => {
    const read = readHistory(CAS_EDN);
    expect(read.format).toBe("edn");
    expect(read.skipped).toBe(1);
    expect(read.events).toEqual([
      { process: 0, type: "invoke", f: "write", value: 3, line: 2 },
      { process: 0, type: "ok", f: "write", value: 3, line: 3 },
      { process: 1, type: "invoke", f: "cas", value: [3, 4], line: 4 },
      { process: 1, type: "ok", f: "cas", value: [3, 4], line: 6 },
      { process: 2, type: "invoke", f: "read", value: null, line: 7 },
      { process: 2, type: "ok", f: "read", value: 4, line: 8 },
    ]);
  });

  it("reads EDN with one map per line, with keys and times (Porcupine's kv logs)", () => {
    const text = [
      '{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y", :time 10}',
      '{:process 0, :type :ok, :f :append, :key "0", :value "x 0 0 y", :time 12}',
      '{:process 1, :type :invoke, :f :get, :key "0", :value nil}',
      '{:process 1, :type :ok, :f :get, :key "0", :value "x 0 0 y"}',
    ].join("\n");
    const read = readHistory(text);
    expect(read.format).toBe("edn");
    expect(read.events[0]).toEqual({
      process: 0,
      type: "invoke",
      f: "append",
      key: "0",
      value: "x 0 0 y",
      time: 10,
      line: 1,
    });
    expect(read.events.map((e) => e.line)).toEqual([1, 2, 3, 4]);
    expect(read.events[3]?.value).toBe("x 0 0 y");
  });

  it("reads an EDN list as well as a vector", () => {
    const events = parseHistory(
      "({:type :invoke, :f :read, :value nil, :process 0}\n {:type :ok, :f :read, :value 0, :process 0})",
    );
    expect(events.map((e) => [e.type, e.value])).toEqual([
      ["invoke", null],
      ["ok", 0],
    ]);
  });

  it("reads a JSON array and JSON lines", () => {
    const array = `[
  {"process": 0, "type": "invoke", "f": "write", "key": "a", "value": 1},
  {"process": 0, "type": "ok", "f": "write", "key": "a", "value": 1}
]`;
    const read = readHistory(array);
    expect(read.format).toBe("json");
    expect(read.events).toEqual([
      { process: 0, type: "invoke", f: "write", key: "a", value: 1, line: 2 },
      { process: 0, type: "ok", f: "write", key: "a", value: 1, line: 3 },
    ]);
    const lines =
      '{"process": "client1", "type": "invoke", "f": "get", "key": "k", "value": null}\n' +
      '{"process": "client1", "type": "ok", "f": "get", "key": "k", "value": ["a", "b"]}\n';
    const jl = readHistory(lines);
    expect(jl.format).toBe("jsonl");
    expect(jl.events[1]).toMatchObject({ process: "client1", value: ["a", "b"], line: 2 });
  });

  it("detects the format from the first event's first key", () => {
    expect(detectFormat('[{"process": 0}]')).toBe("json");
    expect(detectFormat('{"process": 0}\n{"process": 1}')).toBe("json");
    expect(detectFormat("[{:process 0}]")).toBe("edn");
    expect(detectFormat("{:process 0}")).toBe("edn");
    expect(detectFormat("; comment\n[]")).toBe("edn");
    expect(detectFormat("(")).toBe("edn");
    expect(detectFormat("  ")).toBe("json");
    expect(parseHistory("")).toEqual([]);
    expect(parseHistory("[]")).toEqual([]);
  });

  it("names the line and the problem of unreadable JSON", () => {
    expect(
      parseError('[\n  {"process": 0, "type": "invoke"},\n  {"process": 0 "type": "ok"}\n]')
        .message,
    ).toBe('line 3: expected "," or "}" in the object opened on line 3, got "\\"" (reading JSON)');
    expect(parseError('{"process": 0, "type": "invoke", "f": "read"}\n{"process": }').message).toBe(
      'line 2: expected a value, got "}" (reading JSON)',
    );
    const unclosed = parseError(
      '[\n{"process": 0, "type": "invoke", "f": "read", "value": null}\n',
    );
    expect(unclosed.line).toBe(3);
    expect(unclosed.message).toMatch(/^line 3: expected "," or "\]" in the array opened on line 1/);
    expect(parseError('[{"process": 0, "f": "read\n"}]').message).toMatch(
      /^line 1: a JSON string cannot span lines/,
    );
  });

  it("names the line and the problem of unreadable EDN", () => {
    expect(
      parseError("[{:process 0, :type :invoke, :f :read, :value nil}\n {:process 0 :type]").message,
    ).toBe('line 2: "]" closes "{" opened on line 2 (reading EDN)');
    expect(parseError("[{:process 0, :type :invoke,\n :f :read, :value}]").message).toBe(
      "line 1: the map opened here has 7 elements: a map needs keys and values in pairs (reading EDN)",
    );
    expect(parseError('[{:process 0, :type :invoke, :f :read, :value "abc}\n\n]').message).toBe(
      'line 1: a string is never closed (no closing ") (reading EDN)',
    );
    expect(
      parseError("{:process 0, :type :invoke, :f :read, :value nil}\n\n[{:process 1}").message,
    ).toBe('line 3: "[" opened on line 3 is never closed (reading EDN)');
    expect(parseError("{:process 0}\n}").message).toBe(
      'line 2: unexpected "}" with nothing open to close (reading EDN)',
    );
    expect(parseError("[{:process 0, :type :invoke, :f :read, :value 12abc}]").message).toBe(
      'line 1: "12abc" is not a number (reading EDN)',
    );
  });

  it("refuses nesting deeper than any history instead of overflowing the stack, and quotes long tokens short", () => {
    const deep = (open: string, close: string) => `${open.repeat(5000)}${close.repeat(5000)}`;
    expect(parseError(deep("[", "]"), "json").message).toBe(
      "line 1: collections nest more than 256 deep here: no history does (reading JSON)",
    );
    expect(parseError(deep('{"a":', "}"), "json").message).toMatch(/nest more than 256 deep/);
    expect(parseError(deep("(", ")"), "edn").message).toBe(
      "line 1: collections nest more than 256 deep here: no history does (reading EDN)",
    );
    // 256 deep is still read
    expect(() => readJson(deep("[", "]").slice(5000 - 256, 5000 + 256))).not.toThrow();
    const long = `[{:process 0, :type :invoke, :f :read, :value 1${"x".repeat(100_000)}}]`;
    const message = parseError(long, "edn").message;
    expect(message.length).toBeLessThan(200);
    expect(message).toContain("(100001 characters)");
  });

  it("names the line of an event that is readable but wrong", () => {
    const h = (...lines: string[]) => `[${lines.join("\n")}]`;
    expect(
      parseError(h("{:process 0, :type :invoke, :f :read}", "{:process 0, :f :read}")).message,
    ).toBe("line 2: this event has no type (invoke, ok, fail or info)");
    expect(parseError(h("{:process 0, :type :invoke, :f :frob, :value 1}")).message).toBe(
      "line 1: unknown f :frob: expected one of read, write, cas, get, put, append",
    );
    expect(parseError(h("{:process 0, :type :done, :f :read}")).message).toBe(
      "line 1: unknown type :done: expected invoke, ok, fail or info",
    );
    expect(parseError(h(":not-a-map")).message).toBe(
      "line 1: expected an event like {:process 0, :type :invoke, :f :read, :value nil}, got :not-a-map",
    );
    expect(parseError(h("{:type :invoke, :f :read}")).message).toBe(
      "line 1: this event has no process",
    );
    expect(
      parseError(h("{:process 0, :type :invoke, :f :write, :value 123456789012345678901}")).message,
    ).toMatch(/^line 1: the integer 123456789012345678901 is too large/);
    expect(parseError('[\n{"process": 1.5, "type": "ok", "f": "read"}]').message).toBe(
      "line 2: process must be an integer or a name, got 1.5",
    );
  });
});

describe("the EDN reader", () => {
  it("reads sets, tagged elements, characters, escapes, discards and signed numbers", () => {
    const [form] = readEdn(
      '[#{1 2} #inst "2024-01-01" \\a \\newline "tab\\there" #_ ignored -5 +7 2.5 1e3 42N :ns/kw sym]',
    );
    const seq = form?.value as Seq;
    expect(seq).toBeInstanceOf(Seq);
    const [set, tagged, a, nl, str, neg, pos, float, exp, big, kw, sym] = seq.items;
    expect((set as Seq).kind).toBe("set");
    expect((tagged as Tagged).tag).toBe("inst");
    expect([a, nl, str, neg, pos, float, exp, big]).toEqual([
      "a",
      "\n",
      "tab\there",
      -5,
      7,
      2.5,
      1000,
      42,
    ]);
    expect((kw as Keyword).name).toBe("ns/kw");
    expect(String(sym)).toBe("sym");
  });

  it("keeps the line of every element of a sequence", () => {
    const edn = readEdn("[1\n\n2 3\n;c\n4]")[0]?.value as Seq;
    expect(edn.lines).toEqual([1, 3, 3, 5]);
    const json = readJson('[1,\n2,\n\n"x"]')[0]?.value as Seq;
    expect(json.lines).toEqual([1, 2, 4]);
  });

  it("keeps integers beyond 2^53 exact", () => {
    const [form] = readEdn("123456789012345678901");
    expect(form?.value).toBe(123456789012345678901n);
  });
});

describe("pairing invokes with completions", () => {
  const ev = (
    process: number,
    type: "invoke" | "ok" | "fail" | "info",
    f: "read" | "write" | "cas",
    value: History[number]["value"],
  ): History[number] => ({ process, type, f, value });

  it("ok closes, fail drops, info never closes, and a missing completion is like info", () => {
    const { operations, failed, indeterminate } = pairOperations([
      ev(0, "invoke", "write", 1),
      ev(1, "invoke", "read", null),
      ev(0, "ok", "write", 1),
      ev(2, "invoke", "write", 2),
      ev(1, "ok", "read", 1),
      ev(2, "fail", "write", 2),
      ev(3, "invoke", "cas", [1, 3]),
      ev(3, "info", "cas", [1, 3]),
      ev(4, "invoke", "write", 4),
    ]);
    expect(failed).toBe(1);
    expect(indeterminate).toBe(2);
    expect(operations).toEqual([
      { id: 0, process: 0, f: "write", value: 1, status: "ok", invoke: 0, complete: 2 },
      { id: 1, process: 1, f: "read", value: 1, status: "ok", invoke: 1, complete: 4 },
      { id: 2, process: 3, f: "cas", value: [1, 3], status: "info", invoke: 6, complete: null },
      { id: 3, process: 4, f: "write", value: 4, status: "info", invoke: 8, complete: null },
    ]);
  });

  it("treats an operation left open when its process invokes again as indeterminate", () => {
    const { operations } = pairOperations([
      ev(0, "invoke", "write", 1),
      ev(0, "invoke", "write", 2),
      ev(0, "ok", "write", 2),
    ]);
    expect(operations.map((o) => [o.value, o.status])).toEqual([
      [1, "info"],
      [2, "ok"],
    ]);
  });

  it("names the line of a completion with nothing open, or for another operation", () => {
    expect(() =>
      pairOperations(parseHistory("[{:process 3, :type :ok, :f :read, :value 1}]")),
    ).toThrow("line 1: ok for process 3 which has no operation open (no invoke before it)");
    expect(() =>
      pairOperations(
        parseHistory(
          "[{:process 3, :type :invoke, :f :read, :value nil}\n{:process 3, :type :ok, :f :write, :value 1}]",
        ),
      ),
    ).toThrow("line 2: ok write for process 3 does not match its open read (line 1)");
  });

  it("keeps the lines of both events and the times", () => {
    const { operations } = pairOperations(
      parseHistory(
        '{:process 0, :type :invoke, :f :get, :key "k", :value nil, :time 5}\n' +
          '{:process 0, :type :ok, :f :get, :key "k", :value "a", :time 9}',
      ),
    );
    expect(operations[0]).toEqual({
      id: 0,
      process: 0,
      f: "get",
      key: "k",
      value: "a",
      status: "ok",
      invoke: 0,
      complete: 1,
      invokeTime: 5,
      completeTime: 9,
      invokeLine: 1,
      completeLine: 2,
    });
  });
});
