// Preloaded into the Artillery CLI by the live load test (NODE_OPTIONS=--import <this file>).
// Artillery 2.x still sends an anonymous "usage ping" to app.posthog.com when
// ARTILLERY_DISABLE_TELEMETRY is set (artilleryio/artillery#1767); without internet access its
// client retries for about 12 s before the CLI exits. The test suite contacts nothing but the local
// demo target, so Artillery's require('posthog-node') gets a client that sends nothing.
import Module from 'node:module';

class SilentPostHog {
  capture() {}
  async shutdownAsync() {}
}

const load = Module._load;
Module._load = function loadWithoutPostHog(request, ...rest) {
  if (request === 'posthog-node') return { PostHog: SilentPostHog };
  return load.call(this, request, ...rest);
};
