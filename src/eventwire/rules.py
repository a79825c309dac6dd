"""Coding rules as data: ordered entries with an id, the trigger lemmas they read, conditions over the parse, what
they give (a PLOVER type, a veto), the CAMEO code they follow, a reason, and example sentences.

A rules file (TOML, ``ontologies/*_rules.toml``) is a list of ``[[rule]]`` tables::

    [[rule]]
    id = "fight-alongside"            # unique, lowercase words joined by "-"
    stage = "reading"                 # where the rule applies (the stage module says which stages it reads)
    lemma = ["fight"]                 # trigger lemmas; "@CLASS" takes a word class of lexicon.tsv; none: any
    pos = "VERB"                      # optional: VERB or NOUN
    when = ["child prep alongside|with|for"]   # conditions, all of which must hold
    type = "COOPERATE"                # what it gives: a PLOVER type, "cameo" (the CAMEO pattern's type), or
    # veto = true                     # ... no event here
    cameo = "0622"                    # the CAMEO code it follows
    reason = "fighting alongside another is military cooperation"
    examples = ["Volunteers are fighting alongside the Ukrainian army."]
    counter = ["Rebels are fighting the Ukrainian army."]

Optional keys: ``final = true`` ends the reading with the rule's type; ``agreement = true`` marks the signing or
reaching of a formal agreement (ACLED's Agreement); ``acled = [event type, sub-event type]`` gives a phrase's ACLED
view. A rule's PLOVER mode is the one CAMEO2PLOVER gives its ``cameo`` code when that code's type is the rule's.

A condition is a predicate and its arguments, separated by spaces, optionally after ``not``. Word and dependency
lists are ``|``-separated; an entry ``@CLASS`` is a word class of the lexicon and ``-@CLASS`` or ``-word`` removes
entries; ``*`` is any. The predicates (see :data:`PREDICATES`) read the trigger token and the reading's context;
whatever does not fit them is a named test (``test NAME``), a Python function the stage registers by name with
:meth:`RuleBook.test`. ``else = true`` makes a rule apply only when the rule just above it did not (an "elif").

The loader validates every entry and an error names the file and line. Rules keep their file order: the stage
reads them first to last, and which assignment wins is the order's.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from .errors import ConfigError
from .ontologies import expand_words, lexicon, plover_types

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_LINE = re.compile(r'\s*id\s*=\s*"([^"]*)"')
"""The line of a rule's id in a rules file (for errors that name the line)."""
KEYS = {"id", "stage", "lemma", "pos", "when", "type", "veto", "final", "agreement", "acled", "else", "cameo",
        "reason", "examples", "counter"}


def _words(text: str, where: Callable[[str], ConfigError]) -> frozenset[str] | None:
    """A ``|``-separated word list with lexicon classes; None for ``*``."""
    if text == "*":
        return None
    return expand_words(text.split("|"), lexicon(), lambda missing: where(f"no word class {missing!r} in lexicon.tsv"))


# Predicates: name -> (number of arguments, a maker that turns the parsed arguments into a test of the context).
# The context (``ctx``) has ``tok`` (the trigger token), ``type`` (the type read so far), ``phrase`` (whether the
# trigger was read with its object), ``args`` (lemmas in the object's subtree) and, for verbs read with their object,
# ``lemmas``, ``named``, ``measured``, ``particles`` (see the stage's context class).
def _child(lemmas: bool = False) -> Callable:
    def make(deps, words):
        def test(ctx):
            return any((deps is None or c.dep_ in deps) and
                       (words is None or (c.lemma_.lower() if lemmas else c.lower_) in words)
                       for c in ctx.tok.children)
        return test
    return make


PREDICATES: dict[str, tuple[int, Callable[..., Callable[[Any], bool]]]] = {
    "pos": (1, lambda s: lambda ctx: ctx.tok.pos_ in s),
    "tag": (1, lambda s: lambda ctx: ctx.tok.tag_ in s),
    "dep": (1, lambda s: lambda ctx: ctx.tok.dep_ in s),
    "word": (1, lambda s: lambda ctx: ctx.tok.lower_ in s),
    "head": (1, lambda s: lambda ctx: ctx.tok.head.lemma_.lower() in s),
    "head-word": (1, lambda s: lambda ctx: ctx.tok.head.lower_ in s),
    "head-head": (1, lambda s: lambda ctx: ctx.tok.head.head.lemma_.lower() in s),
    "type": (1, lambda s: lambda ctx: ctx.type in s),
    "phrase": (0, lambda: lambda ctx: ctx.phrase),
    "args": (1, lambda s: lambda ctx: not ctx.args.isdisjoint(s)),
    "no-args": (0, lambda: lambda ctx: not ctx.args),
    "objects": (1, lambda s: lambda ctx: not ctx.lemmas.isdisjoint(s)),
    "named": (1, lambda s: lambda ctx: not ctx.named.isdisjoint(s)),
    "measured": (1, lambda s: lambda ctx: not ctx.measured.isdisjoint(s)),
    "particle": (1, lambda s: lambda ctx: not ctx.particles.isdisjoint(s)),
    "child": (2, _child()),
    "child-lemma": (2, _child(lemmas=True)),
    # "prep-object to mind": a preposition of the trigger's and the lemma of its object ("came to mind")
    "prep-object": (2, lambda preps, words: lambda ctx: any(
        c.dep_ == "prep" and c.lower_ in preps and any(p.dep_ == "pobj" and p.lemma_.lower() in words
                                                       for p in c.children) for c in ctx.tok.children)),
}


