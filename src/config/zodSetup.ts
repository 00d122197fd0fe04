import * as z from 'zod';

/**
 * No JIT for zod: its `Function('')` probe (run when the first object schema is made) is reported
 * as a violation under the documented CSP, which has no 'unsafe-eval', although zod catches it.
 * Imported by every module that makes schemas, before it makes any.
 */
z.config({ jitless: true });
