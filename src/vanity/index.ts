// The vanity engine's public face: a caller's number in, the five best vanity numbers out.
// Pure: no AWS, no I/O after the dictionary is loaded once per process.
export { parseCallerId, parsePhoneNumber, PhoneNumberError } from "./phone.js";
export type { ParsedPhoneNumber, PhoneNumberErrorCode } from "./phone.js";
export { findVanityNumbers, vanityForParsedNumber, VanityNumber } from "./vanity.js";
export type { VanityResult, VanityOptions } from "./vanity.js";
export { escapeXml, speakVanity, speakVanityNumbers } from "./speech.js";
export { boostWordsOrNone, BoostWordsError, parseBoostWords } from "./boost.js";
export type { BoostWord } from "./search.js";
export type { Explanation, ExplanationPart } from "./explain.js";
