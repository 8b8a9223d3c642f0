/** Python's binascii.b2a_qp(data) with its defaults: soft line breaks keep lines to 76 characters. */
export function quotedPrintable(bytes: Uint8Array): string {
  const MAX_LINE = 76;
  let output = '';
  let line = 0;
  const emit = (piece: string): void => {
    if (line + piece.length > MAX_LINE - 1) {
      output += '=\n';
      line = 0;
    }
    output += piece;
    line += piece.length;
  };
  bytes.forEach((byte, index) => {
    const next = bytes[index + 1];
    if (byte === 0x0a) {
      output += '\n';
      line = 0;
      return;
    }
    const atLineEnd = next === undefined || next === 0x0a;
    const plain = (byte >= 33 && byte <= 126 && byte !== 0x3d) || ((byte === 0x20 || byte === 0x09) && !atLineEnd);
    emit(plain ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`);
  });
  return output;
}

/** Python's binascii.b2a_uu for each 45-byte chunk: a length character, 4 characters per 3 bytes, a newline. */
export function uuencode(bytes: Uint8Array): string {
  const char = (sextet: number): string => String.fromCharCode(32 + sextet);
  let output = '';
  for (let start = 0; start < bytes.length || (start === 0 && bytes.length === 0); start += 45) {
    const chunk = bytes.subarray(start, start + 45);
    let line = char(chunk.length);
    for (let at = 0; at < chunk.length; at += 3) {
      const [a = 0, b = 0, c = 0] = [chunk[at], chunk[at + 1], chunk[at + 2]];
      line += char(a >> 2) + char(((a & 3) << 4) | (b >> 4)) + char(((b & 15) << 2) | (c >> 6)) + char(c & 63);
    }
    output += `${line}\n`;
    if (bytes.length === 0) break;
  }
  return output;
}
