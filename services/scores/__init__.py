"""Index self-assessment: frameworks as data, scores, gaps, evidence, SIPAS surveys."""
