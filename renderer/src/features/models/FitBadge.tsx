import type { ModelFit } from '../../../../main/contract/index.js';
import { formatBytes } from '../../lib/format.js';

const LABEL = { fits: 'Fits', tight: 'Tight', 'wont-fit': "Won't fit" } as const;

/** Whether the model fits this machine, with the numbers behind the verdict. */
export function FitBadge({ fit }: { fit: ModelFit | null }) {
  if (!fit)
    return (
      <span className="badge" data-testid="fit-badge" data-verdict="unknown" title="Hearth cannot tell yet: the file's size or header is needed.">
        Fit unknown
      </span>
    );
  const gpu = fit.vramAvailableBytes > 0 ? `, VRAM ${formatBytes(fit.vramNeededBytes)} of ${formatBytes(fit.vramAvailableBytes)} free` : '';
  const detail = `Needs RAM ${formatBytes(fit.ramNeededBytes)} of ${formatBytes(fit.ramAvailableBytes)} free${gpu}; ${fit.gpuLayers}/${fit.totalLayers} layers on the GPU at ${fit.contextSize.toLocaleString()} tokens of context.`;
  return (
    <span className="fit">
      <span className={`badge fit-${fit.verdict}`} data-testid="fit-badge" data-verdict={fit.verdict}>
        {LABEL[fit.verdict]}
      </span>
      <span className="fit-detail">{detail}</span>
    </span>
  );
}
