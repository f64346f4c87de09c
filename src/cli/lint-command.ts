import { type Command, Option } from "@commander-js/extra-typings";
import type { Io } from "./io.ts";
import { failOnOption } from "./options.ts";

/** The lint command's definition; its implementation (./lint.ts) is loaded only when it runs. */
export function registerLint(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command("lint")
    .description("check Kubernetes, Istio, Kong and nginx configuration (files, folders, stdin or a cluster)")
    .argument(
      "[inputs...]",
      "YAML/JSON files or folders, nginx.conf, Envoy /clusters or config_dump; - for standard input",
      [] as string[],
    )
    .option("--cluster", "read the live cluster through your kubectl", false)
    .option("--context <name>", "kubectl context to use with --cluster")
    .option("-n, --namespace <namespace>", "namespace to read (--cluster) and to assume for objects without one")
    .option("-A, --all-namespaces", "read every namespace (--cluster)", false)
    .option(
      "--against <dir|cluster>",
      "compare the change with what is applied (a folder, or `cluster`) and check apply order",
    )
    .addOption(
      new Option("-f, --format <format>", "report format")
        .choices(["text", "json", "sarif"] as const)
        .default("text" as const),
    )
    .addOption(failOnOption())
    .addHelpText(
      "after",
      "\nExamples:\n  proxydoc lint manifests/\n  helm template kong kong/kong -f values.yaml | proxydoc lint -\n  proxydoc lint --cluster -n bookinfo --format sarif > lint.sarif\n  proxydoc lint change/ --against cluster",
    )
    .action(async (inputs, options) => {
      const { runLint } = await import("./lint.ts");
      done(
        await runLint(
          {
            inputs,
            cluster: options.cluster,
            ...(options.context ? { context: options.context } : {}),
            ...(options.namespace ? { namespace: options.namespace } : {}),
            allNamespaces: options.allNamespaces,
            ...(options.against ? { against: options.against } : {}),
            format: options.format,
            failOn: options.failOn,
          },
          io,
        ),
      );
    });
}
