import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { RerankMode } from '../../../../main/contract/entities.js';
import { useHearth } from '../../store/StoreContext.js';

/**
 * How the user's documents are searched right now: by keywords alone or also
 * by meaning (an embedding model), and whether an installed reranker
 * reorders the best results, with its setting (automatic, always, never) and
 * what it costs.
 */
export function SearchModeNote() {
  const { t } = useTranslation();
  const mode = useHearth((s) => s.docSearchMode);
  const load = useHearth((s) => s.loadDocSearchMode);
  const setRerank = useHearth((s) => s.setDocRerank);
  const id = useId();
  useEffect(() => {
    void load();
  }, [load]);
  if (!mode) return null;

  return (
    <section className="doc-search-mode" aria-labelledby={`${id}-title`} data-testid="doc-search-mode">
      <h2 id={`${id}-title`}>{t('documents.mode.title')}</h2>
      <p data-testid="doc-search-mode-vectors">{mode.embeddingModelId ? t('documents.mode.hybrid', { model: mode.embeddingModelId }) : t('documents.mode.keywords')}</p>
      {mode.rerankerModelId ? (
        <div className="form">
          <label htmlFor={`${id}-rerank`}>{t('documents.mode.rerankLabel', { model: mode.rerankerModelId })}</label>
          <select
            id={`${id}-rerank`}
            value={mode.rerank}
            onChange={(e) => void setRerank(RerankMode.parse(e.target.value))}
            aria-describedby={`${id}-now ${id}-cost`}
            data-testid="doc-rerank-mode"
          >
            <option value="auto">{t('documents.mode.rerankAuto')}</option>
            <option value="on">{t('documents.mode.rerankOn')}</option>
            <option value="off">{t('documents.mode.rerankOff')}</option>
          </select>
          <p id={`${id}-now`} data-testid="doc-reranking-now">
            {mode.reranking ? t('documents.mode.rerankingNow') : t('documents.mode.notRerankingNow')}
          </p>
          <p id={`${id}-cost`} className="muted">
            {t('documents.mode.rerankCost')}
          </p>
        </div>
      ) : (
        <p className="muted" data-testid="doc-no-reranker">
          {t('documents.mode.noReranker')}
        </p>
      )}
    </section>
  );
}
