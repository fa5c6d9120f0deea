"""The default engine, embedded: schema, writer and searcher of a tantivy index."""

from search.engines import Engine
from search.engines.tantivy.searcher import TantivySearcher
from search.engines.tantivy.writer import TantivyWriter, copy_index, worn

ENGINE = Engine(
    "tantivy",
    writer=TantivyWriter,
    searcher=TantivySearcher,
    updater=TantivyWriter,
    copy=copy_index,
    worn=worn,
)
