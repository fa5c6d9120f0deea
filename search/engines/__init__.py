"""One module per engine, each compiling search.ast to its own query objects."""
