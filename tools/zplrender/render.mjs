// Renders a ZPL file to PNG offline with zpl-renderer-js (zebrash compiled to WASM), so tests can
// prove with an independent renderer that the ZPL Stiel sends scans.
// usage: node render.mjs IN.zpl OUT.png [WIDTH_MM HEIGHT_MM [DPMM]]
import { readFileSync, writeFileSync } from "node:fs";
import { ready } from "zpl-renderer-js";

const [inPath, outPath, w = "101.6", h = "152.4", dpmm = "8"] = process.argv.slice(2);
if (!inPath || !outPath) {
  console.error("usage: node render.mjs IN.zpl OUT.png [WIDTH_MM HEIGHT_MM [DPMM]]");
  process.exit(2);
}
const zpl = readFileSync(inPath, "utf8");
const { api } = await ready;
try {
  const b64 = await api.zplToBase64Async(zpl, Number(w), Number(h), Number(dpmm));
  writeFileSync(outPath, Buffer.from(b64, "base64"));
} catch (err) {
  console.error(`render.mjs: ${inPath}: ${err}`);
  process.exit(1);
}
process.exit(0);
