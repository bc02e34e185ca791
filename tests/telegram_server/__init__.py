"""Test support for the Telegram channel: a strict fake Bot API, a scripted core, the bot as a process."""
