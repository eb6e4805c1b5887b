/** A catalogue: nested keys down to strings; plural keys carry i18next's suffixes (_one, _other, _few...). */
export interface Catalogue {
  [key: string]: string | Catalogue;
}
