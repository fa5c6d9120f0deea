"""A paragraph's lead phrase ("Recalling also", "Requests the Secretary-General") and its verb."""

from __future__ import annotations

import re

# Adverbs that may open or follow the lead word without being it ("Deeply concerned", "Also requests")
ADVERBS = frozenset(
    "also further furthermore again once deeply strongly gravely firmly seriously fully urgently "
    "warmly highly sincerely particularly especially equally likewise moreover additionally "
    "expressly most very profoundly greatly duly".split()
)
# Verbs as they open UN paragraphs, base forms; the lemma of an inflected lead word is looked up here
VERBS = frozenset(
    "accept acknowledge adopt affirm agree alarm appeal applaud appreciate approve assert assure "
    "authorize bear believe call commend concur condemn confirm consider decide declare deplore "
    "designate direct draw emphasize encourage endorse establish examine express extend "
    "guide have highlight invite keep look mandate note notice observe proclaim promote "
    "reaffirm realize recall receive recognize recommend reconfirm regret reiterate reject remind "
    "renew request resolve reaffirm seek stress strengthen support take underline underscore "
    "urge welcome acknowledge commit convene demand determine elect encourage further "
    "invite maintain pay recognise emphasise authorise realise apologize act hear study recommit "
    "re-emphasize re-emphasise respond continue instruct refer wish grieve remain reiterate "
    "deplore condemn demand resolve appropriate congratulate honour share insist".split()
)
ADJECTIVES = frozenset(
    "aware concerned conscious convinced mindful alarmed cognizant determined desirous "
    "grateful pleased satisfied disturbed shocked appalled dismayed encouraged "
    "gratified resolved seized committed".split()
)
ADDRESSEES = (
    "the Secretary-General",
    "all Member States",
    "Member States",
    "all States",
    "States",
    "the international community",
    "Governments",
    "all Governments",
    "the United Nations system",
    "the Security Council",
    "all parties",
)
PARTICLES = {
    "call": ("upon", "on"),
    "take": ("note of", "note", "into account"),
    "bear": ("in mind",),
}
IRREGULAR = {"heard": "hear", "taken": "take", "given": "give", "made": "make", "held": "hold"}
_WORD = re.compile(r"[A-Za-z’'-]+")


def lead_and_verb(text: str, kind: str) -> tuple[str | None, str | None]:
    """Only preambular and operative paragraphs open with a lead; subparagraphs and footnotes don't."""
    if kind not in ("preambular", "operative"):
        return None, None
    words = _WORD.findall(text[:200])
    if not words or not words[0][:1].isupper():
        return None, None
    index = 1 if words[0] in ("We", "To") and len(words) > 1 else 0  # declarations, mandates
    while index < len(words) - 1 and words[index].lower() in ADVERBS:
        index += 1
    head = words[index]
    if head.lower() == "having" and index + 1 < len(words):  # "Having considered"
        index += 1
        while index < len(words) - 1 and words[index].lower() in ADVERBS:
            index += 1
        head = words[index]
    verb = lemma(head)
    if verb is None:
        return None, None
    lead_words = words[: index + 1]
    rest = text[text.find(head) + len(head) :].lstrip()
    for particle in PARTICLES.get(verb, ()):
        if rest.startswith(particle + " ") or rest == particle:
            lead_words.append(particle)
            verb = f"{verb} {particle.split()[0]}" if verb == "call" else f"{verb} {particle}"
            rest = rest[len(particle) :].lstrip()
            break
    following = rest.split(" ", 1)[0].rstrip(",") if rest else ""
    if following.lower() in ("also", "further", "again"):
        lead_words.append(following)
        rest = rest[len(following) :].lstrip(" ,")
    if kind == "operative":
        addressee = next((a for a in ADDRESSEES if re.match(re.escape(a) + r"\b", rest)), None)
        if addressee:
            lead_words.append(addressee)
    return " ".join(lead_words), verb.replace("note of", "note")


def lemma(word: str) -> str | None:
    """'Requests' -> 'request', 'Recalling' -> 'recall', 'Noting' -> 'note'; adjectives as they are."""
    lower = word.lower()
    lower = IRREGULAR.get(lower, lower)
    if lower in ADJECTIVES:
        return lower
    candidates = [lower]
    if lower.endswith("ies"):
        candidates.append(lower[:-3] + "y")
    if lower.endswith("ied"):
        candidates.append(lower[:-3] + "y")
    if lower.endswith("es"):
        candidates.append(lower[:-2])
    if lower.endswith("s"):
        candidates.append(lower[:-1])
    if lower.endswith("ing"):
        candidates += [lower[:-3], lower[:-3] + "e", lower[:-4]]
    if lower.endswith("ed"):
        candidates += [lower[:-2], lower[:-1], lower[:-3]]
    return next((c for c in candidates if c in VERBS), None)
