// Build settings injected by Vite's `define` (see vite.config.ts).
declare const __BUILD_ID__: string;
declare const __TELEMETRY_ENDPOINT__: string;
declare const __TELEMETRY_TRANSPORT__: 'batch' | 'edge';
declare const __RELEASE_CHANNEL__: string;
declare const __ADDON_VERSION__: string;
declare const __STORIES_FEED_URL__: string;
declare const __SPONSORED_FEED_URL__: string;
declare const __MESSAGING_SERVER__: string;
declare const __ATTRIBUTION__: string;
declare const __WIDGETS_SYSTEM_ENABLED__: boolean;
declare const __SYSTEM_SPONSORED_CONTENT__: boolean;
declare const __SYSTEM_WALLPAPERS__: boolean;
