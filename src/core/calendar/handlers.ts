import { AppError } from '../../shared/contract';
import type { CallContext } from '../context';
import type { Handlers, HandlerDeps } from '../handlerTypes';
import { dossierServices } from '../dossiers/services';

function actor(ctx: CallContext) {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED');
  return ctx.user;
}

/** Handlers of the calendar endpoints (contract: src/shared/contract/calendar.ts). */
export function calendarHandlers(
  deps: Pick<HandlerDeps, 'db' | 'clock' | 'events'>,
): Pick<
  Handlers,
  'calendar.dueDate' | 'calendar.year' | 'calendar.setYear' | 'calendar.resetYear'
> {
  const { calendar } = dossierServices(deps);
  return {
    'calendar.dueDate': (input) => {
      const due = calendar.dueDate({
        receivedAt: new Date(input.receivedAt),
        // same_day ignores the amount (docs/calendar.md §6); the contract requires it otherwise.
        amount: input.unit === 'same_day' ? 0 : (input.amount ?? 0),
        unit: input.unit,
      });
      return { dueDate: due.dueDate, dueAt: due.dueAt.toISOString() };
    },
    'calendar.year': (input) => calendar.year(input.year),
    'calendar.setYear': (input, ctx) => calendar.setYear(input, actor(ctx), deps.clock.now()),
    'calendar.resetYear': (input, ctx) =>
      calendar.resetYear(input.year, actor(ctx), deps.clock.now()),
  };
}
