// The SSML check the simulator and the handler's tests rely on must itself catch broken documents.
import { describe, expect, it } from "vitest";
import { ssmlProblems } from "./ssml-check.js";

describe("ssmlProblems", () => {
  it("accepts what the handler sends", () => {
    expect(ssmlProblems("<speak>Sorry, we cannot.</speak>")).toEqual([]);
    expect(
      ssmlProblems('<speak><s>Number 1: <say-as interpret-as="digits">1</say-as><break time="300ms"/> &amp; more</s></speak>'),
    ).toEqual([]);
  });

  it.each([
    ["text outside", "hello <speak>x</speak>"],
    ["unclosed tag", "<speak><s>x</speak>"],
    ["crossed tags", "<speak><s><p>x</s></p></speak>"],
    ["bare ampersand", "<speak>a & b</speak>"],
    ["unknown entity", "<speak>&nbsp;</speak>"],
    ["bare >", "<speak>]]></speak>"],
    ["bare <", "<speak>a < b</speak>"],
    ["unquoted attribute", "<speak><break time=3s/></speak>"],
    ["a tag Connect lacks", "<speak><script>alert(1)</script></speak>"],
    ["two roots", "<speak>a</speak><speak>b</speak>"],
    ["CDATA", "<speak><![CDATA[x]]></speak>"],
    ["comment", "<speak><!-- x --></speak>"],
    ["a CDATA end in text", "<speak>a ]]> b</speak>"],
    ["a character reference to NUL", "<speak>&#0;</speak>"],
    ["a character reference past Unicode", "<speak>&#x110000;</speak>"],
    ["a root other than speak", "<s>x</s>"],
    ["a processing instruction", "<speak><?x y?></speak>"],
    ["nothing at all", ""],
  ])("rejects %s", (_name, ssml) => {
    expect(ssmlProblems(ssml)).not.toEqual([]);
  });
});
