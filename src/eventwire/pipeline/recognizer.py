"""The model's entity recognizer, decoded a batch of stories at a time in array operations: the same entities, in
a third of the time.

spaCy's entity recognizer reads a story as a sequence of moves, one per token: Begin, In, Last or Unit an entity
of some label, or Out. At each token it scores every move from the token's vector, the vector of the open
entity's first word and of the word before, and takes the best move that is valid there. Its compiled loop asks,
for each of the 74 moves, whether the move is valid, and each of those questions takes and gives back Python's
interpreter lock a few times (``StateC::B_`` calls ``PyGILState_Ensure`` twice): on news text that loop is half of
the recognizer's time, and the recognizer more than half of the whole parse.

:class:`GreedyEntityRecognizer` is the model's recognizer with another decoder. Every story of a batch advances
one token per step, so one step is a few array operations over all the stories still being read: the three
feature vectors summed in the order spaCy sums them, the maxout, the same BLAS call for the scores (a row's scores
do not depend on the other rows, so a whole batch gives the numbers spaCy's quarter batches give), the validity of
every move as a mask (the rules of ``spacy/pipeline/_parser_internals/ner.pyx`` for a story without preset
entities), and the first best valid move. A story that already has entities (set by an earlier component), a
beam-search model, or a model of another shape is decoded by spaCy as before.

:func:`swap_recognizer` puts it in the place of the model's ``ner`` (same name, same weights).
``tests/pipeline/test_recognizer.py`` compares its entities with the model's own on whole stories.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

FACTORY = "eventwire_entity_recognizer"

_MOVES = "BILUO"
"""The move kinds the decoder knows (spaCy's ``MISSING`` move, "M", is never valid when decoding)."""


class _Decoded(list):
    """What :meth:`GreedyEntityRecognizer.predict` returns when it decoded the batch itself: per story, its
    entities as (start, end, label) token offsets."""


def _recognizer_class():
    """:class:`GreedyEntityRecognizer`, defined on first use (spaCy is imported only where it is needed)."""
    global GreedyEntityRecognizer
    if "GreedyEntityRecognizer" in globals():
        return GreedyEntityRecognizer
    from spacy.pipeline import EntityRecognizer
    from spacy.tokens import Doc, Span
    from spacy.util import minibatch

    class GreedyEntityRecognizer(EntityRecognizer):
        """spaCy's ``EntityRecognizer`` whose greedy decoding runs as array operations over the batch (see the
        module). Everything else (training, scoring, serialisation) is spaCy's."""

        def pipe(self, docs, *, batch_size=256):
            """Like spaCy's, without cutting each batch into quarters sorted by length: the array decoder reads
            a whole batch in as many steps as its longest story has tokens (a story's scores do not depend on
            the batch it is scored in)."""
            error_handler = self.get_error_handler()
            for batch in minibatch(docs, size=batch_size):
                batch = list(batch)
                try:
                    self.set_annotations(batch, self.predict(batch))
                    yield from batch
                except Exception as exc:
                    error_handler(self.name, self, batch, exc)

        def predict(self, docs):
            docs = [docs] if isinstance(docs, Doc) else docs
            decoder = self._decoder()
            if decoder is None or not any(len(doc) for doc in docs) \
                    or any(doc.has_annotation("ENT_IOB") for doc in docs):
                return super().predict(docs)
            return _Decoded(decoder(docs))

        def set_annotations(self, docs, states):
            if not isinstance(states, _Decoded):
                return super().set_annotations(docs, states)
            for doc, ents in zip(docs, states, strict=True):
                doc.set_ents([Span(doc, start, end, label=label) for start, end, label in ents], default="outside")
                for hook in self.postprocesses:
                    hook(doc)

        def _decoder(self):
            """The array decoder for this model, or None where spaCy's own must decode."""
            key = id(self.model), self.moves.n_moves
            if getattr(self, "_decoder_key", None) != key:
                self._decoder_key = key
                self._decoder_cache = GreedyDecoder.for_model(self)
            return self._decoder_cache

    return GreedyEntityRecognizer


class GreedyDecoder:
    """Greedy BILUO decoding of a batch of Docs with a ``spacy.TransitionBasedParser`` entity model (three state
    features, maxout pieces, an output layer). Built by :meth:`for_model`."""

    def __init__(self, model, move_names: list[str]) -> None:
        self.model = model  # its weights are read on every call: an update of the model is seen at once
        kinds = np.array([name[0] for name in move_names])
        names = [name[2:] for name in move_names]
        self.labels = sorted({name for name in names if name})
        label_of = np.array([self.labels.index(name) + 1 if name else 0 for name in names])
        self.move_label = label_of
        self.kind = {k: kinds == k for k in _MOVES}
        labelled = label_of != 0
        # moves by kind, as masks over the moves; "same label" is checked against the open entity's label
        self.begin, self.inside, self.last = (self.kind[k] & labelled for k in "BIL")
        self.unit, self.out = self.kind["U"] & labelled, self.kind["O"]
        # the valid moves of every kind of state, as 0 (valid) or -inf to add to the scores: with no entity open,
        # row 2 * goes_on + blank; with one of label L open, row 4 + 2 * L + goes_on (goes_on: a token follows in
        # the same sentence; blank: a whitespace token)
        n_labels = len(self.labels)
        closed = [(False, 0, goes_on, blank) for goes_on in (0, 1) for blank in (0, 1)]
        opened = [(True, lab, goes_on, False) for lab in range(n_labels + 1) for goes_on in (0, 1)]
        opened_, label, goes_on, blank = zip(*closed + opened, strict=True)
        self.mask = np.where(self.valid(opened_, label, goes_on, [False] * len(label), blank), 0.0, -np.inf) \
            .astype(np.float32)

    @classmethod
    def for_model(cls, component) -> GreedyDecoder | None:
        """The decoder for ``component`` (an ``EntityRecognizer``), or None if its model is not one it decodes."""
        names = cls.move_names(component)
        return None if names is None else cls(component.model, names)

    @staticmethod
    def move_names(component) -> list[str] | None:
        """The names of ``component``'s moves if its model is one the decoder reads (greedy, three state features,
        maxout pieces, an output layer, BILUO moves), else None."""
        model, moves = component.model, component.moves
        if component.cfg.get("beam_width", 1) != 1 or len(model.layers) != 3 \
                or not model.attrs.get("has_upper") or model.ops.__class__.__name__ != "NumpyOps":
            return None
        _, lower, upper = model.layers
        if not lower.has_dim("nF") or lower.get_dim("nF") != 3 or lower.get_dim("nP") < 2 \
                or not upper.has_param("W"):
            return None
        names = [moves.get_class_name(i) for i in range(moves.n_moves)]
        if any(name[0] not in _MOVES + "M" or (len(name) > 1 and name[1] != "-") for name in names):
            return None
        return names

    def __call__(self, docs: list[Doc]) -> list[list[tuple[int, int, str]]]:
        from spacy.attrs import IS_SPACE, SENT_START

        tok2vec, lower, upper = self.model.layers
        weights = (upper.ops, upper.get_param("W"), upper.get_param("b"), lower.get_param("b"),
                   np.array(sorted(self.model.attrs.get("unseen_classes", ())), dtype=np.intp))
        lengths = np.array([len(doc) for doc in docs])
        cached = lower.predict(tok2vec.predict(docs))  # (tokens + 1, feature, hidden, piece); row 0: none
        padding = cached[0]
        offsets = np.concatenate([[1], 1 + np.cumsum(lengths)[:-1]])  # each story's first token's row
        width = int(lengths.max()) + 1
        blank = np.zeros((len(docs), width), dtype=np.intp)
        goes_on = np.zeros((len(docs), width), dtype=np.intp)  # a token follows in the same sentence
        for i, doc in enumerate(docs):
            if len(doc):
                blank[i, :len(doc)] = doc.to_array(IS_SPACE)
                goes_on[i, :len(doc) - 1] = doc.to_array(SENT_START)[1:].astype(np.int64) != 1
        is_open = np.zeros(len(docs), dtype=bool)
        first = np.zeros(len(docs), dtype=np.intp)  # the open entity's first token
        label = np.zeros(len(docs), dtype=np.intp)  # and its label (0: none open)
        found: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        active = np.flatnonzero(lengths > 0)
        t = 0
        while len(active):
            opened = is_open[active]
            scores = self._scores(weights, cached, padding, offsets[active] + t, opened,
                                  offsets[active] + first[active])
            state = np.where(opened, 4 + 2 * label[active] + goes_on[active, t], 2 * goes_on[active, t]
                             + blank[active, t])
            scores += self.mask[state]
            best = scores.argmax(axis=1)  # the first best valid move, as spaCy's arg_max_if_valid
            kind = {k: self.kind[k][best] for k in "BLU"}
            move_label = self.move_label[best]
            begins = active[kind["B"]]
            is_open[begins], first[begins], label[begins] = True, t, move_label[kind["B"]]
            lasts = active[kind["L"]]
            if len(lasts):
                found.append((lasts, first[lasts].copy(), np.full(len(lasts), t + 1), label[lasts].copy()))
                is_open[lasts], label[lasts] = False, 0
            units = active[kind["U"]]
            if len(units):
                found.append((units, np.full(len(units), t), np.full(len(units), t + 1), move_label[kind["U"]]))
            t += 1
            active = active[lengths[active] > t]
        ents: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        for story, starts, ends, labels in found:
            for i, start, end, lab in zip(story.tolist(), starts.tolist(), ends.tolist(), labels.tolist(),
                                          strict=True):
                ents[i].append((start, end, self.labels[lab - 1]))  # found in order of their ends
        return ents

    @staticmethod
    def _scores(weights, cached, padding, rows, opened, first_rows) -> np.ndarray:
        """The moves' scores for the stories at token rows ``rows``: features summed in spaCy's order (token, open
        entity's first word, word before), the feature bias, the maxout, the output layer by the same BLAS call."""
        if opened.any():
            hidden = cached[rows, 0].copy()
            hidden += np.where(opened[:, None, None], cached[first_rows, 1], padding[1])
            hidden += np.where(opened[:, None, None], cached[rows - 1, 2], padding[2])
        else:
            hidden = cached[rows, 0] + padding[1]
            hidden += padding[2]
        ops, W, b, feature_bias, unseen = weights
        hidden += feature_bias
        scores = ops.gemm(np.ascontiguousarray(hidden.max(axis=2)), W, trans2=True)
        scores += b
        if len(unseen):
            scores[:, unseen] = scores.min()
        return scores

    def valid(self, opened, label, more, split, blank) -> np.ndarray:
        """Which moves are valid, per story (a row) and move (a column), for stories with or without an open
        entity of label ``label`` (an index into :attr:`labels`, from 1), with or without a token after this one,
        one that starts a sentence (``split``), at a whitespace token (``blank``). The rules of spaCy's BILUO moves
        for a story with no preset entities."""
        opened, more, split, blank = (np.asarray(a, dtype=bool)[:, None] for a in (opened, more, split, blank))
        same = self.move_label[None, :] == np.asarray(label)[:, None]
        return (self.begin & ~opened & more & ~split & ~blank) | (self.inside & opened & more & ~split & same) \
            | (self.last & opened & same) | (self.unit & ~opened & ~blank) | (self.out & ~opened)


def swap_recognizer(nlp: Language) -> Language:
    """Put :class:`GreedyEntityRecognizer` in the place of the model's ``ner`` (same name, position and weights)
    where its model is one the array decoder reads; returns ``nlp``."""
    from spacy.language import Language
    from spacy.pipeline import EntityRecognizer

    if "ner" not in nlp.pipe_names or type(stock := nlp.get_pipe("ner")) is not EntityRecognizer \
            or GreedyDecoder.move_names(stock) is None:
        return nlp
    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, default_config=dict(Language.get_factory_meta("ner").default_config),
                         func=_make_recognizer)
    config = {key: value for key, value in nlp.get_pipe_config("ner").items() if key != "factory"}
    weights = stock.to_bytes(exclude=["vocab"])
    nlp.replace_pipe("ner", FACTORY, config=config)
    nlp.get_pipe("ner").from_bytes(weights, exclude=["vocab"])
    return nlp


def _make_recognizer(nlp, name, model, moves, update_with_oracle_cut_size, incorrect_spans_key, scorer):
    """The factory of :class:`GreedyEntityRecognizer`: spaCy's ``ner`` factory's arguments."""
    return _recognizer_class()(nlp.vocab, model, name=name, moves=moves, scorer=scorer,
                               update_with_oracle_cut_size=update_with_oracle_cut_size,
                               incorrect_spans_key=incorrect_spans_key)
