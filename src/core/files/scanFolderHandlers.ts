import { AppError, type PublicUser } from '../../shared/contract';
import { recordAudit } from '../audit/auditLog';
import type { Handler, HandlerDeps } from '../handlerTypes';
import type { FileService } from './fileService';
import type { ScanFolder } from './scanFolder';

type ScanFolderOps =
  'scanFolder.config.get' | 'scanFolder.config.set' | 'scanFolder.files' | 'scanFolder.attach';

function actor(user: PublicUser | null): PublicUser {
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}

export function createScanFolderHandlers(
  deps: Pick<HandlerDeps, 'db' | 'clock'> & { scanFolder: ScanFolder; files: FileService },
): { [N in ScanFolderOps]: Handler<N> } {
  const { db, clock, scanFolder } = deps;
  const config = () => ({
    dir: scanFolder.dir(),
    watching: scanFolder.watching(),
    error: scanFolder.error(),
  });
  return {
    'scanFolder.config.get': () => config(),
    'scanFolder.config.set': async (input, ctx) => {
      const user = actor(ctx.user);
      const before = scanFolder.dir();
      const now = clock.now();
      // Checked before it is stored: a refused folder changes nothing.
      const dir = await scanFolder.setDir(input.dir, now);
      recordAudit(
        db,
        {
          actor: user,
          action: 'scanFolder.config',
          entity: 'settings',
          details: { from: before, to: dir },
        },
        now,
      );
      return config();
    },
    'scanFolder.files': () => ({
      configured: scanFolder.dir() !== null,
      watching: scanFolder.watching(),
      files: scanFolder.list(),
    }),
    'scanFolder.attach': async (input, ctx) => {
      const user = actor(ctx.user);
      const { bytes } = scanFolder.read(input.id);
      // The upload's own core function: the same checks, storage and audit as an upload.
      const attached = await deps.files.attach({
        code: input.code,
        documentName: input.documentName,
        parts: [bytes],
        colour: input.colour ?? 'gray',
        uploader: { kind: 'officer', user },
      });
      scanFolder.markUsed(
        input.id,
        {
          dossierCode: input.code,
          documentName: input.documentName,
          fileId: attached.id,
          usedBy: user.username,
        },
        clock.now(),
      );
      return attached;
    },
  };
}
