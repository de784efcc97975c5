"""Static files in production: hashed names from the manifest, plain names until it exists.

Without this, every page that links a static file answers 500 ("Missing staticfiles manifest
entry") until `collectstatic` has run. Before collectstatic the site now serves the source files
under their plain names (whitenoise reads them through the finders, see settings) and logs a
warning at start-up; `make serve-prod` runs collectstatic first, so production gets hashed,
compressed, long-cached files.
"""

from __future__ import annotations

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class ManifestOrPlainStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.collected = self.manifest_storage.exists(self.manifest_name)
        self._warned = False

    def stored_name(self, name):
        if self.collected:
            return super().stored_name(name)
        if not self._warned:
            self._warned = True
            logger.warning(
                "static files were not collected (no %s in STATIC_ROOT): serving plain file names. "
                "Run `manage.py collectstatic` (make serve-prod does) for hashed, compressed files.",
                self.manifest_name,
            )
        return name
