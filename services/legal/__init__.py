"""The ward's register of legal documents: effect, reviews, systematisation and lists."""
