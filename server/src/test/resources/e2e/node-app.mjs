// A tiny Node.js "app" using the real @sentry/node SDK. Usage: node node-app.mjs <dsn>
// Prints one line of JSON with the ids of the events it captured.
import * as Sentry from '@sentry/node';

const dsn = process.argv[2];
Sentry.init({
  dsn,
  release: 'e2e@1.0.0',
  environment: 'e2e-node',
  serverName: 'e2e-node-host',
  debug: false,
});
Sentry.setTag('checkout', 'v2');
Sentry.setTag('region', 'eu-west');
Sentry.setUser({ id: 'u-7', email: 'grace@example.com', username: 'grace' });
Sentry.addBreadcrumb({ category: 'checkout', message: 'cart loaded', level: 'info', data: { items: 3 } });

function readCard(order) {
  throw new TypeError(`card declined for order ${order}`);
}
function charge(order) {
  readCard(order);
}
function pay(order) {
  charge(order);
}

const ids = {};
try {
  pay(7);
} catch (e) {
  ids.exception = Sentry.captureException(e);
}
ids.message = Sentry.captureMessage('node inventory low for sku 1234', 'warning');
// over 32 KiB: the SDK gzips this one
ids.large = Sentry.captureMessage('node large event', { level: 'info', extra: { blob: 'x'.repeat(40000) } });

const flushed = await Sentry.flush(5000);
console.log(JSON.stringify({ flushed, ...ids }));
