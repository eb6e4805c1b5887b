import { useTranslation } from 'react-i18next';
import type { ModelFit } from '../../../../main/contract/index.js';
import { formatBytes, formatNumber } from '../../lib/format.js';

/** Whether the model fits this machine, with the numbers behind the verdict. */
export function FitBadge({ fit }: { fit: ModelFit | null }) {
  const { t } = useTranslation();
  if (!fit)
    return (
      <span className="badge" data-testid="fit-badge" data-verdict="unknown" title={t('fit.unknownHint')}>
        {t('fit.unknown')}
      </span>
    );
  const gpu = fit.vramAvailableBytes > 0 ? t('fit.vram', { needed: formatBytes(fit.vramNeededBytes), free: formatBytes(fit.vramAvailableBytes) }) : '';
  const detail = t('fit.detail', {
    needed: formatBytes(fit.ramNeededBytes),
    free: formatBytes(fit.ramAvailableBytes),
    gpu,
    layers: `${formatNumber(fit.gpuLayers)}/${formatNumber(fit.totalLayers)}`,
    context: formatNumber(fit.contextSize),
  });
  return (
    <span className="fit">
      <span className={`badge fit-${fit.verdict}`} data-testid="fit-badge" data-verdict={fit.verdict}>
        {t(`fit.verdict.${fit.verdict}`)}
      </span>
      <span className="fit-detail">{detail}</span>
    </span>
  );
}
