"""Translation speed on a plain CPU: the naive transformers path vs summarize's default path.

Run from the repository root (needs no download and no network):

    . .venv/bin/activate
    python bench/bench_speed.py --quick      # two short seed articles, a few minutes
    python bench/bench_speed.py              # all five seeds, plus the torch path and the summariser

What it builds (once, cached in --work, default /tmp/summarize-bench):

* ``opus-arch``: a random-weight MarianMT with opus-mt-id-en's architecture — d_model 512,
  6 encoder + 6 decoder layers, 8 heads, FFN 2048, swish, 512 positions, tied embeddings and
  a shared vocabulary of 54,796 entries (opus-mt-id-en: about 54k).  The tokenizer is a real
  SentencePiece model trained on the seed articles (``hard_vocab_limit=False``: the seeds only
  support a few thousand pieces); ``vocab.json`` is padded with placeholder entries up to the
  full size, so embedding and output projection have the real shape and cost.
* ``distilbart-arch``: a random-weight BART with distilbart-cnn-12-6's architecture — d_model
  1024, 12 encoder + 6 decoder layers, 16 heads, FFN 4096, 1024 positions, vocabulary 50,264
  (a byte-level BPE trained on the seeds, padded the same way), and its generation settings.
* their CTranslate2 int8 copies, made with ``summarize.models.registry.convert`` and placed where
  ``backend="auto"`` finds them (``SUMMARIZE_MODELS_DIR`` = the work directory).

Random weights never choose end-of-sentence on their own, so EOS is disabled outright in both
models (final-logits bias -10⁴) and every output runs to its length bound, which is the same
rule on both paths: ``2 × input tokens + 10`` per model input (a paragraph for the naive path,
a sentence for summarize), at most the position limit.  Tokens/s counts, for every model input,
the tokens inside its own bound — the output it is owed.  Tokens a batch spends beyond a
shorter member's bound are not counted, which is conservative for summarize.

Paths, each in its own process (peak RSS is that process's maximum resident set):

* naive: what the model cards show — ``model.generate`` per paragraph, float32, beam 4,
  batch 1, transformers' default threads.
* summarize: ``Pipeline(mt_model=<the HF directory>)`` with defaults — ``auto`` finds the
  converted copy — and its translator run over the article's title and sentences, as
  ``Pipeline.stream`` does (QA retries are not run: random output would trip every check).
  Beam 4, and greedy as a second row; the full run adds ``backend="transformers"`` (the tuned
  torch path: bfloat16 where the CPU has it, token-budget batches).
* first sentence: seconds from launching a fresh Python process to the first translated
  sentence of ``Pipeline.stream`` (imports, model load and first batch included).
* summariser (full run; ``--summarizer`` forces it): distilbart-arch per article with
  ``generate`` (float32, beam 4, 142 new tokens, the model card's way) vs
  ``AbstractiveSummarizer`` (auto → CTranslate2 int8, chunks batched), on the seed text.

The last line printed is the ratio of summarize's tokens/s to the naive path's at beam 4.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
QUICK_SEEDS = ["002_6e46d82985932dbd.txt", "004_761b2eebde964bb7.txt"]
BUILD_VERSION = "1"
MARIAN_VOCAB = 54_796
BART_VOCAB = 50_264
RATIO, OFFSET = 2.0, 10  # the project's DecodingOptions defaults, applied to both paths


# --------------------------------------------------------------------------- building
def _seed_lines() -> list[str]:
    lines: list[str] = []
    for path in SEEDS:
        lines += [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines


def _no_eos(bias: Any, eos_id: int) -> None:
    import torch

    with torch.no_grad():
        bias[..., eos_id] = -1e4


def build_marian(out: Path) -> Path:
    import sentencepiece as spm
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    out.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(_seed_lines()), model_writer=buf, model_type="unigram",
        vocab_size=8000, hard_vocab_limit=False, character_coverage=1.0, num_threads=1,
        minloglevel=2, unk_id=0, bos_id=1, eos_id=2, pad_id=-1,
    )
    (out / "source.spm").write_bytes(buf.getvalue())
    (out / "target.spm").write_bytes(buf.getvalue())
    sp = spm.SentencePieceProcessor(model_proto=buf.getvalue())
    vocab = {"</s>": 0, "<unk>": 1}
    for i in range(sp.get_piece_size()):
        if not (sp.is_control(i) or sp.is_unknown(i)):
            vocab.setdefault(sp.id_to_piece(i), len(vocab))
    pieces = len(vocab)
    while len(vocab) < MARIAN_VOCAB - 1:
        vocab[f"<fill{len(vocab)}>"] = len(vocab)
    pad = len(vocab)
    vocab["<pad>"] = pad
    (out / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    (out / "tokenizer_config.json").write_text(json.dumps({
        "source_lang": "id", "target_lang": "en", "separate_vocabs": False, "unk_token": "<unk>",
        "eos_token": "</s>", "pad_token": "<pad>", "model_max_length": 512,
        "tokenizer_class": "MarianTokenizer",
    }), encoding="utf-8")
    config = MarianConfig(
        vocab_size=MARIAN_VOCAB, decoder_vocab_size=MARIAN_VOCAB, d_model=512,
        encoder_layers=6, decoder_layers=6, encoder_attention_heads=8, decoder_attention_heads=8,
        encoder_ffn_dim=2048, decoder_ffn_dim=2048, max_position_embeddings=512,
        activation_function="swish", scale_embedding=True, share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True, pad_token_id=pad, decoder_start_token_id=pad, eos_token_id=0,
        bos_token_id=0, forced_eos_token_id=0, architectures=["MarianMTModel"],
    )
    torch.manual_seed(0)
    model = MarianMTModel(config).eval()
    _no_eos(model.final_logits_bias, 0)
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad]], decoder_start_token_id=pad, eos_token_id=0, forced_eos_token_id=0,
        max_length=512, num_beams=4, pad_token_id=pad,
    )
    model.save_pretrained(out)
    print(f"built {out.name}: {sum(p.numel() for p in model.parameters()) / 1e6:.1f}M parameters, "
          f"{pieces} SentencePiece pieces padded to {MARIAN_VOCAB}", file=sys.stderr)
    return out


def build_bart(out: Path) -> Path:
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import BartConfig, BartForConditionalGeneration, GenerationConfig

    out.mkdir(parents=True, exist_ok=True)
    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    trainer = trainers.BpeTrainer(
        vocab_size=8000, min_frequency=2, special_tokens=["<s>", "<pad>", "</s>", "<unk>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False,
    )
    bpe.train_from_iterator(_seed_lines(), trainer)
    model_json = json.loads(bpe.to_str())["model"]
    vocab = dict(sorted(model_json["vocab"].items(), key=lambda kv: kv[1]))
    pieces = len(vocab)
    while len(vocab) < BART_VOCAB - 1:
        vocab[f"<fill{len(vocab)}>"] = len(vocab)
    vocab["<mask>"] = len(vocab)
    merges = [m if isinstance(m, str) else " ".join(m) for m in model_json["merges"]]
    (out / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    (out / "merges.txt").write_text("#version: 0.2\n" + "\n".join(merges) + "\n", encoding="utf-8")
    (out / "tokenizer_config.json").write_text(json.dumps({
        "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>",
        "mask_token": "<mask>", "cls_token": "<s>", "sep_token": "</s>", "model_max_length": 1024,
        "add_prefix_space": False, "tokenizer_class": "BartTokenizer",
    }), encoding="utf-8")
    summarization = {"early_stopping": True, "length_penalty": 2.0, "max_length": 142,
                     "min_length": 56, "no_repeat_ngram_size": 3, "num_beams": 4}
    config = BartConfig(
        vocab_size=BART_VOCAB, d_model=1024, encoder_layers=12, decoder_layers=6,
        encoder_attention_heads=16, decoder_attention_heads=16, encoder_ffn_dim=4096,
        decoder_ffn_dim=4096, max_position_embeddings=1024, activation_function="gelu",
        scale_embedding=False, pad_token_id=1, bos_token_id=0, eos_token_id=2,
        decoder_start_token_id=2, forced_bos_token_id=0, forced_eos_token_id=2,
        task_specific_params={"summarization": summarization},
        architectures=["BartForConditionalGeneration"],
    )
    torch.manual_seed(0)
    model = BartForConditionalGeneration(config).eval()
    _no_eos(model.final_logits_bias, 2)
    model.generation_config = GenerationConfig(
        bos_token_id=0, decoder_start_token_id=2, eos_token_id=2, forced_bos_token_id=0,
        forced_eos_token_id=2, pad_token_id=1, **summarization,
    )
    model.save_pretrained(out)
    print(f"built {out.name}: {sum(p.numel() for p in model.parameters()) / 1e6:.1f}M parameters, "
          f"{pieces} BPE tokens padded to {BART_VOCAB}", file=sys.stderr)
    return out


def ensure_models(work: Path, *, summarizer: bool, rebuild: bool) -> dict[str, Path]:
    """HF directories under work/, converted copies where auto finds them (work/<name>-ct2)."""
    os.environ["SUMMARIZE_MODELS_DIR"] = str(work)
    from summarize import models
    from summarize.models import find_converted

    wanted = {"opus-arch": build_marian}
    if summarizer:
        wanted["distilbart-arch"] = build_bart
    dirs: dict[str, Path] = {}
    for name, build in wanted.items():
        folder = work / name
        stamp = folder / "bench-build.txt"
        if rebuild or not stamp.is_file() or stamp.read_text() != BUILD_VERSION:
            t0 = time.perf_counter()
            build(folder)
            stamp.write_text(BUILD_VERSION)
            print(f"  ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
        spec = models.resolve(str(folder))
        if rebuild or find_converted(spec) is None:
            t0 = time.perf_counter()
            out = models.convert(spec, quantization="int8", force=True)
            print(f"converted {name} -> {out} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
        dirs[name] = folder
    return dirs


# --------------------------------------------------------------------------- workloads
def articles(quick: bool) -> list[Any]:
    import summarize

    paths = [p for p in SEEDS if not quick or p.name in QUICK_SEEDS]
    return [summarize.Document.from_file(p) for p in paths]


def naive_units(doc: Any) -> list[str]:
    """What a model-card user sends: the title and each paragraph as one input."""
    return ([doc.title] if doc.title else []) + [" ".join(p) for p in doc.paragraphs]


def project_units(doc: Any) -> list[str]:
    """What the Pipeline sends: the title and every sentence."""
    return ([doc.title] if doc.title else []) + [s for _, s in doc.sentences()]


def bound(n_tokens: int, positions: int) -> int:
    return max(1, min(int(RATIO * n_tokens + OFFSET), positions - 2))


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# --------------------------------------------------------------------------- workers
def worker_naive(model_dir: str, quick: bool, beam: int) -> dict[str, Any]:
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    t_load = time.perf_counter()
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForSeq2SeqLM.from_pretrained(model_dir).eval()
    load_s = time.perf_counter() - t_load
    positions = model.config.max_position_embeddings
    docs = articles(quick)
    owed = generated = 0
    t0 = time.perf_counter()
    for doc in docs:
        for text in naive_units(doc):
            n = len(tokenizer(text, add_special_tokens=False)["input_ids"])
            limit = bound(n, positions)
            with torch.no_grad():
                out = model.generate(**tokenizer([text], return_tensors="pt"), num_beams=beam,
                                     max_new_tokens=limit)
            generated += int(out.shape[1] - 1)
            owed += min(limit, int(out.shape[1] - 1))
    seconds = time.perf_counter() - t0
    return {"tokens": owed, "generated": generated, "seconds": seconds, "articles": len(docs),
            "load_s": load_s, "threads": torch.get_num_threads(), "dtype": "float32",
            "rss_mb": _peak_rss_mb()}


def worker_project(model_dir: str, quick: bool, beam: int, backend: str) -> dict[str, Any]:
    import summarize
    from summarize.mt import translate_all

    t_load = time.perf_counter()
    pipe = summarize.Pipeline(mt_model=model_dir, summarizer="extractive", beam_size=beam,
                              backend=backend, cache=False)
    translator = pipe.translator
    translator.translate(["Model dimuat."])  # load outside the timed loop, as naive does
    load_s = time.perf_counter() - t_load
    translator.tokens_generated = 0
    loaded = translator.loaded
    positions = getattr(loaded, "positions", None) or loaded.model.config.max_position_embeddings
    docs = articles(quick)
    owed = 0
    t0 = time.perf_counter()
    for doc in docs:
        units = project_units(doc)
        out = translate_all(translator, units)
        assert len(out) == len(units)
    seconds = time.perf_counter() - t0
    for doc in docs:
        for text in project_units(doc):
            owed += bound(translator._count(text), positions)
    detail = getattr(loaded, "compute_type", None) or str(getattr(loaded.model, "dtype", ""))
    return {"tokens": owed, "generated": translator.tokens_generated, "seconds": seconds,
            "articles": len(docs), "load_s": load_s, "backend": translator.backend,
            "dtype": detail.replace("torch.", ""), "rss_mb": _peak_rss_mb()}


class _Recorder:
    """Stands in for the ctranslate2.Translator inside summarize's loaded model and writes down
    every translate_batch call (tokens and options) before passing it on."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.calls: list[tuple[list[list[str]], dict[str, Any]]] = []

    def translate_batch(self, tokens: list[list[str]], **options: Any) -> Any:
        self.calls.append(([list(t) for t in tokens], dict(options)))
        return self.real.translate_batch(tokens, **options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def _replay(real: Any, articles_calls: list[list[tuple[list[list[str]], dict[str, Any]]]]
            ) -> tuple[float, int]:
    """The recorded calls alone on the same ctranslate2.Translator, an article at a time as
    Pipeline.run goes: an article's batches all queued at once, then waited for."""
    t0 = time.perf_counter()
    generated = 0
    for calls in articles_calls:
        pending = [real.translate_batch(tokens, **{**options, "asynchronous": True})
                   for tokens, options in calls]
        generated += sum(len(job.result().hypotheses[0]) for jobs in pending for job in jobs)
    return time.perf_counter() - t0, generated


def worker_overhead(model_dir: str, quick: bool, beam: int, repeat: int = 2) -> dict[str, Any]:
    """The whole Pipeline.run of every article (clean text in, Result out: prepare, batching,
    translation, repair, QA flags, brief; retries off, since random output trips every check)
    against raw CTranslate2 translate_batch of exactly the batches it sent, same translator
    object (threads, compute type), same decoding options.  Best of ``repeat`` each."""
    import summarize

    pipe = summarize.Pipeline(mt_model=model_dir, summarizer="extractive", beam_size=beam,
                              cache=False, retry=False)
    translator = pipe.translator
    translator.translate(["Model dimuat."])
    loaded = translator.loaded
    real = loaded.translator
    docs = articles(quick)
    pipeline_s, raw_s, per_article = [], [], []
    for _ in range(repeat):
        per_article = []
        t0 = time.perf_counter()
        for doc in docs:
            recorder = loaded.translator = _Recorder(real)
            pipe.run(doc, bullets=5)
            per_article.append(recorder.calls)
        pipeline_s.append(time.perf_counter() - t0)
        loaded.translator = real
        seconds, generated = _replay(real, per_article)
        raw_s.append(seconds)
    calls = [c for article in per_article for c in article]
    return {"pipeline_s": min(pipeline_s), "raw_s": min(raw_s), "batches": len(calls),
            "sentences": sum(len(t) for t, _ in calls), "generated": generated,
            "articles": len(docs), "backend": translator.backend, "dtype": loaded.compute_type,
            "workers": loaded.workers}


def worker_first(model_dir: str, start: float) -> dict[str, Any]:
    import summarize

    pipe = summarize.Pipeline(mt_model=model_dir, summarizer="extractive", cache=False)
    doc = summarize.Document.from_file(SEEDS[0])
    for event in pipe.stream(doc, bullets=3):
        if event.sentences:
            return {"seconds": time.time() - start, "backend": pipe.translator.backend,
                    "sentences": len(event.sentences), "rss_mb": _peak_rss_mb()}
    raise RuntimeError("no sentence was translated")


def worker_sum_naive(model_dir: str, quick: bool) -> dict[str, Any]:
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForSeq2SeqLM.from_pretrained(model_dir).eval()
    docs = articles(quick)[:1] if quick else articles(False)
    generated = 0
    t0 = time.perf_counter()
    for doc in docs:
        text = " ".join(s for _, s in doc.sentences())
        batch = tokenizer([text], return_tensors="pt", truncation=True, max_length=1024)
        with torch.no_grad():
            out = model.generate(**batch, num_beams=4, max_new_tokens=142, no_repeat_ngram_size=3)
        generated += int(out.shape[1] - 1)
    seconds = time.perf_counter() - t0
    return {"tokens": generated, "generated": generated, "seconds": seconds,
            "articles": len(docs), "rss_mb": _peak_rss_mb(), "dtype": "float32"}


def worker_sum_project(model_dir: str, quick: bool) -> dict[str, Any]:
    from summarize.briefing import AbstractiveSummarizer

    summarizer = AbstractiveSummarizer(model_dir, beam_size=4)
    loaded = summarizer.loaded
    counted = {"tokens": 0}
    original = loaded.generate

    def counting(*args: Any, **kwargs: Any) -> Any:  # instrumentation only
        texts, generated = original(*args, **kwargs)
        counted["tokens"] += generated
        return texts, generated

    loaded.generate = counting  # type: ignore[method-assign]
    summarizer.summarize(["Model dimuat."])
    counted["tokens"] = 0
    docs = articles(quick)[:1] if quick else articles(False)
    t0 = time.perf_counter()
    for doc in docs:
        summarizer.summarize([s for _, s in doc.sentences()])
    seconds = time.perf_counter() - t0
    return {"tokens": counted["tokens"], "generated": counted["tokens"], "seconds": seconds,
            "articles": len(docs), "rss_mb": _peak_rss_mb(),
            "dtype": getattr(loaded, "compute_type", "?"), "backend": type(loaded).__name__}


def run_worker(args: argparse.Namespace) -> None:
    spec = json.loads(args.worker)
    kind = spec.pop("kind")
    fn = {"naive": worker_naive, "project": worker_project, "first": worker_first,
          "overhead": worker_overhead,
          "sum_naive": worker_sum_naive, "sum_project": worker_sum_project}[kind]
    print(json.dumps(fn(**spec)))


def launch(spec: dict[str, Any], work: Path) -> dict[str, Any]:
    env = dict(os.environ, SUMMARIZE_MODELS_DIR=str(work), TRANSFORMERS_VERBOSITY="error",
               HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    if spec["kind"] == "first":
        spec = {**spec, "start": time.time()}
    proc = subprocess.run([sys.executable, __file__, "--worker", json.dumps(spec)],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit(f"worker {spec['kind']} failed")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- report
def _overhead(results: dict[str, dict[str, Any]], opus: str, quick: bool, work: Path) -> None:
    for beam in (4, 1):
        r = results[f"overhead_b{beam}"] = launch(
            {"kind": "overhead", "model_dir": opus, "quick": quick, "beam": beam}, work)
        print(f"pipeline vs raw CTranslate2 (beam {beam}): Pipeline.run of every article "
              f"{r['pipeline_s']:.2f} s, translate_batch alone of the same {r['batches']} batches "
              f"({r['sentences']} sentences, same translator, {r['dtype']}, {r['workers']} workers) "
              f"{r['raw_s']:.2f} s: {r['pipeline_s'] / r['raw_s']:.3f}x (target <= 1.15x)", flush=True)


def _row(label: str, beam: int | str, r: dict[str, Any]) -> str:
    rate = r["tokens"] / r["seconds"]
    return (f"| {label} | {beam} | {rate:,.0f} | {r['seconds'] / r['articles']:.2f} | "
            f"{r['rss_mb']:,.0f} MB |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="two short articles, a few minutes")
    parser.add_argument("--summarizer", action=argparse.BooleanOptionalAction, default=None,
                        help="also measure distilbart-arch (default: only in the full run)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/summarize-bench"),
                        help="where the random-weight models are built and kept")
    parser.add_argument("--rebuild", action="store_true", help="rebuild and reconvert the models")
    parser.add_argument("--overhead", action="store_true",
                        help="only the pipeline-vs-raw-CTranslate2 rows")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run_worker(args)
        return 0
    summarizer = (not args.quick) if args.summarizer is None else args.summarizer
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    dirs = ensure_models(work, summarizer=summarizer, rebuild=args.rebuild)
    opus = str(dirs["opus-arch"])
    load = os.getloadavg()
    docs = articles(args.quick)
    print(f"# {len(docs)} seed articles{' (quick)' if args.quick else ''}; "
          f"{os.cpu_count()} CPUs; load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")

    results: dict[str, dict[str, Any]] = {}
    if args.overhead:
        _overhead(results, opus, args.quick, work)
        return 0
    plan: list[tuple[str, str, int, dict[str, Any]]] = [
        ("naive", "naive transformers: generate per paragraph, float32, batch 1", 4,
         {"kind": "naive", "model_dir": opus, "quick": args.quick, "beam": 4}),
        ("ct2_b4", "summarize default (auto → CTranslate2 int8)", 4,
         {"kind": "project", "model_dir": opus, "quick": args.quick, "beam": 4, "backend": "auto"}),
        ("ct2_b1", "summarize default (auto → CTranslate2 int8)", 1,
         {"kind": "project", "model_dir": opus, "quick": args.quick, "beam": 1, "backend": "auto"}),
    ]
    if not args.quick:
        plan.append(("torch_b4", "summarize --backend transformers", 4,
                     {"kind": "project", "model_dir": opus, "quick": False, "beam": 4,
                      "backend": "transformers"}))
    print("| path | beam | tokens/s | s/article | peak RSS |")
    print("|---|---|---|---|---|")
    for key, label, beam, spec in plan:
        r = results[key] = launch(spec, work)
        extra = f" [{r['dtype']}]" if r.get("dtype") and key == "torch_b4" else ""
        print(_row(label + extra, beam, r), flush=True)
    _overhead(results, opus, args.quick, work)
    first = launch({"kind": "first", "model_dir": opus}, work)
    print(f"first translated sentence {first['seconds']:.2f} s after process start "
          f"({first['backend']}, {first['sentences']} sentences in the first batch)")
    if summarizer:
        bart = str(dirs["distilbart-arch"])
        print("\n| summariser (distilbart-arch, beam 4) | tokens/s | s/article | peak RSS |")
        print("|---|---|---|---|")
        for key, label, kind in (("sum_naive", "naive transformers generate, float32", "sum_naive"),
                                 ("sum_ct2", "summarize AbstractiveSummarizer (auto → CT2 int8)",
                                  "sum_project")):
            r = results[key] = launch({"kind": kind, "model_dir": bart, "quick": args.quick}, work)
            print(f"| {label} | {r['tokens'] / r['seconds']:,.1f} | "
                  f"{r['seconds'] / r['articles']:.2f} | {r['rss_mb']:,.0f} MB |", flush=True)
        ratio_sum = (results["sum_ct2"]["tokens"] / results["sum_ct2"]["seconds"]) / (
            results["sum_naive"]["tokens"] / results["sum_naive"]["seconds"])
        print(f"summariser speed-up: {ratio_sum:.1f}x")
    load = os.getloadavg()
    print(f"# load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    naive = results["naive"]["tokens"] / results["naive"]["seconds"]
    fast = results["ct2_b4"]["tokens"] / results["ct2_b4"]["seconds"]
    print(f"ratio (summarize default vs naive transformers, tokens/s at beam 4): {fast / naive:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
