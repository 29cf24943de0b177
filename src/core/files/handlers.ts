/**
 * Handlers of the files operations (contract: src/shared/contract/files.ts). The upload is
 * not among them: it is the hub's multipart route (src/hub/uploadRoute.ts).
 */
import { AppError, type PublicUser } from '../../shared/contract';
import type { CallContext } from '../context';
import type { Handlers } from '../handlers';
import type { FileService } from './fileService';

type FileOps =
  'files.list' | 'files.get' | 'files.uploadLink' | 'files.uploadLinkInfo' | 'files.reusable';

function actor(ctx: CallContext): PublicUser {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED');
  return ctx.user;
}

export function createFileHandlers(files: FileService): Pick<Handlers, FileOps> {
  return {
    'files.list': (input) => files.list(input.code),
    'files.get': async (input, ctx) => {
      const file = await files.read(input.id, actor(ctx));
      return { contentType: file.contentType, fileName: file.fileName, body: file.bytes };
    },
    'files.uploadLink': (input, ctx) =>
      files.createUploadLink(input.code, input.documentName, actor(ctx), ctx.origin),
    'files.uploadLinkInfo': (input) => files.uploadLinkInfo(input.token),
    'files.reusable': (input, ctx) => files.reusable(input.idNumber, actor(ctx)),
  };
}
