/**
 * Where a fact came from. Every observation and every finding carries at least one, so a
 * conclusion can always be traced back to the line, byte, packet, frame or field behind it.
 */
export interface SourceRef {
  /** The source id: the path as the user gave it, `-` for stdin, `probe:<url>`, `cluster`. */
  readonly source: string;
  /** 1-based line number in the source. */
  readonly line?: number;
  /** 1-based column, for configuration fields. */
  readonly column?: number;
  /** Byte offset of the line (or of the bytes referred to) from the start of the source. */
  readonly byte?: number;
  /** How many bytes the reference spans, when it points into raw bytes. */
  readonly length?: number;
  /** 1-based packet number in a capture. */
  readonly packet?: number;
  /** Frame number within a connection (HTTP/2) or a probe exchange. */
  readonly frame?: number;
  /** HTTP/2 stream id. */
  readonly stream?: number;
  /** Timestamp of the fact (ISO 8601) when the source says it. */
  readonly time?: string;
  /** A short quotation of the evidence (one log line, a header), redacted by reporters. */
  readonly excerpt?: string;
  /** A path inside a structured document, such as `spec.trafficPolicy.tls.mode` or a HAR entry. */
  readonly path?: string;
}

export function describeRef(ref: SourceRef): string {
  let where = ref.source;
  if (ref.line !== undefined) where += `:${ref.line}`;
  if (ref.column !== undefined) where += `:${ref.column}`;
  if (ref.packet !== undefined) where += `#${ref.packet}`;
  if (ref.stream !== undefined) where += ` stream ${ref.stream}`;
  if (ref.line === undefined && ref.packet === undefined && ref.byte !== undefined) where += `@${ref.byte}`;
  if (ref.path !== undefined) where += ` (${ref.path})`;
  return where;
}
