import type { Command } from "@commander-js/extra-typings";
import type { ProtocolChoice } from "../probe/run-probe.ts";
import type { Io } from "./io.ts";
import { UsageError } from "./io.ts";
import { failOnOption, formatOption, SHOW_SECRETS_HELP } from "./options.ts";

const collect = (value: string, previous: string[]) => [...previous, value];

/** The probe command's definition; its implementation (./probe.ts) is loaded only when it runs. */
export function registerProbe(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command("probe")
    .description("one request with every byte kept: completeness, TLS, timings, who answered, what is wrong")
    .argument("<url>", "http:// or https:// URL")
    .option("-X, --request <method>", "request method", "GET")
    .option("-H, --header <line>", "extra header, 'Name: value' (repeatable)", collect, [] as string[])
    .option("-d, --data <text>", "request body (use @file to read a file)")
    .option("--http1.1", "HTTP/1.1 only")
    .option("--http2", "HTTP/2 (ALPN h2 over TLS)")
    .option("--h2c", "HTTP/2 over cleartext with prior knowledge")
    .option("--h2c-upgrade", "HTTP/1.1 request that asks to upgrade to h2c")
    .option(
      "--resolve <host:port:address>",
      "connect to this address for host:port (repeatable)",
      collect,
      [] as string[],
    )
    .option("--connect-to <host:port>", "connect here instead, keeping Host and SNI")
    .option("-k, --insecure", "go on when the certificate is not trusted", false)
    .option("--cert <file>", "client certificate (PEM)")
    .option("--key <file>", "client key (PEM)")
    .option("--cacert <file>", "trust these CA certificates (PEM)")
    .option("-x, --proxy <url>", "go through this HTTP proxy (CONNECT)")
    .option("--compare <url>", "send the same request to a second URL (the upstream directly) and compare")
    .option("--timeout <seconds>", "give up after this long", Number, 30)
    .option("--idle-timeout <seconds>", "give up when nothing arrives for this long", Number, 10)
    .option("--max-bytes <n>", "read at most this many response bytes", Number, 64 << 20)
    .option("--save <file>", "write the exchange as pcapng (decrypted application bytes)")
    .option("--keylog <file>", "append TLS secrets in SSLKEYLOGFILE format")
    .option(
      "--peer-version <peer=version>",
      "predict reactions for this version, e.g. nginx=1.22.1 (repeatable)",
      collect,
      [] as string[],
    )
    .addOption(formatOption())
    .addOption(failOnOption())
    .option("--show-secrets", SHOW_SECRETS_HELP, false)
    .addHelpText(
      "after",
      "\nExamples:\n  proxydoc probe https://kong.example.com/assets/app.js\n  proxydoc probe http://web.default:8080/wrong --compare http://10.244.0.17:8080/wrong\n  proxydoc probe https://api.internal/ --save exchange.pcapng --format json > probe.json",
    )
    .action(async (url, o) => {
      const flags = [o["http1.1"] && "http1.1", o.http2 && "http2", o.h2c && "h2c", o.h2cUpgrade && "h2c-upgrade"];
      const chosen = flags.filter(Boolean) as ProtocolChoice[];
      if (chosen.length > 1) throw new UsageError("choose one of --http1.1, --http2, --h2c, --h2c-upgrade");
      const { runProbeCommand } = await import("./probe.ts");
      done(
        await runProbeCommand(
          {
            url,
            ...(o.compare ? { compare: o.compare } : {}),
            method: o.request.toUpperCase(),
            headers: o.header,
            ...(o.data !== undefined ? { data: o.data } : {}),
            protocol: chosen[0] ?? "auto",
            resolve: o.resolve,
            ...(o.connectTo ? { connectTo: o.connectTo } : {}),
            insecure: o.insecure,
            ...(o.cert ? { cert: o.cert } : {}),
            ...(o.key ? { key: o.key } : {}),
            ...(o.cacert ? { cacert: o.cacert } : {}),
            ...(o.proxy ? { proxy: o.proxy } : {}),
            timeoutS: o.timeout,
            idleTimeoutS: o.idleTimeout,
            maxBytes: o.maxBytes,
            ...(o.save ? { save: o.save } : {}),
            ...(o.keylog ? { keylog: o.keylog } : {}),
            format: o.format,
            failOn: o.failOn,
            showSecrets: o.showSecrets,
            peerVersions: o.peerVersion,
          },
          io,
        ),
      );
    });
}
