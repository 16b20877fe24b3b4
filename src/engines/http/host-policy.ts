/** The host rules live in the request policy; this name stays for existing imports. */
export {
  allowedHosts,
  assertAllowedHost,
  destructiveAllowed,
  isAllowedHost,
  isLoopback,
} from './request-policy.js';
