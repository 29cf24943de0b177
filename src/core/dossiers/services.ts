/**
 * One set of calendar, catalogue and dossier services per database, shared by the three
 * handler groups (calendar, catalog, dossiers) that createHandlers spreads in. The default
 * catalogue is loaded on first start (empty catalogue).
 */
import { createCalendarService, type CalendarService } from '../calendar/calendarService';
import { createCatalogService, type CatalogService } from '../catalog/catalogService';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events/eventBus';
import { createDossierService, type DossierService } from './dossierService';

export interface DossierServices {
  calendar: CalendarService;
  catalog: CatalogService;
  dossiers: DossierService;
}

const cache = new WeakMap<Db, DossierServices>();

export function dossierServices(deps: { db: Db; clock: Clock; events: EventBus }): DossierServices {
  const hit = cache.get(deps.db);
  if (hit) return hit;
  const calendar = createCalendarService(deps.db);
  const catalog = createCatalogService(deps.db);
  catalog.ensureDefault(deps.clock.now());
  const dossiers = createDossierService({ ...deps, calendar, catalog });
  const services = { calendar, catalog, dossiers };
  cache.set(deps.db, services);
  return services;
}
