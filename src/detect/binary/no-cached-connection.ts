import { defineDetector } from "../define.ts";
import { binaryFinding, factsOf, type Http2ClientFacts } from "./facts.ts";
import { atLeast } from "./versions.ts";

/** x/net gained the IsHTTP2NoCachedConnError marker on 2018-01-10 (commit ab555f36). */
const NO_CACHED_MARKER_DATE = "20180110";

/** The old x/net client copy that net/http cannot recognise, when there is one. */
function oldXnetClient(facts: Http2ClientFacts): string | undefined {
  const client = facts.xnetClients[0];
  if (!client) return undefined;
  if (facts.xnet?.date !== undefined && client.path === "golang.org/x/net/http2") {
    return facts.xnet.date < NO_CACHED_MARKER_DATE ? `golang.org/x/net ${facts.xnet.module.version}` : undefined;
  }
  const unmarked = facts.xnetClients.find((copy) => !copy.noCachedMarker && !copy.healthCheck);
  return unmarked?.path;
}

export const noCachedConnectionDefects = defineDetector({
  id: "binary.no-cached-connection",
  description: "Go and x/net pairs that leak `http2: no cached connection was available`",
  inputs: ["binary.go-build"],
  emits: ["PD6002", "PD6009"],
  each(observation, emit) {
    const facts = factsOf(observation);
    if (!facts.go) return;
    if (!atLeast(facts.go, 8)) {
      emit(binaryFinding(observation, facts, "PD6009"));
      return;
    }
    if (!atLeast(facts.go, 13)) return;
    const copy = oldXnetClient(facts);
    if (copy) emit(binaryFinding(observation, facts, "PD6002", { copy }));
  },
});
