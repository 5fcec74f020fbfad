"""PLOVER event extraction: per sentence, with article context.

Design
------
1. **Candidates.**  A sentence is a candidate when it holds at least one linked actor mention and
   at least one trigger of the sentence language's lexicon (``data/lexicons/events/<lang>.tsv``;
   all lexicons together when the language is unknown or has no lexicon).  Matching is indexed
   by first token (see :mod:`newsgraph._triggers`), so a sentence costs a few dict look-ups.
2. **Type and mode.**  One main event per sentence (every sentence of the English dev set codes
   exactly one type, and clause-level multi-event extraction costs more precision than it gains).
   ``--fast``: among the trigger matches, the earliest one that has an actor before it (the main
   verb of an SVO clause; reported-speech frames and demands come before their complements),
   else the earliest; ties go to the most specific pattern.  Default mode: a linear classifier
   over multilingual-e5-small embeddings (``data/models/event_classifier.npz``, trained by
   ``scripts/train_events.py`` on ../shared/data/train only) re-ranks the types whose triggers
   fired: score = P(type | sentence) + :data:`LEXICAL_PRIOR` for the fast choice.  Only candidate
   sentences are embedded, and embeddings are cached by sentence text in-process.
   The mode is that of the most specific fired pattern of the chosen type.
3. **Roles** (:mod:`newsgraph._roles`): subject/object around the trigger, passive agents,
   reported speech, coordination (A and B -> two events), lexicon voice; a leading pronoun
   subject ("It", "They") takes the last actor of the previous sentences; unresolved
   ``reference`` mentions ("the bloc", "il Paese") take the most recent compatible actor.
4. **Attributes**: date (:func:`newsgraph.dates.resolve` against the article date, else the
   article date with day precision), place (:func:`newsgraph.places.resolve`), flags
   (:func:`newsgraph.flags.detect`), evidence and confidence.
5. **Merge**: events with the same type, source, target and flags in one article become one
   event keeping every evidence sentence (id from the first).

Measurements that chose this design are in the module's README section of the report and in
``scripts/eval_events.py`` (dev: ../shared/data/dev/plover_gold_en.jsonl, evaluation only).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import dates, flags, places
from ._resources import data_path
from ._roles import Span, assign, spans
from ._triggers import GAP, Lexicon, Match, Token, choose, find, load_lexicons, tokenize
from .errors import ResourceError
from .ontology import TYPES
from .records import Doc, Event, Evidence, Mention, Sentence

__all__ = ["EventModel", "extract", "extract_doc", "load_model"]

# Default mode: weight of the lexical (fast-mode) choice added to the classifier probability.
# Chosen on held-out synthetic training stories (scripts/train_events.py --report), not on dev.
LEXICAL_PRIOR = 0.25
# Reliability of a trigger never seen in the training stories (other languages, rare patterns):
# the median reliability of the English patterns seen at least MIN_FIRES times (train report).
DEFAULT_RELIABILITY = 0.5
# Score lost per token a trigger lies after the earliest post-subject trigger (see _triggers.choose);
# chosen on held-out training stories with scripts/train_events.py --report.
POSITION_PENALTY = 0.05
# Confidence of a fast-mode event: base for a single-word trigger, raised per extra pattern word.
FAST_CONFIDENCE = 0.5
FAST_CONFIDENCE_STEP = 0.1
# In-process embedding cache size (sentences); 3 KB articles hold ~5 candidate sentences, so this
# keeps a large batch's embeddings while bounding memory at ~150 MB of float32 vectors.
EMBED_CACHE = 100_000
# Confidence kept by a reference resolved from context (an ordinal discount, set by hand).
REFERENCE_CONFIDENCE = 0.8
# A pronoun subject looks back at most this many sentences for its antecedent.
PRONOUN_LOOKBACK = 2

# Intentions: cooperative material/verbal types become AGREE, conflictual material types THREATEN
# with the matching THREATEN mode (CAMEO 03 "express intent to ..." / 13 "threaten to ...").
INTENT_AGREE = frozenset({"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
INTENT_THREATEN: dict[str, dict[str, str | None]] = {
    "ASSAULT": {"": "violence"},
    "COERCE": {"": None, "arrest": "arrest", "restrict": "restrict", "curfew": "restrict", "martial-law": "restrict",
               "seize": "territory", "deport": "expel"},
    "SANCTION": {"": "relations", "expel": "expel"},
}

PRONOUNS = frozenset({"it", "they", "he", "she", "its", "their", "we", "esso", "essa", "ea", "el",
                      "он", "она", "они", "вони", "він", "вона", "on", "ona", "oni", "ella", "ellos",
                      "il", "elle", "ils", "elles", "er", "sie", "o", "onlar"})
IGO_WORDS = ("bloc", "alliance", "union", "organi", "blocul", "alleanza", "блок", "альянс", "sojusz",
             "bloque", "alianza", "l'alliance", "bündnis", "ittifak", "birlik", "التحالف", "الاتحاد")

MODEL_FILE = "event_classifier.npz"
WEIGHTS_FILE = "trigger_weights.tsv"


@dataclass(frozen=True)
class Classifier:
    weights: np.ndarray  # (DIM, n_labels) float32
    bias: np.ndarray  # (n_labels,)
    labels: tuple[str, ...]

    def proba(self, vecs: np.ndarray) -> np.ndarray:
        logits = vecs @ self.weights + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        out: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
        return out


@dataclass(frozen=True)
class EventModel:
    fast: bool
    lexicons: dict[str, Lexicon]
    classifier: Classifier | None
    weights: dict[tuple[str, str, str], float]  # (lang, type, pattern) -> trigger reliability
    cache: dict[str, np.ndarray] = field(default_factory=dict, compare=False, hash=False)


def load_classifier() -> Classifier:
    node = data_path("models", MODEL_FILE)
    try:
        with node.open("rb") as fh, np.load(fh, allow_pickle=False) as npz:
            weights = npz["weights"].astype(np.float32)
            bias = npz["bias"].astype(np.float32)
            labels = tuple(str(x) for x in npz["labels"])
    except (FileNotFoundError, OSError, KeyError, ValueError) as exc:
        raise ResourceError(f"event classifier newsgraph/data/models/{MODEL_FILE} unusable: {exc}") from exc
    if set(labels) - set(TYPES) or weights.shape[1] != len(labels):
        raise ResourceError(f"event classifier labels/shape mismatch: {labels}, {weights.shape}")
    return Classifier(weights, bias, labels)


@functools.cache
def load_model(fast: bool) -> EventModel:
    """Lexicons (every language) and, unless ``fast``, the embedding classifier."""
    return EventModel(fast, load_lexicons(), None if fast else load_classifier(), load_weights())


def load_weights() -> dict[tuple[str, str, str], float]:
    """Trigger reliabilities learnt by scripts/train_events.py (absent file: every trigger equal)."""
    node = data_path("models", WEIGHTS_FILE)
    if not node.is_file():
        return {}
    out: dict[tuple[str, str, str], float] = {}
    for line in node.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        try:
            out[(cols[0], cols[1], cols[2])] = float(cols[5])
        except (IndexError, ValueError) as exc:
            raise ResourceError(f"models/{WEIGHTS_FILE}: bad line {line!r}") from exc
    return out


# ----------------------------------------------------------------------------- type choice


@dataclass(frozen=True)
class _Candidate:
    sentence: Sentence
    lang: str | None
    tokens: list[Token]
    matches: list[Match]
    spans: list[Span]
    mentions: list[Mention]


def _lexicon(model: EventModel, lang: str | None) -> Lexicon:
    if lang and lang in model.lexicons:
        return model.lexicons[lang]
    return model.lexicons["*"]


def _fast_choice(model: EventModel, cand: _Candidate) -> Match:
    first_actor = min(s.start for s in cand.spans)
    for tok in cand.tokens[:3]:  # a leading pronoun subject counts as an actor ("It threatened X")
        if tok.text in PRONOUNS:
            first_actor = min(first_actor, tok.start)
            break
    return choose(cand.matches, first_actor, model.weights, DEFAULT_RELIABILITY, POSITION_PENALTY)


def _best_of_type(cand: _Candidate, etype: str, anchor: Match) -> Match:
    """The most specific match of ``etype`` (its mode), preferring ones near ``anchor``."""
    same = [m for m in cand.matches if m.trigger.type == etype]
    return max(same, key=lambda m: (m.trigger.words, m.trigger.mode is not None, -abs(m.head - anchor.head)))


def _embed_cached(model: EventModel, texts: list[str]) -> np.ndarray:
    from .embed import DIM, embed

    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    missing = [i for i, k in enumerate(keys) if k not in model.cache]
    if missing:
        uniq = list(dict.fromkeys(texts[i] for i in missing))
        vecs = embed(uniq)
        if len(model.cache) + len(uniq) > EMBED_CACHE:
            model.cache.clear()
        for text, vec in zip(uniq, vecs, strict=True):
            model.cache[hashlib.sha1(text.encode("utf-8")).hexdigest()] = vec
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([model.cache[k] for k in keys])


def _choose(model: EventModel, cands: list[_Candidate]) -> list[tuple[Match, Match, float]]:
    """Per candidate: (anchor match whose position gives the roles, match giving type and mode, confidence)."""
    fast = [_fast_choice(model, c) for c in cands]
    if model.classifier is None or not cands:
        return [
            (m, _best_of_type(c, m.trigger.type, m),
             min(1.0, FAST_CONFIDENCE + FAST_CONFIDENCE_STEP * (m.trigger.words - 1)))
            for c, m in zip(cands, fast, strict=True)
        ]
    clf = model.classifier
    probs = clf.proba(_embed_cached(model, [c.sentence.text for c in cands]))
    out = []
    for c, m, p in zip(cands, fast, probs, strict=True):
        fired = {x.trigger.type for x in c.matches}
        scores = {t: float(p[i]) + (LEXICAL_PRIOR if t == m.trigger.type else 0.0)
                  for i, t in enumerate(clf.labels) if t in fired}
        best = max(scores, key=lambda t: scores[t]) if scores else m.trigger.type
        anchor = m if best == m.trigger.type else min(
            (x for x in c.matches if x.trigger.type == best), key=lambda x: x.head)
        out.append((anchor, _best_of_type(c, best, anchor), float(p[clf.labels.index(best)])))
    return out


# ----------------------------------------------------------------------------- context


def _is_igo(code: str) -> bool:
    return not (len(code) == 3 and code.isalpha() and code.isupper()) or code == "IGO"


def _resolve_references(mentions: tuple[Mention, ...]) -> list[Mention]:
    """Give code-less ``reference`` ("the bloc", "il Paese", "țara") and ``office`` ("the foreign
    minister") mentions the code of the most recent compatible actor of the article: an IGO for
    organisation words, a state otherwise.  Unresolvable ones are dropped."""
    out: list[Mention] = []
    last_state: str | None = None
    last_igo: str | None = None
    for m in sorted(mentions, key=lambda x: x.start):
        if m.code is None and m.kind in ("reference", "office"):
            surface = m.surface.lower()
            code = last_igo if any(w in surface for w in IGO_WORDS) else last_state
            if code is None:
                continue
            m = Mention(m.article_id, m.sentence_index, m.start, m.end, m.surface, code, m.kind,
                        m.sector, m.confidence * REFERENCE_CONFIDENCE, m.person)
        elif m.code is not None:
            if _is_igo(m.code):
                last_igo = m.code
            else:
                last_state = m.code
        out.append(m)
    return out


def _pronoun_subject(cand: _Candidate, anchor: Match, previous: list[str | None]) -> str | None:
    if any(s.end <= anchor.start for s in cand.spans) or not previous:
        return None
    head_tokens = [t.text for t in cand.tokens[: anchor.head]]
    if any(t in PRONOUNS for t in head_tokens[:3]):
        return previous[-1]
    return None


# ----------------------------------------------------------------------------- extraction


def _core_end(match: Match, tokens: list[Token]) -> int:
    """End of the trigger's contiguous head ("urged" in "urg* ... release"): roles are read around it,
    so actors inside a gap ("urged Serbia to release") stay objects."""
    parts = match.trigger.parts
    n = parts.index(GAP) if GAP in parts else len(parts)
    return tokens[match.first + n - 1].end


def _intent(etype: str, mode: str | None, attrs: dict[str, Any]) -> tuple[str, str | None]:
    """A stated intention is a verbal event (PLOVER/CAMEO practice): "will send aid" is AGREE,
    "would attack" / "plans to expel" is THREATEN.  The future/hypothetical flags stay set."""
    if not (attrs["future"] or attrs["hypothetical"]) or attrs["negated"]:
        return etype, mode
    if etype in INTENT_AGREE:
        return "AGREE", None
    if etype in INTENT_THREATEN:
        return "THREATEN", INTENT_THREATEN[etype].get(mode or "", INTENT_THREATEN[etype][""])
    return etype, mode


def _event_id(article_id: str, etype: str, source: str | None, target: str | None, sent: int) -> str:
    raw = f"{article_id}|{etype}|{source}|{target}|{sent}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _attributes(sentence: Sentence, lang: str | None, anchor_date: dt.date | None,
                start: int, end: int) -> dict[str, Any]:
    ref = dates.resolve(sentence.text, lang, anchor_date)
    when: dt.date | None
    precision: str | None
    if ref is not None:
        when, precision = ref.date, ref.precision
    else:
        when, precision = anchor_date, ("day" if anchor_date else None)
    place = places.resolve(sentence.text, lang)
    fl = flags.detect(sentence.text, lang, start, end, anchor_date, when)
    return {
        "date": when,
        "date_precision": precision,
        "place": place.name if place else None,
        "place_country": place.country if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "negated": bool(fl.negated),
        "hypothetical": bool(fl.hypothetical),
        "future": bool(fl.future),
        "historical": bool(fl.historical),
    }


def _candidates(doc: Doc, model: EventModel, mentions: list[Mention]) -> tuple[list[_Candidate], dict[int, Any]]:
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence_index, []).append(m)
    cands: list[_Candidate] = []
    for sent in doc.sentences:
        ments = by_sentence.get(sent.index)
        if not ments:
            continue
        lang = sent.lang or doc.article.lang
        tokens = tokenize(sent.text)
        matches = find(_lexicon(model, lang), tokens)
        if not matches:
            continue
        ments.sort(key=lambda x: x.start)
        cands.append(_Candidate(sent, lang, tokens, matches, spans(ments, sent.text, sent.start), ments))
    return cands, by_sentence


def extract(doc: Doc, model: EventModel) -> tuple[Event, ...]:
    """The PLOVER events of one article (sentences and mentions must be filled)."""
    if not doc.sentences or not doc.mentions:
        return ()
    mentions = _resolve_references(doc.mentions)
    cands, by_sentence = _candidates(doc, model, mentions)
    if not cands:
        return ()
    choices = _choose(model, cands)
    art = doc.article
    merged: dict[tuple[Any, ...], Event] = {}
    for cand, (anchor, mode_match, conf) in zip(cands, choices, strict=True):
        sent = cand.sentence
        previous: list[str | None] = [
            m.code for k in range(max(0, sent.index - PRONOUN_LOOKBACK), sent.index)
            for m in sorted(by_sentence.get(k, []), key=lambda x: x.start) if m.code
        ]
        core_end = _core_end(anchor, cand.tokens)
        pairs = assign(sent.text, cand.tokens, anchor.head, anchor.start, core_end, anchor.trigger.voice,
                       cand.spans, _pronoun_subject(cand, anchor, previous), mode_match.trigger.type == "CONSULT",
                       cand.lang)
        if not pairs:
            continue
        etype, mode = mode_match.trigger.type, mode_match.trigger.mode
        attrs = _attributes(sent, cand.lang, art.date, anchor.start, core_end)
        etype, mode = _intent(etype, mode, attrs)
        evidence = Evidence(art.id, sent.index, sent.start, sent.end, sent.text)
        trigger_text = sent.text[anchor.start:core_end]
        for source, target in pairs:
            key = (etype, source, target, attrs["negated"], attrs["hypothetical"], attrs["future"],
                   attrs["historical"])
            if key in merged:
                old = merged[key]
                merged[key] = Event(**{**old.__dict__, "evidence": (*old.evidence, evidence),
                                       "confidence": max(old.confidence, conf)})
                continue
            merged[key] = Event(
                id=_event_id(art.id, etype, source, target, sent.index),
                article_id=art.id,
                type=etype,
                mode=mode,
                source=source,
                target=target,
                confidence=round(conf, 4),
                trigger=trigger_text,
                evidence=(evidence,),
                **attrs,
            )
    return tuple(merged.values())


def extract_doc(doc: Doc, model: EventModel, kb: object | None = None) -> Doc:
    """``doc`` with ``events`` set (``kb`` is accepted for the ARCHITECTURE.md signature; unused)."""
    return doc.replace(events=extract(doc, model))
