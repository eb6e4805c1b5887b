import { useTranslation } from 'react-i18next';
import type { Verification } from '../../store/librarySlice.js';

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** The outcome of models.verify: the file's SHA-256 against the one recorded at download or import. */
export function VerifyResult({ verification }: { verification: Verification | undefined }) {
  const { t } = useTranslation();
  if (!verification) return null;
  if (verification.status === 'running') {
    return (
      <p className="verify-result muted" role="status" data-testid="model-verify-result" data-result="running">
        {t('verify.running')}
      </p>
    );
  }
  const r = verification.result;
  const verdict = !r.ok ? 'mismatch' : r.expectedSha256 ? 'ok' : 'unrecorded';
  return (
    <p className={`verify-result verify-${verdict}`} role="status" data-testid="model-verify-result" data-result={verdict}>
      {verdict === 'ok' && t('verify.ok', { hash: short(r.sha256) })}
      {verdict === 'unrecorded' && t('verify.unrecorded', { hash: short(r.sha256) })}
      {verdict === 'mismatch' && t('verify.mismatch', { hash: short(r.sha256), expected: r.expectedSha256 ? short(r.expectedSha256) : t('verify.another') })}
    </p>
  );
}
