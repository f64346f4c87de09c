import type { Finding, FindingCode, FindingVars } from "../../../model/finding.ts";
import type { SourceRef } from "../../../model/source.ts";
import type { HeaderField } from "../hpack/decoder.ts";

/** Who sent the bytes: the side that opened the connection, or the other. */
export type Direction = "client" | "server";

export const otherSide = (direction: Direction): Direction => (direction === "client" ? "server" : "client");

/** What a header block is, from its position on the stream and its pseudo-header fields. */
export type MessageRole = "request" | "response" | "informational" | "trailers" | "push-request";

export interface HeaderBlockContext {
  readonly role: MessageRole;
  readonly direction: Direction;
  readonly streamId: number;
  readonly fields: readonly HeaderField[];
  /** Where the block is: its first frame's bytes, stream and frame number. */
  readonly ref: SourceRef;
}

/** A check over one decoded header block. */
export type HeaderCheck = (block: HeaderBlockContext) => Finding[];

export function h2Finding(
  code: FindingCode,
  subject: string,
  vars: FindingVars,
  evidence: readonly SourceRef[],
): Finding {
  return { code, subject, vars, evidence };
}

/** Quotes a field for evidence with control bytes made visible and long values cut. */
export function quoteField(field: HeaderField): string {
  const show = (text: string) =>
    text.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`).slice(0, 200);
  return `${show(field.name)}: ${show(field.value)}`;
}

export function fieldRef(block: HeaderBlockContext, field: HeaderField): SourceRef {
  return { ...block.ref, excerpt: quoteField(field) };
}

export function streamVars(block: HeaderBlockContext): { stream: number; direction: Direction; role: MessageRole } {
  return { stream: block.streamId, direction: block.direction, role: block.role };
}
