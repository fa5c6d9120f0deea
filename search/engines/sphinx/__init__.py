"""The distributed engine: SphinxQL to Sphinx locally or Manticore Search in production."""

from search.engines import Engine
from search.engines.sphinx.searcher import SphinxSearcher
from search.engines.sphinx.writer import SphinxWriter

ENGINE = Engine("sphinx", writer=SphinxWriter, searcher=SphinxSearcher)
