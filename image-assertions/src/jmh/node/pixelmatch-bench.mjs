// Times pixelmatch on pairs of PNGs: node pixelmatch-bench.mjs RUNS A.png B.png [A2.png B2.png ...]
// Prints one JSON line per pair: {"a":..., "b":..., "mismatched":N, "medianMs":T, "medianMsWithDiff":T2}.
import fs from 'node:fs';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';

const [runsArg, ...files] = process.argv.slice(2);
const runs = Number(runsArg);

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn) {
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    result = fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { result, ms: median(times) };
}

for (let i = 0; i < files.length; i += 2) {
  const a = PNG.sync.read(fs.readFileSync(files[i]));
  const b = PNG.sync.read(fs.readFileSync(files[i + 1]));
  const { width, height } = a;
  const countOnly = time(() => pixelmatch(a.data, b.data, null, width, height));
  const output = new Uint8Array(width * height * 4);
  const withDiff = time(() => pixelmatch(a.data, b.data, output, width, height));
  console.log(JSON.stringify({ a: files[i], b: files[i + 1], mismatched: countOnly.result,
    medianMs: countOnly.ms, medianMsWithDiff: withDiff.ms }));
}
