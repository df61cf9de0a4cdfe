"""Thanks, greetings, goodbyes and "ok": messages that ask nothing and need a short, kind reply.

"hi" as the first message, "thanks a lot" after an answer or a redirect, "ok noted", "bye": none
is a question, so none should get "I don't have a sourced answer" and a list of topics (nor a
quote that happens to share a word, "noted" → "NICE noted in 2020 ..."), or go to the moderators'
gap queue. A message is courtesy only when every word in it is one of these: "thanks, is it
legal?" asks, and so does "thanks. how much for my gf" (the safety layer runs first anyway).
Words of finality are not here, so "thanks for everything, goodbye" is never waved off as
courtesy.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.text import words

Courtesy = Literal["thanks", "greeting", "goodbye", "ack"]

# The words that make a message courtesy, by the reply they get (the first kind found wins, in
# this order: "hi, thanks" is thanks).
_SIGNALS: dict[Courtesy, frozenset[str]] = {
    "thanks": frozenset(
        """
        thanks thank thankyou thx thnx thanx tnx tx ty tyvm tysm cheers ta appreciate appreciated
        grateful helpful useful merci gracias danke obrigado obrigada grazie спасибо
        """.split()
    ),
    "goodbye": frozenset(
        """
        bye byee byebye goodbye cya later night goodnight gn ciao adios tschuss tschüss
        """.split()
    ),
    "greeting": frozenset(
        """
        hi hii hiya heya hey hello helo yo howdy hola hallo bonjour ola olá oi привет
        morning afternoon evening sup wassup
        """.split()
    ),
    "ack": frozenset(
        """
        ok okay okey okk kk alright noted understood gotcha cool great perfect awesome brilliant
        nice fine sure fair clear makes sense got interesting
        """.split()
    ),
}
# Words that may stand beside them: "thank you so much", "ok that makes sense", "hi there bot".
_BESIDE = frozenset(
    """
    you u ya yall so very much really lot lots a the that this it its s thats was is all for
    your again there man mate bro dude guys bot kbot good enough lol haha hahaha hehe xx x oh ah
    yes yeah yep yup right thing and one to me i know see well now just super helps helped
    then tbh guess um umm hmm hm wow nah
    """.split()
)
_SIGNAL_WORDS = frozenset().union(*_SIGNALS.values())
# "thanks for the help", "thanks for your answer(s)": the only places "help" and "answer" are
# courtesy ("ok help me" is not).
_FOR_THE_HELP = re.compile(
    r"\bfor (?:the|your|all the|all your|that|this) (?:help|answers?|info|information|reply)\b"
)
# Phrases whose words are not courtesy alone, as the signal word they stand for.
_PHRASES = (
    (re.compile(r"\bsee (?:ya|you|u)\b"), " bye "),
    (re.compile(r"\bgood to know\b"), " thanks "),
    (
        re.compile(
            r"\b(?:no thanks?|no thank (?:you|u)|i see|will do|no worries|never ?mind|nvm|"
            r"i'?m good|fair play)\b"
        ),
        " ok ",
    ),
)
# A message of only these: "🙏", "👍", "❤️".
_THANKS_MARKS = frozenset("🙏❤♥💙💜💚🧡🥰😊☺🤗")
_ACK_MARKS = frozenset("👍👌🙂😀😃😄🤝✅")
_MAX_WORDS = 8


def courtesy(message: str) -> Courtesy | None:
    """What kind of courtesy `message` is, or None when it says or asks anything else."""
    said = _FOR_THE_HELP.sub(" ", message.casefold().replace("\u2019", "'"))
    for phrase, signal in _PHRASES:
        said = phrase.sub(signal, said)
    found = words(said)
    if not found:
        marks = {c for c in message if not c.isspace()} - {"\ufe0f", "!", "."}
        if marks and marks <= _THANKS_MARKS:
            return "thanks"
        if marks and marks <= _ACK_MARKS | _THANKS_MARKS:
            return "ack"
        return None
    if len(found) > _MAX_WORDS or any(w not in _SIGNAL_WORDS and w not in _BESIDE for w in found):
        return None
    for kind, signals in _SIGNALS.items():
        if any(w in signals for w in found):
            return kind
    return None
