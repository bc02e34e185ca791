"""A strict fake of Zalo's Bot API and the real bot process against it, for the Zalo channel's tests."""
