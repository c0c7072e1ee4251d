import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * Drops entries from a gzipped tar (ustar) archive. Used to keep PGlite's own lock
 * (`postmaster.pid`, which its data-folder dump includes) out of a backup: a restored copy must
 * not start out claiming to be held by the process that was running when it was taken.
 */
export function withoutTarEntries(gzipped: Uint8Array, drop: (name: string) => boolean): Uint8Array {
  const tar = gunzipSync(gzipped);
  const kept: Buffer[] = [];
  let off = 0;
  while (off + 512 <= tar.length) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    const field = (start: number, len: number) => header.subarray(start, start + len).toString('utf8').replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const total = 512 + Math.ceil(size / 512) * 512;
    if (!drop(name.replace(/^\.?\//, ''))) kept.push(tar.subarray(off, off + total));
    off += total;
  }
  kept.push(Buffer.alloc(1024)); // two zero blocks end the archive
  return gzipSync(Buffer.concat(kept));
}
