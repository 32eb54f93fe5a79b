"""The brand settings, read once and checked; the accent colour added to the built CSS.

Pages allow no inline style (their Content-Security-Policy), so the accent reaches them
through the site's own stylesheet: the built copy of candor.css gets a last rule with it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..build.problems import BuildStopped, Problem
from . import contrast

# The backgrounds links sit on in each scheme of theme/static/css/candor.css (--bg and
# --surface); tests/theme/test_brand.py checks they are still the stylesheet's.
BACKGROUNDS = {"light": ("#ffffff", "#f4f4f6"), "dark": ("#16161a", "#222229")}
STYLESHEET = "css/candor.css"


@dataclass(frozen=True)
class Brand:
    logo_url: str = ""  # under SITEURL, e.g. "images/logo.svg"; empty: no logo
    logo_alt: str = ""
    description: str = ""
    accent: tuple[tuple[str, str], ...] = ()  # (scheme, colour), when the site sets one


def stop(setting: str, message: str) -> None:
    raise BuildStopped([Problem("settings", setting, message, True)])


def accent_colours(value) -> dict[str, str]:
    """{"light": colour, "dark": colour} from CANDOR_ACCENT, each checked against its scheme."""
    if isinstance(value, str):
        colours = {"light": value, "dark": value}
    elif isinstance(value, dict) and set(value) == {"light", "dark"}:
        colours = dict(value)
    else:
        per_scheme = '{"light": "#0b5cad", "dark": "#8cc4ff"} for one colour per scheme'
        stop("CANDOR_ACCENT", f'write a colour like "#0b5cad", or {per_scheme}')
    for scheme, colour in colours.items():
        try:
            worst = min(contrast.ratio(colour, bg) for bg in BACKGROUNDS[scheme])
        except ValueError:
            stop("CANDOR_ACCENT", f'{colour!r} is not a colour; write it as "#rrggbb"')
        if worst < contrast.AA_TEXT:
            stop(
                "CANDOR_ACCENT",
                f"{colour} has a contrast of {worst:.2f}:1 against the {scheme} scheme's "
                f"background; links need {contrast.AA_TEXT}:1 (WCAG AA). Choose a "
                f"{'darker' if scheme == 'light' else 'lighter'} colour for the {scheme} scheme, "
                'e.g. CANDOR_ACCENT = {"light": "#0b5cad", "dark": "#8cc4ff"}',
            )
    return colours


def read_brand(settings: dict) -> None:
    """Check the brand settings before anything is read; `brand` for the templates."""
    logo = settings.get("CANDOR_LOGO") or ""
    alt = " ".join(str(settings.get("CANDOR_LOGO_ALT") or "").split())
    if logo:
        if not isinstance(logo, str) or not os.path.isfile(os.path.join(settings["PATH"], logo)):
            where = 'e.g. "images/logo.svg", and list its folder in STATIC_PATHS'
            stop(
                "CANDOR_LOGO",
                f"{logo!r} is not a file in the content folder; write its path there, {where}",
            )
        if not alt:
            example = 'e.g. CANDOR_LOGO_ALT = "Tandem Rooms"'
            stop(
                "CANDOR_LOGO_ALT", f"the logo needs a text for people who cannot see it, {example}"
            )
    description = " ".join(str(settings.get("CANDOR_DESCRIPTION") or "").split())
    accent = settings.get("CANDOR_ACCENT")
    colours = accent_colours(accent) if accent else {}
    settings["brand"] = Brand(logo.replace(os.sep, "/"), alt, description, tuple(colours.items()))


def accent_css(brand: Brand) -> str:
    """The last rules of the built stylesheet: the accent on screens (print keeps black)."""
    colours = dict(brand.accent)
    return (
        "\n/* The site's accent (CANDOR_ACCENT), added by the build. */\n"
        f"@media screen {{ :root {{ --accent: {colours['light']}; "
        f"--accent-light: {colours['light']}; }} }}\n"
        "@media screen and (prefers-color-scheme: dark) "
        f"{{ :root {{ --accent: {colours['dark']}; }} }}\n"
    )


def write_accent(settings: dict) -> None:
    brand = settings.get("brand")
    if not brand or not brand.accent:
        return
    path = os.path.join(settings["OUTPUT_PATH"], settings["THEME_STATIC_DIR"], STYLESHEET)
    if os.path.isfile(path):
        with open(path, "a", encoding="utf-8") as out:
            out.write(accent_css(brand))
