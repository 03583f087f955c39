import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import type { Problem } from './problems.js';

/** A program file's text as a YAML document (JSON is YAML too), able to say where a path sits in the text. */
export type Source = {
  doc: Document;
  /** YAML syntax errors, each at its line and column. */
  syntaxProblems: Problem[];
  /** Adds line and column to each problem: its own node's, else the nearest enclosing node's. */
  locate(problems: Problem[]): Problem[];
};

export function openSource(text: string): Source {
  const lineCounter = new LineCounter();
  // duplicate keys are errors: the second would silently win otherwise
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate = (problems: Problem[]) =>
    problems.map((problem) => {
      if (problem.line) return problem;
      // the root is line 1 whatever is wrong, which says nothing; stop below it
      for (let depth = problem.path.length; depth > 0; depth--) {
        const node = doc.getIn(problem.path.slice(0, depth), true);
        if (isNode(node) && node.range) return { ...problem, ...at(node.range[0]) };
      }
      return problem;
    });
  const syntaxProblems = doc.errors.map((e) => ({ path: [], message: e.message, ...at(e.pos[0]) }));
  return { doc, syntaxProblems, locate };
}
