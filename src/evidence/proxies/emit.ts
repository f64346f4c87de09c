import type { Correlation } from "../../model/observations/base.ts";
import type { ProxyFailure } from "../../model/observations/proxies.ts";
import type { Line } from "../lines.ts";
import { KNOWN_LINE, type LineReaderFactory, lineRef, perLineReader, type ReaderContext } from "../reader.ts";
import { MAX_TEXT } from "./classify.ts";

export type FailureFields = Omit<ProxyFailure, "type" | "ref" | "correlation">;

/** Where the request went, as far as the line says, for joining with other evidence. */
export interface Place {
  readonly authority?: string;
  readonly path?: string;
}

/** One proxy failure, with the upstream and the request's host and path as correlation. */
function failureObservation(source: string, line: Line, fields: FailureFields, place: Place): ProxyFailure {
  const correlation: Correlation = {
    ...(place.authority ? { authority: place.authority } : {}),
    ...(place.path ? { path: place.path.split("?")[0] as string } : {}),
    ...(fields.upstream ? { upstream: fields.upstream } : {}),
  };
  return {
    type: "proxy.failure",
    ref: lineRef(source, line),
    ...fields,
    ...(Object.keys(correlation).length > 0 ? { correlation } : {}),
  };
}

/** Emits one proxy failure, with the upstream and the request's host and path as correlation. */
export function emitFailure(context: ReaderContext, line: Line, fields: FailureFields, place: Place = {}): void {
  context.emit(failureObservation(context.source, line, fields, place));
}

/** T with each property that may be undefined made optional instead. */
export type Defined<T> = {
  [K in keyof T as undefined extends T[K] ? never : K]: T[K];
} & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Drops undefined fields, so observations compare equal however they were built. */
export function defined<const T extends Record<string, unknown>>(fields: T): Defined<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out as Defined<T>;
}

/** A failure one line names, with the request's host and path when the line gives them. */
export type FoundFailure = FailureFields & Place;

/**
 * A reader of lines that each stand alone: `find` gets the line (cut to MAX_TEXT) and returns the
 * failure it names, KNOWN_LINE for a line of its format that names none, or undefined for others.
 */
export function failureLineReader(
  format: string,
  find: (text: string) => FoundFailure | typeof KNOWN_LINE | undefined,
): LineReaderFactory {
  return perLineReader(format, (line, source) => {
    const found = find(line.text.length > MAX_TEXT ? line.text.slice(0, MAX_TEXT) : line.text);
    if (found === undefined || found === KNOWN_LINE) return found;
    const { authority, path, ...fields } = found;
    return failureObservation(source, line, fields, defined({ authority, path }));
  });
}
