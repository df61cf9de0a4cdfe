"""Thanks, greetings, goodbyes, "ok", and questions to the bot about itself: a short, kind reply.

"hi" as the first message, "thanks a lot" after an answer or a redirect, "ok noted", "bye": none
is a question, so none should get "I don't have a sourced answer" and a list of topics (nor a
quote that happens to share a word, "noted" → "NICE noted in 2020 ..."), or go to the moderators'
gap queue. A message is courtesy only when every word in it is one of these: "thanks, is it
legal?" asks, and so does "thanks. how much for my gf" (the safety layer runs first anyway).
Words of finality are not here, so "thanks for everything, goodbye" is never waved off as
courtesy. Questions about the bot itself ("who are you", "do you store my messages", "what are
your sources", "help"), small talk ("how are you") and a complaint about the bot or its answer
("this bot is useless", "that's not what i asked") are whole messages too: "how do you know if
someone is in a k-hole" is about ketamine, and "i'm useless" or "it's all pointless" is about the
writer, never a complaint (the safety layer reads those first anyway).
"""

from __future__ import annotations

import re
from typing import Literal

from bot.text import words

Courtesy = Literal[
    "thanks",
    "greeting",
    "goodbye",
    "ack",
    "about",
    "help",
    "privacy",
    "sources",
    "region",
    "wellbeing",
    "complaint",
    "helpline",
    "heavy",
    "vent",
]

