/**
 * The studio's initial JS: builds with vite (into a temporary directory, with a manifest) and sums
 * the gzip size of the entry chunk and everything it imports statically, i.e. what index.html
 * loads before the first screen. Lazy chunks (areas, the item screen with rjsf) are listed apart.
 *
 *   npm run bench -w apps/studio
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const TARGET_KB = 500;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const outDir = mkdtempSync(join(tmpdir(), 'studio-bench-'));
try {
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true, manifest: true, sourcemap: false } });
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const gzipKb = (file: string) => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length / 1024;

  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
  if (!entry) throw new Error('no entry chunk in the manifest');
  const initial = new Set<string>();
  const visit = (key: string) => {
    if (initial.has(key)) return;
    initial.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit(entry[0]);

  const jsOf = (keys: Iterable<string>) => [...keys].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
  const initialFiles = jsOf(initial);
  const lazyFiles = [...new Set(jsOf(Object.keys(manifest).filter((k) => !initial.has(k))))];
  const initialKb = initialFiles.reduce((sum, f) => sum + gzipKb(f), 0);

  for (const f of initialFiles) console.log(`  initial ${f} ${gzipKb(f).toFixed(1)} kB gzip`);
  for (const f of lazyFiles) console.log(`  lazy    ${f} ${gzipKb(f).toFixed(1)} kB gzip`);
  console.log(`BENCH studio_bundle initial_js_gzip_kb=${initialKb.toFixed(1)} target_kb=${TARGET_KB} ratio=${(initialKb / TARGET_KB).toFixed(3)} meets_target=${initialKb < TARGET_KB ? 'yes' : 'no'}`);
  console.log(`BENCH studio_bundle lazy_js_gzip_kb=${lazyFiles.reduce((sum, f) => sum + gzipKb(f), 0).toFixed(1)} lazy_chunks=${lazyFiles.length}`);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
