import { describe, expect, test } from "vitest";
import { parseErrorLine } from "../../evidence/nginx/error-line.ts";
import type { NginxErrorLine } from "../../model/observations/nginx.ts";
import { nginxTempStorageDetector, tempDirectory } from "./temp-storage.ts";

function codesFor(text: string): string[] {
  const parsed = parseErrorLine(text);
  if (!parsed) throw new Error(`not an nginx line: ${text}`);
  const line: NginxErrorLine = { type: "nginx.error", ref: { source: "t", line: 1 }, ...parsed };
  const codes: string[] = [];
  nginxTempStorageDetector.each?.(line, (finding) => codes.push(`${finding.code} ${finding.vars.file}`));
  return codes;
}

describe("temp storage signatures", () => {
  test("know the temp directories of source builds, the official image, Kong, Debian, Alpine and Fedora", () => {
    expect(tempDirectory("/kong_prefix/proxy_temp/6", undefined)).toBe("/kong_prefix/proxy_temp");
    expect(tempDirectory("/var/cache/nginx/client_temp/0000000031", undefined)).toBe("/var/cache/nginx/client_temp");
    expect(tempDirectory("/var/lib/nginx/proxy/1/00/0000000001", undefined)).toBe("/var/lib/nginx/proxy");
    expect(tempDirectory("/var/lib/nginx/tmp/client_body/0000000001", undefined)).toBe(
      "/var/lib/nginx/tmp/client_body",
    );
    expect(tempDirectory("/var/lib/nginx/html/index.html", undefined)).toBeUndefined();
    expect(tempDirectory("/srv/tmp/5/02/0000000024", "reading upstream")).toBe("/srv/tmp");
    expect(tempDirectory("/srv/tmp/5/02/0000000024", undefined)).toBeUndefined();
    expect(tempDirectory("/usr/share/nginx/html/index.html", "reading upstream")).toBeUndefined();
  });

  test("name the directory, not each temp file, so repeated failures merge", () => {
    const line = (file: string) =>
      `2026/01/02 03:04:05 [crit] 7#7: *1 open() "${file}" failed (13: Permission denied) while reading upstream, client: 1.2.3.4, server: a`;
    expect(codesFor(line("/etc/nginx/proxy_temp/1/00/0000000001"))).toEqual(["PD1401 /etc/nginx/proxy_temp"]);
    expect(codesFor(line("/etc/nginx/proxy_temp/2/00/0000000002"))).toEqual(["PD1401 /etc/nginx/proxy_temp"]);
  });

  test("know a disk-full line cut before its closing parenthesis", () => {
    expect(
      codesFor(
        '2021/05/26 17:20:57 [crit] 10975#10975: *9 pwritev() "/var/cache/nginx/proxy_temp/1/00/0000000001" failed (28: No space left on#',
      ),
    ).toEqual(["PD1402 /var/cache/nginx/proxy_temp"]);
  });

  test("leave permission errors outside buffering alone", () => {
    expect(
      codesFor(
        "2026/01/02 03:04:05 [crit] 7#7: *1 connect() to 127.0.0.1:8080 failed (13: Permission denied) while connecting to upstream, client: 1.2.3.4, server: a",
      ),
    ).toEqual([]);
    expect(
      codesFor(
        '2026/01/02 03:04:05 [error] 7#7: *1 open() "/srv/www/a.html" failed (13: Permission denied), client: 1.2.3.4, server: a',
      ),
    ).toEqual([]);
  });
});
