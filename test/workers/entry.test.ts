/**
 * workerd reads every named export of the Worker's entry module as an entrypoint and refuses to
 * start on anything else (a constant stops `wrangler dev` and a deployment with "Incorrect type for
 * map entry"), so the entry exports its handler only.
 */
import { expect, it } from 'vitest';
import * as entry from '../../src/entry/worker';

it('the Worker entry exports only its handler', () => {
  expect(Object.keys(entry)).toEqual(['default']);
});
