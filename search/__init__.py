"""Query language, engines and results over the paragraph index; knows nothing of Flask."""
