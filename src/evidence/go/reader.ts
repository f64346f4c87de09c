import type { Correlation } from "../../model/observations/base.ts";
import type { GoEmitter, GoSignatureObservation, KlogHeader } from "../../model/observations/go.ts";
import { anyOf } from "../any-of.ts";
import { quotedLiterals, withLiterals } from "../gate/literals.ts";
import type { Line } from "../lines.ts";
import type { LineReader, LineReaderFactory, ReaderContext } from "../reader.ts";
import { lineRef } from "../reader.ts";
import { callerFile, parseKlog } from "./klog.ts";
import { correlationOfUrl, mergeCorrelation, wrappedRequest } from "./request.ts";
import { type RoundTripState, readRoundTrip } from "./round-trip.ts";
import { GO_SIGNATURES, type GoSignature } from "./signatures.ts";

/** Longest part of a line the patterns look at; error messages sit well inside it. */
const MAX_MESSAGE = 8192;

/** client-go call sites whose lines belong to this reader even when they carry no error. */
const CLIENT_GO_CALLERS = new Set([
  "trace.go",
  "round_trippers.go",
  "request.go",
  "reflector.go",
  "leaderelection.go",
  "streamwatcher.go",
  "with_retry.go",
]);

/** A gRPC dial to istiod's xDS ports is the sidecar's bootstrap story: the mesh reader tells it. */
const ISTIOD_DIAL = /Error while dialing[^"]*(?:istiod|:1501[02]\b)/;

const TRACE_STEP = /^Trace\[\d+\]: \[[\dhms.µ]+\] /;
/**
 * A Go error inside a logger's quoted field (logrus and logfmt `msg="… debug=\"\" …"`) has its
 * quotes escaped once more; the signatures are written for the error as Go prints it.
 */
function unquoted(message: string): string {
  return message.includes('\\"') ? message.replace(/\\(["\\])/g, "$1") : message;
}

const KUBECTL_COMMAND = /^\s*\$\s*kubectl\s(.*)$/;
const KUBECTL_WORDING =
  /^(?:Unable to connect to the server: |The connection to the server |unexpected error when reading response body\. Please retry\.|Error from server)/;

/** Most messages match no signature: one pass tells, before the signatures are tried in order. */
const ANY_SIGNATURE = anyOf(GO_SIGNATURES.map((signature) => signature.pattern));

let goNeedles: readonly (string | RegExp)[] | undefined;

/** Reads Go, client-go/kubectl and gRPC client error lines. */
export const goErrorReader: LineReaderFactory = {
  format: "go-errors",
  // A klog caller of client-go is `<file>.go:<line>`; a signature may sit in a logger's quoted
  // field. Found when the gate is first built, not when the module loads.
  get needles() {
    goNeedles ??= withLiterals(["kubectl", "trace[", ".go:"], quotedLiterals(ANY_SIGNATURE));
    return goNeedles;
  },
  create(context: ReaderContext): LineReader {
    const roundTrip: RoundTripState = {};
    let kubectlNamespace: string | undefined;
    return {
      accept(line: Line): boolean {
        const text = line.text.length > MAX_MESSAGE ? line.text.slice(0, MAX_MESSAGE) : line.text;
        const command = KUBECTL_COMMAND.exec(text);
        if (command) {
          kubectlNamespace = namespaceFlag(command[1] ?? "");
          return true;
        }
        // The step lines under a slow-call trace: `Trace[202191422]: [1m4.39s] [1m4.39s] END`.
        if (TRACE_STEP.test(text)) return true;
        const klog = parseKlog(text);
        if (klog && callerFile(klog.header) === "round_trippers.go") {
          const observation = readRoundTrip(klog, roundTrip, context.source, line);
          if (observation) context.emit(observation);
          return true;
        }
        const message = unquoted(klog ? klog.message : text);
        if (ISTIOD_DIAL.test(message)) return false;
        const found = matchSignatures(message);
        if (found.length === 0) return klog !== undefined && CLIENT_GO_CALLERS.has(callerFile(klog.header));
        const request = wrappedRequest(message);
        const kubectl = kubectlNamespace !== undefined || KUBECTL_WORDING.test(message);
        for (const { signature, groups } of found) {
          const observation: GoSignatureObservation = {
            type: "go.signature",
            ref: lineRef(context.source, line),
            signature: signature.id,
            emitter: emitterOf(signature, message, klog?.header, kubectl),
            fields: definedGroups(groups),
            ...(klog ? { klog: klog.header } : {}),
            ...(request ? { method: request.method, url: request.url } : {}),
            ...eraOf(signature, groups, request?.era),
            ...correlationOf(
              signature.correlation?.(groups),
              request ? correlationOfUrl(request.url) : undefined,
              kubectlNamespace ? { namespace: kubectlNamespace } : undefined,
            ),
          };
          context.emit(observation);
        }
        return true;
      },
      end(): void {},
    };
  },
};

/** Every wrapper that matches, then the first error wording that matches. */
interface SignatureMatch {
  readonly signature: GoSignature;
  readonly groups: Readonly<Record<string, string | undefined>>;
}

export function matchSignatures(message: string): SignatureMatch[] {
  if (!ANY_SIGNATURE.test(message)) return [];
  const found: SignatureMatch[] = [];
  for (const signature of GO_SIGNATURES) {
    const match = signature.pattern.exec(message);
    if (!match) continue;
    found.push({ signature, groups: match.groups ?? {} });
    if (!signature.wrapper) break;
  }
  return found;
}

function definedGroups(groups: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(groups)) if (value !== undefined) fields[key] = value;
  return fields;
}

function emitterOf(signature: GoSignature, message: string, klog: KlogHeader | undefined, kubectl: boolean): GoEmitter {
  if (/rpc error: code = /.test(message)) return "grpc-go";
  if (/(?:^|\s|: )\d{1,2} [A-Z_]{4,}: |Received RST_STREAM with code/.test(message)) return "grpc-js";
  if (signature.emitter) return signature.emitter;
  if (kubectl) return "kubectl";
  return klog ? "client-go" : "go";
}

function eraOf(
  signature: GoSignature,
  groups: Readonly<Record<string, string | undefined>>,
  fromRequest: GoSignatureObservation["era"],
): Pick<GoSignatureObservation, "era"> {
  const era = signature.era?.(groups) ?? fromRequest;
  return era ? { era } : {};
}

function correlationOf(...parts: (Correlation | undefined)[]): { correlation?: Correlation } {
  const correlation = mergeCorrelation(...parts);
  return correlation ? { correlation } : {};
}

function namespaceFlag(args: string): string | undefined {
  const match = /(?:^|\s)(?:-n|--namespace)(?:=|\s+)([a-z0-9][a-z0-9.-]*)/.exec(args);
  return match?.[1];
}
