import type { Correlation } from "../../model/observations/base.ts";
import type { MeshOrigin } from "../../model/observations/mesh.ts";
import type { Line } from "../lines.ts";
import type { ReaderContext } from "../reader.ts";
import { lineRef } from "../reader.ts";
import { correlationOfProxyId } from "./names.ts";
import type { SignatureHit } from "./signatures.ts";

export interface SignalContext {
  readonly origin: MeshOrigin;
  readonly message: string;
  readonly level?: string;
  readonly scope?: string;
  readonly time?: string;
  readonly count?: number;
  /** What the surrounding evidence says (a describe block's pod and namespace). */
  readonly correlation?: Correlation;
}

/** Emits a `mesh.signal`, joining what the line itself names with what its block says. */
export function emitSignal(context: ReaderContext, line: Line, hit: SignatureHit, at: SignalContext): void {
  const correlation = { ...at.correlation, ...correlationOfDetails(hit.details) };
  const container = hit.details.container;
  context.emit({
    type: "mesh.signal",
    ref: lineRef(context.source, line, at.time ? { time: at.time } : {}),
    signal: hit.signal,
    origin: at.origin,
    message: at.message.length > 1000 ? `${at.message.slice(0, 1000)}…` : at.message,
    details: hit.details,
    count: at.count ?? 1,
    ...(at.level ? { level: at.level } : {}),
    ...(at.scope ? { scope: at.scope } : {}),
    ...(Object.keys(correlation).length > 0 || container
      ? { correlation: { ...correlation, ...(container ? { container } : {}) } }
      : {}),
  });
}

function correlationOfDetails(details: Readonly<Record<string, string>>): Correlation {
  const fromProxy = details.proxy ? correlationOfProxyId(details.proxy) : undefined;
  return {
    ...fromProxy,
    ...(details.pod ? { pod: details.pod } : {}),
    ...(details.namespace ? { namespace: details.namespace } : {}),
  };
}
