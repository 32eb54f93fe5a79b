"""The site's own face: logo, accent colour (checked for contrast), footer line; and no
development script in a published build."""

from __future__ import annotations

import re

import pytest

from candor.brand import contrast, identity
from candor.build.problems import BuildStopped
from conftest import BRAND, PROJECT


def test_contrast_ratios_are_the_ones_wcag_gives():
    assert contrast.ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast.ratio("#fff", "#fff") == pytest.approx(1)
    # The grey that famously just misses AA on white.
    assert contrast.ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_the_backgrounds_checked_are_the_stylesheets_own():
    css = (PROJECT / "theme/static/css/candor.css").read_text()
    light, dark = css.split("@media (prefers-color-scheme: dark)", 1)
    for scheme, text in (("light", light), ("dark", dark)):
        bg = re.search(r"--bg: (#\w+);", text)[1]
        surface = re.search(r"--surface: (#\w+);", text)[1]
        assert identity.BACKGROUNDS[scheme] == (bg, surface)


def test_the_brand_shows_its_logo_with_its_text_and_its_line_in_the_footer(build_test_data):
    site = build_test_data("brand_site", **BRAND)
    page = site.html("/posts/thanks-everyone/")
    logo = page.select_one(".site-header img")
    assert logo["src"].endswith("/images/logo.svg") and logo["alt"] == "Tandem Rooms"
    assert site.exists("/images/logo.svg")
    footer = page.select_one(".site-footer").get_text(" ", strip=True)
    assert "Tandem Rooms makes video meeting rooms for small teams." in footer


def test_the_accent_reaches_the_built_stylesheet_for_each_scheme(build_test_data):
    site = build_test_data("brand_site", **BRAND)
    css = site.text("/theme/css/candor.css")
    assert css.rstrip().endswith(
        "@media screen and (prefers-color-scheme: dark) { :root { --accent: #f0a8d8; } }"
    )
    assert "@media screen { :root { --accent: #7a1f5c; --accent-light: #7a1f5c; } }" in css


def test_without_brand_settings_the_stylesheet_is_the_themes(build_test_data):
    site = build_test_data("brand_site")
    theme_css = (PROJECT / "theme/static/css/candor.css").read_text()
    assert site.text("/theme/css/candor.css") == theme_css
    assert site.html("/posts/thanks-everyone/").select_one(".site-header img") is None


@pytest.mark.parametrize(
    ("accent", "scheme", "shown"),
    [
        ({"light": "#8cc4ff", "dark": "#8cc4ff"}, "light", "1.67"),
        ({"light": "#0b5cad", "dark": "#0b5cad"}, "dark", "2.37"),
        ("#999999", "light", "2.59"),
    ],
)
def test_an_accent_too_faint_for_a_scheme_stops_the_build_naming_setting_ratio_and_scheme(
    read_test_data, accent, scheme, shown
):
    with pytest.raises(BuildStopped) as stopped:
        read_test_data("brand_site", CANDOR_ACCENT=accent)
    (problem,) = stopped.value.problems
    message = str(problem)
    assert message.startswith("settings: CANDOR_ACCENT: ")
    assert f"contrast of {shown}" in message and f"against the {scheme} scheme" in message
    assert "\n" not in message


def test_a_logo_that_is_not_there_stops_the_build(read_test_data):
    with pytest.raises(BuildStopped, match="CANDOR_LOGO: 'images/nope.svg' is not a file"):
        read_test_data("brand_site", CANDOR_LOGO="images/nope.svg", CANDOR_LOGO_ALT="Logo")


def test_a_logo_without_a_text_for_people_who_cannot_see_it_stops_the_build(read_test_data):
    with pytest.raises(BuildStopped, match="CANDOR_LOGO_ALT: the logo needs a text"):
        read_test_data("brand_site", CANDOR_LOGO="images/logo.svg")


def test_a_published_build_has_no_development_reload_script(build_test_data):
    site = build_test_data("brand_site", conf="publishconf.py")
    assert not [p for p in site.files() if p.name == "dev-reload.js"]
    assert not [p for p in site.files() if b"dev-reload" in p.read_bytes()]