@dataclass(frozen=True, slots=True)
class Condition:
    text: str
    check: Callable[[Any], bool]
    negated: bool

    def __call__(self, ctx) -> bool:
        return self.check(ctx) is not self.negated


@dataclass(frozen=True, eq=False)
class Rule:
    id: str
    stage: str
    lemmas: frozenset[str] | None
    pos: str | None
    when: tuple[Condition, ...]
    type: str | None = None
    veto: bool = False
    final: bool = False
    agreement: bool = False
    acled: tuple[str, str] | None = None
    else_: bool = False
    cameo: str | None = None
    reason: str = ""
    examples: tuple[str, ...] = ()
    counter: tuple[str, ...] = ()
    line: int = 0
    source: str = ""

    def matches(self, ctx) -> bool:
        return (self.pos is None or ctx.tok.pos_ == self.pos) and all(c(ctx) for c in self.when)

    def to_dict(self) -> dict:
        return {"id": self.id, "stage": self.stage, "lemma": sorted(self.lemmas) if self.lemmas else None,
                "pos": self.pos, "when": [c.text for c in self.when], "type": self.type, "veto": self.veto,
                "cameo": self.cameo, "reason": self.reason, "examples": list(self.examples),
                "counter": list(self.counter), "source": f"{self.source}:{self.line}"}


@dataclass
class RuleBook:
    """The rules of one file in order, with the named tests they use, and each lemma's applicable rules."""

    name: str
    rules: tuple[Rule, ...]
    tests: dict[str, Callable[[Any], bool]] = field(default_factory=dict)
    _by_lemma: dict[tuple[str, str], tuple[Rule, ...]] = field(default_factory=dict)
    _lemmas: dict[str, frozenset[str]] = field(default_factory=dict)

    def stage(self, stage: str, lemma: str) -> tuple[Rule, ...]:
        """The rules of ``stage`` that can apply to a trigger of ``lemma``, in file order."""
        key = (stage, lemma)
        found = self._by_lemma.get(key)
        if found is None:
            found = self._by_lemma[key] = tuple(
                r for r in self.rules if r.stage == stage and (r.lemmas is None or lemma in r.lemmas))
        return found

    def first(self, stage: str, lemma: str, ctx) -> Rule | None:
        """The first rule of ``stage`` whose conditions hold."""
        return next((r for r in self.stage(stage, lemma) if r.matches(ctx)), None)

    def fired(self, stage: str, lemma: str, ctx) -> Iterable[Rule]:
        """The rules of ``stage`` whose conditions hold, in order, each seen after the ones before it have applied
        (the caller updates ``ctx``; an ``else`` rule is skipped when the rule above it fired)."""
        above = False
        for rule in self.stage(stage, lemma):
            if rule.else_ and above:
                continue  # ``above`` stays true along an else-chain that has fired
            above = rule.matches(ctx)
            if above:
                yield rule

    def lemmas(self, stage: str) -> frozenset[str]:
        """Every lemma some rule of ``stage`` names (for a quick check before reading)."""
        found = self._lemmas.get(stage)
        if found is None:
            found = self._lemmas[stage] = frozenset(
                w for r in self.rules if r.stage == stage and r.lemmas for w in r.lemmas)
        return found

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)


