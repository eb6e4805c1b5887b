import type { ErrorPayload } from '../../../../main/contract/index.js';
import { explainError } from './explainError.js';

/** A failure in words (see explainError), with the server's message and its code under it. */
export function ErrorNote({ error, testId }: { error: ErrorPayload | { code: string; message: string }; testId: string }) {
  const { sentence, detail } = explainError(error);
  return (
    <div className="error-note" role="alert" data-testid={testId} data-code={error.code}>
      <p>{sentence}</p>
      {detail && (
        <p className="error-note-detail">
          {detail} <code>{error.code}</code>
        </p>
      )}
    </div>
  );
}
