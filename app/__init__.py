"""Composition root: the command line, settings from the environment, and starting the channels."""
