"""The Zalo channel: Zalo's Bot API (a small Telegram look-alike) over a thin aiohttp client, on the same core."""
