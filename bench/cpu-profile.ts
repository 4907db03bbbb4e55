import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parts of V8's .cpuprofile format (Chrome DevTools' Profiler.Profile) read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface CallFrame {
  functionName: string;
  url: string;
  /** 0-based, like source maps. */
  lineNumber: number;
  columnNumber: number;
}

export interface ProfileShare {
  name: string;
  percent: number;
}

export interface ProfileSummary {
  /** Sampled milliseconds inside the window, all processes together. */
  sampledMs: number;
  processes: number;
  /** Self time by category: a package from node_modules, node internals, project code, idle, GC. */
  categories: ProfileShare[];
  /** Node's internals split by module (crypto, undici, streams, async_hooks, …). */
  nodeModules: ProfileShare[];
  /**
   * The same time, with node internals and V8 builtins charged to the nearest package or project
   * frame that called them: what each package costs, including the runtime work it asks for.
   */
  byCaller: ProfileShare[];
  /** Self time of the project's own files, as a share of all samples. */
  projectFiles: ProfileShare[];
  /** The functions with most self time, with where they come from. */
  functions: ProfileShare[];
}

const IDLE = 'idle (waiting for I/O: the database, the network)';
const GC = 'garbage collection';
const PROGRAM = 'V8 and native work outside JavaScript (program)';
const NATIVE = 'V8 builtins and native functions';
const NODE = 'node internals (node:*)';
const PROJECT = 'project code (app/, lib/, auth.ts, proxy.ts, …)';
const RUNTIME_ONLY = 'node internals and builtins with no package on the stack (sockets, timers, …)';
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

interface Place {
  category: string;
  /** Where the function's code comes from, relative to the app: a project file or a package. */
  source: string;
}

/**
 * Self time by where the code comes from. Next.js bundles route code and most dependencies into
 * Turbopack chunks (the build's server/chunks folder), so positions there are mapped back to their
 * original files through the chunks' source maps before they are put in a category.
 *
 * `window` (microseconds on the monotonic clock V8 and process.hrtime share on Linux) keeps only
 * the samples of the measured loop, not the server's start-up or warm-up.
 */
export function summariseProfiles(files: readonly string[], appDir: string, window: { fromUs: number; toUs: number }): ProfileSummary {
  const categories = new Map<string, number>();
  const nodeModules = new Map<string, number>();
  const byCaller = new Map<string, number>();
  const projectFiles = new Map<string, number>();
  const functions = new Map<string, number>();
  const places = new PlaceResolver(appDir);
  let samples = 0;
  let sampledUs = 0;

  for (const file of files) {
    const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
    const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    const parents = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
    const callers = new Map<number, string>();
    const callerCategory = (id: number): string => {
      let caller = callers.get(id);
      if (caller === undefined) {
        caller = RUNTIME_ONLY;
        for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
          const frame = frames.get(at);
          if (!frame || frame.functionName === '(root)') break;
          const { category } = places.resolve(frame);
          if (category !== NODE && category !== NATIVE) {
            caller = category;
            break;
          }
        }
        callers.set(id, caller);
      }
      return caller;
    };
    let time = profile.startTime;
    for (let i = 0; i < profile.samples.length; i += 1) {
      const delta = profile.timeDeltas[i] ?? 0;
      time += delta;
      if (time < window.fromUs || time > window.toUs) continue;
      const id = profile.samples[i] as number;
      const frame = frames.get(id);
      if (!frame || frame.functionName === '(root)') continue;
      const place = places.resolve(frame);
      samples += 1;
      sampledUs += delta;
      add(categories, place.category);
      add(byCaller, place.category === NODE || place.category === NATIVE ? callerCategory(id) : place.category);
      if (place.category === NODE) add(nodeModules, nodeModule(frame.url));
      if (place.category === PROJECT) add(projectFiles, place.source);
      if (!frame.functionName.startsWith('(')) add(functions, `${frame.functionName || '(anonymous)'} (${place.source})`);
    }
  }
  const shares = (counts: Map<string, number>, limit: number): ProfileShare[] =>
    [...counts]
      .map(([name, count]) => ({ name, percent: (100 * count) / Math.max(samples, 1) }))
      .sort((a, b) => b.percent - a.percent || a.name.localeCompare(b.name))
      .slice(0, limit);
  return {
    sampledMs: sampledUs / 1000,
    processes: files.length,
    categories: shares(categories, 20),
    nodeModules: shares(nodeModules, 12),
    byCaller: shares(byCaller, 20),
    projectFiles: shares(projectFiles, 12),
    functions: shares(functions, 20),
  };
}

