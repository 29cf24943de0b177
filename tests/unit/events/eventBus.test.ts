import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/core/events/eventBus';
import {
  APP_EVENTS,
  appEventPayloadSchemas,
  appEventSchema,
  type AppEvent,
} from '../../../src/shared/contract';

const at = new Date('2026-03-02T02:00:00Z');

function collect(bus: EventBus, internal = false): AppEvent[] {
  const seen: AppEvent[] = [];
  bus.subscribe((e) => seen.push(e), { internal });
  return seen;
}

describe('event bus: only the contract’s events', () => {
  it('delivers a listed event with its payload', () => {
    const bus = new EventBus();
    const seen = collect(bus);
    bus.publish(APP_EVENTS.queueCalled, { number: 'A-001', counter: 2, recall: false }, at);
    bus.publish(APP_EVENTS.siteChanged, undefined, at);
    expect(seen).toEqual([
      {
        type: 'queue.called',
        at: at.toISOString(),
        data: { number: 'A-001', counter: 2, recall: false },
      },
      { type: 'site.changed', at: at.toISOString() },
    ]);
  });

  it('refuses a name outside the list (a cast cannot slip one through)', () => {
    const bus = new EventBus();
    const seen = collect(bus, true);
    const publish = bus.publish.bind(bus) as (type: string, data?: unknown) => void;
    expect(() => publish('queue.chnaged', { counter: 1 })).toThrow(TypeError);
    // 'hello' opens every stream; it is never published through the bus.
    expect(() => publish('hello')).toThrow(TypeError);
    expect(seen).toEqual([]);
  });

  it('refuses a payload that does not match the event’s schema', () => {
    const bus = new EventBus();
    const seen = collect(bus, true);
    const publish = bus.publish.bind(bus) as (type: string, data?: unknown) => void;
    expect(() => publish(APP_EVENTS.queueCalled, { number: 'A-001' })).toThrow(TypeError);
    // Personal data cannot ride along: payloads are strict.
    expect(() =>
      publish(APP_EVENTS.dossierChanged, { id: 'd1', status: 'received', citizenName: 'X' }),
    ).toThrow(TypeError);
    expect(() => publish(APP_EVENTS.siteChanged, { name: 'x' })).toThrow(TypeError);
    expect(seen).toEqual([]);
  });

  it('keeps internal events (ticket ids) away from screen listeners, whoever publishes', () => {
    const bus = new EventBus();
    const screen = collect(bus);
    const core = collect(bus, true);
    bus.publish(APP_EVENTS.queueCompleted, { ticketId: 't1', counterId: 'c1', number: 'A-1' }, at);
    expect(screen).toEqual([]);
    expect(core.map((e) => e.type)).toEqual(['queue.completed']);
  });

  it('the wire schema accepts the listed events and drops the others', () => {
    expect(
      appEventSchema.safeParse({ type: 'printers.changed', at: at.toISOString() }).success,
    ).toBe(true);
    expect(appEventSchema.safeParse({ type: 'nope', at: at.toISOString() }).success).toBe(false);
    expect(
      appEventSchema.safeParse({ type: 'queue.called', at: at.toISOString(), data: { x: 1 } })
        .success,
    ).toBe(false);
  });
});

/** Every publisher and subscriber names events through APP_EVENTS, never a string literal. */
describe('no event-name literals in the code', () => {
  const names = Object.keys(appEventPayloadSchemas);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry) && !full.endsWith(path.join('contract', 'events.ts')))
        files.push(full);
    }
  };
  walk(path.resolve(__dirname, '../../../src'));

  it('publish(), e.type comparisons and the streams use the constants', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const name of names) {
        const quoted = `'${name}'`;
        const uses = [
          `publish(${quoted}`,
          `type === ${quoted}`,
          `type !== ${quoted}`,
          `type: ${quoted}`,
        ];
        for (const use of uses) if (text.includes(use)) offenders.push(`${file}: ${use}`);
      }
      if (/type\.startsWith\('queue\.'\)/.test(text))
        offenders.push(`${file}: startsWith('queue.')`);
    }
    expect(offenders).toEqual([]);
  });
});
