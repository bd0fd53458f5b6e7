"""The combined brief: 5-8 English bullets across outlets, each citing its outlets and sentences.

Each article's key sentences (the extractive ranker) are pooled; sentences of different
outlets that say the same thing (TF-IDF cosine of their Indonesian content words at least
``SAME_FACT_COSINE``, or the same figure row) form one fact.  Facts reported by more outlets
come first; a fact only one outlet reports is marked as such.  The bullet's text is the English
of the fact's best-ranked sentence, so it is grounded like the single-article brief.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..briefing import content_tokens, rank_sentences, tfidf, word_tokens
from .model import Figure, StoryArticle, StoryBullet, ref

__all__ = ["SAME_FACT_COSINE", "combined_brief"]

SAME_FACT_COSINE = 0.35
_PER_ARTICLE = 6
_MIN_BULLETS, _MAX_BULLETS = 5, 8


@dataclass
class _Candidate:
    article: StoryArticle
    sentence_id: str
    rank: int  # 0 = the article's best sentence
    tokens: list[str]
    refs: set[str] = field(default_factory=set)

    @property
    def ref(self) -> str:
        return ref(self.article.id, self.sentence_id)


def _candidates(articles: list[StoryArticle]) -> list[_Candidate]:
    out = []
    for article in articles:
        paragraphs = [[s.source for s in p] for p in article.result.paragraphs]
        title = article.result.title.source if article.result.title else None
        picks = rank_sentences(paragraphs, title=title, n=_PER_ARTICLE)
        for rank, (i, j) in enumerate(picks):
            s = article.result.paragraphs[i][j]
            out.append(_Candidate(article, s.id, rank, content_tokens(word_tokens(s.source))))
    return out


def _facts(cands: list[_Candidate], figures: list[Figure]) -> list[list[_Candidate]]:
    if not cands:
        return []
    vectors = tfidf([c.tokens for c in cands])
    sim = vectors @ vectors.T
    by_figure: dict[str, set[str]] = {}
    for f in figures:
        if len(f.outlets) > 1:
            for r in f.sources:
                by_figure.setdefault(r, set()).update(f.sources)
    facts: list[list[_Candidate]] = []
    order = sorted(range(len(cands)), key=lambda k: (cands[k].rank, k))
    for k in order:
        best, best_sim = None, SAME_FACT_COSINE
        for f, members in enumerate(facts):
            if any(m.article.id == cands[k].article.id for m in members):
                continue  # one sentence per outlet in a fact
            linked = any(m.ref in by_figure.get(cands[k].ref, ()) for m in members)
            score = max(float(sim[k, cands.index(m)]) for m in members)
            if linked:
                score = max(score, SAME_FACT_COSINE + 0.01)
            if score >= best_sim:
                best, best_sim = f, score
        if best is None:
            facts.append([cands[k]])
        else:
            facts[best].append(cands[k])
    return facts


def combined_brief(articles: list[StoryArticle], figures: list[Figure], *, max_bullets: int = _MAX_BULLETS
                   ) -> list[StoryBullet]:
    """5-8 bullets (fewer when the articles say less), most widely reported facts first."""
    facts = _facts(_candidates(articles), figures)
    facts.sort(key=lambda f: (-len({m.article.id for m in f}), min(m.rank for m in f)))
    want = max(_MIN_BULLETS, min(max_bullets, len(facts)))
    bullets = []
    names = {a.id: a.outlet for a in articles}
    for fact in facts[:want]:
        lead = min(fact, key=lambda m: (m.rank, len(m.article.result.sentence(m.sentence_id).translation or "")))
        sentence = lead.article.result.sentence(lead.sentence_id)
        outlets = list(dict.fromkeys(m.article.id for m in sorted(fact, key=lambda m: m.article.id)))
        text = sentence.translation if sentence is not None else ""
        only = names[outlets[0]] if len(outlets) == 1 and len(articles) > 1 else None
        if only:
            text = f"only {only}: {text}"
        bullets.append(StoryBullet(text=text, outlets=outlets, sources=[m.ref for m in fact], only=only))
    return bullets
