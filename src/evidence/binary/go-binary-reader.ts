import type { GoBuildObservation, GoVersionSource } from "../../model/observations/binary.ts";
import type { FileReaderFactory, FileReadResult, ReaderContext } from "../reader.ts";
import {
  BUILDINFO_ALIGN,
  BUILDINFO_HEADER,
  BUILDINFO_MAGIC,
  type BuildInfoHeader,
  decodeHeader,
  MODINFO_END,
  MODINFO_START,
  type ModuleInfo,
  parseModinfo,
  readVarString,
  readWord,
  unframeModinfo,
} from "./buildinfo.ts";
import { type ExecutableLayout, offsetOf, readLayout, sniffExecutable } from "./exec-format.ts";
import { HTTP2_MARKERS, Http2CopyTable, type Http2Marker, symbolTail } from "./http2-markers.ts";
import { StreamScanner } from "./stream-scan.ts";

/** Largest build-info string taken (kubelet's module list is about 20 KiB). */
const MAX_STRING = 1 << 20;
const HEAD_BYTES = 64 * 1024;
const MAX_VERSION_CANDIDATES = 4096;
const MAX_MODINFO_CANDIDATES = 8;
const MAX_BUILDINFO_ATTEMPTS = 8;
const VERSION_CANDIDATE_BYTES = 128;
const GO_VERSION = /^go1\.\d{1,2}(?:\.\d{1,2}|beta\d|rc\d)?/;

/** What one pass over an executable found. */
interface ScanState {
  layout?: ExecutableLayout | undefined;
  version?: { value: string; source: GoVersionSource };
  modinfo?: string;
  damaged: boolean;
  /** File offsets of `go1.` strings and the bytes that follow, to resolve old-style pointers. */
  readonly versionCandidates: Map<number, string>;
  /** File offsets of modinfo start markers and the framed text that follows. */
  readonly modinfoCandidates: Map<number, string>;
  readonly copies: Http2CopyTable;
  kubeDefaults: { linked: boolean; healthCheck: boolean };
  /** The Go runtime's own function names are present: a `go1.` string then names this binary's toolchain. */
  goRuntime: boolean;
  /** Ranges asked for, by purpose: each kind is capped so hostile input cannot make the reader hoard memory. */
  readonly asked: { buildInfo: number; version: number; modinfo: number };
  /** String reads whose bytes went by before their address was known, matched with candidates at the end. */
  readonly deferred: (() => void)[];
}

/** Reads the Go build information and HTTP/2 copies of an ELF, Mach-O or PE executable in one pass. */
export const goBinaryReader: FileReaderFactory = {
  format: "go-binary",
  sniff(head: Buffer): boolean {
    return sniffExecutable(head) !== undefined;
  },
  async read(chunks: AsyncIterable<Buffer>, context: ReaderContext): Promise<FileReadResult> {
    const found: ScanState = {
      damaged: false,
      versionCandidates: new Map(),
      modinfoCandidates: new Map(),
      copies: new Http2CopyTable(),
      deferred: [],
      kubeDefaults: { linked: false, healthCheck: false },
      goRuntime: false,
      asked: { buildInfo: 0, version: 0, modinfo: 0 },
    };
    const scanner = new StreamScanner({ before: 256, maxNeedle: 80 });
    watchBuildInfo(scanner, found);
    watchVersionStrings(scanner, found);
    watchModinfoFrames(scanner, found);
    watchHttp2Markers(scanner, found);
    watchKubeTransportDefaults(scanner, found);
    const head = Buffer.alloc(HEAD_BYTES);
    let headSize = 0;
    try {
      for await (const chunk of chunks) {
        if (!found.layout && headSize < HEAD_BYTES) {
          headSize += chunk.copy(head, headSize);
          found.layout = readLayout(head.subarray(0, headSize));
        }
        scanner.push(chunk);
      }
    } finally {
      scanner.finish();
    }
    for (const resolve of found.deferred) resolve();
    const format = found.layout?.format ?? sniffExecutable(head.subarray(0, headSize)) ?? "elf";
    const observation = buildObservation(found, format, context.source);
    context.emit(
      observation ?? {
        type: "binary.executable",
        ref: { source: context.source, byte: 0 },
        format,
        reason: found.damaged ? "damaged-build-info" : "not-go",
      },
    );
    return { records: 1, unknown: 0 };
  },
};

