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


@pytest.mark.parametrize("text,code", [
    ("Israel allowed fuel into Gaza.", "en"),  # no function word; an n-gram model's doubtful first guess is Welsh
    ("Taliban militants captured a district in Kunduz province.", "en"),
    ("Putin warns Kyiv over strikes", "en"),
    ("Putin and Biden met.", "en"),  # a doubtful first guess (Finnish, 0.09) and an English function word
    ("El gobierno anunció ayer un plan.", "es"),
    ("Le gouvernement a annoncé hier un plan.", "fr"),
    ("Rząd ogłosił wczoraj plan.", "pl"),
    ("Kim Jong Un met Putin.", "en"),  # an irregular past ("met") is an English event word
    ("Abdel Fattah el-Sissi met Recep Tayyip Erdogan in Cairo.", "en"),  # was read as Indonesian
    ("Kim Jong Un a rencontré Poutine.", "fr"),  # "a" alone, with no English event word, is no English
    ("Macron a rencontré Biden à Paris.", "fr"),
])
def test_language_short_texts(text, code):
    assert detect_language(text) == code
