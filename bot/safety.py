"""The safety layer: is a message an emergency, a crisis, or about dosing, buying or mixing?

Rules are data (knowledge/safety.yaml), compiled once by `parse_rules`. A rule fires when every
item of `when` matches (an item is a lexicon id, or a list of ids meaning any of them), each within
`within` words of the first, and no lexicon in `unless` (its own, and its category's under
`category_unless`) matches anywhere. A scored rule also adds
the weights of the lexicons in its `score` that appear in the message (each lexicon once, weights
may be negative for benign context) and fires only when the sum reaches its `threshold`: two
weaker signals together fire, one ambiguous word alone does not. `check` tries the rules category
by category, in order of precedence, and returns the first that fires:

    emergency > crisis > dosing > acquisition > mixing

A rule of category `support-crisis` or `support-emergency` does not redirect: when it fires and
no redirect rule does, the message is answered and the reply adds the support line or the
emergency number ("I was suicidal years ago and ketamine helped: will the clinic ask?"). One of
category `support-dependence` adds the region's drug service to the answer ("I think I'm addicted
to ket, what do I do"); the backstop never raises that concern. `assess` returns both; `check`
only the redirect.

Then the learned backstop (bot/backstop.py, knowledge/safety-backstop.json), when there is one,
may escalate to emergency or crisis; veto a dosing, acquisition or mixing verdict on a clear
look-alike, or on a doubtful one when the message does not name the drug (`ABOUT_THE_DRUG`),
never an emergency or a crisis; or, when no rule fired and the message is about the
drug or its use (`ABOUT_THE_DRUG`, `ABOUT_DRUG_USE`), escalate to dosing, acquisition or mixing:
at the category's threshold, or at its higher context threshold when one of the category's benign
contexts is there (`Rules.benign`; a lexicon whose `benign_context` leaves a category out only
shapes that category's rules, one whose `benign_context` names it counts even if no rule lists
it, and one marked `firm: true` stops the model however sure it is: `Rules.firm`); with neither
the drug nor a benign context, only at its highest, `threshold_unnamed` ("paying well, no time
wasters").
Below its escalation threshold, a message it still finds worrying is answered with the support
line. An emergency or crisis rule on a message it is all but sure is calm ("kms this code won't
compile") is softened: answered, with the emergency number or the support line, unless another
rule fires too, or the rule is `firm` (a language the model has barely seen: Hinglish). Then a
rule said directly stands ("kms, how many bumps for a k-hole"), and a
scored one, cues added up (`crisis-signals`), gives way to that rule ("on methadone and my mates
are doing ket tonight, is it dangerous to join in" is mixing; should the model veto that rule
too, the answer keeps the support line). It does not escalate to crisis a crisis told as over, a
screening question answered no, someone else's habitual "I want to die", a goodbye with its
reason ("leaving the agency at the end of the month, help me write a goodbye email"), a seller's
number asked for because one's own does not answer, a prescription wanted "just for fun" or
someone's death told with missing them ("ma grand-mère est décédée, je pense à elle tous les
jours") (`CALM_CRISIS`),
nor to emergency an emergency told as over in another language, breathlessness said as an
idiom, a bare "what do i do" or someone said to be awake and breathing with no sign of danger
(`CALM_EMERGENCY`).

When the whole message gets neither an emergency nor a crisis, each of its sentences is read
alone for those rules (`_said_in_one_sentence`): "suicidal. is spravato covered by medicare",
"how is ketamine metabolised? p.s. i've written my note". Not when the rule's exceptions, a joke
marker or an emergency or crisis support rule are anywhere in the message, and with a backstop
only when it agrees on that sentence alone.

Crisis and emergency rules are written without negation exceptions: "I'm not suicidal but I want
to die" is still a crisis. The built-in lexicon `@dose-amount` matches a whole message that states
a dose amount (bot/dose.py). Pure: no I/O, no Telegram.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from bot.backstop import Backstop
from bot.dose import find_dose_amount
from bot.fold import Folded, fold
from bot.lexicon import Lexicons, Span, Term, compile_term
from bot.models import (
    AFTER_PREFIX,
    CATEGORIES,
    CONCERNS,
    CRISIS_OTHER,
    EMERGENCY_SELF,
    NO_QUOTES,
    REPLY_CATEGORIES,
    RULE_CATEGORIES,
    SUPPORT_PREFIX,
    SUPPORTS,
    Problem,
)
from bot.text import is_everyday, message_sentences
from bot.yamlfile import LineDict

_RANK = {name: i for i, name in enumerate(RULE_CATEGORIES)}  # precedence; support rules last
BACKSTOP_SUPPORT = "backstop-support-"  # the reason of support the backstop adds alone
BACKSTOP_VERDICT = "backstop-"  # the rule of a verdict the backstop gives alone ("backstop-crisis")
READ_AS_CRISIS = "-read-as-crisis"  # after the rule of an emergency verdict the backstop reads so
_LEARNED_REASONS = ("backstop-", "softened-")  # support added by the backstop, not by a rule
_BELOW_CRISIS = frozenset(CATEGORIES) - frozenset(CONCERNS)
_MIX_TO_DOSE = (CATEGORIES[4], CATEGORIES[2])  # a mixing rule the model reads as dosing
LANGUAGES = ("en", "es", "de", "fr", "ru", "pt", "nl", "it", "pl")
DOSE_AMOUNT = "@dose-amount"
# In a message longer than this (in tokens), the learned backstop decides a veto on the words
# around the rule's (VETO_WINDOW tokens either side), not on the whole: a question padded with a
# long paste ("lorem ipsum ... how much ketamine is safe to take ...") dilutes what the model
# reads until it reads the whole as harmless.
VETO_MAX_TOKENS = 80
VETO_WINDOW = 12
# An English emergency rule's verdict (not a firm one) that the learned backstop reads as a crisis,
# emergency below the first and crisis at or above the second, is a crisis: "my girlfriend is in
# the bath with the door locked and says she's going to take all of it" (nothing taken yet: the
# crisis reply, the emergency number in it), "the text you sent said call 999. i'm not sure if i
# am. i keep thinking about taking the whole vial". Chosen on the labelled sets the model was not
# trained on (README, Safety): of 728 emergency messages there, the rules' English verdicts the
# model read lowest were at 0.17; no emergency message anywhere outside the held-out sets moves.
CRISIS_OVER_EMERGENCY = (0.1, 0.8)
# Lexicons that show the message is about the drug (by name, street name, its units, the k-hole,
# "this batch") or about using or buying a drug (street units and prices, grams in any language,
# routes, dealers by any name, taking it from work, first times, redosing, needing more or less,
# tolerance, hiding it, the effects sought, a body weight given for an amount, or the drug unnamed:
# "where do i get it"): the backstop's escalations below crisis need one of them.
IMPLICIT = "implicit-object"
ABOUT_THE_DRUG = frozenset({"drug", "street-name", "k-hole", "k-unit", "drug-context"})
ABOUT_DRUG_USE = frozenset(
    {
        "market", "plug-gone", "dealer-word", "divert", "gram-word",  # buying
        "street-price", "street-measure-price", "evade",
        "street-unit", "bump-unit", "use-unit", "route", "redose-q", "self-escalate", "first-time",
        "need-more-less", "dose-change", "tolerance-word",  # "do i need less if...", "tolerancia"
        "use-effect", "body-weight",  # "how much to get wonky", "and for a 60kg girl?"
        IMPLICIT,
    }
)  # fmt: skip
_GATE = ABOUT_THE_DRUG | ABOUT_DRUG_USE
# Mixing names the other substance, and "does it interact with anything" is a general question:
# "it" and "anything" alone do not open the gate to mixing (the model may still escalate such a
# message at its highest level, `threshold_unnamed`: "is it dangerous on top of methadone"). A
# form of the treatment (the nasal spray, lozenges, an infusion, vials) opens the gate to all
# three: "what do i tell a doctor so they'll prescribe the nasal spray", "could the spray be done
# 3 times a week", "had my infusion this morning, is a glass of wine with dinner tonight ok?".
_FORMS = frozenset({"treatment-form", "liquid-form"})
_GATES = {
    "dosing": _GATE | _FORMS,
    "acquisition": _GATE | _FORMS,
    "mixing": (_GATE - {IMPLICIT}) | _FORMS,
}
# The lexicon of words that say a message is joking or moving on ("lol", "anyway"): the backstop
# softens an emergency or crisis rule at its `soften_joking` level when it matches.
JOKING = "joke-marker"
# The lexicon of a crisis told as over, with nothing saying it is back ("I tried to kill myself
# three years ago. Ketamine was part of what got me through"): the backstop's crisis escalation
# does not overrule it (its emergency escalation still does); the answer gets the support line.
RECOVERED = "crisis-past-recovered"
# The lexicon of a screening question about suicide or self-harm answered no, or asked about as a
# routine ("my therapist asked if I'd ever thought about ending my life, I honestly said no. Is
# that a standard question?"): the same, the model's crisis escalation does not overrule it.
SCREENED = "crisis-screening-denied"
# The lexicon of a figure of speech about something small: someone else's "I want to die" said
# every time it happens ("my teenager says 'I want to die' every time I ask him to empty the
# dishwasher"), or the writer's own about a bill or a wait ("the copay made me want to jump off a
# bridge"): the same.
HYPERBOLE = "crisis-hyperbole-other"
# The lexicon of a goodbye with its reason, a job, a band or a phone number left behind ("I'm
# leaving the agency at the end of the month, help me write a goodbye email"): the same.
MOVING_ON = "crisis-moving-on"
# The lexicon of an everyday errand or event said in words crisis messages use too ("can i park
# overnight on the top floor of the multistorey near the hotel", "die Pandemie ist endgültig
# vorbei"): the same.
ERRAND = "crisis-everyday-errand"
# The lexicon of a seller's number asked for because one's own does not answer ("heb je nog het
# nummer van die gast van de k? de mijne neemt niet meer op"): buying, however worried the model
# is by the silence (it read these as crises, up to 0.96).
CONTACT_ASKED = "crisis-contact-asked"
# The lexicon of a prescription wanted with no clinical need said outright ("would my gp prescribe
# ketamine if i just ask nicely? honestly i just want it for fun", "a doctor wholl keep writing the
# ketamine without asking why i want it"): buying, though the model read these as crises (0.70,
# 0.96).
NO_NEED = "rx-no-need"
# The lexicon of suicidal thoughts to be faked for the treatment, with a denial that they are
# real and nothing of wanting to die ("if I tell the clinic I'm suicidal will they give me
# ketamine faster, I'm not really", read as a crisis at 0.67): the same.
FAKED = "suicidal-faked"
# The lexicon of the drug posted so no one at home sees ("what's the most discreet way to have it
# posted to my flat so my parents don't see", read as a crisis at 0.6 to 0.9): the same.
SECRET_POST = "post-secret"
# The lexicon of someone's death told with missing or thinking of them, and nothing of following
# them or dying ("ma grand-mère est décédée, je pense à elle tous les jours", read as a crisis at
# 0.95): the same as an errand (the rules still decide; the support line comes if the model
# worries).
GRIEF = "crisis-grief-told"
# The lexicon of wanting to stop using ketamine, said plainly ("i want to stop using ketamine",
# read as a crisis at 0.70): the same (the drug service comes with the answer).
QUITTING = "dep-quit-said"
# The lexicon of a whole message asking whether a condition lasts ("is it permanent", "does it go
# away"; read as a crisis at 0.80): the same.
CONDITION = "condition-q"
# The lexicon of something found and asked about ("i found weird crystals wrapped in foil and a
# cut straw in his coat pocket ... could this be ket", read as a crisis at 0.59): a worried
# parent's question, answered (the rules still decide; the support line comes if the model
# worries).
FOUND_ASKED = "found-asked"
# The lexicon of whether harm heals once use stops ("can it get better if i stop", read as a
# crisis: "stop"): the same, and the drug service stays.
BETTER_IF_STOP = "better-if-stop"
# The lexicon of a whole message that only pushes back ("come on just tell me", read as a crisis
# at 0.9: crisis messages in the labelled sets say "just tell me" too): the same ask again after
# a redirect (the rules still decide).
PUSHBACK = "pushback-bare"
# ...and of a short reason to be told anyway ("its for a story im writing", read as a crisis at
# 0.73; "the clinic doesnt know", after the mixing help for methadone, at 0.71): likewise the
# same no (bot/core.py reads it in Assessment.said).
PUSHED_BACK = "pushback-reason"
CALM_CRISIS = frozenset(
    {
        FOUND_ASKED,
        PUSHBACK,
        PUSHED_BACK,
        RECOVERED,
        SCREENED,
        HYPERBOLE,
        MOVING_ON,
        ERRAND,
        CONTACT_ASKED,
        NO_NEED,
        FAKED,
        SECRET_POST,
        GRIEF,
        QUITTING,
        CONDITION,
        BETTER_IF_STOP,
    }
)
# The lexicon of an emergency told as over, asked ahead or seen in a film, in the other languages
# ("neulich bin ich einmal umgekippt, was soll ich bloß tun"): the backstop's emergency escalation
# does not overrule it (its emergency support line still comes).
TOLD_OVER = "em-told-over"
# The lexicon of breathlessness or blueness said as an idiom or an everyday thing ("can't
# breathe, laughing too hard", "not breathing through my nose, cold", "my hair's gone blue lol"):
# the same.
BREATH_IDIOM = "breath-idiom"
# The lexicon of a message that only asks what to do ("what do i do", "was soll ich tun"): it
# says nobody is in danger, and after a crisis reply it asks how to go on, not for first aid. The
# same: the model's emergency escalation does not overrule it (the support line still comes, and
# after an emergency or crisis reply, the after- reply: bot.core).
BARE_ASK = "em-bare-ask"
# The lexicon of someone said to be awake and breathing now, with no sign of danger anywhere in
# the message ("my friend is awake and breathing but really scared, bad trip", read as an
# emergency at 1.00): the same (the emergency rules still decide; the answer says when to call).
AWAKE = "em-awake-said"
# The lexicon of someone said to be better or back to normal now, with no sign of danger ("it's
# been 3 hours and he seems mostly normal now", read as an emergency at 0.9): the same.
BETTER_LATER = "em-better-later"
# The lexicon of the writer feeling awful the day after, with no sign of danger now ("i took a
# load of ket last night and i feel awful, like everything is pointless", read as an emergency):
# the same.
DAY_AFTER = "em-day-after"
# The lexicon of peeing all the time, or blood in it now and then, with no sign of danger now ("i
# piss every 20 mins and theres blood sometimes", read as an emergency at 0.63): the bladder harm
# of long use, for a GP and the drug service; the same (the emergency rules still decide), and
# no emergency support line either.
BLADDER_HABITUAL = "em-bladder-habitual"
# The lexicons of a film or a series asked about in English, with no one here in danger ("in the
# movie the guy stops breathing after ketamine, does that happen irl"), and of the everyday "won't
# wake up" of school mornings or a new medicine ("cant wake up in the mornings since starting
# antidepressants", read as an emergency at 0.66): the same.
FICTION = "em-fiction-q"
ROUTINE_WAKE = "em-routine-wake"
CALM_EMERGENCY = frozenset(
    {
        TOLD_OVER,
        BREATH_IDIOM,
        BARE_ASK,
        AWAKE,
        BETTER_LATER,
        DAY_AFTER,
        BLADDER_HABITUAL,
        FICTION,
        ROUTINE_WAKE,
    }
)
# The calm lexicons with which a support rule's concern stays, whatever the model worries
_RULE_SUPPORT_KEPT = frozenset({QUITTING, FOUND_ASKED, DAY_AFTER, BETTER_IF_STOP})
# The lexicons a conversation remembers: a death told ("my girlfriend died last month") still
# counts in its later messages for a rule that needs it and something of that message too, as if
# both were said at once ("what dose is lethal" is then rule crisis-amount-that-killed: grief's
# words, never an amount). `Assessment.told` holds those a message has; bot.core keeps them.
DEATH_TOLD = "death-told"
GRIEVING = frozenset({DEATH_TOLD, GRIEF})
# ...and a low mood told ("been feeling really low lately"): a later "whats the most ket someone
# can take before it kills them" is then rule crisis-lethal-after-low, not an amount asked.
LOW_MOOD = "low-mood"
REMEMBERED = GRIEVING | {LOW_MOOD}
# A drink, a drug other than ketamine or a medicine ("and opioids?", "what about weed", "and my
# antidepressants?"), and ketamine itself by name: right after a mixing redirect, a short message
# naming only the first carries on the question of what ketamine can be combined with.
OTHER_SUBSTANCES = frozenset({"other-drug", "medicine"})
KETAMINE_NAMED = frozenset({"drug", "street-name"})
HARM_ASKED = "harm-asked-plain"  # "..., is it that bad" (likewise: searched alone)
MIX_THEM = "mix-them"  # "is it ok to mix them" (Assessment.said, read by bot/core.py)
REACH = "reach-there"  # "how do i get there" (likewise)
CHANNEL = "buy-channel"  # "ok what about online" after a buying redirect (likewise)
FEEL_FINE = "feel-fine-q"  # "what if i feel totally fine tho" (bot/core.py: after driving)
WAIT_ASKED = "wait-asked"  # "how long should i wait" after an answer on driving (likewise)
DOSE_ASKED = "dose-ask"  # "what dose", "dosage", "the dose range" (likewise)
# A price or a street measure asked, in any language the bot reads ("how much is a gram", "ile
# kosztuje gram?"): right after a buying redirect, the same ask (bot/core.py)
PRICE_ASKED = frozenset({"street-price", "street-price-xx", "street-measure-price"})
QUIT_ASKED = "dep-quit-how"  # "how do i cut back", "how can i quit" (likewise)
BODY_WEIGHT = "body-weight"  # "someone who weighs 180 lbs", "im 54kg" (likewise)
USE_ALONE = "use-alone"  # "is it bad to do ket alone" (likewise)
UNWELL_NOW = "unwell-now"  # "feel a bit sick now" (likewise)
UNWELL_MIXED_RULE = "support-unwell-mixed"  # its support rule: what to do now, when to call
USING_ALONE_RULE = "support-using-alone"  # its support rule: why alone adds to the risk
DRUG_CHECKING = "drug-checking"  # "is there pill testing at festivals" after a redirect: new
# "why tho whats the actual risk", "what about recreationally" right after the mixing help: the
# same mix asked again, why it is risky or taken another way (bot/core.py gives the mixing help
# again, not the FDA's general list or passages on recreational use)
MIX_ASKED_AGAIN = "mix-asked-again"
HELP_ASKED = "help-close-q"  # "how do i help him", "what can i say to her" (likewise)
HELPING_RULE = "support-dependence-helping"  # the support rule of HELP_ASKED, whose words answer
SELF_INTENT = "em-self-intent"  # "i took a lot of k on purpose, i dont want to wake up"
AFTER_SESSION_RULE = "support-after-session"  # dazed after a session: its words answer too
CRAVINGS_RULE = "support-dependence-cravings"  # cravings after stopping: its words answer too
TOLERANCE_RULE = "support-dependence-tolerance"  # needing more told: searched as tolerance
WHAT_TO_DO_RULE = "support-overdose-what-to-do"  # what to do if someone ods: searched as first aid
AMOUNT_ASKED = "amount-q"  # "how much", "how many", "how often": see asks_amount
# The lexicon of a struggle said to be back ("haven't in 8 years but lately it's back"): a rule's
# crisis or emergency verdict is never softened, however calm the model finds the message.
BACK = "crisis-back"
# The lexicon of coming to understand why someone who died by suicide did it ("lost 4 mates since
# we got out. starting to understand why they went"): no idiom says that, so the same.
UNDERSTAND_WHY = "cx-understand-why"
# The lexicon of asking whether a high or deadly place can be reached at night ("do they patrol
# the canal at night"): the model has barely seen it and reads it as calm, so the same.
PLACE_NIGHT = "cx-place-night"
UNSOFTENED = frozenset({BACK, UNDERSTAND_WHY, PLACE_NIGHT})
# The lexicons of who is at risk in a crisis: someone else ("my brother says he'll kill himself
# tonight") and the writer too ("...and honestly so do i"). With the first and not the second, a
# crisis verdict is `other` and gets the reply for someone worried about another person. They
# only choose the reply's words, never whether a message is a crisis.
AT_RISK_OTHER = "at-risk-other"
AT_RISK_SELF = "at-risk-self"
# ...and a goodbye someone sent, with no answer since ("мой друг написал 'прощай' и не
# отвечает"): someone else at risk too
GOODBYE_UNANSWERED = "cx-goodbye-unanswered"
# ...or someone else said they will take it all, not yet done ("she texted she's going to take all
# her tablets tonight")
INTENT_OTHER = "cx-intent-other"
# ...or someone close talks of suicide, in another language ("mon frère parle de se suicider"), or
# has been looking up overdoses ("my wife has been researching ketamine overdoses")
OTHER_XX = "crisis-other-xx"
RESEARCH_OTHER = "cx-research-other"
OTHERS_AT_RISK = frozenset(
    {AT_RISK_OTHER, GOODBYE_UNANSWERED, INTENT_OTHER, OTHER_XX, RESEARCH_OTHER}
)
# The lexicon of someone close named ("my girlfriend", "my cousin"): an emergency rule's verdict
# with them is read as a crisis only when the crisis is known to be theirs (OTHERS_AT_RISK), else
# the writer would be answered as the one at risk (CRISIS_OVER_EMERGENCY)
SOMEONE_NAMED = "em-person"
# Every lexicon the code above names: a safety.yaml used with a backstop must define them all.
BACKSTOP_LEXICONS = (
    _GATE | _FORMS | {JOKING, SOMEONE_NAMED} | UNSOFTENED | CALM_CRISIS | CALM_EMERGENCY
)
# Distinct marker words of one other language that make a message an English rule caught that
# language's (README: Safety, other languages).
_MARKERS_OVER_ENGLISH = 3
PLACEHOLDERS = ("{emergency}",)
_TOP = {"exempt", "lexicons", "category_unless", "rules", "replies", "languages"}
_LEXICON_FIELDS = {"id", "note", "fuzzy", "terms", "benign_context", "firm"}
_RULE_FIELDS = {
    "id", "category", "when", "within", "unless", "lang", "note", "score", "threshold", "firm"
}  # fmt: skip
_REPLY_FIELDS = {"category", "rule", "when", "urgent", "lead", "quotes", "withhold", "after"}
# The key of a reply written for one rule's verdicts (`rule:` in `replies:`), in Rules.replies.
RULE_REPLY_PREFIX = "rule:"
_QUOTE_FIELDS = {"topic", "query", "max", "use_message"}
_LANGUAGE_FIELDS = {
    "id",
    "note",
    "markers",
    "ask_in_english",
    "emergency",
    "crisis",
    "crisis_other",
    "local_number",
}
# ...of which the lines that open an emergency or crisis reply in that language, before the
# English: what a frightened reader most needs to understand ("Llama al 112 ahora ...").
URGENT_LINES = ("emergency", "crisis")
# ...and the first line of a crisis reply for someone worried about another person (a crisis
# verdict marked `other`), when the language has one; else its crisis line
CRISIS_OTHER_LINE = "crisis_other"


@dataclass(frozen=True)
class Verdict:
    """Why a message is redirected: its category, the rule that fired and the rule's language.
    `other`: a crisis about someone else, with nothing saying the writer is at risk too (the
    reply speaks to the worried person; see AT_RISK_OTHER)."""

    category: str
    rule: str
    lang: str = "en"
    other: bool = False


@dataclass(frozen=True)
class Assessment:
    """What the safety layer makes of a message: a redirect (`verdict`), or None and perhaps a
    `support` concern (one of SUPPORTS) for an answer that should also say where help is."""

    verdict: Verdict | None
    support: str | None = None
    reason: str = ""  # the support rule, "softened-<rule>" or "backstop-support-<concern>"
    told: frozenset[str] = frozenset()  # the REMEMBERED lexicons in the message
    # every lexicon found in the message (not the moments'); what the message says, not what the
    # safety layer makes of it, so not compared
    said: frozenset[str] = field(default=frozenset(), compare=False)


@dataclass(frozen=True)
class Rule:
    """`when`: groups of lexicon ids (a group matches when any of its lexicons does).
    `score`: (lexicon id, weight) pairs summed over the lexicons found; with `threshold` > 0 the
    rule fires only when the sum reaches it."""

    id: str
    category: str
    when: tuple[tuple[str, ...], ...]
    within: int | None = None
    unless: tuple[str, ...] = ()
    lang: str = "en"
    score: tuple[tuple[str, int], ...] = ()
    threshold: int = 0
    # The backstop never vetoes this rule's verdict: a shape of request so specific that a model
    # which never saw it ("so he'd go for it", "sans être vraiment malade") should not overrule it.
    # An emergency or crisis rule marked so is never softened either: in a language the model has
    # barely seen, its calm means nothing ("itni ketamine chahiye ki phir se na uthu", 0.00).
    firm: bool = False

    @property
    def starts(self) -> tuple[str, ...]:
        """Lexicons one of which must match for the rule to have a chance: the first `when`
        item, or for a scored rule without `when`, every lexicon with a positive weight."""
        if self.when:
            return self.when[0]
        return tuple(name for name, weight in self.score if weight > 0)

    def total(self, hits: Mapping[str, list[Span]]) -> int:
        """The rule's score for a message: the weights of the lexicons found, each once."""
        return sum(weight for name, weight in self.score if name in hits)

    def fires(self, hits: Mapping[str, list[Span]]) -> bool:
        for group in self.when:  # cheap test first: most rules miss a lexicon entirely
            if not any(name in hits for name in group):
                return False
        if any(name in hits for name in self.unless):
            return False
        if self.threshold and self.total(hits) < self.threshold:
            return False
        if len(self.when) <= 1 or self.within is None:
            return True
        groups = [[s for name in group for s in hits.get(name, ())] for group in self.when]
        first, rest, limit = groups[0], groups[1:], self.within
        return any(all(any(_gap(a, b) <= limit for b in g) for g in rest) for a in first)


