// The eval's thresholds as a fast test: the whole labelled set and the eval's fixed sample of random
// numbers. The floors are the figures `npm run eval` measured when the weights were last tuned,
// less a little, so that a change that makes the numbers worse fails here; the targets
// (85% first, 95% top 3) are printed by `npm run eval` beside the figures.
import { describe, expect, it } from "vitest";
import { randomNumbers, readLabelled, scoreLabelled, scoreRandom, wordLists } from "./measure.js";

describe("the eval, on a fixed sample", () => {
  it("labelled numbers whose runs are all words: the advertised one is first or in the top 3 as often as when tuned", () => {
    const { inReach } = scoreLabelled(readLabelled());
    expect(inReach.total).toBeGreaterThanOrEqual(80);
    expect(inReach.first / inReach.total).toBeGreaterThanOrEqual(0.58);
    expect(inReach.top3 / inReach.total).toBeGreaterThanOrEqual(0.78);
  });

  it("random numbers: the common word used, no noise at the top, never offensive, undialable or short of five", () => {
    const score = scoreRandom(randomNumbers(1000), wordLists()); // the eval's own sample
    expect(score.commonWordUsed / score.withCommonWord).toBeGreaterThanOrEqual(0.94);
    expect(score.strayLetterFirst + score.nonWordRunFirst + score.soupFirst).toBe(0);
    expect(score.offensive + score.undialable + score.fewerThanFive).toBe(0);
  });

  it("every labelled line dials what its letters say (readLabelled checks each)", () => {
    const set = readLabelled();
    expect(set.length).toBeGreaterThanOrEqual(150);
    expect(new Set(set.map((l) => l.digits)).size).toBe(set.length);
  });
});
