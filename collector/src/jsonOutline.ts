/**
 * One cheap pass over JSON bytes before they are parsed: how many entries the
 * top-level `documents` array holds, how many other values sit near the top, and
 * which containers are nested too deep. It allocates nothing per value, so a
 * 10 MiB array of `{}` or a 5,000-level document is refused (or cut out) for the
 * price of a byte loop instead of a full parse.
 *
 * It is not a validator: JSON.parse still decides whether the text is JSON. It only
 * has to be right for valid JSON, and must never loop or throw on invalid input.
 * Structural characters are ASCII, and UTF-8 continuation bytes never are, so
 * scanning bytes instead of characters is exact.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const DOCUMENTS_KEY = Buffer.from('documents');

/** A container opened deeper than the limit, from its opening to its closing bracket (end exclusive). */
export interface DeepCut {
  start: number;
  end: number;
  /** Index in the top-level `documents` array of the entry holding it, or -1 outside any entry. */
  entry: number;
}

export interface JsonOutline {
  /** Values in the array under the top-level key `documents`. */
  entries: number;
  /** Values in any other array directly under the top level. */
  otherValues: number;
  /** Outermost containers deeper than the limit; empty when none is. */
  cuts: DeepCut[];
  /** False when brackets or a string were left open (the text is not JSON). */
  balanced: boolean;
}

const isWhitespace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Depth counts open containers: the top-level object is depth 1. */
export function outlineJson(bytes: Uint8Array, maxDepth: number): JsonOutline {
  const cuts: DeepCut[] = [];
  let depth = 0;
  let lastTopStringIsDocuments = false;
  let inDocuments = false;
  let depth2IsArray = false;
  let valueExpected = false;
  let entries = 0;
  let otherValues = 0;
  let cutStart = -1;

  const valueStarts = () => {
    if (valueExpected && depth === 2) {
      if (inDocuments) entries++;
      else otherValues++;
    }
    valueExpected = false;
  };

  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (isWhitespace(c)) continue;
    switch (c) {
      case QUOTE: {
        valueStarts();
        // Strings are most of a ping: jump to the closing quote with a native search.
        const end = closingQuote(bytes, i);
        if (end === -1) return { entries, otherValues, cuts, balanced: false };
        if (depth === 1) lastTopStringIsDocuments = isDocumentsKey(bytes, i + 1, end);
        i = end;
        break;
      }
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        valueStarts();
        depth++;
        if (depth > maxDepth && cutStart === -1) cutStart = i;
        if (depth === 2) {
          depth2IsArray = c === OPEN_ARRAY;
          inDocuments = depth2IsArray && lastTopStringIsDocuments;
        }
        valueExpected = c === OPEN_ARRAY && depth === 2;
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        if (depth === maxDepth + 1 && cutStart !== -1) {
          cuts.push({ start: cutStart, end: i + 1, entry: inDocuments ? entries - 1 : -1 });
          cutStart = -1;
        }
        if (depth > 0) depth--;
        if (depth < 2) inDocuments = false;
        valueExpected = false;
        break;
      case COMMA:
        valueExpected = depth === 2 && depth2IsArray;
        break;
      default:
        valueStarts();
    }
  }
  return { entries, otherValues, cuts, balanced: depth === 0 && cutStart === -1 };
}

/** Index of the quote closing the string that opens at `open`, or -1 if it never closes. */
function closingQuote(bytes: Uint8Array, open: number): number {
  let at = bytes.indexOf(QUOTE, open + 1);
  while (at !== -1) {
    let backslashes = 0;
    while (bytes[at - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
    at = bytes.indexOf(QUOTE, at + 1);
  }
  return -1;
}

function isDocumentsKey(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start !== DOCUMENTS_KEY.length) return false;
  for (let k = 0; k < DOCUMENTS_KEY.length; k++) if (bytes[start + k] !== DOCUMENTS_KEY[k]) return false;
  return true;
}

/** The bytes with every cut container replaced by `null`, so what is left parses quickly and shallowly. */
export function withoutCuts(bytes: Buffer, cuts: readonly DeepCut[]): Buffer {
  if (cuts.length === 0) return bytes;
  const parts: Buffer[] = [];
  let from = 0;
  for (const cut of cuts) {
    parts.push(bytes.subarray(from, cut.start), NULL_BYTES);
    from = cut.end;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

const NULL_BYTES = Buffer.from('null');
