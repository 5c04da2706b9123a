// A cloner has the repository and nothing beside it, so nothing in it may cite a document they do not have.
// In comments (code, WXML, WXSS) and in Markdown, this check reports: a document name (*.md, *.txt) that no
// file in the repository has, unless the line links to where it lives; a path into the working notes that
// sat beside the repository (a sibling `shared` folder's docs or seeds); a Markdown link that leaves the
// repository or names a missing file; and a cited section of a Markdown file (by anchor, or by a quoted
// heading name) that the file does not have. Platform rules are cited as docs/platform.md#<section>.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { listFiles } from './files';
import { linesOf } from './positions';
import { result, type CheckResult, type Problem } from './result';

const NAME = 'citations';

/** A stretch of a file where citations live (a comment, or all of a Markdown file), at its offset. */
interface Passage {
  offset: number;
  text: string;
}

const CODE = /\.(?:[cm]?[jt]s|tsx|jsx|wxs)$/;
const MARKUP = /\.(?:wxml|html)$/;
const STYLE = /\.(?:wxss|css)$/;
const MARKDOWN = /\.md$/;
/** Data and binary files hold no citations. */
const NOT_TEXT = /\.(?:json|lock|png|jpe?g|gif|webp|ico|svg|zip|wasm|sqlite)$/;

/** Files to scan: those git tracks or would track (so a new file counts before its commit); all files outside git. */
export function repositoryFiles(root: string): string[] {
  try {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (path.resolve(top) === path.resolve(root)) {
      const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      return [...new Set(listed.split('\0').filter(Boolean))].filter((file) => isPlainFile(root, file));
    }
  } catch {
    // Not a git work tree: walk the folder instead.
  }
  return listFiles(root, '').filter((file) => isPlainFile(root, file));
}

/** A regular file that exists (not a symlink, such as a fixture's link to node_modules, nor a deleted file). */
function isPlainFile(root: string, file: string): boolean {
  try {
    return fs.lstatSync(path.join(root, file)).isFile();
  } catch {
    return false;
  }
}

function codeComments(file: string, text: string): Passage[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const found = new Map<number, Passage>();
  const collect = (ranges: ts.CommentRange[] | undefined) => {
    for (const range of ranges ?? [])
      found.set(range.pos, { offset: range.pos, text: text.slice(range.pos, range.end) });
  };
  // Every comment is leading trivia of some node or trails one; walking nodes (not tokens) keeps this fast.
  const visit = (node: ts.Node) => {
    collect(ts.getLeadingCommentRanges(text, node.pos));
    collect(ts.getTrailingCommentRanges(text, node.end));
    ts.forEachChild(node, visit);
  };
  visit(source);
  collect(ts.getLeadingCommentRanges(text, source.endOfFileToken.pos));
  return [...found.values()];
}

function delimitedComments(text: string, pattern: RegExp): Passage[] {
  return [...text.matchAll(pattern)].map((match) => ({ offset: match.index, text: match[0] }));
}

function passagesOf(file: string, text: string): Passage[] {
  if (CODE.test(file)) return codeComments(file, text);
  if (MARKUP.test(file)) return delimitedComments(text, /<!--[\s\S]*?-->/g);
  if (STYLE.test(file)) return delimitedComments(text, /\/\*[\s\S]*?\*\//g);
  return [{ offset: 0, text }];
}

/** GitHub's anchor for a heading: plain text, lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors a Markdown file offers: one per heading (repeats numbered as GitHub does) and explicit ids. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const base = headingAnchor(heading[1]!);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const id of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(id[1]!);
  }
  return anchors;
}

/** A section cited by name ("Card templates") is a heading whose anchor holds the name's, word for word. */
export function namesSection(anchors: Set<string>, name: string): boolean {
  const wanted = headingAnchor(name);
  return [...anchors].some((anchor) => `-${anchor}-`.includes(`-${wanted}-`));
}

/** Blanks out URLs, keeping offsets, so names inside a link are not read as citations. */
function withoutUrls(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s)>\]'"`]*/gi, (url) => ' '.repeat(url.length));
}

