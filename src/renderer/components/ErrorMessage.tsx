import type { ReactNode } from 'react';
import type { ApiError } from '../../shared/contract';

/** A failure shown in plain words; details (e.g. which field) listed under it. */
export function ErrorMessage({ error }: { error: ApiError | string | null }) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  const details =
    typeof error === 'string' || !Array.isArray(error.details)
      ? []
      : (error.details as { path?: string; message?: string }[]);
  return (
    <div className="alert alert-error" role="alert">
      <p>{message}</p>
      {details.length > 0 && (
        <ul>
          {details.map((d, i) => (
            <li key={i}>
              {d.path ? `${d.path}: ` : ''}
              {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * What a form's last action came to: its failure (as `ErrorMessage`) or its success notice
 * (`notice`; nothing when empty or false).
 */
export function FormOutcome({
  error,
  notice,
  testId,
}: {
  error: ApiError | string | null;
  notice: ReactNode;
  testId?: string;
}) {
  return (
    <>
      <ErrorMessage error={error} />
      {notice ? (
        <p className="alert alert-ok" role="status" data-testid={testId}>
          {notice}
        </p>
      ) : null}
    </>
  );
}
