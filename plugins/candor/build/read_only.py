"""Pelican's run up to the point where it would write: every file read, linked and checked.

Pelican.run() reads and writes in one method with no hook between the two halves, so
this is its first half, step by step, with Pelican's own list of generators
(`_get_generator_classes`, the list run() builds), then `all_generators_finalized`,
where the plugin links and checks. The caller sends `finalized` when it wants the
plugin's run to end as usual (a problem that stops a build then raises BuildStopped).
`make send` reads the email it sends this way; the tests read sites this way.
"""

from __future__ import annotations

from pelican import Pelican, signals


def read_without_writing(settings: dict) -> tuple[Pelican, dict, list]:
    """(the Pelican instance, the context, the generators), nothing written."""
    pelican = Pelican(dict(settings))
    context = dict(pelican.settings, generated_content={}, static_links=set(), static_content={})
    context["localsiteurl"] = pelican.settings["SITEURL"]
    generators = [
        generator(
            context=context,
            settings=pelican.settings,
            path=pelican.path,
            theme=pelican.theme,
            output_path=pelican.output_path,
        )
        for generator in pelican._get_generator_classes()
    ]
    for generator in generators:
        if hasattr(generator, "generate_context"):
            generator.generate_context()
    signals.all_generators_finalized.send(generators)
    return pelican, context, generators
