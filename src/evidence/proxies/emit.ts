import type { Correlation } from "../../model/observations/base.ts";
import type { ProxyFailure } from "../../model/observations/proxies.ts";
import type { Line } from "../lines.ts";
import { type LineReaderFactory, lineRef, type ReaderContext } from "../reader.ts";
import { MAX_TEXT } from "./classify.ts";

export type FailureFields = Omit<ProxyFailure, "type" | "ref" | "correlation">;

/** Where the request went, as far as the line says, for joining with other evidence. */
export interface Place {
  readonly authority?: string;
  readonly path?: string;
}

/** Emits one proxy failure, with the upstream and the request's host and path as correlation. */
export function emitFailure(context: ReaderContext, line: Line, fields: FailureFields, place: Place = {}): void {
  const correlation: Correlation = {
    ...(place.authority ? { authority: place.authority } : {}),
    ...(place.path ? { path: place.path.split("?")[0] as string } : {}),
    ...(fields.upstream ? { upstream: fields.upstream } : {}),
  };
  context.emit({
    type: "proxy.failure",
    ref: lineRef(context.source, line),
    ...fields,
    ...(Object.keys(correlation).length > 0 ? { correlation } : {}),
  });
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
 * failure it names, `"known"` for a line of its format that names none, or undefined for others.
 */
export function failureLineReader(
  format: string,
  find: (text: string) => FoundFailure | "known" | undefined,
): LineReaderFactory {
  return {
    format,
    create(context) {
      return {
        accept(line) {
          const found = find(line.text.length > MAX_TEXT ? line.text.slice(0, MAX_TEXT) : line.text);
          if (found === undefined) return false;
          if (found !== "known") {
            const { authority, path, ...fields } = found;
            emitFailure(context, line, fields, defined({ authority, path }));
          }
          return true;
        },
        end() {},
      };
    },
  };
}
