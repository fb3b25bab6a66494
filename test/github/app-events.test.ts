/** The app's event dispatch: handlers by event and action, a logger bound to the delivery, failures logged without the payload. */
import { describe, expect, it } from 'vitest';
import { appEvents } from '../../src/github/events.js';
import { makeLogSafe } from '../../src/github/log-safety.js';
import { captureLogger } from './fake/probot.js';

const payload = (action: string, title = 'title') => ({ action, number: 3, pull_request: { title }, repository: { id: 1 }, installation: { id: 2 } });

describe('app events', () => {
  it('runs the handlers of the event and action, each with the delivery\'s logger', async () => {
    const lines: string[] = [];
    const events = appEvents(captureLogger(lines, 'info') as never);
    const seen: string[] = [];
    events.on('pull_request.opened', (e) => {
      seen.push(`opened ${e.id} ${e.payload.number}`);
      e.log.info('recorded');
    });
    events.on(['pull_request.closed', 'pull_request.opened'], (e) => void seen.push(`either ${e.payload.action}`));
    await events.receive({ id: 'd-1', name: 'pull_request', payload: payload('opened') });
    await events.receive({ id: 'd-2', name: 'pull_request', payload: payload('synchronize') });
    expect(seen.sort()).toEqual(['either opened', 'opened d-1 3']);
    expect(JSON.parse(lines[0]!)).toMatchObject({ name: 'event', id: 'd-1', msg: 'recorded' });
  });

  it('a failing handler rejects the delivery and leaves one log line with no payload in it', async () => {
    const lines: string[] = [];
    const log = captureLogger(lines, 'info');
    makeLogSafe(log as never);
    const events = appEvents(log as never);
    events.on('pull_request.opened', () => {
      throw new Error('the store is closed');
    });
    await expect(events.receive({ id: 'd-3', name: 'pull_request', payload: payload('opened', 'SECRET-TITLE') })).rejects.toThrow();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('handling delivery d-3 failed');
    expect(lines[0]).toContain('the store is closed');
    expect(lines[0]).not.toContain('SECRET-TITLE');
  });
});
