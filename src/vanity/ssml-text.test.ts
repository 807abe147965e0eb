import { describe, expect, it } from "vitest";
import { findVanityNumbers, speakVanityNumbers, VanityNumber } from "./index.js";
import { promptToText, ssmlToText, unescapeEntities } from "./ssml-text.js";

describe("ssmlToText", () => {
  it("reads digits one by one and spells characters", () => {
    expect(
      ssmlToText('<speak><say-as interpret-as="digits">1800</say-as> <say-as interpret-as="characters">flowers</say-as></speak>'),
    ).toBe("1 8 0 0 F L O W E R S");
    expect(ssmlToText('<speak><say-as interpret-as="spell-out">ab c</say-as></speak>')).toBe("A B C");
  });

  it("keeps the written form for other say-as kinds", () => {
    expect(
      ssmlToText('<speak><say-as interpret-as="cardinal">1234</say-as> and <say-as interpret-as="telephone">555-0100</say-as></speak>'),
    ).toBe("1234 and 555-0100");
  });

  it("turns breaks into pauses by length or strength", () => {
    expect(
      ssmlToText(
        '<speak>a<break time="300ms"/>b<break time="0.7s"/>c<break strength="x-strong"/>d<break/>e<break strength="none"/>f</speak>',
      ),
    ).toBe("a, b … c … d, e f");
  });

  it("puts sentences and paragraphs on lines of their own, ending in a full stop", () => {
    expect(ssmlToText("<speak><p>Hello there</p><s>Number 1: one!</s><s>Two</s>tail</speak>")).toBe(
      "Hello there.\nNumber 1: one!\nTwo.\ntail",
    );
  });

  it("drops pauses at line edges and doubled punctuation", () => {
    expect(ssmlToText('<speak><break time="2s"/><s>Hi.</s><break time="700ms"/><s>There</s><break time="300ms"/></speak>')).toBe(
      "Hi.\nThere.",
    );
  });

  it("uses sub's alias, drops marks and comments, keeps text of other tags", () => {
    expect(
      ssmlToText(
        '<?xml version="1.0"?><speak><!-- note --><sub alias="World Wide Web">WWW</sub> <mark name="m"/><prosody rate="slow"><amazon:effect name="whispered">quiet</amazon:effect></prosody> <phoneme alphabet="ipa" ph="pɪˈkɑːn">pecan</phoneme></speak>',
      ),
    ).toBe("World Wide Web quiet pecan");
  });

  it("unescapes entities in text and attributes", () => {
    expect(
      ssmlToText(
        '<speak>Fish &amp; chips &lt;3 &quot;yes&quot; &apos;no&apos; &#8230; &#x41; <sub alias="R&amp;D">x</sub> &unknown;</speak>',
      ),
    ).toBe("Fish & chips <3 \"yes\" 'no' … A R&D &unknown;");
    expect(unescapeEntities("&amp;lt;")).toBe("&lt;");
  });

  it("passes plain text through", () => {
    expect(ssmlToText("  Thanks for   calling.  ")).toBe("Thanks for calling.");
  });

  it("renders the engine's SSML readably: words said then spelled, digits one by one, fillers spelled", () => {
    const numbers = [
      new VanityNumber("1-800-FLOWERS", ["FLOWERS"]),
      new VanityNumber("1-800-GOT-JUNK", ["GOT", "JUNK"]),
      new VanityNumber("1-301-LOB-0110", []),
    ];
    expect(ssmlToText(speakVanityNumbers(numbers))).toBe(
      [
        "Here are your vanity numbers.",
        "Number 1: 1, 8 0 0, flowers, F L O W E R S.",
        "Number 2: 1, 8 0 0, got, G O T, junk, J U N K.",
        "Number 3: 1, 3 0 1, L O B, 0 1 1 0.",
      ].join("\n"),
    );
    expect(ssmlToText(speakVanityNumbers(findVanityNumbers("+18003569377").vanity.slice(0, 1)))).toContain(
      "Number 1: 1, 8 0 0, flowers, F L O W E R S.",
    );
  });
});

describe("promptToText", () => {
  it("renders each prompt format", () => {
    expect(promptToText("text", "Hello  there")).toBe("Hello there");
    expect(promptToText("ssml", "<speak><s>Hi</s></speak>")).toBe("Hi.");
    expect(promptToText("prompt-id", "arn:aws:connect:…:prompt/1")).toBe("[recorded prompt arn:aws:connect:…:prompt/1]");
  });
});
