"""Reads email announcements and writes their web versions, archive and .eml files.

Adds to templates: `emails` (sent emails, newest first) and `email_drafts`.
Writes, per sent email, its web version (EMAIL_SAVE_AS, `email.html`) and its
send-ready message (EMAIL_EML_SAVE_AS); and the archive (EMAIL_ARCHIVE_SAVE_AS,
`emails.html`). Drafts are read and checked but never written.
"""

from __future__ import annotations

import functools
import logging
import os
from datetime import UTC, datetime

from pelican.generators import CachingGenerator

from ..authoring.reading import ContentUnreadable
from ..build.problems import build_state, problem_log
from ..build.settings import writes_ledger
from ..ledger.kept_messages import message_as_sent
from ..text.urls import public_base_url
from .announcement import EmailAnnouncement, read_email_fields
from .line_breaks import keep_line_breaks
from .message import build_message, message_parts
from .message_cache import MessageCache

logger = logging.getLogger(__name__)


class EmailGenerator(CachingGenerator):
    def __init__(self, *args, **kwargs):
        self.emails: list[EmailAnnouncement] = []
        self.drafts: list[EmailAnnouncement] = []
        self.folders_made: set[str] = set()
        super().__init__(*args, **kwargs)
        keep_line_breaks(self.readers)  # its own readers: posts keep Markdown's rules

    def generate_context(self) -> None:
        problems = problem_log(self.context)
        now = datetime.now(UTC)
        for path in self.get_files(self.settings["CANDOR_EMAILS_PATH"]):
            email = self.get_cached_data(path, None)
            if email is None:
                try:
                    email = self.readers.read_file(
                        base_path=self.path,
                        path=path,
                        content_class=EmailAnnouncement,
                        context=self.context,
                    )
                except ContentUnreadable:
                    continue  # reported by the reader, with the line or the field
                except Exception as error:  # a reader error is the author's to fix
                    problems.add(os.path.join(self.path, path), "", f"cannot be read: {error}")
                    continue
                if not email.is_valid():
                    self._add_failed_source_path(path)
                    continue
                self.cache_data(path, email)
            for field, message in read_email_fields(email, now):
                problems.add(email.source_path, field, message)
            (self.drafts if email.is_draft else self.emails).append(email)
            self.add_source_path(email)
            self.add_static_links(email)

        self.emails = [email for email in self.emails if email.sent is not None]
        self.emails.sort(key=lambda email: email.sent, reverse=True)
        self.context["emails"] = self.emails
        self.context["email_drafts"] = self.drafts
        self.save_cache()
        self.readers.save_cache()

    def refresh_metadata_intersite_links(self) -> None:
        for email in self.emails:
            if "summary" in email.metadata:
                email._summary = email.metadata["summary"]

    def generate_output(self, writer) -> None:
        page_template = self.get_template("email")
        for email in self.emails:
            writer.write_file(
                email.save_as,
                page_template,
                self.context,
                email=email,
                page_name="email",
                relative_urls=self.settings["RELATIVE_URLS"],
                override_output=True,
                url=email.url,
            )
        archive = self.settings["EMAIL_ARCHIVE_SAVE_AS"]
        if archive:
            writer.write_file(
                archive,
                self.get_template("emails"),
                self.context,
                emails=self.emails,
                page_name="emails",
                relative_urls=self.settings["RELATIVE_URLS"],
                url=self.settings["EMAIL_ARCHIVE_URL"],
            )
        self.write_messages(writer)

    def write_messages(self, writer) -> None:
        """The .eml of every sent email; in development, a preview of its two parts too."""
        message_template = self.message_template()
        source = self.env.loader.get_source(self.env, message_template.name)[0]
        cache = MessageCache(self.settings, source)
        base_url = public_base_url(self.settings)
        site_name = self.settings["SITENAME"]
        previews = self.settings["CANDOR_EMAIL_PREVIEWS"]
        if previews is None:  # authors preview; the public site never has previews
            previews = not self.settings["CANDOR_STRICT"]
        ledger = build_state(self.context).ledger
        saves_ledger = writes_ledger(self.settings)
        for email in self.emails:

            def make(email=email):
                parts = message_parts(email, base_url, message_template, site_name)
                return parts, build_message(email, parts)

            made = functools.cache(
                lambda email=email, make=make: cache.get_or_make(email, base_url, make)
            )
            if ledger is None:
                message = made()[1]
            else:  # what was sent is published as it was, whatever changed since
                message = message_as_sent(
                    ledger, email, lambda made=made: made()[1], keep=saves_ledger
                )
            self.write_bytes(email.eml_save_as, message)
            if previews:
                self.write_preview(writer, email, made()[0])
        cache.save_cache()

    def message_template(self):
        """The theme's `email/message.html`, as both the .eml and `make send` render it."""
        # Subjects, titles and names are text: escaped here whatever the theme's setting,
        # with the body (already HTML) passed as markup.
        name = self.get_template("email/message").name
        return self.env.overlay(autoescape=True).get_template(name)

    def write_bytes(self, save_as: str, data: bytes) -> None:
        target = os.path.join(self.output_path, save_as)
        folder = os.path.dirname(target)
        if folder not in self.folders_made:  # most messages share one folder
            os.makedirs(folder, exist_ok=True)
            self.folders_made.add(folder)
        with open(target, "wb") as out:
            out.write(data)

    def write_preview(self, writer, email, parts: tuple[str, str]) -> None:
        text, html = parts
        folder = email.preview_save_as.rsplit("/", 1)[0]
        self.write_bytes(f"{folder}/message.html", html.encode("utf-8"))
        writer.write_file(
            email.preview_save_as,
            self.get_template("email_preview"),
            self.context,
            email=email,
            text_part=text,
            page_name="email_preview",
            relative_urls=self.settings["RELATIVE_URLS"],
            url=email.preview_url,
        )
