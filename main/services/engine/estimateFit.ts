import path from 'node:path';
import type { GgufInsights, Llama } from 'node-llama-cpp';
import { HearthError, type EngineSettings, type ModelFit } from '../../contract/index.js';
import type { ModelRef } from './engineOps.js';

type LlamaModule = typeof import('node-llama-cpp');

/** Context used when the user has not set one: enough for long chats, far below 128k models' KV cost. */
export const DEFAULT_CONTEXT_CAP = 8192;
/** Above this share of free RAM a model still loads but the machine starts to swap under other apps. */
const TIGHT_RAM_SHARE = 0.75;

export interface LoadPlan {
  contextSize: number;
  gpuLayers: number;
  totalLayers: number;
  ramBytes: number;
  vramBytes: number;
  compatibilityScore: number;
}

async function insightsFor(module: LlamaModule, llama: Llama, modelPath: string): Promise<GgufInsights> {
  let info;
  try {
    info = await module.readGgufFileInfo(modelPath, { readTensorInfo: true });
  } catch (error) {
    throw new HearthError('MODEL_INVALID', `${path.basename(modelPath)} could not be read as a GGUF model: ${(error as Error).message}`);
  }
  return module.GgufInsights.from(info, llama);
}

/** What loading this model with these settings would take, from node-llama-cpp's GgufInsights. */
export async function resolveLoadPlan(module: LlamaModule, llama: Llama, ref: ModelRef | string, settings: EngineSettings, sequences = 1): Promise<LoadPlan> {
  const modelPath = typeof ref === 'string' ? ref : ref.modelPath;
  const insights = await insightsFor(module, llama, modelPath);
  const train = insights.trainContextSize ?? 2048;
  const contextSize = Math.max(64, Math.min(settings.contextSize ?? DEFAULT_CONTEXT_CAP, train));
  const targetGpuLayers = settings.gpuLayers === 'auto' ? undefined : settings.gpuLayers;
  const scored = await insights.configurationResolver.resolveAndScoreConfig({ targetContextSize: contextSize, targetGpuLayers });
  const v = scored.resolvedValues;
  // The resolver plans one sequence; each further one adds its KV cache.
  let extra = { cpuRam: 0, gpuVram: 0 };
  if (sequences > 1) {
    const per = { contextSize: v.contextSize || contextSize, modelGpuLayers: v.gpuLayers };
    const [one, all] = await Promise.all([insights.estimateContextResourceRequirementsV2({ ...per, sequences: 1 }), insights.estimateContextResourceRequirementsV2({ ...per, sequences })]);
    extra = { cpuRam: Math.max(0, all.cpuRam - one.cpuRam), gpuVram: Math.max(0, all.gpuVram - one.gpuVram) };
  }
  return {
    contextSize: v.contextSize || contextSize,
    gpuLayers: v.gpuLayers,
    totalLayers: insights.totalLayers,
    ramBytes: v.totalRamUsage + extra.cpuRam,
    vramBytes: v.totalVramUsage + extra.gpuVram,
    compatibilityScore: scored.compatibilityScore,
  };
}

/** fits / tight / won't fit, with the numbers behind the verdict. */
export async function estimateFit(module: LlamaModule, llama: Llama, modelPath: string, settings: EngineSettings): Promise<ModelFit> {
  const plan = await resolveLoadPlan(module, llama, modelPath, settings);
  const [ram, vram] = await Promise.all([llama.getRamState(), llama.getVramState()]);
  const offloads = llama.supportsGpuOffloading;
  let verdict: ModelFit['verdict'] = 'fits';
  if (plan.ramBytes > ram.free || (offloads && plan.vramBytes > vram.free) || plan.compatibilityScore === 0) verdict = 'wont-fit';
  else if (plan.ramBytes > ram.free * TIGHT_RAM_SHARE || (offloads && plan.gpuLayers < plan.totalLayers)) verdict = 'tight';
  return {
    verdict,
    ramNeededBytes: plan.ramBytes,
    vramNeededBytes: plan.vramBytes,
    ramAvailableBytes: ram.free,
    vramAvailableBytes: vram.free,
    gpuLayers: plan.gpuLayers,
    totalLayers: plan.totalLayers,
    contextSize: plan.contextSize,
  };
}
