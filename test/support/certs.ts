import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export const OPENSSL_AVAILABLE = existsSync("/usr/bin/openssl");

export interface CertificateFiles {
  readonly cert: string;
  readonly key: string;
}

export interface CertificateOptions {
  readonly name: string;
  /** @default 365 */
  readonly days?: number;
  /** subjectAltName entries such as `DNS:host` or `IP:127.0.0.1`. */
  readonly altNames?: readonly string[];
  /** Sign with this CA instead of self-signing. */
  readonly ca?: CertificateFiles;
}

/** Writes `<file>.pem` and `<file>.key` in `dir` with openssl: self-signed, or signed by `ca`. */
export function makeCertificate(dir: string, file: string, options: CertificateOptions): CertificateFiles {
  const files = { cert: join(dir, `${file}.pem`), key: join(dir, `${file}.key`) };
  const days = String(options.days ?? 365);
  const altNames = options.altNames?.length ? ["-addext", `subjectAltName=${options.altNames.join(",")}`] : [];
  const run = (...args: string[]) => execFileSync("openssl", args, { stdio: "ignore" });
  if (!options.ca) {
    run(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      files.key,
      "-out",
      files.cert,
      "-days",
      days,
      "-subj",
      `/CN=${options.name}`,
      ...altNames,
    );
    return files;
  }
  const request = join(dir, `${file}.csr`);
  run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", files.key, "-out", request, "-subj", `/CN=${options.name}`);
  run(
    "x509",
    "-req",
    "-in",
    request,
    "-CA",
    options.ca.cert,
    "-CAkey",
    options.ca.key,
    "-CAcreateserial",
    "-out",
    files.cert,
    "-days",
    days,
  );
  return files;
}