/** `node:internal/crypto/ec` → crypto, `node:internal/deps/undici/undici` → undici, `node:path` → path. */
function nodeModule(url: string): string {
  const parts = url.replace(/^node:(internal\/)?/, '').split('/');
  return `node: ${(parts[0] === 'deps' ? parts[1] : parts[0]) ?? url}`;
}

function add(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

class PlaceResolver {
  private readonly maps = new Map<string, SourceMap | null>();
  private readonly cache = new Map<string, Place>();

  constructor(private readonly appDir: string) {}

  resolve(frame: CallFrame): Place {
    const key = `${frame.functionName}\0${frame.url}\0${frame.lineNumber}\0${frame.columnNumber}`;
    let place = this.cache.get(key);
    if (!place) {
      place = this.compute(frame);
      this.cache.set(key, place);
    }
    return place;
  }

  private compute(frame: CallFrame): Place {
    if (frame.functionName === '(idle)') return { category: IDLE, source: '' };
    if (frame.functionName === '(garbage collector)') return { category: GC, source: '' };
    if (frame.functionName === '(program)') return { category: PROGRAM, source: '' };
    const { url } = frame;
    if (url === '') return { category: NATIVE, source: 'native' };
    if (url.startsWith('node:')) return { category: NODE, source: url };
    // Prisma's query compiler is the only WebAssembly the server loads.
    if (url.startsWith('wasm://')) return { category: '@prisma/client (query compiler, wasm)', source: 'wasm' };
    const file = url.startsWith('file://') ? fileURLToPath(url) : url;
    // Packages are classified by their own path; only the build's chunks need their maps.
    const original = file.includes(NODE_MODULES) ? undefined : this.original(file, frame);
    return classify(original ?? file, this.appDir);
  }

  /** The original file of a bundled position, when the file has a source map beside it. */
  private original(file: string, frame: CallFrame): string | undefined {
    let map = this.maps.get(file);
    if (map === undefined) {
      const mapFile = `${file}.map`;
      map = fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]) : null;
      this.maps.set(file, map);
    }
    const entry = map?.findEntry(frame.lineNumber, frame.columnNumber);
    if (!entry || !('originalSource' in entry)) return undefined;
    const source = entry.originalSource;
    if (source.startsWith('turbopack:///[turbopack]/')) return path.join(this.appDir, 'node_modules/next/[turbopack runtime]');
    if (source.startsWith('turbopack:///[project]/')) return path.join(this.appDir, decodeURIComponent(source.slice('turbopack:///[project]/'.length)));
    return path.resolve(path.dirname(file), decodeURIComponent(source));
  }
}

/** A package name from the last node_modules segment, else a file of the project. */
export function classify(file: string, appDir: string): Place {
  const at = file.lastIndexOf(NODE_MODULES);
  if (at >= 0) {
    const parts = file.slice(at + NODE_MODULES.length).split(path.sep);
    const name = parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? file);
    return { category: name, source: name };
  }
  const relative = path.relative(appDir, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { category: 'other files', source: file };
  if (relative.startsWith('.next')) return { category: 'next (build output without a source map)', source: relative };
  return { category: PROJECT, source: relative };
}