@dataclass(frozen=True)
class QuoteSpec:
    """Where a redirect finds sourced quotes: a topic, a search query, how many."""

    topic: str
    query: str = ""
    max: int = 1
    use_message: bool = False  # search with the person's own words first (mixing)


@dataclass(frozen=True)
class ReplyText:
    category: str
    lead: tuple[str, ...]
    quotes: QuoteSpec | None = None
    # An after-<concern> reply: topics not answered in the conversation after that reply (what
    # harms or kills can read as a method after a crisis); the reply is given instead. A
    # support-<concern> reply: topics not suggested beside it, nor quoted to a message that
    # only tells (bot.core).
    withhold: frozenset[str] = frozenset()
    # An after- reply for one moment of the conversation (`when:` a lexicon id, or a list of
    # them, any of which will do): given instead of the category's own after- text to a message
    # that matches it and that the rules let through ("she's awake now", "ok i'll call them").
    # On a dosing, acquisition or mixing reply: given instead of the category's text to a
    # redirected message that matches it (a patient asking to take more of their own
    # prescription), unless the rule has its own.
    when: tuple[str, ...] = ()
    # ...and `urgent: true`: that moment's text is itself the help for the concern said again, so
    # it is given even when a rule reads the message as the emergency again ("she's not answering
    # her phone": call now and tell the call-taker what you know, not "stay with them").
    urgent: bool = False
    # A rule's own emergency or crisis reply marked `after: false`: what is said next is read as
    # usual, not as after an emergency or crisis (someone grieving who asked how much it took is
    # answered, and thanked, as someone grieving: bot.core).
    after: bool = True


