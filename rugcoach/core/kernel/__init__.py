"""The bottom layer: words in two languages, the shared vocabulary, content reading, ids."""
