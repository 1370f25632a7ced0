"""`vault.json` and `vault.graphml` as files that MkDocs copies into the site.

Their text is hundreds of MB at 10,000 entries. Given to MkDocs as the content of generated
files, it stayed in memory while MkDocs rendered every page (MkDocs copies files only after
that); written to a folder of their own, it is let go at once.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from typing import TYPE_CHECKING

from mkdocs.structure.files import File

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mkdocs.config.defaults import MkDocsConfig


class ExportFolder:
    """A temporary folder holding one build's exports, removed with `remove`."""

    def __init__(self) -> None:
        self._path: str | None = None

    def files(self, config: MkDocsConfig, exports: Mapping[str, str | bytes]) -> list[File]:
        """The exports (site path -> text) as generated files; where no temporary folder
        can be written, with their text as content."""
        self.remove()
        try:
            self._path = tempfile.mkdtemp(prefix="mkdocs-vault-")
            found = []
            for uri, data in exports.items():
                path = os.path.join(self._path, uri)
                with open(path, "wb") as handle:
                    handle.write(data.encode("utf-8") if isinstance(data, str) else data)
                found.append(File.generated(config, uri, abs_src_path=path))
            return found
        except OSError:
            self.remove()
            return [File.generated(config, uri, content=data) for uri, data in exports.items()]

    def remove(self) -> None:
        """The folder and what is in it, once MkDocs has copied them."""
        if self._path is not None:
            shutil.rmtree(self._path, ignore_errors=True)
            self._path = None
