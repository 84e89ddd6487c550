// offsets.js is the one place that converts between the two ways gloss
// counts positions in a text.
//
// The server counts Unicode code points, end exclusive (storage/model). The
// browser counts UTF-16 code units: String indexes, Range offsets and text
// node offsets all do. They differ by one for every astral character (one
// code point, two units: emoji, many CJK extension ideographs, ...).
//
// OffsetMap records where the astral characters are, once per text, so that
// each conversion is a binary search instead of a scan of the text. Offsets
// that point into the middle of a surrogate pair snap to the pair's start
// (or, with round up, its end).

/** True when the code unit at i and i+1 of s form a surrogate pair. */
function isPairAt(s, i) {
  const hi = s.charCodeAt(i);
  if (hi < 0xd800 || hi > 0xdbff) return false;
  const lo = s.charCodeAt(i + 1);
  return lo >= 0xdc00 && lo <= 0xdfff;
}

/** Index of the first element of the sorted array a that is >= x. */
function lowerBound(a, x) {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class OffsetMap {
  /** @param {string} text the article text as JavaScript holds it */
  constructor(text) {
    // pairs16[i]: UTF-16 offset of the i-th surrogate pair.
    // pairsCP[i]: its code-point offset, pairs16[i] - i. Both ascend.
    const pairs16 = [];
    const pairsCP = [];
    for (let i = 0; i < text.length - 1; i++) {
      if (isPairAt(text, i)) {
        pairsCP.push(i - pairs16.length);
        pairs16.push(i);
        i++;
      }
    }
    this.pairs16 = pairs16;
    this.pairsCP = pairsCP;
    this.length16 = text.length;
    this.lengthCP = text.length - pairs16.length;
  }

  /**
   * toCodePoint converts a UTF-16 offset to a code-point offset. An offset
   * between the two halves of a pair snaps down to the pair's start, or up
   * past it when roundUp is set (useful for the end of a range).
   */
  toCodePoint(u16, roundUp = false) {
    u16 = Math.max(0, Math.min(u16, this.length16));
    // Pairs that start before u16 each count one unit more than one code point.
    let k = lowerBound(this.pairs16, u16);
    if (k > 0 && this.pairs16[k - 1] === u16 - 1) {
      // u16 is inside the pair that starts at u16-1.
      return roundUp ? u16 - 1 - (k - 1) + 1 : u16 - 1 - (k - 1);
    }
    return u16 - k;
  }

  /** toUTF16 converts a code-point offset to a UTF-16 offset. */
  toUTF16(cp) {
    cp = Math.max(0, Math.min(cp, this.lengthCP));
    // Every pair whose code-point offset is below cp adds one unit.
    return cp + lowerBound(this.pairsCP, cp);
  }

  /** spanToUTF16 converts a code-point span {start, end} to UTF-16 [s, e). */
  spanToUTF16(start, end) {
    return [this.toUTF16(start), this.toUTF16(end)];
  }

  /**
   * spanToCodePoints converts a UTF-16 span to code points; a start inside
   * a pair snaps down and an end inside a pair snaps up, so the span never
   * cuts a character in half.
   */
  spanToCodePoints(s16, e16) {
    return [this.toCodePoint(s16, false), this.toCodePoint(e16, true)];
  }
}

/** codePointLength counts the code points of s, as the server does. */
export function codePointLength(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    if (isPairAt(s, i)) i++;
    n++;
  }
  return n;
}

/** sliceCodePoints returns s[start:end) counted in code points. */
export function sliceCodePoints(s, start, end, map = new OffsetMap(s)) {
  const [a, b] = map.spanToUTF16(start, end);
  return s.slice(a, b);
}
