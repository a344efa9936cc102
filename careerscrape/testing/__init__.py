"""Tooling for tests, demos and fixtures: never imported by crawl-time code.

The synthetic site and its local server, the demo, the fixture folders, recording a
live page as a fixture, and a hostile site for fault tests.
"""