# The words that make a message courtesy, by the reply they get (the first kind found wins, in
# this order: "hi, thanks" is thanks).
_SIGNALS: dict[Courtesy, frozenset[str]] = {
    "heavy": frozenset({"heavy"}),  # "thanks, this is a lot" (a phrase below): first
    "thanks": frozenset(
        """
        thanks thank thankyou thx thnx thanx tnx tx ty tyvm tysm cheers ta appreciate appreciated
        grateful helpful useful merci gracias danke obrigado obrigada grazie спасибо chur
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
        morning afternoon evening sup wassup gday howya howaya
        """.split()
    ),
    "ack": frozenset(
        """
        ok okay okey okk kk k alright noted understood gotcha cool great perfect awesome brilliant
        nice fine sure fair clear makes sense got interesting grand whatever
        """.split()
    ),
}
# Words that may stand beside them: "thank you so much", "ok that makes sense", "hi there bot".
_BESIDE = frozenset(
    """
    you u ya yall so very much really lot lots a the that this it its s thats was is all for
    your again there man mate bro dude guys bot kbot good enough lol haha hahaha hehe xx x oh ah
    yes yeah yep yup right thing and one to me i know see well now just super helps helped
    then tbh guess um umm hmm hm wow nah legend m8 y anyway anyways
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
    (re.compile(r"\b(?:g'? ?day|kia ora|what'?s the craic|how'?s the craic)\b"), " hi "),
    # "g'day mate how ya going", "howya, what's the story", "hallo wie gehts", "sweet as bro"
    (
        re.compile(
            r"\b(?:how (?:are |r )?(?:ya|you|u) going|what'?s the story|wie geht'?s(?: dir)?)\b"
        ),
        " hi ",
    ),
    (re.compile(r"\bsweet as\b"), " thanks "),
    # "thx that helps for my essay": what it helped with is no question
    (
        re.compile(
            r"\b(?:that|this|it) (?:really |actually |honestly |genuinely )?(?:helps|helped)"
            r"(?: (?:a lot|loads|heaps))?"
            r"(?: (?:for|with) (?:my|the|our) (?:essay|assignment|homework|project|article|"
            r"research|presentation|class|course|coursework|talk|story|piece|report))?\b"
        ),
        " thanks ",
    ),
    # "thanks, this is a lot", "ok this is a lot to take in"
    (
        re.compile(
            r"\b(?:this|that|it) (?:is|s|was) (?:a lot|so much|heavy|overwhelming)"
            r"(?: to (?:take in|process|deal with|think about))?\b"
        ),
        " heavy ",
    ),
    (
        re.compile(
            r"\b(?:no thanks?|no thank (?:you|u)|i see|will do|no worries|never ?mind|nvm|"
            r"i'?m good|fair play|forget it|fair enough)\b"
        ),
        " ok ",
    ),
    # "ok thanks, feeling better now": said after an answer, no question in it
    (
        re.compile(r"\b(?:i'?m |i am )?(?:feeling|feel) (?:a (?:bit|lot) |much |loads )?better\b"),
        " ok ",
    ),
)
# A message of only these: "🙏", "👍", "❤️".
_THANKS_MARKS = frozenset("🙏❤♥💙💜💚🧡🥰😊☺🤗")
_ACK_MARKS = frozenset("👍👌🙂😀😃😄🤝✅")
_MAX_WORDS = 8


_Y = r"(?:you|u|ya|kbot|this bot|the bot)"
_YR = r"(?:your|ur|yr|its|kbot|the bot|this bot)"  # words() drops a possessive 's
_LEAD = r"^(?:(?:hi|hey|hello|ok|okay|so|um|and|but|also|wait|quick question|q|sorry|lol) )*"
_TAIL = r"(?: (?:bot|kbot|then|exactly|tho|though|lol|pls|please|btw|really|at all|or not|right))*$"
# Questions to the bot about itself, whole messages only ("how do you know if someone is in a
# k-hole" is about ketamine): what it is, help alone, privacy, its sources, the region. The first
# pattern that matches wins.
_ABOUT_PATTERNS: tuple[tuple[Courtesy, str], ...] = (
    (
        "privacy",
        rf"(?:do|will|can|does|would) (?:{_Y}|anyone|this) (?:store|save|keep|log|record|"
        r"remember|track|collect)(?: (?:my|our|the|these|this|any))?"
        r"(?: (?:messages?|chats?|data|conversations?|questions?|name|info|information|"
        r"number|ids?|texts?|history|details|personal data))?"
        rf"|(?:do|will|can|does|would) (?:{_Y}|anyone|this) (?:see|read|sell|share|pass on) "
        r"(?:my|our|the|these|this|any) (?:messages?|chats?|data|conversations?|questions?|"
        r"name|info|information|number|ids?|texts?|history|details|personal data)"
        r"|(?:is|are) (?:there|someone|anyone|a person|a human|people)(?: \w+){0,3} (?:reading|seeing|"
        r"checking|watching) (?:this|these|my messages|my chats|what i write|me)"
        r"|(?:is|are) (?:this|this chat|my data|my messages|what i write|our chat|"
        rf"{_Y}) (?:anonymous|private|confidential|safe to (?:use|talk to|ask)|logged|"
        r"recorded|monitored|tracked|secure)"
        r"|who can (?:see|read) (?:this|my messages|what i (?:write|say|ask))"
        rf"|what (?:do|does) {_Y} (?:store|keep|save|log|collect|know about me)"
        r"|privacy(?: policy)?",
    ),
    (
        "sources",
        rf"(?:what|where|which) (?:are|r|s) {_YR} (?:sources?|references|info|information)"
        rf"|where do(?:es)? {_Y} (?:get|find|take) (?:{_YR} )?(?:info|information|answers?|"
        r"facts|data|sources?|knowledge|stuff)(?: from)?"
        rf"|(?:can|should) i (?:trust|believe) (?:{_Y}|this|{_YR} (?:answers|sources?|info|"
        r"information))"
        rf"|(?:are|r) {_Y} (?:reliable|accurate|trustworthy|legit|always right)"
        rf"|how do(?:es)? {_Y} know(?: (?:this|that|all this|all that|stuff|things))?"
        rf"|(?:is|are) (?:this|{_YR} (?:info|information|answers?)) (?:accurate|reliable|"
        r"true|up to date|legit)"
        r"|sources?",
    ),
    (
        "region",
        r"how (?:do|can) i (?:change|set|pick|choose|switch) (?:my |the )?(?:region|country|"
        r"location)|(?:change|set|switch) (?:my |the )?(?:region|country)",
    ),
    ("help", r"help|help me|help pls|i need help"),
    (
        "vent",
        # wanting to let it out, not to call anyone (a ninth blind review: "like i dont want to
        # call anyone i just want to vent for a sec", after a hard night 14 months clean, had
        # the honest no and a list of topics)
        r"(?:(?:like|honestly|tbh|ok|okay|so|no|nah|look) )*"
        r"(?:(?:i )?(?:dont|do not|don t) (?:want|wanna|need) (?:to )?(?:call|ring|phone|text|"
        r"talk to|speak to) (?:anyone|anybody|someone|a hotline|a helpline|a stranger|strangers|"
        r"them|a number)(?: (?:right now|rn|tonight|now))?"
        r"(?: (?:i|and|but|i just|just))* )?"
        r"(?:(?:i )?(?:just )?(?:want|wanna|need|needed) to (?:vent|rant|get it out|let it out)"
        r"|can i (?:just )?(?:vent|rant))"
        r"(?: (?:for a (?:sec|second|bit|minute|min|moment)|a bit|a little|here|to someone|"
        r"to you|for a while|rn|right now|tonight|thats all|that s all|is all))*",
    ),
    (
        "helpline",
        # a number to call asked for, for some help, anywhere: "what number do i call for mental
        # health help in nz", "whats the emergency number", "samaritans number?"
        r"(?:what|which|whats|wat)(?: is| s)?(?: the| a)? (?:number|phone number|hotline|"
        r"helpline|help line|crisis line|line) (?:do|should|can|would) (?:i|we|you|u) "
        r"(?:call|ring|phone|text|dial|use)(?: \w+){0,8}"
        r"|(?:what|whats|wat)(?: is| s)? (?:the |a )?(?!(?:your|ur) )(?:\w+ ){0,3}(?:number|numbers|hotline|"
        r"hotlines|helpline|helplines|help line|crisis line)(?: (?:to call|to ring|for|in|here)"
        r"(?: \w+){0,6})?"
        r"|(?:who|where) (?:do|should|can) (?:i|we) (?:call|ring|phone)(?: (?:for|in|about)"
        r"(?: \w+){1,6})?"
        r"|(?:give me|i need|need|send me|can i have|can i get|got)(?: the| a| some)? "
        r"(?:\w+ ){0,2}(?:number|numbers|hotline|helpline|helplines|crisis line)(?: \w+){0,4}"
        r"|(?:samaritans|lifeline|988|frank|shout|pieta|1737|samhsa|poison help|poison control|"
        r"nhs 111|111|emergency|ambulance|crisis|suicide|mental health|helpline|hotline|"
        r"crisis line)(?: line| hotline| helpline)? (?:number|numbers|phone number|contact)"
        r"(?: (?:in|for|here) \w+(?: \w+)?)?"
        r"|(?:is|are) there (?:a |an |any )?(?:\w+ )?(?:number|helpline|helplines|hotline|"
        r"hotlines|crisis line|support line)(?: \w+){0,8}"
        r"|(?:helpline|helplines|hotline|hotlines|crisis line|crisis lines|emergency number|"
        r"support lines?)(?: (?:in|for|here|near me)(?: \w+){0,3})?"
        # someone to talk to asked for: "who can i talk to in bc", "is there someone i can talk to"
        r"|(?:who|where) (?:can|could|should|do) (?:i|we) (?:talk|speak|turn) to"
        r"(?: (?:about|in|for|here|near me)(?: \w+){0,4})?(?: (?:right now|now|tonight|rn|asap))?"
        r"|(?:is|are) there (?:someone|somebody|anyone|anybody|people|a person) (?:i|we) (?:can|could)"
        r" (?:talk|speak) to(?: (?:about|in|for|here|near me)(?: \w+){0,4})?"
        r"(?: (?:right now|now|tonight|rn|asap))?"
        # ...or said as a need (a twelfth blind review: "who can i talk to right now", after
        # cravings told, had the honest no and a list of topics)
        r"|(?:i )?(?:just |really )?(?:need|want|wanna) (?:to )?(?:talk|speak) to (?:someone|"
        r"somebody|a person|a real person|a human|anyone|anybody)(?: (?:right now|now|tonight|rn))?"
        # ...or see about a problem just talked about ("is there anyone i can see about it")
        r"|(?:is|are) there (?:someone|somebody|anyone|anybody|a person) (?:i|we) (?:can|could|should)"
        r" (?:see|go to|go and see) about (?:it|this|that)"
        # not knowing who to turn to, and somewhere that helps asked for (a fourth blind review:
        # "i don't know who to talk to", "is there anywhere in ireland that helps"; an eighth:
        # "is there anywhere in the uk that actually helps with this"); not "where
        # can i get help with ketamine use", which the services' own passages answer
        r"|(?:i )?(?:dont|do not|don t) know (?:who|where) to (?:talk|speak|turn|go)(?: to)?"
        r"(?: (?:about|for|in|here|now)(?: \w+){0,4})?"
        r"|(?:i )?(?:have|ve got|got|ve) (?:no ?one|nobody) to (?:talk|speak|turn) to"
        r"(?: (?:about|in|here)(?: \w+){0,4})?"
        r"|(?:is|are) there (?:anywhere|somewhere|any ?where|anyone|anybody|any services?|"
        r"a service|any support|any place|a place)(?: (?:in|near|around) \w+(?: \w+)?)?"
        r"(?: that| which| who| to)? (?:can |could |would )?(?:actually |really |properly )?"
        r"(?:help|helps|support|supports)"
        r"(?: \w+){0,4}"
        r"|where (?:can|could|do|should) (?:i|we) (?:go|turn) (?:for |to for )?(?:some )?"
        r"(?:help|support)(?: (?:with|for|about|in|near|here)(?: \w+){0,4})?"
        # ...and got ("where can we get help here", a parent after the words for families)
        r"|where (?:can|could|do|should) (?:i|we) (?:get|find) (?:some )?(?:help|support)"
        r"(?: (?:here|near me|near us|now|in \w+(?: \w+)?))?",
    ),
    (
        "wellbeing",
        r"how (?:are|r|re|is) (?:you|u|ya|things|it going|life|your day|ur day)"
        r"(?: (?:doing|going|today|tonight|this evening|this morning))*"
        r"|how (?:you|u|ya) doing|hows (?:it going|things|you|life|your day)|how it going"
        r"|how things|(?:are|r) (?:you|u) (?:ok|okay|alright|good|well|doing ok|doing well)"
        r"|(?:you|u) (?:ok|okay|alright|good)|what up|wyd|what (?:are|r) (?:you|u) up to",
    ),
    (
        "complaint",
        r"(?:this|this bot|the bot|kbot|you|u|ya|youre|that|thats|that answer|this answer|"
        r"your answers?|"
        r"this thing|this app)(?: (?:is|are|re|was|were|r))?"
        r"(?: (?:so|really|completely|totally|pretty|fucking|kinda|a bit|bloody|literally|just|"
        r"such))* (?:useless|rubbish|shit|crap|trash|garbage|stupid|dumb|terrible|awful|wrong|"
        r"broken|no help|no use|not helpful|unhelpful|annoying|not right|incorrect|not true|"
        r"a joke|a waste of time|not working)"
        r"(?: about (?:everything|that|this|it|all of it|all this))?"
        r"|(?:bad|stupid|useless|dumb|shit|crap|rubbish|terrible) (?:bot|answers?|kbot)"
        r"|wrong(?: answer)?|not (?:helpful|useful|what i (?:asked|meant|wanted))"
        r"|(?:that|thats|this) not what i (?:asked|meant|wanted)(?: for)?"
        r"|(?:that|this|you|u) (?:didn t|didnt|did not|doesn t|doesnt|does not|don t|dont|"
        r"do not) help"
        r"|(?:you|u) (?:re|are|r) not (?:helping|helpful)|(?:thanks|thx|ty) for nothing|useless"
        # "youre useless m8 didnt even answer my question": whatever follows
        r"|(?:youre|you re|you are|ur|u r|u are|this bot is|this bot s) (?:so |really |fucking |"
        r"bloody |just )?(?:useless|rubbish|shit|crap|trash|garbage|no help)(?: .*)?"
        r"|(?:you|u) (?:suck|are no help)|(?:fuck|piss|sod) off|get lost|shut up|go away"
        r"|(?:you|u) (?:didn t|didnt|did not) (?:answer|help)(?: (?:me|my question))?",
    ),
    (
        "about",
        rf"(?:who|what) (?:are|r) {_Y}"
        r"|what(?: is|s) (?:this|kbot|this bot|this thing|this chat|this app)"
        rf"|what (?:can|do|does) {_Y} do|what (?:can|could) {_Y} help (?:me )?with"
        rf"|how do(?:es)? {_Y} work|how does this work"
        rf"|(?:(?:are|r) {_Y}|youre|you re|ur|u r) (?:a |an )?(?:bot|human|real|real person|ai|robot|person|"
        r"chatgpt|chat gpt|machine|computer|program)"
        r"|(?:is|s) (?:this|this bot|the bot|kbot|this thing|this chat|it) (?:a |an )?(?:bot|human|"
        r"real person|actual person|person|ai|robot|machine|computer|program)"
        r"(?: or (?:a |an )?(?:bot|human|real person|person|ai|robot|machine))?"
        r"|am i (?:talking|speaking|chatting) (?:to|with) (?:a |an )?(?:bot|human|real person|"
        r"actual person|person|ai|robot|machine|computer)"
        rf"|who (?:made|built|created|runs|owns|wrote|programmed|is behind) (?:{_Y}|this)"
        rf"|what (?:can|should) i ask(?: {_Y})?|what do i do here|how do i use (?:this|{_Y})",
    ),
)
_ABOUT_BOT = tuple(
    (kind, re.compile(_LEAD + f"(?:{pattern})" + _TAIL)) for kind, pattern in _ABOUT_PATTERNS
)


def courtesy(message: str) -> Courtesy | None:
    """What kind of courtesy `message` is, or None when it says or asks anything else."""
    bare = " ".join(words(message))
    for kind, pattern in _ABOUT_BOT:
        if pattern.match(bare):
            return kind
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
    if "k" in found and ("?" in message or len(found) == 1):
        # "k" alone or "k?" may be the drug (after a buying redirect, what was to be bought);
        # "lol k", "k thanks", "k cool" are ok
        return None
    for kind, signals in _SIGNALS.items():
        if any(w in signals for w in found):
            return kind
    return None
