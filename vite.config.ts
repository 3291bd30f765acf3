// Builds the extension pages (newtab, welcome, options, the toolbar popup) as an ES-module app.
// The background and the new tab's boot script are built separately as classic
// scripts (scripts/build.mjs): an event page and a service worker both load the
// background that way, and the boot script must run while newtab.html parses.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { buildDefines } from './scripts/buildSettings.mjs';

// React can write raw HTML only through dangerouslySetInnerHTML, which we never
// use: feed text is always rendered as text. Removing that path from the bundle
// makes it impossible, and keeps `web-ext lint` free of innerHTML warnings.
function forbidRawHtml(): Plugin {
  return {
    name: 'forbid-raw-html',
    transform(code, id) {
      if (!id.includes('react-dom')) return null;
      const replaced = code.replace(
        /\((\w+)\.innerHTML = (\w+)\)/g,
        '(() => { throw new Error("raw HTML is not allowed in Open Activity Stream"); })()',
      );
      return replaced === code ? null : { code: replaced, map: null };
    },
  };
}

// The new tab's first paint (its boot script's) needs the styles its module
// entry imports: as stylesheets they are requests that block rendering, so they are written into
// the page instead (an extension page's default CSP allows inline styles). Each
// keeps its link, disabled, so it is never fetched: Vite's loader of the app's
// styles reads the page's links to know which files are in already.
function inlineNewTabStyles(): Plugin {
  return {
    name: 'inline-new-tab-styles',
    transformIndexHtml: {
      order: 'post',
      handler: (html, { path, bundle }) =>
        path.endsWith('/newtab/newtab.html') && bundle
          ? html.replace(/<link rel="stylesheet"[^>]*href="(\.\.\/(assets\/[^"]+\.css))">/g, (_link, href: string, file: string) => {
              const asset = bundle[file];
              if (asset?.type !== 'asset') throw new Error(`inline-new-tab-styles: ${file} is not in the bundle`);
              return `<style>${String(asset.source).trim()}</style><link rel="stylesheet" href="${href}" disabled>`;
            })
          : html,
    },
  };
}

// Vite writes the new tab's module entry into the head, ahead of the boot
// script: Firefox then fetched the entry first, and the parse (so the boot
// paint) waited longer for the boot script. After it, the entry still runs
// only once the page has parsed, as a module does wherever it is.
function bootScriptFirst(): Plugin {
  return {
    name: 'boot-script-first',
    transformIndexHtml: {
      order: 'post',
      handler: (html, { path }) => {
        if (!path.endsWith('/newtab/newtab.html')) return html;
        const entry = /<script type="module"[^>]*><\/script>\s*/.exec(html)?.[0];
        const boot = /<script\b[^>]*\bsrc="\.\/boot\.js"[^>]*><\/script>/.exec(html)?.[0];
        if (!entry || !boot) throw new Error('boot-script-first: newtab.html has no module entry or no boot script');
        return html.replace(entry, '').replace(boot, `${boot}\n    ${entry.trim()}`);
      },
    },
  };
}

export default defineConfig(({ mode }) => ({
  root: resolve(import.meta.dirname, 'src'),
  base: './',
  publicDir: resolve(import.meta.dirname, 'public'),
  plugins: [react(), forbidRawHtml(), inlineNewTabStyles(), bootScriptFirst()],
  define: buildDefines(mode),
  build: {
    outDir: resolve(import.meta.dirname, process.env.OAS_OUT_DIR ?? 'dist/firefox'),
    emptyOutDir: false,
    target: 'es2022',
    // Vite's module preload polyfill is an inline script, which an extension page's CSP refuses.
    modulePreload: false,
    sourcemap: false,
    rollupOptions: {
      input: {
        newtab: resolve(import.meta.dirname, 'src/newtab/newtab.html'),
        welcome: resolve(import.meta.dirname, 'src/welcome/welcome.html'),
        options: resolve(import.meta.dirname, 'src/options/options.html'),
        popup: resolve(import.meta.dirname, 'src/popup/popup.html'),
      },
    },
  },
}));
