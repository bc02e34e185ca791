"""`python -m bot`: hands over to the composition root (app.cli), which alone starts channels."""

from app.cli import entry

if __name__ == "__main__":
    entry()
