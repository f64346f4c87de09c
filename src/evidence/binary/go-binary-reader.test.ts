import { spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fc, test } from "@fast-check/vitest";
import { beforeAll, describe, expect } from "vitest";
import type { Observation } from "../../model/observation.ts";
import type { GoBuildObservation } from "../../model/observations/binary.ts";
import { goBinaryReader } from "./go-binary-reader.ts";
import { syntheticGoElf } from "./synthetic-elf.ts";

async function readBinary(pieces: readonly Buffer[]): Promise<Observation[]> {
  const observations: Observation[] = [];
  await goBinaryReader.read(Readable.from(pieces), { source: "bin", emit: (o) => observations.push(o) });
  return observations;
}

function cut(bytes: Buffer, sizes: readonly number[]): Buffer[] {
  const pieces: Buffer[] = [];
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes.length > 0 ? (sizes[i % sizes.length] as number) : bytes.length;
    pieces.push(bytes.subarray(at, at + size));
    at += size;
  }
  return pieces;
}

const OLD_K8S = syntheticGoElf({
  version: "go1.13.15",
  modinfo:
    "path\tk8s.io/kubernetes/cmd/kube-controller-manager\nmod\tk8s.io/kubernetes\t(devel)\t\ndep\tgolang.org/x/net\tv0.0.0-20170809000000-1c05540f6879\th1:abc=\n=>\tgolang.org/x/net\tv0.0.0-20170809000000-1c05540f6879\th1:abc=\nbuild\tGOOS=linux\n",
  symbols: [
    "k8s.io/kubernetes/vendor/golang.org/x/net/http2.(*Transport).RoundTripOpt",
    "k8s.io/kubernetes/vendor/golang.org/x/net/http2.(*clientConnPool).getClientConn",
    "net/http.(*http2ClientConn).RoundTrip",
    "net/http.http2noCachedConnError.IsHTTP2NoCachedConnError",
    "k8s.io/kubernetes/vendor/k8s.io/apimachinery/pkg/util/net.SetTransportDefaults",
  ],
});

describe("Go build information in the pointer format of Go 1.13-1.17", () => {
  test("follows the two pointers back to the version and the module list", async () => {
    const [observation] = (await readBinary([OLD_K8S])) as GoBuildObservation[];
    expect(observation?.type).toBe("binary.go-build");
    expect(observation?.goVersion).toBe("go1.13.15");
    expect(observation?.versionSource).toBe("pointer");
    expect(observation?.mainPath).toBe("k8s.io/kubernetes/cmd/kube-controller-manager");
    expect(observation?.deps).toEqual([
      {
        path: "golang.org/x/net",
        version: "v0.0.0-20170809000000-1c05540f6879",
        replacedBy: { path: "golang.org/x/net", version: "v0.0.0-20170809000000-1c05540f6879" },
      },
    ]);
    expect(observation?.settings).toEqual({ GOOS: "linux" });
  });

  test("names each HTTP/2 copy and what it can do", async () => {
    const [observation] = (await readBinary([OLD_K8S])) as GoBuildObservation[];
    expect(observation?.http2Copies).toEqual([
      {
        path: "k8s.io/kubernetes/vendor/golang.org/x/net/http2",
        vendored: true,
        client: true,
        noCachedMarker: false,
        healthCheck: false,
      },
      { path: "net/http", vendored: false, client: false, noCachedMarker: true, healthCheck: false },
    ]);
    expect(observation?.kubeTransportDefaults).toEqual({ healthCheck: false });
  });

  test("a build without modules still gives its version", async () => {
    const [observation] = (await readBinary([syntheticGoElf({ version: "go1.12.17" })])) as GoBuildObservation[];
    expect(observation?.goVersion).toBe("go1.12.17");
    expect(observation?.deps).toEqual([]);
  });

  test.prop([fc.array(fc.integer({ min: 1, max: 9000 }), { minLength: 1, maxLength: 12 })])(
    "gives the same result whatever the chunk sizes",
    async (sizes) => {
      expect(await readBinary(cut(OLD_K8S, sizes))).toEqual(await readBinary([OLD_K8S]));
    },
  );
});

