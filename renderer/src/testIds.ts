/**
 * Stable hooks for Playwright and component tests. Use these, not CSS classes
 * or text, to find things.
 *
 * Shell
 *   app-shell            the root layout (data-shell="electron|browser")
 *   nav-chats / nav-models / nav-documents / nav-routing / nav-settings   navigation buttons
 *   new-chat-button      starts a new chat (draft until the first send)
 *   chat-search          search input in the sidebar (chats.search)
 *   search-result        one hit (data-chat-id, data-message-id); <mark> wraps the matches
 *   chat-list            the list of chats
 *   chat-item            one chat (data-chat-id, aria-current="page" when active)
 *   chat-rename-button / chat-rename-input / chat-delete-button
 *   confirm-dialog       any confirmation dialog; confirm-button / cancel-button inside
 *   status-bar           bottom bar; connection-state (data-state), engine-backend, memory-use, loaded-models
 *   toast                one notification (data-kind="error|info"); toast-dismiss
 *
 * Chat
 *   chat-title           title in the top bar
 *   model-picker         <select> of installed models in the top bar
 *   chat-settings-button opens the per-chat settings dialog (chat-settings-dialog, chat-settings-save)
 *   message-list         the scrolling log (role="log")
 *   message-row          one message (data-role, data-status, data-message-id)
 *   message-content      rendered Markdown of a message
 *   message-stats        reply footer with tokens/s, time to first token, tokens, model, backend
 *   message-badge        interrupted / error / stopped badge (data-kind)
 *   thought              a reply's thinking above its answer (data-thinking while it streams);
 *                        thought-toggle (aria-expanded), thought-text (shown when open)
 *   message-thought-tokens  footer item: thinking and answer tokens apart
 *   thinking-settings    the chat settings' thinking fieldset: thinking-mode, thinking-budget, thinking-model-hint
 *   copy-message-button / regenerate-button / edit-button
 *   edit-input / edit-save-button / edit-cancel-button   inline editor of a user message
 *   code-block / code-copy-button   fenced code with its language label
 *   jump-to-latest       appears when the user scrolled up while a reply streams
 *   composer-input       the message textarea
 *   send-button / stop-button
 *   composer-hint        why sending is disabled (no model)
 *
 * Routing
 *   routing-mode         <select> in the top bar: "auto" or a profile id (chats.update routingMode)
 *   routing-chip         on a routed reply (data-domain, data-mode="auto|pinned|override"); opens routing-popover (role=dialog)
 *   routing-popover      routing-scores > routing-score (data-domain, data-value), routing-reasons, routing-confidence,
 *                        routing-model, routing-tier, routing-method, routing-fallback, routing-system-prompt
 *   reroute-button / reroute-menu / reroute-option (data-domain)   "Re-route to…" (chat.reroute)
 *   model-switch         "Loading <model>… for <profile>" while a reply waits for its model (data-model-id)
 *   routing-page         routing-stats (routing-stats-total / -confidence / -overrides / -fallbacks / -domains), routing-stats-empty
 *   router-preview-input / router-preview-button / router-preview-result (data-domain)
 *   profile-list > profile-item (data-profile-id, data-enabled): profile-toggle, profile-edit-button, profile-reset-button, profile-delete-button
 *   profile-add-button, profile-editor (dialog): profile-name, profile-id, profile-icon, profile-color, profile-description,
 *                        profile-system-prompt, profile-sampling-<key>, profile-models-<tier> (profile-model, profile-models-<tier>-add),
 *                        profile-examples, profile-enabled, profile-save, profile-save-error, field-error
 *
 * Model library (nav-models opens it)
 *   library-page; installed-section, model-card (data-model-id, data-loaded), fit-badge (data-verdict="fits|tight|wont-fit|unknown")
 *   model-load-button / model-unload-button / model-delete-button / model-load-progress
 *   model-verify-button, model-verify-result (data-result="running|ok|unrecorded|mismatch")
 *   offline-panel, offline-switch (role="switch", data-state="on|off"), offline-state, prepare-offline-button, cache-info
 *   catalog-section, catalog-filter-text / -size / -family / -domain / -fits, catalog-count, catalog-check-fit, catalog-error
 *   catalog-grid, catalog-card (data-catalog-id): catalog-installed, catalog-licence, catalog-size, catalog-quantization,
 *     catalog-download, catalog-installed-quant, catalog-download-error (data-code)
 *   download (data-download-id, data-state): download-state, download-numbers, download-progress (role="progressbar"),
 *     download-pause / download-resume / download-cancel / download-retry, download-error (data-code)
 *   downloads-section, download-source-input, download-source-button, download-source-error, download-list, download-row (data-state)
 *   found-section, scan-button, scan-error, found-model (data-path), found-use-button, found-in-hearth
 *   network-log, network-log-summary, network-log-refresh, network-log-error, network-log-row (data-allowed)
 *   import-path-input (browser mode), import-pick-button (Electron), import-mode-copy / import-mode-link, import-button
 *   delete-model-file-checkbox
 *
 * Settings
 *   settings-page, settings-threads, settings-gpu-layers, settings-context-size, settings-idle-unload, settings-engine-save
 *   settings-data-dir, theme-system / theme-light / theme-dark, settings-system-prompt, settings-system-prompt-save
 *   delete-all-button, delete-all-confirm-input, delete-all-include-models, delete-all-confirm-button
 *
 * Documents (nav-documents opens it)
 *   documents-page, doc-empty, doc-collections
 *   doc-create: doc-create-name, doc-create-paths (absolute paths, one per line), doc-create-submit, doc-create-error
 *   doc-collection (data-collection-id, data-name): doc-count-files / -skipped / -chunks / -text, doc-sync, doc-remove (confirm-dialog),
 *     doc-root (data-path) > doc-root-remove, doc-add-path-input / doc-add-path-button, doc-files-toggle (aria-expanded)
 *   doc-progress (data-phase): doc-progress-counts, doc-progress-file, doc-cancel, role=progressbar
 *   doc-files > doc-file (data-status="indexed|skipped", data-path): doc-file-reason, doc-file-remove
 *   doc-search: doc-search-input, doc-search-button, doc-hits > doc-hit (data-path), doc-search-none; source-place (heading · page/lines)
 *
 * Chat documents
 *   composer (the form; files dropped on it become composer-file chips), composer-files > composer-file (data-path) > composer-file-remove
 *   attach-button (aria-expanded) opens attach-menu: attach-option (checkbox, data-collection-id), attach-file-input / attach-file-button
 *   attached-collections > attached-collection (data-collection-id) > detach-collection
 *   reply-sources > reply-source (data-n, data-path): reply-source-toggle (aria-expanded), reply-source-excerpt, reply-source-open (then confirm-dialog in browser mode)
 *   citation    an inline [n] in a reply that links to its source n (data-n)
 *
 * First run
 *   welcome-screen
 */
export const TEST_IDS_DOC = 'see the comment above';
