const SECRET_HEADER =
  /\b(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-auth-token|apikey)(\s*[:=]\s*|["']?\s*,\s*["']|['"]\s*:\s*['"]|\s+value=)([^\r\n]*)/gi;
const BEARER = /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
const QUERY_SECRET = /([?&](?:token|access_token|api_key|apikey|password|secret|sig|signature)=)[^&\s"]+/gi;

/**
 * Hides secrets in quoted evidence: Authorization, Cookie and Set-Cookie values, bearer and
 * basic credentials, JWTs and secret-looking query parameters.
 */
export function redact(text: string): string {
  return text
    .replace(SECRET_HEADER, (_, name: string, sep: string) => `${name}${sep}«redacted»`)
    .replace(BEARER, (_, scheme: string) => `${scheme} «redacted»`)
    .replace(JWT, "«redacted-jwt»")
    .replace(QUERY_SECRET, (_, key: string) => `${key}«redacted»`);
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const CONTROLS = new RegExp(CONTROL.source, "g");

/** Removes terminal control characters from text that came from the wire or a log. */
export function printable(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROLS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
