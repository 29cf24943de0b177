import { AppError } from '../../shared/contract';
import type { CallContext } from '../context';
import type { HandlerDeps, Handlers } from '../handlerTypes';
import { dossierServices } from '../dossiers/services';

function actor(ctx: CallContext) {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED');
  return ctx.user;
}

/** Handlers of the catalogue endpoints (contract: src/shared/contract/catalog.ts). */
export function catalogHandlers(
  deps: Pick<HandlerDeps, 'db' | 'clock' | 'events' | 'heavy'>,
): Pick<
  Handlers,
  'procedures.list' | 'catalog.list' | 'catalog.save' | 'catalog.import' | 'catalog.export'
> {
  const { catalog } = dossierServices(deps);
  return {
    'procedures.list': (input) => catalog.listPublic(input.q, deps.clock.now()),
    'catalog.list': () => catalog.all(),
    'catalog.save': (input, ctx) =>
      catalog.save(input.id, input.procedure, actor(ctx), deps.clock.now()),
    // The workbook is unzipped and parsed off the serving thread; the rows are written here.
    'catalog.import': (input, ctx) =>
      catalog.importFile(input, actor(ctx), deps.clock.now(), (bytes, o) =>
        deps.heavy.run({ op: 'catalogXlsx', bytes, validRowsOnly: o.validRowsOnly }),
      ),
    'catalog.export': (input) => catalog.exportFile(input.format, deps.clock.now()),
  };
}
