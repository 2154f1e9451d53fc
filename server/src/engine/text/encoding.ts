/**
 * The encodings a mini program's text files come in, told apart by their byte order mark: UTF-8 (no BOM, what
 * WeChat DevTools writes), UTF-8 with a BOM, UTF-16 little- or big-endian with a BOM (Windows editors). The text
 * the engine sees has no BOM, as an editor shows it, so offsets and columns match the editor's; a fix is written
 * back in the encoding the file had.
 */
export type TextEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
    return { text: buffer.toString('utf8', 3), encoding: 'utf8-bom' };
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe)
    return { text: buffer.toString('utf16le', 2), encoding: 'utf16le' };
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    // A trailing odd byte is not a character; swap16 needs an even length.
    const swapped = Buffer.from(buffer.subarray(2, buffer.length - (buffer.length % 2)));
    return { text: swapped.swap16().toString('utf16le'), encoding: 'utf16be' };
  }
  return { text: buffer.toString('utf8'), encoding: 'utf8' };
}

export function encodeText(text: string, encoding: TextEncoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  }
}
