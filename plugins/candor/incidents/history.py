"""The incident history page (`/incidents/`): every published incident, in one list.

The list itself (`incidents` in the context) is made once per build by
`incidents.read_incidents`; this generator only writes the page, with the
theme's `incidents.html`. Settings: `CANDOR_INCIDENTS_URL` and
`CANDOR_INCIDENTS_SAVE_AS` (empty: no page).
"""

from __future__ import annotations

from pelican.generators import Generator


class IncidentHistoryGenerator(Generator):
    def generate_output(self, writer) -> None:
        save_as = self.settings["CANDOR_INCIDENTS_SAVE_AS"]
        if not save_as:
            return
        writer.write_file(
            save_as,
            self.get_template("incidents"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings["CANDOR_INCIDENTS_URL"],
            page_name="incidents",
        )
