"""The status test site (tests/test_data/status_site) built at a chosen CANDOR_NOW, and
what its pages say, read the way a reader reads them."""

from __future__ import annotations

import json
import shutil

from conftest import STATUS_SYSTEMS as SYSTEMS
from conftest import TEST_DATA, BuiltSite, build_site, status_now

THE_DAY_AFTER = "2025-12-04 00:30 -05:00"  # 48.5 hours before the recordings window
BEFORE_THE_MOVE = "2025-12-05 09:00 -05:00"  # 16 hours before the recordings window
DURING_THE_MOVE = "2025-12-06 01:30 -05:00"
RESOLVING_UPDATE = "- 10:30 — resolved — Calls run as long as they should again.\n"


def copy_status_site(tmp_path, name: str = "content"):
    content = tmp_path / name
    shutil.copytree(TEST_DATA / "status_site", content)
    return content


def build(content, output, now: str, **settings) -> BuiltSite:
    settings.setdefault("CANDOR_SYSTEMS", SYSTEMS)
    with status_now(now):
        return BuiltSite(build_site(content, output, **settings))


def status_json(site: BuiltSite) -> dict:
    return json.loads(site.text("/status.json"))


def conditions(site: BuiltSite) -> dict[str, str]:
    return {system["slug"]: system["condition"] for system in status_json(site)["systems"]}


def shown_conditions(site: BuiltSite) -> dict[str, str]:
    """Each system's condition on /status/, in the words a reader reads."""
    return {
        item["id"].removeprefix("system-"): item.select_one(".condition").get_text(strip=True)
        for item in site.html("/status/").select(".status-system")
    }


def banners(site: BuiltSite, url: str) -> list[str]:
    return [" ".join(a.get_text().split()) for a in site.html(url).select(".status-banner li a")]


def has_banner(site: BuiltSite, page) -> bool:
    return bool(site.html(str(page.relative_to(site.root))).select(".status-banner"))


def row(site: BuiltSite, slug: str) -> list[str]:
    """The 90-day row of a system: each day's class, oldest first."""
    system = site.html("/status/").select_one(f"#system-{slug}")
    return [day["class"][1].removeprefix("day-") for day in system.select(".status-days .day")]


def resolve_the_incident(content) -> None:
    post = content / "posts" / "calls-dropping.md"
    post.write_text(post.read_text(encoding="utf-8") + RESOLVING_UPDATE, encoding="utf-8")
