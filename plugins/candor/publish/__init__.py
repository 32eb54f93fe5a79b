"""Publishing: the staged build, the swap, and the checks of the built site.

output_guard.py  output folders no build may replace; one build at a time
swap.py          the new site swapped in for the old in one step
redirects.py     the redirect pages of a built site, for S3's own redirects
site_facts.py    what the content says the built site must hold, recorded by the build
site_checks.py   the checks of a built site (links, feeds, addresses, drafts, ledger)
link_checks.py, feed_checks.py, address_checks.py  one check each
"""

from __future__ import annotations

from ..build.phases import Build, Feature
from ..build.problems import BuildStopped, Problem
from . import output_guard, site_facts


def refuse_deleting_a_kept_folder(settings: dict) -> None:
    """A plain `pelican` call with DELETE_OUTPUT_DIRECTORY: the output folder it will empty.

    Pelican empties it before reading anything, guarding only the content folder; an
    output naming the theme, a plugin folder, a home folder or a folder of other files
    would be deleted. (`python -m candor build` checks the output itself, and never
    lets Pelican delete it: it builds into a staging folder and swaps.)
    """
    if not settings.get("DELETE_OUTPUT_DIRECTORY"):
        return
    try:
        output_guard.check_output(settings, swapping=False)
    except output_guard.OutputRefused as refused:
        problem = Problem("settings", "DELETE_OUTPUT_DIRECTORY", str(refused), fatal=True)
        raise BuildStopped([problem]) from None


def record_site_facts(build: Build) -> None:
    build.state.site_facts = site_facts.gather_facts(build.context)


# The build only records what the checks will need; they run on the built folder,
# after Pelican has written it (commands/cli.py).
FEATURE = Feature("publish", settings=(refuse_deleting_a_kept_folder,), checks=(record_site_facts,))
