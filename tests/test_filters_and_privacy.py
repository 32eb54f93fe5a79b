"""Nothing lost, nothing leaked: addresses, senders, filters and contact details (issue 15).

Every situation is a real build of a tiny folder in tests/test_data.
"""

from __future__ import annotations

import pytest

from candor.problems import BuildStopped

# --- one file per address: a post never takes the place of the site's own files --------


def test_a_post_saved_over_any_file_the_site_writes_stops_the_build_naming_both(
    build_test_data,
):
    with pytest.raises(BuildStopped) as stopped:
        build_test_data("posts_over_site_files")
    where = "choose another Save_as"
    assert sorted(map(str, stopped.value.problems)) == [
        "content/posts/onto-404.md: Save_as: is written to 404.html, where the 404 page "
        f"goes (404_SAVE_AS); {where}",
        "content/posts/onto-category.md: Save_as: is written to category/news/index.html, "
        f'where the category page "News" goes (CATEGORY_SAVE_AS); {where}',
        "content/posts/onto-channel-page.md: Save_as: is written to "
        'responses/email/index.html, where the responses page of channel "email" goes '
        f"(CANDOR_RESPONSES_CHANNEL_SAVE_AS); {where}",
        "content/posts/onto-email-archive.md: Save_as: is written to emails/index.html, "
        f"where the email archive goes (EMAIL_ARCHIVE_SAVE_AS); {where}",
        "content/posts/onto-feed.md: Save_as: is written to feeds/all.atom.xml, where the "
        f'atom feed "all" goes (CANDOR_FEEDS_PATH); {where}',
        "content/posts/onto-kind-page.md: Save_as: is written to kinds/incident/index.html, "
        f'where the page of kind "incident" goes (CANDOR_KIND_SAVE_AS); {where}',
        "content/posts/onto-stylesheet.md: Save_as: is written to theme/css/candor.css, "
        f"where the theme file static/css/candor.css goes (THEME_STATIC_DIR); {where}",
        "content/posts/onto-tag.md: Save_as: is written to tag/billing/index.html, where "
        f'the tag page "billing" goes (TAG_SAVE_AS); {where}',
    ]
