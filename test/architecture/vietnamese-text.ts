/**
 * English words inside the Vietnamese half of the library's texts. Walks src/ with the TypeScript
 * parser and reads every string and template literal that is Vietnamese: the value of a `vi` /
 * `messageVi` / `…Vi` property, the Vietnamese argument of `pathProblem(path, vi, en)`, and the
 * Vietnamese side of a literal written "Vietnamese / English" — and names each English word in it that
 * is not an identifier (a field path, an option, a JavaScript type name, a platform's own term).
 *
 *   npx tsx test/architecture/vietnamese-text.ts      # lists what it finds, exit 1 if anything
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * English words that are never Vietnamese (written without tone marks, Vietnamese words such as
 * "an", "to", "do", "in", "no", "con", "hay", "tin", "so", "ban", "ma" are left out on purpose).
 */
const ENGLISH = new Set(
  `the is are was were be been being must should would could cannot can't not isn't doesn't don't
  expected received invalid required missing unknown empty with from of and or for this that these
  those has have had got does did will into than then when where which while what who why how any
  every each some all none only also already yet still because unless please again later before after
  failed fails wrong bad good give given needs need refused rejected accepted supported unsupported
  allowed known sent written without there here their its it's at by it one must marketplace`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Words that may stand in Vietnamese text: JavaScript type names (as "nhận được number" names the
 * type of a value), terms Vietnamese sellers and developers use as they are (adapter, hook, webhook),
 * and the platforms' own words.
 */
const ALLOWED = new Set(
  `string number object array boolean function undefined null bigint symbol
  shop sku seller token webhook api url json csv xlsx https http header headers body hook hooks adapter
  ok email online offline`
    .split(/\s+/)
    .filter(Boolean),
);

const VIETNAMESE_LETTER = /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i;

function vietnameseShare(text: string): number {
  const words = text.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  if (words.length === 0) return 0;
  return words.filter((word) => VIETNAMESE_LETTER.test(word.normalize('NFC'))).length / words.length;
}

/** The words of `text` that are English: code, quoted names and paths taken out first. */
export function englishWords(text: string): string[] {
  const plain = text
    // `code`, "quoted", 'quoted', “quoted” names are identifiers or the user's own values.
    .replace(/`[^`]*`|"[^"]*"|'[^']*'|“[^”]*”|‘[^’]*’/g, ' ')
    // URLs, file names, paths, env names, dotted/bracketed field paths, --options, x.y(), camelCase…
    .replace(/\b[a-z][\w+.-]*:\/\/\S*/gi, ' ')
    .replace(/--?[a-z][\w-]*/gi, ' ')
    .replace(/\b[\w$]+(?:[.[/][\w$\]*…]+)+/g, ' ')
    .replace(/\b\w*[a-z][A-Z]\w*\b/g, ' ')
    .replace(/\b[A-Z0-9_]{2,}\b/g, ' ')
    .replace(/\b\w*_\w*\b/g, ' ')
    .replace(/<[^>]*>|\{[^}]*\}/g, ' ');
  const words = plain.match(/\b[A-Za-z]+(?:'[a-z]+)?\b/g) ?? [];
  return words.filter((word) => {
    const lower = word.toLowerCase();
    return ENGLISH.has(lower) && !ALLOWED.has(lower);
  });
}

/** The text of a literal, `${…}` parts replaced by a space (what is put in is checked where it is made). */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
  return undefined;
}

/** The literals an expression can evaluate to (through `a ? b : c`, `a ?? b`, parentheses). */
function literalsOf(node: ts.Expression): ts.Node[] {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return literalsOf(node.expression);
  if (ts.isConditionalExpression(node)) return [...literalsOf(node.whenTrue), ...literalsOf(node.whenFalse)];
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
    return [...literalsOf(node.left), ...literalsOf(node.right)];
  return literalText(node) !== undefined ? [node] : [];
}

/**
 * A problem "path: reason" written in English only, where a problem list is made (an array's element,
 * `problems.push(…)`): a ConfigurationError would put it in its Vietnamese text unchanged.
 */
function englishProblem(node: ts.Node, text: string): boolean {
  if (VIETNAMESE_LETTER.test(text) || !/^\s*[\w$.[\]"'{}*-]*\s*: \S/.test(text)) return false;
  if (englishWords(text.slice(text.indexOf(': '))).length < 2) return false;
  const parent = node.parent;
  if (ts.isArrayLiteralExpression(parent)) return true;
  return (
    ts.isCallExpression(parent) &&
    ts.isPropertyAccessExpression(parent.expression) &&
    parent.expression.name.text === 'push'
  );
}

const VI_NAME = /^(vi|messageVi|reasonVi|textVi|hintVi|titleVi|labelVi|[a-z]+Vi)$/;

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly words: readonly string[];
  readonly text: string;
}

/** Every Vietnamese text of one source file with English words in it. */
export function scanSource(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const vietnamese = new Map<ts.Node, string>();
  // "path: reason" problems in English only: an error's messageVi would carry them as they are.
  const englishOnly = new Map<ts.Node, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && VI_NAME.test(node.name.getText(sf)))
      for (const lit of literalsOf(node.initializer)) vietnamese.set(lit, literalText(lit)!);
    if (
      ts.isCallExpression(node) &&
      /(^|\.)pathProblem$/.test(node.expression.getText(sf)) &&
      node.arguments[1]
    )
      for (const lit of literalsOf(node.arguments[1])) vietnamese.set(lit, literalText(lit)!);
    const text = literalText(node);
    if (text !== undefined && englishProblem(node, text)) englishOnly.set(node, text);
    if (text !== undefined && !vietnamese.has(node) && VIETNAMESE_LETTER.test(text)) {
      // "Vietnamese / English" in one literal: the halves that read Vietnamese.
      const halves = text.split(' / ').filter((half) => vietnameseShare(half) >= 0.4);
      if (halves.length > 0) vietnamese.set(node, halves.join(' '));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  const findings: Finding[] = [];
  for (const [node, text] of vietnamese) {
    const words = englishWords(text);
    if (words.length === 0) continue;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    findings.push({ file, line, words, text: text.replace(/\s+/g, ' ').trim() });
  }
  for (const [node, text] of englishOnly) {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    findings.push({ file, line, words: ['(English only)'], text: text.replace(/\s+/g, ' ').trim() });
  }
  return findings.sort((a, b) => a.line - b.line);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every finding under `root` (src/), paths relative to the repository. */
export function scanTree(root: string): Finding[] {
  return sourceFiles(root).flatMap((path) =>
    scanSource(relative(join(root, '..'), path).split('\\').join('/'), readFileSync(path, 'utf8')),
  );
}

/**
 * The error classes whose constructor takes the message first (`OcopConnectError` takes it second):
 * given one string in one language, the constructor derives the other language as "<what the kind
 * means> (<the string>)" — an English-only message leaves English in messageVi. Subclasses with their
 * own constructors build their texts themselves and are not listed; nor are NetworkError and
 * TimeoutError, whose Vietnamese is composed from their parts (operation, host, system code).
 */
const MESSAGE_FIRST = new Set(
  `AuthenticationError PermissionError NotFoundError ConflictError RateLimitedError ServerError
  OutcomeUnknownError InvalidRequestError ValidationError
  ContractViolationError ConfigurationError AbortedError ClosedError InternalError`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Errors whose message, or whose reason put into their message as it is, is not their first argument:
 * the argument's position. A one-language reason there leaves English in messageVi just the same.
 */
const MESSAGE_AT: Readonly<Record<string, number>> = {
  OcopConnectError: 1,
  StoreError: 2,
  StoreCorruptError: 1,
  StoreUnusableError: 2,
};

/** The text of a message expression made of literals (`a + b`, `cond ? a : b`), or undefined. */
function messageTexts(node: ts.Expression): string[] | undefined {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return messageTexts(node.expression);
  if (ts.isConditionalExpression(node)) {
    const [a, b] = [messageTexts(node.whenTrue), messageTexts(node.whenFalse)];
    return a && b ? [...a, ...b] : undefined;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const [a, b] = [messageTexts(node.left), messageTexts(node.right)];
    return a && b && a.length === 1 && b.length === 1 ? [`${a[0]}${b[0]}`] : undefined;
  }
  if (ts.isTemplateExpression(node))
    return [[node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('\u0000')];
  const text = literalText(node);
  return text === undefined ? undefined : [text];
}

/** A message in one language only: not "Vietnamese / English" (nor the other way round). */
function oneLanguage(text: string): boolean {
  const halves = text.split(' / ');
  if (halves.length < 2) return true;
  // "${vi} / ${en}": a half that is only put in is judged where it is made.
  if (halves.some((half) => !/\p{L}/u.test(half))) return false;
  const shares = halves.map(vietnameseShare);
  return !(Math.max(...shares) >= 0.25 && Math.min(...shares) < 0.25);
}

/**
 * Errors of the library constructed with a message (or a reason, see MESSAGE_AT) in one language only
 * (a string or template literal, not `{ vi, en }` nor "Vietnamese / English"): their other language
 * would be derived as a generic opening with the original in brackets, or would carry the reason as it
 * is. Messages passed through a variable are not judged.
 */
export function scanErrorMessages(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
      const name = node.expression.text;
      const at = MESSAGE_AT[name] ?? (MESSAGE_FIRST.has(name) ? 0 : -1);
      const arg = at >= 0 ? node.arguments?.[at] : undefined;
      const texts = arg ? messageTexts(arg) : undefined;
      const single = texts?.find(oneLanguage);
      if (single !== undefined) {
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        findings.push({
          file,
          line,
          words: [`${name}: one language only`],
          text: single.replace(/\s+/g, ' ').trim(),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

/** Every error message in one language under `root` (src/), paths relative to the repository. */
export function scanErrorTree(root: string): Finding[] {
  return sourceFiles(root).flatMap((path) =>
    scanErrorMessages(relative(join(root, '..'), path).split('\\').join('/'), readFileSync(path, 'utf8')),
  );
}

if (process.argv[1] && /vietnamese-text\.ts$/.test(process.argv[1])) {
  const findings = scanTree(join(import.meta.dirname, '..', '..', 'src'));
  for (const f of findings) console.log(`${f.file}:${f.line}  [${f.words.join(', ')}]  ${f.text}`);
  console.log(`${findings.length} Vietnamese texts with English words`);
  const errors = scanErrorTree(join(import.meta.dirname, '..', '..', 'src'));
  for (const f of errors) console.log(`${f.file}:${f.line}  [${f.words.join(', ')}]  ${f.text}`);
  console.log(`${errors.length} errors constructed with a message in one language`);
  process.exitCode = findings.length + errors.length > 0 ? 1 : 0;
}
