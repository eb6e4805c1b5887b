import { useTranslation } from 'react-i18next';

interface SourcePlaceProps {
  heading: string | null;
  page: number | null;
  lines: readonly [number, number] | null;
}

/** Where in its file an excerpt is: the heading, then the page or the lines. */
export function SourcePlace({ heading, page, lines }: SourcePlaceProps) {
  const { t } = useTranslation();
  const parts: string[] = [];
  if (heading) parts.push(heading);
  if (page !== null) parts.push(t('documents.place.page', { page }));
  else if (lines) parts.push(lines[0] === lines[1] ? t('documents.place.line', { line: lines[0] }) : t('documents.place.lines', { from: lines[0], to: lines[1] }));
  if (parts.length === 0) return null;
  return (
    <span className="source-place muted" data-testid="source-place">
      {parts.join(' · ')}
    </span>
  );
}
