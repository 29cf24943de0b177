import { foldVietnamese } from '../text/fold';

/**
 * Where a citizen goes for a procedure: the queue service whose code matches the
 * procedure's `queueService` hint or whose name matches its field ("Hộ tịch" → the
 * "Hộ tịch" service), and the counters serving it. Shared by the kiosk screen and the
 * printed checklist so both say the same thing.
 */
export interface ServiceLike {
  id: string;
  code: string;
  name: string;
}
export interface CounterLike {
  number: number;
  serviceIds: string[];
}

const key = (s: string) => foldVietnamese(s).replace(/[^a-z0-9]/g, '');

export function serviceForProcedure<S extends ServiceLike>(
  procedure: { field: string; queueService?: string | undefined },
  services: readonly S[],
): S | null {
  if (procedure.queueService) {
    const hint = key(procedure.queueService);
    const byCode = services.find((s) => key(s.code) === hint || key(s.name) === hint);
    if (byCode) return byCode;
  }
  const field = key(procedure.field);
  return services.find((s) => key(s.name) === field) ?? null;
}

/** Counter numbers serving a service, in order. */
export function countersServing(serviceId: string, counters: readonly CounterLike[]): number[] {
  return counters
    .filter((c) => c.serviceIds.includes(serviceId))
    .map((c) => c.number)
    .sort((a, b) => a - b);
}

/** The queue service handing back results ("Nhận kết quả"), by its code or its name. */
export function resultService<S extends ServiceLike>(services: readonly S[]): S | null {
  return (
    services.find((s) => /^(tra_?ket_?qua|nhan_?ket_?qua)$/i.test(s.code)) ??
    services.find((s) => key(s.name) === 'nhanketqua' || key(s.name) === 'traketqua') ??
    null
  );
}
