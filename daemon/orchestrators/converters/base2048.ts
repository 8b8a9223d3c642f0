import type { Base2048Spec } from '../../../config/converters/base2048';
import { base2048Characters, base2048Tail } from './base2048Alphabet';
import { pyritConverterIdentifier, type Converter } from './converter';

/**
 * The PyPI `base2048` encoding PyRIT calls: the bytes read as a stream of 11-bit characters. A final character
 * carrying 4–7 leftover bits is an ordinary one; carrying 1–3 it is a tail character, so a decoder can tell
 * whether the last character also completes another byte.
 */
export function encodeBase2048(bytes: Uint8Array): string {
  let out = '';
  let stage = 0;
  let staged = 0;
  for (const byte of bytes) {
    const need = 11 - staged;
    if (need <= 8) {
      staged = 8 - need;
      out += String.fromCharCode(base2048Characters[(stage << need) | (byte >> staged)]);
      stage = byte & ((1 << staged) - 1);
    } else {
      stage = (stage << 8) | byte;
      staged += 8;
    }
  }
  if (staged > 0) out += String.fromCharCode(staged <= 3 ? base2048Tail[stage] : base2048Characters[stage]);
  return out;
}

export function createBase2048Converter(_spec: Base2048Spec): Converter {
  return {
    identifier: pyritConverterIdentifier('Base2048Converter', 'base2048_converter'),
    convert: (text) => encodeBase2048(Buffer.from(text, 'utf8')),
  };
}