export function checkCitations(root: string, files: string[] = repositoryFiles(root)): CheckResult {
  const present = new Set(files);
  const folders = new Set(
    files.flatMap((file) =>
      file
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
    ),
  );
  const names = new Set(files.map((file) => path.posix.basename(file)));
  const anchorCache = new Map<string, Set<string>>();
  const anchorsFor = (file: string) => {
    let anchors = anchorCache.get(file);
    if (!anchors) {
      anchors = anchorsOf(fs.readFileSync(path.join(root, file), 'utf8'));
      anchorCache.set(file, anchors);
    }
    return anchors;
  };
  /** A cited path as the repository has it: from the root, then from the citing file's folder. */
  const located = (from: string, cited: string): string | undefined =>
    [path.posix.normalize(cited), path.posix.normalize(path.posix.join(path.posix.dirname(from), cited))].find(
      (candidate) => present.has(candidate),
    );

  const problems: Problem[] = [];
  for (const file of files) {
    if (NOT_TEXT.test(file)) continue;
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    if (text.includes('\0')) continue;
    const lines = linesOf(text);
    // One problem per citation: a span already reported (a notes path is also a missing name) is not reported again.
    const reported: [number, number][] = [];
    const report = (offset: number, length: number, message: string) => {
      if (reported.some(([start, end]) => offset < end && start < offset + length)) return;
      reported.push([offset, offset + length]);
      problems.push({ file, line: lines.at(offset).line, message });
    };
    const lineHasLink = (offset: number) => /:\/\//.test(lines.text(lines.at(offset).line));

    for (const passage of passagesOf(file, text)) {
      const plain = withoutUrls(passage.text);
      const at = (index: number) => passage.offset + index;

      for (const match of plain.matchAll(
        /(?:\.\.\/)+shared\/(?:docs|seeds|hooks)\b[^\s)'"`,;]*|\bseeds\/\d{3}_[\w.]*|\bseed \d{3}\b/gi,
      )) {
        report(
          at(match.index),
          match[0].length,
          `cites "${match[0]}", part of notes beside the repository that a cloner does not have; cite docs/platform.md instead`,
        );
      }

      for (const match of plain.matchAll(/(?<![\w./-])(?:\.{1,2}\/)*\w[\w./-]*\.(?:md|txt)\b(?![\w/-])/g)) {
        const cited = match[0];
        if (names.has(path.posix.basename(cited)) || lineHasLink(at(match.index))) continue;
        report(
          at(match.index),
          cited.length,
          `cites ${cited}, which is not in the repository; cite docs/platform.md (or link the document)`,
        );
      }

      for (const match of plain.matchAll(/([\w./-]+\.md)#([\p{L}\p{N}_-]+)/gu)) {
        if (MARKDOWN.test(file) && plain[match.index - 1] === '(') continue; // a Markdown link, checked below
        const target = located(file, match[1]!);
        if (target && !anchorsFor(target).has(match[2]!)) {
          report(at(match.index), match[0].length, `cites ${match[0]}, but ${target} has no section with that anchor`);
        }
      }
      for (const match of plain.matchAll(/([\w./-]+\.md),\s*"([^"\n]+)"/g)) {
        const target = located(file, match[1]!);
        if (target && !namesSection(anchorsFor(target), match[2]!)) {
          report(
            at(match.index),
            match[0].length,
            `cites ${match[1]}, "${match[2]}", but ${target} has no section of that name`,
          );
        }
      }
    }

    if (!MARKDOWN.test(file)) continue;
    const links = [
      ...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g),
      ...text.matchAll(/^ {0,3}\[[^\]]+\]:[ \t]*(\S+)/gm),
    ].map((match) => ({ offset: match.index + match[0].indexOf(match[1]!), target: match[1]! }));
    for (const { offset, target } of links) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const [pathPart = '', anchor] = target.split('#', 2);
      const resolved =
        pathPart === ''
          ? file
          : path.posix.normalize(
              pathPart.startsWith('/') ? pathPart.slice(1) : path.posix.join(path.posix.dirname(file), pathPart),
            );
      if (resolved.startsWith('..')) {
        report(offset, target.length, `links to ${target}, outside the repository`);
      } else if (!present.has(resolved) && !folders.has(resolved.replace(/\/$/, ''))) {
        report(offset, target.length, `links to ${target}, which is not in the repository`);
      } else if (anchor && MARKDOWN.test(resolved) && !anchorsFor(resolved).has(anchor)) {
        report(offset, target.length, `links to ${target}, but ${resolved} has no section with that anchor`);
      }
    }
  }
  return result(NAME, problems, [`${files.length} files`]);
}
