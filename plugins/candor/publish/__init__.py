"""Publishing: the staged build, the swap, and the checks of the built site.

output_guard.py  output folders no build may replace; one build at a time
swap.py          the new site swapped in for the old in one step
site_facts.py    what the content says the built site must hold, recorded by the build
site_checks.py   the checks of a built site (links, feeds, addresses, drafts, ledger)
link_checks.py, feed_checks.py, address_checks.py  one check each
"""

from __future__ import annotations

from ..build.phases import Build, Feature
from . import site_facts


def record_site_facts(build: Build) -> None:
    build.state.site_facts = site_facts.gather_facts(build.context)


# The build only records what the checks will need; they run on the built folder,
# after Pelican has written it (commands/cli.py).
FEATURE = Feature("publish", checks=(record_site_facts,))
