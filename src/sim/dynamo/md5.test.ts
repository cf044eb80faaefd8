import { describe, expect, it } from "vitest";
import { md5Hex } from "./md5";

// RFC 1321, appendix A.5 ("test suite")
const rfc1321: [string, string][] = [
  ["", "d41d8cd98f00b204e9800998ecf8427e"],
  ["a", "0cc175b9c0f1b6a831c399e269772661"],
  ["abc", "900150983cd24fb0d6963f7d28e17f72"],
  ["message digest", "f96b697d7cb7938d525a2f31aaf161d0"],
  ["abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"],
  [
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "d174ab98d277d9f5a5611c2c9f419d9f",
  ],
  [
    "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
    "57edf4a22be3c955ac49da2e2107b67a",
  ],
];

describe("MD5", () => {
  for (const [input, digest] of rfc1321) {
    it(`hashes ${JSON.stringify(input.slice(0, 20))}${input.length > 20 ? "..." : ""} as RFC 1321 says`, () => {
      expect(md5Hex(input)).toBe(digest);
    });
  }

  it("hashes text as UTF-8", () => {
    expect(md5Hex("héllo")).toBe("be50e8478cf24ff3595bc7307fb91b50");
  });

  it("handles messages across the 55/56/64-byte padding boundaries", () => {
    // Known digests of "a" repeated n times, computed with coreutils md5sum.
    expect(md5Hex("a".repeat(55))).toBe("ef1772b6dff9a122358552954ad0df65");
    expect(md5Hex("a".repeat(56))).toBe("3b0c8ac703f828b04c6c197006d17218");
    expect(md5Hex("a".repeat(64))).toBe("014842d480b571495a4a0363793f7367");
  });
});
