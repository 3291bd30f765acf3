/**
 * Streams a JSON list of rows page by page, so one read never holds more than a page of
 * rows and about `budgetBytes` of answer, and ingestion gets turns between pages.
 *
 *   {"<key>":[row,row,...],"next_cursor":"<id>" | null}
 *
 * `next_cursor` is set when rows were left out (by the limit or the byte budget).
 */
import type { ServerResponse } from 'node:http';

const PAGE_ROWS = 200;

export interface RowSource<R extends { id: number }> {
  /** Up to `count` rows after the row with id `after` (null: from the start), in answer order. */
  fetch(after: number | null, count: number): Promise<R[]>;
  toJson(row: R): string;
  start: number | null;
  limit: number;
  budgetBytes: number;
}

export async function streamRows<R extends { id: number }>(res: ServerResponse, key: string, source: RowSource<R>): Promise<void> {
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.write(`{${JSON.stringify(key)}:[`);
  let written = 0;
  let count = 0;
  let cursor = source.start;
  let next: number | null = null;
  for (;;) {
    // One row more than still allowed, to know whether something was left out.
    const wanted = Math.min(PAGE_ROWS, source.limit - count + 1);
    const page = await source.fetch(cursor, wanted);
    let stopped = false;
    for (const row of page) {
      if (count === source.limit || written >= source.budgetBytes) {
        next = cursor;
        stopped = true;
        break;
      }
      const text = source.toJson(row);
      res.write(count === 0 ? text : `,${text}`);
      written += text.length;
      count++;
      cursor = row.id;
    }
    if (stopped || page.length < wanted || res.destroyed) break;
    if (res.writableNeedDrain) await drained(res);
  }
  res.end(`],"next_cursor":${next === null ? 'null' : JSON.stringify(String(next))}}`);
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
