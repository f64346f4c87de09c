import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { expandSources } from "./open-source.ts";
import { readEvidence } from "./read-evidence.ts";
import type { FileReaderFactory, ReaderContext } from "./reader.ts";
import { FILE_READERS, LINE_READERS } from "./registry.ts";

/** A whole-file reader for files starting "MAGIC" that records what it was handed. */
function recordingReader(byPath: boolean): { reader: FileReaderFactory; files: ReaderContext["file"][] } {
  const files: ReaderContext["file"][] = [];
  const reader: FileReaderFactory = {
    format: "magic",
    sniff: (head) => head.subarray(0, 5).toString() === "MAGIC",
    async read(chunks, context) {
      files.push(context.file);
      if (byPath && context.file) return { records: 1, unknown: 0, bytes: context.file.size };
      for await (const _ of chunks);
      return { records: 1, unknown: 0 };
    },
  };
  return { reader, files };
}

describe("whole-file readers", () => {
  const dir = mkdtempSync(join(tmpdir(), "proxydoc-read-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const body = `MAGIC${"x".repeat(200_000)}`;
  writeFileSync(join(dir, "plain.bin"), body);
  writeFileSync(join(dir, "packed.bin.gz"), gzipSync(body));
  const stdin = () => Readable.from([Buffer.from(body)]);

  test("are told the path and size of a plain file, not of a compressed file or standard input", async () => {
    const { reader, files } = recordingReader(false);
    const sources = await expandSources([join(dir, "plain.bin"), join(dir, "packed.bin.gz"), "-"], stdin);
    const read = await readEvidence(sources, { lineReaders: [], fileReaders: [reader] });
    expect(files).toEqual([{ path: join(dir, "plain.bin"), size: body.length }, undefined, undefined]);
    expect(read.inputs.map((input) => [input.formats, input.bytes])).toEqual([
      [["magic"], body.length],
      [["magic"], body.length],
      [["magic"], body.length],
    ]);
  });

  test("that read by path report the bytes they read, not the bytes taken from the chunks", async () => {
    const { reader } = recordingReader(true);
    const sources = await expandSources([join(dir, "plain.bin")], stdin);
    const read = await readEvidence(sources, { lineReaders: [], fileReaders: [reader] });
    expect(read.inputs[0]?.bytes).toBe(body.length);
    expect(read.inputs[0]?.error).toBeUndefined();
  });
});

describe("a Kubernetes object given as evidence", () => {
  const dir = mkdtempSync(join(tmpdir(), "proxydoc-status-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("goes to the configuration checks, and the messages in its status to the line readers", async () => {
    const path = join(dir, "deploy.yaml");
    writeFileSync(
      path,
      [
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  name: web",
        "status:",
        "  conditions:",
        "  - type: Progressing",
        '    message: "Get \\"https://10.0.0.9:443/healthz\\": dial tcp 10.0.0.9:443: connect: connection refused"',
        "",
      ].join("\n"),
    );
    const read = await readEvidence(await expandSources([path], () => Readable.from([])), {
      lineReaders: LINE_READERS,
      fileReaders: FILE_READERS,
    });
    expect(read.inputs[0]?.formats).toEqual(["configuration", "go-errors"]);
    expect(read.observations.map((o) => o.type)).toEqual(["config.document", "go.signature"]);
    expect(read.observations[1]?.ref).toMatchObject({ source: path, line: 8 });
  });
});