describe("hostile input", () => {
  test.prop([fc.uint8Array({ maxLength: 4096 })])("random bytes after an ELF magic never throw", async (bytes) => {
    const file = Buffer.concat([Buffer.from("\x7fELF\x02\x01\x01", "latin1"), Buffer.from(bytes)]);
    const observations = await readBinary([file]);
    expect(observations).toHaveLength(1);
  });

  test.prop([fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 64 })])(
    "a mutated Go executable never throws and still yields one observation",
    async (mutations) => {
      const file = Buffer.from(OLD_K8S);
      for (const { at, byte } of mutations) file[at % file.length] = byte;
      const observations = await readBinary(cut(file, [4099]));
      expect(observations).toHaveLength(1);
      expect(["binary.go-build", "binary.executable"]).toContain(observations[0]?.type);
    },
  );

  test("Go 1.12 and older: no blob, the version string beside the runtime's names", async () => {
    const old = syntheticGoElf({ version: "go1.10.8", symbols: ["runtime.goexit", "runtime.main"] });
    old.fill(0, 0x12000, 0x12020); // no build-info blob before Go 1.13
    const [observation] = (await readBinary([old])) as GoBuildObservation[];
    expect(observation).toMatchObject({ goVersion: "go1.10.8", versionSource: "string-scan" });
  });

  test("a `go1.` string in a program that is not Go proves nothing", async () => {
    const c = syntheticGoElf({ version: "go1.10.8", symbols: ["main", "printf"] });
    c.fill(0, 0x12000, 0x12020);
    expect(await readBinary([c])).toMatchObject([{ type: "binary.executable", reason: "not-go" }]);
  });

  test("thousands of build-info and module markers do not make the reader hoard memory", async () => {
    const blob = Buffer.alloc(32);
    blob.write("\xff Go buildinf:", 0, "latin1");
    blob[14] = 8;
    blob[15] = 2;
    const unit = Buffer.concat([blob, Buffer.from("3077af0c9274080241e1c107e6d618e6", "hex"), Buffer.alloc(16)]);
    const file = Buffer.concat([
      Buffer.from("\x7fELF\x02\x01\x01", "latin1"),
      Buffer.alloc(9),
      ...Array(20_000).fill(unit),
    ]);
    const before = process.memoryUsage().arrayBuffers;
    const observations = await readBinary(cut(file, [1 << 20]));
    expect(observations).toMatchObject([{ type: "binary.executable", reason: "damaged-build-info" }]);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  });

  test("an ELF header alone is a foreign executable", async () => {
    const elf = Buffer.alloc(128);
    elf.write("\x7fELF\x02\x01\x01", 0, "latin1");
    expect(await readBinary([elf])).toEqual([
      { type: "binary.executable", ref: { source: "bin", byte: 0 }, format: "elf", reason: "not-go" },
    ]);
  });

  test("a build-info header whose strings are cut short is damaged", async () => {
    const file = Buffer.alloc(0x2000);
    file.write("\x7fELF\x02\x01\x01", 0, "latin1");
    file.write("\xff Go buildinf:", 0x1000, "latin1");
    file[0x100e] = 8;
    file[0x100f] = 2;
    file[0x1020] = 0x7f; // a version length that runs past the end
    const [observation] = await readBinary([file]);
    expect(observation).toMatchObject({ type: "binary.executable", reason: "damaged-build-info" });
  });
});

/** Debian's caddy, a Go program from the packages the tests may use; found on PATH. */
const CADDY = spawnSync("sh", ["-c", "command -v caddy"], { encoding: "utf8" }).stdout.trim();
const GO = spawnSync("go", ["version"], { encoding: "utf8" });
const haveGo = GO.status === 0;

