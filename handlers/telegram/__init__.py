"""The Telegram channel: python-telegram-bot handlers that carry messages to and from bot.core."""
