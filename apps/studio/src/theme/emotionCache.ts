/**
 * The one emotion cache of the studio, in speedy mode: rules go into the stylesheet through the
 * CSSOM (`insertRule`), never as text in a `<style>` element. The studio's CSP admits only empty
 * inline `<style>` elements (docs/security.md), and the bundled emotion is its development build,
 * which otherwise writes rule text into the element, so every MUI style would be refused.
 */
import createCache from '@emotion/cache';

/** The emotion cache for `CacheProvider` (key `css`, MUI's default). */
export const emotionCache = createCache({ key: 'css', speedy: true });
