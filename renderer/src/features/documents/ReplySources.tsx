import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplySource } from '../../../../main/contract/index.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useHearth } from '../../store/StoreContext.js';
import { SourcePlace } from './SourcePlace.js';
import { baseName } from './splitPaths.js';

/** One numbered source: its file and place; the excerpt opens below it; Open asks, then opens the file in its app. */
function SourceItem({ source, messageId }: { source: ReplySource; messageId: string }) {
  const { t } = useTranslation();
  const openFile = useHearth((s) => s.openDocFile);
  // The desktop app asks in its own dialog in main (the page cannot answer it), so it is not asked twice.
  const asksInMain = useHearth((s) => s.appInfo?.shell === 'electron');
  const [expanded, setExpanded] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const name = source.title || baseName(source.path);
  const excerptId = `source-${messageId}-${source.n}`;
  return (
    <li className="reply-source" data-testid="reply-source" data-n={source.n} data-path={source.path} id={`${excerptId}-item`}>
      <div className="reply-source-head">
        <span className="reply-source-n" aria-hidden="true">
          [{source.n}]
        </span>
        <button
          type="button"
          className="link-button reply-source-name"
          aria-expanded={expanded}
          aria-controls={excerptId}
          title={source.text.slice(0, 300)}
          onClick={() => setExpanded(!expanded)}
          data-testid="reply-source-toggle"
        >
          <span className="visually-hidden">{t('documents.sources.number', { n: source.n })} </span>
          {name}
        </button>
        <SourcePlace heading={source.heading} page={source.page} lines={source.lines} />
        <button type="button" className="button button-small" onClick={() => (asksInMain ? void openFile(source.path) : setConfirming(true))} data-testid="reply-source-open">
          {t('documents.sources.open')}
        </button>
      </div>
      <blockquote id={excerptId} className="doc-excerpt" hidden={!expanded} data-testid="reply-source-excerpt">
        {source.text}
      </blockquote>
      {confirming && (
        <ConfirmDialog title={t('documents.sources.openTitle', { name })} confirmLabel={t('documents.sources.open')} onConfirm={() => openFile(source.path)} onClose={() => setConfirming(false)}>
          <p>{t('documents.sources.openBody')}</p>
          <p className="doc-file-path" dir="ltr">
            {source.path}
          </p>
        </ConfirmDialog>
      )}
    </li>
  );
}

/** The excerpts a reply was given, numbered as the model saw them ([1], [2]...); none found: a note that says so. */
export const ReplySources = memo(function ReplySources({ sources, messageId }: { sources: readonly ReplySource[]; messageId: string }) {
  const { t } = useTranslation();
  // Retrieval ran and found nothing: say so, so an answer is not taken for one from the documents.
  if (sources.length === 0) {
    return (
      <p className="reply-sources-none muted" data-testid="reply-sources-none">
        {t('documents.sources.none')}
      </p>
    );
  }
  const headingId = `sources-${messageId}`;
  return (
    <section className="reply-sources" aria-labelledby={headingId} data-testid="reply-sources">
      <h2 id={headingId}>{t('documents.sources.title')}</h2>
      <ol>
        {[...sources]
          .sort((a, b) => a.n - b.n)
          .map((s) => (
            <SourceItem key={s.n} source={s} messageId={messageId} />
          ))}
      </ol>
    </section>
  );
});
