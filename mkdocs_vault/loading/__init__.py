"""Loading vault pages: front matter with line numbers, the field checks, located problems."""
