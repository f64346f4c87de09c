import type { NginxErrorLine } from "../../model/observations/nginx.ts";
import { type ErrorSignature, signatureDetector } from "./signature.ts";

/**
 * Temp directories of stock builds: `*_temp` (source, official image, Kong), Debian's
 * /var/lib/nginx/*, Alpine's and Fedora's /var/lib/nginx/tmp/*.
 */
const TEMP_DIR =
  /^(.*?(?:^|\/)(?:proxy|client_body|client|fastcgi|uwsgi|scgi)_temp|.*?\/var\/lib\/nginx\/(?:tmp\/)?(?:body|client_body|proxy|fastcgi|uwsgi|scgi))(?:\/|$)/;
/** While buffering, these calls only ever touch nginx's temp (or cache) files. */
const FILE_WRITES = new Set(["open", "mkdir", "pwrite", "write", "writev", "pwritev", "ngx_create_temp_file"]);
/** nginx names its temp files with ten digits, whatever proxy_temp_path says. */
const TEMP_FILE = /^(.*?)\/(?:\d{1,2}\/)*\d{10}$/;
const BUFFERING = /reading upstream|reading client request body|sending to client/;

/** The temp directory a path belongs to, if it is one of nginx's buffering paths. */
export function tempDirectory(path: string | undefined, action: string | undefined): string | undefined {
  if (!path) return undefined;
  const dir = TEMP_DIR.exec(path);
  if (dir) return dir[1];
  const file = TEMP_FILE.exec(path);
  return file && BUFFERING.test(action ?? "") ? file[1] : undefined;
}

/** A failed write to the buffering area: a temp path, or a pathless failure while buffering. */
function tempWriteFailure(errno: number) {
  return (line: NginxErrorLine) => {
    if (line.errno !== errno) return undefined;
    const dir = tempDirectory(line.path, line.action);
    if (dir) return { file: dir };
    if (!BUFFERING.test(line.action ?? "")) return undefined;
    if (line.syscall !== undefined && !FILE_WRITES.has(line.syscall)) return undefined;
    return { file: line.path ?? "the temp directory" };
  };
}

function bufferedTo(prefix: RegExp) {
  return (line: NginxErrorLine) => {
    const m = prefix.exec(line.message);
    return m ? { file: tempDirectory(m[1], "reading upstream") ?? m[1] } : undefined;
  };
}

const SIGNATURES: readonly ErrorSignature[] = [
  { code: "PD1401", match: tempWriteFailure(13) },
  { code: "PD1402", match: tempWriteFailure(28) },
  { code: "PD1403", match: tempWriteFailure(30) },
  { code: "PD1404", match: bufferedTo(/^an upstream response is buffered to a temporary file (\S+)/) },
  { code: "PD1405", match: bufferedTo(/^a client request body is buffered to a temporary file (\S+)/) },
];

export const nginxTempStorageDetector = signatureDetector(
  "nginx.temp-storage",
  "nginx cannot write (or had to use) its buffering temp files: permission, disk full, read-only",
  SIGNATURES,
);
