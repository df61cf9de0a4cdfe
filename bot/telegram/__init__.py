"""The Telegram adapter: the only part of kbot that imports python-telegram-bot.

app.py is the composition root; private.py, group.py, inline.py and admin.py hold the handlers;
answer.py is the one path from a question to a sent reply; send.py delivers and edits messages.
"""
