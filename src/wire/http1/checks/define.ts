import type { FindingCode, FindingVars } from "../../../model/finding.ts";
import type { Http1Message } from "../types.ts";

/** A defect found in the bytes of one message, with where it is. */
export interface WireDefect {
  readonly code: FindingCode;
  readonly subject: string;
  readonly vars: FindingVars;
  /** Absolute byte offset of the defect in the input. */
  readonly offset: number;
  readonly length: number;
  /** Index of the message in the input. */
  readonly message: number;
}

export interface CheckContext {
  readonly message: Http1Message;
  /** Every message of the input, in order. */
  readonly messages: readonly Http1Message[];
  /** The input may be an excerpt: its start and end can be cut. */
  readonly partial: boolean;
}

export type Report = (defect: Omit<WireDefect, "message">) => void;

/** One small check over one parsed message. */
export interface Http1Check {
  readonly id: string;
  readonly codes: readonly FindingCode[];
  run(context: CheckContext, report: Report): void;
}

export function defineCheck(check: Http1Check): Http1Check {
  return check;
}

export function hex(byte: number): string {
  return `0x${byte.toString(16).padStart(2, "0")}`;
}
