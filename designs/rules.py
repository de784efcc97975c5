"""Fixed rules of the design lifecycle and uploads (not settings: changing one changes the product).

Read them as `rules.NAME` (module attribute) so the code always sees the current value.
"""

from __future__ import annotations

# A design's voting window. Seven days, because a pre-order's card authorisation expires after about
# seven days (Stripe's manual capture): a campaign started from the vote must be decided before then.
VOTING_DAYS = 7

# Uploads: the printers need at least 1200 px on the short side; 20 MB and 40 megapixels keep a
# decompression bomb or a raw camera file out of the image pipeline (Wagtail's own limits are the same).
UPLOAD_MAX_BYTES = 20 * 1024 * 1024
UPLOAD_MAX_PIXELS = 40_000_000
UPLOAD_MIN_SHORT_SIDE = 1200
# Images per design: the gallery on the design page shows at most six.
MAX_IMAGES = 6
