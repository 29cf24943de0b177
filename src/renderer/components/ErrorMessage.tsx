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