function watchBuildInfo(scanner: StreamScanner, found: ScanState): void {
  scanner.addNeedle({
    bytes: BUILDINFO_MAGIC,
    onHit: ({ offset }) => {
      if (offset % BUILDINFO_ALIGN !== 0 || found.version?.source === "inline" || found.version?.source === "pointer") {
        return;
      }
      if (found.asked.buildInfo++ >= MAX_BUILDINFO_ATTEMPTS) return;
      scanner.requestRange(offset, BUILDINFO_HEADER, (bytes, complete) => {
        const header = complete ? decodeHeader(bytes) : undefined;
        if (!header) return;
        if (header.inline) readInline(scanner, offset + BUILDINFO_HEADER, found);
        else followPointers(scanner, header, found);
      });
    },
  });
}

function readInline(scanner: StreamScanner, start: number, found: ScanState): void {
  scanner.requestRange(start, MAX_STRING, (bytes) => {
    const version = readVarString(bytes, 0);
    const modinfo = version ? readVarString(bytes, version.next) : undefined;
    if (!version || !(GO_VERSION.test(version.value) || version.value.startsWith("devel")) || !modinfo) {
      found.damaged = true;
      return;
    }
    found.version = { value: version.value, source: "inline" };
    found.modinfo = unframeModinfo(modinfo.value);
  });
}

/**
 * Before Go 1.18 the blob holds addresses of two Go string headers. The headers lie after the
 * blob in the file; the bytes they point to lie before it, so those are matched against the
 * candidates seen on the way.
 */
function followPointers(
  scanner: StreamScanner,
  header: Extract<BuildInfoHeader, { inline: false }>,
  found: ScanState,
): void {
  const readString = (pointer: bigint, take: (text: string) => void, candidates: Map<number, string>): void => {
    const at = offsetOf(found.layout, pointer);
    if (at === undefined) return;
    scanner.requestRange(at, header.pointerSize * 2, (bytes, complete) => {
      if (!complete) return;
      const data = readWord(bytes, 0, header.pointerSize, header.bigEndian);
      const length = Number(readWord(bytes, header.pointerSize, header.pointerSize, header.bigEndian));
      const dataAt = offsetOf(found.layout, data);
      if (dataAt === undefined || length <= 0 || length > MAX_STRING) return;
      scanner.requestRange(dataAt, length, (text, whole) => {
        if (whole) take(text.toString("latin1"));
        else if (text.length === 0) {
          found.deferred.push(() => {
            const seen = candidates.get(dataAt);
            if (seen !== undefined && seen.length >= length) take(seen.slice(0, length));
          });
        }
      });
    });
  };
  readString(
    header.versionPointer,
    (text) => {
      if (GO_VERSION.test(text) || text.startsWith("devel")) found.version = { value: text, source: "pointer" };
    },
    found.versionCandidates,
  );
  readString(header.modinfoPointer, (text) => (found.modinfo = unframeModinfo(text)), found.modinfoCandidates);
}

function watchVersionStrings(scanner: StreamScanner, found: ScanState): void {
  scanner.addNeedle({
    bytes: Buffer.from("runtime.goexit"),
    onHit: () => {
      found.goRuntime = true;
    },
  });
  scanner.addNeedle({
    bytes: Buffer.from("go1."),
    onHit: ({ offset }) => {
      if (found.asked.version++ >= MAX_VERSION_CANDIDATES) return;
      scanner.requestRange(offset, VERSION_CANDIDATE_BYTES, (bytes) => {
        const text = bytes.toString("latin1");
        if (GO_VERSION.test(text) && found.versionCandidates.size < MAX_VERSION_CANDIDATES) {
          found.versionCandidates.set(offset, text);
        }
      });
    },
  });
}

