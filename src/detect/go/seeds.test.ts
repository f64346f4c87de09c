import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { diagnose } from "../../engine/diagnose.ts";
import { syntheticGoElf } from "../../evidence/binary/synthetic-elf.ts";
import { readEvidence } from "../../evidence/read-evidence.ts";
import { FILE_READERS, LINE_READERS } from "../../evidence/registry.ts";
import { ALL_DETECTORS } from "../all.ts";

async function diagnoseSources(sources: Record<string, string | Buffer>) {
  const read = await readEvidence(
    Object.entries(sources).map(([id, content]) => ({ id, open: () => Readable.from([Buffer.from(content)]) })),
    { lineReaders: LINE_READERS, fileReaders: FILE_READERS },
  );
  return diagnose({ observations: read.observations, inputs: read.inputs, detectors: ALL_DETECTORS });
}

const KUBECTL = `$ kubectl get deploy -n payments
E1104 18:00:08.121482   32134 request.go:1058] Unexpected error when reading response body: http2: client connection lost
unexpected error when reading response body. Please retry. Original error: http2: client connection lost
`;

const CONTROLLER = `E0328 09:48:59.925199       1 leaderelection.go:234] error retrieving resource lock kube-system/kube-controller-manager: Get https://10.220.14.10:8443/api/v1/namespaces/kube-system/endpoints/kube-controller-manager: http2: no cached connection was available
`;

describe("founding cases from Go evidence", () => {
  test("seed 001: one `client connection lost` points at the path but asks for loss measurements", async () => {
    const result = await diagnoseSources({ "kubectl.txt": KUBECTL });
    expect(result.causes[0]?.id).toBe("network.path-loss");
    expect(result.needMoreEvidence).toBe(true);
    const commands = result.next.map((step) => step.command ?? "").join("\n");
    expect(commands).toMatch(/proxydoc watch/);
    expect(commands).toMatch(/traceroute --tcp/);
  });

  test("seed 003: the log with a Go 1.13 binary whose vendored x/net predates the fix", async () => {
    const binary = syntheticGoElf({
      version: "go1.13.15",
      symbols: [
        "k8s.io/kubernetes/vendor/golang.org/x/net/http2.(*Transport).RoundTripOpt",
        "net/http.http2noCachedConnError.IsHTTP2NoCachedConnError",
      ],
    });
    const result = await diagnoseSources({ "kcm.log": CONTROLLER, "kube-controller-manager": binary });
    expect(result.causes[0]?.id).toBe("client.go-h2-pool-bug");
    expect(result.needMoreEvidence).toBe(false);
    const codes = result.causes[0]?.supportedBy.map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(["PD1502", "PD1526", "PD6002", "PD6008"]));
  });

  test("a client-go with the health check on reads `connection lost` as the check catching a dead path", async () => {
    const binary = syntheticGoElf({
      version: "go1.15.5",
      modinfo:
        "path\tk8s.io/kubernetes/cmd/kubectl\nmod\tk8s.io/kubernetes\t(devel)\t\ndep\tk8s.io/client-go\tv0.20.1\t\n",
    });
    const result = await diagnoseSources({ "kubectl.txt": KUBECTL, kubectl: binary });
    expect(result.causes[0]?.id).toBe("network.path-loss");
    expect(result.causes[0]?.supportedBy.map((f) => f.code)).toEqual(expect.arrayContaining(["PD1501", "PD6005"]));
    expect(result.causes.map((c) => c.id)).not.toContain("client.go-h2-pool-bug");
  });
});
