// Registers the offline cache (sw.js, generated per build) when the page is served over http(s)
// and is not embedded in another page: help-center iframes get no service worker.
const embedded = new URLSearchParams(location.search).has('embed') || window.parent !== window;
if ('serviceWorker' in navigator && location.protocol.startsWith('http') && !embedded) {
  navigator.serviceWorker.register('./sw.js').catch(() => {
    // Offline support is a convenience; the page works without it.
  });
}
