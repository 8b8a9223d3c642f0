import { base2048Characters, base2048Tail } from '../../daemon/orchestrators/converters/base2048Alphabet';
import { ecojiEmojis, ecojiPadding, ecojiPaddingLast } from '../../daemon/orchestrators/converters/ecojiAlphabet';

/**
 * Decoders written from the encodings' specifications (rust-base2048 `decode`, Ecoji's docs/encoding.md), separate
 * from the converters' code, so a round trip checks the encoders against the format rather than against themselves.
 */
const base2048Index = new Map(base2048Characters.map((code, index) => [code, index]));

export function decodeBase2048(text: string): number[] {
  const bytes: number[] = [];
  const codes = Array.from(text, (c) => c.codePointAt(0) ?? -1);
  let stage = 0;
  let staged = 0;
  let residue = 0;
  codes.forEach((code, position) => {
    const last = position === codes.length - 1;
    residue = (residue + 11) % 8;
    const index = base2048Index.get(code);
    let bits: number;
    let value: number;
    if (index === undefined) {
      const tail = base2048Tail.indexOf(code);
      if (!last || tail < 0 || tail >= 1 << (8 - staged)) throw new Error(`not base2048 at ${position}`);
      bits = 8 - staged;
      value = tail;
    } else {
      bits = last ? 11 - residue : 11;
      value = index;
    }
    stage = (stage << bits) | value;
    staged += bits;
    while (staged >= 8) {
      staged -= 8;
      bytes.push(stage >> staged);
      stage &= (1 << staged) - 1;
    }
  });
  if (staged > 0) bytes.push(stage >> (8 - staged));
  return bytes;
}

const ecojiOrdinal = new Map(ecojiEmojis.map((code, ordinal) => [code, ordinal]));

export function decodeEcoji(text: string): number[] {
  const codes = Array.from(text.replace(/[\r\n]/g, ''), (c) => c.codePointAt(0) ?? -1);
  if (codes.length % 4 !== 0) throw new Error('Ecoji version 1 comes in groups of four emojis');
  const bytes: number[] = [];
  for (let start = 0; start < codes.length; start += 4) {
    const group = codes.slice(start, start + 4);
    const ordinals = group.map((code) => ecojiOrdinal.get(code) ?? 0);
    const [o0 = 0, o1 = 0, o2 = 0, o3 = 0] = ordinals;
    const lastPad = ecojiPaddingLast.indexOf(group[3] ?? -1);
    const value = o0 * 2 ** 30 + o1 * 2 ** 20 + o2 * 2 ** 10 + (lastPad >= 0 ? lastPad << 8 : o3);
    const all = [4, 3, 2, 1, 0].map((shift) => Math.floor(value / 2 ** (8 * shift)) % 256);
    const padded = group.filter((code) => code === ecojiPadding).length;
    bytes.push(...all.slice(0, lastPad >= 0 ? 4 : padded > 0 ? 4 - padded : 5));
  }
  return bytes;
}
