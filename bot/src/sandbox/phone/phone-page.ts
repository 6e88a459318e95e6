import { readFile } from 'node:fs/promises';

/**
 * The contact's phone page, as real files in `page/`: `phone.html`, its styles (`*.css`) and its browser modules
 * (`*.ts`, DOM lib, type-checked by `page/tsconfig.json`). `npm run build` compiles the modules into
 * `bot/dist/sandbox/phone/page/*.js` and copies the HTML and CSS beside them, so the built server reads every file next
 * to this module. Run from sources (tests, tsx) there is no `.js`: a module is transpiled from its `.ts` on first
 * request with the `typescript` package, a dev dependency that the built server never loads.
 */
const PAGE_DIR = new URL('./page/', import.meta.url);
/** What `/sandbox/page/{file}` may name: a stylesheet or a module of the page, nothing else in the folder. */
const PAGE_FILE = /^[a-z][a-z-]*\.(css|js)$/;

export interface PageAsset {
  body: string;
  contentType: string;
}

const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
} as const;

const read = (file: string) => readFile(new URL(file, PAGE_DIR), 'utf8');

function isMissing(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** A module as built; from sources, its `.ts` transpiled the way page/tsconfig.json compiles it. */
async function pageModule(file: string): Promise<string> {
  try {
    return await read(file);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const tsFile = file.replace(/\.js$/, '.ts');
  const source = await read(tsFile);
  const ts = (await import('typescript')).default;
  return ts.transpileModule(source, {
    fileName: tsFile,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ES2022,
      moduleDetection: ts.ModuleDetectionKind.Force,
      verbatimModuleSyntax: true,
    },
  }).outputText;
}

/** Reads each file once per process (the page does not change while the server runs). */
export class PhonePage {
  private readonly loaded = new Map<string, Promise<string>>();

  /** `phone.html` itself. */
  html(): Promise<PageAsset> {
    return this.load('phone.html', 'html');
  }

  /** One of the page's stylesheets or modules by file name; null when there is no such file. */
  async file(name: string): Promise<PageAsset | null> {
    const kind = PAGE_FILE.exec(name)?.[1] as 'css' | 'js' | undefined;
    if (!kind) return null;
    try {
      return await this.load(name, kind);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  private async load(name: string, kind: keyof typeof CONTENT_TYPES): Promise<PageAsset> {
    let body = this.loaded.get(name);
    if (!body) {
      body = kind === 'js' ? pageModule(name) : read(name);
      // A failed read is not remembered: the next request tries again.
      body.catch(() => this.loaded.delete(name));
      this.loaded.set(name, body);
    }
    return { body: await body, contentType: CONTENT_TYPES[kind] };
  }
}
