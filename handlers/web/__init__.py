"""The web page (aiohttp + jinja2): ask, check a staff list, read the plan, and the maintainers' page."""
