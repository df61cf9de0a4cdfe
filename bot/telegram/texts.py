"""The fixed things kbot says on Telegram, in Telegram HTML. Dynamic parts are escaped by callers.

Kept together so the words can be reviewed in one place; /privacy must match what the code keeps
(bot.telegram.data, bot.store, bot.gap) and the README's privacy section.
"""

from __future__ import annotations

from html import escape

from bot.compose import WHAT_IT_IS, WHAT_IT_IS_NOT
from bot.knowledge import Knowledge

REGION_LABELS = {
    "us": "United States",
    "uk": "United Kingdom",
    "au": "Australia",
    "ca": "Canada",
    "nz": "New Zealand",
    "ie": "Ireland",
    "eu": "Elsewhere in Europe",
    "intl": "Somewhere else",
}


def welcome(knowledge: Knowledge, region: str | None) -> str:
    examples = "\n".join(f"• {escape(t.example)}" for t in knowledge.topics[:4])
    where = REGION_LABELS.get(region or "", "")
    region_line = (
        f"Support options are shown for: <b>{escape(where)}</b>. Change it with /region."
        if where
        else "Tell me your country with /region so I can show the right support options."
    )
    return (
        f"<b>Hi, I'm kbot.</b> {escape(WHAT_IT_IS)}\n\n"
        f"{escape(WHAT_IT_IS_NOT)}\n\n"
        f"<b>Try asking:</b>\n{examples}\n\n"
        f"{region_line}\n\n"
        "/help how to use me · /sources where answers come from · /privacy what I keep"
    )


def help_text(username: str) -> str:
    bot = escape(username)
    return (
        "<b>How to use kbot</b>\n\n"
        "<b>Here:</b> just type a question. Short follow-ups like “and in Australia?” work "
        "for 15 minutes. Edit a question and I'll edit my answer.\n\n"
        f"<b>In groups:</b> <code>/ask your question</code>, mention @{bot}, or reply to one of "
        "my messages. I stay quiet otherwise.\n\n"
        f"<b>In any chat:</b> type <code>@{bot} your question</code> and pick an answer to send.\n\n"
        "/region country for support options · /sources the sources · /privacy what I keep · "
        "/about who made me\n\n"
        f"<i>{escape(WHAT_IT_IS_NOT)}</i>"
    )


GROUP_HELP = (
    "Ask me with <code>/ask your question</code>, by mentioning me, or by replying to one of my "
    "messages. I answer with quotes from sources; general information, not medical advice."
)

PRIVACY = """<b>What kbot keeps, and for how long</b>

<b>On disk</b>
• Your country for support options, only if you choose one with /region. It is stored under a salted hash of your Telegram id, never the id itself, until you choose “Forget my choice”.
• Questions I could not answer, so moderators can add sourced answers: with mentions, links, e-mail addresses and phone-like numbers removed, with no name, user id or chat id, dates only; deleted after 90 days. Messages that got a safety reply are never kept, nor anything asked after you told me someone died.

<b>In memory only</b> (gone when the bot restarts)
• The search words of the last question in a chat and the country it asked about, for 15 minutes, so follow-ups work (“what about there?”); in a private chat, also whether I gave a crisis or emergency reply (so what you say next still gets the support options), whether you told me someone died (so what you ask next is answered with that in mind), a country you said you’re in (so the helplines are that country’s), or whether I just turned down a question about doses, buying or mixing (so “what about online?” is read as part of it).
• Which of my messages answered which question, for 48 hours, so an edited question gets an edited answer.
• In groups, when each person last asked, for one minute, to pace questions.
• The support options behind a “Continue privately” button, for a week — nothing about who asked.
• Totals since start (questions, answers, redirects): numbers only.

<b>Never</b>: your messages' text (beyond the anonymised unanswered questions above), names, usernames, phone numbers or ids. Logs contain no message text and no ids.

Telegram itself keeps this chat; you can delete it in Telegram at any time."""

ABOUT = (
    "<b>kbot</b> is a small open-source bot that quotes curated, sourced passages about ketamine. "
    "Moderators review every passage against its source; when I have no sourced answer I say so "
    "rather than guess.\n\n"
    f"<i>{escape(WHAT_IT_IS_NOT)}</i>"
)

REGION_PROMPT = "Which country should support options be for? I remember your choice."
REGION_IN_GROUP = "Choose your country in a private chat with me, so it stays between us."
NOT_TEXT = (
    "I can only read text. Type a question about ketamine — for example, "
    "“Does ketamine damage the bladder?”"
)
EMPTY = "Send me a question in words — for example, “What is esketamine?”"
ASK_USAGE = (
    "Put your question after the command, for example: <code>/ask what is esketamine?</code>"
)
UNKNOWN_COMMAND = "I don't know that command. /help lists what I can do."
COOLDOWN = "You're asking quickly — I'll answer again in a minute. You can also ask me privately."
ERROR = "Sorry — something went wrong on my side. Please try again in a moment."
GROUP_REDIRECT = "I'll answer this one privately, where I can share support options."
GROUP_EMERGENCY = "If someone is in danger right now, call {emergency} now."
CONTINUE_PRIVATELY = "Continue privately"
PRIVATE_CONTINUED = (
    "You're in a private chat with me now. If you or someone else is in danger right now, call "
    "your local emergency number. Otherwise, tell me in a few words what's going on, or use "
    "/region so I show support options for your country."
)
INLINE_EMPTY_TITLE = "Ask about ketamine"
INLINE_EMPTY = (
    f"{escape(WHAT_IT_IS)}\n\n{escape(WHAT_IT_IS_NOT)}\n\nType your question after my name."
)
