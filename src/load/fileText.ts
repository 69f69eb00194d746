/** A manifest file's bytes → its text. Pure: the folder reader (fsFolder.ts) does the reading. */

/** UTF-8 (BOM optional) or BOM-marked UTF-16, as the YAML decoder accepts; anything else is binary. */
export function decodeText(bytes: Uint8Array): string | { reason: string } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  if (bytes.includes(0)) return { reason: 'binary file (it contains NUL bytes), not a text manifest' };
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return decodeWith('utf-8', bytes.subarray(start));
}

function decodeWith(encoding: string, bytes: Uint8Array): string | { reason: string } {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    if (text.includes('\u0000')) return { reason: 'binary file (it contains NUL characters), not a text manifest' };
    return text;
  } catch {
    return { reason: `binary file (not valid ${encoding.toUpperCase()} text), not a text manifest` };
  }
}
