"""The reply to a message the safety layer caught: kind words, real help, sourced facts.

The lead comes from the category's reply text in safety.yaml, or the rule's own where it has one
(`rule:` under `replies:`; {emergency} becomes the region's emergency number), the resources
from resources.yaml for the person's region, and the quotes from the knowledge base itself: a
search restricted to one topic (first aid for an emergency, mixing warnings for mixing, one safety
fact for dosing; never for crisis or acquisition). Quotes go through bot.compose, so a passage
with a dose amount is never quoted here either.

`with_support` is the softer reply: the answer itself, then the concern's support text and its
resources, for a message answered despite a concern (see bot.safety.assess).

`after` is the reply to a later message of a conversation that had an emergency or crisis reply,
when it tells rather than asks or the knowledge base has no answer to it ("yeah", "what do i do
now", "no one would care"): not a quote or a list of topics, but the after-<concern> text, the
help again and (for an emergency) first aid.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from bot import resource, safety
from bot.compose import FOOTER, compose_answer
from bot.models import (
    AFTER_PREFIX,
    CONCERNS,
    CONTINUED,
    CRISIS_OTHER,
    EMERGENCY_SELF,
    NO_QUOTES,
    SUPPORT_PREFIX,
    Hit,
    Quote,
    Reply,
    Source,
)
from bot.retrieval import Index, Query

# When safety.yaml has no text for a support reply (a folder of one's own).
SUPPORT_LEAD = {
    "crisis": "If things feel heavy right now, you don't have to carry them alone: "
    "the people below are free to talk to, at any hour.",
    "emergency": "If someone is hard to wake, breathing slowly or not responding, "
    "call {emergency} now and stay with them.",
    "dependence": "If you're worried about your use, or someone else's, a doctor can help, and so "
    "can the service below: free, confidential and without judgement.",
}
# When safety.yaml has no after-<concern> text.
AFTER_LEAD = {
    "crisis": "I'm still here. I can only share sourced information about ketamine, so I can't "
    "talk this through the way a person can; the people below can, right now, for free. "
    "If you might act on these thoughts, call {emergency}.",
    "emergency": "If someone is still hard to wake, breathing slowly or not responding, call "
    "{emergency} now and stay with them.",
    "dosing": "I can't give amounts or timings for anyone, in any situation: only a clinician who "
    "knows the person can. The people below give free, confidential advice.",
    "acquisition": "I can't help with getting ketamine, wherever or however. For treatment, a "
    "doctor is the place to start; the people below give free, confidential advice.",
}
LOCAL_TOPICS = frozenset({"getting-help"})  # services differ by country: quote only local ones
Weight = Callable[[Query], Callable[[str], float]]


@dataclass(frozen=True)
class Redirector:
    """Everything a redirect needs, fixed when the Engine is built."""

    rules: safety.Rules
    directory: resource.Directory
    index: Index
    sources: Mapping[str, Source]
    weight: Weight

    def reply(self, verdict: safety.Verdict, question: str, region: str | None) -> Reply:
        """The redirect's text: the rule's own, else the category's text for a moment the
        message matches (`when:`, a patient's own prescription), else the category's."""
        text = (
            self.rules.replies.get(safety.RULE_REPLY_PREFIX + verdict.rule)
            or self._moment(verdict.category, question)
            or self.rules.replies.get(verdict.category)
        )
        if verdict.other:  # a crisis about someone else: words for the person worried about them
            text = self.rules.replies.get(CRISIS_OTHER, text)
        number = self.directory.emergency_number(region)
        lead = [p.replace("{emergency}", number) for p in (text.lead if text else ())]
        if not lead:
            lead = [f"I can't help with that here, but people can. In an emergency, call {number}."]
        note = self.rules.notes.get(verdict.lang) if verdict.lang != "en" else None
        if note:
            lead.append(note)
        first = self._in_language(verdict.category, verdict.lang, number, other=verdict.other)
        if first:
            lead.insert(0, first)
        quotes: tuple[Quote, ...] = ()
        if text is not None and text.quotes is not None and verdict.category not in NO_QUOTES:
            quotes = self._quotes(text.quotes, question, region)
        return Reply(
            kind="redirect",
            category=verdict.category,
            lead=tuple(lead),
            quotes=quotes,
            resources=self.directory.pick(verdict.category, region),
            footer=FOOTER,
        )

    def moment_of(self, verdict: safety.Verdict, question: str) -> str | None:
        """The moment whose text `reply` chose for this verdict (the first lexicon id of its
        `when:`), or None (the rule's own text, or the category's)."""
        if safety.RULE_REPLY_PREFIX + verdict.rule in self.rules.replies:
            return None
        text = self._moment(verdict.category, question)
        return text.when[0] if text is not None and text.when else None

    def followed(self, verdict: safety.Verdict) -> bool:
        """Whether what is said after this emergency or crisis redirect is read as after one (the
        conversation's concern), not as usual (a rule's own reply marked `after: false`)."""
        own = self.rules.replies.get(safety.RULE_REPLY_PREFIX + verdict.rule)
        return own is None or own.after

    def with_support(self, reply: Reply, concern: str, region: str | None, rule: str = "") -> Reply:
        """`reply` (an answer, a no-answer or a courtesy reply) with where help is for `concern`
        (SUPPORTS): the support text of the support `rule` that fired when it has its own."""
        text = self._support_text(concern, rule)
        number = self.directory.emergency_number(region)
        care = text.lead if text else (SUPPORT_LEAD[concern],)
        return replace(
            reply,
            care=tuple(p.replace("{emergency}", number) for p in care),
            # a rule's own words ("I'm so sorry", what to do for a friend in a k-hole) come
            # before the answer; the general support line after it
            care_first=self._own_text(concern, rule) is not None,
            resources=self.directory.pick(concern, region),
            support=concern,
        )

    def unsuggested(self, concern: str, rule: str = "") -> frozenset[str]:
        """Topics not offered as suggestions beside the support text for `concern` (and `rule`),
        nor quoted to a message that only tells (how ketamine kills, or is combined, beside the
        crisis lines)."""
        text = self._support_text(concern, rule)
        return text.withhold if text else frozenset()

    def own(self, concern: str, rule: str) -> bool:
        """Whether the support `rule` has its own support text for `concern` (grief's words)."""
        return self._own_text(concern, rule) is not None

    def _own_text(self, concern: str, rule: str) -> safety.ReplyText | None:
        """The support `rule`'s own text, when it has one for `concern` ("i need help" always
        gets the crisis lines, whatever rule fired)."""
        own = self.rules.replies.get(safety.RULE_REPLY_PREFIX + rule) if rule else None
        return own if own is not None and own.category == SUPPORT_PREFIX + concern else None

    def _support_text(self, concern: str, rule: str) -> safety.ReplyText | None:
        """The support text for `concern`: the rule's own, else the concern's."""
        own = self._own_text(concern, rule)
        return own if own is not None else self.rules.replies.get(SUPPORT_PREFIX + concern)

    def after(
        self,
        concern: str,
        question: str,
        region: str | None,
        lang: str = "en",
        *,
        for_other: bool = False,
        own: bool = False,
        moment: str | None = None,
    ) -> Reply:
        """The reply to a message after an emergency or crisis reply (`concern`, CONCERNS) that
        the knowledge base cannot answer, or that says it again, or right after a dosing or
        buying redirect (CONTINUED) to one it cannot answer: a redirect of that category, with
        its after- text (and the line that answers are in English, for `lang`); after a crisis
        reply for someone worried about another person (`for_other`), the after- text for them;
        after an emergency that is the writer's own overdose taken meaning to die (`own`), the
        after- text said to them; right after a redirect whose text was for a `moment` (a
        patient's own prescription), that text again."""
        text = self._after_text(concern, for_other, own)
        if concern in CONTINUED:
            # ...a patient's words again ("im asking cos mine got increased, is that normal"
            # after the dosing reply for a prescription), or after them ("can i take an extra
            # one at home if i feel bad"): the category's text for them
            text = self._moment(concern, question) or self._named(concern, moment) or text
        return self._after_reply(concern, text, question, region, lang)

    def after_moment(
        self,
        concern: str,
        question: str,
        region: str | None,
        lang: str = "en",
        *,
        for_other: bool = False,
        own: bool = False,
        urgent: bool = False,
        calm: bool = False,
    ) -> Reply | None:
        """The after- reply for a moment of the conversation, else None: the text of the first of
        the after- category's `when:` lexicons that `question` (a message the rules let through)
        matches. "she's awake now" or "thank you" after an emergency reply is not sent the whole
        of it again, nor "ok i'll call them" after a crisis reply. `urgent`: the message is the
        concern said again, so only a text marked `urgent` will do; `calm`: no emergency or crisis
        reply came before, so only a text not marked `urgent` will (what to keep watching for,
        not CPR for "my lips are blue from the blue raspberry slushie")."""
        text = self._after_text(concern, for_other, own)
        found = self._moment(text.category, question, urgent, calm) if text else None
        if own and found is None:
            # (the writer's own emergency keeps the emergency's other moments)
            found = self._moment(AFTER_PREFIX + concern, question, urgent, calm)
        return self._after_reply(concern, found, question, region, lang) if found else None

    def _after_reply(
        self,
        concern: str,
        text: safety.ReplyText | None,
        question: str,
        region: str | None,
        lang: str,
    ) -> Reply:
        number = self.directory.emergency_number(region)
        lead = [
            p.replace("{emergency}", number)
            for p in (text.lead if text else (AFTER_LEAD[concern],))
        ]
        note = self.rules.notes.get(lang) if lang != "en" else None
        if note:
            lead.append(note)
        quotes: tuple[Quote, ...] = ()
        if text is not None and text.quotes is not None and concern not in NO_QUOTES:
            quotes = self._quotes(text.quotes, question, region)
        return Reply(
            kind="redirect",
            category=concern,
            lead=tuple(lead),
            quotes=quotes,
            resources=self.directory.pick(concern, region),
            footer=FOOTER,
        )

    def _moment(
        self, category: str, message: str, urgent: bool = False, calm: bool = False
    ) -> safety.ReplyText | None:
        """The first of `category`'s texts for a moment whose lexicon `message` matches (of those
        marked `urgent`, if `urgent`; of those not, if `calm`)."""
        texts = tuple(
            t
            for t in self.rules.moments.get(category, ())
            if (t.urgent or not urgent) and not (calm and t.urgent)
        )
        if not texts:
            return None
        found = safety.found(message, self.rules)
        return next((t for t in texts if not found.isdisjoint(t.when)), None)

    def _named(self, category: str, moment: str | None) -> safety.ReplyText | None:
        """`category`'s text for the moment `moment` (a lexicon id of its `when:`), or None."""
        if moment is None:
            return None
        return next((t for t in self.rules.moments.get(category, ()) if moment in t.when), None)

    def withheld(
        self, concern: str, *, for_other: bool = False, own: bool = False
    ) -> frozenset[str]:
        """Topics not answered after a reply for `concern`: the after- reply is given instead."""
        text = self._after_text(concern, for_other, own)
        return text.withhold if text else frozenset()

    def _after_text(
        self, concern: str, for_other: bool, own: bool = False
    ) -> safety.ReplyText | None:
        """The after- text for `concern`: for someone worried about another person's crisis,
        "after-crisis-other" when safety.yaml has one; for the writer's own overdose taken
        meaning to die, "after-emergency-self"."""
        text = self.rules.replies.get(AFTER_PREFIX + concern)
        if for_other and concern == "crisis":
            text = self.rules.replies.get(AFTER_PREFIX + CRISIS_OTHER, text)
        if own and concern == "emergency":
            text = self.rules.replies.get(AFTER_PREFIX + EMERGENCY_SELF, text)
        return text

    def _in_language(
        self, category: str, lang: str, number: str, *, other: bool = False
    ) -> str | None:
        """The first line of an emergency or crisis reply in the message's language, before
        the English ("Llama al 112 ahora ..."), with the one number to call: the first of "112
        or 999", or the language's words for a local emergency number where none is known. For
        a crisis about someone else (`other`), the language's line for the person worried about
        them, where it has one."""
        lines = self.rules.urgent.get(lang, {}) if category in safety.URGENT_LINES else {}
        line = lines.get(category)
        if other and category == CONCERNS[1]:
            line = lines.get(safety.CRISIS_OTHER_LINE, line)
        if line is None:
            return None
        first = number.split(" or ")[0]
        if not first[:1].isdigit():
            first = lines.get("local_number", first)
        return line.replace("{emergency}", first)

    def _quotes(
        self, spec: safety.QuoteSpec, question: str, region: str | None
    ) -> tuple[Quote, ...]:
        queries = [question, spec.query] if spec.use_message else [spec.query]
        for text in queries:
            if not text.strip():
                continue
            query = self.index.query(text)
            # Only the topic's passages (the same hits as filtering a search of them all).
            found = self.index.search(query, k=self.index.size, topic=spec.topic)
            hits = [h for h in found if _fits(h, spec, region)]
            quotes = compose_answer(hits, self.sources, self.weight(query))[: spec.max]
            if quotes:
                return quotes
        return ()


def _fits(hit: Hit, spec: safety.QuoteSpec, region: str | None) -> bool:
    passage = hit.passage
    if passage.topic != spec.topic:
        return False
    if passage.topic in LOCAL_TOPICS and passage.region not in (None, "intl", region):
        return False
    return True
