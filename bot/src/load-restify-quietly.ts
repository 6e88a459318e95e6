/**
 * restify 11 loads spdy → http-deceiver, which calls `process.binding('http_parser')` as it loads, so Node prints
 * a DEP0111 deprecation warning on every start. Bridgeline serves plain HTTP/1.1 and never reaches that code. This
 * module, imported first by `main.ts`, loads restify once with deprecation warnings off and then turns them back
 * on, so an operator's log starts with Bridgeline's own lines and every other deprecation still shows.
 */
const previous = process.noDeprecation;
process.noDeprecation = true;
try {
  await import('restify');
} finally {
  process.noDeprecation = previous;
}

export {};
