/**
 * Writes a ZIP archive byte by byte (APPNOTE 6.3.x: local headers, central directory,
 * end record), with whatever sizes and CRC the entry claims: what hostile bundles need
 * (a header that lies about the uncompressed size, data deflated elsewhere).
 */
export interface RawZipEntry {
  name: string;
  /** The entry's data as stored: deflated when method is 8. */
  data: Uint8Array;
  method: 0 | 8;
  /** What the headers say; the truth for an honest entry. */
  uncompressedSize: number;
  crc32: number;
}

export function rawZip(entries: readonly RawZipEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true); // version needed
    local.setUint16(6, 0x0800, true); // UTF-8 names
    local.setUint16(8, entry.method, true);
    local.setUint16(10, 0, true); // time
    local.setUint16(12, 0x21, true); // date 1980-01-01
    local.setUint32(14, entry.crc32 >>> 0, true);
    local.setUint32(18, entry.data.length, true);
    local.setUint32(22, entry.uncompressedSize, true);
    local.setUint16(26, name.length, true);
    local.setUint16(28, 0, true);
    parts.push(new Uint8Array(local.buffer), name, entry.data);

    const dir = new DataView(new ArrayBuffer(46));
    dir.setUint32(0, 0x02014b50, true);
    dir.setUint16(4, 20, true); // made by
    dir.setUint16(6, 20, true); // needed
    dir.setUint16(8, 0x0800, true);
    dir.setUint16(10, entry.method, true);
    dir.setUint16(12, 0, true);
    dir.setUint16(14, 0x21, true);
    dir.setUint32(16, entry.crc32 >>> 0, true);
    dir.setUint32(20, entry.data.length, true);
    dir.setUint32(24, entry.uncompressedSize, true);
    dir.setUint16(28, name.length, true);
    dir.setUint32(42, offset, true);
    central.push(new Uint8Array(dir.buffer), name);
    offset += 30 + name.length + entry.data.length;
  }
  const centralSize = central.reduce((n, p) => n + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of all) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
