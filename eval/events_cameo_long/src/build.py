#!/usr/bin/env python3
"""Build cameo_long_en_dev.jsonl / cameo_long_en_test.jsonl from the hand-written src/*.txt files.

Line format:  CODE | sentence | events
  events: ';'-separated; each  [TYPE][/mode]:SRC>TGT  or  SRC<>TGT (both directions);
  TYPE and mode default to the CAMEO code's row in MODES below; '-' = null actor;
  '/-' = mode null; an empty events field = "events": [] (CODE 000 = no-event sentence).
Lines in src/t_*.txt go to test, all other src/*.txt lines to dev (one sentence per code in each).
"""
import json, re, sys, os, collections

D = os.path.dirname(os.path.abspath(__file__))
# CAMEO code -> (PLOVER type, default 2.0 mode) ; from CAMEO2PLOVER-2021.txt with 2.0 renamings
MAP = {}
for line in open('/work/shared/data/plover/CAMEO2PLOVER-2021.txt'):
    m = re.match(r'^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,]*),', line)
    if m:
        MAP[m.group(1)] = [m.group(2), m.group(3).strip() or None]
VALID = {}
for line in open('/work/shared/data/plover/plover_types_modes_scores.tsv'):
    f = line.rstrip('\n').split('\t')
    if f[0] != 'event' and f[1]:
        VALID.setdefault(f[0], set()).add(f[1])
REN = {('ASSAULT', 'assassinate'): 'targeted', ('COERCE', 'ban'): 'restrict',
       ('THREATEN', 'ban'): 'restrict', ('THREATEN', 'political'): 'restrict',
       ('ASSAULT', 'seize'): 'destroy', ('ASSAULT', 'pro_autocracy'): None}
for c, (t, m) in MAP.items():
    m = REN.get((t, m), m)
    if m is not None and m not in VALID.get(t, ()):
        m = None
    MAP[c][1] = m
MAP['195'][1] = 'aerial'      # 2.0 has a mode for aircraft
MAP['000'] = [None, None]

def code(a):
    a = a.strip()
    return None if a in ('-', 'null', '') else a

def parse_events(c, spec):
    t0, m0 = MAP[c]
    out = []
    for part in [p.strip() for p in spec.split(';') if p.strip()]:
        t, m = t0, m0
        if ':' in part:
            head, part = part.split(':', 1)
            if '/' in head:
                th, mh = head.split('/', 1)
                m = None if mh in ('-', '') else mh
                if th: t = th
            elif head:
                t = head
                if head != t0: m = None
        if '<>' in part:
            a, b = part.split('<>')
            pairs = [(code(a), code(b)), (code(b), code(a))]
        else:
            a, b = part.split('>')
            pairs = [(code(a), code(b))]
        for s, g in pairs:
            assert t in VALID or t in ('AGREE','SUPPORT','CONCEDE','COOPERATE','AID'), (c, part, t)
            assert m is None or m in VALID.get(t, ()), (c, part, t, m)
            ev = {"type": t, "mode": m, "source": s, "target": g}
            if ev not in out: out.append(ev)
    return out

rows = []
for fn in sorted(os.listdir(D)):
    if not fn.endswith('.txt'): continue
    for ln, line in enumerate(open(os.path.join(D, fn), encoding='utf-8'), 1):
        line = line.strip()
        if not line or line.startswith('#'): continue
        f = [x.strip() for x in line.split('|')]
        assert len(f) == 3 and f[0] in MAP, (fn, ln, line)
        rows.append((f[0], f[1], parse_events(f[0], f[2]), fn, ln))

# files named t_*.txt hold the test sentences, all other files the dev sentences
dev, test = [], []
for c, text, evs, fn, ln in rows:
    (test if fn.startswith('t_') else dev).append((c, text, evs))
for name, rs, p in (('cameo_long_en_dev.jsonl', dev, 'cameol-d'), ('cameo_long_en_test.jsonl', test, 'cameol-t')):
    with open(os.path.join(D, '..', name), 'w', encoding='utf-8') as o:
        for i, (c, text, evs) in enumerate(rs):
            o.write(json.dumps({"id": f"{p}{i:03d}", "lang": "en", "text": text, "events": evs},
                               ensure_ascii=False) + '\n')
# coverage report
codes = [c for c in MAP if c != '000']
have = collections.Counter(r[0] for r in rows)
miss = [c for c in codes if have[c] < 2]
for name, rs in (('dev', dev), ('test', test)):
    hc = collections.Counter(r[0] for r in rs)
    print(name, 'codes missing:', [c for c in codes if hc[c] == 0], 'codes twice:', [c for c in codes if hc[c] > 1])
print('codes', len(codes), 'covered', sum(1 for c in codes if have[c] >= 1), 'with2', sum(1 for c in codes if have[c] >= 2))
print('missing/under 2:', ' '.join(miss))
for name, rs in (('dev', dev), ('test', test)):
    tc = collections.Counter(e['type'] for _, _, evs in rs for e in evs)
    print(name, len(rs), 'sentences', sum(tc.values()), 'events', 'no-event', sum(1 for r in rs if not r[2]), dict(sorted(tc.items())))
for name, rs in (('dev', dev), ('test', test)):
    wl = [len(t.split()) for _, t, _ in rs]
    bad = [(c, len(t.split())) for c, t, _ in rs if not 20 <= len(t.split()) <= 40]
    print(name, 'mean words %.1f' % (sum(wl) / max(1, len(wl))), 'min', min(wl, default=0), 'max', max(wl, default=0),
          'multi-event docs', sum(1 for r in rs if len(r[2]) > 1), 'out of 20-40:', bad)
