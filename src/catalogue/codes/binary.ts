import { defineFindings } from "../define.ts";

export const BINARY_FINDINGS = defineFindings([
  {
    code: "PD6001",
    name: "GoExecutableBuildInfo",
    severity: "info",
    summary: "{subject} was built with {goVersion} (golang.org/x/net {xnet}, k8s.io/client-go {clientGo})",
    detail:
      "The executable carries Go's build information: the toolchain version, and for module builds the main module and every dependency with its version and replacement. The HTTP/2 client defects below are judged from these versions and from the HTTP/2 code linked into the binary.",
    reference: "Go runtime/debug.BuildInfo; cmd/link .go.buildinfo",
    causes: [],
  },
  {
    code: "PD6002",
    name: "NoCachedConnErrorMismatch",
    severity: "error",
    summary:
      "{subject}: {goVersion} with an x/net http2 copy ({copy}) older than the shared no-cached-connection error",
    detail:
      "net/http recognises the pool's `no cached connection` error through the marker method IsHTTP2NoCachedConnError, which golang.org/x/net only gained in January 2018. With Go 1.13 or later and an older x/net (vendored, as in Kubernetes 1.11), net/http does not see the vendored copy's error as its own, does not dial a new connection, and hands `http2: no cached connection was available` to the caller after the server restarts, again and again.",
    reference: "golang.org/x/net commit ab555f36 (isNoCachedConnError); golang/go#22091",
    causes: [{ cause: "client.go-h2-pool-bug", weight: 0.8 }],
  },
  {
    code: "PD6003",
    name: "Http2ClientWithoutHealthCheck",
    severity: "warning",
    summary: "{subject}: its HTTP/2 client ({copy}) has no connection health check",
    detail:
      "The x/net http2 client linked here predates the PING health check (March 2020). A connection whose packets a load balancer, NAT or faulty device silently drops stays in the pool, and requests on it hang or fail with `use of closed network connection` until TCP gives up, about 15 minutes later.",
    reference: "golang/net#55 (commit 0ba52f64); golang/go#31643; kubernetes#87615",
    causes: [{ cause: "client.go-h2-pool-bug", weight: 0.4 }],
  },
  {
    code: "PD6004",
    name: "ClientGoWithoutHealthCheckDefault",
    severity: "warning",
    summary: "{subject}: k8s.io/client-go {clientGo} does not turn the HTTP/2 health check on",
    detail:
      "client-go enables the x/net health check (30 s read-idle, 15 s ping) for every client it builds since Kubernetes 1.20, backported to 1.19.5 and 1.18.18. This older client (judged from its module version, or, in builds without modules, from apimachinery's SetTransportDefaults linked without its health-check settings) keeps dead API-server connections in its pool, the failure mode of kubelets going NotReady for 15 minutes.",
    reference: "kubernetes#95981, #96778, #100376",
    causes: [{ cause: "client.go-h2-pool-bug", weight: 0.45 }],
  },
  {
    code: "PD6005",
    name: "ClientGoHealthCheckOn",
    severity: "info",
    summary: "{subject}: k8s.io/client-go {clientGo} pings idle HTTP/2 connections (30 s idle, 15 s timeout)",
    detail:
      "This client-go closes a connection whose PING goes unanswered, so dead connections are not reused for long; `http2: client connection lost` from it is the health check doing its job and points at the network path or a frozen server rather than at the client. HTTP2_READ_IDLE_TIMEOUT_SECONDS=0 in its environment would turn the check off.",
    reference: "kubernetes#95981; k8s.io/apimachinery pkg/util/net/http.go",
    causes: [
      { cause: "client.go-h2-pool-bug", weight: -0.3 },
      { cause: "network.path-loss", weight: 0.15 },
    ],
  },
  {
    code: "PD6006",
    name: "Http2HealthCheckOffByDefault",
    severity: "info",
    summary: "{subject}: golang.org/x/net {xnet} can ping idle connections, but only when ReadIdleTimeout is set",
    detail:
      "The linked x/net has the health check, but it is off unless the program sets Transport.ReadIdleTimeout (through ConfigureTransports for net/http transports). No client-go that would set it is linked, so whether dead connections are detected depends on the program's own settings.",
    reference: "golang.org/x/net http2 Transport.ReadIdleTimeout; golang/go#40201",
    causes: [{ cause: "client.go-h2-pool-bug", weight: 0.15 }],
  },
  {
    code: "PD6007",
    name: "GoHttp2ConfigAvailable",
    severity: "info",
    summary: "{subject}: {goVersion} lets net/http set HTTP/2 ping timeouts (http.HTTP2Config)",
    detail:
      "From Go 1.24 net/http's own HTTP/2 has an HTTP2Config with SendPingTimeout and PingTimeout, so a program can detect dead connections without importing x/net. The pool defects of older releases do not apply to this toolchain.",
    reference: "Go 1.24 net/http HTTP2Config; golang.org/x/net http2 config.go",
    causes: [{ cause: "client.go-h2-pool-bug", weight: -0.1 }],
  },
  {
    code: "PD6008",
    name: "VendoredHttp2Copy",
    severity: "info",
    summary: "{subject} links its own copy of the HTTP/2 code at {copy}",
    detail:
      "Besides the copy bundled in net/http, the program carries a vendored golang.org/x/net/http2 under another package path (GOPATH-era vendoring, as Kubernetes did before modules). Errors and types of the two copies are different types, the root of the no-cached-connection mismatch; which one serves a request depends on how the transport was configured.",
    reference: "Go net/http h2_bundle.go; seed report on kube-controller-manager",
    causes: [{ cause: "client.go-h2-pool-bug", weight: 0.15 }],
  },
  {
    code: "PD6009",
    name: "GoBeforeNoCachedRetryFix",
    severity: "warning",
    summary: "{subject}: {goVersion} can fail concurrent HTTP/2 requests with `no cached connection`",
    detail:
      "Before Go 1.8, many requests starting at once could all pick the same new HTTP/2 connection and fail with `http2: no cached connection was available` instead of dialing; Go 1.8 retries them.",
    reference: "golang/go#16582; kubernetes#33557",
    causes: [{ cause: "client.go-h2-pool-bug", weight: 0.35 }],
  },
  {
    code: "PD6010",
    name: "ExecutableWithoutGoBuildInfo",
    severity: "info",
    summary: "{subject} is a {format} executable without readable Go build information ({reason})",
    detail:
      "No Go build-information blob was found (not a Go program, or one stripped of it), or the blob was damaged. The HTTP/2 client checks that depend on Go and module versions cannot be made for it.",
    reference: "Go debug/buildinfo",
    causes: [],
  },
  {
    code: "PD6011",
    name: "GoVersionSetByLinkerFlag",
    severity: "info",
    summary: "{subject}: the Go version {goVersion} was written by `-X runtime.buildVersion`, not by the toolchain",
    detail:
      "The build settings show that the linker was told to overwrite runtime.buildVersion. The version shown is what the builder chose to print; the code linked may come from another Go release, so version-based conclusions about this binary are weaker.",
    reference: "Go cmd/link -X; runtime/debug.BuildInfo build settings",
    causes: [],
  },
]);
