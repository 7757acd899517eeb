"""The web application: server-rendered pages (Jinja2 + vendored htmx) and the REST API.

Both are thin adapters over the library; :func:`binhdang.web.app.create_app` builds the
application from :class:`binhdang.web.config.WebSettings`.
"""
