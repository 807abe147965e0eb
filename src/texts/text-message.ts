// The text message a caller asks for (the menu's option 2): their five vanity numbers, in one
// SMS segment, so it arrives whole and costs one message. Pure.

/** One GSM-7 segment; every character we write is in the GSM-7 basic set. */
export const SMS_SEGMENT_CHARACTERS = 160;
const GSM7_BASIC = /^[A-Za-z0-9 @£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà]*$/;

/**
 * "Your vanity numbers: 1-800-FLOWERS, 1-800-FLOWER-S, …" with as many of `numbers` (best
 * first, at least one) as fit in one segment.
 */
export function textMessage(numbers: readonly string[]): string {
  if (numbers.length === 0) throw new RangeError("textMessage needs at least one vanity number");
  for (let count = numbers.length; count >= 1; count--) {
    const body = `Your vanity numbers: ${numbers.slice(0, count).join(", ")}`;
    if (body.length <= SMS_SEGMENT_CHARACTERS && GSM7_BASIC.test(body)) return body;
  }
  throw new RangeError(`the vanity number ${JSON.stringify(numbers[0]!.slice(0, 40))} does not fit in one text message`);
}
