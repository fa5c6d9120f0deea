"""The pure-Python engine: schema, writer and searcher of a whoosh index."""

from search.engines import Engine
from search.engines.whoosh.searcher import WhooshSearcher
from search.engines.whoosh.writer import WhooshWriter, copy_index

ENGINE = Engine(
    "whoosh",
    writer=WhooshWriter,
    searcher=WhooshSearcher,
    updater=WhooshWriter.existing,
    copy=copy_index,
)
