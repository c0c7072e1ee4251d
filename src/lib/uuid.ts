/**
 * UUID version 7 (RFC 9562 §5.7): 48-bit Unix ms timestamp, version 7,
 * 12-bit rand_a, variant 10, 62-bit rand_b. Monotonic within a process
 * (RFC 9562 §6.2 method 2): within the same millisecond — or if the clock
 * goes backwards — the 74 random bits are incremented by a random amount;
 * on overflow the timestamp field is advanced by 1 ms.
 */
import { randomBytes } from 'node:crypto';

const RAND_BITS = 74n;
const RAND_MAX = (1n << RAND_BITS) - 1n;

let lastMs = -1;
let lastRand = 0n;

function random74(): bigint {
  const b = randomBytes(10); // 80 bits
  return BigInt('0x' + b.toString('hex')) & RAND_MAX;
}

export function uuidv7(): string {
  let ms = Date.now();
  let rand: bigint;
  if (ms > lastMs) {
    // Fresh value; keep the top bit clear to leave room for increments.
    rand = random74() >> 1n;
  } else {
    ms = lastMs;
    // Random increment of up to 32 bits keeps values hard to guess.
    rand = lastRand + 1n + (BigInt(randomBytes(4).readUInt32BE(0)));
    if (rand > RAND_MAX) {
      ms += 1;
      rand = random74() >> 1n;
    }
  }
  lastMs = ms;
  lastRand = rand;

  const randA = Number(rand >> 62n); // 12 bits
  const randB = rand & ((1n << 62n) - 1n); // 62 bits
  const hex =
    ms.toString(16).padStart(12, '0') +
    '7' +
    randA.toString(16).padStart(3, '0') +
    ((1n << 63n) | randB).toString(16).padStart(16, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Unix ms timestamp embedded in a UUIDv7. */
export function uuidv7Timestamp(uuid: string): number {
  return parseInt(uuid.replace(/-/g, '').slice(0, 12), 16);
}
