"""The ward's register of legal documents: effect, reviews, systematisation and lists.
May import models, services.office, services.safety, services.xlsx, services.documents and the kernel.
"""
