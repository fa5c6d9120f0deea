"""Readers that turn source files (PDF, text extracted from PDF, plain text, HTML) into raw documents."""
