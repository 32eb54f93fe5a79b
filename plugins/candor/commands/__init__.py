"""The command line (`python -m candor`, `candor`): not run by Pelican.

cli.py           build, check, clean, new, serve
devserver.py     serve, rebuild on change, reload the browser
"""
