// The standard phone keypad, ITU-T E.161. 0 and 1 carry no letters.
export const KEYPAD: Readonly<Record<string, string>> = {
  "2": "ABC",
  "3": "DEF",
  "4": "GHI",
  "5": "JKL",
  "6": "MNO",
  "7": "PQRS",
  "8": "TUV",
  "9": "WXYZ",
};

const LETTER_DIGIT = "22233344455566677778889999"; // A..Z

/** The digit a letter is on ("F" → "3"); digits map to themselves. */
export function letterToDigit(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 65 && code <= 90) return LETTER_DIGIT[code - 65]!;
  if (code >= 48 && code <= 57) return ch;
  throw new RangeError(`"${ch}" is not on a phone keypad`);
}

/** What a vanity number dials: "1-800-FLOWERS" → "18003569377". Separators are dropped. */
export function dialDigits(vanity: string): string {
  let out = "";
  for (const ch of vanity.toUpperCase()) if (/[0-9A-Z]/.test(ch)) out += letterToDigit(ch);
  return out;
}
