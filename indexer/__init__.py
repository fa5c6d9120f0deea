"""Turns raw documents into structured resolutions and writes the search index."""
