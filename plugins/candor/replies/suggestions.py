"""What Candor suggests for each reply, for the author to confirm: its language, its outcome.

The language comes from py3langid (langid.py's model, shipped inside the
package: it works offline), limited to the languages Candor can name in a
translation label, which makes short replies ("Danke!") far less of a guess.
The outcome comes from the words of the reply: asking to be removed first (a
"thanks, but unsubscribe me" is a request to honour), then thanks, else other.
"""

from __future__ import annotations

import functools
import re

from ..responses.channels import LANGUAGE_NAMES

UNSUBSCRIBE = re.compile(
    r"unsubscrib|opt(?:ed)? out|remove (?:me|my (?:e-?mail|address)|this address)|"
    r"take me off|(?:stop|never) (?:e-?mailing|sending|writing|email(?:ing)? me)|"
    r"no more e-?mails|off (?:your|the|every) (?:mailing )?list|"
    r"abmelden|austragen|(?:trage|tragen sie|tragt) mich\b.{0,40}\baus\b|"
    r"aus (?:dem|ihrem|eurem) verteiler|keine (?:e-?)?mails mehr|"
    r"d[ée]sabonn|d[ée]sinscri|retirez[- ]moi|ne plus recevoir|plus de (?:e-?)?mails|"
    r"plus jamais",
    re.IGNORECASE,
)
THANKS = re.compile(
    r"\bthank|\bthx\b|\bcheers\b|appreciat|grateful|\bmerci\b|\bdanke|vielen dank|\bgracias\b|"
    r"\bgrazie\b|\bobrigad[oa]\b|\bbedankt\b|ありがとう|谢谢",
    re.IGNORECASE,
)


def suggested_outcome(text: str) -> str:
    """unsubscribe, thanks or other."""
    if UNSUBSCRIBE.search(text):
        return "unsubscribe"
    if THANKS.search(text):
        return "thanks"
    return "other"


@functools.cache
def identifier():
    # Loaded once, on the first reply: the model takes a moment to read.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    found = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    found.set_languages(sorted(LANGUAGE_NAMES))
    return found


def detected_language(text: str, site_language: str) -> str:
    """The reply's language code (de, fr); the site's language for text with no letters."""
    if not any(character.isalpha() for character in text):
        return site_language
    language, _probability = identifier().classify(text)
    return language
