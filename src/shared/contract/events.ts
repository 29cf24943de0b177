import { z } from 'zod';
import { printerRoleSchema } from '../printing/printerProfile';
import { dossierStatusSchema } from './dossiers';
import { printJobStatusSchema } from './printing';
import { publicRatingWindowSchema } from './ratings';

/**
 * THE list of live events: every name the event bus (src/core/events) accepts, each with the
 * schema of its payload. Publishers and subscribers use these constants, never a literal.
 * Events reach the screens (SSE, the Electron windows), so payloads carry no personal data.
 */
export const APP_EVENTS = {
  /** First message of every stream (sent by the stream itself, not through the bus). */
  hello: 'hello',
  /** The site's settings changed (name, agency code…). */
  siteChanged: 'site.changed',
  /** Something in the queue changed: a ticket, a counter's pause, the settings or the set-up. */
  queueChanged: 'queue.changed',
  /** A ticket was called (or recalled) to a counter: the lobby board announces it. */
  queueCalled: 'queue.called',
  /** A service was completed. Internal: the ticket id names its rating (docs/security.md). */
  queueCompleted: 'queue.completed',
  /** A dossier was received or changed status. */
  dossierChanged: 'dossier.changed',
  /** A print job was queued, started, printed or failed. */
  printJob: 'print.job',
  /** The printer configuration changed. */
  printersChanged: 'printers.changed',
  /** A satisfaction-rating window opened at a counter (public view, without the ticket id). */
  ratingOpen: 'rating.open',
  /** A rating window closed because the citizen rated. */
  ratingClosed: 'rating.closed',
  /** A file was attached to (or linked into) a dossier; the dossier's internal id. */
  dossierFiles: 'dossier.files',
  /** The scanner folder's tray changed: a new scan arrived, or one was attached. */
  scanFolderChanged: 'scanFolder.changed',
} as const;

export type AppEventType = (typeof APP_EVENTS)[keyof typeof APP_EVENTS];

const noPayload = z.undefined();

/** The payload of each event; `undefined` for events that say only that something changed. */
export const appEventPayloadSchemas = {
  [APP_EVENTS.hello]: noPayload,
  [APP_EVENTS.siteChanged]: noPayload,
  [APP_EVENTS.queueChanged]: z.union([
    z.strictObject({ serviceId: z.string(), number: z.string() }),
    z.strictObject({ counter: z.number().int() }),
    z.strictObject({ settings: z.literal(true) }),
    z.strictObject({ config: z.literal(true) }),
  ]),
  [APP_EVENTS.queueCalled]: z.strictObject({
    number: z.string(),
    counter: z.number().int(),
    recall: z.boolean(),
  }),
  [APP_EVENTS.queueCompleted]: z.strictObject({
    ticketId: z.string(),
    counterId: z.string().nullable(),
    number: z.string(),
  }),
  [APP_EVENTS.dossierChanged]: z.strictObject({ id: z.string(), status: dossierStatusSchema }),
  [APP_EVENTS.printJob]: z.strictObject({
    id: z.string(),
    kind: z.string(),
    role: printerRoleSchema,
    status: printJobStatusSchema,
  }),
  [APP_EVENTS.printersChanged]: noPayload,
  [APP_EVENTS.ratingOpen]: publicRatingWindowSchema.strict(),
  [APP_EVENTS.ratingClosed]: z.strictObject({
    counterId: z.string(),
    number: z.string(),
    reason: z.literal('rated'),
  }),
  [APP_EVENTS.dossierFiles]: z.strictObject({ id: z.string() }),
  [APP_EVENTS.scanFolderChanged]: noPayload,
} as const satisfies Record<AppEventType, z.ZodType>;

/**
 * Events only core services receive, never a screen's stream: the bus marks them internal
 * whoever publishes them (docs/security.md, "Devices").
 */
export const INTERNAL_APP_EVENTS: ReadonlySet<AppEventType> = new Set<AppEventType>([
  APP_EVENTS.queueCompleted,
]);

export type AppEventData<T extends AppEventType> = z.output<(typeof appEventPayloadSchemas)[T]>;

/** One live event as it travels (SSE `data:` line, IPC message). */
export type AppEvent = {
  [K in AppEventType]: { type: K; at: string } & (undefined extends AppEventData<K>
    ? { data?: undefined }
    : { data: AppEventData<K> });
}[AppEventType];

export function isAppEventType(value: string): value is AppEventType {
  // Not Object.hasOwn: the screens run on the Chrome 87 baseline (docs/queue.md, "Old TV browsers").
  return Object.prototype.hasOwnProperty.call(appEventPayloadSchemas, value);
}

/** Wire schema of an event (the renderer checks what a stream sends). */
export const appEventSchema = z
  .object({ type: z.string(), at: z.string(), data: z.unknown().optional() })
  .superRefine((e, ctx) => {
    if (!isAppEventType(e.type)) {
      ctx.addIssue({ code: 'custom', message: `unknown event ${e.type}`, path: ['type'] });
      return;
    }
    const parsed = appEventPayloadSchemas[e.type].safeParse(e.data);
    if (!parsed.success)
      ctx.addIssue({ code: 'custom', message: parsed.error.message, path: ['data'] });
  })
  .transform((e) => e as AppEvent);

const QUEUE_EVENTS: ReadonlySet<string> = new Set<AppEventType>([
  APP_EVENTS.queueChanged,
  APP_EVENTS.queueCalled,
  APP_EVENTS.queueCompleted,
]);

/** Any event of the queue (screens that show tickets reload on each). */
export function isQueueEvent(type: string): boolean {
  return QUEUE_EVENTS.has(type);
}
