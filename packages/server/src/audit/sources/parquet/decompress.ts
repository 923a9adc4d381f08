/**
 * Page decompression with the codecs of hyparquet-compressors (snappy, gzip, zstd, brotli, lz4,
 * lz4_raw), or none. LZO is not supported: its columns are left to hyparquet, which reports it.
 */

import type { CompressionCodec } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

export function isSupportedCodec(codec: CompressionCodec): boolean {
  return codec === 'UNCOMPRESSED' || compressors[codec] !== undefined;
}

/** The `size` bytes that `input` decompresses to with `codec`; throws if it gives another size. */
export function decompress(codec: CompressionCodec, input: Uint8Array, size: number): Uint8Array {
  if (codec === 'UNCOMPRESSED') {
    if (input.length !== size) {
      throw new Error(`uncompressed page holds ${input.length} bytes, its header says ${size}`);
    }
    return input;
  }
  const decompressor = compressors[codec];
  if (decompressor === undefined) throw new Error(`unsupported compression codec ${codec}`);
  const output = decompressor(input, size);
  if (output.length !== size) {
    throw new Error(
      `${codec} page decompressed to ${output.length} bytes, its header says ${size}`,
    );
  }
  return output;
}
