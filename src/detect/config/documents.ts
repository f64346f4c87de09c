import { loadInputs } from "../../config/lint.ts";
import type { LoadResult } from "../../config/load.ts";
import type { ConfigDocumentObservation } from "../../model/observations/config.ts";

let last: { readonly documents: readonly ConfigDocumentObservation[]; readonly loaded: LoadResult } | undefined;

/**
 * The configuration documents of the evidence, loaded once: every configuration detector reads
 * the same documents, so the last load is kept while the same documents are asked for again.
 */
export function loadedDocuments(documents: readonly ConfigDocumentObservation[]): LoadResult {
  if (last && sameDocuments(last.documents, documents)) return last.loaded;
  const loaded = loadInputs(
    documents.map((d) => ({ source: d.ref.source, text: d.text })),
    "default",
  );
  last = { documents, loaded };
  return loaded;
}

function sameDocuments(a: readonly ConfigDocumentObservation[], b: readonly ConfigDocumentObservation[]): boolean {
  return a.length === b.length && a.every((document, i) => document === b[i]);
}
