import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashPassword, SCRYPT, verifyPassword } from "./password-hash.js";

describe("password hashes", () => {
  it("verify the password they were made from and no other (any text, accents and emoji too)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 40, unit: "grapheme" }),
        fc.string({ maxLength: 40 }),
        async (password, other) => {
          const stored = await hashPassword(password);
          expect(await verifyPassword(password, stored)).toBe(true);
          if (other.normalize("NFKC") !== password.normalize("NFKC")) expect(await verifyPassword(other, stored)).toBe(false);
        },
      ),
      { numRuns: 8 },
    );
  });

  it("name their parameters and salt, so two hashes of one password differ", async () => {
    const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(a).toMatch(new RegExp(`^scrypt\\$${SCRYPT.log2N}\\$${SCRYPT.r}\\$${SCRYPT.p}\\$[\\w-]{22}\\$[\\w-]{43}$`));
    expect(a).not.toBe(b);
  });

  it("refuse, without throwing, a stored value that is not one of theirs", async () => {
    for (const stored of ["", "plain-text", "scrypt$99$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "bcrypt$1$2$3$4$5", "scrypt$15$8$1$$"]) {
      expect(await verifyPassword("x", stored), stored).toBe(false);
    }
  });
});
