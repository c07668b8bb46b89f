import { loginThrottleCases } from '@company-chat/testing/conformance';
import { describe } from 'vitest';
import { createMemoryLoginThrottle } from './memory-login-throttle.js';

describe('memory login throttle', () => {
  loginThrottleCases(async (options) => ({ throttle: createMemoryLoginThrottle(options) }));
});
