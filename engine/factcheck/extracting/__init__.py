"""Extracting: the typed values a text states (mentions), its sentences, and the claims that relate them."""
