"""Graphs: labels, colours, safe Mermaid, layouts, the overview and the knowledge graph."""
