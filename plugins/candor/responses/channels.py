"""What a quoted response is about: where it came from, what it said, in which language.

The vocabulary every part of the responses feature shares: the channels a reply
can come in by, the outcomes a round-up tallies, and the names of languages a
translation is labelled with.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Channel:
    slug: str
    label: str  # a heading: "Support chat"
    phrase: str  # after the name: "in a support chat"
    public: bool  # whether a link to the source can exist at all


CHANNELS: dict[str, Channel] = {
    c.slug: c
    for c in (
        Channel("email", "Email", "by email", False),
        Channel("x", "X (Twitter)", "on X", True),
        Channel("social", "Other social media", "on social media", True),
        Channel("chat", "Support chat", "in a support chat", False),
        Channel("phone", "Phone", "on the phone", False),
        Channel("forum", "Forum", "in a forum", True),
        Channel("other", "Elsewhere", "elsewhere", True),
    )
}
CHANNEL_ALIASES = {"twitter": "x", "support chat": "chat", "support-chat": "chat"}
# Outcome: the tally phrase for one and for many, in display order.
OUTCOMES: dict[str, tuple[str, str]] = {
    "thanks": ("{n} thank-you reply", "{n} thank-you replies"),
    "concern": ("{n} raised a concern", "{n} raised concerns"),
    "unsubscribe": ("{n} asked to be removed", "{n} asked to be removed"),
    "other": ("{n} other reply", "{n} other replies"),
}
# Outcome: how a round-up's stated count of it reads ("13 thanked us"), for one and many.
STATED_OUTCOMES: dict[str, tuple[str, str]] = {
    "thanks": ("{n} thanked us", "{n} thanked us"),
    "concern": ("{n} raised a concern", "{n} raised concerns"),
    "unsubscribe": ("{n} asked to be removed", "{n} asked to be removed"),
    "other": ("{n} wrote about something else", "{n} wrote about something else"),
}
LANGUAGE_NAMES = {
    "ar": "Arabic", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "fi": "Finnish", "fr": "French", "hi": "Hindi", "it": "Italian",
    "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "no": "Norwegian", "pl": "Polish",
    "pt": "Portuguese", "ru": "Russian", "sv": "Swedish", "tr": "Turkish",
    "uk": "Ukrainian", "zh": "Chinese",
}  # fmt: skip


def translation_label(lang: str) -> str:
    return f"Translation from {LANGUAGE_NAMES.get(lang.split('-')[0].lower(), lang)}"
