// Bundles src/main.js (with d3-geo, d3-force, topojson-client and the world-atlas country
// shapes) into ../src/eventcoder/service/static/, the example articles into examples.json,
// and Swagger UI's files into docs/ for the offline /docs page.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "eventcoder", "service", "static");
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(here, "src", "main.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outfile: join(out, "app.js"),
  loader: { ".json": "json" },
  legalComments: "eof",
  logLevel: "warning",
});
// index.html and style.css are written directly in the static folder (no build step needed)

// the API's own documentation page (/docs) is served from these files, not from a CDN
mkdirSync(join(out, "docs"), { recursive: true });
for (const name of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
  copyFileSync(join(here, "node_modules", "swagger-ui-dist", name), join(out, "docs", name));
}

const examples = join(here, "..", "examples");
const index = readFileSync(join(examples, "index.jsonl"), "utf8").split("\n").filter((l) => l.trim());
const articles = index.map((line) => {
  const entry = JSON.parse(line);
  return { id: entry.id, title: entry.title, date: entry.date, text: readFileSync(join(examples, entry.file), "utf8").trim() };
});
writeFileSync(join(out, "examples.json"), JSON.stringify(articles, null, 1) + "\n");
console.log(`built ${out}: app.js, examples.json (${articles.length} articles), docs/`);
