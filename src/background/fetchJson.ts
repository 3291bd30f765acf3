// Fetches JSON (or, with fetchCapped, any body) from a server we do not
// control: no cookies or referrer go out, a slow server is cut off, and the
// body is read only up to a size cap, so a huge or endless response can't
// exhaust the background's memory.
export interface FetchJsonOptions {
  maxBytes: number;
  timeoutMs: number;
}

export class FetchJsonError extends Error {}

/** The body (at most `maxBytes`) and declared content type of a successful response. */
export async function fetchCapped(
  fetchFn: typeof fetch,
  url: string,
  options: FetchJsonOptions,
): Promise<{ body: Uint8Array; contentType: string }> {
  const response = await fetchFn(url, {
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    cache: 'no-cache',
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  if (!response.ok) throw new FetchJsonError(`HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length'));
  if (declared > options.maxBytes) {
    await response.body?.cancel();
    throw new FetchJsonError(`response of ${declared} bytes is over the ${options.maxBytes}-byte cap`);
  }
  return { body: await readCapped(response, options.maxBytes), contentType: response.headers.get('content-type') ?? '' };
}

export async function fetchJsonCapped(fetchFn: typeof fetch, url: string, options: FetchJsonOptions): Promise<unknown> {
  const { body } = await fetchCapped(fetchFn, url, options);
  try {
    return JSON.parse(new TextDecoder().decode(body)) as unknown;
  } catch {
    throw new FetchJsonError('response is not JSON');
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new FetchJsonError(`response is over the ${maxBytes}-byte cap`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
