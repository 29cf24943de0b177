import { AppError, type PublicUser } from '../../shared/contract';
import type { CallContext } from '../context';
import type { Handler } from '../handlerTypes';
import type { DeviceService } from './deviceService';

type DeviceOps =
  | 'devices.create'
  | 'devices.list'
  | 'devices.revoke'
  | 'devices.pairingCode'
  | 'devices.pair'
  | 'devices.me';

function admin(ctx: CallContext): PublicUser {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED');
  return ctx.user;
}

/** Device pairing (docs/security.md, "Devices"). */
export function createDeviceHandlers(devices: DeviceService): {
  [N in DeviceOps]: Handler<N>;
} {
  return {
    'devices.create': (input, ctx) => devices.create(input, admin(ctx)),
    'devices.list': () => devices.list(),
    'devices.revoke': (input, ctx) => devices.revoke(input.id, admin(ctx)),
    'devices.pairingCode': (input, ctx) => devices.createPairingCode(input, admin(ctx)),
    'devices.pair': (input) => devices.pair(input.code),
    'devices.me': (_input, ctx) => ({ device: ctx.device }),
  };
}
