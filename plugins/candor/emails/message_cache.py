"""Send-ready messages kept between builds, with Pelican's own content cache.

A sent email does not change (the ledger sees to it), yet rendering its two
parts and composing the .eml is a third of a rebuild's time on a site with many
emails. With Pelican's cache on (CACHE_CONTENT and LOAD_CONTENT_CACHE), each
message is kept under a key made of everything it is made from: the body as
published, the headers, the links, the site's name and address, and the
message template's source. Any change to one of them makes a new key, so a
stale message is never reused. Only the messages of this build are saved.
"""

from __future__ import annotations

import hashlib

from pelican.cache import FileDataCacher

# Part of every key: raise it when the way messages are made changes, so that no
# message made the old way is reused.
MESSAGE_FORMAT = 2


class MessageCache(FileDataCacher):
    def __init__(self, settings: dict, template_source: str):
        enabled = bool(settings.get("CACHE_CONTENT"))
        load = enabled and bool(settings.get("LOAD_CONTENT_CACHE"))
        super().__init__(settings, "candor-messages", enabled, load)
        self.template_digest = hashlib.sha256(template_source.encode()).hexdigest()
        self.used: dict[str, tuple] = {}

    def key(self, email, base_url: str) -> str:
        post = email.post
        parts = (
            MESSAGE_FORMAT,
            self.template_digest,
            base_url,
            self.settings.get("SITENAME", ""),
            email.slug,
            email.url,
            email.subject,
            email.sender,
            email.reply_to,
            email.sent.isoformat(),
            post.url if post else "",
            post.title if post else "",
            email.content,
        )
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def get_or_make(self, email, base_url: str, make) -> tuple:
        if not self._cache_data_policy:
            return make()  # with the cache off, the key would be work for nothing
        key = self.key(email, base_url)
        made = self.get_cached_data(key) or make()
        self.used[key] = made
        return made

    def save_cache(self) -> None:
        self._cache = self.used  # messages of emails gone or changed are dropped
        super().save_cache()
