"""Channels: each one only translates its own I/O to and from the conversational core in bot/."""
