-- Better BibTeX's citation key table, as the Better BibTeX plugin creates it in
-- better-bibtex.sqlite beside zotero.sqlite (retorquere/zotero-better-bibtex, MIT). Used only
-- to build test libraries.

CREATE TABLE IF NOT EXISTS citationkey (
  itemID NOT NULL PRIMARY KEY,
  itemKey NOT NULL,
  libraryID NOT NULL,
  citationKey NOT NULL CHECK (citationKey <> ''),
  pinned CHECK (pinned in (0, 1)),
  UNIQUE (libraryID, itemKey)
);
CREATE INDEX IF NOT EXISTS citationkey_itemKey ON citationkey(itemKey);
CREATE INDEX IF NOT EXISTS citationkey_libraryID_itemKey ON citationkey(libraryID, itemKey);
CREATE INDEX IF NOT EXISTS citationkey_citationkey ON citationkey(citationKey);
