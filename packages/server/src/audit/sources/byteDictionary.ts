/**
 * Interns byte sequences (CSV cells) into dense integer codes without decoding each cell into
 * a string: an open-addressing hash table over the bytes, with the string decoded once, when a
 * sequence is first seen. Two byte sequences that decode to the same text (a quoted and an
 * unquoted spelling of one value) share a code.
 */
export class ByteDictionary {
  readonly values: string[] = [];
  private readonly codesByText = new Map<string, number>();
  /** Slot -> entry index + 1 (0 = empty). */
  private slots = new Int32Array(1024);
  private entryHashes: number[] = [];
  private entryBytes: Buffer[] = [];
  private entryCodes: number[] = [];

  /** FNV-1a over buf[start, end). */
  static hash(buf: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    return h >>> 0;
  }

  /** The code of the bytes buf[start, end) whose FNV-1a hash is `hash`. */
  codeOf(buf: Buffer, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === 0) return this.insert(buf, start, end, hash, slot);
      const index = entry - 1;
      if (this.entryHashes[index] === hash && sameBytes(this.entryBytes[index]!, buf, start, end)) {
        return this.entryCodes[index]!;
      }
      slot = (slot + 1) & mask;
    }
  }

  private insert(buf: Buffer, start: number, end: number, hash: number, slot: number): number {
    const bytes = Buffer.from(buf.subarray(start, end));
    const text = bytes.toString('utf8');
    let code = this.codesByText.get(text);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(text);
      this.codesByText.set(text, code);
    }
    this.entryHashes.push(hash);
    this.entryBytes.push(bytes);
    this.entryCodes.push(code);
    this.slots[slot] = this.entryHashes.length;
    if (this.entryHashes.length * 2 > this.slots.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    this.entryHashes.forEach((hash, index) => {
      let slot = hash & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = index + 1;
    });
    this.slots = slots;
  }
}

function sameBytes(stored: Buffer, buf: Uint8Array, start: number, end: number): boolean {
  const length = end - start;
  if (stored.length !== length) return false;
  for (let i = 0; i < length; i++) if (stored[i] !== buf[start + i]) return false;
  return true;
}
