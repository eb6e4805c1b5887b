import type { Verification } from '../../store/librarySlice.js';

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** The outcome of models.verify: the file's SHA-256 against the one recorded at download or import. */
export function VerifyResult({ verification }: { verification: Verification | undefined }) {
  if (!verification) return null;
  if (verification.status === 'running') {
    return (
      <p className="verify-result muted" role="status" data-testid="model-verify-result" data-result="running">
        Reading the whole file to compute its SHA-256…
      </p>
    );
  }
  const r = verification.result;
  const verdict = !r.ok ? 'mismatch' : r.expectedSha256 ? 'ok' : 'unrecorded';
  return (
    <p className={`verify-result verify-${verdict}`} role="status" data-testid="model-verify-result" data-result={verdict}>
      {verdict === 'ok' && <>The file is intact: its SHA-256 matches the recorded one ({short(r.sha256)}).</>}
      {verdict === 'unrecorded' && <>No checksum was recorded for this file to compare with. Its SHA-256 is {short(r.sha256)}.</>}
      {verdict === 'mismatch' && (
        <>
          The file has changed or is damaged: its SHA-256 is {short(r.sha256)}, expected {r.expectedSha256 ? short(r.expectedSha256) : 'another'}. Delete it and download it again.
        </>
      )}
    </p>
  );
}
