import pytest

from eventwire.language import detect_language


@pytest.mark.parametrize("text,code", [
    ("The minister said on Monday that the talks would resume in Geneva next week, officials confirmed.", "en"),
    ("El ministro dijo el lunes que las conversaciones se reanudarán en Ginebra la próxima semana.", "es"),
    ("Le ministre a déclaré lundi que les négociations reprendraient à Genève la semaine prochaine.", "fr"),
    ("Der Minister sagte am Montag, die Gespräche würden nächste Woche in Genf wieder aufgenommen.", "de"),
    ("Министр заявил в понедельник, что переговоры возобновятся в Женеве на следующей неделе.", "ru"),
    ("12345 67890", "und"),
])
def test_language_detect(text, code):
    assert detect_language(text) == code
