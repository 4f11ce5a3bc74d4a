"""Jinja2 templates and CSS, shipped as the package ``reporter.templates``."""
