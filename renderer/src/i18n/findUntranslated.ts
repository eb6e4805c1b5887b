import ts from 'typescript';

/** Props whose text a person reads or hears: these must come from t(). */
export const USER_FACING_PROPS = new Set(['aria-label', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label', 'confirmLabel', 'hint']);

export interface Finding {
  line: number;
  text: string;
  where: 'text' | 'prop' | 'expression';
}

const hasLetters = (text: string) => /\p{L}/u.test(text);

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return null;
}

/**
 * String literals that end up on screen without passing through t(): JSX
 * text, literals in user-facing props, and literals that a JSX child
 * expression renders (`{busy ? 'Saving…' : 'Save'}`). A literal inside any
 * call (t('key'), join(', ')) is not reported: the call decides what shows.
 */
export function findUntranslated(source: string, fileName = 'file.tsx'): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string, where: Finding['where']) => {
    if (hasLetters(text)) findings.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim(), where });
  };

  /** Literals an expression can evaluate to, through ?:, &&, ||, ?? and parentheses, but not into calls. */
  function renderedLiterals(node: ts.Expression, where: Finding['where']): void {
    const text = literalText(node);
    if (text !== null) return report(node, text, where);
    if (ts.isParenthesizedExpression(node)) return renderedLiterals(node.expression, where);
    if (ts.isConditionalExpression(node)) {
      renderedLiterals(node.whenTrue, where);
      renderedLiterals(node.whenFalse, where);
      return;
    }
    if (ts.isBinaryExpression(node) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.PlusToken].includes(node.operatorToken.kind)) {
      renderedLiterals(node.left, where);
      renderedLiterals(node.right, where);
    }
  }

  function visit(node: ts.Node): void {
    if (ts.isJsxText(node)) report(node, node.text, 'text');
    else if (ts.isJsxAttribute(node) && USER_FACING_PROPS.has(node.name.getText(file)) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init)) report(init, init.text, 'prop');
      else if (ts.isJsxExpression(init) && init.expression) renderedLiterals(init.expression, 'prop');
    } else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      renderedLiterals(node.expression, 'expression');
    }
    ts.forEachChild(node, visit);
  }
  visit(file);
  return findings;
}

/** Keys passed to t() or <Trans i18nKey>: literal keys whole, template keys up to their first ${. */
export function findKeys(source: string): Array<{ key: string; prefix: boolean }> {
  const keys: Array<{ key: string; prefix: boolean }> = [];
  for (const m of source.matchAll(/\bt\(\s*(['"])([\w.+-]+)\1/g)) keys.push({ key: m[2]!, prefix: false });
  for (const m of source.matchAll(/\bt\(\s*`([\w.+-]*)\$\{/g)) keys.push({ key: m[1]!.replace(/\.$/, ''), prefix: true });
  for (const m of source.matchAll(/i18nKey=(?:\{\s*)?(['"])([\w.+-]+)\1/g)) keys.push({ key: m[2]!, prefix: false });
  return keys;
}
