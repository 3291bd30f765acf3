export interface FeedResponse {
  status: number;
  body?: string | Uint8Array;
  contentType?: string;
}
export interface StoriesFeedServer {
  origin: string;
  url: string;
  sponsoredUrl: string;
  requests: string[];
  queries: { path: string; search: string }[];
  route(path: string, respond: () => Promise<FeedResponse>): string;
  close(): Promise<void>;
}
export const SAMPLE_FEED_PATH: string;
export const DEFAULT_PORT: number;
export function startStoriesFeedServer(options?: { port?: number; host?: string }): Promise<StoriesFeedServer>;
export function json(value: unknown, status?: number): () => Promise<FeedResponse>;
