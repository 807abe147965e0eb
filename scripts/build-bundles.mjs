// Bundles what runs outside Remix into single ES modules, each with the vanity dictionary
// beside it (the engine finds it next to the code that loads it):
//   dist/vanity.cjs, dist/bench.mjs   the command line and the benchmark (compiled, so they start fast)
//   build/connect/index.mjs            the Amazon Connect Lambda (when its source exists)
//   build/retention/index.mjs          the daily retention Lambda (app.arc @scheduled)
//   build/caller-writes/index.mjs      the retry queue's Lambda (app.arc @queues)
// and puts the dictionary beside the Remix server build (server/index.mjs).
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dictionary = join(root, "src/vanity/vanity-dictionary.bin");
// electrodb and friends are CommonJS: give the ES module bundle a `require`.
const banner = { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" };
// libphonenumber-js ships its metadata as a 150 KB object literal; as a string for JSON.parse it
// compiles several times faster, a few milliseconds off every cold start.
const metadataAsJson = {
  name: "metadata-as-json",
  setup(esbuild) {
    esbuild.onLoad({ filter: /libphonenumber-js[\\/]metadata\.max\.json\.js$/ }, ({ path }) => {
      const json = readFileSync(path.replace(/\.js$/, ""), "utf8");
      return { contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(json)))});`, loader: "js" };
    });
  },
};
const common = {
  bundle: true,
  platform: "node",
  target: "node24",
  format: "esm",
  banner,
  logLevel: "warning",
  legalComments: "none",
  plugins: [metadataAsJson],
};

const bundles = [
  // CommonJS: Node's ES module loader alone adds about 20 ms to every start of the command line
  // (an empty .mjs file against an empty .cjs one); the engine's import.meta.url becomes the file's.
  {
    entry: "tools/cli/vanity.ts",
    outfile: "dist/vanity.cjs",
    minify: true,
    format: "cjs",
    banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    define: { "import.meta.url": "__import_meta_url" },
  },
  { entry: "tools/bench/bench.ts", outfile: "dist/bench.mjs" },
  // The AWS SDK is bundled too (its ES module builds: `module` first), not loaded from the Lambda
  // runtime's copy: one file to compile instead of hundreds of CommonJS modules to resolve, which
  // shortens the import every cold start pays (`npm run bench:cold` measures it), and the SDK
  // version the lock file pins. Whitespace and syntax minified, names kept for readable stack
  // traces.
  {
    entry: "src/connect/handler.ts",
    outfile: "build/connect/index.mjs",
    mainFields: ["module", "main"],
    minifyWhitespace: true,
    minifySyntax: true,
  },
  // A pass over a large table takes minutes: Architect reads the timeout from config.arc beside it.
  {
    entry: "src/retention/handler.ts",
    outfile: "build/retention/index.mjs",
    mainFields: ["module", "main"],
    minifyWhitespace: true,
    minifySyntax: true,
    engine: false,
    config: "@aws\ntimeout 900\n",
  },
  {
    entry: "src/caller-writes/handler.ts",
    outfile: "build/caller-writes/index.mjs",
    mainFields: ["module", "main"],
    minifyWhitespace: true,
    minifySyntax: true,
    engine: false,
  },
];

const only = process.argv.slice(2);
for (const { entry, outfile, engine = true, config, ...options } of bundles) {
  if (only.length > 0 && !only.some((name) => outfile.includes(name))) continue;
  if (!existsSync(join(root, entry))) continue;
  const { outputFiles } = await build({
    ...common,
    ...options,
    entryPoints: [join(root, entry)],
    outfile: join(root, outfile),
    write: false,
  });
  mkdirSync(join(root, dirname(outfile)), { recursive: true });
  if (engine) copyFileSync(dictionary, join(root, dirname(outfile), "vanity-dictionary.bin")); // the engine reads it beside its code
  if (config) writeFileSync(join(root, dirname(outfile), "config.arc"), config);
  // Write then rename, so that a running sandbox never loads half a bundle.
  for (const { path, contents } of outputFiles) {
    writeFileSync(`${path}.tmp`, contents);
    renameSync(`${path}.tmp`, path);
  }
}
if (only.length === 0 && existsSync(join(root, "server"))) {
  copyFileSync(dictionary, join(root, "server/vanity-dictionary.bin"));
  // The web Lambda: a CSV export of 10,000 callers reads 100 pages, more than Architect's default
  // 5 s; 29 s is what API Gateway waits at most. Pages stay bounded by the data layer's own limits.
  writeFileSync(join(root, "server/config.arc"), "@aws\ntimeout 29\n");
}
mkdirSync(join(root, "dist"), { recursive: true });
