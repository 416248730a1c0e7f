import { crc32, deflateSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./page-stack.ts";
import { repackPng, unfilteredPng } from "./png-repack.ts";

// Chromium reads the PNGs back, as an independent decoder: a repacked one must hold the same pixels as the one given,
// a screenshot Chromium wrote and one written here with each of PNG's five row filters in turn.
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 320, height: 200 } });
});

afterAll(async () => {
  await browser?.close();
});

/** Each PNG's pixels as Chromium decodes them, as a list of numbers (RGBA). */
async function decoded(...pngs: Buffer[]): Promise<number[][]> {
  const urls = pngs.map((png) => `data:image/png;base64,${png.toString("base64")}`);
  // A string, evaluated in the page: this package's code has no DOM types.
  return page.evaluate(`Promise.all(${JSON.stringify(urls)}.map(async (url) => {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    return Array.from(context.getImageData(0, 0, image.width, image.height).data);
  }))`);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function part(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, "latin1"), data])));
  return Buffer.concat([length, Buffer.from(type, "latin1"), data, crc]);
}

/** The predictor of PNG's filter `type` from the byte to the left (a), above (b) and above-left (c). */
function predict(type: number, a: number, b: number, c: number): number {
  if (type === 0) return 0;
  if (type === 1) return a;
  if (type === 2) return b;
  if (type === 3) return Math.floor((a + b) / 2);
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** An 8-bit PNG of `pixels` (rows of `bpp` bytes a pixel), row y filtered with filter y % 5. */
function written(width: number, height: number, bpp: 3 | 4, pixels: number[]): Buffer {
  const data: number[] = [];
  const at = (x: number, y: number) => (x < 0 || y < 0 ? 0 : pixels[y * width * bpp + x]!);
  for (let y = 0; y < height; y++) {
    data.push(y % 5);
    for (let x = 0; x < width * bpp; x++)
      data.push((at(x, y) - predict(y % 5, at(x - bpp, y), at(x, y - 1), at(x - bpp, y - 1)) + 256) % 256);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, bpp === 3 ? 2 : 6, 0, 0, 0], 8);
  return Buffer.concat([
    SIGNATURE,
    part("IHDR", header),
    part("IDAT", deflateSync(Buffer.from(data))),
    part("IEND", Buffer.alloc(0)),
  ]);
}

/** How many bytes differ: a failure says how many, where a diff of a quarter-million numbers would take minutes. */
function differing(before: number[], after: number[]): number {
  return before.reduce((n, byte, i) => n + (after[i] === byte ? 0 : 1), Math.abs(before.length - after.length));
}

describe("repackPng", () => {
  it("keeps every pixel of a Chromium screenshot and makes a screen of flat colours and text smaller", async () => {
    await page.setContent(
      `<body style="margin:0;font:14px sans-serif">
        <div style="height:60px;background:linear-gradient(90deg,#0b5d4b,#f5c542)"></div>
        <p style="padding:8px;color:#333">Rujukan RJK-261201 · Sedang diperiksa · Kecamatan</p>
        <button style="margin:8px;padding:6px 12px">Setujui</button>
      </body>`,
    );
    const original = await page.screenshot();
    const repacked = repackPng(original);
    expect(repacked.length).toBeLessThan(original.length);
    const [before, after] = await decoded(original, repacked);
    expect(after).toHaveLength(320 * 200 * 4);
    expect(differing(before!, after!)).toBe(0);
  });

  it("undoes each of the five filters, in RGB and in RGBA", async () => {
    const [width, height] = [23, 15];
    for (const bpp of [3, 4] as const) {
      // Bytes that vary in every direction, so each predictor is wrong in its own way, from a few values, so that
      // Paeth's ties (which neighbour wins) come up; opaque, as a canvas premultiplies alpha.
      const pixels = Array.from({ length: width * height * bpp }, (_, i) =>
        bpp === 4 && i % 4 === 3 ? 255 : [0, 90, 255, 17][(i * 7 + ((i * i) % 11)) % 4]!,
      );
      const png = written(width, height, bpp, pixels);
      // As RGBA, the way a canvas gives it.
      const rgba = Array.from({ length: width * height }, (_, p) =>
        [0, 1, 2].map((k) => pixels[p * bpp + k]!).concat(255),
      ).flat();
      const repacked = unfilteredPng(png)!;
      const [before, after] = await decoded(png, repacked);
      expect(differing(before!, rgba), `bpp ${bpp}: the test's own PNG`).toBe(0);
      expect(differing(after!, rgba), `bpp ${bpp}`).toBe(0);
    }
  });

  it("returns what it cannot repack as it was", () => {
    // The header of a 1x1 grey image of 16 bits per sample (not what Chromium writes), and its end.
    const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 16, 0, 0, 0, 0]);
    const sixteen = Buffer.concat([SIGNATURE, part("IHDR", ihdr), part("IEND", Buffer.alloc(0))]);
    expect(unfilteredPng(sixteen)).toBeUndefined();
    expect(repackPng(sixteen)).toBe(sixteen);
    expect(() => repackPng(Buffer.from("not a png"))).toThrow("not a PNG");
  });
});
