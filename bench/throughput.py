"""Throughput and peak memory of `newsgraph run` on generated ~3 KB articles.

    python bench/throughput.py                         # 1k and 10k articles, text stages, 1 and 2 workers
    python bench/throughput.py --n 1000 --mode fast    # whole pipeline, lexicons only
    python bench/throughput.py --n 200 --mode default  # whole pipeline with embeddings

Each configuration runs in its own process so peak RSS (the process plus its
workers, from getrusage) is its own.  Articles are assembled from a small pool
of sentences written for this bench in eight languages, shuffled per article so
no two articles are equal (equal articles would be deduplicated).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

POOL = {
    "en": [
        "The foreign minister said on Tuesday that talks with Minsk had stalled over the border dispute.",
        "Armenia recalled its ambassador from Belarus after remarks by President Lukashenko.",
        "NATO allies agreed to send additional air defence systems to Ukraine before the winter.",
        "The European Union imposed new sanctions on Belarusian officials over the crackdown.",
        "Protesters gathered outside the parliament in Yerevan, demanding the government resign.",
    ],
    "it": [
        "Il ministro degli Esteri ha dichiarato martedì che i colloqui con Minsk sono in stallo.",
        "L'Armenia ha richiamato il proprio ambasciatore dalla Bielorussia dopo le parole di Lukashenko.",
        "Gli alleati della NATO hanno concordato l'invio di nuovi sistemi di difesa aerea all'Ucraina.",
        "L'Unione europea ha imposto nuove sanzioni contro funzionari bielorussi.",
    ],
    "ro": [
        "Ministrul de externe a declarat marți că negocierile cu Minskul au intrat în impas.",
        "Armenia și-a rechemat ambasadorul din Belarus după declarațiile lui Lukașenko.",
        "Aliații NATO au convenit să trimită Ucrainei noi sisteme de apărare antiaeriană.",
        "Uniunea Europeană a impus noi sancțiuni oficialilor belaruși.",
    ],
    "ru": [
        "Министр иностранных дел заявил во вторник, что переговоры с Минском зашли в тупик.",
        "Армения отозвала своего посла из Белоруссии после заявлений Лукашенко.",
        "Союзники по НАТО договорились направить Украине дополнительные системы ПВО.",
        "Европейский союз ввёл новые санкции против белорусских чиновников.",
    ],
    "pl": [
        "Minister spraw zagranicznych oświadczył we wtorek, że rozmowy z Mińskiem utknęły w martwym punkcie.",
        "Armenia odwołała swojego ambasadora z Białorusi po słowach Łukaszenki.",
        "Sojusznicy z NATO uzgodnili wysłanie Ukrainie dodatkowych systemów obrony powietrznej.",
    ],
    "es": [
        "El ministro de Exteriores afirmó el martes que las conversaciones con Minsk están estancadas.",
        "Armenia llamó a consultas a su embajador en Bielorrusia tras las palabras de Lukashenko.",
        "La Unión Europea impuso nuevas sanciones a funcionarios bielorrusos.",
    ],
    "fr": [
        "Le ministre des Affaires étrangères a déclaré mardi que les pourparlers avec Minsk étaient au point mort.",
        "L'Arménie a rappelé son ambassadeur en Biélorussie après les propos de Loukachenko.",
        "L'Union européenne a imposé de nouvelles sanctions à des responsables biélorusses.",
    ],
    "de": [
        "Der Außenminister sagte am Dienstag, die Gespräche mit Minsk seien ins Stocken geraten.",
        "Armenien hat seinen Botschafter aus Belarus nach Äußerungen Lukaschenkos zurückgerufen.",
        "Die Europäische Union verhängte neue Sanktionen gegen belarussische Beamte.",
    ],
}
BOILERPLATE = ["Leave a Reply", "Photo: Getty Images", "Share on Facebook", "Read also: more news"]
TARGET_BYTES = 3000


def make_articles(n: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    langs = sorted(POOL)
    out = []
    for i in range(n):
        lang = langs[i % len(langs)]
        paras: list[str] = []
        size = 0
        while size < TARGET_BYTES:
            para = " ".join(rng.sample(POOL[lang], k=min(3, len(POOL[lang]))))
            paras.append(para)
            size += len(para.encode())
        paras.insert(rng.randrange(len(paras)), rng.choice(BOILERPLATE))
        out.append({"id": f"bench-{i}", "title": f"Bench article {i}", "text": "\n\n".join(paras),
                    "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "source": f"site{i % 5}"})
    return out


def run_one(n: int, workers: int, mode: str) -> dict[str, float | int | str]:
    from newsgraph.api import process
    from newsgraph.options import Options

    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        feed.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in make_articles(n)), encoding="utf-8")
        opts = Options.create(db=Path(tmp) / "bench.duckdb", workers=workers, fast=mode != "default",
                              extract=mode != "text", stories=False)
        t0 = time.perf_counter()
        summary = process([feed], opts)
        secs = time.perf_counter() - t0
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"n": n, "workers": workers, "mode": mode, "stored": summary.articles, "seconds": round(secs, 2),
            "articles_per_s": round(n / secs, 1), "peak_rss_mb": round(max(self_kb, child_kb) / 1024, 1),
            "peak_rss_total_mb": round((self_kb + workers * child_kb * (workers > 1)) / 1024, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, nargs="*", default=[1000, 10000])
    ap.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    ap.add_argument("--mode", choices=["text", "fast", "default"], default="text")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.n[0], args.workers[0], args.mode)))
        return
    print("| articles | workers | mode | articles/s | peak RSS MB (largest process) | total RSS MB |")
    print("|---|---|---|---|---|---|")
    for n in args.n:
        for w in args.workers:
            res = subprocess.run([sys.executable, __file__, "--one", "--n", str(n), "--workers", str(w),
                                  "--mode", args.mode], capture_output=True, text=True, check=True)
            r = json.loads(res.stdout.strip().splitlines()[-1])
            print(f"| {r['n']} | {r['workers']} | {r['mode']} | {r['articles_per_s']} | {r['peak_rss_mb']} |"
                  f" {r['peak_rss_total_mb']} |", flush=True)


if __name__ == "__main__":
    main()
