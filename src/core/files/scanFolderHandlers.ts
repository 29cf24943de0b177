import { AppError, type PublicUser } from '../../shared/contract';
import { recordAudit } from '../audit/auditLog';
import type { CallContext } from '../context';
import type { Handler, HandlerDeps } from '../handlers';
import type { ScanFolder } from './scanFolder';

type ScanFolderOps =
  'scanFolder.config.get' | 'scanFolder.config.set' | 'scanFolder.files' | 'scanFolder.attach';

/** One part of an attachment as the files of a dossier take it (an upload's `file` part). */
export interface AttachPart {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

/** What an attachment gives back (the upload route's 201 body). */
export interface AttachedFile {
  id: string;
  documentName: string;
  sha256: string;
  bytes: number;
  pages: number;
  contentType: string;
  createdAt: string;
}

/**
 * The files of a dossier's one way in (the upload route's core function): same checks, same
 * storage, same audit, whichever way the bytes came.
 */
export type AttachFile = (
  input: { code: string; documentName: string; parts: AttachPart[]; colour?: 'gray' | 'colour' },
  ctx: CallContext,
) => Promise<AttachedFile>;

function actor(user: PublicUser | null): PublicUser {
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}

export function createScanFolderHandlers(
  deps: Pick<HandlerDeps, 'db' | 'clock'> & { scanFolder: ScanFolder; attachFile: AttachFile },
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
      const { entry, bytes } = scanFolder.read(input.id);
      const attached = await deps.attachFile(
        {
          code: input.code,
          documentName: input.documentName,
          parts: [{ bytes, contentType: entry.contentType, fileName: entry.name }],
          ...(input.colour ? { colour: input.colour } : {}),
        },
        ctx,
      );
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
