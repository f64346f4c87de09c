/** Frame type codes (RFC 9113 §6, plus ALTSVC RFC 7838, ORIGIN RFC 8336, PRIORITY_UPDATE RFC 9218). */
export const FrameType = {
  DATA: 0x0,
  HEADERS: 0x1,
  PRIORITY: 0x2,
  RST_STREAM: 0x3,
  SETTINGS: 0x4,
  PUSH_PROMISE: 0x5,
  PING: 0x6,
  GOAWAY: 0x7,
  WINDOW_UPDATE: 0x8,
  CONTINUATION: 0x9,
  ALTSVC: 0xa,
  ORIGIN: 0xc,
  PRIORITY_UPDATE: 0x10,
} as const;

export const FRAME_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: "DATA",
  1: "HEADERS",
  2: "PRIORITY",
  3: "RST_STREAM",
  4: "SETTINGS",
  5: "PUSH_PROMISE",
  6: "PING",
  7: "GOAWAY",
  8: "WINDOW_UPDATE",
  9: "CONTINUATION",
  10: "ALTSVC",
  12: "ORIGIN",
  16: "PRIORITY_UPDATE",
};

export function frameTypeName(type: number): string {
  return FRAME_TYPE_NAMES[type] ?? `UNKNOWN(0x${type.toString(16)})`;
}

export const Flag = {
  END_STREAM: 0x1,
  ACK: 0x1,
  END_HEADERS: 0x4,
  PADDED: 0x8,
  PRIORITY: 0x20,
} as const;

/** Error codes (RFC 9113 §7). */
export const ErrorCode = {
  NO_ERROR: 0x0,
  PROTOCOL_ERROR: 0x1,
  INTERNAL_ERROR: 0x2,
  FLOW_CONTROL_ERROR: 0x3,
  SETTINGS_TIMEOUT: 0x4,
  STREAM_CLOSED: 0x5,
  FRAME_SIZE_ERROR: 0x6,
  REFUSED_STREAM: 0x7,
  CANCEL: 0x8,
  COMPRESSION_ERROR: 0x9,
  CONNECT_ERROR: 0xa,
  ENHANCE_YOUR_CALM: 0xb,
  INADEQUATE_SECURITY: 0xc,
  HTTP_1_1_REQUIRED: 0xd,
} as const;

const ERROR_CODE_NAMES: readonly string[] = Object.keys(ErrorCode);

/** The RFC name of an error code, or undefined for codes the RFC does not define. */
export function knownErrorCodeName(code: number): string | undefined {
  return ERROR_CODE_NAMES[code];
}

/** True for the RFC's error code names. */
export function isErrorCodeName(name: string): boolean {
  return Object.hasOwn(ErrorCode, name);
}

/** The RFC name of an error code; unknown codes are shown in hex and carry no special meaning (§7). */
export function errorCodeName(code: number): string {
  return ERROR_CODE_NAMES[code] ?? `0x${code.toString(16)}`;
}

/** SETTINGS parameters (RFC 9113 §6.5.2, RFC 8441, RFC 9218). */
export const SettingId = {
  HEADER_TABLE_SIZE: 0x1,
  ENABLE_PUSH: 0x2,
  MAX_CONCURRENT_STREAMS: 0x3,
  INITIAL_WINDOW_SIZE: 0x4,
  MAX_FRAME_SIZE: 0x5,
  MAX_HEADER_LIST_SIZE: 0x6,
  ENABLE_CONNECT_PROTOCOL: 0x8,
  NO_RFC7540_PRIORITIES: 0x9,
} as const;

const SETTING_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(SettingId).map(([name, id]) => [id, name]),
);

export function settingName(id: number): string {
  return SETTING_NAMES[id] ?? `0x${id.toString(16)}`;
}

/** The 24 octets every client connection starts with (RFC 9113 §3.4). */
export const CLIENT_PREFACE = new TextEncoder().encode("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

export const FRAME_HEADER_LENGTH = 9;
export const DEFAULT_MAX_FRAME_SIZE = 16_384;
export const LARGEST_MAX_FRAME_SIZE = 16_777_215;
export const DEFAULT_INITIAL_WINDOW = 65_535;
export const MAX_WINDOW = 2 ** 31 - 1;
export const DEFAULT_HEADER_TABLE_SIZE = 4096;
