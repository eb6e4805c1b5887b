import fs from 'node:fs';
import path from 'node:path';
import { HearthError } from '../contract/index.js';
import { inspectGguf } from '../services/gguf/readGgufHeader.js';
import { formatBytes, formatParams, parse, requireArg, table, UsageError, withServices, type Io } from './cliContext.js';
import { catalogCommand, downloadCommand, LIBRARY_USAGE, scanCommand, verifyCommand } from './libraryCommands.js';
import { familyLines } from './formatModelFamily.js';
import { terminalIo } from './terminalText.js';

export const MODELS_USAGE = `hearth models add <file.gguf> [--link]   validate and import a model (copied into the cache, or used in place with --link)
hearth models list [--json]               installed models
hearth models info <id|file> [--json]     architecture, size, quantization, context, memory estimate and fit
hearth models rm <id> [--keep-file]       remove a model from the cache
${LIBRARY_USAGE}`;

export async function modelsCommand(argv: string[], io: Io): Promise<number> {
  // GGUF strings, file names and model text reach stdout: no escape sequences on a terminal.
  io = terminalIo(io);
  const { values, positionals } = parse(argv, {
    link: { type: 'boolean', default: false },
    'keep-file': { type: 'boolean', default: false },
    quant: { type: 'string' },
    remote: { type: 'boolean', default: false },
    'accept-licence': { type: 'boolean', default: false },
  });
  const [sub, target] = positionals;
  switch (sub) {
    case 'add': {
      const file = requireArg(target, 'the path of a .gguf file');
      return withServices(values['data-dir'], async ({ models }) => {
        const record = await models.add(file, { mode: values.link ? 'link' : 'copy' });
        if (values.json) io.out(`${JSON.stringify(record)}\n`);
        else io.out(`Added ${record.id} (${record.architecture}, ${record.quantization}, ${formatBytes(record.sizeBytes)}${values.link ? ', linked in place' : ''})\n`);
        return 0;
      });
    }
    case 'list':
      return withServices(values['data-dir'], async ({ models }) => {
        const list = models.list();
        if (values.json) io.out(`${JSON.stringify(list)}\n`);
        else if (list.length === 0) io.out('No models yet. Add one with: hearth models add <file.gguf>\n');
        else
          io.out(
            table([
              ['ID', 'NAME', 'FOR', 'ARCH', 'PARAMS', 'QUANT', 'SIZE', 'CONTEXT'],
              ...list.map((m) => [m.id, m.name, m.role, m.architecture, formatParams(m.parameters), m.quantization, formatBytes(m.sizeBytes), String(m.contextLength)]),
            ]),
          );
        const broken = list.filter((m) => m.broken !== null);
        // Said after the table, each with its reason: chats will not use these until they pass verify.
        if (!values.json && broken.length > 0) {
          io.out(`\nNot used for chats (loading crashed the engine; \`hearth models verify <id>\` re-checks):\n${broken.map((m) => `  ${m.id}: ${m.broken}`).join('\n')}\n`);
        }
        return 0;
      });
    case 'info': {
      const ref = requireArg(target, 'a model id or a .gguf file');
      return withServices(values['data-dir'], async ({ models, engine, store }) => {
        const cached = store.findModel(ref);
        let info;
        if (cached) info = await models.details(cached.id);
        else {
          if (!fs.existsSync(ref)) throw new HearthError('MODEL_NOT_FOUND', `"${ref}" is neither an installed model nor a file. See \`hearth models list\`.`);
          const summary = await inspectGguf(path.resolve(ref));
          info = { ...summary, id: null, path: path.resolve(ref), fit: await engine.estimate(path.resolve(ref)), loaded: false };
        }
        if (values.json) io.out(`${JSON.stringify(info)}\n`);
        else {
          const fit = info.fit;
          const lines: [string, string][] = [
            ['id', info.id ?? '(not installed)'],
            ['name', info.name ?? '(none)'],
            ...('broken' in info && info.broken ? ([['broken', `${info.broken} (run \`hearth models verify ${info.id}\` to re-check)`]] as [string, string][]) : []),
            ['path', info.path],
            ['architecture', info.architecture],
            ['used for', info.role === 'chat' ? 'chat' : info.role === 'embedding' ? 'embeddings (routing, document search)' : 'reranking document search results'],
            ['parameters', formatParams(info.parameters)],
            ['quantization', info.quantization],
            ['context length', String(info.contextLength)],
            ['size', formatBytes(info.sizeBytes)],
            ...('family' in info && info.family ? familyLines(info.family) : []),
          ];
          if (fit) {
            lines.push(['estimated RAM', `${formatBytes(fit.ramNeededBytes)} (of ${formatBytes(fit.ramAvailableBytes)} free) at ${fit.contextSize} tokens`]);
            lines.push(['estimated VRAM', `${formatBytes(fit.vramNeededBytes)} (of ${formatBytes(fit.vramAvailableBytes)} free), ${fit.gpuLayers}/${fit.totalLayers} layers on GPU`]);
            lines.push(['fits here', fit.verdict === 'fits' ? 'yes' : fit.verdict === 'tight' ? 'tight' : "no, won't fit"]);
          }
          io.out(lines.map(([k, v]) => `${`${k}:`.padEnd(16)}${v}`).join('\n') + '\n');
        }
        return 0;
      });
    }
    case 'rm': {
      const id = requireArg(target, 'a model id');
      return withServices(values['data-dir'], async ({ models }) => {
        await models.remove(id, { deleteFile: !values['keep-file'] });
        io.out(`Removed ${id}\n`);
        return 0;
      });
    }
    case 'download': {
      const source = requireArg(target, 'a catalog id, an hf: URI or an https URL');
      return withServices(values['data-dir'], (services) => downloadCommand(services, source, values.quant, io, undefined, values['accept-licence']));
    }
    case 'catalog':
      return withServices(values['data-dir'], (services) => catalogCommand(services, values.json, values.remote, io));
    case 'scan':
      return withServices(values['data-dir'], (services) => scanCommand(services, values.link, values.json, io));
    case 'verify': {
      const id = requireArg(target, 'a model id');
      return withServices(values['data-dir'], (services) => verifyCommand(services, id, values.json, io));
    }
    default:
      throw new UsageError(sub ? `unknown models command "${sub}"\n${MODELS_USAGE}` : MODELS_USAGE);
  }
}
