import type { ModelFit } from '../../../contract/index.js';
import { DEFAULT_CONTEXT_CAP } from '../../engine/estimateFit.js';

/** Weights plus what a context of DEFAULT_CONTEXT_CAP and llama.cpp's buffers add, as a share of the file and a floor. */
const OVERHEAD_SHARE = 0.2;
const OVERHEAD_FLOOR = 256 * 2 ** 20;
const TIGHT_SHARE = 0.75;

/**
 * A verdict from the file size alone, for models not downloaded yet: the
 * weights need about their size in memory, plus context and buffers. It is
 * labelled 'size-estimate' in the UI: the exact numbers come from the GGUF
 * header (installed file, or the server's on request). Judged against VRAM
 * when the GPU could hold it all, else against RAM.
 */
export function estimateFitFromSize(sizeBytes: number, contextLength: number | null, memory: { ramFreeBytes: number; vramFreeBytes: number }): ModelFit {
  const needed = Math.round(sizeBytes * (1 + OVERHEAD_SHARE) + OVERHEAD_FLOOR);
  const onGpu = memory.vramFreeBytes >= needed;
  const available = onGpu ? memory.vramFreeBytes : memory.ramFreeBytes;
  const verdict = needed > available ? 'wont-fit' : needed > available * TIGHT_SHARE ? 'tight' : 'fits';
  return {
    verdict,
    ramNeededBytes: onGpu ? OVERHEAD_FLOOR : needed,
    vramNeededBytes: onGpu ? needed - OVERHEAD_FLOOR : 0,
    ramAvailableBytes: memory.ramFreeBytes,
    vramAvailableBytes: memory.vramFreeBytes,
    // Unknown without the header: the UI shows layers only for header-based verdicts.
    gpuLayers: 0,
    totalLayers: 0,
    contextSize: Math.min(contextLength ?? DEFAULT_CONTEXT_CAP, DEFAULT_CONTEXT_CAP),
  };
}