function watchModinfoFrames(scanner: StreamScanner, found: ScanState): void {
  scanner.addNeedle({
    bytes: MODINFO_START,
    onHit: ({ offset }) => {
      if (found.asked.modinfo++ >= MAX_MODINFO_CANDIDATES) return;
      scanner.requestRange(offset, 256 * 1024, (bytes) => {
        const end = bytes.indexOf(MODINFO_END);
        if (end < 0 || found.modinfoCandidates.size >= MAX_MODINFO_CANDIDATES) return;
        found.modinfoCandidates.set(offset, bytes.toString("latin1", 0, end + MODINFO_END.length));
      });
    },
  });
}

function watchHttp2Markers(scanner: StreamScanner, found: ScanState): void {
  for (const [marker, text] of Object.entries(HTTP2_MARKERS) as [Http2Marker, string][]) {
    scanner.addNeedle({
      bytes: Buffer.from(text, "latin1"),
      onHit: ({ before }) => found.copies.record(marker, symbolTail(before)),
    });
  }
}

/** Function names from k8s.io/apimachinery/pkg/util/net, vendored or not. */
const KUBE_SET_TRANSPORT_DEFAULTS = "k8s.io/apimachinery/pkg/util/net.SetTransportDefaults";
const KUBE_READ_IDLE_TIMEOUT = "k8s.io/apimachinery/pkg/util/net.readIdleTimeoutSeconds";

function watchKubeTransportDefaults(scanner: StreamScanner, found: ScanState): void {
  scanner.addNeedle({
    bytes: Buffer.from(KUBE_SET_TRANSPORT_DEFAULTS),
    onHit: () => {
      found.kubeDefaults.linked = true;
    },
  });
  scanner.addNeedle({
    bytes: Buffer.from(KUBE_READ_IDLE_TIMEOUT),
    onHit: () => {
      found.kubeDefaults.healthCheck = true;
    },
  });
}

function buildObservation(found: ScanState, format: GoBuildObservation["format"], source: string) {
  const version = found.version ?? versionFromStrings(found);
  const modinfo = found.modinfo || firstModinfoCandidate(found);
  if (!version && !modinfo) return undefined;
  const info: ModuleInfo = modinfo ? parseModinfo(modinfo) : { deps: [], settings: {} };
  const observation: GoBuildObservation = {
    type: "binary.go-build",
    ref: { source, byte: 0 },
    format,
    ...(version ? { goVersion: version.value, versionSource: version.source } : {}),
    ...(info.path ? { mainPath: info.path } : {}),
    ...(info.main ? { mainModule: info.main } : {}),
    deps: info.deps,
    settings: info.settings,
    versionOverridden: /runtime\.buildVersion=/.test(info.settings["-ldflags"] ?? ""),
    http2Copies: found.copies.copies(),
    ...(found.kubeDefaults.linked ? { kubeTransportDefaults: { healthCheck: found.kubeDefaults.healthCheck } } : {}),
  };
  return observation;
}

/** Go 1.12 and older have no build-info blob: the version is one of the binary's strings. */
function versionFromStrings(found: ScanState): ScanState["version"] {
  if (!found.goRuntime) return undefined;
  for (const text of found.versionCandidates.values()) {
    const match = GO_VERSION.exec(text);
    if (match) return { value: match[0], source: "string-scan" };
  }
  return undefined;
}

function firstModinfoCandidate(found: ScanState): string | undefined {
  for (const text of found.modinfoCandidates.values()) {
    const unframed = unframeModinfo(text);
    if (unframed.includes("path\t")) return unframed;
  }
  return undefined;
}