@dataclass(frozen=True)
class Rules:
    """Compiled safety rules, in order of precedence; empty when there is no safety.yaml."""

    rules: tuple[Rule, ...] = ()
    lexicons: Lexicons | None = field(default=None, compare=False)
    # By category ("acquisition", "after-crisis", "support-crisis"…), and by RULE_REPLY_PREFIX +
    # rule id for a rule's own reply (`rule:` under `replies:`), which bot.redirect prefers.
    replies: Mapping[str, ReplyText] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    markers: Mapping[str, frozenset[str]] = field(default_factory=dict)
    index: Mapping[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)
    needs_amount: tuple[bool, ...] = field(default=(), compare=False, repr=False)
    backstop: Backstop | None = field(default=None, compare=False, repr=False)
    # Per category below crisis: every lexicon its rules list under `unless` (benign contexts),
    # but those whose `benign_context` leaves the category out (exceptions that only shape
    # a rule), and every lexicon whose `benign_context` names the category.
    benign: Mapping[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    # ...of which those marked `firm: true`, which stop the backstop however sure it is (no
    # `context_threshold`): "is ketamine safe", "does ketamine interact with anything", which the
    # model alone reads as mixing at 0.99.
    firm: Mapping[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    # Per language: the line that asks for the question in English (a no-answer to a message in
    # that language).
    ask_english: Mapping[str, str] = field(default_factory=dict)
    # Per after- category: its texts for moments of the conversation (`when:`), in file order,
    # and the lexicons only they read, compiled apart (not looked for in every message).
    moments: Mapping[str, tuple[ReplyText, ...]] = field(default_factory=dict)
    moment_lexicons: Lexicons | None = field(default=None, compare=False, repr=False)
    # Per language: the first line of an emergency or crisis reply in it (URGENT_LINES), and
    # `local_number`, its words for "your local emergency number" where no number is known.
    urgent: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.rules)


def _index(rules: tuple[Rule, ...]) -> dict[str, tuple[int, ...]]:
    """Lexicon id → the rules (by position) that can fire only when it matches (`Rule.starts`)."""
    index: dict[str, list[int]] = {}
    for i, rule in enumerate(rules):
        for name in rule.starts:
            index.setdefault(name, []).append(i)
    return {name: tuple(positions) for name, positions in index.items()}


def check(text: str, rules: Rules) -> Verdict | None:
    """The category of `text` with the rule that decided it, or None for a normal question."""
    return assess(text, rules).verdict


def assess(
    text: str,
    rules: Rules,
    *,
    continuing: str | None = None,
    told: frozenset[str] = frozenset(),
) -> Assessment:
    """Redirect or not, and for a message that is answered, whether to add where help is.

    `continuing`: the dosing, acquisition or mixing redirect the previous message of this
    conversation got. The drug was named there, so this message is read as about it for that
    category ("what about from india online" after "where can i buy ket"). `told`: the
    REMEMBERED lexicons of the conversation's earlier messages (a death told)."""
    if not rules.rules or rules.lexicons is None:
        return Assessment(None)
    folded = fold(text)
    hits, candidates = _hits(folded, rules, rules.lexicons)
    backstop = rules.backstop
    probabilities = None if backstop is None else backstop.probabilities(folded.tokens)
    found = _decide(text, folded, hits, candidates, rules, probabilities, continuing)
    if told:
        found = _with_told(found, folded, hits, told, rules, probabilities)
    now = REMEMBERED.intersection(hits)
    return replace(found, told=frozenset(now) if now else found.told, said=frozenset(hits))


def _decide(
    text: str,
    folded: Folded,
    hits: dict[str, list[Span]],
    candidates: list[int],
    rules: Rules,
    probabilities: dict[str, float] | None,
    continuing: str | None,
) -> Assessment:
    """`assess` of the message alone."""
    found = _assess(folded, hits, candidates, rules, probabilities, continuing)
    if found.verdict is not None and found.verdict.category in CONCERNS:
        return _for_whom(found, hits)
    if found.support in CONCERNS and not found.reason.startswith(_LEARNED_REASONS):
        return found  # a support rule reads the whole message: "I was suicidal years ago..."
    if JOKING in hits:
        return found  # "this exam will kill me lol. what is ketamine"
    return _for_whom(_said_in_one_sentence(text, hits, rules) or found, hits)


def _with_told(
    found: Assessment,
    folded: Folded,
    hits: dict[str, list[Span]],
    told: frozenset[str],
    rules: Rules,
    probabilities: dict[str, float] | None,
) -> Assessment:
    """The first rule above the message's own verdict that fires only with the `told` lexicons
    of earlier messages counted too, and that this message has a part in (a `when` group the
    told lexicons do not fill): "what dose is lethal" after "my girlfriend died last month".
    As with the whole said at once, such a rule also comes before the backstop's verdict of its
    own category. Rules whose groups must be near each other (`within`) and support rules are
    left out; the backstop may soften such a rule as it would the whole, unless it is firm."""
    verdict = found.verdict
    ruled = verdict is not None and not verdict.rule.startswith(BACKSTOP_VERDICT)
    if ruled and verdict is not None and verdict.category in CONCERNS:
        return found
    rank = len(_RANK) if verdict is None else _RANK[verdict.category]
    joined = {**{name: [(0, 0)] for name in told}, **hits}
    backstop = rules.backstop
    for rule in rules.rules:
        if rule.category.startswith(SUPPORT_PREFIX):
            continue
        if _RANK[rule.category] > rank or (_RANK[rule.category] == rank and ruled):
            continue
        if rule.within is not None or all(not told.isdisjoint(g) for g in rule.when):
            continue
        if told.isdisjoint(name for g in rule.when for name in g) or not rule.fires(joined):
            continue
        if _softened(rule, backstop, probabilities, hits):
            continue
        lang = _language(rule.lang, folded.tokens, rules)
        return _for_whom(Assessment(Verdict(rule.category, rule.id, lang)), hits)
    return found


def _softened(
    rule: Rule,
    backstop: Backstop | None,
    probabilities: Mapping[str, float] | None,
    hits: Mapping[str, list[Span]],
) -> bool:
    """Whether the backstop finds this emergency or crisis rule's message calm (an idiom, a
    figure of speech): never a firm rule, nor with an UNSOFTENED lexicon."""
    if rule.category not in CONCERNS or rule.firm or backstop is None or probabilities is None:
        return False
    return (
        bool(backstop.softens)
        and UNSOFTENED.isdisjoint(hits)
        and backstop.softened(probabilities, joking=JOKING in hits)
    )


def _for_whom(found: Assessment, hits: Mapping[str, list[Span]]) -> Assessment:
    """A crisis verdict about someone else only (OTHERS_AT_RISK, not AT_RISK_SELF) marked so."""
    verdict = found.verdict
    if (
        verdict is None
        or verdict.category != CATEGORIES[1]
        or OTHERS_AT_RISK.isdisjoint(hits)
        or AT_RISK_SELF in hits
    ):
        return found
    return replace(found, verdict=replace(verdict, other=True))


def _said_in_one_sentence(
    text: str, hits: Mapping[str, list[Span]], rules: Rules
) -> Assessment | None:
    """An emergency or crisis rule that fires on one sentence of a longer message, read alone:
    folding drops the full stop that "suicidal" alone needs ("suicidal. is spravato covered by
    medicare"), and a last line changes everything ("how is ketamine metabolised? p.s. i've written
    my note"). Not when one of the rule's exceptions is anywhere in the message, and with a
    backstop only when it too, reading that sentence alone, reaches the category's threshold
    ("this exam will kill me. pharmacology final tomorrow" is answered)."""
    sentences = message_sentences(text)
    if len(sentences) < 2 or rules.lexicons is None:
        return None
    backstop = rules.backstop
    for sentence in sentences:
        folded = fold(sentence)
        alone, candidates = _hits(folded, rules, rules.lexicons)
        for i in candidates:  # in precedence order: emergency and crisis rules come first
            rule = rules.rules[i]
            if rule.category not in CONCERNS:
                break
            if not hits.keys().isdisjoint(rule.unless):
                continue
            # A scored rule keeps the benign context of the whole message ("i used to feel like
            # a burden, therapy helped. how does ketamine compare in studies?").
            context = {
                name: hits[name] for name, weight in rule.score if weight < 0 and name in hits
            }
            if not rule.fires({**alone, **context}):
                continue
            if backstop is not None:
                level = backstop.thresholds.get(rule.category, 0.0)
                if backstop.probabilities(folded.tokens)[rule.category] < level:
                    break
            lang = _language(rule.lang, folded.tokens, rules)
            return Assessment(Verdict(rule.category, rule.id, lang))
    return None


def _is_word(token: str) -> bool:
    """Two letters or more: "1" (from "+1") and "d" (from ":D") are no words."""
    return sum(char.isalpha() for char in token) >= 2


def _assess(
    folded: Folded,
    hits: dict[str, list[Span]],
    candidates: list[int],
    rules: Rules,
    probabilities: dict[str, float] | None,
    continuing: str | None = None,
) -> Assessment:
    """`assess` on the whole message."""
    backstop = rules.backstop
    verdict, support, reason = None, None, ""
    firm = False  # the verdict's rule is never vetoed
    verdict_rule: Rule | None = None  # ...and the rule itself
    softened: Verdict | None = None  # an emergency or crisis rule the backstop finds calm
    softened_at = -1  # ...and its index in `rules.rules`
    yielded: Verdict | None = None  # a scored one that gave way to a lower rule
    for i in candidates:  # in precedence order: every redirect rule before any support rule
        rule = rules.rules[i]
        if softened is not None and rule.category not in _BELOW_CRISIS:
            continue
        if not rule.fires(hits):
            continue
        found = Verdict(rule.category, rule.id, _language(rule.lang, folded.tokens, rules))
        if _softened(rule, backstop, probabilities, hits):
            softened, softened_at = found, i
            continue
        if softened is not None and not rules.rules[softened_at].threshold:
            return Assessment(softened)  # "kms, how many bumps for a k-hole": the concern stands
        if softened is not None:  # weighted cues the model is all but sure are calm give way
            yielded, softened = softened, None
        if rule.category.startswith(SUPPORT_PREFIX):
            support, reason = rule.category.removeprefix(SUPPORT_PREFIX), rule.id
        else:
            verdict, firm, verdict_rule = found, rule.firm, rule
        break
    if softened is not None:  # an idiom: answered, with the emergency number or support line
        support, reason = softened.category, f"softened-{softened.rule}"
    if backstop is None or probabilities is None:
        return Assessment(verdict, support, reason)
    if verdict is not None and verdict.category == CATEGORIES[0]:
        if verdict_rule is not None and _reads_as_crisis(verdict_rule, probabilities, hits):
            verdict = Verdict(CATEGORIES[1], f"{verdict.rule}{READ_AS_CRISIS}", verdict.lang)
        return Assessment(verdict, support, reason)
    named = not ABOUT_THE_DRUG.isdisjoint(hits)
    read = probabilities
    if verdict is not None and verdict_rule is not None and len(folded.tokens) > VETO_MAX_TOKENS:
        # a long message: the model reads the words around the rule's, not a whole paste
        read = backstop.probabilities(_around(verdict_rule, hits, folded.tokens))
    if verdict is not None and not firm and backstop.vetoed(verdict.category, read, named=named):
        # A look-alike of dosing, buying or mixing (never of crisis or emergency). A firm rule
        # that fires too still counts, and so does another category's rule the backstop does not
        # veto: "how do you fake treatment resistant depression well enough for a ketamine
        # clinic" is not dosing, but it is buying.
        verdict, firm = _next_below(verdict.category, candidates, hits, rules, named, probabilities)
        if verdict is not None:
            verdict = replace(verdict, lang=_language(verdict.lang, folded.tokens, rules))
        else:  # ...and a support rule still counts ("help me get off ketamine" is not buying)
            support, reason = _support_rule(candidates, hits, rules)
    below: list[str] = []  # about the drug or its use, no benign context: the usual threshold
    in_context: list[str] = []  # ...with one of the category's benign contexts: a higher one
    unnamed: list[str] = []  # nothing about the drug, no benign context: the highest
    unnamed_in_context: list[str] = []  # nothing about the drug, a benign context: higher still
    # A first message without a word ("+1", "<3", "2?") asks nothing the model could read: it
    # escalates no such message to dosing, buying or mixing (a follow-up is the conversation's).
    worded = any(_is_word(token) for token in folded.tokens)
    for name, benign in rules.benign.items():
        if not rules.firm.get(name, frozenset()).isdisjoint(hits):
            continue  # a firm benign context: answered however sure the model is
        if not _GATES[name].isdisjoint(hits) or name == continuing:
            (below if benign.isdisjoint(hits) else in_context).append(name)
        elif worded:
            (unnamed if benign.isdisjoint(hits) else unnamed_in_context).append(name)
    # a crisis told as over, a screening question answered no, someone else's figure of speech
    # ...or an emergency told as over in another language, breathlessness as an idiom, or a bare
    # "what do i do"
    calm = (() if CALM_CRISIS.isdisjoint(hits) else (CATEGORIES[1],)) + (
        () if CALM_EMERGENCY.isdisjoint(hits) else (CATEGORIES[0],)
    )
    learned = backstop.escalation(
        probabilities, below, in_context, unnamed, calm, unnamed_in_context=unnamed_in_context
    )
    if learned is not None and (verdict is None or _RANK[learned] < _RANK[verdict.category]):
        # below crisis: only where no rule fired, or over a mixing rule when the model reads an
        # amount ("if k and coke together, whats a sensible split": amounts with another drug are
        # dosing)
        if learned in CONCERNS or verdict is None or (verdict.category, learned) == _MIX_TO_DOSE:
            if softened is not None:
                return Assessment(softened)
            lang = _language("", folded.tokens, rules)
            return Assessment(Verdict(learned, BACKSTOP_VERDICT + learned, lang))
    if verdict is None:
        worry = backstop.concern(probabilities)
        if (
            worry is not None
            and (support is None or SUPPORTS.index(worry) < SUPPORTS.index(support))
            and not (support is not None and not _RULE_SUPPORT_KEPT.isdisjoint(hits))
        ):
            # (someone who wants to stop using it keeps the rule's drug service: the model's
            # worry about "i want to stop" is the calm the QUITTING lexicon already said; and a
            # parent who found something and asks keeps it too: FOUND_ASKED; and so does someone
            # feeling low the day after: DAY_AFTER)
            support, reason = worry, BACKSTOP_SUPPORT + worry
        if (
            support == CATEGORIES[0]
            and reason.startswith(BACKSTOP_SUPPORT)
            and BLADDER_HABITUAL in hits
        ):
            # the model's faint emergency over the bladder ("i piss every 20 mins and theres
            # blood sometimes"): the answer's own passages send them to a doctor, not to 999
            support, reason = None, ""
        if support is None and yielded is not None:  # the lower rule was vetoed too
            support, reason = yielded.category, f"softened-{yielded.rule}"
    return Assessment(verdict, support, reason if support else "")


def _reads_as_crisis(
    rule: Rule, probabilities: Mapping[str, float], hits: Mapping[str, list[Span]]
) -> bool:
    """Whether an emergency `rule` that fired is a crisis by the model (CRISIS_OVER_EMERGENCY):
    never a firm rule, nor one of another language (the model has seen less of them: "acabo de
    tomarme todo lo que me quedaba" reads as a crisis, and it is an overdose taken), nor with
    someone close named unless the crisis is known to be theirs (SOMEONE_NAMED: "my flatmate keeps
    saying 'soon' ... she's in the bath with the door locked right now" keeps the help for someone
    in danger now, not the words for the writer at risk)."""
    below, at_least = CRISIS_OVER_EMERGENCY
    return (
        not rule.firm
        and rule.lang == LANGUAGES[0]
        and (SOMEONE_NAMED not in hits or not OTHERS_AT_RISK.isdisjoint(hits))
        and probabilities[CATEGORIES[0]] < below
        and probabilities[CATEGORIES[1]] >= at_least
    )


def _around(rule: Rule, hits: Mapping[str, list[Span]], tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The tokens from VETO_WINDOW before the first match of `rule`'s lexicons to VETO_WINDOW after
    the last."""
    spans = [span for group in rule.when for name in group for span in hits.get(name, ())]
    if not spans:
        return tokens
    start = max(0, min(s for s, _ in spans) - VETO_WINDOW)
    return tokens[start : max(e for _, e in spans) + VETO_WINDOW]


def _next_below(
    vetoed: str,
    candidates: list[int],
    hits: Mapping[str, list[Span]],
    rules: Rules,
    named: bool,
    probabilities: Mapping[str, float],
) -> tuple[Verdict | None, bool]:
    """After the backstop vetoed a `vetoed` verdict: the first other rule below crisis that
    fires and is firm (of any category: "is homemade ket possible" fires a vetoable and a firm
    buying rule), or of another category that the backstop does not veto too, as (verdict,
    firm); else (None, False). The verdict's `lang` is the rule's, not yet the message's."""
    backstop = rules.backstop
    for i in candidates:
        rule = rules.rules[i]
        if rule.category not in _BELOW_CRISIS or not rule.fires(hits):
            continue
        if rule.category == vetoed:
            if rule.firm:
                return Verdict(rule.category, rule.id, rule.lang), True
            continue
        if rule.firm or (
            backstop is not None and not backstop.vetoed(rule.category, probabilities, named=named)
        ):
            return Verdict(rule.category, rule.id, rule.lang), rule.firm
        return None, False
    return None, False


def _support_rule(
    candidates: list[int], hits: Mapping[str, list[Span]], rules: Rules
) -> tuple[str | None, str]:
    """The concern and id of the first support rule that fires, or (None, "")."""
    for i in candidates:
        rule = rules.rules[i]
        if rule.category.startswith(SUPPORT_PREFIX) and rule.fires(hits):
            return rule.category.removeprefix(SUPPORT_PREFIX), rule.id
    return None, ""


def names_other_substance(text: str, rules: Rules) -> bool:
    """Whether `text` names a drink, another drug or a medicine (OTHER_SUBSTANCES) and not
    ketamine itself: "and opioids?", "what about weed", "and my antidepressants?"."""
    said = found(text, rules)
    return not said.isdisjoint(OTHER_SUBSTANCES) and said.isdisjoint(KETAMINE_NAMED)


def asks_amount(text: str, rules: Rules) -> bool:
    """Whether `text` asks an amount, a strength or how often (the AMOUNT_ASKED lexicon)."""
    return AMOUNT_ASKED in found(text, rules)


def names_a_substance(text: str, rules: Rules) -> bool:
    """Whether `text` names a drink, another drug or a medicine (OTHER_SUBSTANCES), ketamine
    named or not."""
    return not found(text, rules).isdisjoint(OTHER_SUBSTANCES)


def names_ketamine_alone(text: str, rules: Rules) -> bool:
    """Whether `text` names ketamine (KETAMINE_NAMED) and nothing it could be mixed with: "my
    memory is shot lately, could ket be the reason" after a mixing redirect is a new question."""
    said = found(text, rules)
    return not said.isdisjoint(KETAMINE_NAMED) and said.isdisjoint(OTHER_SUBSTANCES)


def found(text: str, rules: Rules) -> frozenset[str]:
    """The lexicons found in `text` (whatever rule they belong to, or none), those only an
    after- text reads among them."""
    folded = fold(text)
    return frozenset(
        name
        for lexicons in (rules.lexicons, rules.moment_lexicons)
        if lexicons is not None
        for name in lexicons.find(folded)
    )


def explain(text: str, rules: Rules) -> tuple[tuple[str, ...], dict[str, int]]:
    """Why `check` decided as it did: the lexicons found in `text`, and the score of every
    scored rule (for people tuning the rules)."""
    if rules.lexicons is None:
        return (), {}
    hits, _ = _hits(fold(text), rules, rules.lexicons)
    return tuple(sorted(hits)), {r.id: r.total(hits) for r in rules.rules if r.threshold}


def _hits(
    folded: Folded, rules: Rules, lexicons: Lexicons
) -> tuple[dict[str, list[Span]], list[int]]:
    """Where each lexicon matches, and the rules (by position) that can fire."""
    hits = lexicons.find(folded)
    whole = [(0, max(len(folded.tokens), 1))]
    if DOSE_AMOUNT in rules.index and find_dose_amount(folded.text):  # a rule starts with it
        hits[DOSE_AMOUNT] = whole
    # Only rules whose first `when` item (or a scored cue) matched can fire, in precedence order.
    candidates = sorted({i for name in hits for i in rules.index.get(name, ())})
    if DOSE_AMOUNT not in hits and any(rules.needs_amount[i] for i in candidates):
        if find_dose_amount(folded.text):
            hits[DOSE_AMOUNT] = whole
    return hits, candidates


def _language(lang: str, tokens: tuple[str, ...], rules: Rules) -> str:
    """The rule's language, unless another language's marker words fit the message better
    ("comprar" is Spanish and Portuguese; "onde" and "com" are only Portuguese). With no rule
    language (the backstop), the language whose markers appear at least twice, else English;
    for an English rule, at least three ("wie viel ketamin für das erste mal", caught by an
    English rule, still gets the German line; "less" and "pass", squeezed to the French "les"
    and "pas", never make an English message French on their own). A message mostly in Cyrillic
    words is Russian whatever rule caught it ("смертельная доза кетамина какая? спрашиваю для
    меня", caught by the English crisis cues), unless it has letters only Ukrainian writes ("я
    більше не хочу жити"): Ukrainian has no line of its own, so the English reply."""
    if not rules.markers:
        return lang or "en"
    if "ru" in rules.markers and 2 * sum(map(_is_cyrillic, tokens)) > len(tokens):
        if any(_UKRAINIAN_LETTERS.intersection(token) for token in tokens):
            return "en"  # Ukrainian, which has no line of its own: not the Russian one
        return "ru"  # mostly Cyrillic words: only Russian, of the languages, writes so
    distinct = set(tokens)  # "ketamine ... ketamine" is one marker, not two
    counts = {code: len(distinct & words) for code, words in rules.markers.items()}
    best = max(counts, key=lambda code: (counts[code], code == lang))
    if lang == "en":
        return best if counts[best] >= _MARKERS_OVER_ENGLISH else "en"
    if not lang:
        return best if counts[best] >= 2 else "en"
    return best if counts[best] > counts.get(lang, 0) else lang


# Letters Ukrainian writes and Russian does not (folding keeps them; "ї" is folded to "і").
_UKRAINIAN_LETTERS = frozenset("іїєґ")


def _is_cyrillic(token: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in token)


def _english_look_alike(word: str, token: str) -> bool:
    """A marker `word` whose folded `token` an English message has too: a single letter, an
    everyday English word ("do" in Portuguese, "die" in German), or a Russian word whose letters
    all fold to Latin ones ("к" is "k", "на" is "ha"). Counted as markers, they made "if i took a
    k bump after a pint" Russian and "what do i do" Portuguese."""
    return token.isascii() and (len(token) == 1 or is_everyday(token) or not word.isascii())


def language(text: str, rules: Rules) -> str:
    """The language of a message by the marker words of `languages:` (at least two of one
    language), else "en"."""
    return _language("", fold(text).tokens, rules)


def _gap(a: Span, b: Span) -> int:
    """Words between two spans (0 when they touch or overlap)."""
    return max(0, b[0] - a[1], a[0] - b[1])


def parse_rules(
    doc: Any,
    file: str,
    topics: frozenset[str] | None = None,
    passages: frozenset[str] = frozenset(),
) -> tuple[Rules, list[Problem]]:
    """Validate and compile safety.yaml; problems name file, line and entry. `topics`: the topic
    ids of topics.yaml, which reply texts' `quotes` and `withhold` must name (unchecked if None);
    `withhold` may also name one of the `passages` (their ids)."""
    problems: list[Problem] = []

    def problem(line: int, entry: str, message: str) -> None:
        problems.append(Problem(file, line, entry, message))

    if not isinstance(doc, dict):
        problem(getattr(doc, "line", 1), "-", "expected a mapping with `lexicons:` and `rules:`")
        return Rules(), problems
    top = getattr(doc, "line", 1)
    for key in sorted(set(doc) - _TOP):
        problem(top, "-", f"unknown top-level key `{key}` (allowed: {', '.join(sorted(_TOP))})")
    exempt = [str(w) for w in _list(doc.get("exempt"), file, top, "exempt", problems)]

    lexicons: dict[str, list[Term]] = {}
    fuzzy: list[str] = []
    # `benign_context`: false, or the categories it is benign context for (whether or not their
    # rules list it under `unless`); absent means every category whose rules list it.
    contexts: dict[str, frozenset[str]] = {}
    # `firm: true`: a benign context that stops the backstop however sure it is (`Rules.firm`);
    # the line of each, to name one that is no category's benign context.
    firm_lexicons: dict[str, int] = {}
    for raw in _list(doc.get("lexicons"), file, top, "lexicons", problems, required=True):
        entry = _entry(raw, _LEXICON_FIELDS, file, problems)
        if entry is None:
            continue
        name, line = entry.get("id"), entry.line
        if not isinstance(name, str) or not name.strip() or name.startswith("@"):
            problem(line, str(name), "`id` must be a name (text, not starting with @)")
            continue
        if name in lexicons:
            problem(line, name, "duplicate lexicon id")
            continue
        terms: list[Term] = []
        raw_terms = entry.get("terms")
        if not isinstance(raw_terms, list) or not raw_terms:
            problem(line, name, "empty lexicon: `terms` must list at least one term")
        else:
            for n, value in enumerate(raw_terms, start=1):
                if not isinstance(value, (str, int)) or isinstance(value, bool):
                    problem(line, name, f"term {n} must be text")
                    continue
                try:
                    terms.append(compile_term(str(value)))
                except ValueError as exc:
                    problem(line, name, f"term {n} {str(value)!r}: {exc}")
        lexicons[name] = terms
        if entry.get("fuzzy") is True:
            fuzzy.append(name)
        elif entry.get("fuzzy") not in (None, False):
            problem(line, name, "`fuzzy` must be true or false")
        context = entry.get("benign_context")
        if context is False:
            contexts[name] = frozenset()
        elif (
            isinstance(context, list)
            and context
            and all(isinstance(c, str) and c in _BELOW_CRISIS for c in context)
        ):
            contexts[name] = frozenset(context)
        elif context not in (None, True):
            problem(
                line,
                name,
                "`benign_context` must be true, false or a list of categories "
                f"({', '.join(c for c in CATEGORIES if c in _BELOW_CRISIS)})",
            )
        firm = entry.get("firm", False)
        if not isinstance(firm, bool):
            problem(line, name, "`firm` is true or false")
        elif firm and context is False:
            problem(
                line,
                name,
                "`firm: true` stops the backstop where this is a benign context, "
                "and `benign_context: false` says it is none",
            )
        elif firm:
            firm_lexicons[name] = line

    known = set(lexicons) | {DOSE_AMOUNT}
    shared = _category_unless(doc.get("category_unless"), known, file, top, problems)
    rules: list[Rule] = []
    seen: set[str] = set()
    for raw in _list(doc.get("rules"), file, top, "rules", problems, required=True):
        entry = _entry(raw, _RULE_FIELDS, file, problems)
        if entry is not None:
            rule = _parse_rule(entry, known, seen, file, problems)
            if rule is not None:
                extra = tuple(n for n in shared.get(rule.category, ()) if n not in rule.unless)
                rules.append(replace(rule, unless=rule.unless + extra) if extra else rule)

    replies: dict[str, ReplyText] = {}
    moments: dict[str, list[ReplyText]] = {}
    for raw in _list(doc.get("replies"), file, top, "replies", problems, required=True):
        entry = _entry(raw, _REPLY_FIELDS, file, problems)
        if entry is not None:
            reply = _parse_reply(entry, file, problems, topics, passages)
            if reply is not None and reply.when:
                # An after- text for one moment ("she's awake now"): the lexicons must exist.
                missing = [name for name in reply.when if name not in lexicons]
                if missing:
                    for name in missing:
                        problem(entry.line, name, "`when` names no lexicon under `lexicons:`")
                elif entry.get("rule") is not None:
                    problem(entry.line, reply.when[0], "a reply has `when` or `rule`, not both")
                else:
                    moments.setdefault(reply.category, []).append(reply)
            elif reply is not None:
                key = reply.category
                rule_id = entry.get("rule")
                if rule_id is not None:
                    # A reply for one rule's verdicts ("someone else's medicine" is buying, but
                    # the words for it differ), or one support rule's text (grief): the rule must
                    # exist, in the reply's category.
                    owner = next((r for r in rules if r.id == rule_id), None)
                    if owner is None:
                        problem(entry.line, str(rule_id), "`rule` names no rule under `rules:`")
                    elif owner.category != reply.category:
                        problem(
                            entry.line,
                            str(rule_id),
                            f"`rule` names a rule of {owner.category}, not {reply.category}",
                        )
                    key = RULE_REPLY_PREFIX + str(rule_id)
                if key in replies:
                    problem(entry.line, key, "duplicate reply for this category or rule")
                replies[key] = reply
    used = {r.category for r in rules}
    for category in RULE_CATEGORIES:
        if rules and category not in replies and (category in CATEGORIES or category in used):
            problem(top, category, "no reply text for this category under `replies:`")

    notes: dict[str, str] = {}
    markers: dict[str, frozenset[str]] = {}
    ask_english: dict[str, str] = {}
    urgent: dict[str, dict[str, str]] = {}
    for raw in _list(doc.get("languages"), file, top, "languages", problems):
        entry = _entry(raw, _LANGUAGE_FIELDS, file, problems)
        if entry is None:
            continue
        lang, note = entry.get("id"), entry.get("note")
        if lang not in LANGUAGES:
            problem(entry.line, str(lang), f"unknown language (one of: {', '.join(LANGUAGES)})")
        elif not isinstance(note, str) or not note.strip():
            problem(entry.line, lang, "`note` must be non-empty text")
        else:
            notes[lang] = " ".join(note.split())
            words = entry.get("markers", [])
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                problem(entry.line, lang, "`markers` must be a list of words")
            elif words and lang != "en":
                markers[lang] = frozenset(
                    t for w in words for t in fold(w).tokens if not _english_look_alike(w, t)
                )
            ask = entry.get("ask_in_english")
            if ask is not None and (not isinstance(ask, str) or not ask.strip()):
                problem(entry.line, lang, "`ask_in_english` must be non-empty text")
            elif ask is not None and lang != "en":
                ask_english[lang] = " ".join(ask.split())
            lines: dict[str, str] = {}
            for key in (*URGENT_LINES, CRISIS_OTHER_LINE, "local_number"):
                text = entry.get(key)
                if text is None:
                    continue
                if not isinstance(text, str) or not text.strip():
                    problem(entry.line, lang, f"`{key}` must be non-empty text")
                else:
                    lines[key] = " ".join(text.split())
            if any(
                "{emergency}" in lines.get(k, "") for k in (*URGENT_LINES, CRISIS_OTHER_LINE)
            ) and ("local_number" not in lines):
                problem(
                    entry.line,
                    lang,
                    "`local_number` is needed where a line says {emergency}: its words for "
                    '"your local emergency number", for readers in a country with no number listed',
                )
            if lines and lang != "en":
                urgent[lang] = lines

    if any(p.severity == "error" for p in problems):
        return Rules(), problems
    ordered = tuple(sorted(rules, key=lambda r: _RANK[r.category]))  # stable: file order kept
    # A lexicon only an after- text reads (`when:`) is not looked for in every message: it is
    # compiled apart, for the few messages of a conversation after an emergency or crisis reply.
    read = {n for r in rules for group in r.when for n in group}
    read |= {n for r in rules for n in (*r.unless, *(name for name, _ in r.score))}
    read |= {n for names in shared.values() for n in names} | BACKSTOP_LEXICONS
    apart = {name for texts in moments.values() for t in texts for name in t.when} - read
    compiled = Lexicons(
        {k: v for k, v in lexicons.items() if k not in apart}, fuzzy=fuzzy, exempt=exempt
    )
    moment_lexicons = Lexicons({k: v for k, v in lexicons.items() if k in apart})
    needs = tuple(
        any(DOSE_AMOUNT in group for group in r.when) or any(n == DOSE_AMOUNT for n, _ in r.score)
        for r in ordered
    )
    benign = {
        name: frozenset(
            n
            for r in ordered
            if r.category == name
            for n in r.unless
            if name in contexts.get(n, _BELOW_CRISIS)
        )
        | {n for n, listed in contexts.items() if name in listed}  # declared, used or not
        for name in CATEGORIES
        if name in _BELOW_CRISIS
    }
    firm = {
        name: frozenset(n for n in contexts_of if n in firm_lexicons)
        for name, contexts_of in benign.items()
    }
    for name, line in firm_lexicons.items():
        if not any(name in contexts_of for contexts_of in benign.values()):
            problem(
                line,
                name,
                "`firm: true` needs a category it is benign context for: list it under a "
                "rule's `unless` or name the category in `benign_context`",
            )
    if any(p.severity == "error" for p in problems):
        return Rules(), problems
    index = _index(ordered)
    found = Rules(
        ordered,
        compiled,
        replies,
        notes,
        markers,
        index,
        needs,
        None,
        benign,
        firm,
        ask_english,
        {category: tuple(texts) for category, texts in moments.items()},
        moment_lexicons,
        urgent,
    )
    return found, problems


def backstop_problems(rules: Rules, file: str) -> list[Problem]:
    """The lexicons the backstop's gate and softening need (`BACKSTOP_LEXICONS`) that the rules
    do not define: a renamed lexicon would otherwise quietly narrow what the model may catch."""
    names = frozenset(rules.lexicons.names) if rules.lexicons is not None else frozenset()
    return [
        Problem(
            file,
            1,
            name,
            "the learned backstop (safety-backstop.json) needs this lexicon, and no lexicon has "
            "this id: restore it, or rename it in bot/safety.py too",
        )
        for name in sorted(BACKSTOP_LEXICONS - names)
    ]


def _category_unless(
    value: Any, known: set[str], file: str, line: int, problems: list[Problem]
) -> dict[str, tuple[str, ...]]:
    """`category_unless:`, category -> lexicon ids added to the `unless` of every rule of that
    category ("acquisition: [news-names, report-dealer]"), so a new rule cannot forget them."""
    if value is None:
        return {}
    line = getattr(value, "line", line)
    if not isinstance(value, dict):
        message = "`category_unless` must map categories to lists of lexicon ids"
        problems.append(Problem(file, line, "category_unless", message))
        return {}
    shared: dict[str, tuple[str, ...]] = {}
    for category, raw in value.items():
        names = _names(raw)
        if category not in RULE_CATEGORIES:
            message = f"unknown category {category!r} (one of: {', '.join(RULE_CATEGORIES)})"
            problems.append(Problem(file, line, "category_unless", message))
        elif names is None:
            message = f"{category}: expected a list of lexicon ids"
            problems.append(Problem(file, line, "category_unless", message))
        else:
            for name in names:
                if name not in known or name == DOSE_AMOUNT:
                    message = f"{category}: unknown lexicon {name!r}"
                    problems.append(Problem(file, line, "category_unless", message))
            shared[str(category)] = names
    return shared


def _list(
    value: Any, file: str, line: int, key: str, problems: list[Problem], *, required: bool = False
) -> list[Any]:
    if value is None:
        if required:
            problems.append(Problem(file, line, "-", f"missing `{key}:` list"))
        return []
    if not isinstance(value, list):
        problems.append(Problem(file, line, "-", f"`{key}` must be a list"))
        return []
    return value


def _entry(raw: Any, allowed: set[str], file: str, problems: list[Problem]) -> LineDict | None:
    if not isinstance(raw, LineDict):
        problems.append(Problem(file, 0, "?", f"expected a mapping, got {type(raw).__name__}"))
        return None
    name = str(raw.get("id", raw.get("category", "?")))
    for key in sorted(set(raw) - allowed):
        problems.append(
            Problem(
                file,
                raw.line,
                name,
                f"unknown field `{key}` (allowed: {', '.join(sorted(allowed))})",
            )
        )
    return raw


def _names(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str) and value.strip():
        return (value.strip(),)
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    return None


def _parse_rule(
    entry: LineDict, known: set[str], seen: set[str], file: str, problems: list[Problem]
) -> Rule | None:
    rule_id, line = entry.get("id"), entry.line
    shown = str(rule_id) if rule_id else "?"
    before = len(problems)

    def problem(message: str) -> None:
        problems.append(Problem(file, line, shown, message))

    if not isinstance(rule_id, str) or not rule_id.strip():
        problem("missing `id`")
    elif rule_id in seen:
        problem("duplicate rule id")
    else:
        seen.add(rule_id)
    category = entry.get("category")
    if category not in RULE_CATEGORIES:
        problem(f"unknown category {category!r} (one of: {', '.join(RULE_CATEGORIES)})")
    when: list[tuple[str, ...]] = []
    score, threshold = _parse_score(entry, problem)
    raw_when = entry.get("when")
    if raw_when is None and score:
        raw_when = []
    elif not isinstance(raw_when, list) or not raw_when:
        problem("`when` must list one or more lexicon ids (an item may be a list: any of them)")
        raw_when = []
    for item in raw_when:
        group = _names(item)
        if group is None:
            problem(f"`when` item {item!r} must be a lexicon id or a list of ids")
        else:
            when.append(group)
    raw_unless = entry.get("unless", [])
    unless = _names(raw_unless) if raw_unless else ()
    if unless is None or isinstance(raw_unless, str):
        problem("`unless` must be a list of lexicon ids")
        unless = ()
    for name in [*(n for g in when for n in g), *unless, *(n for n, _ in score)]:
        if name not in known:
            problem(f"unknown lexicon {name!r}")
    within = entry.get("within")
    if within is not None and (
        not isinstance(within, int) or isinstance(within, bool) or within < 0
    ):
        problem("`within` must be a whole number of words (0 or more)")
    lang = entry.get("lang", "en")
    if lang not in LANGUAGES:
        problem(f"unknown lang {lang!r} (one of: {', '.join(LANGUAGES)})")
    firm = entry.get("firm", False)
    if not isinstance(firm, bool):
        problem("`firm` is true or false")
    elif firm and category not in CATEGORIES:
        problem(
            "`firm` is for redirect rules (never vetoed; emergency and crisis: never softened),"
            " not support rules"
        )
    if len(problems) > before:
        return None
    return Rule(
        str(rule_id),
        str(category),
        tuple(when),
        within,
        unless,
        str(lang),
        score,
        threshold,
        firm is True,
    )


def _parse_score(
    entry: LineDict, problem: Callable[[str], None]
) -> tuple[tuple[tuple[str, int], ...], int]:
    """`score` (lexicon id → whole-number weight, not 0) and `threshold` (above 0, reachable)."""
    raw_score, raw_threshold = entry.get("score"), entry.get("threshold")
    if raw_score is None and raw_threshold is None:
        return (), 0
    if not isinstance(raw_score, dict) or not raw_score:
        problem("`score` must map lexicon ids to weights (whole numbers, negative for benign)")
        return (), 0
    score: list[tuple[str, int]] = []
    for name, weight in raw_score.items():
        if not isinstance(weight, int) or isinstance(weight, bool) or weight == 0:
            problem(f"`score` weight of {name!r} must be a whole number other than 0")
        else:
            score.append((str(name), weight))
    if not isinstance(raw_threshold, int) or isinstance(raw_threshold, bool) or raw_threshold < 1:
        problem("a scored rule needs `threshold`: a whole number, 1 or more")
        return tuple(score), 0
    if sum(w for _, w in score if w > 0) < raw_threshold:
        problem(f"`threshold` {raw_threshold} can never be reached by the weights in `score`")
    return tuple(score), raw_threshold


def _parse_reply(
    entry: LineDict,
    file: str,
    problems: list[Problem],
    topics: frozenset[str] | None = None,
    passages: frozenset[str] = frozenset(),
) -> ReplyText | None:
    category, line = entry.get("category"), entry.line
    shown = str(category)
    before = len(problems)

    def problem(message: str) -> None:
        problems.append(Problem(file, line, shown, message))

    if category not in REPLY_CATEGORIES:
        problem(f"unknown category {category!r} (one of: {', '.join(REPLY_CATEGORIES)})")
    lead = entry.get("lead")
    if not isinstance(lead, list) or not lead or not all(isinstance(p, str) for p in lead):
        problem("`lead` must list one or more paragraphs")
        lead = []
    paragraphs = tuple(" ".join(p.split()) for p in lead)
    for paragraph in paragraphs:
        amount = find_dose_amount(paragraph)
        if amount:
            problem(f"reply text states a dose amount ({amount!r})")
        for brace in _braces(paragraph):
            if brace not in PLACEHOLDERS:
                problem(f"unknown placeholder {brace} (allowed: {', '.join(PLACEHOLDERS)})")
    quotes = None
    raw_quotes = entry.get("quotes")
    if raw_quotes is not None:
        if not isinstance(raw_quotes, LineDict):
            problem("`quotes` must be a mapping with `topic`, `query` and `max`")
        else:
            for key in sorted(set(raw_quotes) - _QUOTE_FIELDS):
                problem(f"unknown field `quotes.{key}`")
            topic, query, most = (
                raw_quotes.get("topic"),
                raw_quotes.get("query", ""),
                raw_quotes.get("max", 1),
            )
            if not isinstance(topic, str) or not topic:
                problem("`quotes.topic` must be a topic id")
            if not isinstance(query, str):
                problem("`quotes.query` must be text")
            if not isinstance(most, int) or isinstance(most, bool) or not 1 <= most <= 3:
                problem("`quotes.max` must be 1, 2 or 3")
            use_message = raw_quotes.get("use_message", False) is True
            base = str(category).removeprefix(AFTER_PREFIX)
            if base in NO_QUOTES or str(category).startswith(SUPPORT_PREFIX):
                problem(
                    "no `quotes` for crisis, acquisition or support replies: kindness and help only"
                )
            if len(problems) == before:
                quotes = QuoteSpec(str(topic), str(query), int(most), use_message)
    withhold: list[str] = []
    raw_withhold = entry.get("withhold")
    if raw_withhold is not None:
        if str(category) not in {
            *(AFTER_PREFIX + c for c in (*CONCERNS, CRISIS_OTHER, EMERGENCY_SELF)),
            *(SUPPORT_PREFIX + c for c in CONCERNS),
        }:
            problem("`withhold` belongs to an after- or support- reply for an emergency or crisis")
        elif not isinstance(raw_withhold, list) or not all(
            isinstance(t, str) and t for t in raw_withhold
        ):
            problem("`withhold` must list topic ids")
        else:
            withhold = list(raw_withhold)
    when = entry.get("when")
    if when is not None:
        if str(category) not in {
            *(AFTER_PREFIX + c for c in (*CONCERNS, CRISIS_OTHER, EMERGENCY_SELF)),
            *CATEGORIES,
        }:
            problem(
                "`when` belongs to an after- reply for an emergency or crisis, or to an "
                "emergency, crisis, dosing, acquisition or mixing reply"
            )
        elif not (
            (isinstance(when, str) and when)
            or (
                isinstance(when, list)
                and when
                and all(isinstance(name, str) and name for name in when)
            )
        ):
            problem("`when` must be a lexicon id, or a list of them")
    urgent = entry.get("urgent", False)
    if urgent is not False:
        if urgent is not True:
            problem("`urgent` must be true or false")
        elif when is None or not str(category).startswith(AFTER_PREFIX):
            problem("`urgent: true` belongs to an after- text for a moment (`when:`)")
    after = entry.get("after", True)
    if after is not True:
        if after is not False:
            problem("`after` must be true or false")
        elif str(category) not in CONCERNS or entry.get("rule") is None:
            problem("`after: false` belongs to a rule's own emergency or crisis reply")
    if len(problems) > before:
        return None
    # A topic missing from topics.yaml only means nothing is quoted or withheld: a warning.
    named = {*([quotes.topic] if quotes else []), *(w for w in withhold if w not in passages)}
    for topic in sorted(named - topics if topics is not None else ()):
        warning = (
            f"unknown topic {topic!r} (not in topics.yaml): nothing of it is quoted or withheld"
        )
        problems.append(Problem(file, line, shown, warning, "warning"))
    return ReplyText(
        str(category),
        paragraphs,
        quotes,
        frozenset(withhold),
        (when,) if isinstance(when, str) else tuple(when or ()),
        urgent is True,
        after is not False,
    )


def _braces(text: str) -> list[str]:
    out, start = [], text.find("{")
    while start != -1:
        end = text.find("}", start)
        out.append(text[start : end + 1] if end != -1 else text[start:])
        start = text.find("{", end if end != -1 else len(text))
    return out
