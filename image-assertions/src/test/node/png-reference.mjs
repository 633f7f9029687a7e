// What the PNG tests compare with: pngjs 7 and pixelmatch 7.2, pinned by package-lock.json.
//   node png-reference.mjs decode FILE...
//     one JSON line per file: {"file", "width", "height", "rgba": base64} or {"file", "error"}
//   node png-reference.mjs diff A.png B.png OPTIONS_JSON...
//     one JSON line per set of options: {"options", "mismatched", "diff": base64 RGBA of the diff image}
import fs from 'node:fs';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';

const [command, ...args] = process.argv.slice(2);

function base64(data) {
  return Buffer.from(data.buffer, data.byteOffset, data.length).toString('base64');
}

if (command === 'decode') {
  for (const file of args) {
    try {
      const png = PNG.sync.read(fs.readFileSync(file));
      console.log(JSON.stringify({ file, width: png.width, height: png.height, rgba: base64(png.data) }));
    } catch (e) {
      console.log(JSON.stringify({ file, error: String(e && e.message) }));
    }
  }
} else if (command === 'diff') {
  const [fileA, fileB, ...optionSets] = args;
  const a = PNG.sync.read(fs.readFileSync(fileA));
  const b = PNG.sync.read(fs.readFileSync(fileB));
  for (const json of optionSets) {
    const output = new Uint8Array(a.width * a.height * 4);
    const mismatched = pixelmatch(a.data, b.data, output, a.width, a.height, JSON.parse(json));
    console.log(JSON.stringify({ options: json, mismatched, diff: base64(output) }));
  }
} else {
  console.error('usage: png-reference.mjs decode FILE... | diff A B OPTIONS_JSON...');
  process.exit(2);
}
