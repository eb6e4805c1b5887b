import { useTranslation } from 'react-i18next';
import type { ErrorPayload } from '../../../../main/contract/index.js';
import { explainError } from './explainError.js';

/** A failure in words (see explainError), with the server's message and its code under it. */
export function ErrorNote({ error, testId }: { error: ErrorPayload | { code: string; message: string }; testId: string }) {
  // Re-rendered on a language change, so the sentence follows it.
  useTranslation();
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