def parse_rules(text: str, name: str, tests: dict[str, Callable[[Any], bool]],
                stages: Iterable[str], *, gives: bool = True, ids: Iterable[str] | None = None) -> RuleBook:
    """Rules from the text of a rules file; every id, stage, type, predicate, word class and named test is
    checked, and an error names the file and the line of the rule. Without ``gives``, a rule gives no type or
    veto (the quotes stage's frames, whose code decides); with ``ids``, the file has exactly these rules (the
    functions that implement them)."""
    source = f"ontologies/{name}"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise ConfigError(f"not TOML: {exc}", source=source, line=int(line.group(1)) if line else None) from exc
    id_lines: dict[str, int] = {}  # each id's first line
    for i, ln in enumerate(text.splitlines()):
        if found := ID_LINE.match(ln):
            id_lines.setdefault(found.group(1), i + 1)
    types = set(plover_types())
    stages = set(stages)
    out: list[Rule] = []
    seen: set[str] = set()
    for k, entry in enumerate(data.get("rule", [])):
        rid = entry.get("id")
        lineno = id_lines.get(str(rid))

        def where(message: str, rid=rid, lineno=lineno, k=k) -> ConfigError:
            return ConfigError(f"rule {rid or k + 1}: {message}", source=source, line=lineno)

        if not isinstance(rid, str) or not ID.match(rid):
            raise where("needs an id of lowercase words joined by '-'")
        if rid in seen:
            raise where("the id is used twice")
        seen.add(rid)
        unknown = set(entry) - KEYS
        if unknown:
            raise where(f"unknown key(s) {', '.join(sorted(unknown))}")
        if entry.get("stage") not in stages:
            raise where(f"stage must be one of {', '.join(sorted(stages))}")
        given = [key for key in ("type", "veto") if key in entry]
        if gives and len(given) != 1:
            raise where("needs exactly one of type or veto")
        if not gives and given:
            raise where("a rule of this file gives no type or veto: its frame decides")
        if "type" in entry and entry["type"] not in types | {"cameo"}:
            raise where(f"unknown PLOVER type {entry['type']!r}")
        if not entry.get("reason") or not entry.get("examples"):
            raise where("needs a reason and at least one example")
        if entry.get("pos") not in (None, "VERB", "NOUN"):
            raise where("pos must be VERB or NOUN")
        lemma = entry.get("lemma")
        lemmas = None
        if lemma is not None:
            lemmas = _words("|".join(lemma) if isinstance(lemma, list) else lemma, where)
        when = tuple(_condition(c, where, tests) for c in entry.get("when", []))
        acled = entry.get("acled")
        if acled is not None and (not isinstance(acled, list) or len(acled) != 2):
            raise where("acled is [event type, sub-event type]")
        rule = Rule(id=rid, stage=entry["stage"], lemmas=lemmas, pos=entry.get("pos"), when=when,
                    type=entry.get("type"), veto=bool(entry.get("veto")), final=bool(entry.get("final")),
                    agreement=bool(entry.get("agreement")), acled=tuple(acled) if acled else None,
                    else_=bool(entry.get("else")), cameo=entry.get("cameo"), reason=entry["reason"],
                    examples=tuple(entry["examples"]), counter=tuple(entry.get("counter", ())), line=lineno or 0,
                    source=source)
        if rule.else_:
            head = next((r for r in reversed(out) if not r.else_), None)  # the "if" of this "elif" chain
            if head is None or out[-1].stage != rule.stage or head.stage != rule.stage or (
                    rule.lemmas is None) != (head.lemmas is None) or (
                    rule.lemmas is not None and not rule.lemmas <= head.lemmas):
                raise where("an else rule follows a rule of its stage whose chain's first rule includes its lemmas")
        out.append(rule)
    if ids is not None and {r.id for r in out} != set(ids):
        missing, unknown = set(ids) - {r.id for r in out}, {r.id for r in out} - set(ids)
        raise ConfigError(f"the rules must be those the code implements: missing {sorted(missing)}, "
                          f"unknown {sorted(unknown)}", source=source)
    return RuleBook(name, tuple(out), tests)


def _condition(text: str, where: Callable[[str], ConfigError], tests: dict) -> Condition:
    parts = text.split()
    negated = bool(parts) and parts[0] == "not"
    parts = parts[1:] if negated else parts
    if not parts:
        raise where(f"empty condition {text!r}")
    name, args = parts[0], parts[1:]
    if name == "test":
        if len(args) != 1 or args[0] not in tests:
            raise where(f"no named test {' '.join(args)!r} (known: {', '.join(sorted(tests))})")
        return Condition(text, tests[args[0]], negated)
    if name not in PREDICATES:
        raise where(f"unknown predicate {name!r} (known: test, {', '.join(sorted(PREDICATES))})")
    arity, make = PREDICATES[name]
    if len(args) != arity:
        raise where(f"{name} takes {arity} argument(s): {text!r}")
    return Condition(text, make(*(_words(a, where) for a in args)), negated)


@cache
def _text(name: str) -> str:
    return resources.files("eventwire.ontologies").joinpath(name).read_text(encoding="utf-8")


def load_rules(name: str, tests: dict[str, Callable[[Any], bool]], stages: Iterable[str], **kwargs) -> RuleBook:
    """The rules of a shipped rules file (``eventwire/ontologies/NAME``); see :func:`parse_rules`."""
    return parse_rules(_text(name), name, tests, stages, **kwargs)
