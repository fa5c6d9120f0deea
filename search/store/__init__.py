"""The on-disk formats of an index, one module each, written by the indexer and read by search/.

layout: index directory, builds, `current` pointer, manifest, build lock; docstore: docs.sqlite;
language_tables: language.sqlite's tables and row types; precedent_tables: precedent.sqlite (agreed check);
layered: any of those three as an update leaves it, a hard-linked immutable base plus a small top.
"""
