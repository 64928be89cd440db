"""What a visitor types into a query string, made safe for every database and search
backend: search text and slugs (a tag, a keyword)."""

import re

MAX_QUERY_LENGTH = 200

# Anything but letters, digits, spaces, apostrophes and hyphens. Quotes, brackets, stars
# and colons are query syntax to the full-text engines (SQLite FTS5 rejects an unbalanced
# quote outright), and residents never mean them as such.
_NOT_WORDS = re.compile(r"[^\w\s'’-]+")


def clean_query(raw):
    """Turn a visitor's search text into plain words that every backend accepts.

    NUL characters are dropped because PostgreSQL refuses them in text, and the length
    is capped so a pasted essay cannot make an expensive query.
    """
    words = _NOT_WORDS.sub(" ", raw.replace("\x00", "")).split()
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


def slug_param(params, name):
    """The slug a query string names (a tag, a keyword): at most 100 characters and never
    a NUL, which PostgreSQL refuses in any text it is given."""
    return params.get(name, "")[:100].replace("\x00", "")
