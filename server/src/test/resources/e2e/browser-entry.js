// Bundled with esbuild into one script for the test page: exposes the real @sentry/browser SDK as window.Sentry.
import * as Sentry from '@sentry/browser';
window.Sentry = Sentry;
