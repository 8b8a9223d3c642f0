/**
 * Look-alikes for ASCII letters and digits, drawn from Unicode's confusables list (UTS #39, confusables.txt),
 * which is also where PyRIT's UnicodeConfusableConverter gets its choices (through the confusable_homoglyphs
 * package). Ours is a small hand-picked subset: Cyrillic, Greek, Armenian, Cherokee and letterlike forms that
 * read as the letter in ordinary fonts first, then the Mathematical Sans-Serif form, which every letter and
 * digit has, last. The first entry is the deterministic choice.
 */
const homoglyphs: Readonly<Record<string, string>> = {
  a: '\u0430\u0251\u03b1', // Cyrillic а, Latin ɑ, Greek α
  b: '\u0184\u1472', // Latin Ƅ, Canadian Syllabics ᑲ
  c: '\u0441\u03f2\u1d04', // Cyrillic с, Greek lunate ϲ, small capital ᴄ
  d: '\u0501\u217e', // Cyrillic ԁ, Roman numeral ⅾ
  e: '\u0435\u04bd\u212e', // Cyrillic е, Cyrillic ҽ, estimated ℮
  f: '\uab35\u03dd', // Latin lenis ꬵ, Greek digamma ϝ
  g: '\u0261\u0581', // Latin script ɡ, Armenian ց
  h: '\u04bb\u0570', // Cyrillic һ, Armenian հ
  i: '\u0456\u2170\u0269', // Cyrillic і, Roman numeral ⅰ, Latin iota ɩ
  j: '\u0458\u03f3', // Cyrillic ј, Greek yot ϳ
  l: '\u217c\u04cf', // Roman numeral ⅼ, Cyrillic palochka ӏ
  m: '\u217f', // Roman numeral ⅿ
  n: '\u0578', // Armenian ո
  o: '\u043e\u03bf\u0585', // Cyrillic о, Greek ο, Armenian օ
  p: '\u0440\u03c1', // Cyrillic р, Greek ρ
  q: '\u051b\u0563', // Cyrillic ԛ, Armenian գ
  r: '\u0433\uab47', // Cyrillic г, Latin r without handle ꭇ
  s: '\u0455\ua731', // Cyrillic ѕ, small capital ꜱ
  u: '\u057d\u028b', // Armenian ս, Latin ʋ
  v: '\u03bd\u0475\u2174', // Greek ν, Cyrillic ѵ, Roman numeral ⅴ
  w: '\u051d\u0461', // Cyrillic ԝ, Cyrillic omega ѡ
  x: '\u0445\u2179', // Cyrillic х, Roman numeral ⅹ
  y: '\u0443\u04af\u03b3', // Cyrillic у, Cyrillic straight ү, Greek γ
  z: '\u1d22', // small capital ᴢ
  A: '\u0410\u0391', // Cyrillic А, Greek Α
  B: '\u0412\u0392', // Cyrillic В, Greek Β
  C: '\u0421\u03f9\u216d', // Cyrillic С, Greek lunate Ϲ, Roman numeral Ⅽ
  D: '\u216e', // Roman numeral Ⅾ
  E: '\u0415\u0395', // Cyrillic Е, Greek Ε
  F: '\u03dc', // Greek digamma Ϝ
  G: '\u050c', // Cyrillic Ԍ
  H: '\u041d\u0397', // Cyrillic Н, Greek Η
  I: '\u0406\u0399\u2160', // Cyrillic І, Greek Ι, Roman numeral Ⅰ
  J: '\u0408', // Cyrillic Ј
  K: '\u041a\u039a\u212a', // Cyrillic К, Greek Κ, Kelvin sign K
  L: '\u216c', // Roman numeral Ⅼ
  M: '\u041c\u039c\u216f', // Cyrillic М, Greek Μ, Roman numeral Ⅿ
  N: '\u039d', // Greek Ν
  O: '\u041e\u039f', // Cyrillic О, Greek Ο
  P: '\u0420\u03a1', // Cyrillic Р, Greek Ρ
  Q: '\u051a', // Cyrillic Ԛ
  R: '\u13a1', // Cherokee Ꭱ
  S: '\u0405', // Cyrillic Ѕ
  T: '\u0422\u03a4', // Cyrillic Т, Greek Τ
  U: '\u054d', // Armenian Ս
  V: '\u0474\u2164', // Cyrillic Ѵ, Roman numeral Ⅴ
  W: '\u051c', // Cyrillic Ԝ
  X: '\u0425\u03a7\u2169', // Cyrillic Х, Greek Χ, Roman numeral Ⅹ
  Y: '\u03a5\u04ae', // Greek Υ, Cyrillic Ү
  Z: '\u0396', // Greek Ζ
  3: '\u0417', // Cyrillic З
};

const mathSansSerif = { upper: 0x1d5a0, lower: 0x1d5ba, digit: 0x1d7e2 } as const;

function mathSansSerifOf(character: string): string | undefined {
  const code = character.charCodeAt(0);
  if (character >= 'A' && character <= 'Z') return String.fromCodePoint(mathSansSerif.upper + code - 65);
  if (character >= 'a' && character <= 'z') return String.fromCodePoint(mathSansSerif.lower + code - 97);
  if (character >= '0' && character <= '9') return String.fromCodePoint(mathSansSerif.digit + code - 48);
  return undefined;
}

function buildTable(): ReadonlyMap<string, readonly [string, ...string[]]> {
  const table = new Map<string, readonly [string, ...string[]]>();
  const ascii = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  for (const character of ascii) {
    const fallback = mathSansSerifOf(character);
    if (fallback === undefined) continue;
    const [best, ...others] = [...Array.from(homoglyphs[character] ?? ''), fallback];
    table.set(character, [best, ...others]);
  }
  return table;
}

/** ASCII letter or digit → its look-alikes, best first. Other characters have none and are left alone. */
export const confusables: ReadonlyMap<string, readonly [string, ...string[]]> = buildTable();