describe.skipIf(!haveGo)("executables built here with the Go toolchain (skipped without `go`)", () => {
  let dir = "";
  const built: Record<string, string> = {};

  const build = (name: string, cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): void => {
    const out = join(dir, name);
    const result = spawnSync("go", ["build", "-buildvcs=false", "-o", out, ...args, "."], {
      cwd,
      env: { ...process.env, GOPROXY: "off", GOFLAGS: "-mod=mod", GOWORK: "off", ...env },
      encoding: "utf8",
      timeout: 120_000,
    });
    if (result.status !== 0) throw new Error(result.stderr);
    built[name] = out;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "proxydoc-go-binary-"));
    const xnet = join(dir, "xnet");
    mkdirSync(join(xnet, "http2"), { recursive: true });
    writeFileSync(join(xnet, "go.mod"), "module golang.org/x/net\n");
    writeFileSync(
      join(xnet, "http2", "transport.go"),
      "package http2\n\ntype Transport struct{ n int }\n\n//go:noinline\nfunc (t *Transport) RoundTripOpt(addr string) int { t.n += len(addr); return t.n }\n",
    );
    const app = join(dir, "app");
    mkdirSync(app);
    writeFileSync(
      join(app, "go.mod"),
      `module example.com/app\n\ngo 1.17\n\nrequire golang.org/x/net v0.0.0-20190311183353-d8887717615a\n\nreplace golang.org/x/net => ${xnet}\n`,
    );
    const main =
      'package main\n\nimport (\n\t"os"\n\n\t"golang.org/x/net/http2"\n)\n\nfunc main() { os.Exit((&http2.Transport{}).RoundTripOpt(os.Args[0]) % 2) }\n';
    writeFileSync(join(app, "main.go"), main);
    build("module-app", app, ["-ldflags=-s -w"]);
    const gopath = join(dir, "gopath");
    const vendored = join(gopath, "src", "example.com", "legacy", "vendor", "golang.org", "x", "net", "http2");
    mkdirSync(vendored, { recursive: true });
    writeFileSync(join(vendored, "transport.go"), readFileSync(join(xnet, "http2", "transport.go")));
    const legacy = join(gopath, "src", "example.com", "legacy");
    writeFileSync(join(legacy, "main.go"), main);
    build("gopath-app", legacy, [], { GOPATH: gopath, GO111MODULE: "off", GOFLAGS: "" });
  }, 240_000);

  const goVersionM = (path: string): string => spawnSync("go", ["version", "-m", path], { encoding: "utf8" }).stdout;

  test("agrees with `go version -m` on a stripped module build", async () => {
    const bytes = readFileSync(built["module-app"] as string);
    const [observation] = (await readBinary(cut(bytes, [1 << 20]))) as GoBuildObservation[];
    const oracle = goVersionM(built["module-app"] as string);
    expect(oracle).toContain(`${observation?.goVersion}\n`);
    expect(observation?.versionSource).toBe("inline");
    expect(observation?.mainModule?.path).toBe("example.com/app");
    const dep = observation?.deps.find((d) => d.path === "golang.org/x/net");
    expect(oracle).toContain(`dep\tgolang.org/x/net\t${dep?.version}`);
    expect(dep?.replacedBy?.path).toMatch(/xnet$/);
    expect(observation?.settings["-ldflags"]).toBe("-s -w");
    expect(observation?.http2Copies.map((c) => [c.path, c.client])).toContainEqual(["golang.org/x/net/http2", true]);
  });

  test("finds the vendored package path of a GOPATH build without modules", async () => {
    const [observation] = (await readBinary([readFileSync(built["gopath-app"] as string)])) as GoBuildObservation[];
    expect(goVersionM(built["gopath-app"] as string)).toContain(`${observation?.goVersion}\n`);
    expect(observation?.mainModule).toBeUndefined();
    expect(observation?.mainPath).toBe("example.com/legacy");
    expect(observation?.http2Copies).toContainEqual({
      path: "example.com/legacy/vendor/golang.org/x/net/http2",
      vendored: true,
      client: true,
      noCachedMarker: false,
      healthCheck: false,
    });
  });

  test.prop([fc.array(fc.integer({ min: 1, max: 300_000 }), { minLength: 1, maxLength: 6 })], { numRuns: 8 })(
    "reads a real executable the same in any chunking",
    async (sizes) => {
      const bytes = readFileSync(built["module-app"] as string);
      expect(await readBinary(cut(bytes, sizes))).toEqual(await readBinary([bytes]));
    },
  );
});

describe.skipIf(!haveGo || CADDY === "" || !existsSync(CADDY))(
  "an installed Go program: Debian's caddy (skipped when absent)",
  () => {
    test("agrees with `go version -m` and finds x/net's client with both markers", async () => {
      const observations: Observation[] = [];
      await goBinaryReader.read(createReadStream(CADDY, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>, {
        source: CADDY,
        emit: (o) => observations.push(o),
      });
      const [observation] = observations as GoBuildObservation[];
      const oracle = spawnSync("go", ["version", "-m", CADDY], { encoding: "utf8" }).stdout;
      expect(oracle.startsWith(`${CADDY}: ${observation?.goVersion}\n`)).toBe(true);
      expect(oracle).toContain(`path\t${observation?.mainPath}\n`);
      for (const dep of observation?.deps ?? []) expect(oracle).toContain(`dep\t${dep.path}\t${dep.version}`);
      const xnet = observation?.http2Copies.find((copy) => copy.path === "golang.org/x/net/http2");
      expect(xnet).toMatchObject({ client: true, noCachedMarker: true, healthCheck: true });
    });
  },
);
