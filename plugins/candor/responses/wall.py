"""The wall of responses: every quote from every published post, newest first.

Writes `/responses/` (all of them, with a count per channel) and one page per
channel that has any, `/responses/<channel>/`. Plain pages and links: nothing
needs JavaScript.

Adds to templates, on every page: `response_wall`, a `ResponseWall` (its
`responses` empty when no post quotes anyone, so the navigation can hide it; `count`).
The channel pages also get `channel`, the `ChannelSection` they show (`count`,
and `count_text`: "3 quoted responses").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pelican.generators import Generator

from .channels import CHANNELS


@dataclass
class ChannelSection:
    slug: str
    label: str
    url: str
    save_as: str
    responses: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.responses)

    @property
    def count_text(self) -> str:
        """ "3 quoted responses", for the channel's page."""
        return f"{self.count} quoted {'response' if self.count == 1 else 'responses'}"


@dataclass
class ResponseWall:
    url: str
    save_as: str
    responses: list
    channels: list[ChannelSection]  # only channels with responses, in CHANNELS order

    @property
    def count(self) -> int:
        return len(self.responses)


def newest_first(articles: list) -> list:
    """Every response of these posts; a quote's own date wins over its post's date."""
    quoted = [
        (response.date or post.date.date(), post.date, -position, response)
        for post in articles
        for position, response in enumerate(post.responses)
    ]
    quoted.sort(key=lambda entry: entry[:3], reverse=True)
    return [entry[-1] for entry in quoted]


def build_wall(articles: list, settings: dict) -> ResponseWall:
    responses = newest_first(articles)
    sections = {
        slug: ChannelSection(
            slug,
            channel.label,
            settings["CANDOR_RESPONSES_CHANNEL_URL"].format(channel=slug),
            settings["CANDOR_RESPONSES_CHANNEL_SAVE_AS"].format(channel=slug),
        )
        for slug, channel in CHANNELS.items()
    }
    for response in responses:
        sections[response.channel].responses.append(response)
    return ResponseWall(
        url=settings["CANDOR_RESPONSES_URL"],
        save_as=settings["CANDOR_RESPONSES_SAVE_AS"],
        responses=responses,
        channels=[section for section in sections.values() if section.responses],
    )


class ResponseWallGenerator(Generator):
    """Collects the wall once per build, from the posts Pelican has already read."""

    def generate_context(self) -> None:
        # Published posts only: drafts and hidden posts are not on the wall.
        articles = self.context.get("articles", [])
        self.wall = build_wall(articles, self.settings)
        self.context["response_wall"] = self.wall

    def generate_output(self, writer) -> None:
        if not self.wall.responses:
            return
        relative = self.settings["RELATIVE_URLS"]
        writer.write_file(
            self.wall.save_as,
            self.get_template("responses"),
            self.context,
            relative_urls=relative,
            url=self.wall.url,
            page_name=self.wall.save_as.rpartition("/")[0],
            on_response_wall=True,
        )
        template = self.get_template("responses_channel")
        for channel in self.wall.channels:
            writer.write_file(
                channel.save_as,
                template,
                self.context,
                relative_urls=relative,
                url=channel.url,
                page_name=channel.save_as.rpartition("/")[0],
                channel=channel,
                on_response_wall=True,
            )
