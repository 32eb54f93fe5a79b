"""WCAG 2 contrast: the relative luminance of sRGB colours and the ratio between two.

The formulas of WCAG 2.2, "relative luminance" and "contrast ratio"; AA asks 4.5:1
for body text, which is what links in the accent colour are.
"""

from __future__ import annotations

import re

AA_TEXT = 4.5
HEX = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def parse_hex(colour: str) -> tuple[int, int, int]:
    """(r, g, b) of "#rrggbb" or "#rgb"; ValueError for anything else."""
    found = HEX.match(colour.strip()) if isinstance(colour, str) else None
    if not found:
        raise ValueError(colour)
    digits = found[1] if len(found[1]) == 6 else "".join(d * 2 for d in found[1])
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in parse_hex(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
