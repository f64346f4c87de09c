// Writes docs/codes.md from the catalogue.
import { writeFileSync } from "node:fs";
import { renderCodesDoc } from "../src/catalogue/codes-doc.ts";

writeFileSync(new URL("../docs/codes.md", import.meta.url), renderCodesDoc());
