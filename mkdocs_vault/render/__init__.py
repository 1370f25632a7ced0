"""An entry page: fields through our own Markdown and filter, placeholders, sections."""
