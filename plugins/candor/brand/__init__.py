"""The site's own face: a logo, an accent colour checked for contrast, a line for the footer.

contrast.py      WCAG 2 contrast ratios of two colours
identity.py      the brand settings read and checked, and the accent written into the CSS

Settings: `CANDOR_LOGO` (an image under the content folder, e.g. "images/logo.svg"),
`CANDOR_LOGO_ALT` (its text for people who cannot see it), `CANDOR_ACCENT`
("#rrggbb", or {"light": ..., "dark": ...} for a colour per scheme), `CANDOR_DESCRIPTION`
(a sentence for the footer). Adds to templates: `brand` (a `Brand`).
"""

from __future__ import annotations

from ..build.phases import Feature
from . import identity

FEATURE = Feature(
    "brand",
    settings=(identity.read_brand,),
    written=(identity.write_accent,),
)
