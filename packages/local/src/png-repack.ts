import { crc32, deflateSync, inflateSync } from "node:zlib";

/**
 * A screenshot's PNG made smaller without changing a pixel. Chromium picks a prediction filter per row, which suits
 * photographs; a screen of flat colours and text compresses smaller with no filter at all and zlib's best level (the
 * README's screenshots come out a sixth smaller: the laptop's inbox 175 KB -> 146 KB). Only what Chromium writes is
 * repacked (8-bit RGB or RGBA, not interlaced), and a repack that comes out larger is not used.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Chunk {
  type: string;
  data: Buffer;
}

function chunks(png: Buffer): Chunk[] {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG");
  const list: Chunk[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    list.push({ type: png.toString("latin1", at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return list;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The row's bytes before `filter` was applied (PNG spec, section 9): `prior` is the row above, already undone. */
function unfilter(filter: number, row: Buffer, prior: Buffer, bpp: number): void {
  for (let i = 0; i < row.length; i++) {
    const a = i >= bpp ? row[i - bpp]! : 0;
    const b = prior[i]!;
    const c = i >= bpp ? prior[i - bpp]! : 0;
    let predicted = 0;
    if (filter === 1) predicted = a;
    else if (filter === 2) predicted = b;
    else if (filter === 3) predicted = (a + b) >> 1;
    else if (filter === 4) {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    } else if (filter !== 0) throw new Error(`unknown PNG filter ${filter}`);
    row[i] = (row[i]! + predicted) & 0xff;
  }
}

/** The same image with no filter on any row, at zlib's best level; undefined for a kind Chromium does not write. */
export function unfilteredPng(png: Buffer): Buffer | undefined {
  const list = chunks(png);
  const header = list[0];
  if (header?.type !== "IHDR") return undefined;
  const width = header.data.readUInt32BE(0);
  const height = header.data.readUInt32BE(4);
  const [depth, colour, , , interlace] = header.data.subarray(8, 13);
  const bpp = colour === 2 ? 3 : colour === 6 ? 4 : 0;
  if (depth !== 8 || bpp === 0 || interlace !== 0) return undefined;

  const pixels = inflateSync(Buffer.concat(list.filter((c) => c.type === "IDAT").map((c) => c.data)));
  const stride = width * bpp + 1;
  if (pixels.length !== stride * height) throw new Error("PNG image data of the wrong length");
  let prior = Buffer.alloc(width * bpp);
  for (let y = 0; y < height; y++) {
    const row = pixels.subarray(y * stride + 1, (y + 1) * stride);
    unfilter(pixels[y * stride]!, row, prior, bpp);
    pixels[y * stride] = 0;
    prior = row;
  }
  // Only the chunks that say how to show the pixels are kept (a colour profile, gamma); no text or time.
  const kept = list.filter((c) => ["PLTE", "cHRM", "gAMA", "iCCP", "sBIT", "sRGB", "pHYs"].includes(c.type));
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", header.data),
    ...kept.map((c) => chunk(c.type, c.data)),
    chunk("IDAT", deflateSync(pixels, { level: 9, memLevel: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export function repackPng(png: Buffer): Buffer {
  const repacked = unfilteredPng(png);
  return repacked && repacked.length < png.length ? repacked : png;
}
