"""careerscrape: career pages in, validated JSON Lines records and a role catalog out."""

__version__ = "0.1.0"
