"""The command line (`python -m candor`, `candor`): not run by Pelican.

cli.py           build, check, clean, fresh, new, serve
fresh.py         `make fresh`: remove the untouched sample content, for a new site
settings_file.py reading a settings file, and saying in one line what is wrong with it
watching.py      rebuild on every change (devserver, regenerate)
devserver.py     serve, rebuild on change, reload the browser
scaffold.py      `make new`: a post or an email with every field of its kind
"""
