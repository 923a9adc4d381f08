import { open, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLines, type LineReaderLimits } from '../../../src/audit/sources/lineReader.js';
import { makeTempDir, type TempDir } from './sourceTestKit.js';

let dir: TempDir;

beforeEach(async () => {
  dir = await makeTempDir();
});

afterEach(async () => {
  await dir.remove();
});

type Seen = [number, string] | [number, 'OVERLONG'];

async function linesOf(
  content: string | Buffer,
  limits: LineReaderLimits = {},
  stopAfter = Infinity,
): Promise<{ seen: Seen[]; progress: number[] }> {
  const path = dir.file('lines.txt');
  await writeFile(path, content);
  const handle = await open(path, 'r');
  const seen: Seen[] = [];
  const progress: number[] = [];
  try {
    await readLines(
      handle,
      path,
      {
        line(text, lineNumber) {
          seen.push([lineNumber, text]);
          return seen.length < stopAfter;
        },
        overlong(lineNumber) {
          seen.push([lineNumber, 'OVERLONG']);
        },
        progress(bytesRead) {
          progress.push(bytesRead);
        },
      },
      limits,
    );
  } finally {
    await handle.close();
  }
  return { seen, progress };
}

describe('readLines', () => {
  it('numbers every physical line, blank ones included, and drops CR before LF', async () => {
    const { seen } = await linesOf('a\r\n\nb\r\nc');
    expect(seen).toEqual([
      [1, 'a'],
      [2, ''],
      [3, 'b'],
      [4, 'c'],
    ]);
  });

  it('does not invent a line after a final line ending', async () => {
    const { seen } = await linesOf('a\nb\n');
    expect(seen).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  it('keeps a CR that is not before an LF', async () => {
    const { seen } = await linesOf('a\rb\n');
    expect(seen).toEqual([[1, 'a\rb']]);
  });

  it('drops a byte order mark even when it is split across chunks', async () => {
    const content = Buffer.from('\uFEFFab\ncd\n', 'utf8');
    for (const chunkBytes of [1, 2, 3, 4, 64]) {
      const { seen } = await linesOf(content, { chunkBytes });
      expect(seen).toEqual([
        [1, 'ab'],
        [2, 'cd'],
      ]);
    }
  });

  it('joins lines and multi-byte characters split across chunks', async () => {
    const content = 'héllo wörld\r\n日本語のテキスト\r\n€\n';
    for (const chunkBytes of [1, 2, 3, 5, 7]) {
      const { seen } = await linesOf(content, { chunkBytes });
      expect(seen).toEqual([
        [1, 'héllo wörld'],
        [2, '日本語のテキスト'],
        [3, '€'],
      ]);
    }
  });

  it('reports lines longer than the limit without building them, then carries on', async () => {
    const content = `short\n${'x'.repeat(50)}\nok\n${'y'.repeat(30)}`;
    const { seen } = await linesOf(content, { chunkBytes: 8, maxLineLength: 20 });
    expect(seen).toEqual([
      [1, 'short'],
      [2, 'OVERLONG'],
      [3, 'ok'],
      [4, 'OVERLONG'],
    ]);
  });

  it('stops when the visitor returns false', async () => {
    const { seen } = await linesOf('a\nb\nc\n', {}, 2);
    expect(seen).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  it('reports the bytes read after each chunk', async () => {
    const { progress } = await linesOf('abcdefghij\n', { chunkBytes: 4 });
    expect(progress).toEqual([4, 8, 11]);
  });
});
