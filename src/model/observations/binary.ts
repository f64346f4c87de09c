import type { ObservationBase } from "./base.ts";

export type ExecutableFormat = "elf" | "macho" | "pe";

/** A module line of the embedded build information (`mod`, `dep`, and a `=>` replacement). */
export interface GoModule {
  readonly path: string;
  readonly version: string;
  readonly replacedBy?: { readonly path: string; readonly version: string };
}

/**
 * How the Go version was found: in the Go 1.18+ inline build-info blob, through the pointers of
 * the older blob, or (weakest) by scanning the binary's strings.
 */
export type GoVersionSource = "inline" | "pointer" | "string-scan";

/** A copy of the HTTP/2 code linked into the binary, by package path. */
export interface Http2Copy {
  /** `net/http` for the copy bundled in the standard library, else the package path. */
  readonly path: string;
  readonly vendored: boolean;
  /** The copy's client Transport is linked (`Transport.RoundTripOpt`), not only its server or framer. */
  readonly client: boolean;
  /** The copy defines the `IsHTTP2NoCachedConnError` marker method (x/net from January 2018). */
  readonly noCachedMarker: boolean;
  /** The copy has the connection health check (`ClientConn.healthCheck`, x/net from March 2020). */
  readonly healthCheck: boolean;
}

/** What a Go executable says about how it was built. */
export interface GoBuildObservation extends ObservationBase<"binary.go-build"> {
  readonly format: ExecutableFormat;
  readonly goVersion?: string;
  readonly versionSource?: GoVersionSource;
  /** The main package path (`path` line), when recorded. */
  readonly mainPath?: string;
  readonly mainModule?: GoModule;
  readonly deps: readonly GoModule[];
  /** `build` lines: `-ldflags`, `GOOS`, `vcs.revision`… */
  readonly settings: Readonly<Record<string, string>>;
  /** The linker was told to overwrite runtime.buildVersion (`-X runtime.buildVersion=…`). */
  readonly versionOverridden: boolean;
  readonly http2Copies: readonly Http2Copy[];
  /**
   * k8s.io/apimachinery's SetTransportDefaults is linked (every client-go client calls it), and
   * whether it has the HTTP/2 health-check settings (`readIdleTimeoutSeconds`, Kubernetes 1.20).
   */
  readonly kubeTransportDefaults?: { readonly healthCheck: boolean };
}

/** An executable with no readable Go build information. */
export interface ForeignExecutableObservation extends ObservationBase<"binary.executable"> {
  readonly format: ExecutableFormat;
  /** Why no Go build information was taken: none found, or found but damaged. */
  readonly reason: "not-go" | "damaged-build-info";
}

export type BinaryObservation = GoBuildObservation | ForeignExecutableObservation;
